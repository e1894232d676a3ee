"""Text on a terminal without rich, for the progress report (`paintrack report`).

What the report needs and nothing more: bold, dim, italic and three colours as ANSI codes;
the terminal's width; word wrapping with a hanging indent; columns aligned by display width;
a box for urgent messages. Plain text, no escape codes at all, when the output is not a
terminal, when NO_COLOR is set (non-empty), when TERM is "dumb", or on a Windows console that
is not Windows Terminal; FORCE_COLOR (non-empty) gives colour when piped, as with rich.
Width: COLUMNS, else the terminal's, else 80.

Why not rich here: importing rich.console and laying the report out with it cost about 30 ms,
a third of the whole `paintrack report` (bench/README.md). The other views still use rich.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NamedTuple, TextIO

CODES = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33"}
# Control characters in text (a catalogue name, say) are shown as "?", never sent to the
# terminal: an escape sequence in data must not move the cursor, clear the screen or retitle it.
CONTROLS = {c: "?" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {0x09: " ", 0x0A: " "}
DEFAULT_WIDTH = 80
MIN_WIDTH = 20  # narrower than this, lines are wrapped as if 20 wide (the terminal wraps the rest)
COLUMN_GAP = "  "


class Styled(NamedTuple):
    """A piece of a line and its style: words from CODES, e.g. "bold red"."""

    text: str
    style: str


Part = str | Styled


def styled(text: str, style: str) -> Styled:
    unknown = [word for word in style.split() if word not in CODES]
    if unknown:
        raise ValueError(f"unknown style {' '.join(unknown)!r}")
    return Styled(text, style)


def cells(text: str) -> int:
    """Display width: 2 for East Asian wide and full-width characters, 0 for combining marks
    and format characters (zero-width joiner …), 1 for the rest."""
    if text.isascii():
        return len(text)
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wants_colour(file: TextIO, environ=os.environ, platform: str = sys.platform) -> bool:
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    if platform == "win32" and not (environ.get("WT_SESSION") or environ.get("TERM")):
        return False  # the classic Windows console prints escape codes as text; Windows Terminal sets WT_SESSION
    try:
        return file.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed file
        return False


def terminal_width(file: TextIO, environ=os.environ) -> int:
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(file.fileno()).columns or DEFAULT_WIDTH
    except (AttributeError, ValueError, OSError):  # not a terminal, or no file descriptor
        return DEFAULT_WIDTH


class Screen:
    """Lines for one output: a terminal (stdout by default) or a text buffer.

    `width` and `colour` default to what the output is (see the module's docstring); tests
    and `report --output x.txt` pass them.
    """

    def __init__(self, file: TextIO | None = None, width: int | None = None, colour: bool | None = None):
        self.file = sys.stdout if file is None else file
        self.width = terminal_width(self.file) if width is None else width
        self.colour = wants_colour(self.file) if colour is None else colour

    # --- output -----------------------------------------------------------------------------

    def print(self, *parts: Part, hang: int | None = None) -> None:
        """One line of text, word-wrapped within the width. Continuation lines start `hang`
        spaces in (default: the line's own indent + 2), so wrapped text stays under its text."""
        plain = "".join(p.text if isinstance(p, Styled) else p for p in parts).translate(CONTROLS)
        if hang is None:
            hang = len(plain) - len(plain.lstrip(" ")) + 2
        spans = self._spans(parts)
        self._write([self._draw(plain, start, end, spans, pad) for pad, start, end in
                     wrap(plain, max(self.width, MIN_WIDTH), hang)])

    def table(self, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Part]],
              title: str | None = None, caption: str | None = None) -> None:
        """Columns (heading, "left" or "right") aligned by display width, two spaces apart, a
        bold heading row, an italic title above and a dim caption below. Rows are never wrapped
        or cut: on a terminal narrower than the table, its lines run on."""
        rows = [[Styled(c.text.translate(CONTROLS), c.style) if isinstance(c, Styled) else c.translate(CONTROLS)
                 for c in row] for row in rows]
        texts = [[c.text if isinstance(c, Styled) else c for c in row] for row in rows]
        widths = [max([cells(heading)] + [cells(row[i]) for row in texts]) for i, (heading, _) in enumerate(columns)]

        def line(row: Sequence[Part], style: str | None = None) -> str:
            out = []
            for (_, justify), width, cell in zip(columns, widths, row):
                text, cell_style = (cell.text, cell.style) if isinstance(cell, Styled) else (cell, style)
                room = " " * (width - cells(text))
                body = self._paint(text, cell_style)
                out.append(room + body if justify == "right" else body + room)
            return COLUMN_GAP.join(out).rstrip()

        lines = [self._paint(title, "italic")] if title else []
        lines.append(line([heading for heading, _ in columns], "bold"))
        lines += [line(row) for row in rows]
        self._write(lines)
        if caption:
            self.print(styled(caption, "dim italic"))

    def box(self, title: str, text: str, style: str) -> None:
        """`text` in a box as wide as the screen, `title` centred in its top edge."""
        width = max(self.width, MIN_WIDTH)
        inner = width - 4
        text = text.translate(CONTROLS)
        label = f" {title} "
        left = (width - 2 - cells(label)) // 2
        right = width - 2 - cells(label) - left
        lines = [self._paint("╭" + "─" * left + label + "─" * right + "╮", style)]
        for pad, start, end in wrap(text, inner, 0):
            body = " " * pad + text[start:end]
            lines.append(self._paint("│ " + body + " " * (inner - cells(body)) + " │", style))
        lines.append(self._paint("╰" + "─" * (width - 2) + "╯", style))
        self._write(lines)

    # --- drawing ------------------------------------------------------------------------------

    def _paint(self, text: str, style: str | None) -> str:
        if not style or not self.colour or not text:
            return text
        return f"\x1b[{';'.join(CODES[word] for word in style.split())}m{text}\x1b[0m"

    def _spans(self, parts: Sequence[Part]) -> list[tuple[int, int, str]]:
        spans, at = [], 0
        for part in parts:
            text = part.text if isinstance(part, Styled) else part
            if isinstance(part, Styled) and self.colour:
                spans.append((at, at + len(text), part.style))
            at += len(text)
        return spans

    def _draw(self, plain: str, start: int, end: int, spans: list[tuple[int, int, str]], pad: int) -> str:
        out, at = [" " * pad], start
        for s, e, style in spans:
            s, e = max(s, start), min(e, end)
            if s >= e:
                continue
            out += [plain[at:s], self._paint(plain[s:e], style)]
            at = e
        out.append(plain[at:end])
        return "".join(out)

    def _write(self, lines: list[str]) -> None:
        text = "".join(line + "\n" for line in lines)
        try:
            self.file.write(text)
        except UnicodeEncodeError:  # an output that cannot show ▁ or →: show "?" rather than fail
            encoding = getattr(self.file, "encoding", None) or "ascii"
            self.file.write(text.encode(encoding, "replace").decode(encoding))


def wrap(text: str, width: int, hang: int) -> list[tuple[int, int, int]]:
    """Greedy word wrap by display width: (indent, start, end) per line, the line being
    `indent` spaces + text[start:end]. The first line keeps the text's own leading spaces;
    continuation lines start `hang` spaces in. Spaces between words are kept as they are; a
    word wider than the room is cut at the width. An empty text is one empty line."""
    hang = min(hang, width // 2)
    lines: list[tuple[int, int, int]] = []
    pad, start, end, used = 0, 0, None, 0  # the line being filled; end is None until a word is on it
    i, n = 0, len(text)
    while i < n:
        j = text.find(" ", i)
        if j == i:
            i += 1
            continue
        j = n if j < 0 else j
        gap_from = start if end is None else end
        extra = cells(text[gap_from:j])
        if used + extra <= width:
            end, used, i = j, used + extra, j
            continue
        if end is not None:  # the word goes to a new line
            lines.append((pad, start, end))
            pad, start, end, used = hang, i, None, hang
            continue
        # the word alone is too wide for the room left: cut it
        room = width - used - cells(text[gap_from:i])
        k, taken = i, 0
        while k < j and taken + cells(text[k]) <= room:
            taken += cells(text[k])
            k += 1
        if k == i:  # not even one character fits after the indent: start a fresh line
            k = i + 1
        lines.append((pad, start, k))
        pad, start, end, used, i = hang, k, None, hang, k
    if end is not None:
        lines.append((pad, start, end))
    elif not lines:
        lines.append((0, 0, 0))
    return lines
