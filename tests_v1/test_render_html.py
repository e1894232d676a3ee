"""The printable HTML page: self-contained, escaped, red flags first; rendered in real Chromium."""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

import chromium
from report_samples import SAMPLES, full_course, many_nulls

from paintrack.render import html

NEEDS_CHROMIUM = pytest.mark.skipif(chromium.available() is not None, reason=str(chromium.available()))


class Refs(HTMLParser):
    """Every URL-bearing attribute and inline url(...) the page holds."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "data", "poster", "xlink:href") and value:
                self.urls.append(value)


def _refs(page: str) -> Refs:
    parser = Refs()
    parser.feed(page)
    parser.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", page)
    parser.urls += re.findall(r"@import\s+['\"]?([^'\";]+)", page)
    return parser


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_page_is_self_contained(name):
    page = html.render(SAMPLES[name]())
    refs = _refs(page)
    assert refs.urls == []
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(refs.tags)
    assert "@font-face" not in page
    assert "@page" in page and "@media print" in page


def test_the_reference_check_can_fail():
    refs = _refs('<img src="https://x.example/a.png"><div style="background:url(http://y.example/b)"></div>')
    assert refs.urls == ["https://x.example/a.png", "http://y.example/b"]


def test_user_text_is_escaped():
    report = full_course()
    report["plan"]["modalities"][0]["name"] = "<script>alert(1)</script>"
    page = html.render(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The alert message carries <started>, & and quotes.
    assert "Medication &lt;started&gt; 26 weeks ago: ask for a review &amp; &quot;taper&quot; plan." in page


def test_red_flag_comes_before_other_alerts_and_stands_out():
    report = full_course()
    report["alerts"].reverse()  # a builder bug must not bury the red flag
    page = html.render(report)
    assert page.index('class="red-flag"') < page.index("Medication &lt;started&gt;")
    assert page.index('class="red-flag"') < page.index("<svg")
    assert "Red flag: fever. Seek urgent medical care now" in page


def test_header_dates_key_scores_change_and_next_date():
    page = html.render(full_course())
    assert "Generated 2026-11-30 · baseline 2026-06-08 · latest assessment 2026-11-23 · 7 assessments" in page
    assert "<td>Pain (NRS)</td><td>7</td><td>3</td><td>57.1% less</td>" in page
    assert "<td>6-minute walk</td><td>380 m</td><td>490 m</td><td>110 m more</td>" in page
    assert "IMMPACT: substantial improvement" in page
    assert "Expected by now: 45–70% less pain (projected NRS 2.1–3.9); actual: 57.1% less (NRS 3)" in page
    assert "Next update due: 2026-12-21" in page
    assert "not medical advice" in page


def test_gaps_show_as_gaps():
    page = html.render(many_nulls())
    assert "<td>6-minute walk</td><td>—</td><td>—</td><td>—</td>" in page
    assert "No plan chosen yet" in page
    assert "not medical advice" in page  # the disclaimer is null in the report: the default line


def test_chart_band_runs_from_plan_start_to_latest_projection():
    svg = html.chart_for(full_course())
    band = re.search(r'<polygon class="expected-band" points="([^"]+)"', svg).group(1)
    (xs, ys), (xe1, ye1), (xe2, ye2) = [tuple(map(float, p.split(","))) for p in band.split()]
    from paintrack.render import chart
    from datetime import date
    scale = chart.Scale(date(2026, 6, 8), date(2026, 11, 23))
    assert xs == pytest.approx(scale.x(date(2026, 6, 11)), abs=0.06)
    assert ys == pytest.approx(scale.y(7), abs=0.06)
    assert xe1 == xe2 == pytest.approx(scale.x(date(2026, 11, 23)), abs=0.06)
    assert sorted([ye1, ye2]) == pytest.approx(sorted([scale.y(2.128), scale.y(3.85)]), abs=0.06)
    assert 'class="full-effect"' in svg


def _write(tmp_path: Path, report: dict, extra_style: str = "") -> Path:
    page = html.render(report)
    if extra_style:
        page = page.replace("</head>", f"<style>{extra_style}</style></head>", 1)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


@NEEDS_CHROMIUM
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_chromium_renders_one_point_per_assessment(tmp_path, name):
    report = SAMPLES[name]()
    dom = chromium.dump_dom(_write(tmp_path, report))
    measured = [a for a in report["assessments"] if a["nrs"] is not None]
    assert len(re.findall(r'<circle class="nrs-point"', dom)) == len(measured)
    points = re.search(r'<polyline class="nrs" points="([^"]*)"', dom).group(1).split()
    assert len(points) == len(measured)
    assert ('class="expected-band"' in dom) == (report.get("expected") is not None)
    assert 'class="baseline"' in dom


@NEEDS_CHROMIUM
def test_chromium_makes_no_request_for_the_page(tmp_path):
    assert chromium.page_requests(_write(tmp_path, full_course()), tmp_path / "net.json") == []


@NEEDS_CHROMIUM
def test_the_network_check_sees_a_page_request(tmp_path):
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>')
    assert chromium.page_requests(page, tmp_path / "net.json") == ["http://example.invalid/x.png"]


def _crowded() -> dict:
    """The most the page can hold: every alert code, every catalogue modality."""
    report = full_course()
    # Messages as long as the rules' wording (about 120 characters each).
    report["alerts"] = [{"code": c, "message": f"{c}: " + "an explanation of what was found and what to do " * 2}
                        for c in ("red_flags", "not_chronic", "update_overdue", "stalled",
                                  "consider_advanced_options", "medication_review", "opioid_increase")]
    report["plan"]["modalities"] = [
        {"id": f"m{i}", "name": f"Therapy number {i} with a fairly long name", "start": "2026-06-11",
         "reduction_low": 0.2, "reduction_high": 0.4} for i in range(9)
    ]
    return report


@NEEDS_CHROMIUM
@pytest.mark.parametrize("paper", ["A4", "letter"])
@pytest.mark.parametrize("sample", ["full_course", "crowded"])
def test_prints_on_one_page(tmp_path, paper, sample):
    report = _crowded() if sample == "crowded" else full_course()
    page = _write(tmp_path, report, f"@page {{ size: {paper}; }}")
    assert chromium.pdf_pages(page, tmp_path / "report.pdf") == 1


@NEEDS_CHROMIUM
def test_the_page_count_can_fail(tmp_path):
    report = full_course()
    report["alerts"] *= 40
    assert chromium.pdf_pages(_write(tmp_path, report, "@page { size: A4; }"), tmp_path / "long.pdf") > 1


@NEEDS_CHROMIUM
def test_screenshot(tmp_path):
    shot = chromium.screenshot(_write(tmp_path, full_course()), tmp_path / "report.png", 900, 1200)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (900, 1200)
    assert len(data) > 30_000  # a blank page compresses to a few kB
