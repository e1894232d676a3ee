"""Wording and number formats shared by the file exports (Markdown, HTML, CSV).

Everything here reads a `paintrack.report/1` dict defensively: any key may be missing or null,
and a gap is shown as a gap, never as a crash or a made-up number.
"""

from __future__ import annotations

from typing import Any

GAP = "—"
NOT_MEDICAL_ADVICE = (
    "paintrack is a tracking aid, not medical advice: discuss every change of treatment with your clinician."
)

IMMPACT_LABELS = {
    "substantial": "substantial improvement, 50% or more less pain",
    "moderate": "moderate improvement, 30–50% less pain",
    "minimal": "minimal improvement, 10–30% less pain",
    "no_change": "no meaningful change, less than 10% either way",
    "worse": "worse, 10% or more pain",
}
PGIC_IMMPACT_LABELS = {
    "substantial": "substantial",
    "moderate": "moderate",
    "minimal": "minimal",
    "none": "no improvement",
}
PGIC_LABELS = {
    1: "very much improved", 2: "much improved", 3: "minimally improved", 4: "no change",
    5: "minimally worse", 6: "much worse", 7: "very much worse",
}
STATUS_LABELS = {
    "ahead": "ahead of the expected range",
    "on_track": "within the expected range",
    "behind": "behind the expected range",
    "no_plan": "no plan chosen yet, so no expected range",
    "no_update": "no update since the baseline yet",
}
ASSOCIATION_FACTORS = {
    "sleep_hours": "sleep hours", "mood": "mood", "stress": "stress", "activity_min": "activity minutes",
}

# The measures of the key-scores tables: (key, label, unit, digits). Scores are 0–10.
KEY_SCORES = (
    ("nrs", "Pain (NRS)", "", 2),
    ("bpi_severity", "BPI severity", "", 2),
    ("bpi_interference", "BPI interference", "", 2),
    ("peg", "PEG", "", 2),
    ("walk_m", "6-minute walk", "m", 0),
    ("opioid_mme", "Opioid dose", "MME/day", 1),
)
KEY_SCORES_NOTE = "Pain, BPI and PEG scores run from 0 (none) to 10 (worst)."
CHANGE_FOR = {
    "nrs": ("nrs_reduction_pct", "% less"),
    "bpi_severity": ("bpi_severity_reduction_pct", "% less"),
    "bpi_interference": ("bpi_interference_reduction_pct", "% less"),
    "walk_m": ("walk_m_gain", " m more"),
    "opioid_mme": ("opioid_mme_reduction_pct", "% less"),
}


def fmt(value: Any, unit: str = "", digits: int = 2) -> str:
    """A number with at most `digits` decimals and no trailing zeros; a gap shows as '—'."""
    if value is None:
        return GAP
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{value} {unit}".rstrip()
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    if text == "-0":
        text = "0"
    return f"{text} {unit}".rstrip()


def span(low: str, high: str) -> str:
    """Two formatted bounds as a range, 'low–high'; one figure when they read the same
    ('25', not '25–25'). Every format writes its ranges through this."""
    return low if low == high else f"{low}–{high}"


def pct_range(low: Any, high: Any, digits: int = 0) -> str:
    """'45–70%', or '25%' for a one-figure range."""
    return span(fmt(low, digits=digits), fmt(high, digits=digits)) + "%"


def nrs_range(low: Any, high: Any, digits: int = 1) -> str:
    """'2.1–3.9', or '3' when both ends read the same."""
    return span(fmt(low, digits=digits), fmt(high, digits=digits))


def signed_change(value: Any, suffix: str, digits: int = 1) -> str:
    """'42.9% less' or, for a negative reduction, '12.5% more' ('−20 m' for a walk loss)."""
    if value is None:
        return GAP
    if suffix.startswith("%"):
        word = "less" if value >= 0 else "more"
        return f"{fmt(abs(value), digits=digits)}% {word}"
    return f"{fmt(value, digits=0)}{suffix}" if value >= 0 else f"{fmt(-value, digits=0)} m less"


def get(mapping: Any, key: str) -> Any:
    """`mapping[key]`, or None when the mapping itself is null or lacks the key."""
    return mapping.get(key) if isinstance(mapping, dict) else None


def alerts_red_flags_first(report: dict) -> list[dict]:
    """The report's alerts with every `red_flags` alert first (stable otherwise)."""
    alerts = [a for a in (report.get("alerts") or []) if isinstance(a, dict)]
    return sorted(alerts, key=lambda a: a.get("code") != "red_flags")


def disclaimer(report: dict) -> str:
    return report.get("disclaimer") or NOT_MEDICAL_ADVICE


def immpact_sentence(report: dict) -> str | None:
    """'Pain 7 → 3: 57.1% less (IMMPACT: substantial improvement …).' or None before any update."""
    change = report.get("change")
    if not change:
        return None
    base, latest = get(report.get("baseline"), "nrs"), get(report.get("latest"), "nrs")
    pct = change.get("nrs_reduction_pct")
    category = IMMPACT_LABELS.get(report.get("immpact") or "", None)
    text = f"Pain {fmt(base)} → {fmt(latest)}"
    if pct is not None:
        text += f": {signed_change(pct, '%')}"
    if category:
        text += f" (IMMPACT: {category})"
    text += "."
    if report.get("reversal"):
        text += " That is a reversal: pain halved or better."
    if report.get("pain_free_or_nearly"):
        text += " Pain-free or nearly (NRS ≤ 1)."
    return text


def expected_sentence(report: dict) -> str | None:
    """Expected vs actual at the latest assessment, as one sentence; None without a plan."""
    expected = report.get("expected")
    if not expected:
        return None
    low, high = expected.get("reduction_pct_low"), expected.get("reduction_pct_high")
    p_low, p_high = expected.get("projected_nrs_low"), expected.get("projected_nrs_high")
    actual_pct = get(report.get("change"), "nrs_reduction_pct")
    actual_nrs = get(report.get("latest"), "nrs")
    text = (f"Expected by now: {pct_range(low, high)} less pain "
            f"(projected NRS {nrs_range(p_low, p_high)}); "
            f"actual: {signed_change(actual_pct, '%')} (NRS {fmt(actual_nrs)})")
    status = STATUS_LABELS.get(report.get("status") or "")
    return text + (f", {status}." if status else ".")


def full_effect_sentence(report: dict) -> str | None:
    full = report.get("full_effect")
    if not full:
        return None
    return (f"At full effect: {pct_range(full.get('reduction_pct_low'), full.get('reduction_pct_high'))} "
            f"less pain (projected NRS {nrs_range(full.get('projected_nrs_low'), full.get('projected_nrs_high'))}). "
            "A range from published averages, never a promise.")


def modality_range(modality: dict) -> str:
    low, high = modality.get("reduction_low"), modality.get("reduction_high")
    if low is None or high is None:
        return "no estimate"
    return f"{pct_range(100 * low, 100 * high)} less pain at full effect"


def pgic_text(report: dict) -> str | None:
    """The latest PGIC answer and its IMMPACT reading, or None without one."""
    assessments = report.get("assessments") or []
    latest = next((a.get("pgic") for a in reversed(assessments) if a.get("pgic") is not None), None)
    if latest is None:
        return None
    label = PGIC_LABELS.get(latest, "")
    reading = PGIC_IMMPACT_LABELS.get(report.get("pgic_immpact") or "")
    return f"Global impression of change (PGIC): {latest} — {label}" + (f"; IMMPACT: {reading}." if reading else ".")


def association_text(item: dict) -> str:
    factor = ASSOCIATION_FACTORS.get(item.get("factor"), str(item.get("factor")))
    if item.get("same_day_rho") is None:
        return f"{factor}: not enough days yet ({item.get('n') or 0} paired days; 14 needed)"
    return (f"{factor}: same-day ρ = {fmt(item.get('same_day_rho'))}, next-day ρ = "
            f"{fmt(item.get('next_day_rho'))} ({item.get('n')} days)")
