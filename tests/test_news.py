"""News worth a note: a re-import that shows a new role or organisation records a dated
job change, `show` lists it, and `due` offers it as a reason to get in touch for 30 days."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentornet.domain.news import JobNews, congratulate, is_news, noticed
from mentornet.domain.orgs import same_organisation

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]
CONNECTIONS = Path(__file__).parent / "fixtures" / "io" / "Connections.csv"


def _moved(tmp_path: Path, old: str, new: str) -> Path:
    """Connections.csv as exported later, with one connection's job changed."""
    text = CONNECTIONS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "Connections-later.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture
def dana(mn: Run) -> None:
    mn("import", str(CONNECTIONS), "--format", "linkedin", today="2026-10-01")
    mn("edit", "dana", "--kind", "formal", today="2026-10-01")
    mn("log", "dana", "Coffee", today="2026-11-15")  # not due for weeks


def _due(mn: Run, today: str) -> list[dict[str, Any]]:
    return json.loads(mn("due", "--json", today=today).stdout)


@pytest.mark.usefixtures("dana")
def test_a_linkedin_reimport_with_a_new_job_is_news_in_show_and_due(
        mn: Run, tmp_path: Path) -> None:
    assert _due(mn, "2026-11-22") == []
    later = _moved(tmp_path, "Acme Games,Director of Product", "Northwind,VP Product")
    out = mn("import", str(later), "--format", "linkedin", today="2026-11-22").stdout
    assert "Dana Lee: Director of Product at Acme Games → VP Product at Northwind" in out
    shown = mn("show", "dana", today="2026-11-23").stdout
    assert "News" in shown
    assert "2026-11-22: Director of Product at Acme Games → VP Product at Northwind" in (
        " ".join(shown.split()))
    events = json.loads(mn("show", "dana", "--json").stdout)["job_changes"]
    assert [(e["noticed_on"], e["old_role"], e["old_org"], e["new_role"], e["new_org"],
             e["source"]) for e in events] == [
        ("2026-11-22", "Director of Product", "Acme Games", "VP Product", "Northwind",
         "linkedin")]
    listed = _due(mn, "2026-11-23")
    assert [(p["name"], p["flags"]) for p in listed] == [("Dana Lee", ["news"])]
    assert listed[0]["reasons"] == [
        "Dana is now VP Product at Northwind: a good moment to congratulate them"]
    assert "new job" in mn("due", today="2026-11-23").stdout
    assert "news" in _due(mn, "2026-12-21")[0]["flags"]  # day 29 (and due by now)
    assert "news" not in _due(mn, "2026-12-22")[0]["flags"]  # 30 days on: old news


@pytest.mark.usefixtures("dana")
def test_a_touch_base_after_the_news_ends_it(mn: Run, tmp_path: Path) -> None:
    later = _moved(tmp_path, "Acme Games,Director of Product", "Acme Games,VP Product")
    mn("import", str(later), "--format", "linkedin", today="2026-11-22")
    assert _due(mn, "2026-11-22")[0]["flags"] == ["news"]
    mn("log", "dana", "Sent congratulations", "--via", "message", "--no-reply",
       today="2026-11-23")
    assert _due(mn, "2026-11-24") == []


@pytest.mark.usefixtures("dana")
def test_news_is_only_for_active_panel_members(mn: Run, tmp_path: Path) -> None:
    later = _moved(tmp_path, "Northwind,Staff Product Manager", "Globex,Head of Product")
    out = mn("import", str(later), "--format", "linkedin", today="2026-11-22").stdout
    assert "Sam Wu: Staff Product Manager at Northwind → Head of Product at Globex" in out
    assert _due(mn, "2026-11-23") == []  # Sam is a contact, off the panel
    assert json.loads(mn("show", "sam", "--json").stdout)["job_changes"]  # still recorded
    mn("edit", "sam", "--kind", "informal", "--status", "paused", today="2026-11-23")
    assert _due(mn, "2026-11-23") == []
    mn("edit", "sam", "--status", "active", today="2026-11-23")
    assert [p["name"] for p in _due(mn, "2026-11-23")] == ["Sam Wu"]


@pytest.mark.usefixtures("dana")
def test_undo_takes_the_news_back_with_the_import(mn: Run, tmp_path: Path) -> None:
    later = _moved(tmp_path, "Acme Games,Director of Product", "Northwind,VP Product")
    mn("import", str(later), "--format", "linkedin", today="2026-11-22")
    mn("undo", today="2026-11-22")
    assert json.loads(mn("show", "dana", "--json").stdout)["job_changes"] == []
    assert _due(mn, "2026-11-22") == []


def test_a_role_filled_in_for_the_first_time_is_no_news(mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("edit", "dana", "--link", "https://www.linkedin.com/in/dana-lee-4b21a")
    out = mn("import", str(CONNECTIONS), "--format", "linkedin").stdout
    assert "~ Dana Lee" in out
    assert "News worth a note" not in out
    assert json.loads(mn("show", "dana", "--json").stdout)["job_changes"] == []


def test_what_counts_as_a_job_change() -> None:
    old = {"role": "Director of Product", "org": "Northwind"}
    assert noticed(old, {"role": "VP Product", "org": "Acme"}) == (
        "Director of Product", "Northwind", "VP Product", "Acme")
    assert noticed(old, {"org": "Acme"}) == (
        "Director of Product", "Northwind", "Director of Product", "Acme")
    assert noticed(old, {"role": "director of  product"}) is None  # only its spelling
    assert noticed({"role": None, "org": None}, {"role": "VP", "org": "Acme"}) is None
    assert noticed({"role": None, "org": "Acme"}, {"role": "VP"}) is None
    assert noticed(old, {"email": "x@y.example"}) is None


def test_an_organisation_written_another_way_is_the_same_organisation() -> None:
    for one, other in [("Northwind", "Northwind, Inc."), ("Globex, Inc.", "GLOBEX"),
                       ("Initech LLC", "Initech"), ("Contoso Ltd.", "contoso"),
                       ("Ünïcödé GmbH", "Unicode"), ("Fabrikam S.A.", "Fabrikam SA"),
                       ("Smith, Jones & Co.", "Smith Jones"), ("Umbrella Corp", "Umbrella"),
                       ("Hooli plc", "Hooli"), ("Acme AG", "Acme"),
                       ("Tailspin B.V.", "Tailspin BV"), ("Pied Piper Pty Ltd", "Pied Piper"),
                       ("Northwind  Inc", "northwind, inc.")]:
        assert same_organisation(one, other), (one, other)
    for one, other in [("Acme", "Acme Games"), ("Globex", "Initech"),
                       ("Northwind", "Northwind Health"), ("Co", "Inc"), ("Acme", None)]:
        assert not same_organisation(one, other), (one, other)


def test_the_same_organisation_written_another_way_is_no_news_but_a_new_role_is() -> None:
    old = {"role": "Director of Product", "org": "Northwind"}
    assert noticed(old, {"org": "Northwind, Inc."}) is None
    assert noticed(old, {"role": "director of product", "org": "NORTHWIND INC"}) is None
    assert noticed({"role": "Staff PM", "org": "Globex"},  # the organisation as you have it
                   {"role": "Staff PM, Platform", "org": "Globex, Inc."}) == (
        "Staff PM", "Globex", "Staff PM, Platform", "Globex")


@pytest.mark.usefixtures("dana")
def test_a_linkedin_reimport_with_the_company_written_another_way_is_no_news(
        mn: Run, tmp_path: Path) -> None:
    later = _moved(tmp_path, "Acme Games,Director of Product",
                   '"Acme Games, Inc.",Director of Product')
    out = mn("import", str(later), "--format", "linkedin", today="2026-11-22").stdout
    assert "News worth a note" not in out
    assert json.loads(mn("show", "dana", "--json").stdout)["job_changes"] == []
    assert _due(mn, "2026-11-23") == []  # nobody to congratulate


@pytest.mark.usefixtures("dana")
def test_a_new_role_at_the_organisation_written_another_way_is_news(
        mn: Run, tmp_path: Path) -> None:
    later = _moved(tmp_path, "Acme Games,Director of Product", "ACME GAMES INC,VP Product")
    out = mn("import", str(later), "--format", "linkedin", today="2026-11-22").stdout
    assert "Dana Lee: Director of Product at Acme Games → VP Product at Acme Games" in out
    assert _due(mn, "2026-11-23")[0]["reasons"] == [
        "Dana is now VP Product at Acme Games: a good moment to congratulate them"]


def test_a_contacts_csv_with_the_company_written_another_way_is_no_news_for_due(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--role", "Director of Product",
       "--org", "Northwind", "--email", "dana@northwind.example")
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("First Name,Last Name,Organization Name,Organization Title,"
                     "E-mail 1 - Value\n"
                     'Dana,Lee,"Northwind, Inc.",Director of Product,dana@northwind.example\n',
                     encoding="utf-8")
    out = mn("import", str(sheet)).stdout
    assert "News worth a note" not in out
    assert "Nothing to change" in out
    shown = json.loads(mn("show", "dana", "--json").stdout)
    assert (shown["org"], shown["job_changes"]) == ("Northwind", [])
    for person in _due(mn, "2026-11-23"):
        assert "news" not in person["flags"]
        assert not any("congratulate" in reason for reason in person["reasons"])


def test_news_lasts_thirty_days_and_ends_with_a_touch_base() -> None:
    news = JobNews(date(2026, 11, 1), "VP Product", "Acme")
    assert is_news(news, today=date(2026, 11, 30), last_touchbase=date(2026, 10, 1))
    assert not is_news(news, today=date(2026, 12, 1), last_touchbase=None)
    assert not is_news(news, today=date(2026, 11, 5), last_touchbase=date(2026, 11, 1))
    assert not is_news(news, today=date(2026, 10, 31), last_touchbase=None)
    assert congratulate("Dana Lee", news) == (
        "Dana is now VP Product at Acme: a good moment to congratulate them")
    assert congratulate("Dana", JobNews(date(2026, 11, 1), None, "Acme")).startswith(
        "Dana is now at Acme:")


def test_a_csv_that_updates_a_role_is_news_too_and_a_vcard_only_fills_in(
        mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--role", "Director of Product", "--org", "Acme",
       "--email", "dana@acme.example")
    sheet = tmp_path / "people.csv"
    sheet.write_text("name,email,role,org\nDana Lee,dana@acme.example,VP Product,Acme\n",
                     encoding="utf-8")
    out = mn("import", str(sheet)).stdout
    assert "Dana Lee: Director of Product at Acme → VP Product at Acme" in out
    card = tmp_path / "dana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Lee\r\nORG:Globex\r\n"
                    "EMAIL:dana@acme.example\r\nTITLE:CEO\r\nEND:VCARD\r\n", encoding="utf-8")
    assert "News worth a note" not in mn("import", str(card)).stdout
    events = json.loads(mn("show", "dana", "--json").stdout)["job_changes"]
    assert [(e["new_role"], e["source"]) for e in events] == [("VP Product", "csv")]


@pytest.mark.usefixtures("dana")
def test_the_job_changes_travel_with_the_json_export_and_come_in_once(
        mn: Run, tmp_path: Path, another_db: Callable[[str], str]) -> None:
    later = _moved(tmp_path, "Acme Games,Director of Product", "Northwind,VP Product")
    mn("import", str(later), "--format", "linkedin", today="2026-11-22")
    exported = mn("export", "--format", "json").stdout
    [job] = json.loads(exported)["job_changes"]
    assert (job["noticed_on"], job["new_role"], job["new_org"], job["source"]) == (
        "2026-11-22", "VP Product", "Northwind", "linkedin")
    backup = tmp_path / "panel.json"
    backup.write_text(exported, encoding="utf-8")
    other = another_db("restored.db")
    mn("--db", other, "import", str(backup))  # a restore: the same document comes out
    assert mn("--db", other, "export", "--format", "json").stdout == exported
    shown = json.loads(mn("--db", other, "show", "dana", "--json").stdout)["job_changes"]
    assert [e["new_org"] for e in shown] == ["Northwind"]
    # merged into a panel that has it already: not recorded twice
    out = mn("import", str(backup)).stdout
    assert "job change" not in out
    assert len(json.loads(mn("show", "dana", "--json").stdout)["job_changes"]) == 1


def test_a_bad_job_change_in_a_json_file_is_named(mn: Run, tmp_path: Path) -> None:
    document = {"format": "mentornet", "version": 1,
                "people": [{"id": 1, "name": "Dana Lee"}],
                "job_changes": [{"person_id": 2, "noticed_on": "yesterday",
                                 "source": "linkedin"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = mn("import", str(path), ok=False)
    assert result.exit_code == 1
    assert "job_changes[0].noticed_on" in result.stderr
    assert "job_changes[0].person_id" in result.stderr
    assert json.loads(mn("list", "--json").stdout) == []
