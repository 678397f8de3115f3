"""The README's examples are the commands' current output on the demo data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def demo_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each example's command run on a demo built as the README says (today 2026-11-22)."""
    from typer.testing import CliRunner

    from mentornet.cli.main import app

    folder = tmp_path_factory.mktemp("demo")
    env = {"MENTORNET_TODAY": "2026-11-22", "MENTORNET_DB": str(folder / "mine.db"),
           "MENTORNET_CONFIG": str(folder / "config.toml"), "COLUMNS": "100",
           "NO_COLOR": "1", "TERM": "dumb", "HOME": str(folder)}
    runner = CliRunner()
    demo = folder / "demo.db"
    assert runner.invoke(app, ["demo", "--demo-db", str(demo)], env=env).exit_code == 0
    found = {}
    for command in ("prep dana", "ask priya", "update sam", "thanks dana"):
        result = runner.invoke(app, ["--db", str(demo), *command.split()], env=env)
        assert result.exit_code == 0, (command, result.stderr)
        found[command] = result.stdout
    return found


@pytest.mark.parametrize("command", ["prep dana", "ask priya", "update sam", "thanks dana"])
def test_the_readme_example_is_the_current_output(demo_outputs: dict[str, str],
                                                   command: str) -> None:
    block = f"```markdown\n{demo_outputs[command].rstrip()}\n```"
    assert block in README.read_text(), (
        f"the README's example of `mentornet {command}` is not its output on the demo "
        "data: regenerate it as the README says")


def test_the_demo_tour_shows_an_ask_and_an_update(mn: Callable[..., Any],
                                                  tmp_path: Path) -> None:
    out = mn("demo", "--demo-db", str(tmp_path / "demo.db")).stdout
    assert "$ mentornet ask priya" in out
    assert "Subject: A question" in out
    assert "$ mentornet update sam" in out
    assert "Subject: A quick update from me" in out
