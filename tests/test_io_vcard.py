"""vCards in (iPhone, Google, Android) and out (3.0 and 4.0), with the vobject library."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import vobject

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]
FIXTURES = Path(__file__).parent / "fixtures" / "io"


def _people(mn: Run) -> dict[str, dict[str, Any]]:
    document = json.loads(mn("export", "--format", "json").stdout)
    return {person["name"]: person for person in document["people"]}


def test_iphone_cards_with_grouped_emails_folded_lines_and_a_photo(mn: Run) -> None:
    result = mn("import", str(FIXTURES / "iphone.vcf"))
    assert "Added 2 people" in result.stdout
    people = _people(mn)
    dana = people["Dana Lee"]
    assert dana["email"] == "dana.lee@acme.example"  # item1.EMAIL, with its X-ABLabel
    assert (dana["org"], dana["role"]) == ("Acme Games", "Director of Product")
    assert dana["link"] == "https://www.linkedin.com/in/dana-lee-4b21a"
    assert dana["notes"] == ("Met at the PM summit after her talk on roadmaps. Great on "
                             "stakeholder management, ask about the reorg.\nFollow up in spring.")
    assert dana["kind"] == "contact"
    chidi = people["Dr. Chidi Okafor"]
    assert chidi["email"] == "chidi.okafor@mail.example"  # the preferred one


def test_google_contacts_cards_with_escaped_urls_and_several_emails(mn: Run) -> None:
    result = mn("import", str(FIXTURES / "google.vcf"))
    assert "skipped card 3 at line 22: no name" in result.stdout
    people = _people(mn)
    sam = people["Sam Wu"]
    assert sam["email"] == "sam.wu@northwind.example"
    assert sam["link"] == "https://samwu.example/blog"  # Google writes https\://
    assert sam["focus"] == []  # Google's "myContacts" group is not a focus area
    assert people["Priya Raman"]["org"] == "Fabrikam"


def test_an_android_4_0_card_and_an_old_quoted_printable_2_1_card(mn: Run) -> None:
    mn("import", str(FIXTURES / "android-4.0.vcf"))
    mn("import", str(FIXTURES / "android-2.1.vcf"))
    people = _people(mn)
    ana = people["Ana Ruiz"]
    assert (ana["email"], ana["org"], ana["role"]) == (
        "ana.ruiz@contoso.example", "Contoso, Inc.", "VP Product")
    assert people["Jürgen Müller"]["email"] == "juergen.mueller@fabrikam.example"


def test_any_of_a_card_s_emails_matches_and_only_empty_fields_are_filled(mn: Run) -> None:
    mn("add", "Chidi", "--email", "CHIDI@northwind-health.example", "--role", "CPO")
    result = mn("import", str(FIXTURES / "iphone.vcf"))
    assert ("~ Dr. Chidi Okafor is Chidi (card 2 at line 27; matched by email; the file's "
            "name, role differ from yours: yours are kept): org") in result.stdout
    chidi = _people(mn)["Chidi"]
    assert (chidi["role"], chidi["org"]) == ("CPO", "Northwind Health")
    assert chidi["email"] == "CHIDI@northwind-health.example"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_writes_cards_that_vobject_reads_back(mn: Run, version: str) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--email", "dana@acme.example", "--org",
       "Acme; Inc, Ltd", "--role", "Director", "--link", "https://example.com/dana",
       "--focus", "leadership,ml products", "--note", "Line one\nline two: " + "x" * 120)
    mn("add", "Cher", "--no-meeting")
    text = mn("export", "--format", "vcard", "--vcard-version", version, "--with-notes").stdout
    cards = list(vobject.readComponents(text))
    assert len(cards) == 2
    dana, cher = cards
    assert dana.version.value == version
    assert dana.fn.value == "Dana Lee"
    assert dana.n.value.family == "Lee"
    assert dana.email.value == "dana@acme.example"
    assert dana.org.value == ["Acme; Inc, Ltd"]
    assert dana.note.value.endswith("x" * 120)
    assert dana.categories.value == ["leadership", "ml products"]
    assert cher.n.value.given == "Cher"
    assert all(len(line.encode()) <= 75 for line in text.splitlines())  # folded


def test_uids_are_stable_across_exports(mn: Run) -> None:
    mn("add", "Dana Lee")
    first = mn("export", "--format", "vcard").stdout
    assert first == mn("export", "--format", "vcard").stdout
    assert "UID:mentornet-person-1@" in first


def test_a_vcard_export_imports_back_into_an_empty_panel(
        mn: Run, another_db: Callable[[str], str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--email", "dana@acme.example", "--org", "Acme",
       "--role", "Director", "--focus", "leadership", "--note", "Kind,\nand sharp; really")
    mn("add", "Sam Wu", "--kind", "mentee")
    cards = tmp_path / "panel.vcf"
    mn("export", "--format", "vcard", "--vcard-version", "4.0", "--with-notes", "--out",
       str(cards))
    keep = ("name", "kind", "email", "org", "role", "focus", "notes")
    before = {n: {k: p[k] for k in keep} for n, p in _people(mn).items()}
    monkeypatch.setenv("MENTORNET_DB", another_db("other.db"))
    mn("import", str(cards))
    assert {n: {k: p[k] for k in keep} for n, p in _people(mn).items()} == before


def test_re_importing_your_own_cards_matches_by_id_even_after_a_rename(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    cards = tmp_path / "panel.vcf"
    mn("export", "--format", "vcard", "--out", str(cards))
    mn("edit", "dana", "--name", "Dana Lee-Park")
    result = mn("import", str(cards))
    assert ("Dana Lee is Dana Lee-Park (card 1 at line 1; matched by id; the file's name "
            "differs from yours: yours is kept)") in result.stdout
    assert list(_people(mn)) == ["Dana Lee-Park"]


@pytest.mark.parametrize(("fixture", "where", "what"), [
    ("truncated.vcf", "card 2 at line 14", "the card is cut short"),
    ("broken-line.vcf", "card 1, line 4", "not a vCard property"),
    ("junk.bin", "line 1", "a NUL byte"),
    ("people-bom.csv", "line 1", "no vCard in the file"),
])
def test_a_malformed_vcard_file_is_reported_and_nothing_is_imported(
        mn: Run, fixture: str, where: str, what: str) -> None:
    mn("add", "Someone")
    source = FIXTURES / fixture
    original = source.read_bytes()
    result = mn("import", str(source), "--format", "vcard", ok=False)
    assert result.exit_code == 1
    assert f"{where}: {what}" in result.stderr, result.stderr
    assert list(_people(mn)) == ["Someone"]
    assert source.read_bytes() == original


def test_a_broken_card_s_report_never_quotes_its_text(mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "private.vcf"
    source.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nNOTE:about her divorce\r\n"
                      "and her health\r\nEND:VCARD\r\n", encoding="utf-8")
    result = mn("import", str(source), ok=False)
    assert "card 1, line 5" in result.stderr
    assert "health" not in result.stderr


def test_every_broken_card_is_listed(mn: Run, tmp_path: Path) -> None:
    good = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fine\r\nEND:VCARD\r\n"
    bad = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\nno colon here\r\nEND:VCARD\r\n"
    source = tmp_path / "mixed.vcf"
    source.write_text(good + bad + good + bad, encoding="utf-8")
    result = mn("import", str(source), ok=False)
    assert "  card 2, line 8:" in result.stderr
    assert "  card 4, line 17:" in result.stderr


def test_a_large_import_shows_a_progress_bar_in_a_terminal(
        mn: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "many.vcf"
    source.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\n"
                              f"EMAIL:p{n}@example.com\r\nEND:VCARD\r\n" for n in range(300)),
                      encoding="utf-8")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich: standard error is a terminal
    monkeypatch.setenv("TERM", "xterm")
    result = mn("import", str(source))
    assert "Importing" in result.stderr
    assert "Added 300 people" in result.stdout
    monkeypatch.delenv("TTY_COMPATIBLE")
    quiet = mn("import", str(source))  # not a terminal: no bar
    assert "Importing" not in quiet.stderr


def test_the_vcard_export_leaves_notes_out_unless_asked_and_writes_urls_as_they_are(
        mn: Run) -> None:
    mn("add", "Dana Lee", "--link", "https://example.com/a,b;c?x=1", "--note",
       "Private: her health", "--phone", "+1 555 0100")
    plain = mn("export", "--format", "vcard").stdout.splitlines()
    assert not [line for line in plain if "NOTE" in line or "health" in line]
    assert "URL:https://example.com/a\\,b\\;c?x=1" in plain  # the colon is not escaped
    assert "TEL;TYPE=VOICE:+1 555 0100" in plain
    with_notes = mn("export", "--format", "vcard", "--with-notes").stdout
    assert "NOTE:Private: her health" in with_notes.splitlines()
    (card,) = vobject.readComponents(with_notes)
    assert card.url.value == "https://example.com/a,b;c?x=1"


def test_apple_escaped_colons_gmail_quotes_and_carriage_returns_are_read_as_text(
        mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "apple.vcf"
    source.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Lee\r\n"
                       b"NOTE:Call at 10\\:30 \\\"sharp\\\"\\r\\nthen lunch\\nok\r\n"
                       b"URL:https\\://example.com/dana\r\nEND:VCARD\r\n")
    mn("import", str(source))
    (dana,) = _people(mn).values()
    assert dana["link"] == "https://example.com/dana"
    assert dana["notes"].startswith('Call at 10:30 "sharp"')
    assert "\r" not in dana["notes"]


def test_a_calendar_file_is_refused_with_what_to_do(mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "due.ics"
    source.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    result = mn("import", str(source), ok=False)
    assert result.exit_code == 1
    assert "is a calendar (iCalendar) file, not contacts" in result.stderr
    assert "export --format ics" in result.stderr
    renamed = tmp_path / "due.txt"
    renamed.write_bytes(source.read_bytes())
    assert "calendar" in mn("import", str(renamed), ok=False).stderr  # by its content too


def test_a_vcard_2_1_card_with_a_comma_and_a_charset_imports_whole(
        mn: Run, tmp_path: Path) -> None:
    source = tmp_path / "outlook.vcf"
    source.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Richter;John\r\n"
                       b"FN:Mr. John Richter, James Doe Sr.\r\nORG:Acme, Inc.;Sales\r\n"
                       b"TITLE;CHARSET=Windows-1252:Gesch\xe4ftsf\xfchrer, Vertrieb\r\n"
                       b"TEL;CELL;PREF:+49 170 1234567\r\nEND:VCARD\r\n")
    result = mn("import", str(source))
    (john,) = _people(mn).values()
    assert john["name"] == "Mr. John Richter, James Doe Sr."
    assert (john["org"], john["role"]) == ("Acme, Inc.", "Geschäftsführer, Vertrieb")
    assert john["phone"] == "+49 170 1234567"
    assert "read as Windows-1252" not in result.stdout  # it said its charset
