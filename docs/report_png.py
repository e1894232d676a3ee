"""Make docs/report.png: a Chromium screenshot of a printable report.

    .venv/bin/python docs/report_png.py [REPORT.html]

With no argument it renders the demo journal's report when `paintrack.report` exists (else the
six-month sample report from the tests); with an argument it shots that HTML file, e.g. one
written by `paintrack demo` + `paintrack report --format html --output report.html`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import chromium  # noqa: E402
import report_samples  # noqa: E402

from paintrack.render import html  # noqa: E402


def main(argv: list[str]) -> int:
    if argv:
        page = Path(argv[0])
    else:
        report = report_samples.built_from_demo() or report_samples.full_course()
        page = Path(tempfile.mkdtemp(prefix="paintrack-doc-")) / "report.html"
        page.write_text(html.render(report), encoding="utf-8")
    reason = chromium.available()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    out = chromium.screenshot(page, ROOT / "docs" / "report.png", 900, 1340)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
