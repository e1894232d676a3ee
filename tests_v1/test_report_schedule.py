"""The report data's `schedule_next` (the plan's coming dated steps) and `evidence_counts`."""

from __future__ import annotations

from datetime import date, timedelta

from paintrack.models import EvidenceEntry, Journal
from paintrack.report import SCHEDULE_NEXT, build_report
from test_report import CATALOGUE, D0, W, baseline, plan, update


def _next(report: dict) -> list[tuple[str, str | None, str]]:
    return [(s["date"], s["end"], s["title"]) for s in report["schedule_next"]]


def test_no_plan_no_schedule():
    j = Journal(baseline=baseline(), updates=[update(4, 6)])
    assert build_report(j, CATALOGUE, D0 + 5 * W)["schedule_next"] == []


def test_coming_steps_include_what_is_under_way_and_stop_at_five():
    # CBT (an 8-week module) and a medication from the baseline date; five weeks in.
    j = Journal(baseline=baseline(), updates=[update(4, 6)], plan=plan("cbt", "medication"))
    report = build_report(j, CATALOGUE, D0 + 5 * W)
    d = lambda weeks: (D0 + weeks * W).isoformat()  # noqa: E731
    assert _next(report) == [
        (d(0), d(8), "CBT: 8-week module"),                       # under way until week 8
        (d(8), None, "Re-measure"),
        (d(12), d(16), "Check: consider advanced options"),       # seed step 7 before step 8 on a day
        (d(12), None, "Re-measure"),
        (d(16), None, "Re-measure"),
    ]
    assert len(report["schedule_next"]) == SCHEDULE_NEXT == 5
    assert report["schedule_next"][1]["detail"].startswith("`paintrack update`")
    assert {s["kind"] for s in report["schedule_next"]} == {"module", "re-measure", "advanced-check"}


def test_a_re_measure_already_done_is_left_out():
    # Today is the day of the week-4 update: its re-measure is done, the follow-up is not.
    j = Journal(baseline=baseline(), updates=[update(4, 6)], plan=plan("medication"))
    today = D0 + 4 * W
    titles = [(s["date"], s["title"]) for s in build_report(j, CATALOGUE, today)["schedule_next"]]
    assert (today.isoformat(), "Medication follow-up") in titles
    assert (today.isoformat(), "Re-measure") not in titles
    assert ((today + 4 * W).isoformat(), "Re-measure") in titles


def test_late_in_a_long_journal_nothing_is_left_to_schedule():
    j = Journal(baseline=baseline(), updates=[update(4, 6)], plan=plan("cbt"))
    assert build_report(j, CATALOGUE, D0 + timedelta(days=400))["schedule_next"] == []


def test_evidence_counts_per_category_in_the_categories_order():
    entries = [EvidenceEntry(date=date(2026, 2, day), category=c, text="t")
               for day, c in ((1, "triggers"), (2, "stress-onset"), (3, "triggers"), (4, "delayed"))]
    j = Journal(baseline=baseline(), evidence=entries)
    counts = build_report(j, CATALOGUE, D0)["evidence_counts"]
    assert counts == {"stress-onset": 1, "triggers": 2, "delayed": 1}
    assert list(counts) == ["stress-onset", "triggers", "delayed"]
    assert build_report(Journal(baseline=baseline()), CATALOGUE, D0)["evidence_counts"] == {}
