"""`export --format json` and `import FILE --format json`: the whole panel, out and back in."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]


@pytest.fixture
def panel(mn: Run) -> None:
    """A small panel touching every table: history, a general parked item, a goal."""
    mn("add", "Dana Lee", "--kind", "formal", "--email", "dana@acme.example", "--org", "Acme",
       "--focus", "leadership,roadmaps", "--met", "2026-09-01", "--note", "Skip-level.\nKind.")
    mn("add", "Sam Wu", "--met", "2026-10-01", "--every", "6w")
    mn("log", "dana", "Talked about the reorg", "--on", "2026-11-10", "--topic", "org",
       "--feedback", "Say no more often", "--next", "2026-12-01")
    mn("log", "sam", "--via", "email", "--no-reply", "--on", "2026-11-12")
    mn("give", "sam", "Intro to Kim", "--kind", "intro", "--on", "2026-11-01")
    mn("got", "dana", "Reviewed my strategy doc", "--kind", "feedback", "--on", "2026-11-02")
    mn("park", "How do I grow a platform team?")
    mn("park", "dana", "Shipped the pricing page", "--as", "win")
    mn("todo", "add", "sam", "Send the deck", "--due", "2026-12-01")
    mn("goal", "add", "Become a group PM", "--by", "2027-06-30", "--focus", "leadership",
       "--mentor", "dana", "--mentor", "sam")
    mn("goal", "progress", "1", "Led the planning offsite")
    mn("snooze", "sam", "2026-12-10")


def _export(mn: Run, *args: str) -> str:
    return mn("export", "--format", "json", *args).stdout


def _use(monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    monkeypatch.setenv("MENTORNET_DB", db)


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_export_prints_valid_json_and_nothing_else(mn: Run, panel: None) -> None:
    result = mn("export", "--format", "json")
    document = json.loads(result.stdout)
    assert document["format"] == "mentornet"
    assert document["version"] == 1
    assert [p["name"] for p in document["people"]] == ["Dana Lee", "Sam Wu"]
    assert result.stderr == ""


def test_json_is_the_default_format(mn: Run, panel: None) -> None:
    assert mn("export").stdout == _export(mn)


def test_the_export_holds_every_kind_of_record(mn: Run, panel: None) -> None:
    document = json.loads(_export(mn))
    dana, sam = document["people"]
    assert dana["notes"] == "Skip-level.\nKind."
    assert dana["focus"] == ["leadership", "roadmaps"]
    assert dana["next_session"] == "2026-12-01"
    assert sam["snoozed_until"] == "2026-12-10"
    assert sam["cadence_days"] == 42
    assert dana["created_at"] == "2026-11-22T12:00:00+00:00"
    assert len(document["touchbases"]) == 4  # two first meetings, a log, an outreach
    outreach = document["touchbases"][-1]
    assert (outreach["answered"], outreach["channel"]) == (False, "email")
    assert {f["direction"] for f in document["favours"]} == {"give", "got"}
    general = [item for item in document["parked"] if item["person_id"] is None]
    assert [item["text"] for item in general] == ["How do I grow a platform team?"]
    assert document["followups"][0]["due"] == "2026-12-01"
    goal = document["goals"][0]
    assert goal["mentors"] == [1, 2]
    assert goal["progress"][0]["note"] == "Led the planning offsite"
    assert len(document["database"]) == 36  # the database's identity, a UUID


def test_two_exports_of_the_same_data_are_byte_identical(mn: Run, panel: None) -> None:
    assert _export(mn) == _export(mn)


def test_lists_are_ordered_by_id_and_keys_sorted(mn: Run, panel: None) -> None:
    text = _export(mn)
    document = json.loads(text)
    for section in ("people", "touchbases", "favours", "parked", "followups", "goals"):
        ids = [row["id"] for row in document[section]]
        assert ids == sorted(ids), section
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_importing_into_an_empty_database_restores_everything(
        mn: Run, another_db: Callable[[str], str],
        panel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = _export(mn)
    (tmp_path / "backup.json").write_text(original, encoding="utf-8")
    _use(monkeypatch, another_db("restored.db"))
    result = mn("import", str(tmp_path / "backup.json"))
    assert "Restored 2 people, 4 touch-bases, 2 favours, 2 parked items" in result.stdout
    assert _export(mn) == original


def test_merging_into_a_panel_matches_people_by_email_then_name(
        mn: Run, another_db: Callable[[str], str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example", "--met", "2026-09-01")
    mn("add", "Sam Wu", "--met", "2026-10-01", "--every", "6w")
    mn("log", "sam", "A coffee", "--on", "2026-11-12", "--via", "coffee")
    exported = tmp_path / "theirs.json"
    exported.write_text(_export(mn), encoding="utf-8")
    _use(monkeypatch, another_db("mine.db"))
    mn("add", "Dana Lee-Park", "--email", "DANA@acme.example", "--org", "Acme",
       "--met", "2026-09-01")
    mn("add", "sam  wu", "--met", "2026-10-01", "--no-meeting")
    mn("add", "Ana Ruiz")
    result = mn("import", str(exported))
    assert "Updated 1 person" in result.stdout
    assert "1 person already up to date" in result.stdout
    assert "= Dana Lee is Dana Lee-Park (#1 in the file; matched by email)" in result.stdout
    assert "~ sam wu (#2 in the file; matched by name): cadence days" in result.stdout
    people = json.loads(_export(mn))["people"]
    assert [p["name"] for p in people] == ["Dana Lee-Park", "sam wu", "Ana Ruiz"]
    assert people[0]["org"] == "Acme"  # kept: the stored value wins
    assert people[1]["cadence_days"] == 42  # filled: it was empty
    touchbases = json.loads(_export(mn))["touchbases"]
    assert sorted((t["person_id"], t["happened_on"]) for t in touchbases) == [
        (1, "2026-09-01"), (2, "2026-10-01"), (2, "2026-11-12")]


def test_a_panel_s_own_older_export_matches_people_by_id(
        mn: Run, panel: None, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(_export(mn), encoding="utf-8")
    mn("edit", "dana", "--name", "Dana Lee-Park", "--email", "dana@new.example")
    mn("log", "dana", "After the backup", "--on", "2026-11-20")
    result = mn("import", str(backup))
    assert "Nothing to change" in result.stdout
    assert "2 people already up to date" in result.stdout
    document = json.loads(_export(mn))
    assert [p["name"] for p in document["people"]] == ["Dana Lee-Park", "Sam Wu"]
    assert len(document["touchbases"]) == 5


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
        mn: Run, another_db: Callable[[str], str],
        panel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(_export(mn), encoding="utf-8")
    _use(monkeypatch, another_db("other.db"))
    mn("add", "Someone Else")
    mn("import", str(backup))
    once = _export(mn)
    mn("import", str(backup))
    assert _export(mn) == once


def test_namesakes_sharing_an_address_match_the_same_people_the_second_time(
        mn: Run, tmp_path: Path) -> None:
    """Five people of one name, two of them with the same address, merged into a panel:
    each record pairs with its own person again, so a second import changes nothing
    (the first of the two address holders was once matched twice, and a name match then
    paired the fifth record with someone else)."""
    def person(pid: int, email: str | None = None, closeness: int | None = None) -> dict:
        return {"id": pid, "name": "Ana", "kind": "formal", "status": "active",
                "focus": [], "email": email, "closeness": closeness,
                "created_at": "2026-01-01T00:00:00+00:00",
                "updated_at": "2026-01-01T00:00:00+00:00"}

    document = {"format": "mentornet", "version": 1,
                "database": "f728b4fa-4248-5e3a-0a5d-2f346baa9455",
                "people": [person(1), person(2, "ana@x.example"), person(3, "ana@x.example"),
                           person(4), person(5, closeness=1)],
                "touchbases": [], "favours": [], "parked": [], "followups": [], "goals": []}
    file = tmp_path / "theirs.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    mn("add", "Zed Example")  # a panel of its own: the file is merged, not restored
    mn("import", str(file))
    once = _export(mn)
    again = mn("import", str(file), "--dry-run")
    assert "Nothing to change" in again.stdout, again.stdout
    mn("import", str(file))
    assert _export(mn) == once


@pytest.mark.sqlite_only  # compares the SQLite file's bytes
def test_dry_run_shows_the_plan_and_writes_nothing(
        mn: Run, panel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(_export(mn), encoding="utf-8")
    target = tmp_path / "other.db"
    _use(monkeypatch, str(target))
    result = mn("import", str(backup), "--dry-run")
    assert "Would restore 2 people" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert not target.exists()
    mn("add", "Ana Ruiz")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    result = mn("import", str(backup), "--dry-run")
    assert "Would add 2 people" in result.stdout
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_undo_takes_back_a_whole_import(
        mn: Run, another_db: Callable[[str], str],
        panel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(_export(mn), encoding="utf-8")
    _use(monkeypatch, another_db("other.db"))
    mn("add", "Ana Ruiz", "--no-meeting")
    before = _export(mn)
    mn("import", str(backup))
    assert "Undid `import backup.json`" in mn("undo").stdout
    assert _export(mn) == before


def test_undo_takes_back_a_restore_identity_and_all(
        mn: Run, another_db: Callable[[str], str],
        panel: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(_export(mn), encoding="utf-8")
    _use(monkeypatch, another_db("fresh.db"))
    mn("add", "Temp", "--no-meeting")
    mn("undo")  # an empty panel with an identity of its own
    before = _export(mn)
    mn("import", str(backup))
    assert json.loads(_export(mn))["database"] == json.loads(backup.read_text())["database"]
    mn("undo")
    assert _export(mn) == before


@pytest.mark.parametrize(("content", "where", "what"), [
    ('{"format": "mentornet", "version": 1, "people": [', "line 1 column", "not valid JSON"),
    ('[1, 2, 3]', "file", "not a mentornet export"),
    ('{"format": "mentornet", "version": 9}', "version", "newer mentornet"),
    ('{"format": "mentornet", "version": 1, "people": [{"id": 1, "name": "A", '
     '"kind": "wizard"}]}', "people[0].kind", '"wizard" is not one of'),
    ('{"format": "mentornet", "version": 1, "people": [{"id": 1, "name": "A"}], '
     '"touchbases": [{"id": 1, "person_id": 7, "happened_on": "2026-01-01"}]}',
     "touchbases[0].person_id", "no person 7"),
    ('{"format": "mentornet", "version": 1, "people": [{"id": 1, "name": "A", '
     '"met_on": "03/03/2024"}]}', "people[0].met_on", "not a date"),
    ('{"format": "mentornet", "version": 1, "people": [{"id": 1, "name": "A"}, '
     '{"id": 1, "name": "B"}]}', "people", "id 1 is used 2 times"),
    ('{"format": "mentornet", "version": 1, "people": [{"id": 1, "name": "A", '
     '"emial": "a@b.c"}]}', "people[0].emial", "unknown field"),
])
def test_a_malformed_document_is_reported_with_where_and_nothing_is_written(
        mn: Run, tmp_path: Path, db_path: Path, content: str, where: str, what: str) -> None:
    mn("add", "Dana Lee")
    before = _export(mn)
    source = tmp_path / "broken.json"
    source.write_text(content, encoding="utf-8")
    result = mn("import", str(source), ok=False)
    assert result.exit_code == 1
    assert where in result.stderr
    assert what in result.stderr
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.output
    assert _export(mn) == before
    assert source.read_text(encoding="utf-8") == content


def test_every_problem_is_listed_not_just_the_first(mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "broken.json"
    source.write_text(json.dumps({"format": "mentornet", "version": 1, "people": [
        {"id": 1, "name": "A", "kind": "wizard"}, {"id": 2, "name": " ", "status": "gone"}]}))
    result = mn("import", str(source), ok=False)
    for where in ("people[0].kind", "people[1].name", "people[1].status"):
        assert f"  {where}:" in result.stderr


def test_an_empty_panel_exports_an_empty_document(mn: Run, db_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("undo")
    document = json.loads(_export(mn))
    assert document["people"] == []
    assert document["goals"] == []


def test_no_database_is_refused_not_exported_as_an_empty_panel(mn: Run, db_path: Path) -> None:
    result = mn("export", "--format", "json", ok=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"there is no database at '{db_path}', so nothing was exported" in result.stderr
    assert not db_path.parent.exists()  # exporting never creates the database


def test_export_out_writes_the_same_bytes_privately(
        mn: Run, panel: None, tmp_path: Path) -> None:
    target = tmp_path / "mentornet.json"
    result = mn("export", "--out", str(target))
    assert "Exported your panel as json" in result.stdout
    assert target.read_text(encoding="utf-8") == _export(mn)
    assert target.stat().st_mode & 0o777 == 0o600


def test_the_format_comes_from_the_out_suffix(mn: Run, panel: None, tmp_path: Path) -> None:
    mn("export", "--out", str(tmp_path / "people.csv"))
    assert (tmp_path / "people.csv").read_text(encoding="utf-8-sig").startswith("id,name,")


def test_an_unknown_format_is_a_clear_error(mn: Run) -> None:
    result = mn("export", "--format", "xml", ok=False)
    assert result.exit_code == 1
    assert "unknown export format 'xml'" in result.stderr


def test_an_import_that_changes_nothing_leaves_no_change_to_undo(
        mn: Run, panel: None, tmp_path: Path, db_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(_export(mn), encoding="utf-8")
    changes = _count(db_path, "change_log")
    assert "Nothing to change" in mn("import", str(backup)).stdout
    assert _count(db_path, "change_log") == changes
