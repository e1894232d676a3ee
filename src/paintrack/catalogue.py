"""The modality catalogue (data/modalities.toml), validated on load.

Every number carries its source. A modality whose sources give no figure has no
`reduction_low`/`reduction_high`, and paintrack says "no estimate" for it.

The schema of record is the pydantic model in `catalogue_schema`. The catalogue shipped with
paintrack is validated by the test suite, which also checks that `SHIPPED_DIGEST` is that
file's digest; a catalogue with that digest is read without importing pydantic (the fast path
of `report`). Any other file (another path, an edited install) is validated in full.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from paintrack.errors import PaintrackError
from paintrack.seal import digest

#: BLAKE2b-256 of data/modalities.toml as shipped (tests/test_catalogue.py checks it and that
#: the file passes the schema; after editing the catalogue, put the digest the test prints here).
SHIPPED_DIGEST = "e9c8213bc2a4aad6492ee264983017afea658b3fd9a091809a2895d4764853df"


@dataclass(frozen=True, slots=True, kw_only=True)
class Modality:
    """One modality, as the schema accepted it (the same fields as catalogue_schema.Modality)."""

    id: str
    name: str
    category: str
    mechanism: str
    reduction_low: float | None = None
    reduction_high: float | None = None
    onset_weeks: float | None = None
    full_effect_weeks: float | None = None
    wanes_after_weeks: float | None = None
    evidence: str
    sources: list[str] = field(default_factory=list)

    @property
    def has_estimate(self) -> bool:
        return self.reduction_low is not None


def default_path() -> Path:
    """The catalogue inside the installed package, else the repository's data/ folder."""
    packaged = Path(__file__).resolve().parent / "data" / "modalities.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "modalities.toml"


def load_catalogue(path: Path | None = None) -> dict[str, Modality]:
    """id → Modality, in file order; a broken catalogue is a PaintrackError naming what is wrong."""
    shipped = path is None
    path = path or default_path()
    try:
        raw = path.read_bytes()
        tables = tomllib.loads(raw.decode("utf-8"))
    except OSError as e:
        raise PaintrackError(f"cannot read the modality catalogue {path}: {e.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise PaintrackError(f"the modality catalogue {path} is not valid TOML: {e}") from None
    if shipped and digest(raw) == SHIPPED_DIGEST:  # validated by the test suite
        return {mid: _checked_record(mid, table) for mid, table in tables.items()}
    return parse_catalogue(tables, path)


_NUMBERS = ("reduction_low", "reduction_high", "onset_weeks", "full_effect_weeks", "wanes_after_weeks")


def _checked_record(modality_id: str, table: dict) -> Modality:
    """A table of the shipped catalogue (which the tests validate), as the schema would give it:
    its numbers as floats (TOML writes `26` for 26 weeks; the schema's fields are floats)."""
    numbers = {k: float(table[k]) for k in _NUMBERS if table.get(k) is not None}
    return Modality(id=modality_id, **{**table, **numbers})


def parse_catalogue(raw: dict, path: Path | str = "modalities.toml") -> dict[str, Modality]:
    """Validate parsed TOML with the schema (imports pydantic); id → Modality, in file order."""
    from paintrack.catalogue_schema import parse_catalogue as validate

    return validate(raw, path)
