"""Fixtures of the aspiration tests (see _aspirasi.py)."""
from ._aspirasi import dunia  # noqa: F401
