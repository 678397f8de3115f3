"""The change journal holds data, is made from the schema after every migration, and the
reversing statements are built in code: a planted entry cannot make `undo` run anything."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

import mentornet.store.sqlite.connection as connection
from mentornet.migrations import LATEST_VERSION, MIGRATIONS, Migration
from mentornet.store.api import writing
from mentornet.store.sqlite import journal

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db, isolation_level=None)


def _table_rows(db: Path) -> dict[str, list[tuple]]:
    conn = _connect(db)
    try:
        return {t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
                for t in journal.journaled_tables(conn)}
    finally:
        conn.close()


def _everything(db: Path) -> tuple:
    """The schema, the header and every row of every table, journal included."""
    conn = _connect(db)
    try:
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
        header = (conn.execute("PRAGMA application_id").fetchone()[0],
                  conn.execute("PRAGMA user_version").fetchone()[0])
        return schema, rows, header
    finally:
        conn.close()


# The journal's shape ------------------------------------------------------------------


def test_every_table_of_the_users_data_is_journaled_on_every_column(db_path: Path) -> None:
    connection.open_db(db_path, write=True).close()
    conn = _connect(db_path)
    tables = journal.journaled_tables(conn)
    assert {"person", "touchbase", "favour", "parked_item", "followup", "goal", "goal_mentor",
            "goal_progress", "database_identity"} <= set(tables)
    triggers = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' "
                                 "AND name LIKE 'journal%'"))
    assert set(triggers) == {f"journal_{t}_{a}" for t in tables for a in journal.ACTIONS}
    for table in tables:
        for action in ("update", "delete"):
            sql = triggers[f"journal_{table}_{action}"]
            for column in journal.columns(conn, table):
                assert f'old."{column}"' in sql, (table, action, column)


def test_the_journal_stores_data_and_no_sql(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", "--met", "2026-11-22", "--note", "x'); DROP TABLE person;--")
    mn("edit", "dana", "--org", "Acme")
    conn = _connect(db_path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(change_step)")]
    assert columns == ["id", "change_id", "table_name", "row_id", "action"]
    steps = conn.execute("SELECT table_name, action FROM change_step ORDER BY id").fetchall()
    assert steps == [("person", "insert"), ("touchbase", "insert"), ("person", "update")]
    values = dict(conn.execute("SELECT column_name, value FROM change_value"))
    assert values["org"] is None
    assert values["name"] == "Dana Lee"
    assert values["notes"] == "x'); DROP TABLE person;--"  # data, exactly as it was


def test_old_values_come_back_with_their_exact_type_and_bytes(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    odd = {"notes": "a\x00b\u202e", "org": b"\xff\xfe raw", "cadence_days": 2.5,
           "role": 10**18, "via": ""}
    conn = _connect(db_path)
    assignments = ", ".join(f"{c} = ?" for c in odd)
    conn.execute(f"UPDATE person SET {assignments}", list(odd.values()))
    types = "SELECT typeof(notes), typeof(org), typeof(cadence_days), typeof(role) FROM person"
    assert conn.execute(types).fetchone() == ("text", "blob", "real", "text")
    conn.close()
    before = _table_rows(db_path)
    mn("edit", "dana", "--org", "Acme", "--role", "CTO", "--every", "2w", "--note", "new")
    mn("undo")
    assert _table_rows(db_path) == before  # Python values: text, bytes, float, int kept apart
    conn = _connect(db_path)
    assert conn.execute(types).fetchone() == ("text", "blob", "real", "text")
    conn.close()


# Made again after every migration -----------------------------------------------------


def _with_step(patch: pytest.MonkeyPatch, step: Migration) -> None:
    patch.setattr(connection, "MIGRATIONS", (*MIGRATIONS, step))
    patch.setattr(connection, "LATEST_VERSION", LATEST_VERSION + 1)


NICKNAME = Migration("a throwaway column", lambda conn: conn.execute(
    "ALTER TABLE person ADD COLUMN nickname VARCHAR"))


def test_undo_restores_a_column_added_by_a_later_migration(mn, db_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    mn("add", "Dana Lee")
    with monkeypatch.context() as patch:
        _with_step(patch, NICKNAME)
        with writing(db_path, description="nickname", now=NOW) as tx:
            tx._conn.execute("UPDATE person SET nickname = 'Dee'")
        with writing(db_path, description="rename", now=NOW) as tx:
            tx._conn.execute("UPDATE person SET nickname = 'Other', org = 'Acme'")
        mn("undo")
        conn = _connect(db_path)
        assert conn.execute("SELECT nickname, org FROM person").fetchone() == ("Dee", None)
        # A deleted row comes back with the new column too.
        with writing(db_path, description="remove", now=NOW) as tx:
            tx._conn.execute("DELETE FROM touchbase")
            tx._conn.execute("DELETE FROM person")
        mn("undo")
        assert conn.execute("SELECT name, nickname FROM person").fetchall() == [("Dana Lee",
                                                                                "Dee")]
        mn("undo")
        assert conn.execute("SELECT nickname FROM person").fetchone() == (None,)
        conn.close()


def test_a_table_added_by_a_later_migration_is_journaled(mn, db_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    step = Migration("a throwaway table", lambda conn: conn.execute(
        "CREATE TABLE nickname (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "
        "person_id INTEGER NOT NULL REFERENCES person (id), text VARCHAR NOT NULL)"))
    mn("add", "Dana Lee")
    with monkeypatch.context() as patch:
        _with_step(patch, step)
        with writing(db_path, description="nickname", now=NOW) as tx:
            tx._conn.execute("INSERT INTO nickname (person_id, text) VALUES (1, 'Dee')")
        with writing(db_path, description="change it", now=NOW) as tx:
            tx._conn.execute("UPDATE nickname SET text = 'D'")
        mn("undo")
        conn = _connect(db_path)
        assert conn.execute("SELECT text FROM nickname").fetchall() == [("Dee",)]
        mn("undo")
        assert conn.execute("SELECT count(*) FROM nickname").fetchone()[0] == 0
        conn.close()


def test_a_migration_empties_the_journal_and_records_nothing_itself(
        mn, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("add", "Dana Lee")
    with monkeypatch.context() as patch:
        _with_step(patch, Migration("touches rows", lambda conn: conn.execute(
            "UPDATE person SET org = 'Migrated'")))
        mn("list")
        conn = _connect(db_path)
        assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM change_step").fetchone()[0] == 0
        assert conn.execute("SELECT recording FROM undo_state").fetchone()[0] == 1
        conn.close()
        assert "nothing to undo" in mn("undo", ok=False).stderr


# Planted journal entries --------------------------------------------------------------


PLANTED = {
    "a table mentornet does not journal": ("sqlite_master", 1, "delete", {}),
    "the journal's own table": ("undo_state", 1, "update", {"id": 1, "recording": 0}),
    "an action that is not one": ("person", 1, "DROP TABLE person", {}),
    "a statement as the action": ("person", 1, "insert; DELETE FROM touchbase", {}),
    "a column that does not exist": ("person", 1, "update",
                                     {"name = 'x', email": "attacker@example.com"}),
    "a row id that is text": ("person", "1 OR 1=1", "insert", {}),
    "a missing column": ("person", 1, "update", {"name": "Only the name"}),
    "a column too many": ("goal_mentor", 1, "delete", {"goal_id": 1, "person_id": 1,
                                                      "extra": 1}),
    "values that name no column": ("goal_mentor", 1, "update", {"a": 1, "b": 2}),
}


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_a_planted_journal_entry_is_refused_and_nothing_is_undone(mn, db_path: Path,
                                                                  case: str) -> None:
    mn("add", "Dana Lee", "--email", "dana@example.com")
    mn("log", "dana", "Coffee")
    table, row_id, action, values = PLANTED[case]
    conn = _connect(db_path)
    conn.execute("INSERT INTO change_log (made_at, description, kind) "
                 "VALUES ('2026-11-22 12:00:00', 'log dana', 'change')")
    change = conn.execute("SELECT max(id) FROM change_log").fetchone()[0]
    conn.execute("INSERT INTO change_step (change_id, table_name, row_id, action) "
                 "VALUES (?, ?, ?, ?)", (change, table, row_id, action))
    step = conn.execute("SELECT max(id) FROM change_step").fetchone()[0]
    for column, value in values.items():
        conn.execute("INSERT INTO change_value VALUES (?, ?, ?)", (step, column, value))
    conn.close()
    before = _everything(db_path)
    result = mn("undo", ok=False)
    assert result.exit_code == 1
    assert "did not write" in result.stderr
    assert "Traceback" not in result.output
    assert _everything(db_path) == before
    doctor = mn("doctor", ok=False)
    assert "The change journal holds 1 entry mentornet did not write" in doctor.stdout


def test_a_planted_entry_can_only_put_back_rows_of_the_users_tables(mn, db_path: Path) -> None:
    """The most a crafted journal can do is what undo does: write rows of the data tables."""
    mn("add", "Dana Lee")
    conn = _connect(db_path)
    conn.execute("INSERT INTO change_log (made_at, description, kind) "
                 "VALUES ('2026-11-22 12:00:00', 'x', 'change')")
    change = conn.execute("SELECT max(id) FROM change_log").fetchone()[0]
    conn.execute("INSERT INTO change_step (change_id, table_name, row_id, action) "
                 "VALUES (?, 'touchbase', 1, 'insert')", (change,))
    conn.close()
    mn("undo")
    conn = _connect(db_path)
    assert conn.execute("SELECT count(*) FROM touchbase").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                        "AND name LIKE 'journal%'"
                        ).fetchone()[0] == 3 * len(journal.journaled_tables(conn))
    assert conn.execute("PRAGMA application_id").fetchone()[0] == connection.APPLICATION_ID
    conn.close()


# Ids are never used twice -------------------------------------------------------------


def test_an_id_freed_by_undo_is_never_given_again(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("log", "dana", "Coffee")
    mn("park", "dana", "A question")
    mn("todo", "add", "dana", "Send the doc")
    mn("goal", "add", "Lead a team", "--mentor", "dana")
    mn("goal", "progress", "1", "First step")
    mn("give", "dana", "An intro")
    first = _table_rows(db_path)
    for _ in range(7):
        mn("undo")
    mn("add", "Sam Wu")
    mn("log", "sam", "Coffee")
    mn("park", "sam", "Another question")
    mn("todo", "add", "sam", "Share the deck")
    mn("goal", "add", "Ship it", "--mentor", "sam")
    mn("goal", "progress", "2", "Moved")
    mn("give", "sam", "A review")
    second = _table_rows(db_path)
    for table in ("person", "touchbase", "parked_item", "followup", "goal", "goal_progress",
                  "favour"):
        old = {row[0] for row in first[table]}
        new = {row[0] for row in second[table]}
        assert old, table
        assert new, table
        assert not old & new, table


def test_an_older_export_does_not_merge_into_someone_who_got_a_freed_id(
        mn, db_path: Path, tmp_path: Path) -> None:
    mn("add", "Sam Wu")
    mn("add", "Dana Lee", "--note", "Dana's private note")
    export = tmp_path / "older.json"
    mn("export", "--format", "json", "--out", str(export))
    mn("undo")
    mn("add", "Priya Natarajan", "--note", "Priya's own note")
    mn("import", str(export), "--format", "json")
    people = {p["name"]: p for p in json.loads(mn("list", "--json").stdout)}
    assert {"Sam Wu", "Dana Lee", "Priya Natarajan"} <= set(people)
    priya = json.loads(mn("show", "priya", "--json").stdout)
    assert priya["notes"] == "Priya's own note"
    assert priya["id"] != json.loads(mn("show", "dana", "--json").stdout)["id"]


def test_every_table_keyed_by_an_integer_id_uses_autoincrement(db_path: Path) -> None:
    connection.open_db(db_path, write=True).close()
    conn = _connect(db_path)
    checked = []
    for table in [*journal.journaled_tables(conn), "change_log"]:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        key = [row for row in conn.execute(f"PRAGMA table_info({table})") if row[5]]
        if len(key) == 1 and key[0][2] == "INTEGER":
            assert "AUTOINCREMENT" in sql.upper(), table
            checked.append(table)
    assert len(checked) >= 9
    conn.close()


def test_the_rebuild_keeps_each_shape_of_key_and_refuses_others() -> None:
    from mentornet.migrations import autoincrement_sql

    sqlalchemy = ("CREATE TABLE person (\n id INTEGER NOT NULL, name VARCHAR NOT NULL, "
                  "phone VARCHAR, PRIMARY KEY (id), FOREIGN KEY(x) REFERENCES t (id))")
    assert autoincrement_sql(sqlalchemy, "person", "id", "new_person") == (
        'CREATE TABLE "new_person" (\n id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
        "name VARCHAR NOT NULL, phone VARCHAR, FOREIGN KEY(x) REFERENCES t (id))")
    inline = autoincrement_sql('CREATE TABLE "x" (id INTEGER PRIMARY KEY, b)', "x", "id", "new_x")
    assert inline == 'CREATE TABLE "new_x" (id INTEGER PRIMARY KEY AUTOINCREMENT, b)'
    with pytest.raises(sqlite3.DatabaseError):
        autoincrement_sql("CREATE TABLE x (id INTEGER, PRIMARY KEY (id, b))", "x", "id", "n")
