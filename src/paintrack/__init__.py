"""paintrack: follow a chronic-pain reversal plan and show, with numbers, whether it works."""

__version__ = "0.2.0"
