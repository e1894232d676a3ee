"""`report --format pdf`: the HTML page (render/formats/html.py) on A4 or Letter, printed to PDF
by the printer it is given (storage/printer.py: headless Chromium), so that no render code
touches files or runs programs."""

from __future__ import annotations

from collections.abc import Callable

from paintrack.domain.report import Report


def render(report: Report, print_page: Callable[[str], bytes], paper: str = "A4", **_: object) -> bytes:
    """The report as PDF bytes, on `paper` ("A4" or "letter"): its page printed by `print_page`."""
    from paintrack.render.formats import html

    return print_page(html.render(report, paper=paper))
