"""Every alert of the contract (PRODUCT.md "Report" alerts): it fires on its threshold and not one
point below, with its level; urgent first, a self-harm answer before everything; each message
states what was observed, then one thing to do; no message advises changing a dose alone."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import BASELINE_ARGS

from paintrack.domain import alerts
from paintrack.domain.records import Assessment, ClinicianReview, Journal, Plan, PlanItem, RedFlagScreen
from paintrack.storage.catalogue_file import load_catalogue

CATALOGUE = load_catalogue()
TODAY = date(2026, 11, 23)
B = date(2026, 6, 1)  # the baseline's date
NO_FLAGS = RedFlagScreen("flags", tuple((n, False) for n in alerts.redflags.NAMES))


def base(**kw) -> Assessment:
    fields = {"nrs": 6, "duration_months": 12, "red_flag_screen": NO_FLAGS, **kw}
    return Assessment(kind="baseline", date=fields.pop("date", B), **fields)


def upd(days: int, nrs: int, **kw) -> Assessment:
    return Assessment(kind="update", date=B + timedelta(days=days), nrs=nrs, red_flag_screen=NO_FLAGS, **kw)


def plan(*ids: str, start: date = B) -> Plan:
    return Plan(start, 10, tuple(PlanItem(i, start) for i in ids))


EDUCATED = ("pain-education", "cbt")  # a plan that triggers none of the plan-shape alerts


def journal(baseline: Assessment | None = None, *updates: Assessment, plan_: Plan | None = None,
            reviews: tuple[ClinicianReview, ...] = ()) -> Journal:
    return Journal(baseline=baseline or base(), updates=updates, plan=plan_, reviews=reviews)


def fired(j: Journal, today: date = TODAY) -> dict[str, alerts.Alert]:
    found = alerts.alerts(j, CATALOGUE, today)
    codes = [a.code for a in found]
    assert len(codes) == len(set(codes)) or codes.count("red_flags") == 2
    return {a.code: a for a in found}


def recent(j: Journal) -> date:
    """A 'today' just after the latest assessment, so that update_overdue stays quiet."""
    latest = j.latest()
    assert latest is not None
    return latest.date + timedelta(days=1)


# Each case: the code, its level, a journal (and today) on the threshold, one just below it.
Case = tuple[str, str, Callable[[], tuple[Journal, date]], Callable[[], tuple[Journal, date]]]


def at(j: Journal, today: date | None = None) -> tuple[Journal, date]:
    return j, today or recent(j)


CASES: list[Case] = [
    ("self_harm", "urgent",
     lambda: at(journal(base(phq9=(0,) * 8 + (1,)))),
     lambda: at(journal(base(phq9=(3,) * 8 + (0,))))),
    ("red_flags", "urgent",
     lambda: at(journal(base(red_flag_screen=RedFlagScreen("flags", (("saddle-numbness", True),))))),
     lambda: at(journal(base(red_flag_screen=RedFlagScreen("flags", (("saddle-numbness", False),)))))),
    ("worsening", "soon",  # up 2 points vs 1 point (20%)
     lambda: at(journal(base(nrs=5), upd(28, 7))),
     lambda: at(journal(base(nrs=5), upd(28, 6)))),
    ("high_opioid_dose", "soon",
     lambda: at(journal(base(opioid_mme=50.0), upd(28, 6, opioid_mme=50.0), plan_=plan(*EDUCATED))),
     lambda: at(journal(base(opioid_mme=49.0), upd(28, 6, opioid_mme=49.0), plan_=plan(*EDUCATED)))),
    ("opioid_increase", "info",
     lambda: at(journal(base(opioid_mme=20.0), upd(28, 6, opioid_mme=21.0))),
     lambda: at(journal(base(opioid_mme=20.0), upd(28, 6, opioid_mme=20.0)))),
    ("taper_safety", "info",  # more than 10% of the dose per four weeks
     lambda: at(journal(base(opioid_mme=40.0), upd(28, 6, opioid_mme=35.9))),
     lambda: at(journal(base(opioid_mme=40.0), upd(28, 6, opioid_mme=36.0)))),
    ("discuss_taper", "info",  # 30% better, dose unchanged
     lambda: at(journal(base(nrs=10, opioid_mme=30.0), upd(28, 7, opioid_mme=30.0))),
     lambda: at(journal(base(nrs=10, opioid_mme=30.0), upd(28, 8, opioid_mme=30.0)))),
    ("not_chronic", "info",
     lambda: at(journal(base(duration_months=2))),
     lambda: at(journal(base(duration_months=3)))),
    ("update_overdue", "info",  # more than 28 days
     lambda: at(journal(base()), B + timedelta(days=29)),
     lambda: at(journal(base()), B + timedelta(days=28))),
    ("stalled", "info",  # improved less than 10% of baseline over the previous
     lambda: at(journal(base(nrs=10), upd(28, 7), upd(56, 7))),
     lambda: at(journal(base(nrs=10), upd(28, 7), upd(56, 6)))),
    ("consider_advanced_options", "info",  # 12 weeks since the plan's start, pain above 5
     lambda: at(journal(base(), upd(84, 6), plan_=plan(*EDUCATED)), B + timedelta(days=84)),
     lambda: at(journal(base(), upd(83, 6), plan_=plan(*EDUCATED)), B + timedelta(days=83))),
    ("medication_follow_up", "info",  # started four weeks ago, no assessment since
     lambda: at(journal(base(), plan_=plan("duloxetine", "pain-education", "cbt")), B + timedelta(days=28)),
     lambda: at(journal(base(), plan_=plan("duloxetine", "pain-education", "cbt")), B + timedelta(days=27))),
    ("medication_review", "info",  # a gabapentinoid started 26 weeks ago
     lambda: at(journal(base(), upd(175, 4), upd(182, 4), plan_=plan("gabapentinoid", *EDUCATED)),
                B + timedelta(days=182)),
     lambda: at(journal(base(), upd(175, 4), upd(181, 4), plan_=plan("gabapentinoid", *EDUCATED)),
                B + timedelta(days=181))),
    ("side_effects", "info",
     lambda: at(journal(base(), upd(28, 6, side_effects=("dizziness",)))),
     lambda: at(journal(base(), upd(28, 6, side_effects=("dizziness",)), upd(56, 6)))),
    ("education_missing", "info",
     lambda: at(journal(base(), plan_=plan("cbt"))),
     lambda: at(journal(base(), plan_=plan("cbt", "pain-education")))),
    ("medication_only", "info",
     lambda: at(journal(base(), plan_=plan("duloxetine", "gabapentinoid"))),
     lambda: at(journal(base(), plan_=plan("duloxetine", "graded-exercise")))),
    ("mental_health", "info",  # PHQ-9 10 vs 9
     lambda: at(journal(base(phq9=(3, 3, 3, 1, 0, 0, 0, 0, 0)), plan_=plan("pain-education"))),
     lambda: at(journal(base(phq9=(3, 3, 3, 0, 0, 0, 0, 0, 0)), plan_=plan("pain-education")))),
    ("exercise_inconsistent", "info",  # fewer than 2 sessions a week
     lambda: at(journal(base(), upd(28, 6, exercise_sessions=1), plan_=plan("graded-exercise", *EDUCATED))),
     lambda: at(journal(base(), upd(28, 6, exercise_sessions=2), plan_=plan("graded-exercise", *EDUCATED)))),
]


def test_every_contract_code_has_a_case():
    assert [c[0] for c in CASES] == [
        "self_harm", "red_flags", "worsening", "high_opioid_dose", "opioid_increase", "taper_safety",
        "discuss_taper", "not_chronic", "update_overdue", "stalled", "consider_advanced_options",
        "medication_follow_up", "medication_review", "side_effects", "education_missing", "medication_only",
        "mental_health", "exercise_inconsistent",
    ]


@pytest.mark.parametrize(("code", "level", "on", "below"), CASES, ids=[c[0] for c in CASES])
def test_fires_on_its_threshold_and_not_one_point_below(code, level, on, below):
    j, today = on()
    found = fired(j, today)
    assert code in found, sorted(found)
    assert found[code].level == level
    j, today = below()
    assert code not in fired(j, today)


def all_messages() -> list[alerts.Alert]:
    return [fired(*on())[code] for code, _, on, _ in CASES] + [
        fired(*at(journal(base(opioid_mme=90.0), upd(28, 6, opioid_mme=90.0))))["high_opioid_dose"],
        fired(*at(journal(base(red_flag_screen=RedFlagScreen("flags", (("fever", True),))))))["red_flags"],
        fired(*at(journal(base(), upd(28, 6, pgic=6))))["worsening"],
        fired(*at(journal(base(duration_months=2), reviews=(ClinicianReview(1, B, (), True),))))["not_chronic"],
    ]


NOUNS = r"(dose|doses|opioids?|medications?|gabapentinoids?|duloxetine|pregabalin|gabapentin|it)"
DOSE_VERBS = re.compile(r"\b(reduce|lower|decrease|increase|raise|stop|cut|change|taper|halve|double|skip|come off)"
                        r"(\s+\w+){0,3}\s+" + NOUNS + r"\b", re.I)
DOSE_NOUNS = re.compile(r"\b(dose|doses|opioids?|medications?|gabapentinoids?|duloxetine|pregabalin|gabapentin)\b", re.I)
SAFE = re.compile(r"\b(never|do not|not|only)\b", re.I)


def test_no_message_advises_changing_a_dose_alone():
    for alert in all_messages():
        for clause in re.split(r"[.;:()]|, and |, but ", alert.message):
            if DOSE_VERBS.search(clause):
                assert SAFE.search(clause), (alert.code, clause)
        if DOSE_NOUNS.search(alert.message) and alert.code not in ("medication_only",):
            assert "prescriber" in alert.message, alert.code


ACTIONS = re.compile(r"\b(contact|ask|discuss|tell|record|re-measure|taper only|consider|aim|seek|see|call|"
                     r"review|follow|talk|agree)\b", re.I)


def test_each_message_states_the_observation_then_one_thing_to_do():
    for alert in all_messages():
        sentences = [s for s in re.split(r"(?<=[.)])\s+(?=[A-Z])", alert.message) if s]
        assert len(sentences) >= 2, alert.code
        first, rest = sentences[0], " ".join(sentences[1:])
        assert re.search(r"\d|Your plan|Every therapy|Progress", first), (alert.code, first)
        assert not ACTIONS.search(first) or alert.code in ("stalled",), (alert.code, first)
        assert ACTIONS.search(rest), (alert.code, rest)


def test_high_dose_says_more_at_90():
    at50 = fired(*at(journal(base(opioid_mme=89.0), upd(28, 6, opioid_mme=89.0))))["high_opioid_dose"].message
    at90 = fired(*at(journal(base(opioid_mme=90.0), upd(28, 6, opioid_mme=90.0))))["high_opioid_dose"].message
    assert "at 50 or more" in at50 and "naloxone" in at50 and "never change the dose on your own" in at50
    assert "at 90 or more" in at90 and "much higher" in at90 and "naloxone" in at90


def test_opioid_alerts_use_the_last_recorded_dose_when_the_latest_update_has_none():
    # the dose only at the baseline, one point either side of 50
    at50 = fired(*at(journal(base(opioid_mme=50.0), upd(28, 6))))
    assert "high_opioid_dose" not in fired(*at(journal(base(opioid_mme=49.0), upd(28, 6))))
    message = at50["high_opioid_dose"].message
    assert message.startswith(f"Your last recorded dose, 50 MME/day on {B} (none recorded since): at 50 or more")
    assert "naloxone" in message and "never change the dose on your own" in message
    at90 = fired(*at(journal(base(opioid_mme=90.0), upd(28, 6), upd(56, 6))))["high_opioid_dose"].message
    assert f"90 MME/day on {B}" in at90 and "at 90 or more" in at90
    # a later recorded dose below 50 ends it; a 0 too
    assert "high_opioid_dose" not in fired(*at(journal(base(opioid_mme=120.0), upd(28, 6, opioid_mme=49.0), upd(56, 6))))
    # opioid_increase: the last recorded dose above the baseline's, though the latest update has none
    rose = fired(*at(journal(base(opioid_mme=20.0), upd(28, 6, opioid_mme=21.0), upd(56, 6))))
    assert f"rose from 20 MME/day at the baseline to 21 on {B + timedelta(days=28)}" in rose["opioid_increase"].message
    assert "opioid_increase" not in fired(*at(journal(base(opioid_mme=20.0), upd(28, 6, opioid_mme=20.0), upd(56, 6))))
    # discuss_taper: 30% better, the last recorded dose unchanged (only at the baseline)
    better = fired(*at(journal(base(nrs=10, opioid_mme=30.0), upd(28, 7))))
    assert f"your last recorded opioid dose is 30 MME/day (on {B})" in better["discuss_taper"].message
    assert "discuss_taper" not in fired(*at(journal(base(nrs=10, opioid_mme=30.0), upd(28, 8))))
    assert "discuss_taper" not in fired(*at(journal(base(nrs=10, opioid_mme=30.0), upd(28, 6, opioid_mme=29.0), upd(56, 7))))


def test_the_issues_case_high_dose_at_the_baseline_only(paintrack):
    args = [a if a != "2026-01-05" else "2025-01-01" for a in BASELINE_ARGS]
    assert paintrack(*args, "--opioid-mme", "120").code == 0
    r = paintrack("update", "--no-input", "--date", "2025-01-29", "--nrs", "6")
    assert r.code == 0, r.text
    assert "Your last recorded dose, 120 MME/day on 2025-01-01 (none recorded since): at 90 or more" in " ".join(r.out.split())
    found = {a["code"]: a for a in json.loads(paintrack("report", "--format", "json").out)["alerts"]}
    assert found["high_opioid_dose"]["level"] == "soon"
    assert "120 MME/day on 2025-01-01" in found["high_opioid_dose"]["message"]


def test_taper_rate_is_per_four_weeks():
    slow = journal(base(opioid_mme=100.0), upd(56, 6, opioid_mme=80.0))  # 20% over 8 weeks: 10% a month
    assert "taper_safety" not in fired(*at(slow))
    fast = journal(base(opioid_mme=100.0), upd(56, 6, opioid_mme=79.0))
    assert "taper_safety" in fired(*at(fast))
    stopped = journal(base(opioid_mme=20.0), upd(28, 6, opioid_mme=0.0))
    assert "taper only on a plan agreed with your prescriber" in fired(*at(stopped))["taper_safety"].message
    # between the two latest assessments that recorded a dose
    gap = journal(base(opioid_mme=100.0), upd(28, 6, opioid_mme=95.0), upd(56, 6))
    assert "taper_safety" not in fired(*at(gap))


def test_worsening_by_percent_and_by_pgic():
    assert "worsening" in fired(*at(journal(base(nrs=3), upd(28, 4))))  # 33%
    assert "worsening" not in fired(*at(journal(base(nrs=4), upd(28, 5))))  # 25%
    assert "worsening" in fired(*at(journal(base(nrs=0), upd(28, 3))))  # from 0: points
    assert "worsening" in fired(*at(journal(base(), upd(28, 6, pgic=6))))
    assert "worsening" not in fired(*at(journal(base(), upd(28, 6, pgic=5))))
    both = fired(*at(journal(base(nrs=4), upd(28, 8, pgic=7))))["worsening"].message
    assert "up from 4/10" in both and '"very much worse"' in both


def test_the_issues_case_alerts_on_worsening_and_the_high_dose(paintrack):
    args = list(BASELINE_ARGS)
    args[args.index("--nrs") + 1] = "4"
    assert paintrack(*args, "--opioid-mme", "20").code == 0
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "8", "--pgic", "7", "--opioid-mme", "120")
    assert r.code == 0, r.text
    data = json.loads(paintrack("report", "--format", "json").out)
    codes = [(a["code"], a["level"]) for a in data["alerts"]]
    assert codes[:2] == [("worsening", "soon"), ("high_opioid_dose", "soon")]
    assert ("opioid_increase", "info") in codes
    assert data["worsened"] is True


def test_self_harm_comes_before_everything():
    j = journal(base(phq9=(0,) * 8 + (2,), opioid_mme=120.0,
                     red_flag_screen=RedFlagScreen("flags", (("fever", True), ("sudden-weakness", True)))),
                replace(upd(28, 9, pgic=7, opioid_mme=120.0), red_flag_screen=RedFlagScreen()))
    found = alerts.alerts(j, CATALOGUE, TODAY)
    assert [(a.code, a.level) for a in found[:4]] == [
        ("self_harm", "urgent"), ("red_flags", "urgent"), ("red_flags", "soon"), ("worsening", "soon")]
    levels = [alerts.LEVELS.index(a.level) for a in found]
    assert levels == sorted(levels)


def test_self_harm_persists_until_a_later_answer_of_0():
    earlier = base(phq9=(0,) * 8 + (1,))
    assert "self_harm" in fired(*at(journal(earlier, upd(28, 6))))  # the update skipped the PHQ-9
    assert "On 2026-06-01 you answered" in fired(*at(journal(earlier, upd(28, 6))))["self_harm"].message
    assert "self_harm" not in fired(*at(journal(earlier, upd(28, 6, phq9=(0,) * 9))))
    assert "self_harm" in fired(*at(journal(earlier, upd(28, 6, phq9=(None,) * 8 + (3,)))))


def test_stalled_needs_two_updates_and_pain_above_1():
    assert "stalled" not in fired(*at(journal(base(nrs=10), upd(28, 10))))
    assert "stalled" not in fired(*at(journal(base(nrs=3), upd(28, 1), upd(56, 1))))
    assert "stalled" in fired(*at(journal(base(nrs=3), upd(28, 2), upd(56, 2))))


def test_stalled_advice_names_only_modalities_in_the_plan():
    stuck = (base(nrs=8), upd(28, 6), upd(56, 6))
    with_both = fired(*at(journal(*stuck, plan_=plan("graded-exercise", "mbsr", "pain-education"))))["stalled"]
    assert "graded exercise" in with_both.message and "mindfulness" in with_both.message
    cbt_only = fired(*at(journal(*stuck, plan_=plan("cbt", "pain-education"))))["stalled"].message
    assert "graded exercise" not in cbt_only and "mindfulness" not in cbt_only
    assert "Cognitive-behavioural therapy" in cbt_only


def test_advanced_options_not_with_scs_and_counted_from_the_baseline_without_a_plan():
    j = journal(base(), upd(84, 6), plan_=plan("scs", *EDUCATED))
    assert "consider_advanced_options" not in fired(j, B + timedelta(days=84))
    j = journal(base(), upd(84, 5), plan_=plan(*EDUCATED))
    assert "consider_advanced_options" not in fired(j, B + timedelta(days=84))
    alone = fired(journal(base(), upd(84, 6)), B + timedelta(days=84))["consider_advanced_options"].message
    assert "12 weeks after the baseline" in alone


def test_advanced_options_count_weeks_of_care_from_the_baseline_at_the_earliest():
    """A plan started before the baseline: the weeks count from the baseline, as the plan gate's
    do, so the alert never suggests what `plan --add scs` would refuse."""
    early = plan(*EDUCATED, start=B - timedelta(weeks=20))
    assert "consider_advanced_options" not in fired(journal(base(), upd(7, 7), plan_=early), B + timedelta(weeks=11))
    assert "consider_advanced_options" in fired(journal(base(), upd(84, 7), plan_=early), B + timedelta(weeks=12))


def test_medication_follow_up_quiet_once_assessed():
    j = journal(base(), upd(30, 5), plan_=plan("duloxetine", *EDUCATED, start=B + timedelta(days=1)))
    assert "medication_follow_up" not in fired(j, B + timedelta(days=31))


def test_medication_review_for_the_general_row_and_not_duloxetine():
    at182 = B + timedelta(days=182)
    updates = (upd(175, 4), upd(182, 4))
    assert "medication_review" in fired(journal(base(), *updates, plan_=plan("medication", *EDUCATED)), at182)
    assert "medication_review" not in fired(journal(base(), *updates, plan_=plan("duloxetine", *EDUCATED)), at182)


def test_mental_health_by_gad7_and_quiet_with_a_psychological_therapy():
    gad10 = base(gad7=(3, 3, 3, 1, 0, 0, 0))
    assert "mental_health" in fired(*at(journal(gad10)))
    assert "mental_health" not in fired(*at(journal(base(gad7=(3, 3, 3, 0, 0, 0, 0)))))
    for therapy in ("cbt", "mbsr", "prt"):
        assert "mental_health" not in fired(*at(journal(gad10, plan_=plan(therapy, "pain-education"))))
    message = fired(*at(journal(gad10)))["mental_health"].message
    assert "GAD-7 10 on 2026-06-01 (moderate anxiety symptoms)" in message


def test_exercise_inconsistent_only_with_graded_exercise_and_an_update():
    assert "exercise_inconsistent" not in fired(*at(journal(base(), upd(28, 6, exercise_sessions=0),
                                                            plan_=plan(*EDUCATED))))
    assert "exercise_inconsistent" not in fired(*at(journal(base(exercise_sessions=0),
                                                            plan_=plan("graded-exercise", *EDUCATED))))


def test_not_chronic_after_a_clinicians_assessment_says_so():
    review = ClinicianReview(1, B + timedelta(days=3), (), True)
    message = fired(*at(journal(base(duration_months=2), reviews=(review,))))["not_chronic"].message
    assert "A clinician assessed it on 2026-06-04" in message
    unreviewed = fired(*at(journal(base(duration_months=1))))["not_chronic"].message
    assert "had lasted 1 month," in unreviewed and "paintrack flags --assessed" in unreviewed


def test_side_effects_named_in_the_alert_and_the_report(paintrack):
    paintrack(*BASELINE_ARGS)
    r = paintrack("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--side-effect", "dizziness",
                  "--side-effect", "dry-mouth")
    assert r.code == 0 and "Side effects: dizziness, dry-mouth" in r.out
    data = json.loads(paintrack("report", "--format", "json").out)
    assert data["side_effects"] == [{"date": "2026-02-02", "effects": ["dizziness", "dry-mouth"]}]
    alert = next(a for a in data["alerts"] if a["code"] == "side_effects")
    assert "dizziness, dry mouth" in alert["message"]
    assert "Side effects 2026-02-02: dizziness, dry-mouth" in paintrack("report").out
    assert paintrack("update", "--no-input", "--date", "2026-03-02", "--nrs", "6",
                     "--side-effect", "headache").code == 2


def test_baseline_only_journal_has_no_update_alerts():
    assert set(fired(journal(base()), B)) == set()
