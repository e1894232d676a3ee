"""`report --format fhir`: the assessments as an HL7 FHIR R4 `transaction` Bundle a clinic's server
can ingest again and again without duplicates (PRODUCT.md "FHIR (v2)"; docs: "Sending to a clinic").

- One Observation per measured value and assessment (a value not measured makes none). Each has an
  `identifier` (system `urn:ietf:rfc:3986`, value a `urn:uuid:` made with uuid5 from the
  journal_id, the assessment kind, its date and paintrack's code) and is sent as a conditional
  update, `PUT Observation?identifier=…`: posting the Bundle twice finds and updates the same
  resources, and two journals never share an identifier. fullUrls are other uuid5 values, never
  equal to an identifier (a server rewrites every string equal to a resolved fullUrl).
- The subject and performer are the patient: `Patient/ID` with `--patient-id`, else a Patient
  entry identified by the journal (its own conditional update). `meta.tag` marks every resource
  as patient-supplied with paintrack's own tag: no US Core or HL7 code for that exists.
- Codes: paintrack's own code system (`CODE_SYSTEM`) on every Observation, and a LOINC coding only
  where the LOINC term means what paintrack measured, recall period included (`CODES`, each with
  its reason). Scores are `valueQuantity` in UCUM `{score}`; the walk in `m`; the opioid dose in
  `{MME}/d`, the unit of the CDC opioid MME calculator guide.
- Red-flag screens, negative ones too, are one Observation per screen with a component per
  answered flag and an `interpretation` (POS on a yes, NEG on a no). A PHQ-9 item 9 answer above 0
  is POS, and comes first among the entries, before positive red-flag screens.
- Every resource has a generated narrative (dom-6); `Bundle.timestamp` is when it was made.

The same report always gives the same entries, byte for byte (only the timestamp moves).
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from paintrack.domain import instruments, redflags
from paintrack.domain.measures import SIDE_EFFECTS
from paintrack.domain.report import Report, Row
from paintrack.errors import PaintrackError
from paintrack.render import words
from paintrack.render.terminal import clean, json_text

#: paintrack's own canonical base. Placeholder until the project owns a domain: change it here
#: only (identifiers do not depend on it, so a change updates resources in place, never doubles them).
CANONICAL = "https://paintrack.example.org/fhir"
CODE_SYSTEM = f"{CANONICAL}/CodeSystem/observation"
RED_FLAG_SYSTEM = f"{CANONICAL}/CodeSystem/red-flag"
SIDE_EFFECT_SYSTEM = f"{CANONICAL}/CodeSystem/side-effect"
TAG_SYSTEM = f"{CANONICAL}/CodeSystem/tags"
PATIENT_SUPPLIED = {"system": TAG_SYSTEM, "code": "patient-supplied", "display": "Patient-supplied data"}

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ID_SYSTEM = "urn:ietf:rfc:3986"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
YES_NO_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0136"
CATEGORY_DISPLAY = {"survey": "Survey", "activity": "Activity", "therapy": "Therapy"}
POSITIVE = {"system": INTERPRETATION_SYSTEM, "code": "POS", "display": "Positive"}
NEGATIVE = {"system": INTERPRETATION_SYSTEM, "code": "NEG", "display": "Negative"}
YES = {"system": YES_NO_SYSTEM, "code": "Y", "display": "Yes"}
NO = {"system": YES_NO_SYSTEM, "code": "N", "display": "No"}
#: LOINC answer list LL358-3 (PHQ items): 0 Not at all … 3 Nearly every day.
PHQ_ANSWERS = {0: "LA6568-5", 1: "LA6569-3", 2: "LA6570-1", 3: "LA6571-9"}
NAMESPACE = uuid.UUID("0d8f4a4e-5c1b-5b7e-9a57-70a1b2c3d4e5")  # fixed forever: identifiers depend on it
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True, slots=True)
class Loinc:
    """A LOINC code and its display name."""
    code: str
    display: str | None  # the Long Common Name where it was read on loinc.org; else no display


@dataclass(frozen=True, slots=True)
class Code:
    """How one measure becomes an Observation: paintrack's code, its category and unit, and the
    LOINC term only where it fits (`reason` says why, or why not; the README lists both)."""

    code: str
    display: str
    category: str
    unit: str | None  # UCUM code of a valueQuantity; None: a coded value or components only
    unit_display: str | None
    loinc: Loinc | None
    reason: str


SCORE = ("{score}", "score")
CODES: tuple[Code, ...] = (
    Code("pain-average-7d", "Average pain over the last 7 days, 0-10 numeric rating (BPI average item)", "survey",
         *SCORE, None,
         "no LOINC: 72514-3 is a point-in-time (Pt) rating, paintrack asks for the average of the last 7 days"),
    Code("pain-now", "Pain right now, 0-10 numeric rating (BPI now item)", "survey", *SCORE,
         Loinc("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
         "72514-3 is a current (Pt) 0-10 pain rating, which is what this item asks"),
    Code("bpi-severity", "BPI pain severity score: mean of worst, least, average and now (7-day recall)", "survey",
         *SCORE, None, "no LOINC found for the BPI severity score"),
    Code("bpi-interference", "BPI pain interference score: mean of the answered items, at least 4 of 7 "
         "(7-day recall)", "survey", *SCORE, None,
         "no LOINC: 77565-0 is the BPI Short Form score with a 24-hour recall, paintrack asks about 7 days"),
    Code("peg", "PEG score: mean of average pain, enjoyment-of-life and general-activity interference "
         "(past week)", "survey", *SCORE, Loinc("91147-9", None),
         "91147-9 is the PEG mean score (Pt; the week's recall is in the items, which paintrack asks)"),
    Code("six-minute-walk", "Six-minute walk distance", "activity", "m", "m", Loinc("64098-7", None),
         "64098-7 is the six minute walk test of LOINC's 6MWT panel 62619-2 (distance walked in 6 minutes)"),
    Code("opioid-mme", "Opioid dose in morphine milligram equivalents per day", "therapy", "{MME}/d", "MME/day",
         None, "no LOINC found; the unit is the CDC opioid MME calculator guide's {MME}/d"),
    Code("phq9-total", "PHQ-9 total score (last 2 weeks)", "survey", *SCORE,
         Loinc("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
         "44261-6 is the PHQ-9 total score, which paintrack computes from all 9 answers"),
    Code("phq9-item9", "PHQ-9 item 9: thoughts that you would be better off dead or of hurting yourself "
         "(last 2 weeks)", "survey", None, None,
         Loinc("44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some way "
               "in last 2 weeks [Reported.PHQ]"),
         "44260-8 is PHQ-9 item 9 (2-week recall, ordinal): the answer is its LOINC answer code"),
    Code("gad7-total", "GAD-7 total score (last 2 weeks)", "survey", *SCORE,
         Loinc("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
         "70274-6 is the GAD-7 total score, which paintrack computes from all 7 answers"),
    Code("psfs", "Patient-Specific Functional Scale score: mean of the rated activities, 0 unable - "
         "10 able as before the pain", "survey", *SCORE, None, "no LOINC found for the PSFS"),
    Code("pgic", "Patient Global Impression of Change since the baseline: 1 very much improved - "
         "7 very much worse", "survey", *SCORE, None, "no LOINC found: the PGIC has no single standard version"),
    Code("side-effects", "Side effects reported at this update", "survey", None, None, None,
         "paintrack's own list of side effects"),
    Code("red-flag-screen", "Red-flag screen: each item answered yes or no", "survey", None, None, None,
         "paintrack's own screen"),
)
BY_CODE = {c.code: c for c in CODES}
PSFS_ACTIVITY = "psfs-activity"
SIDE_EFFECT = "side-effect"


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def identifier_value(journal_id: str, kind: str, day: str, code: str) -> str:
    """The identifier of one Observation: stable for this journal, kind, date and code."""
    return f"urn:uuid:{_uuid(journal_id, kind, day, code)}"


def patient_identifier(journal_id: str) -> str:
    return f"urn:uuid:{_uuid(journal_id, 'patient')}"


def _full_url(identifier: str) -> str:
    """A fullUrl of its own (a server rewrites any string equal to a resolved fullUrl)."""
    return f"urn:uuid:{_uuid('fullUrl', identifier)}"


def _number(value: float | int) -> float | int:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _narrative(*paragraphs: str) -> dict[str, str]:
    body = "".join(f"<p>{html.escape(clean(p))}</p>" for p in paragraphs)
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{body}</div>'}


def _coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def _concept(spec: Code) -> dict[str, Any]:
    codings = [_coding(CODE_SYSTEM, spec.code, spec.display)]
    if spec.loinc is not None:
        codings.append(_coding(LOINC, spec.loinc.code, spec.loinc.display))
    return {"coding": codings, "text": spec.display}


def _quantity(spec: Code, value: float | int) -> dict[str, Any]:
    assert spec.unit is not None
    return {"value": _number(value), "unit": spec.unit_display, "system": UCUM, "code": spec.unit}


@dataclass(frozen=True, slots=True)
class _Entry:
    """One Bundle entry: its resource and the identifier its conditional update uses."""
    resource: dict[str, Any]
    identifier: str
    resource_type: str
    first: int = 2  # 0 a self-harm answer, 1 a positive red-flag screen, 2 the rest (stable order)


class _Builder:
    def __init__(self, report: Report, patient: dict[str, str]):
        if report.journal_id is None:
            raise PaintrackError("this journal has no id yet, so its FHIR identifiers cannot be made",
                                 hint="run `paintrack report --format fhir`, which gives it one")
        self.report = report
        self.journal_id = report.journal_id
        self.patient = patient
        self.goals = report.baseline.goals

    def observation(self, row: Row, spec: Code, value: dict[str, Any] | None, sentence: str,
                    interpretation: dict[str, str] | None = None, components: list[dict[str, Any]] | None = None,
                    first: int = 2) -> _Entry:
        day = row.date.isoformat()
        ident = identifier_value(self.journal_id, row.kind, day, spec.code)
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "meta": {"tag": [PATIENT_SUPPLIED]},
            "text": _narrative(sentence, f"Reported by the patient in paintrack ({row.kind} of {day})."),
            "identifier": [{"system": ID_SYSTEM, "value": ident}],
            "status": "final",
            "category": [{"coding": [_coding(CATEGORY_SYSTEM, spec.category, CATEGORY_DISPLAY[spec.category])]}],
            "code": _concept(spec),
            "subject": dict(self.patient),
            "effectiveDateTime": day,
            "performer": [dict(self.patient)],
        }
        if value is not None:
            resource.update(value)
        if interpretation is not None:
            resource["interpretation"] = [{"coding": [interpretation], "text": interpretation["display"]}]
        if components:
            resource["component"] = components
        return _Entry(resource, ident, "Observation", first)

    def quantity(self, row: Row, code: str, value: float | int | None, shown: str) -> list[_Entry]:
        if value is None:
            return []
        spec = BY_CODE[code]
        return [self.observation(row, spec, {"valueQuantity": _quantity(spec, value)}, f"{spec.display}: {shown}.")]

    def rows(self, row: Row) -> list[_Entry]:
        n = words.num
        out = [
            *self.self_harm(row),
            *self.red_flag_screen(row),
            *self.quantity(row, "pain-average-7d", row.nrs, f"{row.nrs}/10"),
            *self.quantity(row, "pain-now", row.now, f"{row.now}/10"),
            *self.quantity(row, "bpi-severity", row.bpi_severity, n(row.bpi_severity, "score")),
            *self.quantity(row, "bpi-interference", row.bpi_interference, n(row.bpi_interference, "score")),
            *self.quantity(row, "peg", row.peg, n(row.peg, "peg")),
            *self.quantity(row, "six-minute-walk", row.walk_m, n(row.walk_m, "walk", "m")),
            *self.quantity(row, "opioid-mme", row.opioid_mme, n(row.opioid_mme, "mme", "MME/day")),
            *self.quantity(row, "phq9-total", row.phq9, f"{row.phq9} of 27 ({row.phq9_band})"),
            *self.quantity(row, "gad7-total", row.gad7, f"{row.gad7} of 21 ({row.gad7_band})"),
            *self.psfs(row),
            *self.quantity(row, "pgic", row.pgic,
                           f"{row.pgic} ({instruments.PGIC_LABELS[row.pgic]})" if row.pgic else ""),
            *self.side_effects(row),
        ]
        return out

    def self_harm(self, row: Row) -> list[_Entry]:
        answer = row.phq9_item9
        if answer is None:
            return []
        spec = BY_CODE["phq9-item9"]
        label = instruments.FREQUENCY_OPTIONS[answer]
        value = {"valueCodeableConcept": {"coding": [_coding(LOINC, PHQ_ANSWERS[answer], label)],
                                          "text": f"{label} ({answer})"}}
        if answer > 0:
            sentence = (f"POSITIVE: PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered "
                        f"'{label}' ({answer} of 3). paintrack showed the patient crisis-help advice; please "
                        "follow up today.")
            return [self.observation(row, spec, value, sentence, POSITIVE, first=0)]
        return [self.observation(row, spec, value, f"PHQ-9 item 9 answered '{label}' (0 of 3).", NEGATIVE)]

    def red_flag_screen(self, row: Row) -> list[_Entry]:
        screen = row.red_flag_screen
        if screen.how == "not_asked":
            return []
        spec = BY_CODE["red-flag-screen"]
        answers = [(name, True) for name in screen.positive] + [(name, False) for name in screen.negative]
        order = {name: i for i, name in enumerate(redflags.NAMES)}
        answers.sort(key=lambda a: order.get(a[0], len(order)))
        components = []
        for name, yes in answers:
            flag = redflags.BY_NAME.get(name)
            description = flag.description if flag else name
            components.append({
                "code": {"coding": [_coding(RED_FLAG_SYSTEM, name, description)], "text": description},
                "valueCodeableConcept": {"coding": [YES if yes else NO], "text": "yes" if yes else "no"},
                "interpretation": [{"coding": [POSITIVE if yes else NEGATIVE]}],
            })
        positive = [redflags.BY_NAME[name].description if name in redflags.BY_NAME else name
                    for name in screen.positive]
        if positive:
            sentence = f"Red-flag screen POSITIVE: {'; '.join(positive)}."
        else:
            sentence = f"Red-flag screen negative: all {len(answers)} items answered no."
        return [self.observation(row, spec, None, sentence, POSITIVE if positive else NEGATIVE,
                                 components or None, first=1 if positive else 2)]

    def psfs(self, row: Row) -> list[_Entry]:
        if row.psfs is None:
            return []
        spec = BY_CODE["psfs"]
        components = []
        for i, ability in enumerate(row.goal_ability):
            if ability is None or i >= len(self.goals):
                continue
            components.append({
                "code": {"coding": [_coding(CODE_SYSTEM, PSFS_ACTIVITY, "PSFS activity rating")],
                         "text": self.goals[i]},
                "valueQuantity": _quantity(spec, ability),
            })
        entry = self.observation(row, spec, {"valueQuantity": _quantity(spec, row.psfs)},
                                 f"{spec.display}: {words.num(row.psfs, 'score')}.", components=components or None)
        return [entry]

    def side_effects(self, row: Row) -> list[_Entry]:
        if not row.side_effects:
            return []
        spec = BY_CODE["side-effects"]
        components = [{
            "code": {"coding": [_coding(CODE_SYSTEM, SIDE_EFFECT, "Side effect")]},
            "valueCodeableConcept": {"coding": [_coding(SIDE_EFFECT_SYSTEM, name, SIDE_EFFECTS.get(name, name))],
                                     "text": SIDE_EFFECTS.get(name, name)},
        } for name in row.side_effects]
        shown = ", ".join(SIDE_EFFECTS.get(name, name) for name in row.side_effects)
        return [self.observation(row, spec, None, f"Side effects reported: {shown}.", components=components)]


def subject(report: Report, patient_id: str | None) -> tuple[dict[str, str], _Entry | None]:
    """The patient reference, and the Patient entry when no --patient-id is given."""
    if patient_id is not None:
        return {"reference": f"Patient/{patient_id}"}, None
    if report.journal_id is None:
        raise PaintrackError("this journal has no id yet, so its FHIR identifiers cannot be made",
                             hint="run `paintrack report --format fhir`, which gives it one")
    ident = patient_identifier(report.journal_id)
    resource = {
        "resourceType": "Patient",
        "meta": {"tag": [PATIENT_SUPPLIED]},
        "text": _narrative("The person who keeps this paintrack journal. paintrack sends no name or other "
                           "identity: link this record to your patient, or send with --patient-id."),
        "identifier": [{"system": ID_SYSTEM, "value": ident}],
    }
    return {"reference": _full_url(ident)}, _Entry(resource, ident, "Patient")


def timestamp(report: Report, now: datetime | None = None) -> str:
    """When the Bundle was made: `now`, else the clock, on the report's day (PAINTRACK_TODAY)."""
    if now is None:
        now = datetime.now().astimezone()
        if now.date() != report.generated:
            now = now.replace(year=report.generated.year, month=report.generated.month, day=report.generated.day)
    if now.tzinfo is None:
        now = now.astimezone()
    return now.replace(microsecond=0).isoformat()


def bundle(report: Report, patient_id: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """The transaction Bundle (see the module docstring)."""
    reference, patient = subject(report, patient_id)
    builder = _Builder(report, reference)
    entries = [e for row in report.assessments for e in builder.rows(row)]
    # a self-harm answer first (newest first), then positive red-flag screens, then the rest
    firsts = [e for _, e in sorted(((e.first, -i), e) for i, e in enumerate(entries) if e.first < 2)]
    rest = [e for e in entries if e.first == 2]
    ordered = firsts + ([patient] if patient else []) + rest
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "timestamp": timestamp(report, now),
        "entry": [_bundle_entry(e) for e in ordered],
    }


def _bundle_entry(e: _Entry) -> dict[str, Any]:
    return {
        "fullUrl": _full_url(e.identifier),
        "resource": e.resource,
        "request": {"method": "PUT", "url": f"{e.resource_type}?identifier={ID_SYSTEM}|{e.identifier}"},
    }


def render(report: Report, patient_id: str | None = None, now: datetime | None = None) -> str:
    return json_text(bundle(report, patient_id, now))
