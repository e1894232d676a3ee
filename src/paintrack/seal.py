"""Seals: digests that say "these exact bytes were validated by the schema of record".

A journal is sealed by the store after each validated write (`journal_seal`, kept in
`<journal>.seal`); the shipped catalogue's digest is recorded in `catalogue.SHIPPED_DIGEST`
and checked by the test suite. Bytes whose digest matches are read without validating them
again; any other bytes are validated in full.
"""

from __future__ import annotations

from pathlib import Path

#: The journal's schema of record: the models, and the ranges they take from `measures`.
JOURNAL_SCHEMA_SOURCES = ("models.py", "measures.py")


def digest(data: bytes, key: bytes = b"", person: bytes = b"") -> str:
    """BLAKE2b-256 of `data`, as hex."""
    try:
        # hashlib's own BLAKE2b, without the OpenSSL import `import hashlib` makes (~5 ms)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python implementation
        from hashlib import blake2b
    return blake2b(data, digest_size=32, key=key, person=person).hexdigest()


def journal_seal(data: bytes) -> str | None:
    """The seal of journal bytes the models accepted: their digest keyed by the source of those
    models, so a seal made under other models (another paintrack version) never matches.
    None if that source cannot be read (the journal is then always validated)."""
    here = Path(__file__).parent
    try:
        schema = b"".join((here / name).read_bytes() for name in JOURNAL_SCHEMA_SOURCES)
    except OSError:
        return None
    key = bytes.fromhex(digest(schema))
    return digest(data, key=key, person=b"paintrack.seal")
