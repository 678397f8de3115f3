"""Paths on the command line: a folder where a file belongs, a file or a database that is
not there. One clear line, exit 1, nothing written; never Click's usage error."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]


@pytest.fixture
def dana(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal")


def _one_clear_line(result: Any) -> str:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("mentornet: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Usage:" not in result.output
    assert "Traceback" not in result.output
    return result.stderr


# A folder where a file belongs ----------------------------------------------------------

FOLDER_GIVEN = [
    (("import", "{folder}"), "'{folder}'", "contacts.vcf"),
    (("restore", "{folder}"), "'{folder}'", "mentornet.db"),
    (("export", "--out", "{folder}"), "--out '{folder}'", "mentornet.json"),
    (("export", "--format", "csv", "--out", "{folder}"), "--out '{folder}'", "mentornet.csv"),
    (("export", "--format", "vcard", "-o", "{folder}"), "--out '{folder}'", "mentornet.vcf"),
    (("prep", "dana", "--out", "{folder}"), "--out '{folder}'", "recap.md"),
    (("prep", "dana", "--json", "--out", "{folder}"), "--out '{folder}'", "recap.json"),
    (("review", "--svg", "{folder}"), "--svg '{folder}'", "review.svg"),
    (("ask", "dana", "--topic", "how you run pricing experiments", "--out", "{folder}"),
     "--out '{folder}'", "ask.md"),
    (("update", "dana", "--out", "{folder}"), "--out '{folder}'", "update.md"),
    (("thanks", "dana", "--json", "--out", "{folder}"), "--out '{folder}'", "thanks.json"),
    (("copy", "--to", "{folder}"), "--to '{folder}'", "mentornet.db"),
    (("demo", "--demo-db", "{folder}"), "--demo-db '{folder}'", "demo.db"),
]


@pytest.mark.usefixtures("dana")
@pytest.mark.parametrize(("args", "where", "name"), FOLDER_GIVEN,
                         ids=[" ".join(a[:-1]) for a, _, _ in FOLDER_GIVEN])
def test_a_folder_given_for_a_file_says_so_and_names_a_file_inside_it(
        mn: Run, db_path: Path, tmp_path: Path, args: tuple[str, ...], where: str,
        name: str) -> None:
    folder = tmp_path / "somefolder"
    folder.mkdir()
    before = db_path.read_bytes()
    said = _one_clear_line(mn(*(a.format(folder=folder) for a in args), ok=False))
    assert (f"{where.format(folder=folder)} is a folder: give a file inside it, "
            f"e.g. '{folder / name}'") in said
    assert list(folder.iterdir()) == []
    assert db_path.read_bytes() == before


def test_the_example_is_a_file_the_folder_holds(mn: Run, dana: None, tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    for name in ("notes.txt", "b.vcf", "a.csv", ".hidden.vcf"):
        (cards / name).write_text("x", encoding="utf-8")
    said = _one_clear_line(mn("import", str(cards), ok=False))
    assert f"e.g. '{cards / 'a.csv'}'" in said
    backups = tmp_path / "backups"
    backups.mkdir()
    for day in ("2026-11-20", "2026-11-21", "2026-11-19"):
        (backups / f"mentornet-{day}.db").write_bytes(b"")
    said = _one_clear_line(mn("restore", str(backups), ok=False))
    assert f"e.g. '{backups / 'mentornet-2026-11-21.db'}'" in said  # the newest


@pytest.mark.parametrize(("command", "what"), [("import", "to import"),
                                               ("restore", "to restore from")])
def test_a_file_that_is_not_there_is_named(mn: Run, tmp_path: Path, command: str,
                                           what: str) -> None:
    missing = tmp_path / "nowhere" / "file.vcf"
    said = _one_clear_line(mn(command, str(missing), ok=False))
    assert f"there is no file '{missing}' {what}: check the path" in said


def test_a_folder_given_as_the_database_names_a_file_inside_it(mn: Run,
                                                               tmp_path: Path) -> None:
    said = _one_clear_line(mn("--db", str(tmp_path), "list", ok=False))
    assert (f"the database path '{tmp_path}' is a folder, not a file: give a file path with "
            f"--db or MENTORNET_DB, e.g. '{tmp_path / 'mentornet.db'}'") in said


# A database that is not there -----------------------------------------------------------


@pytest.mark.parametrize("args", [("export",), ("export", "--out", "{folder}/typo.json"),
                                  ("export", "--format", "csv"), ("backup",),
                                  ("copy", "--to", "{folder}/copy.db")],
                         ids=lambda args: " ".join(args[:2]))
def test_a_read_of_a_database_that_is_not_there_refuses_and_writes_nothing(
        mn: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    typo = tmp_path / "x" / "typo.db"
    out = tmp_path / "out"
    out.mkdir()
    result = mn("--db", str(typo), *(a.format(folder=out) for a in args), ok=False)
    said = _one_clear_line(result)
    assert f"there is no database at '{typo}', so nothing was " in said
    assert "check --db / MENTORNET_DB (the path came from --db)" in said
    assert result.stdout == ""
    assert list(out.iterdir()) == []
    assert not typo.parent.exists()


def test_the_refusal_says_where_the_path_came_from(mn: Run, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    said = _one_clear_line(mn("export", ok=False))
    assert "(the path came from MENTORNET_DB)" in said
    monkeypatch.delenv("MENTORNET_DB")
    (tmp_path / "config.toml").write_text(f'database = "{tmp_path / "cfg.db"}"\n',
                                          encoding="utf-8")
    said = _one_clear_line(mn("export", ok=False))
    assert f"there is no database at '{tmp_path / 'cfg.db'}'" in said
    assert "(the path came from the settings file's `database`)" in said
    (tmp_path / "config.toml").unlink()
    said = _one_clear_line(mn("export", ok=False))
    assert "this is the default path; `mentornet add NAME` starts your panel there" in said


def test_a_new_panel_still_reads_as_empty_with_a_hint(mn: Run, db_path: Path) -> None:
    assert "mentornet add" in mn("list").stdout
    assert "mentornet add" in mn("due").stdout
    assert mn("due", "--brief").stdout == ""
    assert "There is no database" in mn("doctor").stdout
    assert not db_path.parent.exists()


# doctor: folders and shared folders -----------------------------------------------------


def test_doctor_on_a_folder_says_so_and_gives_no_chmod_advice(mn: Run, tmp_path: Path) -> None:
    folder = tmp_path / "somefolder"
    folder.mkdir(mode=0o755)
    result = mn("--db", str(folder), "doctor", ok=False)
    assert result.exit_code == 1
    assert f"The database path '{folder}' is a folder, not a file" in result.stdout
    assert "chmod" not in result.stdout
    assert result.stdout.strip().endswith("1 problem found.")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_doctor_never_advises_closing_a_shared_folder(mn: Run, db_path: Path,
                                                      tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp is: sticky, and every user may create files in it
    db = shared / "mentornet.db"
    db_path.rename(db)
    out = mn("--db", str(db), "doctor").stdout
    assert "chmod 700" not in out
    assert f"Its folder '{shared}' is shared (mode 1777: every user can create files" in out
    assert "move the database into a folder of your own" in out
    assert "mentornet copy --to" in out
    assert out.strip().endswith("No problems found, 1 warning.")


def test_doctor_still_advises_closing_a_folder_of_your_own(mn: Run, db_path: Path) -> None:
    mn("add", "Dana Lee")
    db_path.parent.chmod(0o755)
    out = mn("doctor").stdout
    assert f"Other users can list its folder (mode 0755): run chmod 700 '{db_path.parent}'" in (
        out)


def test_the_root_of_the_file_system_and_folders_right_under_it_are_the_systems() -> None:
    from mentornet.store.safety import _shared

    assert _shared(Path("/"), os.stat("/")) is not None
    for folder in (Path("/tmp"), Path("/var/tmp")):
        if folder.is_dir():
            assert _shared(folder, folder.stat()) == "every user can create files in it"


# sync: --skip-invalid only when there is something else to sync --------------------------


@pytest.mark.parametrize("source", ["calendar", "mail"])
def test_sync_offers_skip_invalid_only_when_there_are_other_files(
        mn: Run, tmp_path: Path, source: str) -> None:
    mn("me", "--email", "me@example.org")
    alone = _one_clear_line(mn("sync", source, "/nonexistent", ok=False))
    assert "can't read '/nonexistent': no such file or folder; nothing was recorded" in alone
    assert "--skip-invalid" not in alone
    assert "Check the path: give an " in alone
    other = tmp_path / ("cal.ics" if source == "calendar" else "mbox")
    other.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" if source == "calendar"
                     else "From me@example.org Mon Nov  2 10:00:00 2026\n\nx\n",
                     encoding="utf-8")
    more = _one_clear_line(mn("sync", source, "/nonexistent", str(other), ok=False))
    assert "To sync the other files and list the ones skipped, add --skip-invalid" in more
