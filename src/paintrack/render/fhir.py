"""The assessments as an HL7 FHIR R4 Bundle (type "collection") of Observations, as JSON.

One Observation per measured value and assessment (a value not measured makes no Observation).
LOINC where a verified code exists, else the local code system `LOCAL_SYSTEM`; README.md lists
every code. All Observations are "final", dated with the assessment's date (effectiveDateTime),
and point at one Patient: `Patient/<patient_id>`, or the placeholder `Patient/example` (with a
display saying so) when no id is given, because paintrack stores no identity.

fullUrl and id are urn:uuid / uuid5 values made from the assessment kind, date and code, so the
same journal always gives the same Bundle, byte for byte.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

from paintrack.errors import InputError

LOINC = "http://loinc.org"
LOCAL_SYSTEM = "urn:paintrack:codes"
UCUM = "http://unitsofmeasure.org"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:paintrack:fhir")
PLACEHOLDER_PATIENT = "example"
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


@dataclass(frozen=True)
class Code:
    """How one report field becomes an Observation: code, category and value type."""

    field: str
    system: str
    code: str
    display: str
    category: str
    unit: str | None = None  # UCUM code; None: valueInteger
    unit_display: str | None = None


CODES = (
    Code("nrs", LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "survey"),
    Code("bpi_severity", LOCAL_SYSTEM, "bpi-severity", "BPI pain severity score (mean of worst, least, average, now)",
         "survey", "{score}", "score"),
    Code("bpi_interference", LOINC, "77565-0", "Pain interference score [BPI Short Form]", "survey", "{score}", "score"),
    Code("peg", LOINC, "91147-9", "Mean score [PEG]", "survey", "{score}", "score"),
    Code("walk_m", LOINC, "64098-7", "Walking distance 6 minutes", "activity", "m", "m"),
    Code("opioid_mme", LOCAL_SYSTEM, "opioid-mme", "Opioid dose, morphine milligram equivalents per day",
         "therapy", "mg/d", "MME/day"),
    Code("pgic", LOCAL_SYSTEM, "pgic", "Patient Global Impression of Change (1 very much improved - 7 very much worse)",
         "survey"),
    Code("sleep_hours", LOCAL_SYSTEM, "sleep-hours", "Typical night's sleep", "survey", "h", "h"),
    Code("exercise_sessions", LOCAL_SYSTEM, "exercise-sessions", "Graded-exercise sessions per week",
         "activity", "/wk", "sessions/week"),
    Code("mindfulness_min", LOCAL_SYSTEM, "mindfulness-min", "Mindfulness practice per week",
         "activity", "min/wk", "min/week"),
)
RED_FLAG = Code("red_flags", LOCAL_SYSTEM, "red-flag", "Red flag reported with the pain", "survey")
RED_FLAG_DISPLAY = {
    "sudden-weakness": "Sudden weakness",
    "bladder-bowel-control": "Loss of bladder or bowel control",
    "unexplained-weight-loss": "Unexplained weight loss",
    "fever": "Fever",
}


def patient_reference(patient_id: str | None) -> dict:
    """`{"reference": "Patient/<id>"}`; the placeholder when no id is given. Bad ids: InputError."""
    if patient_id is None:
        return {"reference": f"Patient/{PLACEHOLDER_PATIENT}",
                "display": "Placeholder: replace with the patient's id in your system"}
    value = patient_id.removeprefix("Patient/")
    if not FHIR_ID.fullmatch(value):
        raise InputError(
            "--patient-id must be a FHIR id: 1 to 64 letters, digits, '-' or '.'",
            hint="for example --patient-id 12345",
        )
    return {"reference": f"Patient/{value}"}


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def _observation(spec: Code, assessment: dict, subject: dict, value: object, extra: str = "") -> dict:
    kind, day = assessment.get("kind") or "assessment", str(assessment["date"])[:10]
    ident = _uuid(kind, day, spec.system, spec.code, extra)
    resource: dict = {
        "resourceType": "Observation",
        "id": ident,
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": spec.category}]}],
        "code": {"coding": [{"system": spec.system, "code": spec.code, "display": spec.display}], "text": spec.display},
        "subject": subject,
        "effectiveDateTime": day,
    }
    if spec is RED_FLAG:
        resource["valueCodeableConcept"] = {
            "coding": [{"system": LOCAL_SYSTEM, "code": str(value), "display": RED_FLAG_DISPLAY.get(str(value), str(value))}]
        }
    elif spec.unit is None:
        resource["valueInteger"] = int(value)
    else:
        resource["valueQuantity"] = {"value": round(float(value), 4), "unit": spec.unit_display, "system": UCUM, "code": spec.unit}
    resource["note"] = [{"text": f"paintrack {kind} assessment"}]
    return {"fullUrl": f"urn:uuid:{ident}", "resource": resource}


def observations(report: dict, subject: dict) -> list[dict]:
    entries = []
    for assessment in report.get("assessments") or []:
        if not assessment.get("date"):
            continue
        for spec in CODES:
            value = assessment.get(spec.field)
            if value is not None and not isinstance(value, bool):
                entries.append(_observation(spec, assessment, subject, value))
        for flag in assessment.get("red_flags") or []:
            entries.append(_observation(RED_FLAG, assessment, subject, flag, extra=flag))
    return entries


def bundle(report: dict, patient_id: str | None = None) -> dict:
    subject = patient_reference(patient_id)
    entries = observations(report, subject)
    result: dict = {
        "resourceType": "Bundle",
        "id": _uuid("bundle", report.get("generated"), *(x["fullUrl"] for x in entries)),
        "type": "collection",
    }
    if entries:  # FHIR JSON has no empty arrays
        result["entry"] = entries
    return result


def render(report: dict, patient_id: str | None = None, **options: object) -> str:
    return json.dumps(bundle(report, patient_id), indent=2, ensure_ascii=False) + "\n"
