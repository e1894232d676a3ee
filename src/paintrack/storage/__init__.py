"""The storage layer: the only code that touches files. Its pydantic schema is private to it."""
