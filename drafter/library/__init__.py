"""The content library: everything under templates/, loaded once per process."""

from .load import Library, load, templates_root

__all__ = ["Library", "load", "templates_root"]
