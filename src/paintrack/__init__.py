"""paintrack: follow a chronic-pain reversal plan and show, with numbers, whether it works."""

__version__ = "0.1.0"

#: The journal schema this paintrack writes (`"schema_version"` at the top of the file).
SCHEMA_VERSION = 1
