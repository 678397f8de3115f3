"""`due`'s panel read ahead by a thread (store/sqlite/ahead.py): the same facts in the same
order as the plain query, whatever is stored; an error reaches the caller; closing the
store stops the thread; and `due` prints the same either way."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from mentornet.store.api import Store
from mentornet.store.engines import immediate
from mentornet.store.sqlite import panel
from mentornet.store.sqlite.ahead import ReadAhead
from mentornet.store.sqlite.connection import open_db

pytestmark = pytest.mark.sqlite_only  # the read ahead is SQLite's; a server reads at once

TODAY = date(2026, 11, 22)
NOW = "2026-11-22 12:00:00.000000+00:00"


def _panel(conn: sqlite3.Connection, people: int) -> None:
    """`people` people with a few touch-bases, favours, promises and job changes each."""
    with immediate(conn):
        for pid in range(1, people + 1):
            conn.execute(
                "INSERT INTO person (id, name, kind, status, focus, cadence_days, met_on, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, '[]', ?, '2025-01-10', ?, ?)",
                (pid, f"Person {pid}", ("formal", "informal", "mentee", "contact")[pid % 4],
                 "paused" if pid % 9 == 0 else "active", 30 + pid % 60, NOW, NOW))
            for n in range(pid % 5):
                conn.execute(
                    "INSERT INTO touchbase (person_id, happened_on, channel, initiator, "
                    "answered, topics, created_at) VALUES (?, ?, ?, ?, ?, '[]', ?)",
                    (pid, f"2026-0{1 + n}-1{pid % 10}", ("coffee", "email")[n % 2],
                     ("me", "them")[(pid + n) % 2], (pid + n) % 3 != 0, NOW))
            if pid % 3 == 0:
                conn.execute(
                    "INSERT INTO favour (person_id, direction, happened_on, kind, description, "
                    "created_at) VALUES (?, ?, '2026-05-01', 'intro', 'x', ?)",
                    (pid, ("give", "got")[pid % 2], NOW))
            if pid % 4 == 1:
                conn.execute(
                    "INSERT INTO followup (person_id, text, created_on, due, created_at) "
                    "VALUES (?, ?, '2026-06-01', ?, ?)",
                    (pid, f'Send "the deck"\nand a line, {pid}', f"2026-1{pid % 3}-05", NOW))
            if pid % 7 == 0:
                conn.execute(
                    "INSERT INTO job_change (person_id, noticed_on, new_role, new_org, source, "
                    "created_at) VALUES (?, '2026-11-01', 'VP Product', 'Nörthwind', "
                    "'linkedin', ?)",
                    (pid, NOW))


def _panel_file(tmp_path: Path, people: int) -> Path:
    db = tmp_path / "panel.db"
    writer = open_db(db, write=True)
    _panel(writer, people)
    writer.close()
    return db


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    reader = open_db(_panel_file(tmp_path, 60), write=False, mapped=True)
    yield reader
    reader.close()


@pytest.mark.parametrize("aside", [True, False])
def test_read_ahead_gives_the_facts_of_the_plain_query(conn: sqlite3.Connection,
                                                       aside: bool) -> None:
    plain = panel.panel_facts(conn, today=TODAY, include_set_aside=aside)
    started: list[ReadAhead] = []
    ahead = list(panel.panel_facts_ahead(conn, today=TODAY, include_set_aside=aside,
                                         started=started.append, ahead_from=1))
    assert len(started) == 1  # it did read ahead, in a thread
    assert ahead == plain
    assert any(f.open_followups for f in plain)
    assert any(f.job_news for f in plain)


def test_a_short_panel_is_read_at_once(conn: sqlite3.Connection) -> None:
    started: list[ReadAhead] = []
    facts = list(panel.panel_facts_ahead(conn, today=TODAY, started=started.append))
    assert started == []  # 60 ids: below AHEAD_FROM
    assert facts == panel.panel_facts(conn, today=TODAY)


@pytest.mark.parametrize(("column", "value"), [
    ("name", b"\x00bytes"),  # a BLOB: JSON has none
    ("name", "caf\udce9"),  # not UTF-8 once stored (surrogateescape)
    ("name", 0.30000000000000004),  # a TEXT column: stored as text, "0.3"
    ("cadence_days", 1.0000000000000002),  # a REAL kept: unreadable either way
    ("next_session", 0.30000000000000004),
    ("name", "nul \x00 inside"),
    ("met_on", b"2025-01-10"),
], ids=["blob", "not-utf8", "real-name", "real-cadence", "real-day", "nul", "blob-day"])
def test_odd_stored_values_read_ahead_as_plainly(tmp_path: Path, column: str,
                                                 value: object) -> None:
    db = tmp_path / "odd.db"
    writer = open_db(db, write=True)
    _panel(writer, 12)
    stored = (value.encode("utf-8", "surrogateescape")
              if isinstance(value, str) and "\udce9" in value else value)
    if isinstance(stored, bytes) and column == "name" and b"caf" in stored:
        # text that is not UTF-8: written as text, with SQLite's CAST
        writer.execute(f"UPDATE person SET {column} = CAST(? AS TEXT) WHERE id = 5", (stored,))
    else:
        writer.execute(f"UPDATE person SET {column} = ? WHERE id = 5", (stored,))
    writer.close()
    reader = open_db(db, write=False, mapped=True)
    try:
        plain = panel.panel_facts(reader, today=TODAY)
        ahead = list(panel.panel_facts_ahead(reader, today=TODAY, ahead_from=1))
    finally:
        reader.close()
    assert ahead == plain
    assert [f.person_id for f in plain].count(5) == 1


def test_an_error_in_the_thread_is_raised_to_the_reader(conn: sqlite3.Connection) -> None:
    ahead = ReadAhead(conn, [("SELECT id FROM person", {}), ("SELECT nonsense FROM nowhere", {})],
                      width=1)
    found = ahead.results()
    assert [row[0] for row in next(found)][:3] == [1, 2, 3]
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        next(found)
    conn.execute("SELECT 1").fetchone()  # the connection is the caller's again, not in a txn
    assert not conn.in_transaction


def test_closing_the_store_stops_the_thread(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = _panel_file(tmp_path, 300)
    monkeypatch.setattr(panel, "AHEAD_FROM", 1)
    monkeypatch.setattr(panel, "SLICE_IDS", 10)
    before = threading.active_count()
    store = Store(db, mapped=True)
    facts = store.panel_facts_ahead(today=TODAY)
    assert next(facts).person_id == 1
    store.close()  # the rest unread: the thread is interrupted and waited for
    assert threading.active_count() == before


def test_a_store_not_mapped_reads_at_once(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = _panel_file(tmp_path, 30)
    monkeypatch.setattr(panel, "AHEAD_FROM", 1)
    with Store(db) as store:  # its connection may not be used by another thread
        before = threading.active_count()
        facts = store.panel_facts_ahead(today=TODAY)
        assert threading.active_count() == before
        assert list(facts) == store.panel_facts(today=TODAY)


@pytest.mark.parametrize("args", [[], ["--all"], ["--brief"], ["--json"], ["--limit", "3"],
                                  ["--explain", "#13"]])
def test_due_prints_the_same_read_ahead_or_not(db_path: Path, mn,
                                               monkeypatch: pytest.MonkeyPatch,
                                               args: list[str]) -> None:
    mn("add", "Dana Lee", "--kind", "formal")  # the file, made the usual way
    conn = open_db(db_path, write=True)
    conn.execute("DELETE FROM person")
    _panel(conn, 80)
    conn.close()
    monkeypatch.setattr(panel, "AHEAD_FROM", 10**9)
    at_once = mn("due", *args).stdout
    monkeypatch.setattr(panel, "AHEAD_FROM", 1)
    started: list[ReadAhead] = []
    real = panel.ReadAhead

    def counted(*a: object, **k: object) -> ReadAhead:
        started.append(real(*a, **k))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(panel, "ReadAhead", counted)
    assert mn("due", *args).stdout == at_once
    assert len(started) == 1
    assert at_once.strip()


def test_inside_the_callers_transaction_it_reads_that_snapshot(conn: sqlite3.Connection
                                                               ) -> None:
    conn.execute("BEGIN")
    plain = panel.panel_facts(conn, today=TODAY)
    ahead = list(panel.panel_facts_ahead(conn, today=TODAY, ahead_from=1))
    assert conn.in_transaction  # still the caller's, to end
    conn.execute("ROLLBACK")
    assert ahead == plain
