"""The benchmarks time commands in a home folder of their own, never the real one.

A write on a PostgreSQL store takes the day's backup in the user data folder; the
benchmark's commands must leave the user's own folders alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_scripts import load

FOLDERS = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def _inside(env: dict[str, str], scratch: Path) -> None:
    for name in FOLDERS:
        folder = Path(env[name])
        assert folder.is_relative_to(scratch), name
        assert folder.is_dir(), name


@pytest.mark.parametrize("name", ["imports", "sync"])
def test_the_import_and_sync_benchmarks_run_in_a_home_of_their_own(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/somewhere/real")
    env = load(name).environment(tmp_path / "panel.db", tmp_path)
    _inside(env, tmp_path)


def test_the_command_benchmark_runs_in_a_home_of_their_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/somewhere/real")
    run = load("run")
    env = run.environment(run.Case("a write", ["true"], "copy"), {}, tmp_path)
    _inside(env, tmp_path)
    assert Path(env["MENTORNET_DB"]).is_relative_to(tmp_path)
