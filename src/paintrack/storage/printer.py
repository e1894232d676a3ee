"""Headless Chromium, which prints the report's page to PDF (`report --format pdf`).

This is storage's because it writes files (the page, into a private temporary folder) and runs a
program: render/formats/pdf.py makes the page and calls the printer it is given (cli/report.py
gives it `print_page`).

Chromium runs with a temporary profile, no background networking, no component updates, no
sync, and every host name mapped to "not found"; the page itself has no script and a
Content-Security-Policy that forbids fetching anything. Chromium is found from
$PAINTRACK_CHROMIUM, else the usual names on PATH (chromium, chromium-browser, google-chrome,
…), else the usual install places on macOS and Windows. Without it: exit 1 and a hint.

`--no-sandbox`: Chromium refuses to start as root without it, and containers often lack the
namespaces its sandbox needs. What it prints here is paintrack's own page, escaped, with no
script and no network, so the sandbox has nothing to contain; it is passed always, so the PDF
does not depend on how the machine is set up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from paintrack.errors import PaintrackError

ENV = "PAINTRACK_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge",
         "microsoft-edge")
PLACES = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-extensions", "--disable-default-apps", "--disable-crash-reporter",
    "--disable-breakpad", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
)
TIMEOUT = 120  # seconds: Chromium's start dominates (about a second)
INSTALL_HINT = ("install Chromium or Google Chrome (e.g. `apt install chromium`, `brew install --cask chromium`), "
                f"or set {ENV} to its path; `--format html` makes the same page without it")


def browser_path() -> str | None:
    """The Chromium to print with, or None."""
    chosen = os.environ.get(ENV)
    if chosen:
        return chosen if Path(chosen).is_file() and os.access(chosen, os.X_OK) else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in PLACES if Path(p).is_file()), None)


def require_browser() -> str:
    """The Chromium to print with; a PaintrackError (exit 1) with an install hint without one."""
    found = browser_path()
    if found is None:
        where = f"{ENV} does not name a program that can run" if os.environ.get(ENV) else "Chromium was not found"
        raise PaintrackError(f"the PDF report needs headless Chromium: {where}", hint=INSTALL_HINT)
    return found


def print_page(page_html: str, browser: str | None = None) -> bytes:
    """`page_html` printed to PDF by headless Chromium (its @page rules apply)."""
    binary = browser or require_browser()
    with tempfile.TemporaryDirectory(prefix="paintrack-pdf-") as folder:
        page, out = Path(folder) / "report.html", Path(folder) / "report.pdf"
        fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page_html)
        command = [binary, *FLAGS, f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={out}",
                   "--no-pdf-header-footer", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PaintrackError(f"Chromium did not print the report within {TIMEOUT} seconds",
                                 hint="try again, or use --format html and print it from a browser") from None
        except OSError as error:
            raise PaintrackError(f"Chromium could not be started ({error.strerror or type(error).__name__})",
                                 hint=INSTALL_HINT) from None
        data = out.read_bytes() if out.exists() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF"):
            raise PaintrackError(f"Chromium could not print the report (exit status {done.returncode})",
                                 hint="use --format html and print it from a browser")
        return data
