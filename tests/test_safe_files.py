"""mentornet never replaces a file it did not make for that purpose, writes through pipes
and devices, refuses its own database and backups as outputs, keeps every folder it makes
private, opens exactly the database path given, and says only what is true."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest


def _script() -> list[str]:
    script = Path(sys.executable).parent / "mentornet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mentornet"]


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 30,
        umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, in a child process (optionally under another umask)."""
    def preexec() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([*_script(), *args], env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=preexec)


@pytest.fixture
def panel(mn: Callable[..., object]) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("log", "dana", "Roadmap")


# Never replace what mentornet did not make ---------------------------------------------

OUTPUTS = {  # command line writing FILE -> what makes a file one it may replace
    "prep": ("prep", "dana", "--out"),
    "export json": ("export", "--format", "json", "--out"),
    "export csv": ("export", "--format", "csv", "--out"),
    "export vcard": ("export", "--format", "vcard", "--out"),
    "export ics": ("export", "--format", "ics", "--out"),
    "review": ("review", "--svg"),
    "backup": ("backup",),
    "demo": ("demo", "--demo-db"),
}


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_an_output_replaces_only_its_own_kind_of_file(mn, tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.file"
    target.write_text("six months of my own notes\n")
    refused = mn(*OUTPUTS[name], str(target), ok=False)
    assert refused.exit_code == 1
    assert str(target) in refused.stderr
    assert "another" in refused.stderr
    assert "--force" in refused.stderr
    assert target.read_text() == "six months of my own notes\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.file")] == []
    target.unlink()
    mn(*OUTPUTS[name], str(target))  # a new file
    first = target.read_bytes()
    assert first
    mn(*OUTPUTS[name], str(target))  # its own output: replaced
    target.write_text("not mine any more\n")
    mn(*OUTPUTS[name], str(target), "--force")
    assert target.read_bytes() != b"not mine any more\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("first", [(), ("--send-only",), ("--json",)])
def test_prep_replaces_its_own_recap_of_any_shape(mn, tmp_path: Path, first) -> None:
    target = tmp_path / "recap.txt"
    mn("prep", "dana", *first, "--out", str(target))
    for again in [(), ("--send-only",), ("--json",)]:
        mn("prep", "dana", *again, "--out", str(target))
    mn("me", "--name", "Alex Doe", "--sign-off", "Thanks,")  # a Subject line from now on
    mn("prep", "dana", "--send-only", "--out", str(target))
    assert target.read_text().startswith("Subject: ")
    mn("prep", "dana", "--out", str(target))


def test_prep_replaces_its_own_note_with_nothing_to_report(mn, tmp_path: Path) -> None:
    # A note with no news opens with a hello (render/recap.py's OPENINGS): still known as
    # a recap, so the next prep replaces it without --force.
    from mentornet.render.recap import OPENINGS

    mn("add", "Sam Okafor", "--kind", "informal", "--no-meeting")
    target = tmp_path / "note.txt"
    mn("prep", "sam", "--send-only", "--out", str(target))
    first = target.read_text().split("\n\n")[1]
    assert first == "I wanted to say hello and keep in touch."
    assert first.startswith(OPENINGS)
    mn("park", "sam", "How did you pick your first PM role?")
    mn("prep", "sam", "--send-only", "--out", str(target))
    assert "How did you pick your first PM role?" in target.read_text()


@pytest.mark.usefixtures("panel")
def test_an_export_replaces_only_an_export_of_the_same_format(mn, tmp_path: Path) -> None:
    target = tmp_path / "panel.out"
    mn("export", "--format", "csv", "--out", str(target))
    csv = target.read_bytes()
    result = mn("export", "--format", "vcard", "--out", str(target), ok=False)
    assert "is not a vCard export" in result.stderr
    assert target.read_bytes() == csv


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("name", ["prep", "export json", "review", "backup", "demo"])
def test_the_database_its_journal_and_backups_are_refused_even_with_force(
        mn, db_path: Path, name: str) -> None:
    mn("log", "dana", "next day", today="2026-11-23")  # makes the daily backup
    daily = sorted((db_path.parent / "backups").iterdir())[0]
    journal = db_path.with_name(db_path.name + "-journal")
    journal.write_bytes(b"")
    before = {p: p.read_bytes() for p in (db_path, daily, journal)}
    for path in before:
        result = mn(*OUTPUTS[name], str(path), "--force", ok=False)
        assert result.exit_code == 1, (path, result.stdout)
        assert str(path) in result.stderr
    assert {p: p.read_bytes() for p in before} == before
    journal.unlink()
    assert mn("show", "dana").exit_code == 0


@pytest.mark.usefixtures("panel")
def test_dash_and_dev_stdout_write_to_standard_output(tmp_path: Path) -> None:
    out = tmp_path / "redirected.csv"
    out.write_text("")
    with out.open("w") as handle:  # the shell's `> redirected.csv`: a regular file
        done = subprocess.run([*_script(), "export", "--format", "csv", "--out",
                               "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE,
                              text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("id,name,kind")
    dashed = run("prep", "dana", "--out", "-")
    assert dashed.stdout.startswith("# Prep: Dana Lee")
    assert dashed.stderr == ""
    assert not Path("-").exists()


@pytest.mark.usefixtures("panel")
def test_a_fifo_is_written_through_never_renamed_over(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "--format", "csv", "--out", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received
    assert received[0].startswith("\ufeffid,name".encode())


@pytest.mark.usefixtures("panel")
def test_a_device_is_written_through_and_a_symlink_kept(mn, tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    mn("export", "--out", str(link))
    assert link.is_symlink()
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    real = tmp_path / "real.ics"
    pointer = tmp_path / "calendar.ics"
    pointer.symlink_to(real)
    mn("export", "--out", str(pointer))
    mn("export", "--out", str(pointer))
    assert pointer.is_symlink()
    assert real.read_text().startswith("BEGIN:VCALENDAR")


def test_the_demo_lives_beside_the_configured_database(mn, tmp_path: Path) -> None:
    db = tmp_path / "elsewhere" / "panel.db"
    result = mn("--db", str(db), "demo")
    assert (db.parent / "demo.db").is_file()
    assert str(db.parent / "demo.db") in result.stdout
    assert not db.exists()
    assert not (tmp_path / "home").exists()  # the platform's data folder is never touched
    mn("--db", str(db), "demo")  # an earlier demo is replaced
    assert mn("--db", str(db.parent / "demo.db"), "show", "dana").exit_code == 0


def test_the_demo_never_replaces_a_panel(mn, db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "six-months.db"
    mn("--db", str(other), "add", "Sam Wu")
    before = other.read_bytes()
    result = mn("demo", "--demo-db", str(other), ok=False)
    assert "is not a mentornet demo" in result.stderr
    assert "--force" in result.stderr
    assert other.read_bytes() == before


# Folders --------------------------------------------------------------------------------


def test_every_folder_made_is_private_even_under_umask_000(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "c" / "mn.db"
    result = run("--db", str(db), "add", "Dana Lee", umask=0)
    assert result.returncode == 0, result.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", db.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    run("--db", str(db), "log", "dana", "next day", env={"MENTORNET_TODAY": "2026-11-23"},
        umask=0)
    backups = db.parent / "backups"
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    dest = tmp_path / "x" / "y"
    restored_into = tmp_path / "r" / "s" / "mn.db"
    [daily] = backups.iterdir()
    assert run("--db", str(restored_into), "restore", str(daily), umask=0).returncode == 0
    for folder in (tmp_path / "r", restored_into.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert not dest.exists()


# The database path ------------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["a%41b", "what?mode=rw", "hash#tag", "two words",
                                    "café ☕", "%2e%2e", "x%00y"])
def test_the_database_path_is_taken_literally(tmp_path: Path, folder: str) -> None:
    db = tmp_path / folder / "mn.db"
    assert run("--db", str(db), "add", "Dana Lee").returncode == 0
    assert db.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
    listed = run("--db", str(db), "list")
    assert "Dana Lee" in listed.stdout
    assert run("--db", str(db), "doctor").returncode == 0
    assert "Dana Lee" in run("--db", str(db), "export").stdout


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
@pytest.mark.parametrize("what", ["database", "settings"])
def test_a_fifo_folder_or_device_is_refused_at_once(tmp_path: Path, kind: str,
                                                    what: str) -> None:
    path = tmp_path / "special"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    variable = "MENTORNET_DB" if what == "database" else "MENTORNET_CONFIG"
    commands = [("due", "--brief"), ("due",), ("export", "--format", "ics")]
    commands += ([("add", "Dana Lee"), ("export",), ("doctor",)] if what == "database"
                 else [("config",)])
    for args in commands:
        started = time.monotonic()
        result = run(*args, env={variable: str(path)}, timeout=20)
        assert time.monotonic() - started < 15
        # A folder given as --db is a usage error (2) to the option parser already.
        assert result.returncode in ((1, 2) if kind == "folder" else (1,)), (args, result)
        said = result.stdout + result.stderr  # doctor reports on standard output
        assert str(path) in said
        assert "Traceback" not in said
    if kind == "fifo":
        assert stat.S_ISFIFO(path.lstat().st_mode)


# Messages that tell the truth ---------------------------------------------------------------


def test_a_failed_first_write_creates_no_file_or_folder(tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "mn.db"
    for args in (("log", "nobody", "hi"), ("todo", "done", "3"), ("edit", "x", "--org", "Y"),
                 ("park", "nobody", "text")):
        result = run("--db", str(db), *args)
        assert result.returncode == 1
    assert list(tmp_path.iterdir()) == []
    assert run("--db", str(db), "add", "Dana Lee").returncode == 0
    assert db.is_file()
    assert sorted(p.name for p in db.parent.iterdir()) == ["mn.db"]


def test_a_failed_write_with_a_failed_backup_does_not_say_saved(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", today="2026-11-20")
    (db_path.parent / "backups").write_text("a file where the folder should be")
    result = run("log", "nobody", "hi", env={"MENTORNET_TODAY": "2026-11-21"})
    assert result.returncode == 1
    assert "automatic backup could not be made" in result.stderr
    assert "saved" not in result.stderr.replace("was not saved", "")
    assert "your change was not saved" in result.stderr
    kept = run("log", "dana", "kept", env={"MENTORNET_TODAY": "2026-11-21"})
    assert kept.returncode == 0
    assert "your change is saved" in kept.stderr


def test_pruning_removes_only_mentornet_backups(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", today="2026-11-01")
    backups = db_path.parent / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    strangers = {backups / "mentornet-2001-01-01.db": b"my tax return",
                 backups / "mentornet-2001-01-02.db": b"SQLite format 3\x00 not really",
                 backups / "notes.txt": b"keep me",
                 backups / "mentornet-2001-01-03.db.txt": b"keep me too"}
    for path, data in strangers.items():
        path.write_bytes(data)
    other = sqlite3.connect(backups / "mentornet-2001-01-04.db")  # another program's
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    for day in range(2, 14):
        mn("log", "dana", f"day {day}", today=f"2026-11-{day:02d}")
    for path, data in strangers.items():
        assert path.read_bytes() == data
    assert (backups / "mentornet-2001-01-04.db").exists()
    ours = sorted(p.name for p in backups.iterdir() if p.name.startswith("mentornet-2026"))
    assert ours == [f"mentornet-2026-11-{day:02d}.db" for day in range(7, 14)]


# Ctrl-C ---------------------------------------------------------------------------------------


def test_ctrl_c_says_nothing_was_changed_and_exits_130(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    lock = sqlite3.connect(db_path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # the write below waits for this lock
    try:
        child = subprocess.Popen([*_script(), "log", "dana", "interrupted"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert child.returncode == 130, (out, err)
    assert err.strip().endswith("Interrupted: nothing was changed")
    assert "Traceback" not in err
    count = sqlite3.connect(db_path).execute("SELECT count(*) FROM touchbase").fetchone()[0]
    assert count == 0
