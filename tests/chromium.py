"""Headless Chromium for the HTML export's tests: DOM dump, screenshot, PDF, network log.

Chromium runs with the flags that keep it off the network on its own (no background
networking, no component updates, no sync) and with every host name mapped to "not found", so
nothing can leave the machine even if a page asked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BINARY = os.environ.get("PAINTRACK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
)


def available() -> str | None:
    """None when Chromium can run here, else the reason it cannot."""
    if not Path(BINARY).exists():
        return f"chromium not installed ({BINARY}); .ci/run installs it"
    try:
        done = subprocess.run([BINARY, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"chromium cannot start: {error}"
    return None if done.returncode == 0 else f"chromium --version failed: {done.stderr.strip()[:200]}"


def run(page: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="paintrack-chromium-") as profile:
        return subprocess.run(
            [BINARY, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout,
        )


def dump_dom(page: Path) -> str:
    done = run(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(page: Path, out: Path, width: int = 900, height: int = 1200) -> Path:
    done = run(page, f"--screenshot={out}", f"--window-size={width},{height}")
    assert done.returncode == 0 and out.exists(), done.stderr[-2000:]
    return out


def pdf_pages(page: Path, out: Path) -> int:
    """Print the page to PDF (Chromium's print path, @page rules apply) and count its pages."""
    done = run(page, f"--print-to-pdf={out}", "--no-pdf-header-footer")
    assert done.returncode == 0 and out.exists(), done.stderr[-2000:]
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", out.read_bytes()))


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
