"""data/modalities.toml: every number has a checked source; a broken catalogue is a clear error."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path

import pytest

from paintrack.domain.catalogue import NUMERIC_FIELDS
from paintrack.errors import PaintrackError
from paintrack.storage import catalogue_file
from paintrack.storage.catalogue_schema import check
from paintrack.storage.seal import digest

CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "modalities.toml"
REQUIRED_IDS = {"graded-exercise", "cbt", "mbsr", "pain-education", "prt", "scs", "medication", "vr-exposure",
                "rfa", "duloxetine", "gabapentinoid"}


def tables() -> dict:
    return tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))


def test_the_shipped_catalogue_is_valid_and_its_digest_recorded():
    check(tables(), CATALOGUE)
    found = digest(CATALOGUE.read_bytes())
    assert found == catalogue_file.SHIPPED_DIGEST, f"record the catalogue's digest: SHIPPED_DIGEST = {found!r}"


def test_the_json_mirror_is_the_shipped_catalogue():
    """data/modalities.json (read instead of parsing the TOML) holds the same tables."""
    mirror = CATALOGUE.with_suffix(".json")
    assert mirror.read_text(encoding="utf-8") == catalogue_file.mirror_text(CATALOGUE), (
        "the mirror is stale: python -c 'from paintrack.storage.catalogue_file import write_mirror; write_mirror()'")
    assert json.loads(mirror.read_bytes())["modalities"] == tables()


def test_a_stale_or_broken_mirror_is_not_read(tmp_path, monkeypatch):
    """A mirror of other bytes (or no JSON at all) is ignored: the TOML is parsed instead."""
    shipped = catalogue_file.load_catalogue(CATALOGUE)
    toml = tmp_path / "modalities.toml"
    toml.write_bytes(CATALOGUE.read_bytes())
    monkeypatch.setattr(catalogue_file, "default_path", lambda: toml)
    monkeypatch.setattr(catalogue_file, "_CACHE", {})
    wrong_shape = json.dumps({"toml_digest": catalogue_file.SHIPPED_DIGEST, "modalities": 3})
    for mirror in ('{"toml_digest": "0", "modalities": {}}', "not json", wrong_shape):
        toml.with_suffix(".json").write_text(mirror)
        catalogue_file._CACHE.clear()
        assert catalogue_file.load_catalogue() == shipped
    catalogue_file.write_mirror()
    catalogue_file._CACHE.clear()
    assert catalogue_file.load_catalogue() == shipped
    # and a mirror of these bytes is what is read (a changed name in it shows)
    mirror = json.loads(toml.with_suffix(".json").read_bytes())
    mirror["modalities"]["prt"]["name"] = "read from the mirror"
    toml.with_suffix(".json").write_text(json.dumps(mirror))
    catalogue_file._CACHE.clear()
    assert catalogue_file.load_catalogue()["prt"].name == "read from the mirror"


def test_every_required_modality_is_there():
    assert set(tables()) >= REQUIRED_IDS


def _numbers(table: dict) -> list[str]:
    """The numeric fields a table carries, read from the TOML itself (not via the schema)."""
    present = []
    for name in NUMERIC_FIELDS:
        value = table.get(name)
        if name == "article_claim":
            if value and ("reduction_low" in value or "reduction_high" in value):
                present.append(name)
        elif value not in (None, [], {}):
            present.append(name)
    return present


@pytest.mark.parametrize("modality_id", sorted(REQUIRED_IDS))
def test_every_number_has_a_source_with_a_citation_and_a_quote(modality_id):
    table = tables()[modality_id]
    supported = {f for s in table["sources"] for f in s["supports"]}
    for name in _numbers(table):
        assert name in supported, f"{modality_id}.{name} has no source"
        backers = [s for s in table["sources"] if name in s["supports"]]
        for s in backers:
            assert s["quote"].strip() and s["title"].strip()
            if s["verified"]:
                assert s.get("doi") or s.get("pmid") or s.get("url"), f"{s['key']}: verified without an identifier"
    # the article's claim is backed by the article, never marked verified
    if "article_claim" in table:
        article = [s for s in table["sources"] if "article_claim" in s["supports"]]
        assert article and not any(s["verified"] for s in article)


@pytest.mark.parametrize("modality_id", sorted(REQUIRED_IDS))
def test_a_treated_arm_figure_has_a_verified_source(modality_id):
    """A reduction used in a projection comes from a checked study, never the article alone."""
    table = tables()[modality_id]
    if "reduction_high" not in table:
        return
    backers = [s for s in table["sources"] if "reduction_high" in s["supports"]]
    assert any(s["verified"] for s in backers)


def test_scs_is_a_responder_share_and_harms_not_a_mean_reduction():
    scs = catalogue_file.load_catalogue()["scs"]
    assert not scs.has_estimate  # no mean reduction fed into the product
    assert scs.responders and scs.harms and scs.advanced


def test_drug_classes_have_their_own_rows_and_only_gabapentinoids_wane_by_the_article():
    c = catalogue_file.load_catalogue()
    assert c["duloxetine"].category == c["gabapentinoid"].category == "medication"
    assert c["duloxetine"].wanes_after_weeks is None
    assert c["gabapentinoid"].wanes_after_weeks == 26
    assert not c["gabapentinoid"].verified("wanes_after_weeks")  # the article's claim, shown as such


def test_prt_is_one_figure_at_week_four_with_its_placebo_arm():
    prt = catalogue_file.load_catalogue()["prt"]
    assert (prt.reduction_low, prt.reduction_high, prt.control_reduction) == (0.72, 0.72, 0.32)
    assert prt.share_at(4) == 1.0 and prt.share_at(2) == 0.5
    assert prt.population_pain is not None and prt.population_pain[1] < 5
    r = prt.responders[0]
    assert (r.week, r.share, r.control_share) == (4.0, 0.66, 0.20)


@pytest.mark.parametrize("field, value, message", [
    ("reduction_low", 1.5, "reduction_low"),
    ("certainty", "High", "certainty"),
    ("timecourse", [[4, 0.5]], "timecourse"),
    ("timecourse", [[8, 1.0], [4, 0.5]], "timecourse"),
    ("control_arm", None, "control_arm"),
])
def test_a_broken_catalogue_names_the_modality_and_field(tmp_path, field, value, message):
    broken = copy.deepcopy(tables())
    if value is None:
        del broken["prt"][field]
    else:
        broken["prt"][field] = value
    with pytest.raises(PaintrackError) as e:
        check(broken, "modalities.toml")
    assert "'prt'" in e.value.message and message in e.value.message


def test_a_number_without_a_source_is_refused():
    broken = copy.deepcopy(tables())
    for s in broken["prt"]["sources"]:
        s["supports"] = [f for f in s["supports"] if f != "control_reduction"]
    with pytest.raises(PaintrackError, match="control_reduction has no source"):
        check(broken, "modalities.toml")


def test_a_verified_source_needs_an_identifier():
    broken = copy.deepcopy(tables())
    source = broken["prt"]["sources"][0]
    for key in ("doi", "pmid", "url"):
        source.pop(key, None)
    with pytest.raises(PaintrackError, match="no DOI, PMID or URL"):
        check(broken, "modalities.toml")


def test_an_edited_catalogue_is_validated_in_full(tmp_path):
    path = tmp_path / "modalities.toml"
    path.write_text(CATALOGUE.read_text().replace("certainty = \"low\"", "certainty = \"great\"", 1))
    with pytest.raises(PaintrackError, match="certainty"):
        catalogue_file.load_catalogue(path)
