"""The report's alerts: each rule states what was observed, then one thing to do.

Levels: `urgent` (act now), `soon` (within days), `info`. A self-harm answer always comes first,
then emergency red flags. No message advises changing a dose alone: every medication message
sends the person to their prescriber. Pure functions over the journal and the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from paintrack.domain import instruments, redflags
from paintrack.domain.catalogue import Catalogue
from paintrack.domain.records import Assessment, Journal

Level = Literal["urgent", "soon", "info"]
LEVELS: tuple[Level, ...] = ("urgent", "soon", "info")

UPDATE_INTERVAL_DAYS = 28
ADVANCED_OPTIONS_WEEKS = 12
ADVANCED_OPTIONS_NRS = 5
MEDICATION_FOLLOW_UP_WEEKS = 4
MEDICATION_REVIEW_WEEKS = 26
HIGH_MME = 50
VERY_HIGH_MME = 90
TAPER_MAX_PCT_PER_4_WEEKS = 10
DISCUSS_TAPER_PCT = 30
EXERCISE_MIN_SESSIONS = 2
REVIEWED_MEDICATIONS = ("gabapentinoid", "medication")  # medication_review: they include gabapentinoids
PSYCHOLOGICAL = ("cbt", "mbsr", "prt")

#: Said on the screen the moment PHQ-9 item 9 is answered above 0. paintrack alerts no one by
#: itself (a `paintrack send` carries the answers, item 9 too, only when the person sends them),
#: so it never says "thank you for telling us", nor that the answers go to no one.
SELF_HARM_NOW = (
    "Thank you for answering this honestly. Thoughts like these are a reason to get support now, and "
    "paintrack does not alert anyone by itself."
)
CRISIS = (
    "If you might act on these thoughts, or feel unsafe, call your local emergency number now; in "
    "the US you can call or text 988 (Suicide & Crisis Lifeline), any time. Please also contact "
    "your clinician today and tell them what you answered."
)


@dataclass(frozen=True, slots=True)
class Alert:
    """One report alert: its contract code, its level, and the message shown."""
    code: str
    level: Level
    message: str


def self_harm_assessment(journal: Journal) -> Assessment | None:
    """The latest assessment that answered PHQ-9 item 9: a later assessment that skipped the
    PHQ-9 does not hide an earlier self-harm answer; a later answer of 0 does."""
    return next((a for a in reversed(journal.assessments()) if instruments.self_harm_answer(a) is not None), None)


def self_harm(latest: Assessment | None) -> Alert | None:
    """PHQ-9 item 9 above 0 on `latest` (the latest assessment that answered it)."""
    answer = None if latest is None else instruments.self_harm_answer(latest)
    if not answer or latest is None:
        return None
    how_often = instruments.FREQUENCY_OPTIONS[answer].lower()
    return Alert("self_harm", "urgent", (
        f"On {latest.date} you answered that you have had thoughts that you would be better off dead, or "
        f"of hurting yourself ({how_often}). You do not have to carry this alone. " + CRISIS
    ))


def red_flag_alerts(journal: Journal) -> list[Alert]:
    """Active red flags: the emergency ones (urgent), then the prompt ones (soon)."""
    found = []
    active = redflags.active_flags(journal)
    for tier, level in (("emergency", "urgent"), ("prompt", "soon")):
        flags = [f for f in active if f.tier == tier]
        if flags:
            since = min(f.reported for f in flags)
            found.append(Alert("red_flags", level, (  # type: ignore[arg-type]
                f"Red flag reported on {since}: {redflags.describe([f.name for f in flags])}. "
                f"{redflags.ADVICE[tier]}"  # type: ignore[index]
            )))
    return found


def worsening(baseline: Assessment, latest: Assessment) -> Alert | None:
    """Pain up 2 points or 30% from the baseline, or a PGIC of 6-7 on the latest update."""
    worse = instruments.worsened(baseline.nrs, latest.nrs)
    pgic = latest.pgic if latest is not baseline else None
    if not worse and not (pgic is not None and pgic >= 6):
        return None
    seen = []
    if worse:
        seen.append(f"your pain was {latest.nrs}/10, up from {baseline.nrs}/10 at the baseline ({baseline.date})")
    if pgic is not None and pgic >= 6:
        seen.append(f'you rated yourself "{instruments.PGIC_LABELS[pgic]}" since the baseline')
    return Alert("worsening", "soon", (
        f"On {latest.date} " + ", and ".join(seen) + ". Contact your clinician within the next few days "
        "to review your plan; do not wait for the next four-weekly update."
    ))


def last_dosed(journal: Journal, until: date | None = None) -> Assessment | None:
    """The latest assessment (on or before `until`) that recorded an opioid dose: an update that
    skipped the dose does not hide the dose recorded before it (as with the PHQ-9's answers)."""
    return next((a for a in reversed(journal.assessments())
                 if a.opioid_mme is not None and (until is None or a.date <= until)), None)


def _dose(dosed: Assessment, latest: Assessment | None) -> str:
    """'On D your opioid dose was X MME/day', or, when a later assessment recorded none, 'Your last
    recorded dose, X MME/day on D (none recorded since):'."""
    if latest is None or latest is dosed or latest.date <= dosed.date:
        return f"On {dosed.date} your opioid dose was {dosed.opioid_mme:g} MME/day:"
    return f"Your last recorded dose, {dosed.opioid_mme:g} MME/day on {dosed.date} (none recorded since):"


def high_opioid_dose(dosed: Assessment | None, latest: Assessment | None = None) -> Alert | None:
    """The last recorded dose (`dosed`: see `last_dosed`) 50 MME/day or more (90 or more: more so)."""
    mme = None if dosed is None else dosed.opioid_mme
    if dosed is None or mme is None or mme < HIGH_MME:
        return None
    if mme >= VERY_HIGH_MME:
        said = (f"{_dose(dosed, latest)} at 90 or more, the risk of an overdose "
                "is much higher. Ask your prescriber soon about naloxone and about your dose; never change "
                "the dose on your own.")
    else:
        said = (f"{_dose(dosed, latest)} at 50 or more, the risk of an overdose rises. "
                "Ask your prescriber or pharmacist about naloxone; never change the dose on your own.")
    return Alert("high_opioid_dose", "soon", said)


def opioid_increase(baseline: Assessment, dosed: Assessment | None) -> Alert | None:
    """The last recorded dose (after the baseline) above the baseline's."""
    if dosed is None or dosed is baseline or baseline.opioid_mme is None or dosed.opioid_mme is None \
            or dosed.opioid_mme <= baseline.opioid_mme:
        return None
    return Alert("opioid_increase", "info", (
        f"Your opioid dose rose from {baseline.opioid_mme:g} MME/day at the baseline to {dosed.opioid_mme:g} "
        f"on {dosed.date}. Opioids are meant as a bridge while other treatments take hold: talk it over with "
        "your prescriber (never change the dose on your own)."
    ))


def taper_safety(journal: Journal) -> Alert | None:
    """The dose fell by more than 10% of the previous dose per four weeks (between the two
    latest assessments that recorded a dose)."""
    dosed = [a for a in journal.assessments() if a.opioid_mme is not None]
    if len(dosed) < 2:
        return None
    before, after = dosed[-2], dosed[-1]
    assert before.opioid_mme is not None and after.opioid_mme is not None
    if before.opioid_mme <= 0 or after.opioid_mme >= before.opioid_mme:
        return None
    days = max(1, (after.date - before.date).days)
    # (fall / before) / (days / 28) > 10%, compared without dividing: exactly 10% a month is within
    if (before.opioid_mme - after.opioid_mme) * 28 * 100 <= TAPER_MAX_PCT_PER_4_WEEKS * before.opioid_mme * days:
        return None
    return Alert("taper_safety", "info", (
        f"Your opioid dose fell from {before.opioid_mme:g} to {after.opioid_mme:g} MME/day between {before.date} "
        f"and {after.date}, faster than 10% of the dose per four weeks. A faster taper can bring withdrawal "
        "and more pain: taper only on a plan agreed with your prescriber."
    ))


def discuss_taper(baseline: Assessment, latest: Assessment, dosed: Assessment | None) -> Alert | None:
    """Pain at least 30% better, and the last recorded opioid dose unchanged or higher, above 0."""
    pct = instruments.reduction_pct(baseline.nrs, latest.nrs)
    if latest is baseline or pct is None or pct < DISCUSS_TAPER_PCT:
        return None
    mme = None if dosed is None else dosed.opioid_mme
    if dosed is None or mme is None or baseline.opioid_mme is None or mme <= 0:
        return None
    if mme < baseline.opioid_mme:
        return None
    dose = f"your opioid dose is {mme:g} MME/day" if dosed is latest else \
        f"your last recorded opioid dose is {mme:g} MME/day (on {dosed.date})"
    return Alert("discuss_taper", "info", (
        f"Your pain is {pct:.0f}% lower than at the baseline while {dose}. The source article suggests "
        "tapering when other strategies show benefit: ask your prescriber whether a slow, planned taper "
        "suits you (never on your own)."
    ))


def not_chronic(journal: Journal) -> Alert | None:
    """The baseline's pain duration under three months (the plan gate's boundary)."""
    baseline = journal.baseline
    months = None if baseline is None else baseline.duration_months
    if baseline is None or months is None or redflags.is_chronic(months) is not False:
        return None
    seen = (f"At the baseline ({baseline.date}) your pain had lasted {months} month{'s' if months != 1 else ''}, "
            "under the three months that define chronic pain; this plan is for chronic pain.")
    review = next((r for r in reversed(journal.reviews) if r.short_duration and r.date >= baseline.date), None)
    if review is not None:
        return Alert("not_chronic", "info", f"{seen} A clinician assessed it on {review.date}: follow their advice "
                     "on whether this plan suits you.")
    return Alert("not_chronic", "info", f"{seen} See a clinician to assess it first, then record that with "
                 "`paintrack flags --assessed`.")


def update_overdue(latest: Assessment, today: date) -> Alert | None:
    days = (today - latest.date).days
    if days <= UPDATE_INTERVAL_DAYS:
        return None
    return Alert("update_overdue", "info", (
        f"Your last assessment was {days} days ago ({latest.date}). Record one now with `paintrack update` "
        "(re-measure every four weeks)."
    ))


def stalled(journal: Journal, catalogue: Catalogue) -> Alert | None:
    """At least two updates, the latest improved on the previous by less than 10% of the
    baseline, and the latest NRS above 1; the advice names only modalities in the plan."""
    baseline = journal.baseline
    if baseline is None or len(journal.updates) < 2:
        return None
    previous, latest = journal.assessments()[-2], journal.assessments()[-1]
    if latest.nrs <= 1 or 10 * (previous.nrs - latest.nrs) >= baseline.nrs:
        return None
    ids = journal.plan.ids() if journal.plan else ()
    advice = []
    if "graded-exercise" in ids:
        advice.append("adjusting the intensity of your graded exercise")
    if "mbsr" in ids:
        advice.append("adding a mindfulness session")
    others = [catalogue[i].name for i in ids if i in catalogue and i not in ("graded-exercise", "mbsr")]
    if others and not advice:
        advice.append("how " + " and ".join(others) + " is going")
    todo = ("Discuss " + " or ".join(advice) + " with your clinician.") if advice else \
        "Discuss with your clinician what to change in your plan."
    return Alert("stalled", "info", (
        f"Progress has stalled: pain {previous.nrs} → {latest.nrs} since the previous assessment "
        f"({previous.date}). {todo}"
    ))


def consider_advanced_options(journal: Journal, today: date) -> Alert | None:
    baseline, latest = journal.baseline, journal.latest()
    if baseline is None or latest is None:
        return None
    # weeks of care: from the plan's start, never from before the baseline (the plan gate of
    # scs and rfa counts from the baseline too, so the alert never suggests what it refuses)
    since = max(journal.plan.start, baseline.date) if journal.plan else baseline.date
    weeks = (today - since).days / 7
    ids = journal.plan.ids() if journal.plan else ()
    if weeks < ADVANCED_OPTIONS_WEEKS or latest.nrs <= ADVANCED_OPTIONS_NRS or "scs" in ids:
        return None
    since_what = "the start of your plan" if journal.plan else "the baseline"
    return Alert("consider_advanced_options", "info", (
        f"{int(weeks)} weeks after {since_what} your pain was still {latest.nrs}/10 on {latest.date}, above 5/10. "
        "Discuss advanced options such as spinal cord stimulation or radiofrequency ablation with your specialist."
    ))


def medications(journal: Journal, catalogue: Catalogue) -> list[tuple[str, str, date]]:
    """(id, name, start) of the plan's medication rows."""
    if journal.plan is None:
        return []
    return [
        (i.id, catalogue[i.id].name, i.start) for i in journal.plan.modalities
        if i.id in catalogue and catalogue[i.id].category == "medication"
    ]


def medication_follow_up(journal: Journal, catalogue: Catalogue, today: date) -> Alert | None:
    """A medication started four weeks ago or more with no assessment since it started."""
    due = [
        f"{name} started on {start}, {(today - start).days // 7} weeks ago"
        for _, name, start in medications(journal, catalogue)
        if today - start >= timedelta(weeks=MEDICATION_FOLLOW_UP_WEEKS)
        and not any(a.date > start for a in journal.assessments())
    ]
    if not due:
        return None
    return Alert("medication_follow_up", "info", (
        f"{'; '.join(due)}, and no assessment has been recorded since. Record an update "
        "(`paintrack update`, with any side effects) and review how it works with your prescriber (never stop it "
        "or change the dose on your own)."
    ))


def medication_review(journal: Journal, catalogue: Catalogue, today: date) -> Alert | None:
    due = [
        f"{name} started on {start}, {(today - start).days // 7} weeks ago"
        for mid, name, start in medications(journal, catalogue)
        if mid in REVIEWED_MEDICATIONS and today - start >= timedelta(weeks=MEDICATION_REVIEW_WEEKS)
    ]
    if not due:
        return None
    return Alert("medication_review", "info", (
        f"{'; '.join(due)}. The source article says the benefit of "
        "gabapentinoids often wanes after about six months: review it with your prescriber (never stop "
        "or change the dose on your own)."
    ))


def side_effects(latest: Assessment) -> Alert | None:
    from paintrack.domain.measures import SIDE_EFFECTS

    if not latest.side_effects:
        return None
    named = ", ".join(SIDE_EFFECTS.get(s, s) for s in latest.side_effects)
    return Alert("side_effects", "info", (
        f"Side effects recorded on {latest.date}: {named}. Tell your prescriber or clinician at your next "
        "contact (sooner if they are severe); do not change a medication on your own."
    ))


def education_missing(journal: Journal) -> Alert | None:
    if journal.plan is None or "pain-education" in journal.plan.ids():
        return None
    return Alert("education_missing", "info", (
        "Your plan has no pain neuroscience education. The source article puts education first: without "
        "it, fear of movement tends to persist. Consider adding it (`paintrack plan --add pain-education`)."
    ))


def medication_only(journal: Journal, catalogue: Catalogue) -> Alert | None:
    if journal.plan is None or not journal.plan.modalities:
        return None
    if not all(i.id in catalogue and catalogue[i.id].category == "medication" for i in journal.plan.modalities):
        return None
    return Alert("medication_only", "info", (
        "Every therapy in your plan is a medication. The source article warns that medication can mask pain "
        "but will not rewire pathways: discuss adding an active treatment, such as graded exercise, with your "
        "clinician (and keep taking your medication as prescribed meanwhile)."
    ))


def mental_health(journal: Journal) -> Alert | None:
    """The latest PHQ-9 or GAD-7 total of 10 or more, and no cbt, mbsr or prt in the plan."""
    high = []
    for name, score, bands, what in (("PHQ-9", instruments.phq9_total, instruments.PHQ9_BANDS, "depression"),
                                     ("GAD-7", instruments.gad7_total, instruments.GAD7_BANDS, "anxiety")):
        found = next(((a.date, t) for a in reversed(journal.assessments()) if (t := score(a)) is not None), None)
        if found is not None and found[1] >= instruments.SCREEN_THRESHOLD:
            high.append(f"{name} {found[1]} on {found[0]} ({instruments.band(found[1], bands)} {what} symptoms)")
    ids = journal.plan.ids() if journal.plan else ()
    if not high or any(i in ids for i in PSYCHOLOGICAL):
        return None
    return Alert("mental_health", "info", (
        f"Your latest scores: {'; '.join(high)}. Depression and anxiety amplify pain, and the source article "
        "says to address them early: discuss CBT or counselling with your clinician."
    ))


def exercise_inconsistent(journal: Journal, latest: Assessment) -> Alert | None:
    if journal.plan is None or "graded-exercise" not in journal.plan.ids() or latest is journal.baseline:
        return None
    if latest.exercise_sessions is None or latest.exercise_sessions >= EXERCISE_MIN_SESSIONS:
        return None
    return Alert("exercise_inconsistent", "info", (
        f"On {latest.date} you recorded {latest.exercise_sessions} graded-exercise "
        f"session{'s' if latest.exercise_sessions != 1 else ''} a week; the source article says missed sessions "
        "reduce the stimulus needed for change. Agree a small, regular amount (at least two sessions a week) with "
        "your physiotherapist."
    ))


def alerts(journal: Journal, catalogue: Catalogue, today: date) -> list[Alert]:
    """Every alert that applies, urgent first (a self-harm answer before everything)."""
    baseline, latest = journal.baseline, journal.latest()
    if baseline is None or latest is None:
        return []
    dosed = last_dosed(journal)
    found: list[Alert | None] = [
        self_harm(self_harm_assessment(journal)),
        *red_flag_alerts(journal),
        worsening(baseline, latest),
        high_opioid_dose(dosed, latest),
        opioid_increase(baseline, dosed),
        taper_safety(journal),
        discuss_taper(baseline, latest, dosed),
        not_chronic(journal),
        update_overdue(latest, today),
        stalled(journal, catalogue),
        consider_advanced_options(journal, today),
        medication_follow_up(journal, catalogue, today),
        medication_review(journal, catalogue, today),
        side_effects(latest),
        education_missing(journal),
        medication_only(journal, catalogue),
        mental_health(journal),
        exercise_inconsistent(journal, latest),
    ]
    present = [a for a in found if a is not None]
    return sorted(present, key=lambda a: LEVELS.index(a.level))
