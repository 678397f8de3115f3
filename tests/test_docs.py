"""Every command explains itself with an example, and the README keeps step with --help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from mentornet.cli.main import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> dict[str, object]:
    """Every runnable command by its full path: 'add', 'todo done', ..."""
    found: dict[str, object] = {}

    def walk(group: object, prefix: str) -> None:
        for name, command in getattr(group, "commands", {}).items():
            path = f"{prefix}{name}"
            if getattr(command, "commands", None):
                walk(command, f"{path} ")
            else:
                found[path] = command

    walk(typer.main.get_command(app), "")
    return found


def _groups() -> dict[str, object]:
    """Every command group by its full path: 'todo', 'goal', 'sync'."""
    found: dict[str, object] = {}

    def walk(group: object, prefix: str) -> None:
        for name, command in getattr(group, "commands", {}).items():
            if getattr(command, "commands", None):
                found[f"{prefix}{name}"] = command
                walk(command, f"{prefix}{name} ")

    walk(typer.main.get_command(app), "")
    return found


COMMANDS = _commands()
GROUPS = _groups()


@pytest.mark.parametrize("path", sorted(COMMANDS) + sorted(GROUPS))
def test_every_command_has_help_with_an_example(path: str) -> None:
    command = COMMANDS.get(path) or GROUPS[path]
    help_text = getattr(command, "help", None) or ""
    assert help_text.strip(), f"`mentornet {path}` has no help"
    assert "Example: mentornet " in help_text or "Example:\n" in help_text, path


def test_the_groups_are_found() -> None:
    assert {"todo", "goal", "sync"} <= set(GROUPS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_is_in_the_readme_reference(path: str) -> None:
    assert f"`mentornet {path}`" in README.read_text(), f"README lacks `mentornet {path}`"


def test_every_command_in_the_readme_reference_exists() -> None:
    text = README.read_text()
    named = set(re.findall(r"^#### `mentornet ([a-z ]+)`", text, flags=re.M))
    named |= set(re.findall(r", `mentornet ([a-z ]+)`", text))
    assert named, "the README's command reference is missing"
    assert named <= set(COMMANDS), named - set(COMMANDS)


def test_the_readme_opens_with_the_two_set_up_commands() -> None:
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README.read_text(), flags=re.S)
    first, second = blocks[0].strip(), blocks[1].strip()
    assert "\n" not in first
    assert "\n" not in second
    assert "pip install ." in first
    assert first.endswith("mentornet demo")
    assert "'.[test]'" in second
    assert second.endswith("pytest")
    ci = (README.parent / ".ci" / "run").read_text()
    assert second in ci, ".ci/run must run the README's test command"
