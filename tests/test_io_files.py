"""Exports land whole and private, or not at all; imports never touch their source."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentornet.errors import BadInput
from mentornet.files import WriteError, write_private
from mentornet.io.charsets import decode_text
from mentornet.io.files import read_source
from mentornet.io.problems import MalformedFile

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]
FIXTURES = Path(__file__).parent / "fixtures" / "io"


def test_a_new_file_is_written_readable_only_by_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    write_private(target, b"{}\n")
    assert target.read_bytes() == b"{}\n"
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_is_replaced_whole_and_made_private(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_private(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]  # no temporary left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"the good export")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteError, match="No space left on device; nothing was changed"):
        write_private(target, b"half")
    assert target.read_bytes() == b"the good export"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_writing_into_a_missing_folder_or_onto_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        write_private(tmp_path / "nope" / "export.json", b"x")
    with pytest.raises(WriteError, match="is a folder"):
        write_private(tmp_path, b"x")


def test_the_export_command_reports_a_bad_out_path(mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    result = mn("export", "--out", str(tmp_path / "missing" / "x.json"), ok=False)
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_a_read_only_folder_keeps_the_old_export(mn: Run, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "x.json").write_text("old")
    folder.chmod(0o500)
    try:
        result = mn("export", "--out", str(folder / "x.json"), ok=False)
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 1
    assert (folder / "x.json").read_text() == "old"


def test_reading_a_source_never_changes_it(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_bytes((FIXTURES / "Connections.csv").read_bytes())
    stat = source.stat()
    assert read_source(source) == (FIXTURES / "Connections.csv").read_bytes()
    assert source.stat().st_mtime_ns == stat.st_mtime_ns
    assert source.stat().st_mode == stat.st_mode


def test_a_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="there is no file"):
        read_source(tmp_path / "nope.csv")


def test_an_import_leaves_the_source_byte_for_byte_and_untouched(
        mn: Run, tmp_path: Path) -> None:
    for name in ("Connections.csv", "iphone.vcf", "people-bom.csv", "truncated.vcf",
                 "junk.bin"):
        source = tmp_path / name
        source.write_bytes((FIXTURES / name).read_bytes())
        source.chmod(0o444)
        before = source.stat()
        mn("import", str(source), ok=False)
        after = source.stat()
        assert source.read_bytes() == (FIXTURES / name).read_bytes()
        assert (after.st_mtime_ns, after.st_mode) == (before.st_mtime_ns, before.st_mode)


@pytest.mark.parametrize(("data", "what"), [
    (b"PK\x03\x04rest", "ZIP archive"),
    (b"SQLite format 3\x00rest", "mentornet restore"),
    (b"%PDF-1.7", "PDF document"),
    (b"name\nDana\x00Lee", "a NUL byte at byte 10"),
    (b"name\n\xff\xfe", "line 2: byte 6 (0xFF) is not UTF-8"),
])
def test_binary_and_badly_encoded_files_are_named_for_what_they_are(data: bytes,
                                                                    what: str) -> None:
    with pytest.raises(MalformedFile) as caught:
        decode_text(data, "file")
    assert what in str(caught.value)


@pytest.mark.parametrize("data", [
    "name\nZoë\n".encode("utf-8-sig"), "name\nZoë\n".encode("utf-16"),
    "name\r\nZoë\r\n".encode()])
def test_utf8_with_or_without_bom_and_utf16_with_bom_are_read(data: bytes) -> None:
    assert decode_text(data, "file").replace("\r\n", "\n") == "name\nZoë\n"


def test_a_long_import_shows_a_progress_bar_only_in_a_terminal(mn: Run, tmp_path: Path) -> None:
    rows = "\n".join(f"Person {n},person{n}@example.com" for n in range(300))
    source = tmp_path / "many.csv"
    source.write_text("name,email\n" + rows + "\n", encoding="utf-8")
    result = mn("import", str(source))
    assert "Added 300 people" in result.stdout
    assert "Importing" not in result.output  # not a terminal: no bar in captured output


def test_the_progress_bar_counts_every_step_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import time

    from rich.console import Console

    from mentornet.cli import io as cli_io

    screen = io.StringIO()
    monkeypatch.setenv("TERM", "xterm-256color")  # the suite's TERM=dumb turns live bars off
    monkeypatch.setattr(cli_io, "console", lambda stderr=False: Console(
        file=screen, force_terminal=True, width=80))
    with cli_io._progress(200) as bar:
        for _ in range(200):
            bar.advance(1)  # matching the file's people
        bar.grow(50)
        for _ in range(50):
            bar.advance(1)  # writing the changes
        time.sleep(0.3)  # let the bar refresh once (it redraws ten times a second)
    assert "Importing" in screen.getvalue()
    assert "250/250" in screen.getvalue()
