"""Hostile or damaged import files end quickly, in bounded memory, with a message naming the
bound they crossed; nothing is written.

Each import runs as the installed command in a process of its own, so that its peak memory
(the child's maximum resident set) can be read. The time limit is a guard against hangs,
not a measure of speed (benchmarks/ measures speed).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mentornet.io.files import MAX_COLUMNS, MAX_FIELD_CHARS, MAX_RECORDS

COMMAND = Path(sys.executable).with_name("mentornet")
HANG = 60  # seconds: every import of a malformed file up to 100 MB ends within a minute
MB = 2**20


# Forks and execs the import, then prints its exit status and peak RSS. A child's ru_maxrss
# starts from its parent's resident size at the fork (Linux keeps the high-water mark across
# exec), so the import is started by this bare Python of a few MiB, not by the test run,
# which may have grown past the limits measured here.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, flush=True)
"""


def _import_measured(path: Path, db: Path, *args: str) -> tuple[int, str, int]:
    """Run the import and wait for it with wait4, which reports the child's own peak."""
    env = {**os.environ, "MENTORNET_DB": str(db), "MENTORNET_TODAY": "2026-11-22",
           "COLUMNS": "200", "NO_COLOR": "1"}
    err_path = db.parent.parent / "stderr.txt"
    db.parent.mkdir(parents=True, exist_ok=True)
    with err_path.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, str(COMMAND), "import", str(path), *args],
            env=env, stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True)
        try:
            out, _ = process.communicate(timeout=HANG)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"importing {path.name} took more than {HANG} s")
    code, peak = (int(word) for word in out.split())
    return code, err_path.read_text(), peak // 1024


def _nothing_written(db: Path) -> bool:
    if not db.exists():
        return True
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_10_mb_csv_with_a_million_columns_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    cells = ",".join(f"c{n:08d}" for n in range(1, 1_000_000))
    path.write_text("name," + cells + "\n", encoding="utf-8")
    assert path.stat().st_size >= 9 * MB
    code, err, peak = _import_measured(path, tmp_path / "data" / "mentornet.db")
    assert code == 1
    assert f"row 1: has 1,000,000 columns, more than the {MAX_COLUMNS:,}" in err
    assert "nothing was imported" in err
    assert peak < 400, f"peak memory {peak} MB"
    assert _nothing_written(tmp_path / "data" / "mentornet.db")


def test_a_50_mb_vcard_with_a_long_folded_note_is_refused_with_its_card(tmp_path: Path) -> None:
    path = tmp_path / "note.vcf"
    line = " " + "x" * 74 + "\r\n"
    with path.open("w", encoding="ascii", newline="") as out:
        out.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Lee\r\nNOTE:start\r\n")
        out.write(line * (50 * MB // len(line)))
        out.write("END:VCARD\r\n")
    code, err, peak = _import_measured(path, tmp_path / "data" / "mentornet.db")
    assert code == 1
    limit = f"{MAX_FIELD_CHARS // MB} MB"
    assert f"card 1, line 4: the NOTE on line 4 is longer than {limit}" in err
    assert "xxxx" not in err  # the note itself is never quoted
    assert peak < 700, f"peak memory {peak} MB"
    assert _nothing_written(tmp_path / "data" / "mentornet.db")


def test_a_100_mb_csv_cell_that_never_closes_its_quote_stops_at_the_field_limit(
        tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    chunk = "y" * MB
    with path.open("w", encoding="ascii") as out:
        out.write('name,notes\nDana,"')
        for _ in range(100):
            out.write(chunk)
    code, err, peak = _import_measured(path, tmp_path / "data" / "mentornet.db")
    assert code == 1
    assert f"a cell is longer than {MAX_FIELD_CHARS // MB} MB" in err
    assert peak < 600, f"peak memory {peak} MB"


def test_more_rows_than_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("name\n" + "".join(f"P{n}\n" for n in range(MAX_RECORDS + 1)),
                    encoding="utf-8")
    code, err, _ = _import_measured(path, tmp_path / "data" / "mentornet.db")
    assert code == 1
    assert f"the file has more than {MAX_RECORDS:,} rows" in err


def test_more_cards_than_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD\nFN:x\nEND:VCARD\n" * (MAX_RECORDS + 1), encoding="utf-8")
    code, err, _ = _import_measured(path, tmp_path / "data" / "mentornet.db")
    assert code == 1
    assert f"the file has more than {MAX_RECORDS:,} cards" in err
