"""The FHIR R4 Bundle: valid under fhir.resources (R4B models), codes exactly as README lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from report_samples import SAMPLES, baseline_only, full_course, many_nulls

from paintrack.errors import InputError
from paintrack.render import fhir

README = Path(__file__).resolve().parent.parent / "README.md"
CATEGORY_CODES = {"social-history", "vital-signs", "imaging", "laboratory", "procedure", "survey", "exam",
                  "therapy", "activity"}  # http://terminology.hl7.org/CodeSystem/observation-category
OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended"}


def readme_codes() -> dict[str, dict[str, str]]:
    """The FHIR code table of README's exports section, by field."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Exports: Markdown, CSV, printable HTML, FHIR", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header == ["field", "code", "system", "display", "unit", "category"]
    table = {}
    for line in rows[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        table[cells[0]] = dict(zip(header, cells))
    return table


def observations(bundle: dict) -> list[dict]:
    return [entry["resource"] for entry in bundle.get("entry", [])]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_bundle_validates_as_fhir_r4(name):
    text = fhir.render(SAMPLES[name]())
    bundle = Bundle.model_validate_json(text)
    assert bundle.type == "collection"
    for entry in bundle.entry or []:
        assert entry.resource.get_resource_type() == "Observation"


def test_validation_can_fail():
    data = json.loads(fhir.render(full_course()))
    data["entry"][0]["resource"]["valueQuantity"] = {"value": "seven"}
    with pytest.raises(ValidationError):
        Bundle.model_validate(data)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_code_system_display_unit_and_category_is_in_the_readme_table(name):
    table = readme_codes()
    by_code = {(row["system"], row["code"]): row for row in table.values()}
    for obs in observations(json.loads(fhir.render(SAMPLES[name]()))):
        coding = obs["code"]["coding"]
        assert len(coding) == 1
        row = by_code[(coding[0]["system"], coding[0]["code"])]
        assert coding[0]["display"] == row["display"]
        assert obs["status"] == "final" and obs["status"] in OBSERVATION_STATUS
        category = obs["category"][0]["coding"][0]
        assert category["system"] == fhir.CATEGORY_SYSTEM
        assert category["code"] == row["category"] and category["code"] in CATEGORY_CODES
        if row["unit"] == "integer":
            assert isinstance(obs["valueInteger"], int)
        elif row["unit"] == "coded":
            assert obs["valueCodeableConcept"]["coding"][0]["code"] in fhir.RED_FLAG_DISPLAY
        else:
            assert obs["valueQuantity"]["system"] == "http://unitsofmeasure.org"
            assert obs["valueQuantity"]["code"] == row["unit"]


def test_readme_table_matches_the_code_list_both_ways():
    table = readme_codes()
    specs = {spec.field: spec for spec in (*fhir.CODES, fhir.RED_FLAG)}
    assert set(table) == set(specs)
    for field, spec in specs.items():
        row = table[field]
        assert (row["code"], row["system"], row["display"], row["category"]) == (
            spec.code, spec.system, spec.display, spec.category)


def test_loinc_codes_are_the_verified_ones():
    loinc = {spec.field: spec.code for spec in fhir.CODES if spec.system == "http://loinc.org"}
    assert loinc == {"nrs": "72514-3", "bpi_interference": "77565-0", "peg": "91147-9", "walk_m": "64098-7"}
    for code in loinc.values():  # LOINC's mod-10 check digit
        digits, check = code.split("-")
        assert _loinc_check_digit(digits) == int(check)


def _loinc_check_digit(digits: str) -> int:
    """LOINC check digit (mod 10, as LOINC's users' guide gives it)."""
    odd = digits[::-1][0::2]
    even = digits[::-1][1::2]
    doubled = str(int(odd[::-1]) * 2)
    total = sum(int(d) for d in doubled) + sum(int(d) for d in even)
    return (10 - total % 10) % 10


def test_one_observation_per_measured_value_with_the_values_of_the_report():
    report = full_course()
    obs = observations(json.loads(fhir.render(report)))
    baseline = [o for o in obs if o["effectiveDateTime"] == "2026-06-08"]
    # baseline: nrs, severity, interference, peg, walk, opioids, sleep (no pgic, no adherence)
    assert len(baseline) == 7
    by_code = {o["code"]["coding"][0]["code"]: o for o in baseline}
    assert by_code["72514-3"]["valueInteger"] == 7
    assert by_code["bpi-severity"]["valueQuantity"]["value"] == 6.5
    assert by_code["77565-0"]["valueQuantity"]["value"] == pytest.approx(45 / 7, abs=1e-4)
    assert by_code["64098-7"]["valueQuantity"] == {"value": 380.0, "unit": "m", "system": "http://unitsofmeasure.org", "code": "m"}
    latest = [o for o in obs if o["effectiveDateTime"] == "2026-11-23"]
    flags = [o for o in latest if o["code"]["coding"][0]["code"] == "red-flag"]
    assert [f["valueCodeableConcept"]["coding"][0]["code"] for f in flags] == ["fever"]
    expected_count = sum(
        sum(a[spec.field] is not None for spec in fhir.CODES) + len(a["red_flags"]) for a in report["assessments"]
    )
    assert len(obs) == expected_count


def test_gaps_make_no_observation():
    obs = observations(json.loads(fhir.render(many_nulls())))
    march_30 = [o for o in obs if o["effectiveDateTime"] == "2026-03-30"]
    assert [o["code"]["coding"][0]["code"] for o in march_30] == ["64098-7"]  # only the walk was measured


def test_reproducible_and_unique_full_urls():
    first, second = fhir.render(full_course()), fhir.render(full_course())
    assert first == second
    urls = [e["fullUrl"] for e in json.loads(first)["entry"]]
    assert len(urls) == len(set(urls))
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", u) for u in urls)
    assert all(e["resource"]["id"] == e["fullUrl"].removeprefix("urn:uuid:") for e in json.loads(first)["entry"])


def test_patient_reference_placeholder_and_given_id():
    default = observations(json.loads(fhir.render(baseline_only())))
    assert {o["subject"]["reference"] for o in default} == {"Patient/example"}
    given = observations(json.loads(fhir.render(baseline_only(), patient_id="abc-123")))
    assert {o["subject"]["reference"] for o in given} == {"Patient/abc-123"}
    assert "display" not in given[0]["subject"]
    prefixed = observations(json.loads(fhir.render(baseline_only(), patient_id="Patient/42")))
    assert prefixed[0]["subject"] == {"reference": "Patient/42"}


@pytest.mark.parametrize("bad", ["", "has space", "a/b", "x" * 65, "é"])
def test_bad_patient_id_is_an_input_error(bad):
    with pytest.raises(InputError) as caught:
        fhir.render(baseline_only(), patient_id=bad)
    assert "--patient-id" in caught.value.message and caught.value.exit_code == 2


def test_no_assessments_gives_an_empty_valid_bundle():
    report = baseline_only()
    report["assessments"] = []
    bundle = json.loads(fhir.render(report))
    assert "entry" not in bundle
    Bundle.model_validate(bundle)


def test_date_objects_are_written_as_iso_dates():
    from datetime import date

    report = baseline_only()
    report["assessments"][0]["date"] = date(2026, 11, 2)
    obs = observations(json.loads(fhir.render(report)))
    assert {o["effectiveDateTime"] for o in obs} == {"2026-11-02"}
