"""Headless Chromium for the page's tests: DOM dump, layout measurement, screenshot, PDF, network log.

Chromium runs as `report --format pdf` runs it (paintrack.storage.printer.FLAGS: no background
networking, no component updates, no sync, every host name mapped to "not found") with a
temporary profile, so nothing can leave the machine even if a page asked.
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

from paintrack.storage import printer

BINARY = printer.browser_path()
MM = 96 / 25.4  # CSS pixels per millimetre
LETTER = (215.9, 279.4)
A4 = (210.0, 297.0)
MARGIN_MM = 10


def available() -> str | None:
    """None when Chromium can run here, else the reason it cannot (a test's skip reason)."""
    if BINARY is None:
        return "Chromium is not installed (set PAINTRACK_CHROMIUM, or install chromium; .ci/run installs it)"
    try:
        done = subprocess.run([BINARY, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"Chromium cannot start: {error}"
    return None if done.returncode == 0 else f"chromium --version failed: {done.stderr.strip()[:200]}"


def run(page: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    assert BINARY is not None
    with tempfile.TemporaryDirectory(prefix="paintrack-chromium-") as profile:
        return subprocess.run(
            [BINARY, *printer.FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout,
        )


def dump_dom(page: Path) -> str:
    done = run(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


_MEASURE = """<script>
(function () {
  var sheet = document.querySelector('.sheet').getBoundingClientRect();
  function box(el) { var r = el.getBoundingClientRect();
    return {top: r.top - sheet.top, bottom: r.bottom - sheet.top, left: r.left - sheet.left,
            right: r.right - sheet.left, width: r.width, height: r.height}; }
  var out = {sheet: {width: sheet.width, height: sheet.height}, sections: [], labels: [], texts: []};
  document.querySelectorAll('[data-section]').forEach(function (el) {
    var b = box(el); b.key = el.getAttribute('data-section'); out.sections.push(b); });
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    svg.querySelectorAll('text').forEach(function (t) {
      var b = box(t); b.text = t.textContent;
      b.px = parseFloat(getComputedStyle(t).fontSize) * scale; out.labels.push(b); }); });
  out.overflowing = [];
  document.querySelectorAll('p, li, td, th, h1, h2, .box').forEach(function (el) {
    out.texts.push({px: parseFloat(getComputedStyle(el).fontSize), tag: el.tagName});
    if (el.scrollWidth > el.clientWidth + 1) out.overflowing.push(el.textContent.slice(0, 80)); });
  var pre = document.createElement('pre'); pre.id = 'paintrack-measure';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
</script>"""


def measure(page: Path) -> dict:
    """The page's layout in CSS pixels, relative to the sheet's top left corner: every
    `[data-section]` box, every chart label (its box and printed size in px; 8 pt = 10.67 px),
    the font size of every text element, and the text of those whose content is wider than
    their box ("overflowing"). The page is copied with a measuring script (its
    Content-Security-Policy, which forbids scripts, taken out of the copy only)."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text, count=1)
    probe = page.with_name(page.stem + ".measure.html")
    probe.write_text(text.replace("</body>", _MEASURE + "</body>", 1), encoding="utf-8")
    dom = dump_dom(probe)
    found = re.search(r'<pre id="paintrack-measure">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
                      .replace("&amp;", "&"))


def screenshot(page: Path, out: Path, width: int = 816, height: int = 1150) -> Path:
    done = run(page, f"--screenshot={out}", f"--window-size={width},{height}", "--hide-scrollbars")
    assert done.returncode == 0 and out.exists(), done.stderr[-2000:]
    return out


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """A PNG's width, height and its rows of RGB(A) bytes (8-bit, non-interlaced, as
    Chromium writes them)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            corner = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def inked_rows(path: Path, threshold: int = 200) -> list[int]:
    """The y of every screenshot row with a pixel darker than `threshold` (anything drawn)."""
    width, _, rows = png_rows(path)
    bpp = len(rows[0]) // width
    return [y for y, row in enumerate(rows)
            if any(min(row[x:x + 3]) < threshold for x in range(0, len(row), bpp))]


def pdf_pages(page: Path, out: Path, paper: str | None = None) -> int:
    """Print the page to PDF (Chromium's print path, @page rules apply; `paper` adds an @page
    size) and count its pages with pypdf."""
    from pypdf import PdfReader

    if paper:
        text = page.read_text(encoding="utf-8").replace("</style>", f"@page {{ size: {paper}; }}</style>", 1)
        page = page.with_name(f"{page.stem}.{paper.lower()}.html")
        page.write_text(text, encoding="utf-8")
    done = run(page, f"--print-to-pdf={out}", "--no-pdf-header-footer")
    assert done.returncode == 0 and out.exists(), done.stderr[-2000:]
    return len(PdfReader(out).pages)


def page_requests(page: Path, netlog: Path) -> list[str]:
    """URLs the page itself asked the network stack for (not Chromium's own background calls).

    A request made for the page carries the page's file:// network isolation key; Chromium's
    own update and account checks carry none ('null null') or their own site.
    """
    done = run(page, f"--log-net-log={netlog}", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    text = netlog.read_text()
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # a log cut short at exit lacks its closing brackets
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event.get("type") == start_job and "file://" in str(params.get("network_isolation_key", "")):
            urls.append(params.get("url", ""))
    return urls
