"""`--output FILE` never replaces the journal's files, devices, fifos or folders, and replaces an
existing file only with --force (contract: "Files paintrack writes besides the journal")."""

from __future__ import annotations

import json
import os
import stat

import pytest
from conftest import BASELINE_ARGS


@pytest.fixture
def journal(paintrack):
    """A journal with a baseline and two updates: backups, lock and seal exist beside it."""
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("update", "--no-input", "--nrs", "6", "--date", "2026-02-02").code == 0
    assert paintrack("update", "--no-input", "--nrs", "5", "--date", "2026-03-02").code == 0
    return paintrack


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("name", [
    "journal.json", "journal.json.bak.1", "journal.json.bak.2", "journal.json.bak.3",
    "journal.json.lock", "journal.json.seal", ".journal.json.tmp-123-abcd",
    "journal.json.replaced-20260101T000000",
])
@pytest.mark.parametrize("force", [False, True])
def test_never_the_journal_or_its_files(journal, name, force):
    folder = journal.journal.parent
    before = _files(folder)
    r = journal("report", "--format", "json", "--output", str(folder / name), *(["--force"] if force else []))
    assert r.code == 2, r.text
    assert "journal" in r.err and "Traceback" not in r.err
    assert _files(folder) == before


def test_relative_name_in_the_journal_folder(journal, monkeypatch):
    folder = journal.journal.parent
    before = _files(folder)
    monkeypatch.chdir(folder)
    r = journal("report", "-o", "journal.json", "--force")
    assert r.code == 2
    assert _files(folder) == before


def test_symlink_and_hard_link_to_the_journal(journal, tmp_path):
    before = journal.bytes()
    soft = tmp_path / "elsewhere.json"
    soft.symlink_to(journal.journal)
    hard = tmp_path / "copy.json"
    os.link(journal.journal, hard)
    for target in (soft, hard):
        r = journal("report", "--format", "json", "-o", str(target), "--force")
        assert r.code == 2, r.text
        assert "journal" in r.err
    assert journal.bytes() == before and soft.is_symlink() and hard.read_bytes() == before


def test_link_to_a_backup(journal, tmp_path):
    backup = journal.journal.parent / "journal.json.bak.1"
    before = backup.read_bytes()
    hard = tmp_path / "r.json"
    os.link(backup, hard)
    r = journal("report", "-o", str(hard), "--force")
    assert r.code == 2 and backup.read_bytes() == before


def test_another_journal_is_never_replaced(journal, tmp_path):
    other = tmp_path / "theirs.json"
    other.write_bytes(journal.bytes())
    r = journal("report", "--format", "json", "-o", str(other), "--force")
    assert r.code == 2 and "paintrack journal" in r.err
    assert other.read_bytes() == journal.bytes()


def test_not_a_device_fifo_or_folder(journal, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, word in ((fifo, "regular file"), ("/dev/null", "regular file"), (tmp_path, "folder")):
        r = journal("report", "--format", "json", "-o", str(target), "--force")
        assert r.code == 2, r.text
        assert word in r.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_existing_file_needs_force(journal, tmp_path):
    target = tmp_path / "report.json"
    target.write_text("keep me")
    r = journal("report", "-o", str(target))
    assert r.code == 2 and "--force" in r.err
    assert target.read_text() == "keep me"
    r = journal("report", "-o", str(target), "--force")
    assert r.code == 0, r.text
    assert json.loads(target.read_text())["latest"]["nrs"] == 5
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_new_file_is_private(journal, tmp_path):
    target = tmp_path / "new.json"
    assert journal("report", "-o", str(target)).code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_dash_is_standard_output(journal, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = journal("report", "--format", "json", "-o", "-")
    assert r.code == 0
    assert json.loads(r.out)["latest"]["nrs"] == 5
    assert not (tmp_path / "-").exists()


def test_symlink_to_an_ordinary_file_writes_its_target(journal, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert journal("report", "-o", str(link), "--force").code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())["latest"]["nrs"] == 5


def test_missing_folder_is_a_usage_error(journal, tmp_path):
    r = journal("report", "-o", str(tmp_path / "no" / "such" / "r.json"))
    assert r.code == 2 and "does not exist" in r.err
