"""Correcting the record: edit and delete touch-bases, favours, parked items and follow-ups
by id, each one undoable change; deleting asks first."""

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
def panel(mn: Run) -> None:
    """Dana (formal) with touch-base #1, gave #1, got #2, parked #1 (hers) and #2 (for
    every formal mentor), follow-up #1."""
    mn("add", "Dana Lee", "--kind", "formal")
    mn("log", "dana", "Talked about the reorg", "--topic", "reorg", "--on", "2026-11-20")
    mn("give", "dana", "Intro to Priya", "--kind", "intro")
    mn("got", "dana", "Advice on the roadmap")
    mn("park", "dana", "How do I push back?")
    mn("park", "Ask about the offsite")
    mn("todo", "add", "dana", "Send the strategy doc")


def _show(mn: Run) -> dict:
    return json.loads(mn("show", "dana", "--json").stdout)  # type: ignore[attr-defined]


def _out(result: object) -> str:
    return str(getattr(result, "stdout", "")) + str(getattr(result, "stderr", ""))


def _editor(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    seen = tmp_path / "seen.txt"
    script = tmp_path / "fake-editor"
    script.write_text(f"#!{sys.executable}\nimport sys, pathlib\n"
                      f"p = pathlib.Path(sys.argv[-1])\n"
                      f"pathlib.Path({str(seen)!r}).write_text(p.read_text())\n"
                      f"p.write_text({body!r})\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    return seen


# Ids -----------------------------------------------------------------------------------

@pytest.mark.usefixtures("panel")
def test_show_and_json_give_the_ids_to_correct(mn: Run) -> None:
    page = mn("show", "dana").stdout  # type: ignore[attr-defined]
    history = page[page.index("History"):]
    assert history.splitlines()[1].split()[:2] == ["#", "date"]
    assert history.splitlines()[3].split()[0] == "1"
    favours = page[page.index("Favours"):]
    assert favours.splitlines()[1].split()[0] == "#"
    assert "#1 question: How do I push back?" in page
    data = _show(mn)
    assert all("id" in row for key in ("touchbases", "favours", "parked", "followups")
               for row in data[key])
    todo = json.loads(mn("todo", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert todo[0]["id"] == 1
    parked = json.loads(mn("park", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert [(p["id"], p["person"]) for p in parked] == [(1, "Dana Lee"), (2, None)]


# Touch-bases ---------------------------------------------------------------------------

@pytest.mark.usefixtures("panel")
def test_log_edit_corrects_a_touch_base_and_undo_takes_it_back(mn: Run) -> None:
    before = _show(mn)["touchbases"][0]
    out = mn("log", "edit", "1", "Talked about the reorg and the offsite", "--on",
             "2026-11-19", "--via", "call", "--topic", "offsite", "--feedback", "Be bolder")
    assert "Corrected touch-base #1 with Dana Lee (2026-11-19)" in out.stdout  # type: ignore[attr-defined]
    after = _show(mn)["touchbases"][0]
    assert (after["notes"], after["happened_on"], after["channel"], after["topics"],
            after["feedback"]) == ("Talked about the reorg and the offsite", "2026-11-19",
                                   "call", ["offsite"], "Be bolder")
    assert "log edit 1" in mn("undo").stdout  # type: ignore[attr-defined]
    assert _show(mn)["touchbases"][0] == before


@pytest.mark.usefixtures("panel")
def test_log_edit_takes_the_note_from_standard_input_or_the_editor(
        mn: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("log", "edit", "1", "-", input="It's \"fixed\"!\n")
    assert _show(mn)["touchbases"][0]["notes"] == "It's \"fixed\"!"
    seen = _editor(tmp_path, "Rewritten in the editor\n", monkeypatch)
    mn("log", "edit", "1", "--edit")
    assert seen.read_text().startswith("It's \"fixed\"!")  # opened on the note as it is
    assert _show(mn)["touchbases"][0]["notes"] == "Rewritten in the editor"


@pytest.mark.usefixtures("panel")
def test_log_edit_refuses_bad_input_and_writes_nothing(mn: Run) -> None:
    before = _show(mn)
    for args, said in ((["log", "edit", "1"], "nothing to change"),
                       (["log", "edit", "9", "x"], "there is no touch-base #9"),
                       (["log", "edit", "1", "--on", "2027-01-01"], "after today"),
                       (["log", "edit", "1", "--via", "pigeon"], "pigeon"),
                       (["log", "edit", "1", "--by", "them", "--no-reply"], "--replied")):
        result = mn(*args, ok=False)
        assert result.exit_code == 1, args  # type: ignore[attr-defined]
        assert said in _out(result), (args, _out(result))
        assert "Traceback" not in _out(result)
    assert _show(mn) == before


@pytest.mark.usefixtures("panel")
def test_log_delete_needs_a_yes_and_undo_brings_it_back(mn: Run) -> None:
    refused = mn("log", "delete", "1", ok=False)
    assert refused.exit_code == 1  # type: ignore[attr-defined]
    assert "--yes" in _out(refused)
    assert "Talked about" not in _out(refused)  # notes never in errors
    assert len(_show(mn)["touchbases"]) == 1
    out = mn("log", "delete", "1", "--yes").stdout  # type: ignore[attr-defined]
    assert "Deleted the touch-base #1 with Dana Lee on 2026-11-20" in out
    assert _show(mn)["touchbases"] == []
    mn("undo")
    assert [t["notes"] for t in _show(mn)["touchbases"]] == ["Talked about the reorg"]


@pytest.mark.usefixtures("panel")
def test_deleting_on_a_terminal_asks_first(mn: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentornet.cli import writing

    monkeypatch.setattr(writing, "on_terminal", lambda: True)
    kept = mn("log", "delete", "1", input="n\n", ok=False)
    assert kept.exit_code == 1  # type: ignore[attr-defined]
    assert "Delete the touch-base #1" in kept.stdout  # type: ignore[attr-defined]
    assert len(_show(mn)["touchbases"]) == 1
    mn("log", "delete", "1", input="y\n")
    assert _show(mn)["touchbases"] == []


def test_a_person_called_edit_is_still_loggable(mn: Run) -> None:
    mn("add", "Edit")
    mn("add", "Delete Jones")
    mn("log", "edit", "Coffee with Edit")  # not an id: a touch-base with Edit
    mn("log", "Edit", "3")  # capitalised, as names are: Edit again
    mn("log", "--", "edit", "12")  # `--`: whatever follows is a name and a note
    mn("log", "delete", "Lunch")  # "delete" finds Delete Jones
    notes = json.loads(mn("show", "Edit", "--json").stdout)["touchbases"]  # type: ignore[attr-defined]
    assert sorted(t["notes"] for t in notes) == ["12", "3", "Coffee with Edit"]
    jones = json.loads(mn("show", "Delete", "--json").stdout)["touchbases"]  # type: ignore[attr-defined]
    assert [t["notes"] for t in jones] == ["Lunch"]
    mn("park", "--", "edit", "7")
    mn("add", "List Smith")
    mn("park", "--", "List", "A question for List")
    mn("give", "--", "edit", "2")
    mn("got", "edit", "An intro")
    assert len(json.loads(mn("show", "Edit", "--json").stdout)["favours"]) == 2  # type: ignore[attr-defined]


def test_the_startup_router_names_the_correction_command() -> None:
    from mentornet.cli.main import _command_word

    assert _command_word(["log", "edit", "12"]) == "log edit"
    assert _command_word(["--db", "x.db", "park", "list"]) == "park list"
    assert _command_word(["log", "edit", "Coffee"]) == "log"
    assert _command_word(["log", "--", "edit", "12"]) == "log"
    assert _command_word(["give", "delete", "#3", "--yes"]) == "give delete"


# Favours -------------------------------------------------------------------------------

@pytest.mark.usefixtures("panel")
def test_give_and_got_edit_and_delete_and_undo(mn: Run) -> None:
    before = _show(mn)["favours"]
    mn("give", "edit", "1", "Intro to Priya and Sam", "--on", "2026-11-21")
    mn("got", "edit", "2", "--kind", "perspective")
    by_id = {f["id"]: f for f in _show(mn)["favours"]}
    assert (by_id[1]["description"], by_id[1]["happened_on"]) == ("Intro to Priya and Sam",
                                                                  "2026-11-21")
    assert by_id[2]["kind"] == "perspective"
    mn("undo")
    mn("undo")
    assert _show(mn)["favours"] == before
    mn("got", "delete", "2", "--yes")
    mn("give", "delete", "1", "-y")
    assert _show(mn)["favours"] == []
    mn("undo")
    mn("undo")
    assert _show(mn)["favours"] == before


@pytest.mark.usefixtures("panel")
def test_a_favour_is_corrected_by_its_own_direction(mn: Run) -> None:
    wrong = mn("give", "edit", "2", "--kind", "intro", ok=False)
    assert wrong.exit_code == 1  # type: ignore[attr-defined]
    assert "favour #2 is one you got: use mentornet got edit 2" in _out(wrong)
    assert mn("got", "delete", "1", "--yes", ok=False).exit_code == 1  # type: ignore[attr-defined]
    empty = mn("give", "edit", "1", "  ", ok=False)
    assert "empty" in _out(empty)
    assert len(_show(mn)["favours"]) == 2


# Parked items --------------------------------------------------------------------------

@pytest.mark.usefixtures("panel")
def test_park_list_edit_drop_and_undo(mn: Run) -> None:
    listed = mn("park", "list").stdout  # type: ignore[attr-defined]
    assert "How do I push back?" in listed
    assert "every formal mentor" in listed
    mn("add", "Sam Roe")  # informal: nothing parked for every formal mentor is his
    assert "Nothing parked" in mn("park", "list", "sam").stdout  # type: ignore[attr-defined]
    mn("park", "edit", "1", "How do I push back on Q3?", "--as", "challenge")
    item = {p["id"]: p for p in _show(mn)["parked"]}[1]
    assert (item["text"], item["kind"]) == ("How do I push back on Q3?", "challenge")
    mn("undo")
    assert {p["id"]: p for p in _show(mn)["parked"]}[1]["text"] == "How do I push back?"
    mn("park", "drop", "2", "--yes")
    assert [p["id"] for p in _show(mn)["parked"]] == [1]
    mn("undo")
    assert sorted(p["id"] for p in _show(mn)["parked"]) == [1, 2]
    mn("log", "dana", "Went through them", "--discussed", "1")
    assert "discussed" not in mn("park", "list").stdout  # type: ignore[attr-defined]
    assert "discussed 2026-11-22" in mn("park", "list", "--all").stdout  # type: ignore[attr-defined]


# Follow-ups ----------------------------------------------------------------------------

@pytest.mark.usefixtures("panel")
def test_todo_edit_drop_and_undo(mn: Run) -> None:
    mn("todo", "edit", "1", "Send the strategy doc and notes", "--due", "friday")
    [item] = json.loads(mn("todo", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert (item["text"], item["due"]) == ("Send the strategy doc and notes", "2026-11-27")
    mn("todo", "edit", "1", "--due", "none")
    assert json.loads(mn("todo", "list", "--json").stdout)[0]["due"] is None  # type: ignore[attr-defined]
    past = mn("todo", "edit", "1", "--due", "2026-01-01", ok=False)
    assert past.exit_code == 1  # type: ignore[attr-defined]
    mn("undo")
    mn("undo")
    [item] = json.loads(mn("todo", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert (item["text"], item["due"]) == ("Send the strategy doc", None)
    assert mn("todo", "drop", "1", ok=False).exit_code == 1  # type: ignore[attr-defined]
    mn("todo", "drop", "1", "--yes")
    assert json.loads(mn("todo", "list", "--all", "--json").stdout) == []  # type: ignore[attr-defined]
    mn("undo")
    assert len(json.loads(mn("todo", "list", "--json").stdout)) == 1  # type: ignore[attr-defined]
    gone = mn("todo", "edit", "5", "x", ok=False)
    assert "there is no follow-up #5" in _out(gone)


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("command", [("log", "edit"), ("log", "delete"), ("give", "edit"),
                                     ("got", "delete"), ("park", "drop"), ("todo", "drop")])
def test_an_id_too_big_for_any_record_is_not_found_not_a_crash(mn: Run, command: tuple) -> None:
    huge = "99999999999999999999999"
    extra = ["new text"] if command[1] == "edit" else ["--yes"]
    result = mn(*command, huge, *extra, ok=False)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert f"#{huge}" in _out(result)
    assert "Traceback" not in _out(result)
