"""Seals: digests that say "these exact bytes were validated by the schema of record".

The store seals the journal after each validated write and after each full read that found it
valid and in paintrack's own form (`<journal>.seal`); the shipped catalogue's digest is recorded in
`catalogue_file.SHIPPED_DIGEST` and checked by the test suite. Bytes whose digest matches are
read without validating them again (the sealed reader still checks every range); any other
bytes are validated in full. The key covers everything that decides validity: the schema, the
codec and its migrations, the store's parser (duplicate keys, numbers, schema versions), the
ranges and names they take from the domain, and the pydantic release that runs them (a test
checks that every paintrack module the parser imports is listed). A seal made under any other version never matches.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
#: The sources that decide whether a journal is valid.
JOURNAL_SCHEMA_SOURCES = (
    "storage/schema.py", "storage/codec.py", "storage/store.py", "domain/measures.py",
    "domain/redflags.py", "domain/aspects.py", "domain/records.py", "domain/history.py",
)


def digest(data: bytes, key: bytes = b"", person: bytes = b"") -> str:
    """BLAKE2b-256 of `data`, as hex."""
    try:
        # hashlib's own BLAKE2b, without the OpenSSL import `import hashlib` makes (~5 ms)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python implementation
        from hashlib import blake2b
    return blake2b(data, digest_size=32, key=key, person=person).hexdigest()


def _pydantic_release() -> bytes:
    """pydantic's version file (it pins pydantic-core), found without importing pydantic."""
    spec = importlib.util.find_spec("pydantic")
    if spec is None or spec.origin is None:
        return b""
    return (Path(spec.origin).parent / "version.py").read_bytes()


_KEY: bytes | None = None


def _key() -> bytes | None:
    global _KEY
    if _KEY is None:
        try:
            schema = b"".join((_PACKAGE / name).read_bytes() for name in JOURNAL_SCHEMA_SOURCES)
            schema += _pydantic_release()
        except OSError:
            return None
        _KEY = bytes.fromhex(digest(schema))
    return _KEY


def journal_seal(data: bytes) -> str | None:
    """The seal of journal bytes the schema accepted; None if the schema's sources cannot be
    read (the journal is then always validated)."""
    key = _key()
    if key is None:
        return None
    return digest(data, key=key, person=b"paintrack.seal")
