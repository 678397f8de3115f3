"""Every contact file other tools wrote (../shared/fixtures/contacts/) imports right, or is
reported with where it is broken.

expected.json holds, for each file, the people it gives (name, email, organisation, title,
phone) and the cards or rows it skips, or the first problem it is refused with. The values
were checked by hand against each file; the tests below the table name the cases the
importer once got wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentornet.cli.io import _parse, detect_format
from mentornet.errors import BadInput
from mentornet.io.problems import MalformedFile

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "contacts"
EXPECTED = json.loads((Path(__file__).parent / "fixtures" / "contacts" / "expected.json")
                      .read_text(encoding="utf-8"))
WHERE = re.compile(r"^(card \d+(, line \d+| at line \d+)|row \d+|line \d+|file)\b")

needs_shared = pytest.mark.skipif(not SHARED.is_dir(),
                                  reason=f"the shared contact files are not at {SHARED}")


def _files() -> list[str]:
    if not SHARED.is_dir():
        return sorted(EXPECTED)
    return sorted(str(p.relative_to(SHARED)) for p in SHARED.rglob("*")
                  if p.is_file() and p.name != "README.md")


def _people(mn: Run) -> list[dict[str, Any]]:
    """Everyone in the export; nobody when there is no database yet (nothing written)."""
    result = mn("export", "--format", "json", ok=False)
    if result.exit_code == 1 and "there is no database at" in result.stderr:
        return []
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["people"])


@needs_shared
def test_the_table_covers_every_shared_file() -> None:
    assert set(_files()) == set(EXPECTED)


@needs_shared
@pytest.mark.parametrize("name", _files())
def test_each_shared_file_gives_its_people_or_says_where_it_is_broken(name: str) -> None:
    path = SHARED / name
    expected = EXPECTED[name]
    data = path.read_bytes()
    if "error" in expected:
        with pytest.raises(BadInput) as caught:  # MalformedFile is a BadInput
            _parse(detect_format(path, data), data, name, skip_invalid=False)
        found = caught.value
        first = str(found.problems[0]) if isinstance(found, MalformedFile) else str(found)
        assert first == expected["error"]
        assert WHERE.match(first) or not isinstance(found, MalformedFile), first
        return
    parsed = _parse(detect_format(path, data), data, name, skip_invalid=False)
    got = [[c.name, *(c.fields.get(key) or "" for key in ("email", "org", "role", "phone"))]
           for c in parsed.contacts]
    assert got == expected["people"]
    assert [str(p) for p in parsed.skipped] == expected["skipped"]
    assert all(WHERE.match(str(p)) for p in parsed.skipped)


@needs_shared
@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.startswith("csv/")))
def test_each_shared_csv_imports_through_the_command(mn: Run, name: str) -> None:
    result = mn("import", str(SHARED / name))
    expected = EXPECTED[name]["people"]
    people = {p["name"]: p for p in _people(mn)}
    assert len(people) == len({row[0] for row in expected})
    for name_, email, org, role, phone in expected:
        person = people[name_]
        assert (person["email"] or "", person["org"] or "", person["role"] or "",
                person["phone"] or "") == (email, org, role, phone)
    for skipped in EXPECTED[name]["skipped"]:
        assert f"skipped {skipped}" in result.stdout


# The cases the importer once got wrong --------------------------------------------------------

def _import(mn: Run, name: str, *args: str, ok: bool = True) -> Any:
    return mn("import", str(SHARED / name), *args, ok=ok)


@needs_shared
def test_a_bare_comma_in_vcard_2_1_is_text(mn: Run) -> None:
    _import(mn, "peer-vcards/mangstadt+ez-vcard/src/test/resources/ezvcard/io/text/"
                "John_Doe_GMAIL.vcf")
    _import(mn, "peer-vcards/mangstadt+ez-vcard/src/test/resources/ezvcard/io/text/"
                "outlook-2003.vcf")
    people = {p["name"]: p for p in _people(mn)}
    assert "Mr. John Richter, James Doe Sr." in people
    assert people["John Doe III"]["org"] == "Company, The"  # ORG:Company, The;TheDepartment


@needs_shared
def test_outlook_csv_title_is_an_honorific_and_job_title_the_role(mn: Run) -> None:
    result = _import(mn, "csv/outlook-desktop.csv")
    dana = next(p for p in _people(mn) if p["name"] == "Dana Lee")
    assert (dana["role"], dana["email"], dana["org"]) == (
        "Director of Product", "dana@northwind.example", "Northwind")
    assert "Title" in result.stdout  # named among the columns not imported


@needs_shared
def test_an_outlook_csv_in_windows_1252_is_read_and_the_report_says_so(mn: Run) -> None:
    result = _import(mn, "csv/outlook-desktop-cp1252.csv")
    assert [p["name"] for p in _people(mn)] == ["José Núñez"]
    assert "read as Windows-1252" in result.stdout


@needs_shared
def test_google_csv_email_only_rows_are_skipped_and_listed_and_columns_mapped(mn: Run) -> None:
    result = _import(mn, "csv/google-new.csv")
    assert "skipped row 4: no name" in result.stdout
    dana = next(p for p in _people(mn) if p["email"] == "dana@northwind.example")
    assert (dana["org"], dana["role"], dana["phone"]) == (
        "Northwind", "Director of Product", "+1 555 0100")
    assert dana["notes"] == "Met at a conference, great chat"
    assert "Not imported (mentornet does not use them): the columns" in result.stdout
    assert "Labels" in result.stdout


@needs_shared
def test_a_google_legacy_csv_keeps_the_email(mn: Run) -> None:
    _import(mn, "csv/google-legacy-mtrazzi.csv")
    assert {p["name"]: p["email"] for p in _people(mn)} == {
        "Richard Feynman": "rich@caltech.edu", "Elon Musk": "elon.musk@tesla.com"}


@needs_shared
@pytest.mark.parametrize("name", [
    "csv/linkedin-excel-de-dates.csv", "csv/linkedin-excel-us-dates.csv",
    "csv/linkedin-excel-de-semicolon.csv", "csv/mentornet-resaved-de-dates.csv",
    "csv/mentornet-resaved-tab.csv"])
def test_spreadsheet_re_saves_read_their_dates(mn: Run, name: str) -> None:
    _import(mn, name)
    dana = next(p for p in _people(mn) if p["name"] == "Dana Lee")
    expected = "2025-05-07" if "mentornet" in name else "2024-05-30"
    assert dana["met_on"] == expected


@needs_shared
def test_google_outlook_and_linkedin_in_turn_keep_your_words_and_note_one_new_role(
        mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--email", "dana@northwind.example")
    mn("edit", "dana", "--note", "Prefers async; very direct.")
    google = _import(mn, "csv/google-new.csv")
    assert ("~ Dana J. Lee is Dana Lee (row 2; matched by email; the file's name, notes differ "
            "from yours: yours are kept): role, org, phone, emails") in google.stdout
    outlook = _import(mn, "csv/outlook-desktop.csv")  # "Globex" for Google's "Globex, Inc."
    assert "News worth a note" not in outlook.stdout
    linkedin = _import(mn, "csv/linkedin-current.csv")
    assert "Sam Wu: Staff PM at Globex, Inc. → Staff PM, Platform at Globex, Inc." in (
        linkedin.stdout)
    people = {p["name"]: p for p in _people(mn)}
    assert people["Dana Lee"]["notes"] == "Prefers async; very direct."
    assert (people["Sam Wu"]["role"], people["Sam Wu"]["org"]) == (
        "Staff PM, Platform", "Globex, Inc.")
    jobs = json.loads(mn("export").stdout)["job_changes"]
    assert [(j["old_org"], j["new_role"], j["new_org"]) for j in jobs] == [
        ("Globex, Inc.", "Staff PM, Platform", "Globex, Inc.")]


@needs_shared
def test_a_resaved_panel_matched_by_name_says_what_it_fills_and_what_it_keeps(
        mn: Run) -> None:
    mn("add", "Marcus Bell", "--via", "work", "--met", "2024-01-01")
    result = _import(mn, "csv/mentornet-resaved-semicolon.csv", "--dry-run")
    assert ("~ Marcus Bell (row 7; matched by name; by name only, and the file's met on, via "
            "differ from yours: yours are kept and only empty fields are filled): role, org, "
            "focus\n") in result.stdout


@needs_shared
def test_shift_jis_and_windows_1252_vcards_are_read_in_their_charset(mn: Run) -> None:
    raw = "peer-vcards/CyanogenMod+android_frameworks_opt_vcard/tests/res/raw/"
    _import(mn, raw + "v21_japanese_1.vcf")
    folker = "peer-vcards/FolkerKinzel+VCards/src/Examples/AnsiFilterExamples/"
    _import(mn, folker + "German.vcf")
    _import(mn, folker + "Ukrainian.vcf")  # undeclared, but the card declares Windows-1251
    names = {p["name"] for p in _people(mn)}
    assert {"安藤ロイド", "Sören Täve Nüßlebaum", "Віталій Володимирович Кличко"} <= names


@needs_shared
def test_a_lotus_notes_profile_line_no_longer_refuses_the_card(mn: Run) -> None:
    result = _import(mn, "peer-vcards/mangstadt+ez-vcard/src/test/resources/ezvcard/io/text/"
                         "John_Doe_LOTUS_NOTES.vcf")
    (john,) = _people(mn)
    assert (john["email"], john["org"], john["role"]) == (
        "john.doe@ibm.com", "IBM", "Generic Accountant")
    assert "PROFILE" in result.stdout  # listed among the properties not imported


ANDROID = ("peer-vcards/mangstadt+ez-vcard/src/test/resources/ezvcard/io/text/"
           "John_Doe_ANDROID.vcf")


@needs_shared
def test_a_bad_byte_in_a_value_mentornet_does_not_use_leaves_the_card_whole(mn: Run) -> None:
    result = _import(mn, ANDROID)  # card 6's second ORG ends in a stray byte 0x80
    assert "Added 4 people" in result.stdout  # cards 1 and 2 have no name
    henry = next(p for p in _people(mn) if p["email"] == "henry@company.com")
    assert henry["org"] == "Ñ" * 44  # its first ORG, the one mentornet keeps


@needs_shared
def test_one_bad_card_names_itself_and_skip_invalid_imports_the_rest(mn: Run,
                                                                     tmp_path: Path) -> None:
    data = (SHARED / ANDROID).read_bytes()
    first_org = data.index(b"ORG;", data.index(b"henry@company.com"))
    broken = tmp_path / "contacts.vcf"  # the stray byte in the ORG mentornet keeps
    broken.write_bytes(data[:first_org] + data[first_org:].replace(
        b"=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=\r\n\r\n",
        b"=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=C3=91=\r\n=80\r\n", 1))
    refused = mn("import", str(broken), ok=False)
    assert refused.exit_code == 1
    assert "card 6, line 77: the ORG on line 77 is not valid UTF-8 text" in refused.stderr
    assert "--skip-invalid" in refused.stderr
    assert _people(mn) == []
    result = mn("import", str(broken), "--skip-invalid")
    assert "Added 3 people" in result.stdout  # cards 1 and 2 have no name
    assert "skipped card 6, line 77: the ORG" in result.stdout


@needs_shared
def test_an_unindented_android_address_and_a_2_1_photo_are_skipped_not_fatal(mn: Run) -> None:
    _import(mn, "peer-vcards/CyanogenMod+android_frameworks_opt_vcard/tests/res/raw/"
                "v21_adr_multiple_line.vcf")
    _import(mn, "peer-vcards/FolkerKinzel+VCards/src/FolkerKinzel.VCards.Tests/TestFiles/"
                "Library v2.vcf")
    names = {p["name"] for p in _people(mn)}
    assert {"bogus", "Herr Max Anderer Mustermann sen."} <= names
