"""The pure domain: records, instruments, rules, projection and the typed report. No files, no pydantic, no rich, no typer."""
