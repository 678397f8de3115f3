"""People as CSV: a documented header, spreadsheet quirks in, formula injection defused out."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentornet.io.csv_format import HEADER, defuse, undefuse

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]
FIXTURES = Path(__file__).parent / "fixtures" / "io"


def _people(mn: Run) -> list[dict[str, Any]]:
    """Everyone in the export; nobody when there is no database yet (nothing written)."""
    result = mn("export", "--format", "json", ok=False)
    if result.exit_code == 1 and "there is no database at" in result.stderr:
        return []
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["people"])


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_the_header_is_the_documented_one(mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    mn("undo")  # an empty panel: the header alone
    mn("export", "--format", "csv", "--out", str(tmp_path / "people.csv"))
    text = (tmp_path / "people.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # so spreadsheets read accents right
    assert text.lstrip("\ufeff").split("\r\n")[0] == (
        "id,name,kind,status,role,org,seniority,via,met_on,focus,cadence_days,email,link,"
        "notes,snoozed_until,next_session,phone,sphere,closeness")
    assert ",".join(HEADER) in text


def test_one_row_per_person_with_dates_and_tags_as_text(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--org", "Acme, Inc.", "--focus", "a,b",
       "--met", "2026-03-03", "--note", "Line one\nline \"two\"")
    mn("schedule", "dana", "2026-12-01")
    rows = _rows(mn("export", "--format", "csv").stdout)
    assert rows == [{
        "id": "1", "name": "Dana Lee", "kind": "formal", "status": "active", "role": "",
        "org": "Acme, Inc.", "seniority": "", "via": "", "met_on": "2026-03-03",
        "focus": "a, b", "cadence_days": "", "email": "", "link": "",
        "notes": "Line one\nline \"two\"", "snoozed_until": "", "next_session": "2026-12-01",
        "phone": "", "sphere": "", "closeness": ""}]


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil\",\"x\")", "+1 555", "-2+3",
                                  "@SUM(A1)", "\tindent", "\rreturn", "'=already quoted"])
def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(cell: str) -> None:
    assert defuse(cell) == "'" + cell
    assert undefuse(defuse(cell)) == cell


@pytest.mark.parametrize("cell", ["Dana", "'quoted", "1+1", "a=b", ""])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert defuse(cell) == cell == undefuse(cell)


def test_a_hostile_name_and_note_come_out_defused(mn: Run) -> None:
    mn("add", "=cmd|' /C calc'!A0", "--note", "@SUM(1+1)*cmd")
    row = _rows(mn("export", "--format", "csv").stdout)[0]
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["notes"] == "'@SUM(1+1)*cmd"


def test_a_csv_export_imports_back_into_an_empty_panel_unchanged(
        mn: Run, another_db: Callable[[str], str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("add", "=Dana Lee", "--kind", "formal", "--org", "Acme, Inc.", "--focus", "a,b",
       "--every", "6w", "--email", "dana@acme.example", "--note", "Two\nlines, \"quoted\"",
       "--met", "2026-03-03")
    mn("edit", "#1", "--status", "paused")
    source = tmp_path / "people.csv"
    mn("export", "--out", str(source))
    before = [{k: v for k, v in p.items() if k not in ("created_at", "updated_at")}
              for p in _people(mn)]
    monkeypatch.setenv("MENTORNET_DB", another_db("other.db"))
    mn("import", str(source))
    after = [{k: v for k, v in p.items() if k not in ("created_at", "updated_at")}
             for p in _people(mn)]
    assert after == before


def test_a_spreadsheet_csv_with_a_bom_and_quoted_newlines_comes_in(mn: Run) -> None:
    result = mn("import", str(FIXTURES / "people-bom.csv"))
    assert "Added 4 people" in result.stdout
    dana, sam, zoe, kwame = _people(mn)
    assert dana["org"] == "Acme Games, Inc."
    assert dana["kind"] == "formal"
    assert dana["notes"] == ("Monthly on the second Tuesday.\n"  # CR LF read as LF
                             "Ask about the reorg, and the \"platform\" bet.")
    assert dana["focus"] == ["leadership", "roadmaps"]
    assert dana["cadence_days"] == 28
    assert dana["next_session"] == "2026-12-01"
    assert dana["via"] == "skip-level"
    assert sam["cadence_days"] == 42  # "6w"
    assert zoe["name"] == "Zoë Müller"
    assert zoe["notes"] == "=1+1 is how she opens every talk"
    assert (kwame["kind"], kwame["status"], kwame["snoozed_until"]) == (
        "mentee", "paused", "2027-01-15")


def test_people_already_there_are_updated_by_id_not_duplicated(mn: Run) -> None:
    mn("add", "Dana Lee", "--email", "DANA.LEE@acme.example", "--role", "PM")
    mn("add", "Sam Wu", "--note", "Keep this note")
    result = mn("import", str(FIXTURES / "people-bom.csv"))
    assert "Added 2 people and updated 2 people" in result.stdout
    assert "~ Dana Lee (row 2; matched by id):" in result.stdout  # id 1, and her name
    assert "~ Sam Wu (row 3; matched by id):" in result.stdout
    people = _people(mn)
    assert len(people) == 4
    assert people[0]["role"] == "Director of Product"  # the file's value replaces it
    assert people[1]["notes"] == "Keep this note"  # an empty cell never erases


def test_a_generic_spreadsheet_with_other_column_names_works(mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text("First Name,Last Name,E-mail,Company,Job Title\n"
                      "Ana,Ruiz,ana@contoso.example,Contoso,VP Product\n", encoding="utf-8")
    mn("import", str(source))
    (ana,) = _people(mn)
    assert (ana["name"], ana["email"], ana["org"], ana["role"], ana["kind"]) == (
        "Ana Ruiz", "ana@contoso.example", "Contoso", "VP Product", "contact")


@pytest.mark.parametrize(("fixture", "where", "what"), [
    ("people-missing-name.csv", "row 1", "the header has no name column"),
    ("people-short-row.csv", "row 3", "has 2 cells but the header has 3"),
    ("people-bad-values.csv", "row 2", "the kind 'wizard' is not one of"),
    ("people-bad-values.csv", "row 3", "met_on 'next tuesday' is not a date"),
    ("people-broken-quote.csv", "line 3", "the CSV quoting is broken"),
    ("junk.bin", "line 1", "a NUL byte at byte 103: this looks like a binary file"),
])
def test_a_malformed_csv_is_reported_and_nothing_is_imported(
        mn: Run, fixture: str, where: str, what: str) -> None:
    mn("add", "Someone")
    source = FIXTURES / fixture
    original = source.read_bytes()
    result = mn("import", str(source), "--format", "csv", ok=False)
    assert result.exit_code == 1
    assert f"{where}: {what}" in result.stderr, result.stderr
    assert "nothing was imported" in result.stderr
    assert [p["name"] for p in _people(mn)] == ["Someone"]
    assert source.read_bytes() == original


def test_an_empty_file_is_reported(mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_bytes(b"")
    result = mn("import", str(source), ok=False)
    assert "the file is empty" in result.stderr


def test_a_header_only_file_imports_nobody(mn: Run, tmp_path: Path, db_path: Path) -> None:
    source = tmp_path / "header.csv"
    source.write_text(",".join(HEADER) + "\r\n", encoding="utf-8")
    assert "No people found" in mn("import", str(source)).stdout
    assert not db_path.exists()


def test_dry_run_writes_nothing(mn: Run, db_path: Path) -> None:
    result = mn("import", str(FIXTURES / "people-bom.csv"), "--dry-run")
    assert "Would add 4 people" in result.stdout
    assert "+ Dana Lee (row 2)" in result.stdout
    assert not db_path.exists()


def test_hostile_names_in_a_file_are_printed_safely(mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "hostile.csv"
    source.write_text('name\n"[bold red]Dana[/bold red]\x1b[2J\u202eeel"\n', encoding="utf-8")
    result = mn("import", str(source))
    assert "[bold red]Dana[/bold red]" in result.stdout  # shown as text, not as markup
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    (person,) = _people(mn)
    assert person["name"] == "[bold red]Dana[/bold red]\x1b[2J\u202eeel"  # stored exactly


@pytest.mark.parametrize("mark", [";", "\t"])
def test_semicolon_or_tab_separated_sheets_are_read_too(mn: Run, tmp_path: Path,
                                                        mark: str) -> None:
    source = tmp_path / "europe.csv"
    source.write_text(f"Name{mark}Company{mark}E-mail\nZoë Müller{mark}Fabrikam, GmbH{mark}"
                      f"zoe@fabrikam.example\n", encoding="utf-8")
    mn("import", str(source))
    (zoe,) = _people(mn)
    assert (zoe["name"], zoe["org"], zoe["email"]) == (
        "Zoë Müller", "Fabrikam, GmbH", "zoe@fabrikam.example")


def test_two_people_sharing_an_email_stay_two_on_re_import(mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--email", "team@acme.example", "--role", "PM")
    mn("add", "Sam Wu", "--email", "team@acme.example", "--role", "Engineer")
    path = tmp_path / "panel.csv"
    mn("export", "--format", "csv", "--out", str(path))
    text = path.read_text(encoding="utf-8-sig").replace("Engineer", "Staff Engineer")
    path.write_text(text, encoding="utf-8")
    result = mn("import", str(path))
    assert "~ Sam Wu (row 3; matched by id): role" in result.stdout
    people = {p["name"]: p for p in _people(mn)}
    assert len(people) == 2
    assert (people["Dana Lee"]["role"], people["Sam Wu"]["role"]) == ("PM", "Staff Engineer")


def test_an_id_from_elsewhere_is_not_trusted_when_name_and_email_differ(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    path = tmp_path / "other.csv"
    path.write_text("id,name,email\n1,Priya Raman,priya@fabrikam.example\n", encoding="utf-8")
    mn("import", str(path))
    assert sorted(p["name"] for p in _people(mn)) == ["Dana Lee", "Priya Raman"]


@pytest.mark.parametrize("size", [200 * 1024, 3 * 1024 * 1024])
def test_a_note_of_any_length_survives_csv_export_and_import(
        mn: Run, another_db: Callable[[str], str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    note = ("Line with \"quotes\", commas; and more\n" * (size // 38 + 1))[:size]
    mn("add", "Dana Lee", "--note", note)
    path = tmp_path / "panel.csv"
    mn("export", "--format", "csv", "--out", str(path))
    monkeypatch.setenv("MENTORNET_DB", another_db("other.db"))
    mn("import", str(path))
    (dana,) = _people(mn)
    assert dana["notes"] == note


def test_namesakes_with_different_emails_in_one_file_are_two_people(
        mn: Run, tmp_path: Path) -> None:
    path = tmp_path / "namesakes.csv"
    path.write_text("name,email\nAlex Kim,alex@acme.example\nAlex Kim,alex@globex.example\n"
                    "Alex Kim,\n", encoding="utf-8")
    result = mn("import", str(path))
    assert "Added 2 people" in result.stdout
    # nothing tells the third apart from the other two: reported, not guessed
    assert "skipped row 4: 2 people are called 'Alex Kim'" in result.stdout
    assert sorted(p["email"] for p in _people(mn)) == ["alex@acme.example",
                                                       "alex@globex.example"]


def test_a_namesake_of_someone_on_the_panel_with_another_email_is_added(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Alex Kim", "--email", "alex@acme.example")
    path = tmp_path / "namesake.csv"
    path.write_text("name,email\nAlex Kim,alex@globex.example\n", encoding="utf-8")
    result = mn("import", str(path))
    assert "Added 1 person" in result.stdout
    assert len(_people(mn)) == 2


def test_a_phone_is_matched_by_its_digits(mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--phone", "+1 (555) 010-0100")
    path = tmp_path / "phones.csv"
    path.write_text("name,phone,org\nD. Lee,1 555 010 0100,Acme\n", encoding="utf-8")
    result = mn("import", str(path))
    assert "~ D. Lee is Dana Lee (row 2; matched by phone):" in result.stdout
    (dana,) = _people(mn)  # a CSV's filled cells replace what is stored
    assert (dana["name"], dana["phone"], dana["org"]) == ("D. Lee", "1 555 010 0100", "Acme")
    assert "1 555 010 0100" in mn("show", "lee").stdout


def test_a_broken_row_names_itself_and_skip_invalid_imports_the_rest(
        mn: Run, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("name,kind\nDana Lee,formal\nSam Wu,wizard\nAna Ruiz,mentee\n",
                    encoding="utf-8")
    refused = mn("import", str(path), ok=False)
    assert refused.exit_code == 1
    assert "row 3: the kind 'wizard' is not one of" in refused.stderr
    assert f"To import the other 2 rows and list the ones skipped: mentornet import " \
           f"{path} --skip-invalid" in refused.stderr
    assert _people(mn) == []
    result = mn("import", str(path), "--skip-invalid")
    assert "Added 2 people" in result.stdout
    assert "skipped row 3: the kind 'wizard' is not one of" in result.stdout


def test_ambiguous_day_month_dates_are_decided_per_file_and_the_report_says_so(
        mn: Run, tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    path.write_text("name,met_on\nDana Lee,5/6/2024\nSam Wu,7/8/2024\n", encoding="utf-8")
    result = mn("import", str(path))
    assert "Dates such as 5/6/2024 were read month-first (as 06 May 2024)" in result.stdout
    path.write_text("name,met_on\nDana Lee,5/6/2024\nSam Wu,25/8/2024\n", encoding="utf-8")
    mn("import", str(path), "--dry-run")
    people = {p["name"]: p["met_on"] for p in _people(mn)}
    assert people == {"Dana Lee": "2024-05-06", "Sam Wu": "2024-07-08"}


def test_a_file_mixing_day_first_and_month_first_dates_is_refused(
        mn: Run, tmp_path: Path) -> None:
    path = tmp_path / "mixed-dates.csv"
    path.write_text("name,met_on\nDana Lee,25/6/2024\nSam Wu,6/25/2024\n", encoding="utf-8")
    result = mn("import", str(path), ok=False)
    assert "the file mixes the two" in result.stderr
