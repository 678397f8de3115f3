"""A read-only database file or folder: reading works, writing fails with a clear message
and changes nothing.

The commands run as real processes. Under root (as in CI containers) they run without the
capabilities that let root ignore file permissions, so the permissions mean what they say.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def _without_root_override() -> None:
    """In the child, before exec: drop the capabilities that bypass permission bits."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentornet", *args], capture_output=True,
                          text=True, timeout=120, check=False,
                          preexec_fn=_without_root_override if os.geteuid() == 0 else None)


def _permissions_apply(folder: Path) -> bool:
    probe = folder / "probe"
    probe.write_text("x")
    probe.chmod(0o400)
    try:
        result = subprocess.run(
            [sys.executable, "-c", f"open({str(probe)!r}, 'a').write('y')"],
            capture_output=True, timeout=60, check=False,
            preexec_fn=_without_root_override if os.geteuid() == 0 else None)
        return result.returncode != 0
    except OSError:
        return False
    finally:
        probe.unlink()


@pytest.fixture
def panel(mn, db_path: Path) -> Iterator[Path]:
    mn("add", "Dana Lee", "--kind", "formal", "--note", "Monthly")
    mn("log", "dana", "Talked about the reorg")
    mn("todo", "add", "dana", "Send the doc")
    if not _permissions_apply(db_path.parent):
        pytest.skip("file permissions are not enforced for this user here")
    yield db_path
    db_path.parent.chmod(0o700)
    db_path.chmod(0o600)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(folder.rglob("*"))}


def _reads_work(db: Path, tmp_path: Path) -> None:
    listing = cli("list")
    assert listing.returncode == 0, listing.stderr
    assert "Dana Lee" in listing.stdout
    shown = cli("show", "dana", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["touchbases"][0]["notes"] == "Talked about the reorg"
    due = cli("due")
    assert due.returncode == 0, due.stderr
    copy = tmp_path / "elsewhere" / "copy.db"
    backup = cli("backup", str(copy))
    assert backup.returncode == 0, backup.stderr
    assert copy.exists()


def _writes_fail_clearly(db: Path, expected: str) -> None:
    for args in (("log", "dana", "A new note"), ("todo", "done", "1"),
                 ("edit", "dana", "--org", "Acme"), ("undo",)):
        result = cli(*args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        error = result.stderr.strip().splitlines()[0]
        assert error.startswith("mentornet: can't write to"), (args, result.stderr)
        assert str(db) in error
        assert expected in error, (args, error)
        assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_read_only_file_can_be_read_but_not_written(panel: Path, tmp_path: Path) -> None:
    panel.chmod(0o400)
    before = panel.read_bytes()
    _reads_work(panel, tmp_path)
    _writes_fail_clearly(panel, "it is read-only")
    assert panel.read_bytes() == before
    assert not panel.with_name(panel.name + "-journal").exists()


@pytest.mark.slow
def test_a_read_only_folder_can_be_read_but_not_written(panel: Path, tmp_path: Path) -> None:
    folder = panel.parent
    before = _snapshot(folder)
    folder.chmod(0o500)
    _reads_work(panel, tmp_path)
    _writes_fail_clearly(panel, "its folder is read-only")
    assert _snapshot(folder) == before


def test_a_new_database_in_a_read_only_folder_is_a_clear_error(tmp_path: Path,
                                                               monkeypatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if not _permissions_apply(folder):
        pytest.skip("file permissions are not enforced for this user here")
    folder.chmod(0o500)
    try:
        monkeypatch.setenv("MENTORNET_DB", str(folder / "mentornet.db"))
        result = cli("add", "Dana Lee")
        assert result.returncode == 1
        assert str(folder / "mentornet.db") in result.stderr
        assert "Permission denied" in result.stderr
        assert "Traceback" not in result.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
