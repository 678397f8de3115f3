"""LinkedIn's Connections.csv: connections come in as contacts, or update who is there."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentornet.io.linkedin import connected_on, looks_like_linkedin

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]
FIXTURES = Path(__file__).parent / "fixtures" / "io"
CONNECTIONS = FIXTURES / "Connections.csv"


def _people(mn: Run) -> dict[str, dict[str, Any]]:
    document = json.loads(mn("export", "--format", "json").stdout)
    return {person["name"]: person for person in document["people"]}


def test_connections_come_in_as_contacts_connected_on_the_platform(mn: Run) -> None:
    result = mn("import", str(CONNECTIONS), "--format", "linkedin")
    assert "Added 5 people from" in result.stdout
    people = _people(mn)
    assert sorted(people) == ["Ana Ruiz", "Dana Lee", "Kwame Mensah", "Sam Wu",
                              "Zoë Müller-Lüdenscheidt"]
    dana = people["Dana Lee"]
    assert (dana["kind"], dana["via"], dana["met_on"]) == ("contact", "platform", "2024-03-03")
    assert (dana["role"], dana["org"]) == ("Director of Product", "Acme Games")
    assert dana["link"] == "https://www.linkedin.com/in/dana-lee-4b21a"
    assert people["Sam Wu"]["email"] == "sam.wu@northwind.example"
    assert people["Ana Ruiz"]["org"] == "Contoso, Inc."
    assert people["Ana Ruiz"]["role"] == "VP Product 🚀"
    assert people["Zoë Müller-Lüdenscheidt"]["role"] == "Head of ML Platform, EMEA"


def test_the_file_is_recognised_without_format(mn: Run) -> None:
    assert looks_like_linkedin(CONNECTIONS.read_bytes())
    assert "Added 5 people" in mn("import", str(CONNECTIONS)).stdout


def test_a_connection_without_a_name_is_skipped_and_said_so(mn: Run) -> None:
    result = mn("import", str(CONNECTIONS))
    assert "skipped row 8: no name" in result.stdout


def test_no_touch_base_is_invented_for_a_connection(mn: Run) -> None:
    mn("import", str(CONNECTIONS))
    assert json.loads(mn("export").stdout)["touchbases"] == []


def test_a_person_already_on_the_panel_gets_the_current_job_and_keeps_the_rest(
        mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--via", "skip-level", "--met", "2019-05-01",
       "--email", "dana@acme.example")
    mn("add", "Someone", "--role", "PM", "--org", "Old Co",
       "--email", "sam.wu@northwind.example")  # matched by email
    result = mn("import", str(CONNECTIONS))
    assert "~ Dana Lee (row 5; matched by name): role, org, link" in result.stdout
    assert ("~ Sam Wu is Someone (row 6; matched by email; the file's name differs from "
            "yours: yours is kept): role, org, link") in result.stdout
    people = _people(mn)
    dana = people["Dana Lee"]
    assert (dana["role"], dana["org"]) == ("Director of Product", "Acme Games")
    assert (dana["kind"], dana["via"], dana["met_on"], dana["email"]) == (
        "formal", "skip-level", "2019-05-01", "dana@acme.example")
    assert (people["Someone"]["role"], people["Someone"]["org"]) == (
        "Staff Product Manager", "Northwind")
    assert "Sam Wu" not in people  # matched, not duplicated


def test_a_match_by_name_alone_keeps_the_job_you_recorded(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--role", "Senior PM", "--org", "Old Co")
    result = mn("import", str(CONNECTIONS))
    assert ("= Dana Lee (row 5; matched by name; by name only, and the file's org, role "
            "differ from yours: yours are kept") in result.stdout
    dana = _people(mn)["Dana Lee"]
    assert (dana["role"], dana["org"], dana["link"]) == ("Senior PM", "Old Co", None)
    again = mn("import", str(CONNECTIONS))  # not matched by the link the next time either
    assert "Nothing to change" in again.stdout
    assert _people(mn)["Dana Lee"]["org"] == "Old Co"


def test_a_match_by_link_or_email_brings_the_new_job(mn: Run) -> None:
    mn("add", "Dana Lee", "--role", "Senior PM", "--org", "Old Co",
       "--link", "https://www.linkedin.com/in/dana-lee-4b21a")
    result = mn("import", str(CONNECTIONS))
    assert "~ Dana Lee (row 5; matched by link): role, org" in result.stdout
    assert _people(mn)["Dana Lee"]["org"] == "Acme Games"


def test_a_second_import_of_the_same_file_changes_nothing(mn: Run) -> None:
    mn("import", str(CONNECTIONS))
    result = mn("import", str(CONNECTIONS))
    assert "Nothing to change" in result.stdout
    assert "5 people already up to date" in result.stdout


def test_a_profile_link_matches_even_written_differently(mn: Run) -> None:
    mn("add", "D. Lee", "--link", "http://linkedin.com/in/Dana-Lee-4b21a/?trk=x")
    result = mn("import", str(CONNECTIONS))
    assert "Dana Lee is D. Lee (row 5; matched by link; the file's name differs" in result.stdout
    assert "Dana Lee" not in _people(mn)


def test_two_people_with_the_same_name_are_not_guessed_between(mn: Run) -> None:
    mn("add", "Kwame Mensah")
    mn("add", "Kwame Mensah", "--force")
    result = mn("import", str(CONNECTIONS))
    assert "skipped row 10: 2 people are called 'Kwame Mensah'" in result.stdout



HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_namesakes_told_apart_in_the_file_are_not_given_to_a_stored_namesake(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Sam Lee", "--kind", "informal", "--org", "Old Co")  # no email, phone or link
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER
                      + "Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Acme,PM,03 Mar 2024\n"
                      + "Sam,Lee,https://www.linkedin.com/in/sam-lee-2,,Beta,CTO,04 Mar 2024\n",
                      encoding="utf-8")
    result = mn("import", str(source))
    assert "Added 2 people" in result.stdout
    assert "'Sam Lee' are told apart by an email, phone or link" in result.stdout
    assert 'mentornet merge "#1" "#ID"' in result.stdout
    shown = json.loads(mn("export", "--format", "json").stdout)["people"]
    stored = [person for person in shown if person["id"] == 1]
    assert [(p["org"], p["link"]) for p in stored] == [("Old Co", None)]
    assert sorted(p["org"] for p in shown) == ["Acme", "Beta", "Old Co"]
    assert "Nothing to change" in mn("import", str(source)).stdout  # matched by link now


def test_one_row_of_a_name_still_fills_in_the_stored_namesake(mn: Run, tmp_path: Path) -> None:
    mn("add", "Sam Lee", "--kind", "informal")
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER
                      + "Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Acme,PM,03 Mar 2024\n"
                      + "Sam,Lee,http://linkedin.com/in/Sam-Lee-1,,Acme,PM,03 Mar 2024\n",
                      encoding="utf-8")
    result = mn("import", str(source))
    assert "told apart" not in result.stdout
    (sam,) = _people(mn).values()
    assert (sam["id"], sam["org"]) == (1, "Acme")  # both rows are the one stored Sam

@pytest.mark.parametrize(("text", "day"), [
    ("03 Mar 2024", date(2024, 3, 3)), ("3 Mar 2024", date(2024, 3, 3)),
    ("28-Feb-2024", date(2024, 2, 28)), ("2024-03-03", date(2024, 3, 3)),
    ("31 Feb 2024", None), ("Jan 17th", None), ("", None)])
def test_connected_on_dates_are_read_as_linkedin_writes_them(text: str, day: date | None) -> None:
    assert connected_on(text) == day


@pytest.mark.parametrize(("fixture", "where", "what"), [
    ("Connections-truncated.csv", "row 9", "has 3 cells but the header (row 4) has 7"),
    ("Connections-bad-date.csv", "row 6", "Connected On 'Jan 17th' is not a date"),
    ("Connections-wrong-file.csv", "file", "no LinkedIn header row"),
    ("junk.bin", "line 1", "a NUL byte"),
])
def test_a_malformed_connections_file_is_reported_and_nothing_is_imported(
        mn: Run, fixture: str, where: str, what: str) -> None:
    mn("add", "Someone")
    source = FIXTURES / fixture
    original = source.read_bytes()
    result = mn("import", str(source), "--format", "linkedin", ok=False)
    assert result.exit_code == 1
    assert where in result.stderr, result.stderr
    assert what in result.stderr, result.stderr
    assert list(_people(mn)) == ["Someone"]
    assert source.read_bytes() == original


def test_the_zip_from_linkedin_gets_a_hint_to_unzip_it(mn: Run, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "Basic_LinkedInDataExport_11-22-2026.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(CONNECTIONS, "Connections.csv")
    result = mn("import", str(archive), "--format", "linkedin", ok=False)
    assert "ZIP archive" in result.stderr
    assert "Connections.csv" in result.stderr


def test_a_big_file_imports_with_a_progress_bar_that_reaches_its_end(
        mn: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from mentornet.cli import io as cli_io

    source = tmp_path / "Connections.csv"
    source.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      + "".join(f"Person,Number {n},https://www.linkedin.com/in/p{n},,Acme,PM,"
                                f"03 Mar 2024\n" for n in range(1234)), encoding="utf-8")
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    plain = cli_io.console
    monkeypatch.setattr(cli_io, "console",
                        lambda *, stderr=False: terminal if stderr else plain())
    seen: list[tuple[float, float | None]] = []
    stop = cli_io._Bar.stop

    def stopped(bar: Any) -> None:
        (task,) = bar._progress.tasks
        seen.append((task.completed, task.total))
        stop(bar)

    monkeypatch.setattr(cli_io._Bar, "stop", stopped)
    result = mn("import", str(source))
    assert "Added 1234 people" in result.stdout
    assert seen == [(2 * 1234, 2 * 1234)]  # matched, then written: every unit counted
