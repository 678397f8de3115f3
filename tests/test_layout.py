"""A file is trusted only when its schema is exactly what the migrations build for its
version: the comparison, its shortcut, and every earlier version's fixture passing it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentornet.migrations import LATEST_VERSION, MIGRATIONS
from mentornet.store import layout
from mentornet.store.sqlite.connection import open_db

FIXTURES = Path(__file__).parent / "fixtures" / "schema"


def test_every_version_has_the_digest_of_its_schema() -> None:
    for version in range(1, LATEST_VERSION + 1):
        built = layout.digest(layout.expected(MIGRATIONS[:version]))
        assert layout.DIGESTS.get(version) == built, (
            f"add to DIGESTS in store/layout.py:    {version}: \"{built}\",")
    assert set(layout.DIGESTS) == set(range(1, LATEST_VERSION + 1))


def test_a_new_database_passes_and_so_does_every_earlier_versions_fixture(tmp_path: Path) -> None:
    conn = open_db(tmp_path / "new.db", write=True)
    assert layout.differences(conn, MIGRATIONS) == []
    conn.close()
    for version in range(1, LATEST_VERSION):
        fixture = sqlite3.connect(":memory:")
        fixture.executescript((FIXTURES / f"schema-{version}.sql").read_text(encoding="utf-8"))
        assert layout.differences(fixture, MIGRATIONS[:version]) == [], version
        assert layout.differences(fixture, MIGRATIONS[:version + 1]) != [], version
        fixture.close()


def test_the_full_comparison_agrees_with_the_shortcut(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_db(tmp_path / "new.db", write=True)
    monkeypatch.setattr(layout, "DIGESTS", {})
    assert layout.differences(conn, MIGRATIONS) == []
    conn.execute("CREATE INDEX ix_extra ON person (email)")
    assert layout.differences(conn, MIGRATIONS) == ["an index 'ix_extra' that mentornet "
                                                    "does not make"]
    conn.close()


def test_spelling_does_not_matter_but_meaning_does() -> None:
    same = layout.normalized('CREATE TABLE "person" (\n  id INTEGER NOT NULL,  PRIMARY KEY (id))')
    assert same == layout.normalized("create table person(id integer not null,primary key(id))")
    assert same == layout.normalized("CREATE TABLE [person] (id INTEGER NOT NULL, "
                                     "PRIMARY KEY (`id`))")
    assert layout.normalized("CREATE TABLE t (a DEFAULT 'A  b')") != layout.normalized(
        "CREATE TABLE t (a DEFAULT 'a b')")
    assert layout.normalized("CREATE TABLE t (a INTEGER)") != layout.normalized(
        "CREATE TABLE t (aINTEGER)")


def test_a_file_rebuilt_with_other_spelling_is_still_mentornets(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    """What SQLite itself may rewrite (quotes around a renamed table's name) is not a change."""
    conn = open_db(tmp_path / "new.db", write=True)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("""UPDATE sqlite_master SET sql = replace(sql, 'CREATE TABLE "person"',
                    'CREATE TABLE  person') WHERE name = 'person'""")
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()
    conn = sqlite3.connect(tmp_path / "new.db")
    assert "CREATE TABLE  person" in conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    assert layout.differences(conn, MIGRATIONS) == []
    conn.close()


def test_the_differences_are_named(tmp_path: Path) -> None:
    conn = open_db(tmp_path / "new.db", write=True)
    conn.execute("DROP INDEX ix_followup_person")
    conn.execute("DROP TRIGGER journal_goal_update")
    conn.execute("CREATE TRIGGER journal_goal_update AFTER UPDATE ON goal BEGIN "
                 "DELETE FROM favour; END")
    conn.execute("CREATE VIEW everyone AS SELECT name FROM person")
    found = layout.differences(conn, MIGRATIONS)
    assert found == ["a view 'everyone' that mentornet does not make",
                     "no index 'ix_followup_person'",
                     "a trigger 'journal_goal_update' unlike mentornet's"]
    assert layout.describe(found, limit=2) == (
        "a view 'everyone' that mentornet does not make; no index 'ix_followup_person'; "
        "and 1 more")
    conn.close()


def test_a_fixture_made_of_the_latest_version_passes(tmp_path: Path) -> None:
    """The fixture the next migration step will need (make_fixture.py) is mentornet's."""
    import sys

    sys.path.insert(0, str(FIXTURES))
    try:
        import make_fixture
    finally:
        sys.path.remove(str(FIXTURES))
    conn = sqlite3.connect(":memory:")
    conn.executescript(make_fixture.dump(LATEST_VERSION))
    assert layout.differences(conn, MIGRATIONS) == []
    assert conn.execute("SELECT count(*) FROM change_step").fetchone()[0] > 0
    conn.close()
