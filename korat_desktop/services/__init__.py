"""Core operations shared by the CLI and the UI: each takes plain values and returns
frozen dataclasses plus what changed. No Qt, no ORM objects leave this layer."""
