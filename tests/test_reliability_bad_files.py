"""A file at the database path that mentornet cannot trust is refused with one clear line
naming the path, never a traceback, and is left byte-for-byte as it was."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mentornet.migrations import LATEST_VERSION


def _mentornet_db(path: Path) -> None:
    """A real mentornet database with enough rows to span many pages."""
    from datetime import UTC, date, datetime

    from mentornet.store.api import writing

    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    with writing(path, description="fixture", now=now) as tx:
        for n in range(40):
            tx.add_person(
                name=f"Person {n}", kind="formal", role=None, org=None, via=None,
                met_on=date(2026, 1, 1), focus=["x"], cadence_days=None, email=None,
                link=None, note="private note " * 40, force=False, first_meeting=True)
    # Dana is the one the commands below name.
    with writing(path, description="dana", now=now) as tx:
        tx.add_person(name="Dana Lee", kind="formal", role=None, org=None, via=None,
                      met_on=date(2026, 1, 1), focus=[], cadence_days=None, email=None,
                      link=None, note=None, force=False, first_meeting=True)


def corrupt(path: Path) -> None:
    """A mentornet database whose every page after the first is overwritten with junk."""
    _mentornet_db(path)
    data = path.read_bytes()
    junk = random.Random(7).randbytes(len(data) - 4096)
    path.write_bytes(data[:4096] + junk)


def truncated(path: Path) -> None:
    """A mentornet database cut short, as by a copy that stopped half-way."""
    _mentornet_db(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def text_file(path: Path) -> None:
    path.write_text("Dana Lee, formal, met 2026-01-01\nthese are my notes\n", encoding="utf-8")


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def another_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipe (name TEXT, steps TEXT)")
    conn.execute("INSERT INTO recipe VALUES ('bread', 'knead')")
    conn.commit()
    conn.close()


def another_application_by_id(path: Path) -> None:
    """An SQLite file stamped with someone else's application id, even if empty."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def newer_schema(path: Path) -> None:
    _mentornet_db(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()


BAD_FILES: dict[str, Callable[[Path], None]] = {
    "corrupt": corrupt,
    "truncated": truncated,
    "text file": text_file,
    "zero-byte file": zero_bytes,
    "another application's database": another_application,
    "another application's id": another_application_by_id,
    "newer schema": newer_schema,
}

COMMANDS = (
    ("list",),
    ("show", "dana"),
    ("due",),
    ("log", "dana", "hello"),
    ("add", "Eve Adams"),
    ("edit", "dana", "--org", "Acme"),
    ("todo", "add", "dana", "Send the doc"),
    ("undo",),
    ("backup",),
)


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()} | {
        p.name + "/": b"" for p in path.parent.iterdir() if p.is_dir()}


@pytest.fixture(params=sorted(BAD_FILES))
def bad_db(request: pytest.FixtureRequest, db_path: Path) -> Path:
    db_path.parent.mkdir(parents=True)
    BAD_FILES[request.param](db_path)
    return db_path


def test_every_command_refuses_a_bad_file_and_leaves_it_untouched(mn, bad_db: Path) -> None:
    before = _folder(bad_db)
    for args in COMMANDS:
        result = mn(*args, ok=False)
        assert result.exit_code == 1, (args, result.output)
        assert str(bad_db) in result.stderr, (args, result.stderr)
        assert result.stderr.startswith("mentornet: "), (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert _folder(bad_db) == before, f"`{' '.join(args)}` changed the folder"


def test_doctor_reports_a_bad_file_in_plain_words_and_changes_nothing(mn,
                                                                      bad_db: Path) -> None:
    before = _folder(bad_db)
    result = mn("doctor", ok=False)
    assert result.exit_code == 1
    assert str(bad_db) in result.stdout
    assert "problem" in result.stdout
    assert "Traceback" not in result.output
    assert _folder(bad_db) == before


def test_a_bad_file_is_refused_as_a_restore_source(mn, db_path: Path, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    current = db_path.read_bytes()
    for name, make in BAD_FILES.items():
        source = tmp_path / f"{name}.db"
        make(source)
        source_bytes = source.read_bytes()
        result = mn("restore", str(source), ok=False)
        assert result.exit_code == 1, (name, result.output)
        assert str(source) in result.stderr, (name, result.stderr)
        assert source.read_bytes() == source_bytes
        assert db_path.read_bytes() == current
    assert not list(db_path.parent.glob("*.replaced-*"))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["corrupt", "zero-byte file", "another application's database"])
def test_the_real_command_prints_one_line_and_no_traceback(db_path: Path, name: str) -> None:
    db_path.parent.mkdir(parents=True)
    BAD_FILES[name](db_path)
    before = db_path.read_bytes()
    result = subprocess.run([sys.executable, "-m", "mentornet", "log", "dana", "hello"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(db_path) in lines[0]
    assert db_path.read_bytes() == before

