"""The search index follows every write (commands, imports, undo, other programs), holds
folded text, and is not journaled as the user's data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import mentornet.store.search_index as search_index
from mentornet.store.sqlite import journal
from mentornet.store.sqlite.connection import open_db


def _index(db: Path) -> dict[int, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT rowid, words FROM search_index"))
    finally:
        conn.close()


def _code(table: str) -> int:
    return search_index.BY_TABLE[table].code


def test_a_new_database_has_the_index_and_its_triggers(db_path: Path) -> None:
    open_db(db_path, write=True).close()
    conn = sqlite3.connect(db_path)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    assert set(search_index.INDEX_TABLES) <= tables
    assert not set(search_index.INDEX_TABLES) & set(journal.journaled_tables(conn))
    triggers = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'")}
    assert triggers == {f"search_{s.table}_{a}" for s in search_index.SEARCHED
                        for a in journal.ACTIONS}
    conn.close()


def test_a_command_folds_what_it_writes_into_the_index(mn, db_path: Path) -> None:
    mn("add", "José Núñez", "--org", "Ｇｌｏｂｅｘ", "--note", "Likes Straße maps")
    mn("log", "jose", "Talked about the Reorg", "--topic", "Hiring Café")
    index = _index(db_path)
    # one line per column (name, org, role, notes), a list's items on one line
    assert index[1 * search_index.SLOTS + _code("person")] == (
        "jose nunez\nglobex\n\nlikes strasse maps")
    mn("log", "jose", "Again", "--topic", "Ａ", "--topic", "b")
    assert index[1 * search_index.SLOTS + _code("touchbase")] == (
        "talked about the reorg\nhiring cafe\n")
    assert _index(db_path)[2 * search_index.SLOTS + _code("touchbase")] == "again\na | b\n"
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM search_stale").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM change_step WHERE table_name LIKE 'search%'"
                        ).fetchone()[0] == 0
    conn.close()


def test_undo_takes_the_record_out_of_the_index_and_puts_the_old_text_back(
        mn, db_path: Path) -> None:
    mn("add", "Dana Lee", "--note", "first")
    mn("edit", "dana", "--note", "second")
    key = 1 * search_index.SLOTS + _code("person")
    assert _index(db_path)[key] == "dana lee\n\n\nsecond"
    mn("undo")
    assert _index(db_path)[key] == "dana lee\n\n\nfirst"
    mn("undo")
    assert key not in _index(db_path)


def test_an_import_is_indexed(mn, db_path: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("name,kind,org\nPriya Natarajan,prospect,Umbrella\n", encoding="utf-8")
    mn("import", str(people))
    assert "priya natarajan\numbrella\n\n" in _index(db_path).values()


def test_a_row_another_program_wrote_is_noted_and_indexed_by_the_next_change(
        mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE person SET notes = 'written elsewhere' WHERE id = 1")
    conn.commit()
    assert conn.execute("SELECT table_name, row_id FROM search_stale").fetchall() == [
        ("person", 1)]
    conn.close()
    mn("add", "Sam Wu")
    assert _index(db_path)[1 * search_index.SLOTS + _code("person")] == (
        "dana lee\n\n\nwritten elsewhere")


def test_an_older_database_is_indexed_when_it_upgrades(mn, db_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "schema" / "schema-7.sql"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    db_path.chmod(0o600)
    mn("list")  # any command upgrades the file
    words = _index(db_path)
    assert words[1 * search_index.SLOTS + _code("person")].startswith("dana lee\nacme games")
    assert len(words) >= 8


def test_without_fts5_there_is_no_index_and_writes_still_work(
        mn, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "fts5_available", lambda conn: False)
    mn("add", "Dana Lee", "--note", "x")
    mn("log", "dana", "hello")
    mn("undo")
    conn = sqlite3.connect(db_path)
    names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    assert "search_index" not in names
    assert conn.execute("SELECT count(*) FROM search_stale").fetchone()[0] == 0
    conn.close()


def test_a_file_made_without_fts5_opens_where_there_is_fts5_and_back(
        mn, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentornet.migrations import MIGRATIONS
    from mentornet.store import layout

    with_index = tmp_path / "with.db"
    open_db(with_index, write=True).close()
    monkeypatch.setattr(search_index, "fts5_available", lambda conn: False)
    open_db(db_path, write=True).close()
    for path in (db_path, with_index):
        conn = sqlite3.connect(path)
        assert layout.differences(conn, MIGRATIONS) == []
        conn.execute("CREATE TABLE search_index_extra (x)")
        assert layout.differences(conn, MIGRATIONS) == [
            "a table 'search_index_extra' that mentornet does not make"]
        conn.close()
    monkeypatch.undo()
    layout.expected.cache_clear()  # built above as a build without FTS5 would
    other = tmp_path / "other.db"
    open_db(other, write=True).close()
    conn = sqlite3.connect(other)
    conn.execute("DROP TABLE search_index")
    conn.execute("CREATE VIRTUAL TABLE search_index USING fts5(words, other)")
    assert "a table 'search_index' unlike mentornet's" in layout.differences(conn, MIGRATIONS)
    conn.close()


def test_a_later_step_rebuilding_a_table_keeps_the_index_triggers(
        mn, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mentornet.migrations as migrations
    import mentornet.store.sqlite.connection as connection
    from mentornet.store import layout

    def rebuild(conn: sqlite3.Connection) -> None:  # a step remaking a table, as some must
        sql, = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'favour'").fetchone()
        conn.execute(sql.replace('CREATE TABLE "favour"', "CREATE TABLE new_favour", 1))
        conn.execute("INSERT INTO new_favour SELECT * FROM favour")
        conn.execute("DROP TABLE favour")
        conn.execute("ALTER TABLE new_favour RENAME TO favour")
        conn.execute("CREATE INDEX ix_favour_person_date ON favour (person_id, happened_on)")

    steps = (*migrations.MIGRATIONS, migrations.Migration("a rebuild", rebuild))
    monkeypatch.setattr(connection, "MIGRATIONS", steps)
    monkeypatch.setattr(connection, "LATEST_VERSION", len(steps))
    monkeypatch.setattr(layout, "DIGESTS", {})
    mn("add", "Dana Lee")
    mn("give", "dana", "An intro to Priya")
    conn = sqlite3.connect(db_path)
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                        "'trigger' AND tbl_name = 'favour'")}
    conn.close()
    assert {"search_favour_insert", "search_favour_update", "search_favour_delete"} <= names
    assert "an intro to priya" in _index(db_path).values()
