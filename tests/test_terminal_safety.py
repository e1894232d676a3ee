"""User text is never markup, and control characters never reach the terminal, from any command
(contract: "Errors and exit codes": "user text is never read as markup, and control characters
never reach the terminal from any command"). Typed text with rich markup is printed literally;
text with escape sequences can only come from a hand-edited journal or catalogue, and is shown
with '?' in place of each control character."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS

from paintrack.render.terminal import CONTROLS

MARKUP = ["walk to the [/] shop", "[red]walk[/red]", "[link=https://example.org]click[/link]", "[bold", "x[/]"]

#: Every character paintrack replaces, except the newline that ends each line of output.
UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in CONTROLS if c != 0x0A) + "]")


def safe(output: str) -> list[str]:
    """The control characters in `output` (none may reach a terminal)."""
    return sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(output)})


# --- markup typed by the user ------------------------------------------------------------------------


def test_markup_in_typed_text_is_printed_literally(paintrack):
    p = paintrack
    r = p(*BASELINE_ARGS, "--goal", MARKUP[0], "--goal", MARKUP[1], "--location", MARKUP[2],
          "--note", MARKUP[3], "--goal-ability", "3")
    assert r.code == 0, r.text
    for words in (MARKUP[0], MARKUP[1]):
        assert words in r.out
    r = p("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--note", MARKUP[4])
    assert r.code == 0, r.text
    r = p("log", "4", "--date", "2026-11-20", "--note", MARKUP[2])
    assert r.code == 0, r.text
    r = p("evidence", "add", MARKUP[1], "--category", "triggers")
    assert r.code == 0, r.text
    r = p("edit", "evidence", "1", "--text", MARKUP[0])
    assert r.code == 0 and MARKUP[1] in r.out and MARKUP[0] in r.out, r.text
    assert p("flags", "--assessed").code == 1  # nothing to assess: refused, with no markup involved
    shown = {
        "evidence": (MARKUP[0],),
        "list": (MARKUP[0], MARKUP[2], MARKUP[3], MARKUP[4]),
        "report": (MARKUP[0], MARKUP[1]),
        "history": (),
    }
    for command, expected in shown.items():
        r = p(command)
        assert r.code == 0, (command, r.text)
        flat = " ".join(r.out.split())
        for words in expected:
            assert words in flat, (command, words)
    data = p.data()
    assert data["baseline"]["goals"] == [MARKUP[0], MARKUP[1]]
    assert data["diary"][0]["note"] == MARKUP[2]


def test_markup_in_a_refused_value_is_not_read_as_markup(paintrack):
    r = paintrack("log", "4", "--note", "[red]x\x07[/red]")
    assert r.code == 2 and "--note must not contain control characters" in r.err
    r = paintrack("list", "[red]assessments[/red]")
    assert r.code == 2 and "Traceback" not in r.err


# --- control characters from a hand-edited journal ---------------------------------------------------

ESC = "\x1b[31mRED\x1b[0m\x07\x08\r\u202etxet\x9b2J"


def _hand_edited(p) -> None:
    """A journal with escape sequences and other controls in every kind of free text, written
    by hand (paintrack refuses them when typed)."""
    assert p(*BASELINE_ARGS[:-1], "--red-flag", "fever", "--goal", "walk", "--goal-ability", "3").code == 0
    assert p("flags", "--assessed", "--date", "2026-01-10", "--note", "ok").code == 0
    assert p("plan", "--add", "pain-education", "--start", "2026-01-12").code == 0
    assert p("update", "--no-input", "--date", "2026-02-02", "--nrs", "6", "--red-flag", "night-pain",
             "--goal-ability", "4", "--side-effect", "nausea").code == 0
    assert p("log", "4", "--date", "2026-11-20").code == 0
    assert p("evidence", "add", "plain", "--date", "2026-03-01").code == 0
    assert p("evidence", "add", "second", "--date", "2026-03-02").code == 0  # the change undo reverts
    data = p.data()
    b = data["baseline"]
    b["goals"] = [f"walk {ESC}"]
    b["locations"] = [f"back {ESC}"]
    b["note"] = f"baseline {ESC}"
    data["updates"][0]["note"] = f"update {ESC}"
    data["diary"][0]["note"] = f"diary {ESC}"
    data["evidence"][0]["text"] = f"evidence {ESC}"
    data["evidence"][0]["category"] = f"cat{ESC}"
    data["reviews"][0]["note"] = f"review {ESC}"
    data["settings"] = {"patient_name": f"name {ESC}"}
    data["aspects"] = [{"date": "2026-11-21", "ratings": {"emotional": 6},
                        "notes": {"emotional": f"aspect {ESC}"}}]
    for h in data["history"]:
        h["command"] = f"{h['command']} {ESC}"
    p.journal.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    r = p("list")
    assert r.code == 0 and "RED" in r.out, r.text  # the journal is valid, escapes and all


COMMANDS = [
    ("evidence",), ("evidence", "list"), ("plan",), ("list",), ("list", "diary"), ("list", "--format", "table"),
    ("history",), ("history", "--last", "2"), ("report",), ("report", "--format", "rich"), ("flags",), ("doctor",),
    ("update", "--no-input", "--date", "2026-03-02", "--nrs", "5", "--goal-ability", "6"),
    ("log", "3", "--date", "2026-11-22"),
    ("edit", "log", "2026-11-20", "--pain", "3"),
    ("edit", "baseline", "--nrs", "8"),
    ("edit", "evidence", "1", "--date", "2026-03-02"),
    ("delete", "evidence", "1", "--yes"),
    ("undo", "--yes"),
    ("evidence", "add", "another"),
    ("flags", "--assessed"),
    ("plan", "--remove", "pain-education"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_no_control_character_reaches_the_terminal(paintrack, args):
    _hand_edited(paintrack)
    r = paintrack(*args)
    assert r.code == 0, r.text
    assert safe(r.out) == [], (args, r.out)
    assert safe(r.err) == [], (args, r.err)


def test_the_escapes_are_shown_as_question_marks(paintrack):
    _hand_edited(paintrack)
    r = paintrack("list", "evidence")
    assert "evidence ?[31mRED?[0m????txet?2J" in r.out
    r = paintrack("undo", "--yes")
    assert r.code == 0 and "?[31mRED?[0m" in r.out


def test_a_modality_name_in_a_catalogue_never_reaches_the_terminal(paintrack, tmp_path, monkeypatch):
    from paintrack.storage import catalogue_file

    shipped = catalogue_file.default_path()
    text = shipped.read_text()
    assert 'name = "Pain neuroscience education"' in text
    text = text.replace('name = "Pain neuroscience education"',
                        'name = "Pain \\u001b[31mneuroscience\\u0007 \\u202eeducation"', 1)
    catalogue = tmp_path / "modalities.toml"
    catalogue.write_text(text)
    monkeypatch.setattr(catalogue_file, "default_path", lambda: Path(catalogue))
    catalogue_file._CACHE.clear()
    try:
        assert paintrack(*BASELINE_ARGS).code == 0
        for args in (("plan", "--add", "pain-education", "--start", "2026-01-12"), ("plan",), ("plan", "--list"),
                     ("plan", "--show", "pain-education"), ("report",)):
            r = paintrack(*args)
            assert "Traceback" not in r.text
            assert safe(r.out) == [] and safe(r.err) == [], (args, r.text)
            if r.code == 0 and args != ("report",):
                assert "Pain ?[31mneuroscience? ?education" in r.out, (args, r.out)
    finally:
        catalogue_file._CACHE.clear()


def test_the_demo_report_and_help_are_plain(paintrack, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    for args in (("--help",), ("list", "--help"), ("edit", "--help"), ("demo",)):
        r = paintrack(*args)
        assert r.code == 0, (args, r.text)
        assert safe(r.out) == [] and safe(r.err) == [], args
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_an_output_path_with_escapes_is_shown_with_question_marks(paintrack, tmp_path):
    """`-o` names a file the user typed; the line saying where the report went shows its
    control characters as '?' (the file itself gets the name as given)."""
    from conftest import BASELINE_ARGS

    assert paintrack(*BASELINE_ARGS).code == 0
    name = tmp_path / "r\x1b]0;title\x07.md"
    r = paintrack("report", "-o", str(name))
    assert r.code == 0 and name.is_file(), r.text
    assert safe(r.out) == [] and "r?]0;title?.md" in r.out


# --- machine formats: the data whole, no control character raw ---------------------------------------

#: A diary note as the verification pass hand-edited it: sets the terminal's title, turns red, NUL.
TITLE = "\x1b]0;PWNED\x07\x1b[31mX\x00"

MACHINE = [
    ("list", "--format", "json"),
    ("list", "diary", "--format", "json"),
    ("list", "diary", "--format", "csv"),
    ("list", "evidence", "--format", "csv"),
    ("list", "assessments", "--format", "csv"),
    ("list", "diary", "--format", "csv", "-o", "-"),
    ("report", "--format", "json", "-o", "-"),
    ("report", "--format", "csv", "-o", "-"),
    ("report", "--format", "md", "-o", "-"),
    ("report", "--format", "html", "-o", "-"),
    ("report", "--format", "fhir", "-o", "-"),
    ("plan", "--calendar", "-"),
]


def _with_title_note(p) -> None:
    _hand_edited(p)
    data = p.data()
    data["diary"].append({"date": "2026-11-21", "pain": 5, "note": TITLE})
    p.journal.write_text(json.dumps(data, indent=1, ensure_ascii=False))


@pytest.mark.parametrize("args", MACHINE, ids=lambda a: " ".join(a))
def test_no_control_character_reaches_the_terminal_in_machine_formats(paintrack, args):
    _with_title_note(paintrack)
    r = paintrack(*args)
    assert r.code == 0, r.text
    out = r.out.replace("\r\n", "\n") if "csv" in args or "--calendar" in args else r.out
    assert safe(out) == [], (args, r.out)
    assert safe(r.err) == [], (args, r.err)
    if "csv" in args:
        import csv
        import io

        for row in csv.reader(io.StringIO(r.out, newline="")):
            assert all(safe(c) == [] for c in row), row


def test_json_escapes_every_control_and_parses_back_to_the_same_text(paintrack):
    _with_title_note(paintrack)
    r = paintrack("list", "--format", "json")
    assert "\\u009b" in r.out and "\\u202e" in r.out and "\\u001b" in r.out, r.out
    listed = json.loads(r.out)
    notes = {d["key"]: d["note"] for d in listed["diary"]}
    assert notes == {"2026-11-20": f"diary {ESC}", "2026-11-21": TITLE}
    assert listed["evidence"][0]["text"] == f"evidence {ESC}"
    r = paintrack("report", "--format", "json", "-o", "-")
    assert r.code == 0 and "\\u009b" in r.out, r.text
    assert json.loads(r.out)["patient"]["name"] == f"name {ESC}"


def test_csv_shows_the_controls_as_question_marks(paintrack):
    _with_title_note(paintrack)
    r = paintrack("list", "diary", "--format", "csv")
    assert "?]0;PWNED??[31mX?" in r.out and "diary ?[31mRED?[0m?? ?txet?2J" in r.out, r.out
