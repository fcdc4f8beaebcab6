"""The single source of the application's version (read by pyproject.toml and the installer spec)."""

__version__ = "0.1.0"
