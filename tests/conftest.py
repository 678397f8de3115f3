"""Every test runs against a temporary database, a fixed today, and a plain 100-column terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

TODAY = "2026-11-22"  # a Sunday


@pytest.fixture(autouse=True)
def env_setup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point mentornet at a temporary database and config; never the real home directory."""
    db = tmp_path / "data" / "mentornet.db"
    monkeypatch.setenv("MENTORNET_DB", str(db))
    monkeypatch.setenv("MENTORNET_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("MENTORNET_TODAY", TODAY)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return db


@pytest.fixture
def db_path(env_setup: Path) -> Path:
    return env_setup


@pytest.fixture
def mn() -> Callable[..., object]:
    """Run a mentornet command in-process: mn("add", "Dana Lee", today="2026-01-05")."""
    from mentornet.cli.main import app

    runner = CliRunner()

    def run(*args: str, today: str | None = None, ok: bool = True, input: str | None = None):
        env = {"MENTORNET_TODAY": today} if today else None
        result = runner.invoke(app, list(args), env=env, input=input)
        if ok:
            assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    return run
