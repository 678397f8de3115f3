"""What an import changes for someone already on the panel: your own words stay yours.

A contact file from another program (LinkedIn, a vCard, a Google or Outlook CSV) never
replaces a name or notes you wrote; only your own spreadsheet replaces what it fills. A
value that says the same in other words (accents, case, a company's legal form) leaves
yours as it is, and what is not taken is named in the report, never printed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]
GOOGLE = ("First Name,Middle Name,Last Name,Organization Name,Organization Title,Notes,"
          "E-mail 1 - Value,Phone 1 - Value\n")
OUTLOOK = "Title,First Name,Middle Name,Last Name,Company,Job Title,Notes,E-mail Address\n"
LINKEDIN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _person(mn: Run, name: str) -> dict[str, Any]:
    return dict(json.loads(mn("show", name, "--json").stdout))


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def dana(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--email", "dana@northwind.example")
    mn("edit", "dana", "--note", "Prefers async; very direct.")


# Your own spreadsheet ---------------------------------------------------------------------

def test_your_own_csv_matched_by_id_keeps_a_name_that_only_lost_its_accents(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Zoë Müller", "--kind", "informal")
    sheet = _file(tmp_path, "panel.csv", "id,name,kind,role,org\n"
                                         "1,Zoe Muller,informal,VP Marketing,Fabrikam\n")
    result = mn("import", str(sheet))
    assert "~ Zoë Müller (row 2; matched by id): role, org\n" in result.stdout
    zoe = _person(mn, "zoe")
    assert (zoe["name"], zoe["role"], zoe["org"]) == ("Zoë Müller", "VP Marketing", "Fabrikam")


@pytest.mark.usefixtures("dana")
def test_your_own_csv_applies_the_name_and_notes_you_edited(mn: Run, tmp_path: Path) -> None:
    exported = tmp_path / "panel.csv"
    mn("export", "--format", "csv", "--out", str(exported))
    text = exported.read_text(encoding="utf-8-sig")
    exported.write_text(text.replace("Dana Lee", "Dana Lee-Park")
                        .replace("very direct.", "very direct; new team."), encoding="utf-8")
    result = mn("import", str(exported))
    assert "~ Dana Lee-Park is Dana Lee (row 2; matched by id): name, notes" in result.stdout
    dana = _person(mn, "dana")
    assert (dana["name"], dana["notes"]) == ("Dana Lee-Park", "Prefers async; very direct; "
                                                             "new team.")


@pytest.mark.parametrize("known_by", [("--phone", "+1 555 0100"),
                                      ("--link", "https://www.linkedin.com/in/dana")])
def test_a_name_edited_in_your_own_export_applies_when_the_row_keeps_a_phone_or_link(
        mn: Run, tmp_path: Path, known_by: tuple[str, str]) -> None:
    mn("add", "Dana Lee", *known_by)
    mn("add", "Sam Wu")
    exported = tmp_path / "panel.csv"
    mn("export", "--format", "csv", "--out", str(exported))
    text = exported.read_text(encoding="utf-8-sig")
    exported.write_text(text.replace("Dana Lee", "Dana Lee-Park").replace("Sam Wu", "Sam Wood"),
                        encoding="utf-8")
    result = mn("import", str(exported))
    assert "~ Dana Lee-Park is Dana Lee (row 2; matched by id): name" in result.stdout
    assert "+ Sam Wood (row 3)" in result.stdout  # nothing but the id: perhaps another panel's
    names = [p["name"] for p in json.loads(mn("list", "--json").stdout)]
    assert "Dana Lee-Park" in names
    assert "Dana Lee" not in names


@pytest.mark.parametrize("org", ["Northwind, Inc.", "NORTHWIND", "Northwind LLC"])
def test_the_same_organisation_written_another_way_leaves_yours_as_it_is(
        mn: Run, tmp_path: Path, org: str) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--role", "Director of Product",
       "--org", "Northwind", "--email", "dana@northwind.example")
    sheet = _file(tmp_path, "people.csv", "name,email,role,org\nDana Lee,"
                  f'dana@northwind.example,Director of Product,"{org}"\n')
    assert "Nothing to change" in mn("import", str(sheet)).stdout
    connections = _file(tmp_path, "Connections.csv", LINKEDIN + "Dana,Lee,,"
                        f'dana@northwind.example,"{org}",Director of Product,30 May 2024\n')
    out = mn("import", str(connections)).stdout
    assert "org" not in out.split("\n")[1]  # her line: the connection date filled, no more
    assert "News worth a note" not in out
    assert _person(mn, "dana")["org"] == "Northwind"


def test_the_report_of_an_address_book_says_which_of_yours_were_kept_never_the_notes(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--email", "dana@northwind.example",
       "--role", "Director of Product")
    mn("edit", "dana", "--note", "Prefers async; very direct.")
    card = _file(tmp_path, "dana.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana J. Lee\r\n"
                                       "EMAIL:dana@northwind.example\r\nTITLE:VP Product\r\n"
                                       "ORG:Northwind\r\nNOTE:Met at a conference\r\n"
                                       "END:VCARD\r\n")
    result = mn("import", str(card))
    assert ("~ Dana J. Lee is Dana Lee (card 1 at line 1; matched by email; the file's name, "
            "notes, role differ from yours: yours are kept): org\n") in result.stdout
    assert "conference" not in result.stdout
    assert "async" not in result.stdout
    dana = _person(mn, "dana")
    assert (dana["name"], dana["notes"], dana["role"], dana["org"]) == (
        "Dana Lee", "Prefers async; very direct.", "Director of Product", "Northwind")
    again = mn("import", str(card))  # the same clause, and nothing to change
    assert "= Dana J. Lee is Dana Lee (card 1 at line 1; matched by email; the file's name, " \
           "notes, role differ from yours: yours are kept)" in again.stdout


# Address books: Google and Outlook CSV files --------------------------------------------

@pytest.mark.usefixtures("dana")
def test_a_google_csv_never_replaces_your_name_or_notes_and_fills_the_rest(
        mn: Run, tmp_path: Path) -> None:
    google = _file(tmp_path, "google.csv", GOOGLE + "Dana,J.,Lee,Northwind,Director of Product,"
                   '"Met at a conference, great chat",dana@northwind.example,+1 555 0100\n')
    result = mn("import", str(google))
    assert ("~ Dana J. Lee is Dana Lee (row 2; matched by email; the file's name, notes differ "
            "from yours: yours are kept): role, org, phone\n") in result.stdout
    assert "conference" not in result.stdout
    dana = _person(mn, "dana")
    assert (dana["name"], dana["notes"], dana["role"], dana["org"], dana["phone"]) == (
        "Dana Lee", "Prefers async; very direct.", "Director of Product", "Northwind",
        "+1 555 0100")


@pytest.mark.usefixtures("dana")
def test_an_outlook_csv_after_a_google_one_changes_nothing_of_yours(
        mn: Run, tmp_path: Path) -> None:
    google = _file(tmp_path, "google.csv", GOOGLE + "Dana,J.,Lee,Northwind,Director of Product,"
                   "Met at a conference,dana@northwind.example,\n")
    outlook = _file(tmp_path, "outlook.csv", OUTLOOK + "Dr.,Dana,,Lee,Northwind Inc.,"
                    "Director of Product,Met at a conference,dana@northwind.example\n")
    mn("import", str(google))
    result = mn("import", str(outlook))
    assert "Nothing to change" in result.stdout
    assert ("= Dana Lee (row 2; matched by email; the file's notes differ from yours: yours "
            "are kept)") in result.stdout
    dana = _person(mn, "dana")
    assert (dana["name"], dana["notes"], dana["org"], dana["job_changes"]) == (
        "Dana Lee", "Prefers async; very direct.", "Northwind", [])


def test_a_contacts_csv_leaves_the_job_you_recorded_and_brings_no_news(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Sam Wu", "--kind", "informal", "--role", "Staff PM", "--org", "Globex",
       "--email", "sam@globex.example")
    outlook = _file(tmp_path, "outlook.csv", OUTLOOK + ",Sam,,Wu,Initech,Head of Product,,"
                    "sam@globex.example\n")
    result = mn("import", str(outlook))
    assert ("= Sam Wu (row 2; matched by email; the file's org, role differ from yours: yours "
            "are kept)") in result.stdout
    assert "News worth a note" not in result.stdout
    sam = _person(mn, "sam")
    assert (sam["role"], sam["org"], sam["job_changes"]) == ("Staff PM", "Globex", [])


def test_a_csv_with_first_and_last_name_columns_is_an_address_book(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Ana Ruiz", "--org", "Contoso", "--email", "ana@contoso.example")
    sheet = _file(tmp_path, "contacts.csv", "First Name,Last Name,E-mail,Company,Mobile Phone\n"
                  "Ana,Ruiz-Ortiz,ana@contoso.example,Fabrikam,+34 600 000 000\n")
    result = mn("import", str(sheet))
    assert ("~ Ana Ruiz-Ortiz is Ana Ruiz (row 2; matched by email; the file's name, org "
            "differ from yours: yours are kept): phone") in result.stdout
    ana = _person(mn, "ana")
    assert (ana["name"], ana["org"], ana["phone"]) == ("Ana Ruiz", "Contoso", "+34 600 000 000")


# A match by name alone --------------------------------------------------------------------

def test_a_name_only_match_says_that_it_fills_empty_fields_and_keeps_yours(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Marcus Bell", "--via", "work", "--met", "2024-01-01")
    sheet = _file(tmp_path, "people.csv", "name,via,met_on,role,focus\n"
                  "Marcus Bell,online-event,2025-07-06,VP Product,strategy\n")
    result = mn("import", str(sheet))
    assert ("~ Marcus Bell (row 2; matched by name; by name only, and the file's met on, via "
            "differ from yours: yours are kept and only empty fields are filled): role, focus\n"
            ) in result.stdout
    assert "details not taken" not in result.stdout
    marcus = _person(mn, "marcus")
    assert (marcus["via"], marcus["met_on"], marcus["role"], marcus["focus"]) == (
        "work", "2024-01-01", "VP Product", ["strategy"])


def test_a_name_only_match_that_disagrees_names_the_email_and_link_it_does_not_take(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--org", "Old Co")
    connections = _file(tmp_path, "Connections.csv", LINKEDIN + "Dana,Lee,https://www.linkedin."
                        "com/in/danalee,,Acme,Director of Product,30 May 2024\n")
    result = mn("import", str(connections))
    assert ("~ Dana Lee (row 2; matched by name; by name only, and the file's org differs from "
            "yours: yours is kept, only empty fields are filled, and the file's link is not "
            "taken; if this is the same person, add their email or link with `mentornet "
            "edit`, then import again): role\n") in result.stdout
    dana = _person(mn, "dana")
    assert (dana["org"], dana["link"], dana["role"]) == ("Old Co", None, "Director of Product")
    sheet = _file(tmp_path, "people.csv", "name,org,email\nDana Lee,Acme,dana@acme.example\n")
    result = mn("import", str(sheet))
    assert ("= Dana Lee (row 2; matched by name; by name only, and the file's org differs from "
            "yours: yours is kept and the file's email is not taken; if this is the same "
            "person") in result.stdout
    assert _person(mn, "dana")["emails"] == []
