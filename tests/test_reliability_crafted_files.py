"""A crafted mentornet file (a backup others could write to) is refused, by `restore`, by
every command that would open it, and by `doctor`, unless its schema is exactly the one the
migrations build for its version: nothing it carries ever runs, and both files are left as
they were."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mentornet.migrations import LATEST_VERSION
from mentornet.store.sqlite.connection import APPLICATION_ID

MENTORNET = Path(sys.executable).parent / "mentornet"  # the installed console script
FIXTURES = Path(__file__).parent / "fixtures" / "schema"


def _edit(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def trigger(path: Path) -> None:
    """The attack from the report: a trigger that fires on every later `log`."""
    _edit(path, "CREATE TRIGGER steal AFTER INSERT ON touchbase BEGIN DELETE FROM favour; "
                "UPDATE person SET email = 'attacker@example.com'; END")


def trigger_named_like_ours(path: Path) -> None:
    """One of the journal's triggers, replaced by one that does something else."""
    _edit(path, "DROP TRIGGER journal_touchbase_insert",
          "CREATE TRIGGER journal_touchbase_insert AFTER INSERT ON touchbase BEGIN "
          "UPDATE person SET email = 'attacker@example.com'; END")


def trigger_hidden_as_sqlite_own(path: Path) -> None:
    """A trigger written straight into sqlite_master under a name SQLite reserves."""
    _edit(path, "PRAGMA writable_schema = ON",
          "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('trigger', "
          "'sqlite_steal', 'touchbase', 0, 'CREATE TRIGGER sqlite_steal AFTER INSERT ON "
          "touchbase BEGIN DELETE FROM favour; END')",
          "PRAGMA writable_schema = OFF")


def journal_switched_off(path: Path) -> None:
    _edit(path, "DROP TRIGGER journal_person_update")


def no_tables(path: Path) -> None:
    path.unlink()
    _edit(path, f"PRAGMA application_id = {APPLICATION_ID}",
          f"PRAGMA user_version = {LATEST_VERSION}")


def view_shadowing_person(path: Path) -> None:
    _edit(path, "PRAGMA foreign_keys = OFF", "ALTER TABLE person RENAME TO person_real",
          "CREATE VIEW person AS SELECT * FROM person_real")


def extra_view(path: Path) -> None:
    _edit(path, "CREATE VIEW everyone AS SELECT name, notes FROM person")


def extra_table(path: Path) -> None:
    _edit(path, "CREATE TABLE payload (sql TEXT)", "INSERT INTO payload VALUES ('DROP TABLE x')")


def extra_index(path: Path) -> None:
    _edit(path, "CREATE INDEX ix_notes ON person (notes)")


def extra_column(path: Path) -> None:
    _edit(path, "ALTER TABLE person ADD COLUMN secret VARCHAR")


def changed_column(path: Path) -> None:
    """The same columns, one with a default mentornet never gives."""
    _edit(path, "PRAGMA writable_schema = ON",
          "UPDATE sqlite_master SET sql = replace(sql, 'email VARCHAR', "
          "'email VARCHAR DEFAULT ''attacker@example.com''') WHERE name = 'person'",
          "PRAGMA writable_schema = OFF")


def missing_index(path: Path) -> None:
    _edit(path, "DROP INDEX ix_followup_person")


def latest_labelled_version_1(path: Path) -> None:
    """The report's "version-4 file labelled version 1": today's layout, an old label."""
    _edit(path, "PRAGMA user_version = 1")


def version_4_labelled_version_1(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema-4.sql").read_text(encoding="utf-8"))
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def old_journal_with_planted_sql(path: Path) -> None:
    """A version-4 file whose old journal holds SQL that the old `undo` ran as it was."""
    path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema-4.sql").read_text(encoding="utf-8"))
    conn.executescript("""
        INSERT INTO change_log (made_at, description) VALUES ('2026-11-21', 'log dana');
        INSERT INTO undo_step (change_id, statement) SELECT max(id), 'DELETE FROM touchbase'
            FROM change_log;
        INSERT INTO undo_step (change_id, statement) SELECT max(id),
            'PRAGMA application_id = 0' FROM change_log;
        INSERT INTO undo_step (change_id, statement) SELECT max(id),
            'CREATE TRIGGER planted AFTER INSERT ON touchbase BEGIN DELETE FROM favour; END'
            FROM change_log;""")
    conn.close()


# Files whose schema is not mentornet's: refused everywhere.
REFUSED: dict[str, Callable[[Path], None]] = {
    "a trigger": trigger,
    "a trigger named like the journal's": trigger_named_like_ours,
    "a trigger hidden under SQLite's prefix": trigger_hidden_as_sqlite_own,
    "a journal trigger missing": journal_switched_off,
    "no tables": no_tables,
    "a view shadowing person": view_shadowing_person,
    "an extra view": extra_view,
    "an extra table": extra_table,
    "an extra index": extra_index,
    "an extra column": extra_column,
    "a column changed": changed_column,
    "an index missing": missing_index,
    "today's layout labelled version 1": latest_labelled_version_1,
    "a version-4 file labelled version 1": version_4_labelled_version_1,
}


def _good(path: Path) -> None:
    """A real mentornet database, made through the installed command."""
    env = {"MENTORNET_DB": str(path), "MENTORNET_TODAY": "2026-11-21", "PATH": "/usr/bin:/bin",
           "HOME": str(path.parent)}
    for args in (("add", "Dana Lee", "--email", "dana@example.com"), ("log", "dana", "Coffee"),
                 ("give", "dana", "An intro")):
        subprocess.run([str(MENTORNET), *args], env=env, check=True, capture_output=True,
                       timeout=60)


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "source.db"
    _good(path)
    return path


def _crafted(good_file: Path, folder: Path, make: Callable[[Path], None]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "backup.db"
    shutil.copyfile(good_file, source)
    make(source)
    return source


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(MENTORNET), *args], capture_output=True, text=True, timeout=60,
                          check=False)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_restore_refuses_a_crafted_file_and_leaves_both_files_as_they_were(
        mn, db_path: Path, tmp_path: Path, good_file: Path, case: str) -> None:
    mn("add", "Sam Wu")
    mn("log", "sam", "Before the restore")
    source = _crafted(good_file, tmp_path / "usb", REFUSED[case])
    source_bytes, current = source.read_bytes(), _folder(db_path)
    result = _run("restore", str(source))
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("mentornet: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert str(source) in result.stderr
    assert "Traceback" not in result.stderr
    assert source.read_bytes() == source_bytes
    assert _folder(db_path) == current  # no .bak, no copy left behind either
    mn("log", "sam", "After the refused restore")  # the database is still the user's own


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_crafted_file_as_the_database_is_refused_and_nothing_runs(
        mn, db_path: Path, good_file: Path, case: str) -> None:
    crafted = _crafted(good_file, db_path.parent, REFUSED[case])
    crafted.rename(db_path)
    before = _folder(db_path)
    for args in (("list",), ("show", "dana"), ("due",), ("log", "dana", "hello"),
                 ("undo",), ("export", "--format", "json")):
        result = mn(*args, ok=False)
        assert result.exit_code == 1, (args, result.output)
        assert str(db_path) in result.stderr, (args, result.stderr)
        assert "not laid out as mentornet makes" in result.stderr, (args, result.stderr)
        assert _folder(db_path) == before, args
    doctor = mn("doctor", ok=False)
    assert doctor.exit_code == 1
    assert "problem" in doctor.stdout
    assert "No problems found" not in doctor.stdout
    assert _folder(db_path) == before


def test_doctor_names_what_is_not_mentornets(mn, db_path: Path, good_file: Path) -> None:
    crafted = _crafted(good_file, db_path.parent, trigger)
    crafted.rename(db_path)
    out = mn("doctor", ok=False).stdout
    assert "It is not laid out as mentornet makes its databases: it has a trigger 'steal' " \
           "that mentornet does not make" in out


def test_doctor_says_a_sound_file_is_laid_out_as_mentornets(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    out = mn("doctor").stdout
    assert "Its tables, indexes and triggers are exactly the ones mentornet makes." in out


def test_planted_sql_in_an_old_journal_never_runs(mn, db_path: Path, tmp_path: Path,
                                                  good_file: Path) -> None:
    """The file is a true version-4 mentornet file, so it is restored; its old journal is
    emptied by the upgrade and `undo` has nothing of it to run."""
    mn("add", "Sam Wu")
    source = _crafted(good_file, tmp_path / "usb", old_journal_with_planted_sql)
    source_bytes = source.read_bytes()
    result = _run("restore", str(source))
    assert result.returncode == 0, result.stderr
    assert source.read_bytes() == source_bytes
    undo = _run("undo", "--yes")
    assert undo.returncode == 1
    assert "nothing to undo: the last change was a restore" in undo.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("SELECT count(*) FROM touchbase").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'planted'"
                        ).fetchone()[0] == 0
    conn.close()
    assert _run("doctor").returncode == 0


def test_a_restored_file_with_its_journal_switched_off_records_again(mn, db_path: Path,
                                                                     tmp_path: Path,
                                                                     good_file: Path) -> None:
    source = _crafted(good_file, tmp_path / "usb", lambda path: _edit(
        path, "UPDATE undo_state SET recording = 0",
        "INSERT INTO undo_state (id, recording) VALUES (2, 0)"))
    assert _run("restore", str(source)).returncode == 0
    before = mn("show", "dana", "--json").stdout
    mn("edit", "dana", "--org", "Elsewhere")
    assert mn("undo").stdout.startswith("Undid `edit dana`")
    assert mn("show", "dana", "--json").stdout == before


def test_doctor_says_when_the_journal_is_switched_off(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    _edit(db_path, "UPDATE undo_state SET recording = 0")
    out = mn("doctor", ok=False).stdout
    assert "The change journal is switched off" in out


def test_a_restored_file_gets_its_journal_triggers_made_anew(mn, db_path: Path,
                                                            tmp_path: Path) -> None:
    """An older file restored is upgraded at once, with triggers for every column."""
    source = tmp_path / "schema-2.db"
    conn = sqlite3.connect(source)
    conn.executescript((FIXTURES / "schema-2.sql").read_text(encoding="utf-8"))
    conn.close()
    result = _run("restore", str(source))
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    triggers = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'person' "
        "AND name LIKE 'journal%'")]
    conn.close()
    assert len(triggers) == 3
    assert all("undo_step" not in sql for sql in triggers)
    before = mn("show", "dana", "--json").stdout
    mn("edit", "dana", "--org", "Elsewhere")
    mn("undo")
    assert mn("show", "dana", "--json").stdout == before


def test_a_restore_failing_while_the_copy_is_prepared_changes_nothing(
        mn, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An older backup whose upgrade fails: the database, the backup and the folder stay."""
    import mentornet.store.sqlite.connection as connection
    from mentornet.migrations import MIGRATIONS, Migration

    mn("add", "Sam Wu")
    source = tmp_path / "schema-3.db"
    conn = sqlite3.connect(source)
    conn.executescript((FIXTURES / "schema-3.sql").read_text(encoding="utf-8"))
    conn.close()
    source_bytes, current = source.read_bytes(), _folder(db_path)

    def failing(conn: sqlite3.Connection) -> None:
        MIGRATIONS[3].apply(conn)
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "MIGRATIONS", (*MIGRATIONS[:3], Migration("x", failing),
                                                 *MIGRATIONS[4:]))
        result = mn("restore", str(source), ok=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert source.read_bytes() == source_bytes
    assert _folder(db_path) == current
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []


def test_the_installed_command_refuses_a_database_with_a_planted_trigger(
        db_path: Path, good_file: Path) -> None:
    crafted = _crafted(good_file, db_path.parent, trigger)
    crafted.rename(db_path)
    before = db_path.read_bytes()
    for args in (("log", "dana", "hello"), ("list",), ("undo", "--yes")):
        result = _run(*args)
        assert result.returncode == 1, (args, result.stdout)
        assert result.stdout == ""
        assert result.stderr.startswith(f"mentornet: {str(db_path)!r} is not laid out as "
                                        "mentornet makes its databases"), result.stderr
        assert "a trigger 'steal' that mentornet does not make" in result.stderr
        assert db_path.read_bytes() == before
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM favour").fetchone()[0] == 1
    assert conn.execute("SELECT email FROM person").fetchone()[0] == "dana@example.com"
    conn.close()
