"""Several mentornet processes writing at once queue on the write lock: every write lands and
none fails with "database is locked"; readers running meanwhile never fail either."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

WORKERS, WRITES = 4, 50

# One process running the real command line (`python -m mentornet`) many times in a row,
# so that the test measures writes, not interpreter start-up. It imports first, says
# "ready", waits for "go" so that all the workers start together, then reports every
# invocation that did not exit 0, with its standard error.
WORKER = r"""
import contextlib, io, json, runpy, sys
import mentornet.cli.main  # the import cost, before the start line
worker, count, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()
failures = []
for i in range(count):
    if mode == "write":
        args = ["log", "dana", f"worker {worker} write {i}", "--via", "call"]
    else:
        args = ["due"] if i % 2 else ["show", "dana", "--json"]
    sys.argv = ["mentornet", *args]
    err = io.StringIO()
    code = 0
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            runpy.run_module("mentornet", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code or 0
    if code != 0:
        failures.append([args, code, err.getvalue()])
print(json.dumps(failures), flush=True)
"""


def _start(worker: int, count: int, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WORKER, str(worker), str(count), mode],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _notes(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [n for (n,) in conn.execute("SELECT notes FROM touchbase WHERE notes LIKE "
                                           "'worker %' ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.slow
def test_four_processes_writing_fifty_times_each_all_land(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("log", "dana", "Before the rush")  # today's automatic backup is taken here
    processes = [_start(w, WRITES, "write") for w in range(WORKERS)]
    processes.append(_start(WORKERS, WRITES, "read"))  # a reader alongside
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready", process.stderr
    for process in processes:  # all at once
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    failures = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        failures += json.loads(out.strip().splitlines()[-1])
    assert failures == [], failures[:3]
    notes = _notes(db_path)
    expected = {f"worker {w} write {i}" for w in range(WORKERS) for i in range(WRITES)}
    assert len(notes) == WORKERS * WRITES
    assert set(notes) == expected
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # each write is its own undoable change (the journal keeps the newest KEEP_CHANGES)
    from mentornet.store.writes import KEEP_CHANGES

    assert conn.execute("SELECT count(*) FROM change_log WHERE description = 'log dana'"
                        ).fetchone()[0] == min(KEEP_CHANGES, WORKERS * WRITES)
    conn.close()


@pytest.mark.slow
def test_first_commands_racing_on_a_new_database_all_succeed(db_path: Path) -> None:
    """Separate `python -m mentornet` processes creating the database at the same moment."""
    names = ["Dana Lee", "Sam Wu", "Ana Ruiz", "Leo Martins"]
    processes = [subprocess.Popen([sys.executable, "-m", "mentornet", "add", name],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for name in names]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "locked" not in err
    conn = sqlite3.connect(db_path)
    assert sorted(n for (n,) in conn.execute("SELECT name FROM person")) == sorted(names)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name != db_path.name
                 and p.name != "backups"]
    assert leftovers == []
