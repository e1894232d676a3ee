"""Exit statuses and what stderr says (contract: "Errors and exit codes"): the save decides the
exit code; Ctrl-C never shows a traceback and says whether anything was saved; a flag given twice,
an argument that is not UTF-8 and an empty journal path are usage errors; a broken pipe is quiet;
no error message echoes a health value. Real processes where a real stdout, pipe, terminal or
signal matters; the journal's bytes are compared before and after every refused command."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BASELINE_ARGS, TODAY

from paintrack.cli.app import run

SCRIPT = Path(sys.executable).with_name("paintrack")
PAINTRACK = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "paintrack"]
HAS_DEV_FULL = os.path.exists("/dev/full")


def environment(journal: Path | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAINTRACK_") and k != "COLUMNS"}
    env.update({"PAINTRACK_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "100", "LC_ALL": "C.UTF-8", **extra})
    if journal is not None:
        env["PAINTRACK_JOURNAL"] = str(journal)
    return env


def spawn(journal: Path | None, *args: str | bytes, stdout=subprocess.PIPE, env: dict[str, str] | None = None,
          timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*PAINTRACK, *args], env=env or environment(journal), stdout=stdout,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=timeout)


@pytest.fixture
def p(paintrack):
    assert paintrack(*BASELINE_ARGS).code == 0
    assert paintrack("log", "5", "--date", "2026-11-20", "--note", "walked").code == 0
    return paintrack


# --- the save decides the exit status ------------------------------------------------------------


@pytest.mark.parametrize("args", [("list", "evidence"), ("report",), ("history",)])
def test_a_read_with_standard_output_closed_says_so(p, args):
    """Nothing saved and nowhere to print: one line on stderr, exit 1 (as with /dev/full)."""
    raw = p.bytes()
    r = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *PAINTRACK, *args], env=environment(p.journal),
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60)
    assert r.returncode == 1 and r.stderr.decode() == "paintrack: error: cannot write the output: standard output is closed\n"
    assert p.bytes() == raw


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ("evidence", "add", "pain moved to the other knee"),
    ("log", "4", "--date", "2026-11-21"),
    ("update", "--no-input", "--date", "2026-02-02", "--nrs", "6"),
    ("edit", "log", "2026-11-20", "--pain", "3"),
    ("delete", "log", "2026-11-20", "--yes"),
    ("undo", "--yes"),
])
def test_saved_then_the_summary_cannot_be_printed(p, args):
    before = len(p.data()["history"])
    with open("/dev/full", "w") as full:
        r = spawn(p.journal, *args, stdout=full)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "was saved, but its summary could not be shown (No space left on device)" in err
    assert "do not enter it again" in err and "Traceback" not in err
    assert len(p.data()["history"]) == before + 1  # saved once: nothing to retry, no duplicate


@pytest.mark.parametrize("args", [
    ("log", "4", "--date", "2026-11-22"),
    ("evidence", "add", "pain moved to the other knee"),
    ("edit", "log", "2026-11-20", "--pain", "3"),
    ("delete", "log", "2026-11-20", "--yes"),
    ("undo", "--yes"),
])
def test_saved_with_standard_output_closed(p, args):
    """`paintrack log 4 >&-`: Python starts with no stdout and typer.echo prints nothing, so the
    save would pass unseen; it is reported on stderr, exit 0, and the journal stays whole."""
    before = len(p.data()["history"])
    r = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *PAINTRACK, *args], env=environment(p.journal),
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert err.startswith("paintrack: warning: your ") and "was saved, but its summary could not be shown " \
        "(standard output is closed); do not enter it again" in err, err
    assert len(p.data()["history"]) == before + 1  # saved once, and the journal still loads


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
@pytest.mark.parametrize("args", [("report",), ("list",), ("history",), ("evidence",), ("--version",),
                                  ("list", "diary", "--format", "csv")])
def test_a_read_whose_output_cannot_be_written(p, args):
    raw = p.bytes()
    with open("/dev/full", "w") as full:
        r = spawn(p.journal, *args, stdout=full)
    err = r.stderr.decode()
    assert r.returncode == 1
    assert err.strip() == "paintrack: error: cannot write the output: No space left on device"
    assert p.bytes() == raw


def test_a_closed_pipe_is_quiet(p):
    proc = subprocess.Popen([*PAINTRACK, "report"], env=environment(p.journal), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader went away before paintrack wrote a byte
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == ""


def test_report_and_list_piped_into_head_are_quiet(paintrack, tmp_path):
    # a journal whose listing is far larger than a pipe's buffer (64 KiB)
    journal = json.loads(json.dumps({"schema_version": 2, "baseline": {"kind": "baseline", "date": "2020-01-06",
                                                                      "nrs": 7}, "updates": [], "history": []}))
    start = 18_400  # days since 1970-01-01: 2020-05-18
    from datetime import date, timedelta
    journal["diary"] = [{"date": (date(1970, 1, 1) + timedelta(days=start + i)).isoformat(), "pain": i % 11,
                         "note": "a note long enough to fill the pipe quickly " * 2} for i in range(1500)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(journal))
    for command in ("report", "list"):
        r = subprocess.run(f"{' '.join(PAINTRACK)} {command} | head -1", shell=True, env=environment(path),
                           capture_output=True, timeout=60)
        assert r.returncode == 0
        assert r.stdout.count(b"\n") == 1
        assert r.stderr == b"", r.stderr


# --- Ctrl-C ---------------------------------------------------------------------------------------


def _at_prompt(journal: Path, args: tuple[str, ...], prompt: bytes) -> tuple[subprocess.Popen, int]:
    """Start paintrack with a terminal as stdin; return once `prompt` is on its stdout."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*PAINTRACK, *args], env=environment(journal), stdin=slave, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    while prompt not in seen:
        assert time.monotonic() < deadline, seen
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            assert chunk, seen
            seen += chunk
    return proc, master


@pytest.mark.parametrize(("args", "prompt"), [
    (("evidence", "add"), b"What did you notice?"),
    (("undo",), b"Undo change 2"),
    (("delete", "log", "2026-11-20"), b"Delete the diary entry of 2026-11-20"),
])
@pytest.mark.parametrize("how", ["sigint", "eof"])
def test_ctrl_c_or_ctrl_d_at_a_prompt(p, args, prompt, how):
    raw = p.bytes()
    proc, master = _at_prompt(p.journal, args, prompt)
    try:
        if how == "sigint":
            proc.send_signal(signal.SIGINT)
        else:
            os.write(master, b"\x04")
        _, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
    assert proc.returncode == 130
    assert err.decode().strip() == "paintrack: stopped; nothing was saved"
    assert p.bytes() == raw


def test_ctrl_c_after_the_save_says_it_was_saved(p, monkeypatch):
    import paintrack.render.terminal.summaries as summaries

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(summaries, "update", interrupted)
    r = p("update", "--no-input", "--date", "2026-02-02", "--nrs", "6")
    assert r.code == 130
    assert r.err.strip() == "paintrack: stopped; your update was saved"
    assert p.data()["updates"][0]["nrs"] == 6


def test_ctrl_c_while_writing_waits_for_the_write(p, monkeypatch, capsys):
    """Under the console script's `main()`, a Ctrl-C that lands while the journal is being
    written is held until the write is done, then reported as saved."""
    from paintrack.cli import main
    from paintrack.storage.store import Store

    real_write = Store.write_bytes

    def write_interrupted(self, data):
        os.kill(os.getpid(), signal.SIGINT)  # delivered now, in the middle of the write
        time.sleep(0.01)
        real_write(self, data)

    monkeypatch.setattr(Store, "write_bytes", write_interrupted)
    for key, value in environment(p.journal).items():
        monkeypatch.setenv(key, value)
    before = signal.getsignal(signal.SIGINT)
    hook = sys.unraisablehook
    try:
        code = main(["log", "4", "--date", "2026-11-21"])
    finally:
        signal.signal(signal.SIGINT, before)
        sys.unraisablehook = hook
    assert code == 130
    assert capsys.readouterr().err.strip() == "paintrack: stopped; your diary entry was saved"
    assert [e["date"] for e in p.data()["diary"]] == ["2026-11-20", "2026-11-21"]


ALLOWED_BEFORE_MAIN = re.compile(r"(bin/paintrack|paintrack/__init__\.py|paintrack/cli/__init__\.py)$")  # the entry point


@pytest.mark.parametrize("args", [("report",), ("log", "PAIN", "--date", "2026-11-20", "--replace")])
def test_ctrl_c_during_start_up_never_shows_paintrack_traceback(p, args):
    """SIGINT at 40 moments over the command's start-up: exit 130 with one line, or the command finished. A
    traceback can only come from Python's own start-up, before paintrack's `main()` runs (the
    console script's first imports); never from paintrack's code."""
    stopped = 0
    # spread the signals over the command's own run time on this machine (a busy one starts slower)
    start = time.perf_counter()
    subprocess.run([*PAINTRACK, "--version"], env=environment(p.journal), capture_output=True, timeout=60)
    step = max(0.006, 1.6 * (time.perf_counter() - start) / 40)
    for i in range(40):
        raw = p.bytes()
        stored = next(e["pain"] for e in p.data()["diary"] if e["date"] == "2026-11-20")
        command = [a.replace("PAIN", str(2 if stored != 2 else 3)) for a in args]  # each log changes the entry
        proc = subprocess.Popen([*PAINTRACK, *command], env=environment(p.journal), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        time.sleep(i * step)
        proc.send_signal(signal.SIGINT)
        _, err_bytes = proc.communicate(timeout=60)
        err = err_bytes.decode()
        # Python's own handler (before paintrack's main() installs its own) may land in a
        # callback, where it is printed and lost; paintrack's handler never is
        assert "Exception ignored" not in err or "on_interrupt" not in err, err
        if "Traceback" in err:
            frames = re.findall(r'File "([^"]+)", line \d+, in (\S+)', err)
            ours = [f for f in frames if "paintrack" in f[0]]
            if "Exception ignored" in err:  # lost in a callback before main(): the command went on
                assert all(ALLOWED_BEFORE_MAIN.search(f) for f, _ in ours), err
                continue
            assert all(ALLOWED_BEFORE_MAIN.search(f) and where == "<module>" for f, where in ours), err
            if proc.returncode == 0 and not ours:
                # Python's own start-up printed and ignored it ("Failed checking if argv[0] is an
                # import path entry"): the command then ran to its end, as without a signal
                assert p.bytes() != raw if args[0] == "log" else p.bytes() == raw, err
                continue
            # Python's default: killed by the signal, or "Fatal Python error" (exit 1) in its site
            assert proc.returncode in (-signal.SIGINT, 1) and p.bytes() == raw, (proc.returncode, err)
            continue
        assert proc.returncode in (0, 130, -signal.SIGINT), err
        if proc.returncode == 130:
            stopped += 1
            said = err.strip().splitlines()[-1]
            if said == "paintrack: stopped; nothing was saved":
                assert p.bytes() == raw
            else:
                assert said == "paintrack: stopped; your diary entry was saved"
                assert p.bytes() != raw
        elif proc.returncode == 0 and args[0] == "log":
            assert p.bytes() != raw
        else:
            assert p.bytes() == raw or args[0] == "log"
    assert stopped >= 3  # the handler was reached, not only a finished or not-yet-started process


# --- usage errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "flag"), [
    (("update", "--no-input", "--date", "2026-02-02", "--nrs", "5", "--nrs", "9"), "--nrs"),
    (("update", "--no-input", "--date", "2026-02-02", "--nrs=5", "--nrs", "9"), "--nrs"),
    (("log", "5", "--mood", "3", "--mood", "4"), "--mood"),
    (("log", "5", "--date", "2026-11-21", "--date", "2026-11-22"), "--date"),
    (("evidence", "add", "x", "--category", "triggers", "--category", "other"), "--category"),
    (("list", "-f", "json", "--format", "csv"), "--format"),
    (("report", "--format", "json", "--format", "csv"), "--format"),
    (("history", "--last", "1", "--last", "2"), "--last"),
])
def test_a_scalar_flag_given_twice(p, args, flag):
    raw = p.bytes()
    r = p(*args)
    assert r.code == 2
    assert f"paintrack: error: {flag} is given twice" in r.err
    assert not re.search(r"(?<![\d-])[3459](?![\d-])", r.err), r.err  # neither value echoed
    assert p.bytes() == raw and r.out == ""


def test_the_journal_option_given_twice(p, tmp_path):
    r = spawn(None, "--journal", str(p.journal), "--journal", str(tmp_path / "other.json"), "log", "5")
    assert r.returncode == 2 and b"--journal is given twice" in r.stderr
    assert not (tmp_path / "other.json").exists()


def test_repeatable_flags_may_repeat(p):
    r = p("edit", "baseline", "--goal", "walk 30 minutes", "--goal", "carry shopping")
    assert r.code == 0, r.text
    assert p.data()["baseline"]["goals"] == ["walk 30 minutes", "carry shopping"]


@pytest.mark.parametrize(("args", "says"), [
    ((b"log", b"5", b"--note", b"caf\xe9"), b"the value of --note is not valid UTF-8"),
    ((b"log", b"5", b"--note=\xff"), b"argument 3 is not valid UTF-8"),
    ((b"evidence", b"add", b"\xff\xfe"), b"argument 3 is not valid UTF-8"),
    ((b"edit", b"log", b"2026-11-20", b"--note", b"\xc3"), b"the value of --note is not valid UTF-8"),
])
def test_arguments_that_are_not_utf8(p, args, says):
    raw = p.bytes()
    r = spawn(p.journal, *args)
    assert r.returncode == 2, r.stderr
    assert says in r.stderr and b"Traceback" not in r.stderr
    assert b"\xff" not in r.stderr and b"caf" not in r.stderr
    assert p.bytes() == raw


def test_a_journal_path_that_is_not_utf8(tmp_path):
    r = spawn(None, b"--journal", bytes(tmp_path) + b"/\xff.json", b"log", b"5")
    assert r.returncode == 2 and b"not valid UTF-8" in r.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_journal_option_is_a_usage_error(tmp_path, monkeypatch, capsys, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PAINTRACK_TODAY", TODAY)
    assert run(["--journal", value, "log", "5"]) == 2
    assert "--journal must not be empty" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_paintrack_journal_counts_as_unset(tmp_path):
    env = environment(None, PAINTRACK_JOURNAL="", XDG_DATA_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path / "home"))
    r = spawn(None, "log", "5", env=env)
    assert r.returncode == 0, r.stderr
    journal = tmp_path / "xdg" / "paintrack" / "journal.json"
    assert json.loads(journal.read_text())["diary"] == [{"date": TODAY, "pain": 5}]
    assert str(journal) in r.stderr.decode()  # "created your journal at …"


# --- no health value in an error message ------------------------------------------------------------


def _alone(value: str, message: str) -> bool:
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", message)
    return re.search(rf"(?<![\w.-]){re.escape(value)}(?![\w.])", text) is not None


@pytest.mark.parametrize(("args", "secret"), [
    (("update", "--no-input", "--nrs", "11"), "11"),
    (("update", "--no-input", "--nrs", "6", "--walk-m", "1234"), "1234"),
    (("update", "--no-input", "--nrs", "6", "--opioid-mme", "-77"), "-77"),
    (("update", "--no-input", "--nrs", "6", "--least", "8", "--worst", "9"), "8"),
    (("update", "--no-input", "--nrs", "6", "--goal-ability", "17"), "17"),
    (("update", "--no-input", "--nrs", "6", "--phq9", "9,9,9,9,9,9,9,9,9"), "9,9,9,9,9,9,9,9,9"),
    (("update", "--no-input", "--nrs", "6", "--note", "my secret\x01diagnosis"), "diagnosis"),
    (("log", "13"), "13"),
    (("log", "5", "--date", "2026-11-20"), "5"),  # the day's stored entry (pain 5) is not echoed
    (("log", "4", "--mood", "42"), "42"),
    (("log", "4", "--sleep-hours", "31.5"), "31.5"),
    (("log", "4", "--note", "hidden\x1b[2Jnote"), "hidden"),
    (("edit", "log", "2026-11-20", "--pain", "12"), "12"),
    (("edit", "log", "2026-11-20", "--note", "walked"), "walked"),  # unchanged: fine, and silent
    (("evidence", "add", "my private\x07words"), "private"),
    (("flags", "--assessed", "--note", "the doctor said\x00x"), "doctor"),
])
def test_error_messages_never_echo_health_values(p, args, secret):
    raw = p.bytes()
    r = p(*args)
    if r.code == 0:
        assert p.bytes() == raw  # the one command here that is not refused changes nothing
        return
    assert r.code == 2 or "already" in r.err, r.text
    assert not _alone(secret, r.err), r.err
    assert p.bytes() == raw


@pytest.mark.parametrize(("args", "says", "hint", "secret"), [
    (("log", "5", "--nrs", "3"), "No such option: --nrs", "paintrack log --help", "3"),
    (("log", "5", "--nrs=3"), "No such option: --nrs", "paintrack log --help", "3"),
    (("log", "4", "--note", "felt", "suicidal"), "unexpected extra arguments", "in quotes", "suicidal"),
    (("log", "4", "hopeless"), "unexpected extra arguments", "in quotes", "hopeless"),
    (("edit", "evidence", "1", "--text", "so", "alone"), "unexpected extra arguments", "in quotes", "alone"),
    (("list", "diary", "my-secret"), "unexpected extra arguments", "paintrack list --help", "my-secret"),
    (("history", "hopeless"), "unexpected extra arguments", "paintrack history --help", "hopeless"),
    (("log", "5", "-xhopeless"), "No such option: -x", "paintrack log --help", "hopeless"),
    (("evidence", "hopeless since Monday"), "no such command", "in quotes", "hopeless"),
    (("hopeless",), "no such command", "paintrack --help", "hopeless"),
    (("edit", "baseline", "--clear", "hopeless"), "--clear: the baseline has no such field", "--help", "hopeless"),
])
def test_usage_errors_never_echo_the_extra_arguments(p, args, says, hint, secret):
    raw = p.bytes()
    r = p(*args)
    assert r.code == 2, r.text
    assert r.err.startswith(f"paintrack: error: {says}\n") and hint in r.err, r.err
    assert secret not in r.err and "Got unexpected" not in r.err, r.err
    assert p.bytes() == raw


def test_a_bad_parameter_names_the_parameter_not_the_value():
    """click's own conversion errors ("'abc' is not a valid integer") are shown without the value
    (paintrack's parameters are all text it parses itself; this guards one added later)."""
    import typer

    from paintrack.cli.app import _click_exceptions, usage_error

    exceptions = _click_exceptions()
    tiny = typer.Typer()

    @tiny.command()
    def f(pain: int = typer.Option(..., "--pain")) -> None:  # pragma: no cover - never runs
        pass

    with pytest.raises(exceptions.BadParameter) as caught:
        typer.main.get_command(tiny).make_context("paintrack", ["--pain", "hopeless"])
    assert "hopeless" in caught.value.format_message()  # what click would have printed
    message, hint = usage_error(caught.value, exceptions)
    assert message == "invalid value for '--pain'" and "hopeless" not in message + hint


@pytest.mark.parametrize(("path", "value", "field"), [
    (("updates", 0, "nrs"), 42, "updates.0.nrs"),
    (("updates", 0, "nrs"), True, "updates.0.nrs"),
    (("updates", 0, "date"), 0, "updates.0.date"),
    (("diary", 0, "pain"), 77, "diary.0.pain"),
    (("diary", 0, "note"), 123456, "diary.0.note"),
    (("baseline", "walk_m"), 4321.5, "baseline.walk_m"),
])
def test_a_stored_value_out_of_place_is_named_not_shown(p, path, value, field):
    assert p("update", "--no-input", "--date", "2026-02-02", "--nrs", "6").code == 0
    data = p.data()
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    p.journal.write_text(json.dumps(data, indent=1))
    raw = p.bytes()
    for args in (("report",), ("list",), ("log", "3"), ("history",), ("edit", "log", "2026-11-20", "--pain", "2")):
        r = p(*args)
        assert r.code == 1, (args, r.text)
        assert field in r.err and str(p.journal) in r.err
        assert not _alone(str(value).lower(), r.err.lower()), r.err
        assert p.bytes() == raw
