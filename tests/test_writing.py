"""Writing comfortably: `-` reads standard input, --edit opens the editor, show --full."""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., object]


@pytest.fixture
def dana(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("goal", "add", "Lead a team", "--mentor", "dana")


def _show(mn: Run) -> dict:
    return json.loads(mn("show", "dana", "--json").stdout)  # type: ignore[attr-defined]


def _editor(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch,
            variable: str = "EDITOR") -> Path:
    """A fake editor: records the file it was given, then writes `body` into it."""
    seen = tmp_path / "seen.txt"
    script = tmp_path / "fake-editor"
    script.write_text(f"#!{sys.executable}\nimport sys, pathlib\n"
                      f"p = pathlib.Path(sys.argv[-1])\n"
                      f"pathlib.Path({str(seen)!r}).write_text(p.read_text())\n"
                      f"p.write_text({body!r})\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv(variable, f"{script} --wait")
    return seen


NOTE = "It's \"done\"!\nSecond line: $HOME and `backticks`"


@pytest.mark.usefixtures("dana")
def test_a_dash_reads_the_note_from_standard_input(mn: Run) -> None:
    mn("log", "dana", "-", input=NOTE + "\n")
    mn("give", "dana", "-", input="An intro to Priya\n")
    mn("got", "dana", "-", input="Advice\n")
    mn("park", "dana", "-", input="What about the reorg?\n")
    mn("todo", "add", "dana", "-", input="Send the deck\n")
    mn("goal", "progress", "1", "-", input="Ran a hiring loop\n")
    shown = _show(mn)
    assert shown["touchbases"][0]["notes"] == NOTE
    assert sorted(f["description"] for f in shown["favours"]) == ["Advice", "An intro to Priya"]
    assert [p["text"] for p in shown["parked"]] == ["What about the reorg?"]
    assert [f["text"] for f in shown["followups"]] == ["Send the deck"]


@pytest.mark.usefixtures("dana")
def test_empty_standard_input_writes_nothing(mn: Run) -> None:
    result = mn("log", "dana", "-", input="  \n", ok=False)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "nothing written" in result.output  # type: ignore[attr-defined]
    assert _show(mn)["touchbases"] == []


@pytest.mark.usefixtures("dana")
def test_edit_opens_the_editor_with_a_template_and_takes_what_is_saved(
        mn: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _editor(tmp_path, "# a comment left out\nTalked about the reorg\nand hiring\n",
                   monkeypatch, variable="VISUAL")
    mn("log", "dana", "--edit", "--on", "yesterday")
    template = seen.read_text()
    assert "# What you talked about with dana on 2026-11-21." in template
    assert "Save an empty text to write nothing" in template
    assert _show(mn)["touchbases"][0]["notes"] == "Talked about the reorg\nand hiring"
    mn("give", "dana", "draft", "--edit")
    assert seen.read_text().startswith("draft\n")  # the text given is the starting point
    mn("todo", "add", "dana", "x", "--edit")
    mn("goal", "progress", "1", "x", "--edit")
    shown = _show(mn)
    assert shown["favours"][0]["description"] == "Talked about the reorg\nand hiring"
    assert shown["followups"][0]["text"] == "Talked about the reorg\nand hiring"


@pytest.mark.usefixtures("dana")
def test_an_empty_editor_writes_nothing(mn: Run, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, "# only comments\n\n", monkeypatch)
    result = mn("log", "dana", "--edit", ok=False)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "nothing written: the note was left empty" in result.output  # type: ignore[attr-defined]
    assert _show(mn)["touchbases"] == []


@pytest.mark.usefixtures("dana")
def test_a_missing_note_on_a_terminal_opens_the_editor(mn: Run, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from mentornet.cli import writing

    _editor(tmp_path, "Coffee chat\n", monkeypatch)
    monkeypatch.setattr(writing, "on_terminal", lambda: True)
    mn("log", "dana")
    assert _show(mn)["touchbases"][0]["notes"] == "Coffee chat"
    monkeypatch.setattr(writing, "on_terminal", lambda: False)
    mn("log", "dana", "--via", "call")  # in a script, no note is fine
    assert _show(mn)["touchbases"][0]["notes"] is None


@pytest.mark.usefixtures("dana")
def test_edit_without_an_editor_says_what_to_set(mn: Run,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = mn("log", "dana", "--edit", ok=False)
    assert "set $VISUAL or $EDITOR" in result.output  # type: ignore[attr-defined]
    assert _show(mn)["touchbases"] == []


@pytest.mark.usefixtures("dana")
def test_show_full_prints_notes_whole(mn: Run) -> None:
    long = "word " * 60 + "THE-END"
    mn("log", "dana", long)
    assert "THE-END" not in mn("show", "dana").stdout  # type: ignore[attr-defined]
    full = mn("show", "dana", "--full").stdout  # type: ignore[attr-defined]
    assert "THE-END" in full
    assert " ".join(full.split()).count("word") >= 60


@pytest.mark.usefixtures("dana")
def test_park_and_goal_add_take_their_text_from_the_editor_or_standard_input(
        mn: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _editor(tmp_path, "# left out\nHow do I say no?\n", monkeypatch)
    mn("park", "dana", "--edit", "--as", "challenge")
    assert "# What to bring up with dana (challenge)." in seen.read_text()
    assert [(p["text"], p["kind"]) for p in _show(mn)["parked"]] == [
        ("How do I say no?", "challenge")]
    out = mn("park", "A draft question", "--edit").stdout  # type: ignore[attr-defined]
    assert "for every formal mentor" in out
    assert seen.read_text().startswith("A draft question\n")
    mn("goal", "add", "--edit", "--mentor", "dana")
    mn("goal", "add", "-", input="Speak at a conference\n")
    goals = json.loads(mn("goal", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert [g["text"] for g in goals][-2:] == ["How do I say no?", "Speak at a conference"]


@pytest.mark.usefixtures("dana")
def test_park_and_goal_add_with_nothing_to_write_write_nothing(
        mn: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (("park",), ("goal", "add")):
        result = mn(*args, ok=False)
        assert result.exit_code == 1  # type: ignore[attr-defined]
        assert "--edit to write it in your editor" in result.output  # type: ignore[attr-defined]
    _editor(tmp_path, "# nothing\n", monkeypatch)
    for args in (("park", "dana", "--edit"), ("goal", "add", "--edit")):
        result = mn(*args, ok=False)
        assert "nothing written" in result.output  # type: ignore[attr-defined]
    result = mn("goal", "add", "-", input="\n", ok=False)
    assert "nothing written" in result.output  # type: ignore[attr-defined]
    assert _show(mn)["parked"] == []
    goals = json.loads(mn("goal", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert [g["text"] for g in goals] == ["Lead a team"]


def test_add_and_edit_read_a_note_of_dash_from_standard_input(mn: Run) -> None:
    mn("add", "Dana Lee", "--note", "-", input=NOTE + "\n")
    assert _show(mn)["notes"] == NOTE
    mn("edit", "dana", "--note", "-", input="Prefers mornings\n")
    assert _show(mn)["notes"] == "Prefers mornings"
    result = mn("edit", "dana", "--note", "-", input="\n", ok=False)
    assert "nothing written" in result.output  # type: ignore[attr-defined]
    assert _show(mn)["notes"] == "Prefers mornings"
