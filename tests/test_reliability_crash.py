"""`kill -9` in the middle of writing, many times: the file stays sound, and every record
is there whole or not at all."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

ROUNDS = 30
TOUCHBASES = 3  # each person is written together with these rows, in one change
NOTE = "A long private note about the session. " * 300  # ~11 KB: many pages per change


def _write_forever(db: Path, round_number: int) -> None:
    """Add whole people (with touch-bases, a favour, a follow-up, a parked item), edit and
    undo, until killed. Runs in a forked child."""
    from mentornet.store import Store
    from mentornet.store.api import writing

    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    today = date(2026, 11, 22)
    for k in range(10_000):
        if k % 5 == 4:
            with Store(db, write=True, today=today, now=now) as store:
                store.undo()  # takes back the newest whole person
            continue
        with writing(db, description=f"round {round_number} #{k}", now=now) as tx:
            person_id = tx.add_person(
                name=f"Round {round_number} person {k}", kind="formal", role=None,
                org=None, via=None, met_on=today, focus=["x"], cadence_days=None,
                email=None, link=None, note=NOTE, force=True, first_meeting=False)
            for n in range(TOUCHBASES):
                tx.log_touchbase(
                    person_id=person_id, on=today, channel="call", initiator="me",
                    answered=True, notes=f"{n} {NOTE}", topics=[], feedback=None,
                    discussed=[], next_session=None)
            tx.add_favour(person_id=person_id, direction="give", on=today, kind="intro",
                          description=NOTE)
            tx.add_followup(person_id=person_id, text=NOTE, due=None, today=today)
            tx.park(person_id=person_id, kind="question", text=NOTE, on=today)
            tx.edit_person(1, notes=f"edited in round {round_number} #{k}")


def _check(db: Path) -> dict[str, int]:
    """Integrity ok, links whole, and every person complete; returns what was found."""
    conn = sqlite3.connect(db)  # opening rolls back a hot journal left by the kill
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute("""
            SELECT p.id,
                   (SELECT count(*) FROM touchbase t WHERE t.person_id = p.id),
                   (SELECT count(*) FROM favour f WHERE f.person_id = p.id),
                   (SELECT count(*) FROM followup u WHERE u.person_id = p.id),
                   (SELECT count(*) FROM parked_item i WHERE i.person_id = p.id)
            FROM person p WHERE p.name LIKE 'Round %'""").fetchall()
        partial = [row for row in rows if row[1:] != (TOUCHBASES, 1, 1, 1)]
        assert partial == [], f"partial records: {partial[:5]}"
        orphans = conn.execute("SELECT count(*) FROM change_step WHERE change_id NOT IN "
                               "(SELECT id FROM change_log)").fetchone()[0]
        assert orphans == 0
        assert conn.execute("SELECT recording FROM undo_state").fetchone()[0] == 1
        return {"people": len(rows)}
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_kill_9_during_writes_never_leaves_a_partial_record(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("log", "dana", "Before the crashes")  # today's automatic backup exists from here
    import mentornet.store.undo  # noqa: F401  (imported before fork, so children start at once)
    import mentornet.store.writes  # noqa: F401

    rng = random.Random(20261122)
    journals, landed = 0, []
    for round_number in range(ROUNDS):
        pid = os.fork()
        if pid == 0:  # the child writes until killed, and never returns into pytest
            code = 0
            try:
                _write_forever(db_path, round_number)
            except BaseException:
                code = 1
            os._exit(code)
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), "the writer stopped by itself: it failed"
        journal = db_path.with_name(db_path.name + "-journal")
        if journal.exists() and journal.stat().st_size > 0:  # empty: nothing to roll back
            journals += 1  # killed inside a transaction
            if journals == 1:  # doctor explains it, and leaves both files as they are
                before = (db_path.read_bytes(), journal.read_bytes())
                doctor = mn("doctor")
                assert "An interrupted write left" in doctor.stdout
                assert (db_path.read_bytes(), journal.read_bytes()) == before
        # The first command after the crash is a read: it must work (rolling back first).
        assert mn("show", "dana", "--json").exit_code == 0
        landed.append(_check(db_path)["people"])
    assert journals > 0, "no kill landed inside a transaction"
    assert landed[-1] > 0, "no change was ever committed"
    # The change journal survived too: undo still takes back whole changes.
    for _ in range(3):
        mn("undo")
        _check(db_path)
    assert mn("show", "dana", "--json").exit_code == 0


@pytest.mark.slow
def test_kill_9_of_the_real_command_leaves_all_or_nothing(db_path: Path) -> None:
    """The real `python -m mentornet add`, killed at moments spread over its run."""
    subprocess.run([sys.executable, "-m", "mentornet", "add", "Dana Lee"], check=True,
                   capture_output=True, timeout=60)
    for delay in (0.25, 0.35, 0.45, 0.55, 0.65, 0.8):
        process = subprocess.Popen([sys.executable, "-m", "mentornet", "add", "Sam Wu",
                                    "--met", "2026-11-01", "--force", "--note", NOTE],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        conn = sqlite3.connect(db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            sams = conn.execute("SELECT id FROM person WHERE name = 'Sam Wu'").fetchall()
            for (pid,) in sams:  # each Sam came with his first meeting, whole
                assert conn.execute("SELECT count(*) FROM touchbase WHERE person_id = ?",
                                    (pid,)).fetchone()[0] == 1
        finally:
            conn.close()
