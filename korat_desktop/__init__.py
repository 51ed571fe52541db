"""Korat Desktop: offline-first official correspondence (งานสารบรรณ) for Thai offices."""

__all__ = ["__version__"]

__version__ = "0.1.0"
