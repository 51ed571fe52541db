"""courier layer."""
