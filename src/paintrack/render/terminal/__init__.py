"""Every terminal view, drawn with rich (imported lazily, by the views that need it).

Rules every view follows: the console comes from the caller (the Session owns it); user data
goes in as `rich.text.Text`, never as markup, so a `[` in a goal can neither crash nor vanish;
and control characters are replaced before rich sees them, so an escape sequence in a
hand-edited journal never reaches the terminal.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

#: C0 controls (tab and newline included: one line stays one line), DEL and C1 controls, and
#: the bidirectional overrides that can make text read in another order than it is stored.
CONTROLS = {c: "?" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F),
                             *range(0x2066, 0x206A))}


#: What JSON output escapes besides the C0 controls `json.dumps` escapes itself: DEL, the C1
#: controls and the bidirectional overrides, as \uXXXX (the same string when parsed).
JSON_ESCAPES = {c: f"\\u{c:04x}" for c in CONTROLS if c >= 0x7F}


def json_text(data: object, indent: int | None = 2) -> str:
    """`data` as JSON text (UTF-8, not ASCII-only) in which no control character is written raw."""
    import json

    out = json.dumps(data, ensure_ascii=False, indent=indent)
    if out.isascii():  # nearly always: nothing to escape (isascii runs in C, translate per character)
        return out + "\n"
    return out.translate(JSON_ESCAPES) + "\n"


def clean(text: str) -> str:
    """`text` with every control character shown as '?'."""
    return text.translate(CONTROLS)


def text(value: object, style: str = "") -> Text:
    """User or catalogue data as a rich Text (never markup), controls replaced."""
    from rich.text import Text

    return Text(clean(str(value)), style=style)


def make_console(stderr: bool = False, width: int | None = None, force_plain: bool = False,
                 file: IO[str] | None = None) -> Console:
    """A console: styled only on a terminal without NO_COLOR (the contract: output is plain when
    NO_COLOR is set — no colour, and no bold or dim either, which rich alone would keep);
    `force_plain` and `width` for files and tests."""
    import os

    from rich.console import Console

    if os.environ.get("NO_COLOR"):
        return Console(stderr=stderr, file=file, width=width, color_system=None, highlight=False, markup=False,
                       emoji=False)

    if force_plain:
        return Console(file=file, width=width or 80, color_system=None, force_terminal=False,
                       highlight=False, markup=False, emoji=False, soft_wrap=False, legacy_windows=False)
    return Console(stderr=stderr, file=file, width=width, highlight=False, markup=False, emoji=False)
