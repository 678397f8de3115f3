"""backup, restore, doctor, the automatic daily backups and the sync-folder warning."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from mentornet.migrations import LATEST_VERSION
from mentornet.store.backup import KEEP_DAILY
from mentornet.store.filesystem import sync_folder
from mentornet.store.sqlite.connection import READ_MMAP_BYTES, open_db


def _names(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [n for (n,) in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def _verdict(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


# backup -------------------------------------------------------------------------------


def test_backup_makes_a_verified_private_copy_in_the_backups_folder(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    result = mn("backup")
    copy = db_path.parent / "backups" / "mentornet-2026-11-22-manual.db"
    assert f"Backed up to {copy}" in result.stdout
    assert "verified" in result.stdout
    assert _names(copy) == ["Dana Lee"]
    assert _verdict(copy) == "ok"
    assert _mode(copy) == 0o600
    assert _mode(copy.parent) == 0o700
    mn("backup")
    assert (copy.parent / "mentornet-2026-11-22-manual-2.db").exists()


def test_backup_to_a_file_or_a_folder(mn, db_path: Path, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("backup", str(tmp_path / "copies" / "mine.db"))
    assert _names(tmp_path / "copies" / "mine.db") == ["Dana Lee"]
    mn("add", "Sam Wu")
    mn("backup", str(tmp_path / "copies" / "mine.db"))  # an older backup is replaced
    assert _names(tmp_path / "copies" / "mine.db") == ["Dana Lee", "Sam Wu"]
    mn("backup", str(tmp_path / "copies"))
    assert _names(tmp_path / "copies" / "mentornet-2026-11-22.db") == ["Dana Lee", "Sam Wu"]
    assert not list((tmp_path / "copies").glob("*.partial"))


def test_backup_never_overwrites_a_file_that_is_not_a_mentornet_database(
        mn, db_path: Path, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    precious = tmp_path / "thesis.txt"
    precious.write_text("four years of work")
    result = mn("backup", str(precious), ok=False)
    assert result.exit_code == 1
    assert str(precious) in result.stderr
    assert precious.read_text() == "four years of work"
    itself = mn("backup", str(db_path), ok=False)
    assert itself.exit_code == 1
    assert "is your database" in itself.stderr


def test_backup_without_a_database_says_so(mn, db_path: Path) -> None:
    result = mn("backup", ok=False)
    assert result.exit_code == 1
    assert f"there is no database at '{db_path}', so nothing was backed up" in result.stderr
    assert "(the path came from MENTORNET_DB)" in result.stderr
    assert not db_path.parent.exists()


# automatic daily backups ----------------------------------------------------------------


def test_the_first_write_of_a_day_takes_a_backup_of_the_day_before(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", today="2026-11-20")  # an empty panel has nothing to back up
    folder = db_path.parent / "backups"
    assert not folder.exists()
    mn("add", "Sam Wu", today="2026-11-21")
    first = folder / "mentornet-2026-11-21.db"
    assert _names(first) == ["Dana Lee"]  # the state before the day's first change
    assert _mode(first) == 0o600
    assert _mode(folder) == 0o700
    before = first.read_bytes()
    mn("add", "Ana Ruiz", today="2026-11-21")
    assert first.read_bytes() == before  # once a day only
    assert sorted(p.name for p in folder.iterdir()) == ["mentornet-2026-11-21.db"]


def test_the_day_comes_from_the_command_not_the_clock(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", today="2031-02-03")
    mn("log", "dana", "x", today="2031-02-03")
    assert (db_path.parent / "backups" / "mentornet-2031-02-03.db").exists()


def test_only_the_newest_daily_backups_are_kept(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", today="2026-11-01")
    for day in range(2, 13):
        mn("log", "dana", f"day {day}", today=f"2026-11-{day:02d}")
    kept = sorted(p.name for p in (db_path.parent / "backups").iterdir())
    assert len(kept) == KEEP_DAILY
    assert kept[0] == f"mentornet-2026-11-{13 - KEEP_DAILY:02d}.db"
    assert kept[-1] == "mentornet-2026-11-12.db"


def test_manual_backups_are_never_pruned(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", today="2026-11-01")
    mn("backup", today="2026-11-01")
    for day in range(2, 12):
        mn("log", "dana", f"day {day}", today=f"2026-11-{day:02d}")
    assert (db_path.parent / "backups" / "mentornet-2026-11-01-manual.db").exists()


def test_a_failed_daily_backup_warns_but_keeps_the_change(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", today="2026-11-20")
    (db_path.parent / "backups").write_text("a file where the folder should be")
    result = mn("log", "dana", "Still saved", today="2026-11-21")
    assert "automatic backup could not be made" in result.stderr
    assert "your change is saved" in result.stderr
    assert json.loads(mn("show", "dana", "--json").stdout)["touchbases"][0]["notes"] == (
        "Still saved")


# restore --------------------------------------------------------------------------------


def test_restore_brings_back_a_backup_and_keeps_the_replaced_file(mn, db_path: Path,
                                                                  tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("backup", str(tmp_path / "good.db"))
    mn("add", "Sam Wu")
    mn("edit", "dana", "--org", "Oops")
    result = mn("restore", str(tmp_path / "good.db"))
    kept = db_path.with_name("mentornet.db.replaced-2026-11-22.bak")
    assert f"kept as {kept}" in result.stdout
    assert _names(db_path) == ["Dana Lee"]
    assert _names(kept) == ["Dana Lee", "Sam Wu"]
    assert _mode(kept) == 0o600
    assert _mode(db_path) == 0o600
    assert _verdict(db_path) == "ok"
    mn("log", "dana", "After the restore")  # and it is fully usable
    mn("restore", str(tmp_path / "good.db"))
    assert db_path.with_name("mentornet.db.replaced-2026-11-22-2.bak").exists()


def test_restore_replaces_a_corrupt_database_keeping_its_bytes(mn, db_path: Path,
                                                               tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("backup", str(tmp_path / "good.db"))
    data = db_path.read_bytes()
    damaged = data[:4096] + b"\xde\xad\xbe\xef" * ((len(data) - 4096) // 4)
    db_path.write_bytes(damaged)
    assert mn("list", ok=False).exit_code == 1
    mn("restore", str(tmp_path / "good.db"))
    assert _names(db_path) == ["Dana Lee"]
    assert db_path.with_name("mentornet.db.replaced-2026-11-22.bak").read_bytes() == damaged
    mn("list")


def test_restore_into_a_missing_database(mn, db_path: Path, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("backup", str(tmp_path / "good.db"))
    db_path.unlink()
    result = mn("restore", str(tmp_path / "good.db"))
    assert "kept as" not in result.stdout
    assert _names(db_path) == ["Dana Lee"]


def test_restore_of_an_older_version_upgrades_on_next_use(mn, db_path: Path,
                                                          tmp_path: Path) -> None:
    source = tmp_path / "schema-1.db"
    conn = sqlite3.connect(source)
    fixture = Path(__file__).parent / "fixtures" / "schema" / "schema-1.sql"
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    mn("add", "Somebody Else")
    mn("restore", str(source))
    mn("list")
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    conn.close()
    assert "Dana Lee" in _names(db_path)


def test_restore_refuses_a_missing_file_and_the_database_itself(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    missing = mn("restore", "/nonexistent/backup.db", ok=False)
    assert missing.exit_code == 1
    assert "/nonexistent/backup.db" in missing.stderr
    itself = mn("restore", str(db_path), ok=False)
    assert itself.exit_code == 1
    assert _names(db_path) == ["Dana Lee"]


# doctor ---------------------------------------------------------------------------------


def test_doctor_on_a_healthy_database_finds_no_problem(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("log", "dana", "x")
    before = db_path.read_bytes()
    result = mn("doctor")
    out = result.stdout
    assert f"Database: {db_path}" in out
    assert f"schema version {LATEST_VERSION}" in out
    assert "integrity check found no damage" in out
    assert "Every record points at people and goals that exist" in out
    assert "Only you can read it" in out
    assert "automatic daily backup" in out
    assert out.strip().endswith("No problems found.")
    assert db_path.read_bytes() == before


def test_doctor_reports_loose_permissions(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    db_path.chmod(0o644)
    result = mn("doctor", ok=False)
    assert result.exit_code == 1
    assert "Other users can read the database (mode 0644)" in result.stdout
    assert f"chmod 600 '{db_path}'" in result.stdout


def test_doctor_reports_records_pointing_nowhere(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    conn = sqlite3.connect(db_path)  # foreign keys off, as another program might
    conn.execute("INSERT INTO favour (person_id, direction, happened_on, kind, description, "
                 "created_at) VALUES (99, 'give', '2026-01-01', 'other', 'x', '2026')")
    conn.commit()
    conn.close()
    result = mn("doctor", ok=False)
    assert result.exit_code == 1
    assert "1 record in favour points at a person or goal that no longer exists" in (
        result.stdout)


def test_doctor_on_an_older_schema_says_it_will_be_upgraded(mn, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    fixture = Path(__file__).parent / "fixtures" / "schema" / "schema-1.sql"
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    db_path.chmod(0o600)
    db_path.parent.chmod(0o700)
    before = db_path.read_bytes()
    result = mn("doctor")
    assert "schema version 1; it is upgraded" in result.stdout
    assert db_path.read_bytes() == before  # doctor itself never upgrades


def test_doctor_without_a_database(mn, db_path: Path) -> None:
    result = mn("doctor")
    assert "There is no database" in result.stdout
    assert not db_path.parent.exists()


# sync and network folders ---------------------------------------------------------------


@pytest.mark.parametrize(("path", "service"), [
    ("/home/u/Dropbox/mentornet.db", "Dropbox"),
    ("/home/u/Dropbox (Personal)/m.db", "Dropbox"),
    ("/home/u/OneDrive - Acme/m.db", "OneDrive"),
    ("/Users/u/Library/Mobile Documents/com~apple~CloudDocs/m.db", "iCloud Drive"),
    ("/Users/u/iCloud Drive/m.db", "iCloud Drive"),
    ("/Users/u/Google Drive/My Drive/m.db", "Google Drive"),
    ("/Users/u/Library/CloudStorage/GoogleDrive-u@example.com/m.db", "Google Drive"),
])
def test_sync_folders_are_recognised_by_name(path: str, service: str) -> None:
    assert sync_folder(Path(path), mounts="") == f"a {service} folder"


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/nfs nfs4 rw 0 0
//nas/share /mnt/smb\\040share cifs rw 0 0
u@host:/ /mnt/ssh fuse.sshfs rw 0 0
fuse-overlayfs /mnt/overlay fuse.fuse-overlayfs rw 0 0
rclone: /mnt/rclone fuse.rclone rw 0 0
tmpfs /mnt/nfs/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "risky"), [
    ("/home/u/.local/share/mentornet/mentornet.db", None),
    ("/mnt/nfs/m.db", "nfs4"),
    ("/mnt/smb share/m.db", "cifs"),
    ("/mnt/ssh/m.db", "fuse.sshfs"),
    ("/mnt/rclone/m.db", "fuse.rclone"),
    ("/mnt/overlay/m.db", None),
    ("/mnt/nfs/local/m.db", None),  # the innermost mount decides
    ("/mnt/nfsx/m.db", None),
])
def test_network_filesystems_are_recognised_from_the_mount_table(path: str,
                                                                 risky: str | None) -> None:
    found = sync_folder(Path(path), mounts=MOUNTS)
    assert found == (f"a network or synced filesystem ({risky})" if risky else None)


def _mapped_bytes(path: Path, *, mapped: bool) -> int:
    conn = open_db(path, write=False, mapped=mapped)
    try:
        return int(conn.execute("PRAGMA mmap_size").fetchone()[0])
    finally:
        conn.close()


def test_only_a_mapped_read_outside_sync_folders_maps_the_file(mn, db_path: Path,
                                                               tmp_path: Path) -> None:
    # A mapped file turns an I/O error into SIGBUS instead of an error message: only
    # `due`'s long read maps it, and never in a sync folder or on a network filesystem.
    mn("add", "Dana Lee")
    local = tmp_path / "local.db"
    synced = tmp_path / "Dropbox" / "mentornet.db"
    synced.parent.mkdir()
    for copy in (local, synced):
        shutil.copyfile(db_path, copy)
    assert _mapped_bytes(local, mapped=True) == READ_MMAP_BYTES
    assert _mapped_bytes(local, mapped=False) == 0
    assert _mapped_bytes(synced, mapped=True) == 0


def test_a_write_in_a_sync_folder_warns_once_on_stderr(mn, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "Dropbox" / "mentornet" / "mentornet.db"
    monkeypatch.setenv("MENTORNET_DB", str(db))
    result = mn("add", "Dana Lee")
    assert result.stderr.count("warning") == 1
    assert "Dropbox folder" in result.stderr
    assert "mentornet backup" in result.stderr
    assert "Warning" not in result.stdout
    assert mn("list").stderr == ""  # reads stay quiet
    doctor = mn("doctor").stdout
    assert "warning  It is in a Dropbox folder" in doctor
    assert doctor.strip().endswith("No problems found, 1 warning.")


def test_no_warning_in_an_ordinary_folder(mn) -> None:
    assert mn("add", "Dana Lee").stderr == ""
    assert mn("log", "dana", "x").stderr == ""
