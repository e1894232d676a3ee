"""data/modalities.toml: the ids the contract names, the seeds' figures, validation errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from paintrack.catalogue import load_catalogue, parse_catalogue
from paintrack.errors import PaintrackError

REQUIRED = ["graded-exercise", "cbt", "mbsr", "pain-education", "prt", "scs", "medication", "vr-exposure", "rfa"]
CATEGORIES = {"education", "movement", "psychological", "mind-body", "medication", "invasive", "technology"}


def test_catalogue_has_every_required_modality_with_sources():
    catalogue = load_catalogue()
    assert set(REQUIRED) <= set(catalogue)
    for m in catalogue.values():
        assert m.category in CATEGORIES
        assert m.sources and all(s.strip() for s in m.sources)
        if m.has_estimate:
            assert 0 <= m.reduction_low <= m.reduction_high <= 1
            assert m.full_effect_weeks is not None
            # the source of the full-effect timing is written down
            assert any("full_effect_weeks" in s for s in m.sources), m.id


@pytest.mark.parametrize(
    "modality_id, low, high, full_weeks",
    [
        # seed 000 modality table (6-month data = 26 weeks)
        ("graded-exercise", 0.45, 0.60, 26),
        ("cbt", 0.30, 0.50, 26),
        ("mbsr", 0.20, 0.40, 26),
        ("scs", 0.50, 0.70, 26),
        ("medication", 0.15, 0.30, 26),
        # seed 000 text: education paired with exercise, one average; VR pilot after 10 sessions
        ("pain-education", 0.25, 0.25, 26),
        ("vr-exposure", 0.38, 0.38, 10),
    ],
)
def test_figures_are_the_seeds(modality_id, low, high, full_weeks):
    m = load_catalogue()[modality_id]
    assert (m.reduction_low, m.reduction_high, m.full_effect_weeks) == (low, high, full_weeks)


def test_rfa_has_no_estimate_because_the_seed_gives_none():
    rfa = load_catalogue()["rfa"]
    assert not rfa.has_estimate
    assert rfa.reduction_low is None and rfa.full_effect_weeks is None


def test_prt_range_comes_from_the_trial_means_it_cites():
    prt = load_catalogue()["prt"]
    cited = " ".join(prt.sources)
    assert "Ashar et al. 2022" in cited and "JAMA Psychiatry" in cited
    # 4.22 → 1.18 after treatment, 1.51 at one year (the figures written in the source string)
    assert round(1 - 1.18 / 4.22, 2) == prt.reduction_high
    assert round(1 - 1.51 / 4.22, 2) == prt.reduction_low
    assert prt.full_effect_weeks == 4


def test_gabapentin_waning_is_recorded():
    assert load_catalogue()["medication"].wanes_after_weeks == 26


GOOD = {
    "name": "X",
    "category": "movement",
    "mechanism": "m",
    "reduction_low": 0.2,
    "reduction_high": 0.4,
    "full_effect_weeks": 8,
    "evidence": "e",
    "sources": ["a source"],
}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"reduction_low": 1.5}, "reduction_low"),
        ({"reduction_low": 0.5}, "reduction_low"),  # above reduction_high
        ({"reduction_high": None}, "reduction_high"),  # only one bound
        ({"full_effect_weeks": None}, "full_effect_weeks"),  # a reduction needs a time course
        ({"onset_weeks": 12}, "onset_weeks"),  # after full effect
        ({"category": "magic"}, "category"),
        ({"sources": []}, "sources"),
        ({"sources": ["  "]}, "sources"),
        ({"name": None}, "name"),
        ({"extra_field": 1}, "extra_field"),
        ({"id": "x"}, "id"),
    ],
)
def test_broken_modality_is_an_error_naming_modality_and_field(change, field):
    table = {**GOOD, **change}
    table = {k: v for k, v in table.items() if v is not None}
    with pytest.raises(PaintrackError) as info:
        parse_catalogue({"bad-one": table}, "cat.toml")
    assert "'bad-one'" in info.value.message
    assert f"field '{field}'" in info.value.message


def test_bad_id_and_invalid_toml_are_clear_errors(tmp_path: Path):
    with pytest.raises(PaintrackError, match="modality 'Bad Id', field 'id'"):
        parse_catalogue({"Bad Id": GOOD})
    broken = tmp_path / "modalities.toml"
    broken.write_text("[cbt\nname = 1\n")
    with pytest.raises(PaintrackError, match="not valid TOML"):
        load_catalogue(broken)


def test_cli_reports_a_broken_catalogue_in_one_line(paintrack, tmp_path, monkeypatch):
    from paintrack import catalogue

    broken = tmp_path / "modalities.toml"
    broken.write_text('[cbt]\nname = "CBT"\ncategory = "psychological"\nmechanism = "m"\n'
                      'reduction_low = 0.3\nreduction_high = 0.5\nevidence = "High"\nsources = ["s"]\n')
    monkeypatch.setattr(catalogue, "default_path", lambda: broken)
    result = paintrack("plan", "--list")
    assert result.code == 1
    assert "modality 'cbt', field 'full_effect_weeks'" in result.err
    assert "Traceback" not in result.text


def test_the_shipped_catalogue_passes_the_schema_and_its_digest_is_recorded():
    """load_catalogue() skips the schema for the shipped file only because this test validates it."""
    import tomllib

    from paintrack.catalogue import SHIPPED_DIGEST, default_path
    from paintrack.seal import digest

    raw = default_path().read_bytes()
    validated = parse_catalogue(tomllib.loads(raw.decode("utf-8")), default_path())  # pydantic, in full
    assert digest(raw) == SHIPPED_DIGEST, (
        f"data/modalities.toml changed; once it validates, set catalogue.SHIPPED_DIGEST = {digest(raw)!r}"
    )
    fast = load_catalogue()
    assert fast == validated
    for mid, record in fast.items():  # the same types too (26.0 weeks, not 26)
        for f in dataclasses.fields(record):
            assert type(getattr(record, f.name)) is type(getattr(validated[mid], f.name)), (mid, f.name)


def test_an_edited_install_of_the_catalogue_is_validated_in_full(tmp_path, monkeypatch):
    from paintrack import catalogue

    shipped = catalogue.default_path().read_text(encoding="utf-8")
    edited = tmp_path / "modalities.toml"
    edited.write_text(shipped.replace("reduction_low = 0.45", "reduction_low = 0.95", 1), encoding="utf-8")
    assert edited.read_text(encoding="utf-8") != shipped
    monkeypatch.setattr(catalogue, "default_path", lambda: edited)
    with pytest.raises(PaintrackError, match="modality 'graded-exercise', field 'reduction_low': reduction_low is larger"):
        load_catalogue()
