"""Make docs/report.png and docs/report.pdf from the demo journal's report.

    .venv/bin/python docs/report_png.py [REPORT.html]

With no argument it builds the demo journal (`paintrack demo`'s sample, dated 2026-11-23) and
renders its page; with an argument it shoots that HTML file instead (e.g. one written by
`paintrack report -o report.html`) and writes no PDF. The PNG is a Chromium screenshot of one A4
page at 96 dpi (794 × 1123 px: the page's 10 mm margins, then the sheet); the PDF is what
`paintrack report -o report.pdf` writes on A4.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import chromium  # noqa: E402

from paintrack.domain.demo import sample_journal  # noqa: E402
from paintrack.domain.report import build_report  # noqa: E402
from paintrack.render.formats import html, pdf  # noqa: E402
from paintrack.storage import printer  # noqa: E402
from paintrack.storage.catalogue_file import load_catalogue  # noqa: E402

DEMO_DAY = date(2026, 11, 23)
A4_PX = (794, 1123)


def main(argv: list[str]) -> int:
    reason = chromium.available()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    report = None
    if argv:
        page = Path(argv[0])
    else:
        report = build_report(sample_journal(DEMO_DAY), load_catalogue(), DEMO_DAY)
        page = Path(tempfile.mkdtemp(prefix="paintrack-doc-")) / "report.html"
        page.write_text(html.render(report, paper="A4"), encoding="utf-8")
    print(chromium.screenshot(page, ROOT / "docs" / "report.png", *A4_PX))
    if report is not None:
        out = ROOT / "docs" / "report.pdf"
        out.write_bytes(pdf.render(report, printer.print_page, paper="A4"))
        print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
