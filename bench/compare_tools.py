"""Same-size journals for jrnl and Watson, written in their own file formats.

Checked against jrnl 4.6 and td-watson 2.1.0 (bench/compare.sh): `jrnl -n 10` prints the last
ten entries of the generated journal and `watson report --all` totals every generated frame
(`jrnl_printed` and `watson_reported` verify it on the warm-up run). jrnl rewrites an older
config's `version` on its first run; the warm-up run absorbs that.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

FRAME_MINUTES = 30


def jrnl_env(folder: Path, entries: int) -> dict[str, str]:
    """A jrnl config + plain-text journal with `entries` entries; returns the env to use."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / "journal.txt"
    rng = random.Random(3)
    start = datetime(2016, 1, 1, 20, 0)
    with journal.open("w") as f:
        for i in range(entries):
            when = start + timedelta(days=i)
            f.write(f"[{when:%Y-%m-%d %H:%M}] Pain {rng.randint(0, 10)} today.\nSlept {rng.randint(4, 9)} hours; walked a bit.\n\n")
    config_dir = folder / "config" / "jrnl"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.1\n"
    )
    return {"XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data"), "HOME": str(folder)}


def watson_env(folder: Path, frames: int) -> dict[str, str]:
    """A Watson frames file with `frames` frames; returns the env to use."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(4)
    start = int(datetime(2020, 1, 1).timestamp())
    rows = []
    for i in range(frames):
        begin = start + i * 3600 * 6
        rows.append([begin, begin + FRAME_MINUTES * 60, rng.choice(["rehab", "walk", "cbt"]), f"{i:032x}", ["daily"], begin + 1800])
    (folder / "frames").write_text(json.dumps(rows))
    (folder / "state").write_text("{}")
    return {"WATSON_DIR": str(folder), "HOME": str(folder)}



def jrnl_printed(n: int):
    """A check for `jrnl -n N`'s output: exactly N entries (each starts with its date)."""
    import re

    def check(out: str) -> str | None:
        found = len(re.findall(r"^\d{4}-\d{2}-\d{2} ", out, flags=re.M))
        return None if found == n else f"printed {found} entries, not {n}"

    return check


def watson_reported(frames: int):
    """A check for `watson report --all`: the total is every frame's half hour."""
    hours, minutes = divmod(frames * FRAME_MINUTES, 60)

    def check(out: str) -> str | None:
        want = f"Total: {hours}h {minutes:02d}m"
        return None if want in out else f"expected {want!r} in the report"

    return check
