"""`paintrack completion bash|zsh|fish`: the script it prints works (run through the shell's own
mechanism: the script calls paintrack with _PAINTRACK_COMPLETE and the words typed so far)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_PAINTRACK", "COMP_", "_TYPER"))}
    env.update(PAINTRACK_JOURNAL=str(tmp_path / "never" / "journal.json"), NO_COLOR="1", **extra)
    return env


def _paintrack(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "paintrack", *args], env=_env(tmp_path, **env),
                          capture_output=True, text=True, timeout=60)


def _complete_bash(tmp_path: Path, words: str, cword: int) -> list[str]:
    r = _paintrack(tmp_path, COMP_WORDS=words, COMP_CWORD=str(cword), _PAINTRACK_COMPLETE="complete_bash")
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_bash_mechanism_offers_commands_and_options(tmp_path: Path) -> None:
    assert _complete_bash(tmp_path, "paintrack rep", 1) == ["report"]
    assert set(_complete_bash(tmp_path, "paintrack ", 1)) >= {
        "demo", "baseline", "update", "log", "evidence", "plan", "flags", "report", "list", "edit", "delete",
        "undo", "history", "doctor", "completion"}
    assert "--calendar" in _complete_bash(tmp_path, "paintrack plan --ca", 2)
    assert _complete_bash(tmp_path, "paintrack --journal x.json rep", 3) == ["report"]
    assert "--sleep-interference" in _complete_bash(tmp_path, "paintrack update --sleep", 2)
    assert not (tmp_path / "never").exists()  # completing never creates or reads a journal


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_printed_bash_script_completes_in_bash(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "paintrack"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m paintrack "$@"\n')
    shim.chmod(0o755)
    script = (
        'source <(paintrack completion bash)\n'
        'complete -p paintrack\n'
        'COMP_WORDS=(paintrack rep); COMP_CWORD=1; _paintrack_completion paintrack\n'
        'printf "got:%s\\n" "${COMPREPLY[@]}"\n'
        'COMP_WORDS=(paintrack report --fo); COMP_CWORD=2; _paintrack_completion paintrack\n'
        'printf "got:%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = _env(tmp_path, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    r = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert "complete -o default -F _paintrack_completion paintrack" in r.stdout
    got = [line[4:] for line in r.stdout.splitlines() if line.startswith("got:")]
    assert got[0] == "report"
    assert "--format" in got[1:]


def test_zsh_and_fish_scripts_and_mechanisms(tmp_path: Path) -> None:
    zsh = _paintrack(tmp_path, "completion", "zsh")
    assert zsh.returncode == 0
    assert zsh.stdout.startswith("#compdef paintrack") and "compdef _paintrack_completion paintrack" in zsh.stdout
    r = _paintrack(tmp_path, _TYPER_COMPLETE_ARGS="paintrack rep", _PAINTRACK_COMPLETE="complete_zsh")
    assert r.returncode == 0 and '"report"' in r.stdout
    fish = _paintrack(tmp_path, "completion", "fish")
    assert fish.returncode == 0 and fish.stdout.startswith("complete --command paintrack")
    r = _paintrack(tmp_path, _TYPER_COMPLETE_ARGS="paintrack rep", _TYPER_COMPLETE_FISH_ACTION="get-args",
                   _PAINTRACK_COMPLETE="complete_fish")
    assert r.returncode == 0 and r.stdout.split("\t")[0] == "report"


def test_the_bash_script_is_printed_whole(paintrack) -> None:
    r = paintrack("completion", "BASH")
    assert r.code == 0
    assert "_PAINTRACK_COMPLETE=complete_bash" in r.out
    assert r.out.rstrip().endswith("complete -o default -F _paintrack_completion paintrack")


@pytest.mark.parametrize("shell", ["tcsh", "powershell", ""])
def test_other_shells_are_refused(paintrack, shell: str) -> None:
    r = paintrack("completion", shell)
    assert r.code == 2
    assert "SHELL must be bash, zsh or fish" in r.err


def test_start_up_does_not_pay_for_completion(tmp_path: Path) -> None:
    """Typer's --install-completion is off: a command does not import the completion machinery."""
    code = ("import sys; from paintrack.cli.app import run; "
            "code = run(['log', '--no-input', '4']); "
            "print(code, 'paintrack.cli.completion' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path, PAINTRACK_TODAY="2026-11-23"),
                       capture_output=True, text=True, timeout=60)
    assert r.stdout.splitlines()[-1].split() == ["0", "False"], r.stderr
    r = _paintrack(tmp_path, "--help")
    assert "--install-completion" not in r.stdout and "--show-completion" not in r.stdout
