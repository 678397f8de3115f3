"""Dates stay in 1900-01-01..2199-12-31 wherever they come in; a value already stored out
of that range, or unreadable, in any date or JSON column never breaks a read: the record
is left out of the arithmetic, `export` still gets the data out, and `doctor` names it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mentornet.cli.main import app

# Every date and JSON column, with the row the panel below gives it.
DATE_COLUMNS = [("person", "met_on"), ("person", "snoozed_until"),
                ("person", "next_session"), ("touchbase", "happened_on"),
                ("favour", "happened_on"), ("parked_item", "parked_on"),
                ("parked_item", "discussed_on"), ("followup", "created_on"),
                ("followup", "due"), ("followup", "done_on"), ("goal", "created_on"),
                ("goal", "target"), ("goal", "closed_on"), ("goal_progress", "noted_on")]
JSON_COLUMNS = [("person", "focus"), ("touchbase", "topics"), ("goal", "focus")]
COMMANDS = [("due",), ("due", "--brief"), ("due", "--all"), ("due", "--json"),
            ("due", "--explain", "#1"), ("review",), ("review", "--json"), ("show", "#1"),
            ("show", "#1", "--json"), ("list",), ("list", "--json"), ("prep", "#1"),
            ("prep", "#1", "--json"), ("todo", "list", "--all"), ("goal", "list"),
            ("export", "--format", "json"), ("export", "--format", "csv"),
            ("export", "--format", "vcard"), ("export", "--format", "ics"), ("doctor",)]


def _run(*args: str, ok: bool = True):
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, result.exception, result.output)
    assert "Traceback" not in result.output
    if ok:
        assert result.exit_code == 0, (args, result.output)
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A panel with a row in every table, built once through the CLI."""
    folder = tmp_path_factory.mktemp("template")
    db = folder / "mentornet.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORNET_DB", str(db))
        patch.setenv("MENTORNET_TODAY", "2026-11-22")
        patch.setenv("MENTORNET_CONFIG", str(folder / "none.toml"))
        for args in (("add", "Dana Lee", "--kind", "formal", "--focus", "leadership",
                      "--met", "2025-01-10"),
                     ("add", "Sam Wu", "--every", "2w"),
                     ("log", "dana", "Roadmap", "--topic", "pricing", "--next", "in 2 weeks"),
                     ("give", "dana", "Intro to Mei"), ("park", "dana", "A win", "--as", "win"),
                     ("park", "dana", "Discussed"), ("log", "dana", "Again", "--discussed", "2"),
                     ("todo", "add", "dana", "Send the memo", "--due", "friday"),
                     ("todo", "add", "dana", "Done one"), ("todo", "done", "2"),
                     ("goal", "add", "Lead a team", "--mentor", "dana", "--by",
                      "2027-06-01", "--focus", "leadership"),
                     ("goal", "progress", "1", "Acting lead"), ("goal", "add", "Closed one"),
                     ("goal", "done", "2"), ("snooze", "sam", "in 3 weeks")):
            result = CliRunner().invoke(app, list(args))
            assert result.exit_code == 0, (args, result.output)
    return db


def _plant(db: Path, table: str, column: str, value: object) -> int:
    """Write `value` straight into the file, as another program would; the row's id."""
    conn = sqlite3.connect(db)
    try:
        row_id = conn.execute(f"SELECT min(id) FROM {table}").fetchone()[0]
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))
        conn.commit()
    finally:
        conn.close()
    return int(row_id)


def _fits(value: object) -> bool:
    try:
        return date(1900, 1, 1) <= date.fromisoformat(str(value)) <= date(2199, 12, 31)
    except ValueError:
        return False


STORED_DATES = st.one_of(
    st.dates().map(date.isoformat),  # date.min to date.max
    st.sampled_from(["", "2026-02-30", "2026-13-01", "yesterday", "0000-00-00", "9999-12-31",
                     "2026-11-22T10:00:00", "20261122", "-1", "NaN"]),
    st.text(max_size=12), st.integers(-2**63, 2**63 - 1), st.binary(max_size=8))
STORED_JSON = st.one_of(
    st.sampled_from(["", "[", "{}", "null", "3", '"text"', "[1, 2]", '[["a"]]', '{"a": 1}',
                     "[null]", '["ok", 3]']),
    st.text(max_size=12), st.integers(-2**63, 2**63 - 1), st.binary(max_size=8),
    st.lists(st.text(max_size=5), max_size=3).map(json.dumps))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(DATE_COLUMNS + JSON_COLUMNS), data=st.data())
def test_a_stored_value_never_breaks_a_read(template: Path, db_path: Path, where,
                                            data) -> None:
    table, column = where
    strategy = STORED_JSON if where in JSON_COLUMNS else STORED_DATES
    value = data.draw(strategy, label="stored value")
    db_path.parent.mkdir(exist_ok=True)
    shutil.copyfile(template, db_path)
    db_path.chmod(0o600)
    for leftover in db_path.parent.glob("*-journal"):
        leftover.unlink()
    row_id = _plant(db_path, table, column, value)
    for args in COMMANDS:
        _run(*args, ok=args != ("doctor",))
    assert json.loads(_run("export").stdout)["format"] == "mentornet"
    report = _run("doctor", ok=False)
    readable = (value is None or (where in JSON_COLUMNS and _json_ok(value))
                or (where in DATE_COLUMNS and _fits(value)))
    if not readable:
        assert report.exit_code == 1, report.output
        assert f"#{row_id}" in report.output
        assert column in report.output


def _json_ok(value: object) -> bool:
    try:
        found = json.loads(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return isinstance(found, list) and all(isinstance(item, str) for item in found)


def test_an_unreadable_date_is_shown_as_stored_and_left_out(template: Path,
                                                            db_path: Path) -> None:
    db_path.parent.mkdir(exist_ok=True)
    shutil.copyfile(template, db_path)
    db_path.chmod(0o600)
    tb = _plant(db_path, "touchbase", "happened_on", "9999-12-31")
    _plant(db_path, "person", "next_session", "2026-13-45")
    shown = _run("show", "dana").stdout
    assert "9999-12-31" in shown
    assert "2026-13-45" in shown
    assert "mentornet doctor" in shown
    report = _run("doctor", ok=False)
    assert f"touch-base #{tb}" in report.stdout
    assert "'9999-12-31'" in report.stdout
    exported = json.loads(_run("export").stdout)
    assert "9999-12-31" in [t["happened_on"] for t in exported["touchbases"]]
    assert _run("due").exit_code == 0


# Dates coming in ------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("add", "Dana Lee", "--met", "9999-12-31"), ("add", "Dana Lee", "--met", "1899-12-31"),
    ("add", "Dana Lee", "--met", "in 500 years"), ("schedule", "dana", "2200-01-01"),
    ("snooze", "dana", "9999-12-31"), ("todo", "add", "dana", "x", "--due", "9999-12-31"),
    ("log", "dana", "x", "--on", "0001-01-01"), ("log", "dana", "x", "--next", "3000-01-01"),
    ("give", "dana", "x", "--on", "1000 years ago"),
    ("goal", "add", "x", "--by", "9999-12-31")])
def test_dates_outside_the_range_are_refused_on_the_command_line(mn, args) -> None:
    mn("add", "Dana Lee")
    result = mn(*args, ok=False)
    assert result.exit_code == 1
    assert "1900-01-01" in result.stderr
    assert "2199-12-31" in result.stderr
    assert "Traceback" not in result.output
    assert mn("due").exit_code == 0


@pytest.mark.parametrize("today", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_mentornet_today_outside_the_range_is_refused(mn, today: str) -> None:
    result = mn("due", today=today, ok=False)
    assert result.exit_code == 1
    assert "MENTORNET_TODAY" in result.stderr
    assert "1900-01-01" in result.stderr


def test_the_edges_of_the_range_work_everywhere(mn) -> None:
    mn("add", "Dana Lee", "--met", "1900-01-01", today="1900-01-01")
    mn("schedule", "dana", "2199-12-31", today="1900-01-01")
    mn("add", "Sam Wu", "--met", "2199-12-31", today="2199-12-31")
    mn("todo", "add", "sam", "x", "--due", "2199-12-31", today="2199-12-31")
    for args in COMMANDS[:-1]:
        for today in ("1900-01-01", "2199-12-31"):
            mn(*args, today=today)


@pytest.mark.parametrize(("field", "value"), [("met_on", "9999-12-31"),
                                          ("next_session", "1800-01-01"),
                                          ("created_at", "9999-12-31T23:59:59+00:00")])
def test_an_import_with_a_date_outside_the_range_is_refused(mn, tmp_path: Path, field,
                                                            value) -> None:
    mn("add", "Dana Lee")
    document = json.loads(mn("export").stdout)
    mn("undo")
    document["people"][0][field] = value
    source = tmp_path / "panel.json"
    source.write_text(json.dumps(document))
    result = mn("import", str(source), ok=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert value in result.stderr or "1900" in result.stderr
    card = tmp_path / "dana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Wu\r\nBDAY:9999-12-31\r\n"
                    "END:VCARD\r\n")
    assert "Traceback" not in mn("import", str(card), ok=False).output


# Every text column (VARCHAR in models.py) of the rows the panel above gives.
TEXT_COLUMNS = [("person", column) for column in (
    "name", "kind", "status", "role", "org", "seniority", "via", "email", "link", "notes",
    "phone", "sphere")] + [("touchbase", column) for column in (
        "channel", "initiator", "notes", "feedback")] + [
    ("favour", "direction"), ("favour", "kind"), ("favour", "description"),
    ("parked_item", "kind"), ("parked_item", "text"), ("followup", "text"),
    ("goal", "text"), ("goal", "status"), ("goal_progress", "note")]
# Bytes stored as a BLOB, or as text that is not UTF-8 (both only another program writes).
STORED_TEXT = st.one_of(
    st.binary(max_size=8).map(lambda raw: ("blob", raw)),
    st.binary(min_size=1, max_size=8).filter(lambda raw: not _utf8(raw))
    .map(lambda raw: ("text", raw)),
    st.text(max_size=12).map(lambda text: ("text", text)),
    st.integers(-2**63, 2**63 - 1).map(lambda number: ("number", number)))


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_the_text_columns_listed_here_are_every_text_column() -> None:
    from mentornet import models

    declared = {(table.name, column.name) for table in models.SQLModel.metadata.sorted_tables
                for column in table.columns if str(column.type) == "VARCHAR"
                and table.name in {table for table, _ in TEXT_COLUMNS}}
    assert declared == set(TEXT_COLUMNS)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(TEXT_COLUMNS), stored=STORED_TEXT)
def test_stored_text_that_is_not_text_never_breaks_a_read(template: Path, db_path: Path,
                                                          where, stored) -> None:
    table, column = where
    kind, value = stored
    db_path.parent.mkdir(exist_ok=True)
    shutil.copyfile(template, db_path)
    db_path.chmod(0o600)
    for leftover in db_path.parent.glob("*-journal"):
        leftover.unlink()
    conn = sqlite3.connect(db_path)
    try:
        row_id = conn.execute(f"SELECT min(id) FROM {table}").fetchone()[0]
        as_stored = "CAST(? AS TEXT)" if kind == "text" and isinstance(value, bytes) else "?"
        conn.execute(f"UPDATE {table} SET {column} = {as_stored} WHERE id = ?",
                     (value, row_id))
        conn.commit()
    finally:
        conn.close()
    for args in COMMANDS:
        result = _run(*args, ok=args != ("doctor",))
        assert "Could not decode" not in result.output
    report = _run("doctor", ok=False)
    if isinstance(value, bytes):  # a BLOB, or text that is not UTF-8: named, with its id
        assert report.exit_code == 1, report.output
        assert f"#{row_id}: {column} is" in report.output
