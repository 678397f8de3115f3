"""A database made by every earlier schema version upgrades with every row kept and a
verified backup taken first; a migration that fails half-way leaves the old version usable."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

import mentornet.store.sqlite.connection as connection
from mentornet.migrations import LATEST_VERSION, MIGRATIONS, Migration
from mentornet.store.search_index import INDEX_TABLES
from mentornet.store.sqlite.connection import APPLICATION_ID

FIXTURES = Path(__file__).parent / "fixtures" / "schema"


def _fixtures() -> dict[int, Path]:
    found = {}
    for path in FIXTURES.glob("schema-*.sql"):
        match = re.fullmatch(r"schema-(\d+)\.sql", path.name)
        if match:
            found[int(match.group(1))] = path
    return found


EARLIER = sorted(v for v in _fixtures() if v < LATEST_VERSION)


def _load(version: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(_fixtures()[version].read_text(encoding="utf-8"))
    conn.close()
    path.chmod(0o600)


def _header(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("PRAGMA application_id").fetchone()[0],
                conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _user_rows(path: Path, like: Path | None = None) -> dict[str, list[tuple]]:
    """Each user table's rows in the columns it had in `like` (default: `path` itself)."""
    source = sqlite3.connect(like or path)
    shape = {t: [r[1] for r in source.execute(f"PRAGMA table_info({t})")]
             for (t,) in source.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                        "AND name NOT IN ('change_log', 'undo_step', "
                                        "'change_step', 'change_value', 'undo_state') "
                                        "AND name NOT LIKE 'sqlite_%'").fetchall()
             if t not in INDEX_TABLES}  # the search index follows the rows by itself
    source.close()
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY rowid").fetchall()
                for t, cols in sorted(shape.items())}
    finally:
        conn.close()


def _schema(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_earlier_schema_version() -> None:
    assert set(range(1, LATEST_VERSION)) <= set(_fixtures()), (
        "add one with: .venv/bin/python tests/fixtures/schema/make_fixture.py N")


def test_the_fixtures_hold_rows_in_every_table(tmp_path: Path) -> None:
    for version in EARLIER:
        path = tmp_path / f"schema-{version}.db"
        _load(version, path)
        assert all(rows for rows in _user_rows(path).values()), version
        assert _header(path) == (APPLICATION_ID, version)


@pytest.mark.parametrize("version", EARLIER)
def test_an_old_database_upgrades_keeping_every_row(mn, db_path: Path, tmp_path: Path,
                                                    version: int) -> None:
    _load(version, db_path)
    original = tmp_path / "original.db"
    _load(version, original)
    mn("list")  # the first command upgrades it
    assert _header(db_path) == (APPLICATION_ID, LATEST_VERSION)
    assert _user_rows(db_path, like=original) == _user_rows(original)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    dana = json.loads(mn("show", "dana lee", "--json").stdout)
    assert dana["notes"] == "Monthly.\nAsk about 'it'."
    assert len(dana["touchbases"]) == 2
    mn("log", "dana", "After the upgrade")  # and it takes writes
    mn("undo")
    assert _user_rows(db_path, like=original) == _user_rows(original)


@pytest.mark.parametrize("version", EARLIER)
def test_a_verified_backup_is_taken_before_upgrading(mn, db_path: Path, tmp_path: Path,
                                                     version: int) -> None:
    _load(version, db_path)
    original = tmp_path / "original.db"
    _load(version, original)
    mn("list")
    backup = db_path.with_name(f"{db_path.name}.schema-{version}.bak")
    assert backup.exists()
    assert backup.stat().st_mode & 0o777 == 0o600
    assert _header(backup) == (APPLICATION_ID, version)
    assert _schema(backup) == _schema(original)
    assert _user_rows(backup) == _user_rows(original)
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def _failing_after(step: Migration) -> Migration:
    """The real step, applied in full, followed by a statement that fails."""
    def apply(conn: sqlite3.Connection) -> None:
        step.apply(conn)
        conn.execute("INSERT INTO no_such_table VALUES (1)")
    return Migration(step.name, apply)


@pytest.mark.parametrize("version", EARLIER)
def test_a_migration_failing_half_way_leaves_the_old_version_usable(
        mn, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        version: int) -> None:
    _load(version, db_path)
    original = tmp_path / "original.db"
    _load(version, original)
    broken = (*MIGRATIONS[:version], _failing_after(MIGRATIONS[version]),
              *MIGRATIONS[version + 1:])
    with monkeypatch.context() as patch:
        patch.setattr(connection, "MIGRATIONS", broken)
        result = mn("list", ok=False)
    assert result.exit_code == 1
    assert str(db_path) in result.stderr
    assert "Traceback" not in result.output
    # Nothing of the failed step remains: same version, same schema, same rows.
    assert _header(db_path) == (APPLICATION_ID, version)
    assert _schema(db_path) == _schema(original)
    assert _user_rows(db_path) == _user_rows(original)
    assert not db_path.with_name(db_path.name + "-journal").exists()
    # The old version still opens and reads with a build that knows only it...
    with monkeypatch.context() as patch:
        patch.setattr(connection, "MIGRATIONS", MIGRATIONS[:version])
        patch.setattr(connection, "LATEST_VERSION", version)
        conn = connection.open_db(db_path, write=False)
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 3
        conn.close()
    # ...and the real build upgrades it once the step works.
    mn("list")
    assert _header(db_path) == (APPLICATION_ID, LATEST_VERSION)
    assert _user_rows(db_path, like=original) == _user_rows(original)


def test_steps_before_a_failing_one_stay_applied(mn, db_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each step commits with its own version bump: a later failure keeps earlier steps."""
    _load(1, db_path)
    failing = Migration("a step that fails", _failing_after(Migration("nothing", lambda c: None))
                        .apply)
    with monkeypatch.context() as patch:
        patch.setattr(connection, "MIGRATIONS", (*MIGRATIONS, failing))
        patch.setattr(connection, "LATEST_VERSION", LATEST_VERSION + 1)
        result = mn("log", "dana", "hello", ok=False)
    assert result.exit_code == 1
    assert _header(db_path) == (APPLICATION_ID, LATEST_VERSION)
    mn("log", "dana", "hello")


@pytest.mark.slow
def test_two_commands_upgrading_at_once_apply_each_step_once(db_path: Path,
                                                             tmp_path: Path) -> None:
    import subprocess
    import sys

    _load(1, db_path)
    original = tmp_path / "original.db"
    _load(1, original)
    runs = [subprocess.Popen([sys.executable, "-m", "mentornet", "list"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    assert _header(db_path) == (APPLICATION_ID, LATEST_VERSION)
    assert _user_rows(db_path, like=original) == _user_rows(original)


def test_a_newer_schema_is_refused_and_left_alone(mn, db_path: Path) -> None:
    _load(EARLIER[-1] if EARLIER else 1, db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    result = mn("log", "dana", "hello", ok=False)
    assert result.exit_code == 1
    assert "newer mentornet" in result.stderr
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("version", EARLIER)
def test_an_upgraded_database_never_gives_an_id_twice(mn, db_path: Path, version: int) -> None:
    _load(version, db_path)

    def ids() -> dict[str, int]:
        conn = sqlite3.connect(db_path)
        try:
            return dict(conn.execute("SELECT name, id FROM person"))
        finally:
            conn.close()

    mn("add", "Ana Ruiz")  # upgrades the file, then adds
    freed = ids()["Ana Ruiz"]
    mn("undo")
    mn("add", "Priya Natarajan")
    assert ids()["Priya Natarajan"] > freed
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'person'"
                        ).fetchone()[0] == ids()["Priya Natarajan"]
    conn.close()
