"""Migrations: an empty database migrates to exactly the schema models.py declares."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentornet.migrations import LATEST_VERSION, MIGRATIONS
from mentornet.store.search_index import INDEX_TABLES
from mentornet.store.sqlite.connection import APPLICATION_ID, open_db


def _schema(conn: sqlite3.Connection) -> dict[str, object]:
    """Tables with their columns, keys, indexes and AUTOINCREMENT, as SQLite reports them.

    The search index is left out: an FTS5 table is no SQLModel table (test_search_index.py
    covers it)."""
    schema: dict[str, object] = {}
    tables = {name: sql for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if name not in INDEX_TABLES}
    for table in sorted(tables):
        columns = [tuple(row) for row in conn.execute(f"PRAGMA table_info({table})")]
        keys = sorted(tuple(row)[2:5] for row in conn.execute(
            f"PRAGMA foreign_key_list({table})"))
        indexes = sorted(
            (name, unique, tuple(c[2] for c in conn.execute(f"PRAGMA index_info({name})")))
            for _, name, unique, origin, _partial in conn.execute(f"PRAGMA index_list({table})")
            if origin == "c")
        schema[table] = (columns, keys, indexes, "AUTOINCREMENT" in tables[table].upper())
    return schema


def test_migrating_an_empty_database_gives_exactly_the_models_schema(tmp_path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import mentornet.models  # noqa: F401  (registers the tables)

    declared = tmp_path / "declared.db"
    engine = create_engine(f"sqlite:///{declared}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    migrated = open_db(tmp_path / "migrated.db", write=True)
    assert _schema(migrated) == _schema(sqlite3.connect(declared))


def test_a_new_database_is_stamped_as_mentornet_at_the_latest_version(tmp_path: Path) -> None:
    conn = open_db(tmp_path / "new.db", write=True)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION == len(MIGRATIONS)


def test_every_migration_step_has_a_name() -> None:
    names = [step.name for step in MIGRATIONS]
    assert all(names)
    assert len(set(names)) == len(names)


def test_pragmas_are_set_on_every_connection(tmp_path: Path) -> None:
    conn = open_db(tmp_path / "p.db", write=True)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_reading_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nothing-here" / "mentornet.db"
    conn = open_db(path, write=False)
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    assert not path.parent.exists()


def test_a_new_database_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "private" / "mentornet.db"
    open_db(path, write=True).close()
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o600
