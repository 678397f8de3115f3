"""`undo` reverses the most recent change of every kind, can be repeated, and works across
processes because the change journal lives in the database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mentornet.migrations import JOURNALED_TABLES

pytestmark = pytest.mark.both_engines  # see conftest.py


def _rows(db: Path | str) -> dict[str, list[tuple]]:
    """Every row the user owns, table by table, in rowid order (on either engine)."""
    if isinstance(db, str):
        return _server_rows(db)
    conn = sqlite3.connect(db)
    try:
        tables = [*JOURNALED_TABLES, "database_identity"]
        present = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
        return {t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
                for t in tables if t in present}
    finally:
        conn.close()


def _server_rows(url: str) -> dict[str, list[tuple]]:
    """_rows of a PostgreSQL database: its key column (id, or rowid) first, as SQLite's."""
    import psycopg

    with psycopg.connect(url) as conn:
        columns: dict[str, set[str]] = {}
        for table, column in conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()"):
            columns.setdefault(table, set()).add(column)
        rows = {}
        for table in [*JOURNALED_TABLES, "database_identity"]:
            if table in columns:
                key = "id" if "id" in columns[table] else "rowid"
                rows[table] = conn.execute(
                    f'SELECT "{key}", * FROM "{table}" ORDER BY "{key}"').fetchall()
                if key == "rowid":  # SQLite's rowid is not among the columns of SELECT *
                    rows[table] = [(row[0], *row[2:]) for row in rows[table]]
        return rows


@pytest.fixture
def db(env_setup: Path | str) -> Path | str:
    """The test's database on either engine: the SQLite path or the PostgreSQL URL."""
    return env_setup


@pytest.fixture
def panel(mn, db: Path | str, tmp_path: Path) -> Path | str:
    """A panel with a person, a parked item, a follow-up and a goal to act on."""
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-10-01")
    mn("add", "Sam Wu")
    mn("park", "dana", "How do I push back?")
    mn("todo", "add", "dana", "Send the strategy doc", "--due", "friday")
    mn("goal", "add", "Lead a team of 5", "--mentor", "dana")
    people = tmp_path / "people.csv"
    people.write_text("name,kind,org\nPriya Natarajan,prospect,Umbrella\n", encoding="utf-8")
    return db


CHANGES = {
    "add": ("add", "Ana Ruiz", "--kind", "mentee", "--note", "met at the offsite"),
    "log": ("log", "dana", "Talked about the reorg", "--discussed", "1", "--next", "friday"),
    "give": ("give", "dana", "Intro to Priya", "--kind", "intro"),
    "got": ("got", "sam", "Advice on the roadmap review"),
    "park": ("park", "sam", "What would you cut?", "--as", "idea"),
    "todo add": ("todo", "add", "sam", "Share the deck"),
    "todo done": ("todo", "done", "1"),
    "goal add": ("goal", "add", "Ship the pricing test", "--mentor", "sam", "--mentor", "dana"),
    "goal progress": ("goal", "progress", "1", "Ran my first hiring loop"),
    "goal done": ("goal", "done", "1"),
    "goal drop": ("goal", "drop", "1"),
    "edit": ("edit", "dana", "--status", "paused", "--every", "6w", "--name", "Dana Lee-Park"),
    "schedule": ("schedule", "dana", "2026-12-03"),
    "snooze": ("snooze", "sam", "in 3 weeks"),
    "import": ("import", "{csv}", "--format", "csv"),
}


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_undo_reverses_each_kind_of_change_exactly(mn, panel: Path, tmp_path: Path,
                                                   kind: str) -> None:
    before = _rows(panel)
    args = [a.replace("{csv}", str(tmp_path / "people.csv")) for a in CHANGES[kind]]
    mn(*args)
    assert _rows(panel) != before, f"`{kind}` changed nothing to undo"
    result = mn("undo")
    assert _rows(panel) == before
    assert result.stdout.startswith("Undid `")
    assert args[0] in result.stdout


def test_undo_says_what_it_undid(mn, panel: Path) -> None:
    mn("log", "dana", "Coffee chat", "--via", "coffee")
    assert mn("undo").stdout.strip() == "Undid `log dana` (made 2026-11-22 12:00)."


def test_repeated_undo_walks_back_one_change_at_a_time(mn, db: Path | str) -> None:
    mn("add", "Sam Wu")
    snapshots = []
    for args in (("add", "Dana Lee"), ("log", "dana", "One"), ("give", "dana", "Intro"),
                 ("edit", "dana", "--org", "Acme")):
        snapshots.append(_rows(db))
        mn(*args)
    for expected in reversed(snapshots):
        mn("undo")
        assert _rows(db) == expected
    assert [row[2] for row in _rows(db)["person"]] == ["Sam Wu"]


def test_nothing_to_undo_is_a_clear_message(mn, db_path: Path) -> None:
    first = mn("undo", ok=False)
    assert first.exit_code == 1
    assert "nothing to undo" in first.stderr
    assert not db_path.exists()  # undo on no database creates none
    mn("add", "Dana Lee")
    mn("undo")
    again = mn("undo", ok=False)
    assert again.exit_code == 1
    assert again.stderr.startswith("mentornet: nothing to undo")
    assert "Traceback" not in again.output


def test_undo_works_across_processes(mn, db: Path | str) -> None:
    mn("add", "Dana Lee")
    before = _rows(db)
    mn("log", "dana", "Logged in this process")
    undo = subprocess.run([sys.executable, "-m", "mentornet", "undo"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert undo.returncode == 0, undo.stderr
    assert "log dana" in undo.stdout
    assert _rows(db) == before


def test_undo_of_an_add_also_removes_what_came_with_it(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("log", "dana", "Coffee")
    mn("park", "dana", "A question")
    for _ in range(3):
        mn("undo")
    rows = _rows(db_path)
    assert all(rows[t] == [] for t in JOURNALED_TABLES)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM change_step").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM change_value").fetchone()[0] == 0


def test_undo_is_not_itself_undoable_and_leaves_no_journal_behind(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("edit", "dana", "--org", "Acme")
    mn("undo")
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT description FROM change_log").fetchall() == [("add Dana Lee",)]
    assert conn.execute("SELECT recording FROM undo_state").fetchone()[0] == 1
    # the change that was undone left nothing of itself in the journal
    assert conn.execute("SELECT count(*) FROM change_step WHERE change_id NOT IN "
                        "(SELECT id FROM change_log)").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM change_value WHERE step_id NOT IN "
                        "(SELECT id FROM change_step)").fetchone()[0] == 0


def test_a_failed_command_records_no_change_to_undo(mn, db: Path | str) -> None:
    mn("add", "Dana Lee")
    mn("log", "dana", "x", "--discussed", "42", ok=False)
    mn("undo")  # undoes the add, not the failed log
    assert _rows(db)["person"] == []


def test_undo_on_a_read_only_database_fails_clearly(mn, db_path: Path, monkeypatch) -> None:
    mn("add", "Dana Lee")
    import mentornet.store.sqlite.connection as connection

    real = connection._connect

    def read_only(target: str, *, read_only: bool, threads: bool = False) -> sqlite3.Connection:
        return real(target, read_only=True, threads=threads)

    with monkeypatch.context() as patch:  # not monkeypatch.undo(): that drops conftest's env
        patch.setattr(connection, "_connect", read_only)
        result = mn("undo", ok=False)
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    assert len(_rows(db_path)["person"]) == 1


# undo after restore ---------------------------------------------------------------------


@pytest.fixture
def restored(mn, db_path: Path, tmp_path: Path) -> Path:
    """A database just restored from a backup that holds two changes of its own."""
    mn("add", "Dana Lee", "--met", "2026-11-22")
    mn("log", "dana", "Inside the backup")
    mn("backup", str(tmp_path / "backup.db"))
    mn("add", "Sam Wu")
    mn("restore", str(tmp_path / "backup.db"))
    return db_path.with_name("mentornet.db.replaced-2026-11-22.bak")


def test_undo_right_after_a_restore_says_so_and_refuses_without_a_terminal(
        mn, db_path: Path, restored: Path) -> None:
    before = _rows(db_path)
    result = mn("undo", ok=False)
    assert result.exit_code == 1
    assert "The last change was a restore (`restore " in result.stderr
    assert f"`mentornet restore {restored}` takes it back" in result.stderr
    assert "`log dana` (made 2026-11-22 12:00), was recorded inside the restored file: " \
           "nothing was undone; run `mentornet undo --yes`" in result.stderr
    assert _rows(db_path) == before
    assert restored.exists()


def test_undo_yes_undoes_a_change_from_inside_the_restored_file(mn, db_path: Path,
                                                                restored: Path) -> None:
    result = mn("undo", "--yes")
    assert "The last change was a restore" in result.stderr
    assert result.stdout.strip() == "Undid `log dana` (made 2026-11-22 12:00)."
    assert len(_rows(db_path)["touchbase"]) == 1  # the first meeting only
    again = mn("undo", ok=False)  # the next one asks again
    assert "recorded inside the restored file" in again.stderr


def test_a_change_made_after_the_restore_is_undone_without_asking(mn, db_path: Path,
                                                                 restored: Path) -> None:
    before = _rows(db_path)
    mn("give", "dana", "An intro")
    assert mn("undo").stdout.startswith("Undid `give dana`")
    assert _rows(db_path) == before
    assert mn("undo", ok=False).exit_code == 1  # and then it stops at the restore again


def test_undo_after_restoring_into_no_database(mn, db_path: Path, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("backup", str(tmp_path / "backup.db"))
    for leftover in db_path.parent.iterdir():
        if leftover.is_file():
            leftover.unlink()
    mn("restore", str(tmp_path / "backup.db"))
    result = mn("undo", ok=False)
    assert "there was no database before it" in result.stderr


def _in_a_terminal(args: list[str], answer: bytes) -> tuple[int, str]:
    """Run the installed command with a terminal as its input, typing `answer`."""
    import os
    import pty

    script = Path(sys.executable).parent / "mentornet"
    pid, fd = pty.fork()
    if pid == 0:  # the child: its standard streams are the terminal
        os.execv(str(script), [str(script), *args])
    output = b""
    os.write(fd, answer)
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


@pytest.mark.parametrize(("answer", "undone"), [(b"n\n", False), (b"y\n", True)])
def test_in_a_terminal_undo_asks_before_a_change_inside_the_restored_file(
        mn, db_path: Path, restored: Path, answer: bytes, undone: bool) -> None:
    before = _rows(db_path)
    code, output = _in_a_terminal(["undo"], answer)
    assert code == 0, output
    assert "The last change was a restore" in output
    assert "Undo `log dana` (made 2026-11-22 12:00), a change recorded inside the " \
           "restored file? [y/N]" in output
    if undone:
        assert "Undid `log dana`" in output
        assert len(_rows(db_path)["touchbase"]) == len(before["touchbase"]) - 1
    else:
        assert "Nothing was undone." in output
        assert _rows(db_path) == before


def test_undo_gives_back_a_phone_number(mn) -> None:
    mn("add", "Dana Lee", "--phone", "+1 555 0100")
    mn("edit", "dana", "--phone", "+44 20 7946 0000")
    mn("undo")
    assert "+1 555 0100" in mn("show", "dana").stdout
