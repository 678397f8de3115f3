"""A PostgreSQL panel's backups, restores, doctor, demo and journal, on a real server.

A backup of the shared store is a verified SQLite file on this machine; a restore puts one
back in one transaction and `undo` stops at it; doctor reports on the server's database;
the demo fills an empty database; the journal covers every column, as on SQLite.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from postgres_server import PostgresServer, dbname

Run = Callable[..., Any]


@pytest.fixture
def pg(monkeypatch: pytest.MonkeyPatch, postgres_url: str, tmp_path: Path) -> str:
    monkeypatch.setenv("MENTORNET_DB", postgres_url)
    monkeypatch.chdir(tmp_path)
    return postgres_url


def _panel(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--org", "Acme", "--met", "2025-03-01")
    mn("log", "dana", "Talked through the roadmap", "--on", "2026-11-01")
    mn("give", "dana", "Sent the pricing memo", "--on", "2026-11-03")
    mn("todo", "add", "dana", "Share the offsite notes", "--due", "2026-12-01")


def test_a_backup_of_the_shared_store_is_a_verified_local_sqlite_file(
        mn: Run, pg: str, tmp_path: Path) -> None:
    _panel(mn)
    done = mn("backup", str(tmp_path / "shared.db")).stdout
    assert "verified" in done
    copy = tmp_path / "shared.db"
    assert copy.stat().st_mode & 0o777 == 0o600
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM person").fetchall() == [("Dana Lee",)]
    finally:
        conn.close()
    # the same panel, read from the file and from the server
    assert mn("--db", str(copy), "export", "--format", "json").stdout == \
        mn("export", "--format", "json").stdout
    # the first change of the day also kept this machine's daily copy
    daily = list((tmp_path / "home" / ".local" / "share" / "mentornet" / "backups").glob(
        "postgres-*-2026-11-22.db"))
    assert len(daily) == 1


def test_a_restore_into_postgresql_replaces_the_panel_and_undo_stops_there(
        mn: Run, pg: str, tmp_path: Path) -> None:
    _panel(mn)
    mn("backup", str(tmp_path / "before.db"))
    mn("add", "Sam Wu")
    mn("log", "sam", "Coffee")
    said = mn("restore", str(tmp_path / "before.db")).stdout
    assert "Restored" in said
    assert "kept as" in said
    people = [p["name"] for p in json.loads(mn("list", "--json").stdout)]
    assert people == ["Dana Lee"]
    refused = mn("undo", ok=False)
    assert refused.exit_code == 1
    assert "restore" in refused.stdout + refused.stderr
    kept = said.split("kept as ")[1].strip().rstrip(".")
    mn("restore", kept)  # the backup the restore made takes it back
    assert sorted(p["name"] for p in json.loads(mn("list", "--json").stdout)) == \
        ["Dana Lee", "Sam Wu"]


def test_doctor_reports_on_the_server_s_database(mn: Run, pg: str) -> None:
    empty = mn("doctor").stdout
    assert "The PostgreSQL server answers" in empty
    assert "empty" in empty
    _panel(mn)
    found = mn("doctor").stdout
    assert "schema version" in found
    assert "1 person" in found
    assert "No problems found" in found


def test_the_demo_fills_an_empty_database_and_refuses_a_real_panel(
        mn: Run, postgres_url: str, postgres_server: PostgresServer) -> None:
    out = mn("demo", "--demo-db", postgres_url).stdout
    assert "mentornet demo" in out
    assert "Dana Lee" in out
    again = mn("demo", "--db", postgres_url).stdout  # an earlier demo is replaced
    assert "mentornet demo" in again
    assert len(json.loads(mn("--db", postgres_url, "list", "--json").stdout)) == 7
    other = postgres_server.create_database()
    try:
        mn("--db", other, "add", "Ana Ruiz")
        refused = mn("demo", "--demo-db", other, ok=False)
        assert refused.exit_code == 1
        assert "not a mentornet demo" in refused.stderr
        assert [p["name"] for p in json.loads(mn("--db", other, "list", "--json").stdout)] \
            == ["Ana Ruiz"]
    finally:
        postgres_server.drop_database(other)


def test_undo_puts_back_every_column_including_one_added_later(
        mn: Run, pg: str, postgres_server: PostgresServer) -> None:
    # The journal's one trigger function reads the old row whole: a column added to a
    # table after the database was made is journaled and put back like the others.
    _panel(mn)
    conn = postgres_server.connect(dbname(pg))
    try:
        conn.execute("ALTER TABLE person ADD COLUMN pronouns TEXT")
        conn.execute("UPDATE undo_state SET recording = 0")
        conn.execute("UPDATE person SET pronouns = 'she/her'")
        conn.execute("UPDATE undo_state SET recording = 1")
    finally:
        conn.close()
    mn("edit", "dana", "--role", "VP Product")
    conn = postgres_server.connect(dbname(pg))
    try:
        conn.execute("INSERT INTO change_log (made_at, description, kind) VALUES "
                     "('2026-11-22 12:00:00.000000', 'by hand', 'change')")
        conn.execute("UPDATE person SET pronouns = 'they/them', role = NULL")
        steps = conn.execute("SELECT count(*) FROM change_value v JOIN change_step s "
                             "ON s.id = v.step_id WHERE s.change_id = (SELECT max(id) "
                             "FROM change_log) AND v.column_name = 'pronouns'").fetchone()
        assert steps is not None
        assert steps[0] == 1
    finally:
        conn.close()
    mn("undo")  # the change made by hand, every column of it
    conn = postgres_server.connect(dbname(pg))
    try:
        row = conn.execute("SELECT pronouns, role FROM person").fetchone()
    finally:
        conn.close()
    assert row == ("she/her", "VP Product")


def test_a_merge_on_postgresql_keeps_a_shared_goal_link_once(mn: Run, pg: str) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("add", "Dana J. Lee", "--kind", "formal")
    mn("goal", "add", "Lead a team", "--focus", "leadership", "--mentor", "Dana Lee")
    mn("goal", "edit", "1", "--mentor", "Dana J. Lee")
    mn("merge", "#1", "#2")
    [goal] = json.loads(mn("export", "--format", "json").stdout)["goals"]
    assert goal["mentors"] == [1]


def test_text_holding_a_nul_is_refused_whole_with_what_to_do(
        mn: Run, pg: str, tmp_path: Path) -> None:
    # SQLite keeps a NUL inside text; PostgreSQL refuses it: the import says so, and
    # nothing of it is written.
    document = {"format": "mentornet", "version": 1, "people": [
        {"id": 1, "name": "Dana Lee", "notes": "a\u0000b"}]}
    source = tmp_path / "nul.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = mn("import", str(source), ok=False)
    assert result.exit_code == 1
    assert "NUL character" in result.stderr
    assert "nothing was written" in result.stderr
    assert json.loads(mn("list", "--json").stdout) == []
