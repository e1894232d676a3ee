"""data/modalities.toml: read, validated, and handed out as `domain.catalogue` records.

The schema (pydantic, below) is the catalogue's schema of record. The file shipped with
paintrack is validated by the test suite, which also checks that `SHIPPED_DIGEST` is its digest;
a catalogue with that digest is read without importing pydantic, and from its JSON mirror
(data/modalities.json, the same tables, written by `write_mirror()` and checked by the tests)
when the mirror names that digest: parsing TOML in Python costs ~8 ms a report, JSON ~0.5 ms.
Any other file is validated in full; a broken catalogue is one clear error naming the modality
and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from paintrack.domain.catalogue import ArticleClaim, Catalogue, Harm, Modality, Responders, Source
from paintrack.errors import PaintrackError
from paintrack.storage.seal import digest

#: BLAKE2b-256 of data/modalities.toml as shipped (tests/test_catalogue.py prints the new one).
SHIPPED_DIGEST = "6bee0668ba1df00455ba7094715ac875e2c7b0d0f0a2394b96f10d3c3fd69087"


def default_path() -> Path:
    """The catalogue inside the installed package, else the repository's data/ folder."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data" / "modalities.toml"
    if packaged.is_file():
        return packaged
    return here.parents[1] / "data" / "modalities.toml"


_CACHE: dict[Path, Catalogue] = {}


def load_catalogue(path: Path | None = None) -> Catalogue:
    """id → Modality, in file order (read once per process)."""
    shipped = path is None
    path = path or default_path()
    if path in _CACHE:
        return _CACHE[path]
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise PaintrackError(f"cannot read the modality catalogue {path}: {e.strerror}") from None
    as_shipped = shipped and bool(SHIPPED_DIGEST) and digest(raw) == SHIPPED_DIGEST
    tables = _mirrored(path) if as_shipped else None
    if tables is None:
        import tomllib  # only here: the shipped catalogue is read from its mirror (tomllib costs ~4 ms to import)

        try:
            tables = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise PaintrackError(f"the modality catalogue {path} is not valid TOML: {e}") from None
    if not as_shipped:
        validate(tables, path)
    catalogue = {mid: _record(mid, table) for mid, table in tables.items()}
    _CACHE[path] = catalogue
    return catalogue


def mirror_path(path: Path) -> Path:
    return path.with_suffix(".json")


def _mirrored(path: Path) -> dict[str, Any] | None:
    """The shipped catalogue's tables from its JSON mirror, if the mirror is of these bytes."""
    try:
        mirror = json.loads(mirror_path(path).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(mirror, dict) or mirror.get("toml_digest") != SHIPPED_DIGEST:
        return None
    tables = mirror.get("modalities")
    return tables if isinstance(tables, dict) else None


def mirror_text(path: Path) -> str:
    """The JSON mirror of the catalogue at `path` (data/modalities.json)."""
    import tomllib

    raw = path.read_bytes()
    mirror = {"toml_digest": digest(raw), "modalities": tomllib.loads(raw.decode("utf-8"))}
    return json.dumps(mirror, ensure_ascii=False, indent=1) + "\n"


def write_mirror(path: Path | None = None) -> None:
    """Write data/modalities.json from data/modalities.toml (after editing the catalogue)."""
    path = path or default_path()
    mirror_path(path).write_text(mirror_text(path), encoding="utf-8")


def _record(modality_id: str, t: dict[str, Any]) -> Modality:
    claim = t.get("article_claim")
    pain = t.get("population_pain")
    return Modality(
        id=modality_id,
        name=t["name"],
        category=t["category"],
        mechanism=t["mechanism"],
        population=t["population"],
        comparator=t["comparator"],
        certainty=t.get("certainty"),
        certainty_basis=t.get("certainty_basis"),
        sources=tuple(
            Source(
                key=s["key"], title=s["title"], quote=s["quote"], supports=tuple(s["supports"]),
                verified=s["verified"], authors=s.get("authors", ""), year=s.get("year"),
                journal=s.get("journal"), doi=s.get("doi"), pmid=s.get("pmid"), url=s.get("url"), where=s.get("where"),
                derivation=s.get("derivation"),
            )
            for s in t["sources"]
        ),
        reduction_low=_f(t.get("reduction_low")),
        reduction_high=_f(t.get("reduction_high")),
        control_reduction=_f(t.get("control_reduction")),
        control_arm=t.get("control_arm"),
        timecourse=tuple((float(w), float(s)) for w, s in t.get("timecourse", ())),
        wanes_after_weeks=_f(t.get("wanes_after_weeks")),
        advanced=t.get("advanced", False),
        population_pain=None if pain is None else (float(pain[0]), float(pain[1])),
        population_sites=tuple(t.get("population_sites", ())),
        responders=tuple(
            Responders(r["definition"], float(r["week"]), float(r["share"]), _f(r.get("control_share")),
                       r.get("control"))
            for r in t.get("responders", ())
        ),
        harms=tuple(Harm(h["what"], float(h["share"]), _f(h.get("week"))) for h in t.get("harms", ())),
        article_claim=None if claim is None else ArticleClaim(
            claim["text"], _f(claim.get("reduction_low")), _f(claim.get("reduction_high"))
        ),
        tested_with=tuple(t.get("tested_with", ())),
        aliases=tuple(t.get("aliases", ())),
    )


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


def validate(tables: dict[str, Any], path: Path | str = "modalities.toml") -> None:
    """Validate every table with the schema (imports pydantic) or raise a PaintrackError."""
    from paintrack.storage.catalogue_schema import check

    check(tables, path)
