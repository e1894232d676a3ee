"""The report as typed data: every format (terminal, JSON, Markdown, CSV, HTML, PDF, FHIR) is
rendered from the `Report` that `build_report` returns, and nothing else.

Field names are the JSON report's keys (`paintrack.report/2`, PRODUCT.md "Report"). Figures are
rounded once, here (`numbers.rounded`), at the precision every format shows them with.

Steps of `build_report`:
1. the assessments (baseline first, then updates in date order), each with its scores;
2. the change from baseline to the latest, its IMMPACT reading, the reversal criteria;
3. the plan's expected reduction at the latest assessment and at full effect, and the status;
4. the alerts (a self-harm answer first, then red flags) and each red flag's state;
5. the context a clinician needs: goals over time, adherence, side effects, notes, PGIC;
6. the plan's coming steps, the diary, the evidence sheet, the four aspects.
"""


from dataclasses import dataclass, fields
from datetime import date
from typing import NamedTuple, TypeAlias

from paintrack.domain import alerts as alert_rules
from paintrack.domain import aspects as aspect_rules
from paintrack.domain import diary as diary_rules
from paintrack.domain import evidence as evidence_rules
from paintrack.domain import instruments, outcomes, planning, projection, recording, redflags, schedule
from paintrack.domain.catalogue import Catalogue
from paintrack.domain.numbers import pct, rounded
from paintrack.domain.records import INTERFERENCE_ITEMS, Assessment, Journal
from paintrack.errors import PaintrackError

Day: TypeAlias = date

SCHEMA = "paintrack.report/2"
SCHEDULE_NEXT = 5
RECENT_NOTES = 5
NOT_MEDICAL_ADVICE = (
    "paintrack is a tracking aid, not medical advice: discuss every change of treatment with your clinician."
)
EVIDENCE_CAVEAT = (
    "These patterns suggest learned (neuroplastic) pain, but some other conditions show some of them too: "
    "the sheet is something to discuss with a clinician, not a diagnosis."
)
GROUP_MEAN_CAVEAT = (
    "Expected ranges are averages of groups of people in trials, with their comparison groups' "
    "improvement shown beside them; they cannot say how one person will respond, and are never a promise."
)


@dataclass(frozen=True, slots=True)
class Summary:
    """One assessment's scores, as the report shows them (a dataclass, unlike the report's other
    records, so that the baseline's can extend it)."""

    date: date
    nrs: int
    bpi_severity: float | None
    bpi_interference: float | None
    peg: int | None
    walk_m: float | None
    opioid_mme: float | None
    phq9: int | None
    gad7: int | None
    psfs: float | None
    pgic: int | None = None


@dataclass(frozen=True, slots=True)
class BaselineSummary(Summary):
    """The baseline's scores and the context asked only at intake."""

    duration_months: int | None = None
    locations: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()


class Known(NamedTuple):
    """A measure's last known value and the date it was measured."""

    value: float | int
    date: date


class Screen(NamedTuple):
    """A red-flag screen: how it was answered, and the flags answered yes and no."""
    how: str
    positive: tuple[str, ...]
    negative: tuple[str, ...]


class Row(NamedTuple):
    """One assessment with every field entered and its scores."""

    kind: str
    date: date
    nrs: int
    worst: int | None
    least: int | None
    now: int | None
    activity_interference: int | None
    mood_interference: int | None
    walking_interference: int | None
    work_interference: int | None
    relations_interference: int | None
    sleep_interference: int | None
    enjoyment_interference: int | None
    walk_m: float | None
    opioid_mme: float | None
    sleep_hours: float | None
    exercise_sessions: int | None
    mindfulness_min: int | None
    pgic: int | None
    phq9_answers: tuple[int | None, ...] | None
    gad7_answers: tuple[int | None, ...] | None
    goal_ability: tuple[int | None, ...]
    side_effects: tuple[str, ...]
    note: str | None
    red_flag_screen: Screen
    bpi_severity: float | None
    bpi_interference: float | None
    peg: int | None
    phq9: int | None
    phq9_band: str | None
    phq9_item9: int | None
    gad7: int | None
    gad7_band: str | None
    psfs: float | None


class ChangeSinceBaseline(NamedTuple):
    """The change from the baseline to the latest assessment, each measure on its own."""
    nrs_reduction_points: int
    nrs_reduction_pct: float | None
    bpi_severity_reduction_pct: float | None
    bpi_interference_reduction_pct: float | None
    walk_m_gain: float | None
    opioid_mme_reduction_pct: float | None
    psfs_gain: float | None


class Criteria(NamedTuple):
    """The reversal criteria as the report shows them."""
    halved_sustained: bool
    normal_activities: bool | None
    pain_free_6_months: bool
    nervous_system_signalling: str
    halved_dates: tuple[date, date] | None
    pain_free_since: date | None


class Expected(NamedTuple):
    """The expected reduction for the plan at the latest assessment, and the pain it projects."""
    reduction_pct_low: int
    reduction_pct_high: int
    projected_nrs_low: float
    projected_nrs_high: float


class PlannedModality(NamedTuple):
    """One planned modality with the trial figures the report shows beside it."""
    id: str
    name: str
    category: str | None
    start: date
    reduction_low: float | None  # fractions at full effect, as in the catalogue; None: no estimate
    reduction_high: float | None
    control_reduction: float | None
    comparator: str | None
    certainty: str | None
    clinician_advised: bool


class PlanSection(NamedTuple):
    """The plan as the report shows it."""
    start: date
    modalities: tuple[PlannedModality, ...]
    untested_combination: tuple[str, ...]
    caveat: str


class AlertItem(NamedTuple):
    """One alert as the report shows it."""
    code: str
    level: str
    message: str


class FlagItem(NamedTuple):
    """One red flag, active or past, with what to do."""
    name: str
    tier: str
    description: str
    state: str  # active, assessed, cleared
    reported: date
    since: date | None
    advice: str
    note: str | None  # assessed: what the clinician said (`flags --assessed --note`), in the user's words


class StepItem(NamedTuple):
    """One dated step of the schedule."""
    date: date
    end: Day | None
    kind: str
    title: str
    detail: str


class WeekMeanItem(NamedTuple):
    """One week's mean diary pain."""
    week_start: date
    mean: float
    days: int


class AssociationItem(NamedTuple):
    """One diary factor's association with pain, as the report shows it."""
    factor: str
    same_day_rho: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    next_day_rho: float | None
    next_day_ci_low: float | None
    next_day_ci_high: float | None
    next_day_n: int


class DiarySection(NamedTuple):
    """The diary's days, weekly means, associations and comparisons."""
    days: int
    first: date | None
    last: date | None
    weekly_mean_pain: tuple[WeekMeanItem, ...]
    associations: tuple[AssociationItem, ...]
    comparisons: int
    min_paired_days: int


class EvidenceItem(NamedTuple):
    """One evidence-sheet entry."""
    number: int
    date: date
    category: str
    text: str


class AspectsSection(NamedTuple):
    """The latest aspects reflection."""
    date: date
    ratings: tuple[tuple[str, int | None], ...]
    notes: tuple[tuple[str, str], ...]
    emphasis: tuple[str, ...]


class PgicItem(NamedTuple):
    """One Patient Global Impression of Change answer."""
    date: date
    pgic: int
    label: str


class GoalRating(NamedTuple):
    """One rating of a goal's ability (PSFS, 0-10)."""
    date: date
    ability: int | None


class Goal(NamedTuple):
    """A goal and its ratings over time."""
    goal: str
    ratings: tuple[GoalRating, ...]


class SideEffectItem(NamedTuple):
    """The side effects recorded at one assessment."""
    date: date
    effects: tuple[str, ...]


class AdherenceItem(NamedTuple):
    """Exercise sessions and mindfulness minutes recorded at one assessment."""
    date: date
    exercise_sessions: int | None
    mindfulness_min: int | None


class NoteItem(NamedTuple):
    """A note written with an assessment, a diary entry or a clinician's assessment."""
    date: date
    source: str  # baseline, update, diary, clinician
    text: str


class Patient(NamedTuple):
    """Whose report it is: a name or an id, when the user gave one."""
    name: str | None
    id: str | None


class Report(NamedTuple):
    """The typed report every format renders (schema paintrack.report/2)."""
    schema: str
    generated: date
    journal_id: str | None
    patient: Patient | None
    baseline: BaselineSummary
    latest: Summary
    last_known: tuple[tuple[str, Known], ...]  # measures the latest assessment lacks
    assessments: tuple[Row, ...]
    change: ChangeSinceBaseline | None
    immpact: str | None
    worsened: bool | None
    reversal: bool | None
    reversal_criteria: Criteria | None
    pain_free_or_nearly: bool | None
    pgic_immpact: str | None
    expected: Expected | None
    full_effect: Expected | None
    full_effect_date: date | None
    status: str
    next_update_due: date
    alerts: tuple[AlertItem, ...]
    red_flags: tuple[FlagItem, ...]
    plan: PlanSection | None
    schedule_next: tuple[StepItem, ...]
    diary: DiarySection
    evidence: tuple[EvidenceItem, ...]
    evidence_counts: tuple[tuple[str, int], ...]
    aspects: AspectsSection | None
    pgic: tuple[PgicItem, ...]
    goals: tuple[Goal, ...]
    side_effects: tuple[SideEffectItem, ...]
    adherence: tuple[AdherenceItem, ...]
    notes: tuple[NoteItem, ...]
    disclaimer: str
    evidence_caveat: str


def summary(a: Assessment) -> Summary:
    return Summary(
        date=a.date, nrs=a.nrs,
        bpi_severity=rounded(instruments.bpi_severity(a), "score"),
        bpi_interference=rounded(instruments.bpi_interference(a), "score"),
        peg=rounded(instruments.peg(a), "peg"),  # type: ignore[arg-type]
        walk_m=a.walk_m, opioid_mme=a.opioid_mme,
        phq9=instruments.phq9_total(a), gad7=instruments.gad7_total(a),
        psfs=rounded(instruments.psfs(a), "score"),
        pgic=a.pgic,
    )


def row(a: Assessment) -> Row:
    s = summary(a)
    screen = a.red_flag_screen
    phq, gad = instruments.phq9_total(a), instruments.gad7_total(a)
    return Row(
        kind=a.kind, date=a.date, nrs=a.nrs, worst=a.worst, least=a.least, now=a.now,
        **{name: getattr(a, name) for name in INTERFERENCE_ITEMS},
        walk_m=a.walk_m, opioid_mme=a.opioid_mme, sleep_hours=a.sleep_hours,
        exercise_sessions=a.exercise_sessions, mindfulness_min=a.mindfulness_min, pgic=a.pgic,
        phq9_answers=a.phq9, gad7_answers=a.gad7, goal_ability=a.goal_ability, side_effects=a.side_effects,
        note=a.note, red_flag_screen=Screen(screen.how, screen.positive, screen.negative),
        bpi_severity=s.bpi_severity, bpi_interference=s.bpi_interference, peg=s.peg,
        phq9=phq, phq9_band=instruments.band(phq, instruments.PHQ9_BANDS),
        phq9_item9=instruments.self_harm_answer(a),
        gad7=gad, gad7_band=instruments.band(gad, instruments.GAD7_BANDS), psfs=s.psfs,
    )


_KNOWN_FIELDS = ("bpi_severity", "bpi_interference", "peg", "walk_m", "opioid_mme", "phq9", "gad7", "psfs")


def last_known(journal: Journal, latest: Summary) -> tuple[tuple[str, Known], ...]:
    """For each measure the latest assessment lacks, its last known value and date."""
    found = []
    earlier = [summary(a) for a in reversed(journal.assessments()[:-1])]
    for name in _KNOWN_FIELDS:
        if getattr(latest, name) is not None:
            continue
        hit = next((s for s in earlier if getattr(s, name) is not None), None)
        if hit is not None:
            found.append((name, Known(getattr(hit, name), hit.date)))
    return tuple(found)


def change(baseline: Assessment, latest: Assessment) -> ChangeSinceBaseline:
    walk = None if baseline.walk_m is None or latest.walk_m is None else latest.walk_m - baseline.walk_m
    b_psfs, l_psfs = instruments.psfs(baseline), instruments.psfs(latest)
    return ChangeSinceBaseline(
        nrs_reduction_points=baseline.nrs - latest.nrs,
        nrs_reduction_pct=rounded(instruments.reduction_pct(baseline.nrs, latest.nrs), "pct"),
        bpi_severity_reduction_pct=rounded(instruments.reduction_pct(
            instruments.bpi_severity(baseline), instruments.bpi_severity(latest)), "pct"),
        bpi_interference_reduction_pct=rounded(instruments.reduction_pct(
            instruments.bpi_interference(baseline), instruments.bpi_interference(latest)), "pct"),
        walk_m_gain=rounded(walk, "walk"),
        opioid_mme_reduction_pct=rounded(instruments.reduction_pct(baseline.opioid_mme, latest.opioid_mme), "pct"),
        psfs_gain=None if b_psfs is None or l_psfs is None else rounded(l_psfs - b_psfs, "score"),
    )


def expected_at(baseline_nrs: int, reduction: projection.Range | None) -> Expected | None:
    if reduction is None:
        return None
    nrs = projection.projected_nrs(baseline_nrs, reduction)
    return Expected(
        reduction_pct_low=pct(reduction.low),  # type: ignore[arg-type]
        reduction_pct_high=pct(reduction.high),  # type: ignore[arg-type]
        projected_nrs_low=rounded(nrs.low, "nrs"),  # type: ignore[arg-type]
        projected_nrs_high=rounded(nrs.high, "nrs"),  # type: ignore[arg-type]
    )


def plan_section(journal: Journal, catalogue: Catalogue) -> PlanSection | None:
    plan = journal.plan
    if plan is None:
        return None
    items = []
    for item in plan.modalities:
        m = catalogue.get(item.id)
        items.append(PlannedModality(
            id=item.id, name=m.name if m else item.id, category=m.category if m else None, start=item.start,
            reduction_low=m.reduction_low if m else None, reduction_high=m.reduction_high if m else None,
            control_reduction=m.control_reduction if m else None, comparator=m.control_arm if m else None,
            certainty=m.certainty if m else None, clinician_advised=item.clinician_advised,
        ))
    return PlanSection(plan.start, tuple(items), projection.untested_combination(plan, catalogue), GROUP_MEAN_CAVEAT)


def schedule_next(journal: Journal, catalogue: Catalogue, today: date) -> tuple[StepItem, ...]:
    """The plan's next steps: dated today or later, or under way; a re-measure on or before the
    latest assessment is done and left out."""
    coming = schedule.next_steps(journal, catalogue, today)
    return tuple(StepItem(s.date, s.end, s.kind, s.title, s.detail) for s in coming[:SCHEDULE_NEXT])


def diary_section(journal: Journal) -> DiarySection:
    entries = journal.diary
    found = diary_rules.associations(entries)
    return DiarySection(
        days=len(entries),
        first=entries[0].date if entries else None,
        last=entries[-1].date if entries else None,
        weekly_mean_pain=tuple(WeekMeanItem(w.week_start, rounded(w.mean, "nrs"), w.days)  # type: ignore[arg-type]
                               for w in diary_rules.weekly_mean_pain(entries)),
        associations=tuple(
            AssociationItem(
                a.factor, rounded(a.same_day_rho, "rho"), rounded(a.ci_low, "rho"), rounded(a.ci_high, "rho"), a.n,
                rounded(a.next_day_rho, "rho"), rounded(a.next_day_ci_low, "rho"), rounded(a.next_day_ci_high, "rho"),
                a.next_day_n,
            )
            for a in found
        ),
        # the correlations actually computed (a factor with too few days is not a comparison)
        comparisons=sum((a.same_day_rho is not None) + (a.next_day_rho is not None) for a in found),
        min_paired_days=diary_rules.MIN_PAIRED_DAYS,
    )


def aspects_section(journal: Journal) -> AspectsSection | None:
    r = aspect_rules.latest(journal.aspects)
    if r is None:
        return None
    return AspectsSection(
        r.date,
        tuple((a.id, r.rating(a.id)) for a in aspect_rules.ASPECTS),
        tuple((a.id, note) for a in aspect_rules.ASPECTS if (note := r.note(a.id)) is not None),
        tuple(a.id for a in aspect_rules.emphasis(r)),
    )


def goals(journal: Journal) -> tuple[Goal, ...]:
    b = journal.baseline
    if b is None:
        return ()
    return tuple(
        Goal(goal, tuple(GoalRating(a.date, a.goal_ability[i] if i < len(a.goal_ability) else None)
                         for a in journal.assessments()))
        for i, goal in enumerate(b.goals)
    )


def notes(journal: Journal, flags: tuple[FlagItem, ...] = ()) -> tuple[NoteItem, ...]:
    """The most recent notes, assessments', the diary's and clinicians' together, newest first.
    A clinician's note shown with the red flags it assessed (`flags`) is not repeated here."""
    found = [NoteItem(a.date, a.kind, a.note) for a in journal.assessments() if a.note]
    found += [NoteItem(e.date, "diary", e.note) for e in journal.diary if e.note]
    shown = {(f.since, f.note) for f in flags if f.state == "assessed" and f.note}
    found += [NoteItem(r.date, "clinician", r.note) for r in journal.reviews if r.note and (r.date, r.note) not in shown]
    found.sort(key=lambda n: (n.date, n.source != "diary"), reverse=True)
    return tuple(found[:RECENT_NOTES])


def flag_items(journal: Journal) -> tuple[FlagItem, ...]:
    items = []
    for s in redflags.flag_statuses(journal):
        flag = redflags.BY_NAME[s.name]
        items.append(FlagItem(s.name, s.tier, flag.description, s.state, s.reported, s.since, redflags.ADVICE[s.tier],
                              s.note))
    order = {"active": 0, "assessed": 1, "cleared": 2}
    return tuple(sorted(items, key=lambda f: (order[f.state], f.tier != "emergency")))


def build_report(journal: Journal, catalogue: Catalogue, today: date) -> Report:
    """The report of `journal` as of `today` (see the module docstring for the steps)."""
    baseline, latest = journal.baseline, journal.latest()
    if baseline is None or latest is None:
        raise PaintrackError("there is no baseline yet, so there is nothing to report",
                             hint="run `paintrack baseline` first")
    has_update = latest is not baseline
    # 1. the assessments
    rows = tuple(row(a) for a in journal.assessments())
    base_summary = summary(baseline)
    baseline_section = BaselineSummary(
        **{f.name: getattr(base_summary, f.name) for f in fields(Summary)},
        duration_months=baseline.duration_months, locations=baseline.locations, goals=baseline.goals,
    )
    latest_summary = summary(latest)
    # 2. change since baseline, IMMPACT, reversal
    criteria = outcomes.reversal_criteria(journal)
    # 3. expected outcome and status
    started = journal.plan is not None and any(i.start < latest.date for i in journal.plan.modalities)
    # nothing to compare with before any therapy of the plan had started (0% "expected" is no expectation)
    expected = expected_at(baseline.nrs, projection.expected(journal.plan, catalogue, at=latest.date)) if started else None
    full = expected_at(baseline.nrs, projection.expected(journal.plan, catalogue))
    status = outcomes.status(
        latest.nrs, expected.projected_nrs_low if expected else None,
        expected.projected_nrs_high if expected else None, journal.plan is not None, has_update,
    )
    due = recording.next_due(journal)
    assert due is not None
    settings = journal.settings
    flags = flag_items(journal)
    return Report(
        schema=SCHEMA,
        generated=today,
        journal_id=journal.journal_id,
        patient=Patient(settings.patient_name, settings.patient_id)
        if settings.patient_name or settings.patient_id else None,
        baseline=baseline_section,
        latest=latest_summary,
        last_known=last_known(journal, latest_summary),
        assessments=rows,
        change=change(baseline, latest) if has_update else None,
        immpact=instruments.immpact_category(baseline.nrs, latest.nrs) if has_update else None,
        worsened=instruments.worsened(baseline.nrs, latest.nrs) if has_update else None,
        reversal=outcomes.reversal(criteria),
        reversal_criteria=None if criteria is None else Criteria(
            criteria.halved_sustained, criteria.normal_activities, criteria.pain_free_6_months,
            criteria.nervous_system_signalling, criteria.halved_dates, criteria.pain_free_since,
        ),
        pain_free_or_nearly=outcomes.pain_free_or_nearly(baseline.nrs, latest.nrs, has_update),
        pgic_immpact=instruments.pgic_immpact(latest.pgic) if has_update else None,
        expected=expected,
        full_effect=full,
        full_effect_date=planning.outcome(journal, catalogue, today).full_effect_date if journal.plan else None,
        status=status,
        next_update_due=due,
        # 4. alerts and red flags
        alerts=tuple(AlertItem(a.code, a.level, a.message) for a in alert_rules.alerts(journal, catalogue, today)),
        red_flags=flags,
        # 5. context
        plan=plan_section(journal, catalogue),
        schedule_next=schedule_next(journal, catalogue, today),
        # 6. diary, evidence, aspects
        diary=diary_section(journal),
        evidence=tuple(EvidenceItem(e.number, e.date, e.category, e.text) for e in journal.evidence),
        evidence_counts=tuple(evidence_rules.counts(journal.evidence).items()),
        aspects=aspects_section(journal),
        pgic=tuple(PgicItem(a.date, a.pgic, instruments.PGIC_LABELS[a.pgic]) for a in journal.updates if a.pgic),
        goals=goals(journal),
        side_effects=tuple(SideEffectItem(a.date, a.side_effects) for a in journal.updates if a.side_effects),
        adherence=tuple(AdherenceItem(a.date, a.exercise_sessions, a.mindfulness_min) for a in journal.assessments()
                        if a.exercise_sessions is not None or a.mindfulness_min is not None),
        notes=notes(journal, flags),
        disclaimer=NOT_MEDICAL_ADVICE,
        evidence_caveat=EVIDENCE_CAVEAT,
    )
