"""Several email addresses per person: edit --email adds, --remove-email takes one away,
show lists them all, and imports and exports match and carry every one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py


def _show(mn, name: str) -> dict:
    return json.loads(mn("show", name, "--json").stdout)


def test_edit_email_adds_an_address_and_keeps_the_main_one(mn) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    result = mn("edit", "dana", "--email", "dana@home.example")
    assert "Updated Dana Lee (#1)" in result.stdout
    dana = _show(mn, "dana")
    assert dana["email"] == "dana@acme.example"
    assert dana["emails"] == ["dana@acme.example", "dana@home.example"]
    page = mn("show", "dana").stdout
    assert "emails" in page
    assert "dana@acme.example, dana@home.example" in page


def test_the_first_address_of_someone_without_one_becomes_the_main_one(mn) -> None:
    mn("add", "Sam Wu")
    mn("edit", "sam", "--email", "sam@globex.example,sam@home.example")
    sam = _show(mn, "sam")
    assert sam["email"] == "sam@globex.example"
    assert sam["emails"] == ["sam@globex.example", "sam@home.example"]


def test_an_address_they_already_have_changes_nothing_and_leaves_nothing_to_undo(mn) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    result = mn("edit", "dana", "--email", "DANA@acme.example")
    assert "already has DANA@acme.example: nothing changed" in result.stdout
    assert "Undid `add Dana Lee`" in mn("undo").stdout


def test_removing_the_main_address_promotes_the_next_one(mn) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    mn("edit", "dana", "--email", "dana@home.example", "--email", "d@lee.example")
    mn("edit", "dana", "--remove-email", "Dana@Acme.example")
    dana = _show(mn, "dana")
    assert dana["email"] == "dana@home.example"
    assert dana["emails"] == ["dana@home.example", "d@lee.example"]
    mn("edit", "dana", "--remove-email", "d@lee.example")
    assert _show(mn, "dana")["emails"] == ["dana@home.example"]
    mn("undo")
    assert _show(mn, "dana")["emails"] == ["dana@home.example", "d@lee.example"]


def test_a_bad_or_unknown_address_is_refused_and_nothing_is_written(mn) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    bad = mn("edit", "dana", "--email", "dana.example", ok=False)
    assert bad.exit_code == 1
    assert "'dana.example' is not an email address" in bad.output
    unknown = mn("edit", "dana", "--remove-email", "x@y.example", "--role", "CTO", ok=False)
    assert unknown.exit_code == 1
    assert "no email 'x@y.example'" in unknown.output
    assert _show(mn, "dana")["role"] is None
    assert "Traceback" not in unknown.output


def test_an_import_matches_a_person_by_any_of_their_addresses(mn, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example", "--kind", "formal")
    mn("edit", "dana", "--email", "dana@home.example")
    card = tmp_path / "dana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:D. Lee\r\nN:Lee;D.;;;\r\n"
                    "EMAIL:DANA@home.example\r\nEMAIL:dlee@new.example\r\nTITLE:VP\r\n"
                    "END:VCARD\r\n", encoding="utf-8")
    result = mn("import", str(card))
    assert "matched by email" in result.stdout
    dana = _show(mn, "dana")
    assert dana["role"] == "VP"
    assert dana["emails"] == ["dana@acme.example", "dana@home.example", "dlee@new.example"]
    assert [p["name"] for p in json.loads(mn("list", "--json", "--kind", "contact").stdout)] \
        == []


def test_a_new_person_from_an_import_keeps_every_address(mn, tmp_path: Path) -> None:
    card = tmp_path / "ana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nN:Ruiz;Ana;;;\r\n"
                    "EMAIL:ana@work.example\r\nEMAIL:ana@home.example\r\nEND:VCARD\r\n",
                    encoding="utf-8")
    mn("import", str(card))
    assert _show(mn, "ana")["emails"] == ["ana@work.example", "ana@home.example"]


def test_the_vcard_export_carries_every_address_main_first(mn, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    mn("edit", "dana", "--email", "dana@home.example")
    out = tmp_path / "out.vcf"
    mn("export", "--format", "vcard", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.index("dana@acme.example") < text.index("dana@home.example")


def _use(monkeypatch, db: str) -> None:
    monkeypatch.setenv("MENTORNET_DB", db)


def test_the_json_export_keeps_every_address_and_a_restore_brings_them_back(
        mn, another_db, tmp_path: Path, monkeypatch) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    mn("edit", "dana", "--email", "dana@home.example", "--email", "d@lee.example")
    mn("add", "Sam Wu")
    exported = mn("export").stdout
    document = json.loads(exported)
    assert document["emails"] == [{"email": "dana@home.example", "person_id": 1},
                                  {"email": "d@lee.example", "person_id": 1}]
    backup = tmp_path / "backup.json"
    backup.write_text(exported, encoding="utf-8")
    _use(monkeypatch, another_db("restored.db"))
    mn("import", str(backup))
    assert _show(mn, "dana")["emails"] == ["dana@acme.example", "dana@home.example",
                                           "d@lee.example"]
    assert mn("export").stdout == exported
    mn("import", str(backup))  # merging the same file again adds nothing
    assert mn("export").stdout == exported


def test_an_export_without_other_addresses_has_no_emails_section(mn) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    assert "emails" not in json.loads(mn("export").stdout)


def test_a_merge_matches_by_another_address_and_adds_the_new_ones(
        mn, another_db, tmp_path: Path, monkeypatch) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    mn("edit", "dana", "--email", "dana@home.example")
    theirs = tmp_path / "theirs.json"
    theirs.write_text(mn("export").stdout, encoding="utf-8")
    _use(monkeypatch, another_db("mine.db"))
    mn("add", "D. Lee", "--email", "dana@home.example")
    result = mn("import", str(theirs))
    assert "matched by email" in result.stdout
    assert _show(mn, "lee")["emails"] == ["dana@home.example", "dana@acme.example"]


def test_a_json_address_for_a_person_not_in_the_file_is_refused(mn, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    document = json.loads(mn("export").stdout)
    document["emails"] = [{"person_id": 9, "email": "x@y.example"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = mn("import", str(bad), ok=False)
    assert result.exit_code == 1
    assert "emails[0].person_id: there is no person 9 in the file" in result.output


def test_a_csv_row_matches_by_another_address(mn, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example", "--kind", "formal")
    mn("edit", "dana", "--email", "dana@home.example")
    sheet = tmp_path / "people.csv"
    sheet.write_text("name,email,role\nDana L.,dana@home.example,VP\n", encoding="utf-8")
    mn("import", str(sheet))
    dana = _show(mn, "dana")
    assert dana["role"] == "VP"
    assert len(json.loads(mn("list", "--json", "--kind", "contact").stdout)) == 0


def test_merge_keeps_every_address_of_both_once(mn) -> None:
    mn("add", "Dana Lee", "--email", "dana@acme.example")
    mn("edit", "dana lee", "--email", "dana@home.example")
    mn("add", "D. Lee", "--email", "dlee@new.example", "--force")
    mn("edit", "d. lee", "--email", "DANA@home.example", "--email", "d@lee.example")
    mn("merge", "#1", "#2")
    assert _show(mn, "#1")["emails"] == ["dana@acme.example", "dana@home.example",
                                         "d@lee.example", "dlee@new.example"]
