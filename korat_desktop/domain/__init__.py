"""Pure-Python rules of Thai official correspondence: no I/O, no Qt, no database."""
