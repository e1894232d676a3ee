"""The SVG chart: geometry, gaps, band, and well-formed markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paintrack.render import chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_points_map_dates_and_nrs_to_the_plot_area():
    d0 = date(2026, 1, 5)
    svg = parse(chart.nrs_chart([(d0, 10), (d0 + timedelta(days=50), 5), (d0 + timedelta(days=100), 0)], 10))
    circles = svg.findall(f"{SVG}circle")
    xs = [float(c.get("cx")) for c in circles]
    ys = [float(c.get("cy")) for c in circles]
    assert xs[0] == chart.LEFT and xs[2] == chart.WIDTH - chart.RIGHT
    assert xs[1] == pytest.approx((xs[0] + xs[2]) / 2, abs=0.1)
    assert ys[0] == chart.TOP and ys[2] == chart.HEIGHT - chart.BOTTOM
    assert ys[1] == pytest.approx((ys[0] + ys[2]) / 2, abs=0.1)
    assert svg.find(f"{SVG}polyline").get("points").split() == [f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys)]


def test_missing_nrs_is_a_gap_not_a_zero():
    d0 = date(2026, 1, 5)
    svg = parse(chart.nrs_chart([(d0, 7), (d0 + timedelta(days=28), None), (d0 + timedelta(days=56), 5)]))
    assert len(svg.findall(f"{SVG}circle")) == 2
    assert len(svg.find(f"{SVG}polyline").get("points").split()) == 2


def test_single_assessment_sits_in_the_middle():
    svg = parse(chart.nrs_chart([(date(2026, 1, 5), 6)], 6))
    circle = svg.find(f"{SVG}circle")
    assert float(circle.get("cx")) == pytest.approx(chart.LEFT + (chart.WIDTH - chart.LEFT - chart.RIGHT) / 2, abs=0.1)
    assert svg.find(f"{SVG}polyline") is not None


def test_no_assessments_says_so():
    svg = chart.nrs_chart([])
    assert "No assessments yet" in svg
    parse(svg)


def test_band_widens_from_the_baseline_to_the_projected_range():
    start, end = date(2026, 1, 8), date(2026, 7, 1)
    band = chart.Band(start, end, 8, 3.2, 4.4)
    svg = parse(chart.nrs_chart([(date(2026, 1, 5), 8), (end, 4)], 8, band, (2.5, 4.4)))
    polygon = svg.find(f"{SVG}polygon")
    points = [tuple(map(float, p.split(","))) for p in polygon.get("points").split()]
    scale = chart.Scale(date(2026, 1, 5), end)
    assert points[0] == pytest.approx((scale.x(start), scale.y(8)), abs=0.06)
    assert points[1] == pytest.approx((scale.x(end), scale.y(3.2)), abs=0.06)
    assert points[2] == pytest.approx((scale.x(end), scale.y(4.4)), abs=0.06)
    assert svg.find(f"{SVG}g[@class='full-effect']") is not None
    baseline = svg.find(f"{SVG}line[@class='baseline']")
    assert float(baseline.get("y1")) == pytest.approx(scale.y(8), abs=0.06)


def test_title_is_escaped():
    svg = chart.nrs_chart([(date(2026, 1, 5), 6)], title="<b>&</b>")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in svg
    parse(svg)


@given(st.lists(st.tuples(st.dates(date(2020, 1, 1), date(2030, 1, 1)),
                          st.one_of(st.none(), st.integers(0, 10))), max_size=30),
       st.one_of(st.none(), st.integers(0, 10)))
def test_any_series_is_well_formed_svg_inside_the_viewbox(points, baseline):
    points.sort(key=lambda p: p[0])
    svg = chart.nrs_chart(points, baseline)
    root = parse(svg)
    circles = root.findall(f"{SVG}circle")
    assert len(circles) == sum(v is not None for _, v in points)
    for c in circles:
        assert chart.LEFT <= float(c.get("cx")) <= chart.WIDTH - chart.RIGHT
        assert chart.TOP <= float(c.get("cy")) <= chart.HEIGHT - chart.BOTTOM
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", svg)
