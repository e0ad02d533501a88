"""The content library: everything under templates/, loaded once per process."""

from .load import LEVELS, PROGRAMMES, Library, load, templates_root

__all__ = ["LEVELS", "PROGRAMMES", "Library", "load", "templates_root"]
