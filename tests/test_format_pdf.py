"""`report --format pdf`: the page printed by headless Chromium, read back with pypdf; a clear
exit 1 without Chromium; the same numbers in the terminal, Markdown, HTML and PDF."""

from __future__ import annotations

import io
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_format_html import NO_CHROMIUM, crowded, demo, page_text, report_of

from paintrack.cli.report import paper_size
from paintrack.render import words
from paintrack.render.formats import pdf
from paintrack.storage import printer
from paintrack.storage.store import Store

chromium_only = [pytest.mark.chromium, pytest.mark.skipif(NO_CHROMIUM is not None, reason=str(NO_CHROMIUM))]
A4_PT, LETTER_PT = (595, 842), (612, 792)


def pages(data: bytes) -> tuple[int, tuple[int, int], str]:
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    return len(reader.pages), (round(float(box.width)), round(float(box.height))), text


def store(paintrack, journal=None) -> None:
    Store(paintrack.journal).replace_all(journal or demo(), datetime(2026, 11, 23, 12).astimezone())


def fake_browser(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fake-chromium"
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


def chromium_test(f):
    for mark in reversed(chromium_only):
        f = mark(f)
    return f


@chromium_test
def test_the_pdf_is_one_a4_page_with_the_key_scores():
    n, size, text = pages(pdf.render(report_of(demo()), printer.print_page))
    assert n == 1 and size == A4_PT
    for expected in ("Pain progress report", "Next update due: 2026-12-21", "Pain (NRS, 7-day average) 6 4 −2 (33.3% less)",
                     "BPI severity 5.8 4.0 30.4% less", "BPI interference 5.7 3.6 37.5% less",
                     "Goals (PSFS) 2.5 5.5 +3.0", words.change_sentence(report_of(demo()))):
        assert expected in text, expected


@chromium_test
def test_the_crowded_journal_is_one_letter_page():
    n, size, text = pages(pdf.render(report_of(crowded()), printer.print_page, paper="letter"))
    assert n == 1 and size == LETTER_PT
    assert text.startswith("URGENT: On 2026-11-23 you answered")
    assert "Patient: Alexandra Montgomery-Featherstonehaugh, id MRN-0012345678" in text


@chromium_test
@pytest.mark.parametrize(("lang", "size"), [("en_US.UTF-8", LETTER_PT), ("de_DE.UTF-8", A4_PT), ("", A4_PT)])
def test_report_writes_a_private_pdf_on_the_locale_s_paper(paintrack, tmp_path, lang, size):
    store(paintrack)
    out = tmp_path / "report.pdf"
    done = paintrack("report", "-o", str(out), env={"LANG": lang, "LC_ALL": "", "LC_PAPER": ""})
    assert done.code == 0, done.err
    assert done.out == f"Report written to {out} (pdf).\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    n, got, text = pages(out.read_bytes())
    assert (n, got) == (1, size)
    assert "Next update due: 2026-12-21" in text


@chromium_test
def test_the_same_numbers_in_terminal_markdown_html_and_pdf(paintrack, tmp_path):
    """Every key score, change and expectation, rounded once, reads the same in every human format."""
    store(paintrack)
    r = report_of(demo())
    terminal = paintrack("report").out
    markdown = paintrack("report", "--format", "md").out
    assert paintrack("report", "-o", str(tmp_path / "r.html")).code == 0
    assert paintrack("report", "-o", str(tmp_path / "r.pdf")).code == 0
    texts = {
        "terminal": " ".join(terminal.split()),
        "markdown": " ".join(markdown.replace("\\", "").split()),
        "html": page_text((tmp_path / "r.html").read_text(encoding="utf-8")),
        "pdf": pages((tmp_path / "r.pdf").read_bytes())[2],
    }
    figures = {cell for row in words.key_score_rows(r) for cell in row[1:3] if cell != words.GAP}
    figures |= {"33.3% less", "30.4% less", "37.5% less", "25.0% less", "+3.0", "+50"}
    sentences = [words.change_sentence(r), words.expected_sentence(r), words.full_effect_sentence(r)]
    assert {"5.8", "5.7", "4.0", "3.6", "2.5", "5.5", "20.0", "15.0", "390", "440"} <= figures
    for name, text in texts.items():
        for figure in sorted(figures):
            assert figure in text, (name, figure)
        for sentence in sentences:
            assert sentence is not None and sentence in text, (name, sentence)
        assert "5.75" not in text and "5.71" not in text  # rounded once, the same way


def test_without_chromium_exit_1_with_an_install_hint_and_nothing_written(paintrack, tmp_path):
    store(paintrack)
    before = paintrack.bytes()
    out = tmp_path / "report.pdf"
    done = paintrack("report", "-o", str(out), "--patient-name", "Ann", "--remember",
                     env={"PAINTRACK_CHROMIUM": str(tmp_path / "no-such-chromium")})
    assert done.code == 1
    assert "the PDF report needs headless Chromium: PAINTRACK_CHROMIUM does not name a program that can run" in done.err
    assert "apt install chromium" in done.err and "--format html" in done.err
    assert not out.exists() and paintrack.bytes() == before  # checked before anything is saved


def test_no_chromium_on_the_path(paintrack, tmp_path):
    store(paintrack)
    done = paintrack("report", "--format", "pdf", "-o", str(tmp_path / "r.pdf"),
                     env={"PAINTRACK_CHROMIUM": None, "PATH": str(tmp_path)})  # type: ignore[dict-item]
    assert done.code == 1 and "Chromium was not found" in done.err and "hint:" in done.err


def test_chromium_is_run_off_the_network_with_a_temporary_profile(paintrack, tmp_path):
    store(paintrack)
    log = tmp_path / "args.txt"
    browser = fake_browser(tmp_path, f"""for a in "$@"; do echo "$a" >> {log}; done
for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > "${{a#--print-to-pdf=}}";;
  --user-data-dir=*) echo "profile-exists=$(test -d "$(dirname "${{a#--user-data-dir=}}")" && echo yes)" >> {log};;
  file://*) echo "page-mode=$(stat -c %a "${{a#file://}}")" >> {log};; esac; done
""")
    done = paintrack("report", "--format", "pdf", "-o", str(tmp_path / "r.pdf"), env={"PAINTRACK_CHROMIUM": str(browser)})
    assert done.code == 0, done.err
    assert (tmp_path / "r.pdf").read_bytes() == b"%PDF-1.4 fake"
    args = log.read_text().splitlines()
    for flag in ("--headless", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--no-pdf-header-footer"):
        assert flag in args
    profile = next(a for a in args if a.startswith("--user-data-dir=")).split("=", 1)[1]
    assert "paintrack-pdf-" in profile and not Path(profile).exists()  # made for the run, then removed
    assert "page-mode=600" in args and "profile-exists=yes" in args
    assert any(a.startswith("file://") and a.endswith("/report.html") for a in args)


def test_a_chromium_that_fails_is_one_line_and_exit_1(paintrack, tmp_path):
    store(paintrack)
    browser = fake_browser(tmp_path, "echo 'lots of noise' >&2; exit 3\n")
    done = paintrack("report", "-o", str(tmp_path / "r.pdf"), env={"PAINTRACK_CHROMIUM": str(browser)})
    assert done.code == 1
    assert "Chromium could not print the report (exit status 3)" in done.err and "noise" not in done.err
    assert not (tmp_path / "r.pdf").exists()


def test_a_pdf_goes_to_standard_output_when_it_is_not_a_terminal(paintrack, tmp_path):
    store(paintrack)
    browser = fake_browser(tmp_path, """for a in "$@"; do case "$a" in --print-to-pdf=*)
  printf '%%PDF-1.4 fake' > "${a#--print-to-pdf=}";; esac; done
""")
    done = paintrack("report", "--format", "pdf", env={"PAINTRACK_CHROMIUM": str(browser)})
    assert done.code == 0 and done.out == "%PDF-1.4 fake"


@pytest.mark.parametrize(("env", "paper"), [
    ({"LANG": "en_US.UTF-8"}, "letter"), ({"LANG": "fr_CA.UTF-8"}, "letter"), ({"LANG": "en_GB.UTF-8"}, "A4"),
    ({"LANG": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "letter"), ({"LC_ALL": "en_AU.UTF-8", "LANG": "en_US"}, "A4"),
    ({"LANG": "C.UTF-8"}, "A4"), ({}, "A4"),
])
def test_paper_follows_the_locale(monkeypatch, env, paper):
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert paper_size() == paper


def test_the_browser_is_found_by_name_on_the_path(tmp_path, monkeypatch):
    monkeypatch.delenv("PAINTRACK_CHROMIUM", raising=False)
    fake_browser(tmp_path, "exit 0\n").rename(tmp_path / "google-chrome")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert printer.browser_path() == str(tmp_path / "google-chrome")
    monkeypatch.setenv("PATH", os.devnull)
    assert printer.browser_path() is None


def test_a_pdf_is_never_written_to_a_terminal(paintrack, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    import sys

    store(paintrack)
    child = pexpect.spawn(sys.executable, ["-m", "paintrack", "--journal", str(paintrack.journal), "report", "--format",
                                           "pdf"], env={**os.environ, "PAINTRACK_TODAY": "2026-11-23", "NO_COLOR": "1",
                                                        "PAINTRACK_CHROMIUM": sys.executable}, encoding="utf-8")
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 2
    assert "a PDF is not for the terminal" in child.before and "-o report.pdf" in child.before
