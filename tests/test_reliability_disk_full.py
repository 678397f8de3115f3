"""A full disk: the write rolls back, everything written before it stays, and the message
says what happened without quoting the note."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import mentornet.store.sqlite.connection as connection

BIG_NOTE = "Private: " + "the reorg, the budget, the people. " * 9_000  # about 320 KB


def _rows(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                for t in ("person", "touchbase", "favour", "followup", "change_log")}
    finally:
        conn.close()


def _healthy(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def _panel(mn) -> None:
    mn("add", "Dana Lee", "--note", "Monthly")
    mn("log", "dana", "Talked about the reorg")  # also takes today's automatic backup
    mn("todo", "add", "dana", "Send the doc")


def _assert_refused(result, db: Path) -> None:
    assert result.exit_code == 1
    assert "disk is full" in result.stderr
    assert "nothing was changed" in result.stderr
    assert str(db) in result.stderr
    assert "the budget" not in result.output  # never the note text
    assert "Traceback" not in result.output


@contextlib.contextmanager
def _page_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every writing connection may grow the file by two pages at most."""
    real = connection._connect

    def limited(target: str, *, read_only: bool, threads: bool = False) -> sqlite3.Connection:
        conn = real(target, read_only=read_only, threads=threads)
        if target != ":memory:" and not read_only:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return conn

    with monkeypatch.context() as patch:
        patch.setattr(connection, "_connect", limited)
        yield


def test_a_write_too_big_for_the_space_left_rolls_back(mn, db_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _panel(mn)
    before = _rows(db_path)
    with _page_limit(monkeypatch):
        for args in (("log", "dana", BIG_NOTE), ("add", "Sam Wu", "--note", BIG_NOTE),
                     ("edit", "dana", "--note", BIG_NOTE), ("give", "dana", BIG_NOTE),
                     ("todo", "add", "dana", BIG_NOTE)):
            _assert_refused(mn(*args, ok=False), db_path)
            assert _rows(db_path) == before, args
        mn("todo", "done", "1")  # a small change still fits
    assert _healthy(db_path)
    assert not db_path.with_name(db_path.name + "-journal").exists()
    mn("undo")
    assert _rows(db_path) == before
    mn("log", "dana", BIG_NOTE)  # with room again, the same write goes through
    assert json.loads(mn("show", "dana", "--json").stdout)["touchbases"][0]["notes"] == BIG_NOTE


@contextlib.contextmanager
def _tiny_filesystem(folder: Path, size: str = "2m") -> Iterator[Path]:
    folder.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700",
                                  "tmpfs", str(folder)], capture_output=True, check=False)
    except OSError:
        mounted = None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def _fill(folder: Path, leave: int) -> Path:
    """Fill the filesystem, then free `leave` bytes."""
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        with contextlib.suppress(OSError):
            handle.flush()
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    return filler


@pytest.mark.skipif(not shutil.which("mount") or os.geteuid() != 0,
                    reason="mounting a tmpfs needs root")
def test_a_really_full_filesystem_rolls_back_the_write(mn, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with _tiny_filesystem(tmp_path / "small") as folder:
        db = folder / "data" / "mentornet.db"
        monkeypatch.setenv("MENTORNET_DB", str(db))
        _panel(mn)
        before = _rows(db)
        filler = _fill(folder, leave=24 * 1024)
        for args in (("log", "dana", BIG_NOTE), ("add", "Sam Wu", "--note", BIG_NOTE)):
            _assert_refused(mn(*args, ok=False), db)
            assert _rows(db) == before, args
            assert _healthy(db)
        assert json.loads(mn("show", "dana", "--json").stdout)["notes"] == "Monthly"
        filler.unlink()
        mn("log", "dana", BIG_NOTE)
        assert _healthy(db)
        assert len(_rows(db)["touchbase"]) == len(before["touchbase"]) + 1
