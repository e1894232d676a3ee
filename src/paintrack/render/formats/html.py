"""The report as one self-contained page (`--format html`) that prints on one A4 or Letter page;
`--format pdf` prints this page.

No network: no script, font, style sheet or image from elsewhere (inline CSS and SVG only), and a
Content-Security-Policy that forbids any. Every text from the journal is escaped (and its control
characters replaced).

Layout: a sheet 190 mm wide (A4 and Letter less 10 mm margins), set in points with fixed line
heights, so the page's height can be known before a browser lays it out. Order:
1. a self-harm answer, then active red flags: boxed, before anything else;
2. whose report, the dates (one next-update date), the pain's duration and locations;
3. the key scores (baseline, latest, change; the last known value where the latest lacks it)
   beside the chart;
4. the change since baseline, exactly what was met, the expectation beside its comparator;
5. the ranked sections that may shorten: alerts, then in two columns goals (PSFS), adherence,
   side effects, notes, the schedule, the evidence sheet, the diary, the four aspects;
6. the disclaimer, once.

Fitting (`fit`): each part's height is estimated from Arial's advance widths (chart.text_width)
and the fixed line heights; the two columns are CSS columns, balanced, and their height is
estimated as Chromium balances them (a heading stays with its first entry, an entry never
breaks). The page is filled by rank within Letter's printable height (259.4 mm, the shorter of
the two, less a margin for the estimate's error): what does not fit says "… and N more", long
texts are cut at a word ("…"), and the footer says where everything is (the Markdown report). A
section may go on at the top of the next column; it never goes onto another page, because the
page never spills. The tests print realistic journals in Chromium on A4 and Letter and count
one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html import escape

from paintrack.domain.report import AssociationItem, Report
from paintrack.render import words
from paintrack.render.formats import chart
from paintrack.render.formats.chart import text_width
from paintrack.render.terminal import clean

PT_PER_MM = 72 / 25.4
SHEET_WIDTH = 190 * PT_PER_MM  # 538.6 pt
PAGE_HEIGHT = 259.4 * PT_PER_MM  # Letter's 279.4 mm less two 10 mm margins: 735.3 pt
BUDGET = PAGE_HEIGHT - 12  # what the estimate may fill: the rest is slack for its error
COLUMN_GAP = 14.0
COLUMN_WIDTH = (SHEET_WIDTH - COLUMN_GAP) / 2
WIDTH_SLACK = 1.04  # text is estimated this much wider than Arial sets it (bold, kerning, fonts)

NOTE_CHARS = 220  # of a note on the page (the Markdown report has it whole)
EVIDENCE_CHARS = 150
GOAL_CHARS = 120
LOCATION_CHARS = 60
LOCATIONS_SHOWN = 5
PATIENT_CHARS = 240
GOAL_RATINGS = 7  # ratings shown per goal: the first and the latest six
ADHERENCE_VALUES = 7
WEEKS_SHOWN = 12

# Type: (font size, line height) in points; every rule below uses these.
BODY = (9.0, 10.6)
SMALL = (8.0, 9.2)
TABLE = (8.5, 10.0)
H1 = (14.0, 16.0)
H2 = (9.5, 11.5)
BOX = (9.5, 11.5)
SECTION_GAP = 3.5
H2_HEIGHT = SECTION_GAP + H2[1] + 1 + 0.5 + 2  # padding above, line, padding below, rule, gap
P_GAP = 2.0
LI_INDENT = 9.0
LI_GAP = 1.5
CELL_PAD_X, CELL_PAD_Y = 3.0, 1.0
ROW_RULE = 0.5
BOX_EXTRA = 2 * 3 + 2 * 1.5 + 4  # padding, border, gap below

# Arial, or a font with its letter widths; failing all of them, DejaVu Sans (most Linux systems
# have it) set 10% smaller, about Arial's width, so the estimate still holds (local fonts only).
FONT_STACK = ('Arial, "Liberation Sans", Helvetica, Arimo, "Nimbus Sans", "Nimbus Sans L", "TeX Gyre Heros", '
              "PaintrackFallback, sans-serif")
FONT_FACES = "".join(
    f'@font-face {{ font-family: "PaintrackFallback"; src: local("{name}"); font-weight: {weight}; '
    f"font-style: {style}; size-adjust: 90%; }}\n"
    for name, weight, style in (("DejaVu Sans", "normal", "normal"), ("DejaVu Sans Bold", "bold", "normal"),
                                ("DejaVu Sans Oblique", "normal", "italic"),
                                ("DejaVu Sans Bold Oblique", "bold", "italic"))
)

STYLE = FONT_FACES + f"""
@page {{ margin: 10mm; }}
* {{ box-sizing: border-box; }}
html {{ background: #fff; }}
body {{ margin: 0; color: #111; font-family: {FONT_STACK};
       font-size: {BODY[0]}pt; line-height: {BODY[1]}pt; overflow-wrap: anywhere; }}
@media screen {{ body {{ margin: 10mm; }} }}
@media screen and (max-width: 760px) {{ .sheet {{ width: auto !important; }} .row {{ display: block !important; }} .cols {{ column-count: 1; }} }}
.sheet {{ width: {SHEET_WIDTH:.1f}pt; margin: 0 auto; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
section, .row, .box, header, footer {{ break-inside: avoid; }}
h1 {{ font-size: {H1[0]}pt; line-height: {H1[1]}pt; margin: 0; }}
h2 {{ font-size: {H2[0]}pt; line-height: {H2[1]}pt; margin: 0 0 2pt; padding: 0 0 1pt;
      border-bottom: 0.5pt solid #999; break-after: avoid; }}
section {{ padding-top: {SECTION_GAP}pt; }}
p {{ margin: 0; padding-bottom: {P_GAP}pt; }}
ul {{ margin: 0; padding: 0 0 {P_GAP}pt; list-style: none; }}
li {{ padding: 0 0 {LI_GAP}pt {LI_INDENT}pt; position: relative; }}
li::before {{ content: "•"; position: absolute; left: 1pt; color: #555; }}
.small, .small li, .small p {{ font-size: {SMALL[0]}pt; line-height: {SMALL[1]}pt; }}
.muted {{ color: #444; }}
.meta p {{ padding-bottom: 0; }}
.patient {{ font-weight: bold; }}
.next {{ font-weight: bold; }}
.box {{ border: 1.5pt solid #b00000; background: #fde8e8; color: #6a0000; font-weight: bold;
        padding: 3pt 5pt; margin: 0 0 4pt; font-size: {BOX[0]}pt; line-height: {BOX[1]}pt; }}
.box.soon {{ border-color: #c25e00; background: #fff1e0; color: #5a2c00; }}
.row {{ display: flex; gap: {COLUMN_GAP}pt; align-items: flex-start; padding-top: {SECTION_GAP}pt; }}
.title {{ display: flex; justify-content: space-between; align-items: baseline; }}
.cols {{ column-count: 2; column-gap: {COLUMN_GAP}pt; column-fill: balance; }}
.cols li, .cols p, .cols tr {{ break-inside: avoid; }}
.cols section {{ break-inside: auto; }}
.cols .head {{ break-after: avoid; }}
.cols .tail, .cols .more {{ break-before: avoid; }}
table {{ border-collapse: collapse; table-layout: fixed; font-size: {TABLE[0]}pt; line-height: {TABLE[1]}pt; }}
th, td {{ padding: {CELL_PAD_Y}pt {CELL_PAD_X}pt; border-bottom: {ROW_RULE}pt solid #ccc; text-align: left;
          vertical-align: top; overflow-wrap: anywhere; }}
thead th {{ border-bottom-color: #555; }}
td.n, th.n {{ text-align: right; }}
.badge {{ font-weight: bold; color: #0b5d1e; }}
.alerts li.soon {{ font-weight: bold; }}
.disclaimer {{ font-style: italic; color: #333; padding-top: {SECTION_GAP + 1.5}pt; }}
code {{ font-family: inherit; }}
{chart.CSS}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def e(value: object) -> str:
    """Text for the page: on one line, control characters replaced, then HTML-escaped."""
    return escape(clean(" ".join(str(value).split())), quote=True)


def code(text: str) -> str:
    """paintrack's own wording: escaped, `commands` between backticks shown as code."""
    out, inside = [], False
    for i, part in enumerate(clean(text).split("`")):
        inside = i % 2 == 1
        out.append(f"<code>{escape(part)}</code>" if inside else escape(part))
    return "".join(out)


def clip(text: str, chars: int) -> tuple[str, bool]:
    """At most `chars` characters, cut at a word and marked '…'; and whether it was cut."""
    text = clean(" ".join(text.split()))
    if len(text) <= chars:
        return text, False
    return text[:chars].rsplit(" ", 1)[0].rstrip(",;:.") + " …", True


# --- estimating heights ------------------------------------------------------------------------


def lines(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines `text` takes in a box `width` points wide: words wrapped greedily at
    spaces (a browser may also break at hyphens, so it takes as many lines or fewer)."""
    space = text_width(" ", size, bold)
    count, used = 1, 0.0
    for word in text.split():
        w = text_width(word, size, bold) * WIDTH_SLACK
        if used and used + space + w > width:
            count += 1 + int(w // width)
            used = w % width
        else:
            used = used + (space if used else 0) + w
            if used > width:  # one word longer than the line
                count += int(used // width)
                used %= width
    return count


@dataclass
class Item:
    """One paragraph or list entry: its markup and the plain text its height is estimated from."""

    html: str
    text: str
    bullet: bool = True
    css: str = ""
    cut: bool = False  # its text was clipped to fit

    def height(self, width: float, size: tuple[float, float]) -> float:
        indent = LI_INDENT if self.bullet else 0.0
        gap = LI_GAP if self.bullet else P_GAP
        return lines(self.text, width - indent, size[0]) * size[1] + gap

    def markup(self) -> str:
        css = f' class="{self.css}"' if self.css else ""
        return f"<li{css}>{self.html}</li>" if self.bullet else f"<p{css}>{self.html}</p>"


@dataclass
class Group:
    """Entries of one kind inside a section, with their rank: the lowest-ranked group that has
    more than `keep` shown loses its last one first."""

    rank: int
    items: list[Item]
    keep: int = 0
    floor: int = 0  # what stays when nothing else can be cut
    head: list[Item] = field(default_factory=list)
    tail: list[Item] = field(default_factory=list)
    shown: int = -1

    def __post_init__(self) -> None:
        if self.shown < 0:
            self.shown = len(self.items)
        for i in self.head:
            i.css = (i.css + " head").strip()  # kept with the entry below it
        for i in self.tail:
            i.css = (i.css + " tail").strip()  # kept with the entry above it

    def visible(self) -> list[Item]:
        out = list(self.head) + self.items[:self.shown]
        if self.shown < len(self.items):
            out.append(Item(e(words.more(len(self.items) - self.shown)), words.more(len(self.items) - self.shown),
                            bullet=False, css="muted more"))
        return out + list(self.tail)


@dataclass
class Section:
    """One section of the printable page, with its rank and what was shortened to fit."""
    key: str
    title: str
    groups: list[Group]
    size: tuple[float, float] = SMALL
    wide: bool = False
    dropped: bool = False  # left out to fit the page

    def height(self, width: float) -> float:
        total = H2_HEIGHT
        for g in self.groups:
            shown = g.visible()
            total += sum(i.height(width, self.size) for i in shown)
            # each run of list entries is a <ul> with its own gap below
            total += P_GAP * sum(1 for k, i in enumerate(shown) if i.bullet and (k + 1 == len(shown) or not shown[k + 1].bullet))
        return total

    def blocks(self, width: float) -> list[float]:
        """The heights of the parts a column may not break: the heading with what follows it up
        to the first entry (a group's lead-in with its first entry), then each entry."""
        out: list[float] = []
        glued = H2_HEIGHT
        for g in self.groups:
            shown = g.visible()
            for k, i in enumerate(shown):
                h = i.height(width, self.size)
                if i.bullet and (k + 1 == len(shown) or not shown[k + 1].bullet):
                    h += P_GAP  # the end of a <ul>
                if i in g.head:
                    glued += h
                    continue
                if (i in g.tail or "more" in i.css.split()) and out and not glued:
                    out[-1] += h
                    continue
                out.append(glued + h)
                glued = 0.0
        if glued:
            out.append(glued)
        return out

    def markup(self) -> str:
        css = "small" if self.size == SMALL else ""
        out = [f'<section class="{self.key} {css}" data-section="{self.key}"><h2>{e(self.title)}</h2>']
        for g in self.groups:
            bullets = [i for i in g.visible()]
            run: list[str] = []
            for i in bullets:
                if i.bullet:
                    run.append(i.markup())
                    continue
                if run:
                    out.append("<ul>" + "".join(run) + "</ul>")
                    run = []
                out.append(i.markup())
            if run:
                out.append("<ul>" + "".join(run) + "</ul>")
        return "".join(out) + "</section>"


def flow_height(sections: list[Section], columns: int = 2) -> float:
    """The height of `sections` flowed into balanced columns (CSS multi-column, as Chromium
    balances it): the least height at which the blocks that may not break (a heading with the
    entry below it, every entry) fill `columns` columns in order."""
    blocks = [b for s in sections for b in s.blocks(COLUMN_WIDTH)]
    if not blocks:
        return 0.0

    def fits(height: float) -> bool:
        column, used = 0, 0.0
        for b in blocks:
            if used and used + b > height:
                column, used = column + 1, 0.0
            used += b
        return column < columns

    low, high = max(max(blocks), sum(blocks) / columns), sum(blocks)
    while high - low > 0.25:
        mid = (low + high) / 2
        low, high = (low, mid) if fits(mid) else (mid, high)
    return high


def fit(fixed: float, wide: list[Section], narrow: list[Section], budget: float = BUDGET) -> float:
    """Fill the page by rank within `budget` and return its estimated height:
    1. every group starts at its `floor` (an alert that needs a doctor soon is always shown) and
       the two columns' sections start left out;
    2. by rank, each section comes in with its groups' first `keep` entries, while they fit (a
       section, or a group's first entries, that do not fit leave out the lower-ranked ones too);
    3. by rank again, each group takes its further entries while they fit; what a group leaves
       out it says ("… and 6 more")."""
    groups = sorted((g for s in wide + narrow for g in s.groups), key=lambda g: g.rank)
    owner = {id(g): s for s in wide + narrow for g in s.groups}

    def total() -> float:
        return fixed + sum(s.height(SHEET_WIDTH) for s in wide) + flow_height([s for s in narrow if not s.dropped])

    for g in groups:
        g.shown = min(g.floor, len(g.items))
    for s in narrow:
        s.dropped = True

    def grow(g: Group, upto: int) -> None:
        while g.shown < upto:
            g.shown += 1
            if total() > budget:
                g.shown -= 1
                return

    for g in groups:
        section = owner[id(g)]
        if section.dropped:
            section.dropped = False
            if total() > budget:
                section.dropped = True
                break
        grow(g, min(g.keep, len(g.items)))
        if g.shown < min(g.keep, len(g.items)):
            break  # what ranks lower waits until this group has its first entries
    for g in groups:
        if not owner[id(g)].dropped:
            grow(g, len(g.items))
    return total()


# --- the parts ---------------------------------------------------------------------------------


def urgent_boxes(report: Report) -> tuple[str, float]:
    """A self-harm answer first, then active red flags (emergency, then see a doctor within days)."""
    first = sorted((a for a in report.alerts if a.level == "urgent" or a.code == "red_flags"),
                   key=lambda a: (a.code != "self_harm", a.code != "red_flags", a.level != "urgent"))
    out, height = [], 0.0
    for a in first:
        label = words.URGENT if a.level == "urgent" else words.LEVEL[a.level]
        text = f"{label}: {a.message}"
        out.append(f'<div class="box {e(a.level)}" role="alert" data-section="box-{e(a.code)}">'
                   f"{e(label)}: {code(a.message)}</div>")
        height += lines(text, SHEET_WIDTH - 16, BOX[0], bold=True) * BOX[1] + BOX_EXTRA
    return "".join(out), height


def header(report: Report) -> tuple[str, float]:
    rows = []
    patient = words.patient_line(report)
    if patient:
        rows.append(("patient", clip(patient, PATIENT_CHARS)[0]))
    where = report._replace(baseline=replace(report.baseline, locations=tuple(
        clip(x, LOCATION_CHARS)[0] for x in report.baseline.locations[:LOCATIONS_SHOWN])))
    rows += [("dates", words.header_line(report)), ("where", words.duration_line(where) + (
        f" {words.more(len(report.baseline.locations) - LOCATIONS_SHOWN)}"
        if len(report.baseline.locations) > LOCATIONS_SHOWN else "") + ".")]
    body = "".join(f'<p class="{css}">{e(text)}</p>' for css, text in rows)
    height = H1[1] + sum(lines(t, SHEET_WIDTH, BODY[0], bold=c == "patient") * BODY[1] for c, t in rows)
    return (f'<header class="meta" data-section="header"><div class="title"><h1>{e(words.HEADLINE)}</h1>'
            f'<p class="next">{e(words.next_update_line(report))}</p></div>{body}</header>', height)


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: list[float], numeric: set[int],
           css: str) -> tuple[str, float]:
    def cells(tag: str, values: tuple[str, ...]) -> str:
        num_css = ' class="n"'
        return "".join(f"<{tag}{num_css if i in numeric else ''}>{code(v)}</{tag}>" for i, v in enumerate(values))

    cols = "".join(f'<col style="width:{w:.1f}pt">' for w in widths)
    markup = (f'<table class="{css}" style="width:{sum(widths):.1f}pt"><colgroup>{cols}</colgroup>'
              f"<thead><tr>{cells('th', head)}</tr></thead><tbody>"
              + "".join(f"<tr>{cells('td', r)}</tr>" for r in rows) + "</tbody></table>")
    height = 0.0
    for r in (head, *rows):
        tall = max(lines(v, w - 2 * CELL_PAD_X, TABLE[0], bold=r is head) for v, w in zip(r, widths, strict=True))
        height += tall * TABLE[1] + 2 * CELL_PAD_Y + ROW_RULE
    return markup, height


def key_scores(report: Report) -> tuple[str, float, float]:
    """The key scores table, its height and its width."""
    rows = words.key_score_rows(report)
    head = words.KEY_SCORES_HEAD
    widths = [max(text_width(r[i], TABLE[0], bold=r is head) for r in (head, *rows)) * WIDTH_SLACK
              + 2 * CELL_PAD_X + 2 for i in range(4)]
    markup, height = _table(head, rows, widths, {1, 2, 3}, "key-scores")
    notes = [words.SCORES_NOTE] + ([words.LAST_KNOWN_NOTE] if report.last_known else [])
    width = sum(widths)
    markup += "".join(f'<p class="small muted legend">{e(n)}</p>' for n in notes)
    height += 2 + sum(lines(n, width, SMALL[0]) * SMALL[1] + P_GAP for n in notes)
    return markup, height, width


def top_row(report: Report) -> tuple[str, float]:
    table, table_height, table_width = key_scores(report)
    chart_width = max(200.0, min(300.0, SHEET_WIDTH - COLUMN_GAP - table_width))
    legend = words.CHART_LEGEND + (words.CHART_LEGEND_BAND if report.expected is not None else "") + (
        words.CHART_LEGEND_DIARY if len(report.diary.weekly_mean_pain) > 1 else "")
    chart_height = chart.HEIGHT + 2 + lines(legend, chart_width, SMALL[0]) * SMALL[1] + P_GAP
    markup = (f'<div class="row" data-section="scores"><div class="scores" style="width:{table_width:.1f}pt">'
              f'{table}</div><figure style="margin:0;width:{chart_width:.1f}pt">'
              f"{chart.nrs_chart(report, chart_width)}"
              f'<p class="small muted legend">{e(legend)}</p></figure></div>')
    return markup, 5 + max(table_height, chart_height)


def summary(report: Report) -> tuple[str, float]:
    """Change since baseline (what was met, named exactly) and expected vs actual beside the
    comparators; never shortened."""
    change: list[tuple[str, str]] = [("", words.change_sentence(report))]  # the rest is in the key scores
    change += [("badge", "★ " + b) for b in words.badges(report)]
    for css, text in (("small muted", words.reversal_note(report)), ("", words.pgic_sentence(report))):
        if text:
            change.append((css, text))
    expected: list[tuple[str, str]] = [("", words.expected_sentence(report))]
    full = words.full_effect_sentence(report)
    if full:
        expected.append(("", full))
    after: list[tuple[str, str]] = []
    table, table_height = "", 0.0
    if report.plan is not None:
        plan = report.plan
        rows = [(words.therapy_name(m), str(m.start),
                 words.modality_range(m), words.modality_certainty(m)) for m in plan.modalities]
        widths = [150.0, 52.0, SHEET_WIDTH - 150 - 52 - 56, 56.0]
        table, table_height = _table(words.PLAN_HEAD, rows, widths, set(), "plan")
        table_height += 2
        untested = words.untested_sentence(plan.untested_combination)
        if untested:
            after.append(("small muted", untested))
        after.append(("small muted", plan.caveat))

    def paras(items: list[tuple[str, str]]) -> tuple[str, float]:
        markup = "".join(f'<p class="{c}">{code(t)}</p>' if c else f"<p>{code(t)}</p>" for c, t in items)
        height = sum(lines(t, SHEET_WIDTH, (SMALL if "small" in c else BODY)[0], bold=c == "badge")
                     * (SMALL if "small" in c else BODY)[1] + P_GAP for c, t in items)
        return markup, height

    c_html, c_h = paras(change)
    x_html, x_h = paras(expected)
    a_html, a_h = paras(after)
    markup = (f'<section class="change" data-section="change"><h2>{e(words.CHANGE_TITLE)}</h2>{c_html}</section>'
              f'<section class="expected" data-section="expected"><h2>{e(words.EXPECTED_TITLE)}</h2>{x_html}'
              f"{table}{a_html}</section>")
    return markup, 2 * H2_HEIGHT + c_h + x_h + table_height + a_h


def ranked_sections(report: Report) -> tuple[list[Section], list[Section]]:
    """The sections that may shorten: (full width, two columns), each group ranked."""
    wide: list[Section] = []
    others = [a for a in report.alerts if a.level != "urgent" and a.code != "red_flags"]
    past = words.past_flags_line(report, lambda note: clip(note, NOTE_CHARS)[0])
    if others or past:
        soon = [a for a in others if a.level == "soon"]
        items = [Item(f"{e(words.LEVEL[a.level])}: {code(a.message)}", f"{words.LEVEL[a.level]}: {a.message}",
                      css=a.level) for a in others]
        head = [Item(e(past), past, bullet=False)] if past else []
        wide.append(Section("alerts", words.ALERTS_TITLE, [Group(1, items, keep=len(items), floor=len(soon), head=head)], BODY, wide=True))
    narrow: list[Section] = []
    context = _context_groups(report)
    if context:
        narrow.append(Section("context", words.CONTEXT_TITLE, context))
    steps = [s for s in report.schedule_next if s.kind != "re-measure"]  # the one next-update date is above
    if steps:
        items = [Item(code(t := words.step_line(s.date, s.end, s.title, s.detail)), t) for s in steps]
        narrow.append(Section("schedule", words.SCHEDULE_TITLE, [Group(6, items)]))
    evidence = None
    if report.evidence:
        newest = list(reversed(report.evidence))
        items = []
        for x in newest:
            said, cut = clip(x.text, EVIDENCE_CHARS)
            items.append(Item(f"<b>{x.date}</b> <i>{e(x.category)}</i>: {e(said)}", f"{x.date} {x.category}: {said}",
                              cut=cut))
        head = [Item(e(t := words.evidence_counts_line(report)), t, bullet=False)]
        tail = [Item(e(report.evidence_caveat), report.evidence_caveat, bullet=False, css="muted")]
        evidence = Section("evidence", words.EVIDENCE_TITLE, [Group(7, items, head=head, tail=tail)])
        narrow.append(evidence)
    if report.diary.days:
        d = report.diary
        clear = sorted(d.associations, key=lambda a: not _clear(a))
        items = [Item(e(t := words.association_brief(a, d.min_paired_days)), t) for a in clear]
        head = [Item(e(t := words.weekly_pain_line(d, WEEKS_SHOWN)), t, bullet=False)]
        tail = [Item(e(t := words.diary_caveat(d)), t, bullet=False, css="muted")]
        narrow.append(Section("diary", words.WHAT_GOES_WITH, [Group(8, items, head=head, tail=tail)]))
    line = words.aspects_line(report)
    if line:
        aspects = Group(9, [Item(f"<b>{e(words.ASPECTS_TITLE)}</b> {e(line)}", f"{words.ASPECTS_TITLE} {line}",
                                 bullet=False)])
        if evidence is not None:  # the sheet and the reflection are read together
            evidence.groups.append(aspects)
            evidence.title = words.EVIDENCE_AND_ASPECTS_TITLE
        else:
            narrow.append(Section("aspects", words.ASPECTS_TITLE, [aspects]))
    return wide, narrow


def _clear(a: AssociationItem) -> bool:
    """Whether the same-day association's interval excludes 0 (those are listed first)."""
    return a.ci_low is not None and a.ci_high is not None and (a.ci_low > 0 or a.ci_high < 0)


def _context_groups(report: Report) -> list[Group]:
    groups = []
    goals = []
    for g in report.goals:
        t = words.goal_line(clip(g.goal, GOAL_CHARS)[0], [(r.date, r.ability) for r in g.ratings], GOAL_RATINGS,
                            dated=False)
        goals.append(Item(f"<b>{e(words.GOAL_LABEL)}</b>: {e(t)}", f"{words.GOAL_LABEL}: {t}", cut=len(g.goal) > GOAL_CHARS))
    if goals:
        span = words.assessments_span(report) + " " + words.PSFS_SCALE + ":"
        groups.append(Group(2, goals, keep=1, head=[Item(e(span), span, bullet=False)]))
    adherence = [Item(e(t), t) for t in words.adherence_lines(report, ADHERENCE_VALUES)]
    if adherence:
        groups.append(Group(3, adherence, keep=len(adherence)))
    effects = [Item(f"<b>{e(words.SIDE_EFFECTS_TITLE)}</b> {e(t := words.side_effect_line(s.date, s.effects))}",
                    f"{words.SIDE_EFFECTS_TITLE} {t}") for s in reversed(report.side_effects)]
    if effects:
        groups.append(Group(4, effects, keep=1))
    notes = []
    for n in report.notes:
        said, cut = clip(n.text, NOTE_CHARS)
        t = words.note_line(n.date, n.source, said)
        notes.append(Item(f"<b>{e(words.NOTE_LABEL)}</b> {e(t)}", f"{words.NOTE_LABEL} {t}", cut=cut))
    if notes:
        groups.append(Group(5, notes, keep=1))
    return groups


def disclaimer(report: Report, shortened: bool) -> tuple[str, float]:
    """The disclaimer, once; and, when anything was shortened, where to read it all."""
    note = f' <span class="muted">{code(words.SHORTENED_NOTE)}</span>' if shortened else ""
    text = report.disclaimer + (" " + words.SHORTENED_NOTE if shortened else "")
    return (f'<footer data-section="disclaimer"><p class="disclaimer small">{e(report.disclaimer)}{note}</p></footer>',
            SECTION_GAP + 1.5 + lines(text, SHEET_WIDTH, SMALL[0]) * SMALL[1] + P_GAP)


def _shortened(wide: list[Section], narrow: list[Section]) -> bool:
    return any(s.dropped for s in narrow) or any(
        g.shown < len(g.items) or any(i.cut for i in g.visible()) for s in wide + narrow for g in s.groups)


def render(report: Report, paper: str | None = None, budget: float = BUDGET, **_: object) -> str:
    """The page. `paper` ("A4" or "letter") fixes the printed page size (the PDF's); without it
    the browser's paper is used, and the page fits either."""
    parts: list[tuple[str, float]] = [urgent_boxes(report), header(report), top_row(report), summary(report)]
    wide, narrow = ranked_sections(report)
    fixed = sum(h for _, h in parts)
    fit(fixed + disclaimer(report, shortened=False)[1], wide, narrow, budget)
    if _shortened(wide, narrow):  # then the footer says so, and takes its room
        fit(fixed + disclaimer(report, shortened=True)[1], wide, narrow, budget)
    end = disclaimer(report, _shortened(wide, narrow))
    kept = [s for s in narrow if not s.dropped]
    cols = f'<div class="cols">{"".join(s.markup() for s in kept)}</div>' if kept else ""
    size = f"@page {{ size: {'A4' if paper.lower() == 'a4' else 'letter'}; }}" if paper else ""
    who = report.patient.name if report.patient and report.patient.name else ""
    title = f"{words.HEADLINE} {report.generated}" + (f" · {who}" if who else "")
    body = "".join(m for m, _ in parts) + "".join(s.markup() for s in wide) + cols + end[0]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}{size}</style></head>\n"
        f'<body><main class="sheet">{body}</main></body></html>\n'
    )

