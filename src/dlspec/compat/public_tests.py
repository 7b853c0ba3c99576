"""Stands in for the original course's `public_tests.py`: every name is a function that does nothing."""

from dlspec.compat._lazy import silent

__getattr__ = silent(__name__)
