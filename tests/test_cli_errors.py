"""Bad input: one clear line on stderr, exit 1, no traceback, and the database unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

BAD_COMMANDS = [
    (("log", "nobody"), "no one called 'nobody'"),
    (("log", "dnaa"), "did you mean Dana Lee (#1)"),
    (("log", "da"), "matches 2 people"),
    (("log", "#99"), "'#99'"),
    (("log", "dana", "--on", "flurb"), "can't read the date 'flurb'"),
    (("log", "dana", "--next", "someday"), "'someday'"),
    (("log", "dana", "--via", "pigeon"), "unknown channel 'pigeon'"),
    (("log", "dana", "--by", "robot"), "'robot'"),
    (("add", "Ana", "--kind", "boss"), "unknown kind 'boss'"),
    (("add", "Ana", "--every", "0w"), "'0w'"),
    (("add", "Ana", "--every", "often"), "'often'"),
    (("add", "Ana", "--met", "13/13/13"), "'13/13/13'"),
    (("add", "   "), "name is empty"),
    (("edit", "dana", "--status", "gone"), "unknown status 'gone'"),
    (("edit", "dana", "--name", " "), "empty"),
    (("give", "dana", "Intro", "--kind", "money"), "unknown favour kind 'money'"),
    (("got", "dana", "  "), "say what the favour was"),
    (("park", "dana", "x", "--as", "rant"), "'rant'"),
    (("park", "dana", ""), "nothing to park"),
    (("schedule", "dana", "whenever"), "'whenever'"),
    (("snooze", "nobody", "friday"), "'nobody'"),
    (("todo", "add", "dana", "x", "--due", "soonish"), "'soonish'"),
    (("todo", "done", "42"), "#42"),
    (("goal", "add", "Lead", "--mentor", "nobody"), "'nobody'"),
    (("goal", "progress", "9", "moved"), "#9"),
    (("list", "--kind", "boss"), "'boss'"),
    (("show", "zed"), "'zed'"),
]


@pytest.mark.parametrize(("args", "message"), BAD_COMMANDS,
                         ids=[" ".join(a) for a, _ in BAD_COMMANDS])
def test_bad_input_is_one_clear_line_and_writes_nothing(mn, db_path, args, message) -> None:
    mn("add", "Dana Lee")
    mn("add", "Daniel Roy")
    before = db_path.read_bytes()
    result = mn(*args, ok=False)
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("mentornet: ")
    assert "Traceback" not in result.stderr + result.stdout
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(("content", "what"), [
    (b"", "an empty file"),
    (b"just some notes\n", "not an SQLite database"),
    (b"SQLite format 3\x00" + b"\xff" * 200, "corrupt"),
])
def test_a_file_that_is_not_a_mentornet_database_is_refused_untouched(
        mn, db_path, content, what) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(content)
    for args in (("list",), ("add", "Dana Lee")):
        result = mn(*args, ok=False)
        assert result.exit_code == 1
        assert str(db_path) in result.stderr
        assert what in result.stderr
        assert "Traceback" not in result.stderr
        assert db_path.read_bytes() == content


def test_another_programs_sqlite_database_is_refused_untouched(mn, db_path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    other = sqlite3.connect(db_path)
    other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    other.commit()
    other.close()
    before = db_path.read_bytes()
    result = mn("add", "Dana Lee", ok=False)
    assert result.exit_code == 1
    assert "another program's SQLite database" in result.stderr
    assert db_path.read_bytes() == before


def test_a_database_from_a_newer_mentornet_is_refused(mn, db_path) -> None:
    mn("add", "Dana Lee")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = db_path.read_bytes()
    result = mn("list", ok=False)
    assert result.exit_code == 1
    assert "newer mentornet" in result.stderr
    assert db_path.read_bytes() == before


def test_a_bad_mentornet_today_is_a_clear_error(mn) -> None:
    result = mn("list", today="tomorrow-ish", ok=False)
    assert result.exit_code == 1
    assert "MENTORNET_TODAY" in result.stderr


def test_usage_errors_exit_2(mn) -> None:
    assert mn("add", ok=False).exit_code == 2
    assert mn("frobnicate", ok=False).exit_code == 2


def test_namesakes_are_listed_with_their_kind(mn) -> None:
    mn("add", "Sam Wu", "--kind", "informal")
    mn("add", "Sam Wu", "--kind", "mentee", "--force")
    mn("add", "Sam Wu", "--kind", "contact", "--force")
    result = mn("prep", "sam", ok=False)
    assert result.exit_code == 1
    assert "Sam Wu (#1, informal), Sam Wu (#2, mentee), Sam Wu (#3, contact)" in result.stderr


def test_the_one_panel_member_wins_over_contacts_of_the_same_name(mn) -> None:
    mn("add", "Sam Wu", "--kind", "informal", "--org", "Contoso")
    mn("add", "Sam Wu", "--kind", "contact", "--org", "Elsewhere", "--force")
    assert "Contoso" in mn("show", "sam").stdout
    assert "Elsewhere" in mn("show", "#2").stdout


def test_the_panel_member_wins_over_a_big_import_of_namesakes(mn, tmp_path: Path) -> None:
    # A LinkedIn export of thousands brings in dozens of contacts called Sam something.
    mn("add", "Sam Wu", "--kind", "informal", "--org", "Contoso")
    rows = "".join(f"Sam,Person{n},https://www.linkedin.com/in/sam-{n},,Acme,PM,01 Mar 2024\n"
                   for n in range(120))
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      + rows, encoding="utf-8")
    mn("import", str(export))
    assert "Contoso" in mn("show", "sam").stdout
    mn("log", "sam", "Caught up after the import")
    assert "Caught up after the import" in mn("show", "Sam Wu").stdout


def test_contacts_alone_sharing_a_name_stay_ambiguous(mn) -> None:
    mn("add", "Sam Wu", "--kind", "contact")
    mn("add", "Sam Wu", "--kind", "contact", "--force")
    result = mn("show", "sam", ok=False)
    assert result.exit_code == 1
    assert "Sam Wu (#1, contact), Sam Wu (#2, contact)" in result.stderr
