"""People: add, edit, list, show, schedule, snooze through the command line."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py


def _show(mn, name: str, **kwargs: str) -> dict:
    return json.loads(mn("show", name, "--json", **kwargs).stdout)


def test_add_records_the_person_and_the_first_meeting(mn) -> None:
    result = mn("add", "Dana Lee", "--kind", "formal", "--role", "Director", "--org", "Acme",
                "--via", "skip-level", "--met", "2026-11-02", "--focus", "leadership",
                "--focus", "stakeholder management", "--every", "monthly",
                "--email", "dana@example.com", "--link", "https://example.com/dana",
                "--note", "Met at the offsite")
    assert "Added Dana Lee (#1) as a formal mentor." in result.stdout
    dana = _show(mn, "dana")
    assert dana["kind"] == "formal"
    assert dana["status"] == "active"
    assert dana["org"] == "Acme"
    assert dana["via"] == "skip-level"
    assert dana["focus"] == ["leadership", "stakeholder management"]
    assert dana["cadence_days"] == 30
    assert dana["met_on"] == "2026-11-02"
    assert dana["email"] == "dana@example.com"
    assert dana["notes"] == "Met at the offsite"
    [first] = dana["touchbases"]
    assert first["happened_on"] == "2026-11-02"
    assert first["answered"] is True
    assert dana["last_contact"] == "2026-11-02"


def test_add_defaults_to_an_informal_mentor_met_today(mn) -> None:
    mn("add", "Sam Wu")
    sam = _show(mn, "sam")
    assert sam["kind"] == "informal"
    assert sam["met_on"] == "2026-11-22"
    assert sam["cadence_days"] == 84  # the default for informal mentors


def test_add_with_no_meeting_records_no_touchbase(mn) -> None:
    mn("add", "Priya N", "--kind", "prospect", "--no-meeting")
    assert _show(mn, "priya")["touchbases"] == []


def test_a_second_person_with_the_same_name_needs_force(mn, db_path) -> None:
    mn("add", "Dana Lee")
    before = db_path.read_bytes()
    result = mn("add", "dana lee", ok=False)
    assert result.exit_code == 1
    assert "already on your panel (#1)" in result.stderr
    assert "--force" in result.stderr
    assert db_path.read_bytes() == before
    mn("add", "Dana Lee", "--force")
    assert len(json.loads(mn("list", "--json").stdout)) == 2


def test_via_accepts_free_text(mn) -> None:
    mn("add", "Ana Ruiz", "--via", "the Lisbon product meetup")
    assert _show(mn, "ana")["via"] == "the Lisbon product meetup"


def test_edit_changes_fields_and_keeps_history(mn) -> None:
    mn("add", "Dana Lee")
    mn("log", "dana", "Coffee", "--via", "coffee")
    mn("edit", "dana", "--name", "Dana Lee-Park", "--kind", "formal", "--status", "paused",
       "--every", "6w", "--org", "Initech", "--focus", "hiring")
    dana = _show(mn, "#1")
    assert dana["name"] == "Dana Lee-Park"
    assert dana["kind"] == "formal"
    assert dana["status"] == "paused"
    assert dana["cadence_days"] == 42
    assert dana["org"] == "Initech"
    assert dana["focus"] == ["hiring"]
    assert len(dana["touchbases"]) == 1  # `add` without --met logs nothing
    mn("edit", "dana", "--every", "default")
    assert _show(mn, "dana")["cadence_days"] == 28  # the formal default


def test_edit_without_changes_is_an_error(mn) -> None:
    mn("add", "Dana Lee")
    result = mn("edit", "dana", ok=False)
    assert result.exit_code == 1
    assert "nothing to change" in result.stderr


def test_list_filters_by_kind_status_and_focus(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--focus", "leadership")
    mn("add", "Sam Wu", "--focus", "ml products")
    mn("add", "Leo M", "--kind", "mentee")
    mn("add", "Old Friend")
    mn("edit", "old friend", "--status", "archived")
    names = [p["name"] for p in json.loads(mn("list", "--json").stdout)]
    assert names == ["Dana Lee", "Leo M", "Sam Wu"]  # archived left out by default
    formal = json.loads(mn("list", "--kind", "formal", "--json").stdout)
    assert [p["name"] for p in formal] == ["Dana Lee"]
    focus = json.loads(mn("list", "--focus", "ML Products", "--json").stdout)
    assert [p["name"] for p in focus] == ["Sam Wu"]
    archived = json.loads(mn("list", "--status", "archived", "--json").stdout)
    assert [p["name"] for p in archived] == ["Old Friend"]


def test_list_json_has_the_documented_keys(mn) -> None:
    mn("add", "Dana Lee", "--met", "2026-11-01")
    [dana] = json.loads(mn("list", "--json").stdout)
    assert {"id", "name", "kind", "status", "focus", "cadence_days", "last_contact"} <= set(dana)
    assert dana["last_contact"] == "2026-11-01"


def test_list_prints_a_table_and_an_empty_panel_says_how_to_start(mn) -> None:
    assert "mentornet add" in mn("list").stdout
    mn("add", "Dana Lee", "--org", "Acme", "--met", "2026-11-22")
    out = mn("list").stdout
    assert "Dana Lee" in out
    assert "Acme" in out
    assert "today" in out


def test_show_prints_a_page_with_history_favours_and_open_items(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--org", "Acme", "--met", "2026-10-01")
    mn("log", "dana", "Talked about the reorg", "--via", "coffee", "--on", "2026-11-10",
       "--feedback", "Lead with the problem")
    mn("give", "dana", "Intro to Priya", "--kind", "intro")
    mn("park", "dana", "How do I push back?")
    mn("todo", "add", "dana", "Send the memo", "--due", "2026-11-30")
    mn("goal", "add", "Lead a team", "--mentor", "dana", "--by", "2027-06-30")
    out = mn("show", "dana").stdout
    for expected in ("Dana Lee", "Acme", "every 4 weeks", "Talked about the reorg",
                     "Lead with the problem", "Intro to Priya", "How do I push back?",
                     "Send the memo", "Lead a team", "1 given, 0 received",
                     "rhythm"):
        assert expected in out, expected


def test_show_as_of_an_earlier_day_leaves_out_what_came_after_it(mn) -> None:
    mn("add", "Grace Kim", "--kind", "formal", "--met", "2026-06-01", today="2026-06-01")
    mn("log", "grace", "Coffee chat", "--via", "coffee", today="2026-10-22")
    mn("got", "grace", "Intro to a pricing lead", "--kind", "intro", today="2026-10-22")
    page = " ".join(mn("show", "grace", today="2026-10-05").stdout.replace("│", " ").split())
    assert "Coffee chat" not in page
    assert "Intro to a pricing lead" not in page
    assert "0 given, 0 received" in page
    assert "last contact 4 months ago" in page  # not "in 17 days"
    assert [t["happened_on"] for t in _show(mn, "grace", today="2026-10-05")["touchbases"]] \
        == ["2026-06-01"]


def test_show_says_when_help_is_not_yet_thanked_as_due_does(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-06-01", today="2026-06-01")
    mn("got", "dana", "Pre-read advice", "--kind", "feedback", today="2026-11-16")
    page = " ".join(mn("show", "dana", today="2026-11-17").stdout.replace("│", " ").split())
    assert "they helped you on 2026-11-16 and you haven't thanked them yet" in page
    flags = json.loads(mn("due", "--json", today="2026-11-17").stdout)[0]["flags"]
    assert "thanks-owed" in flags
    assert _show(mn, "dana", today="2026-11-17")["standing"]["thanks_owed"] == "2026-11-16"
    mn("log", "dana", "Thanked her", "--via", "email", today="2026-11-17")
    assert "thanked" not in mn("show", "dana", today="2026-11-17").stdout


def test_show_json_lists_are_newest_first(mn) -> None:
    mn("add", "Dana Lee", "--met", "2026-01-01")
    mn("log", "dana", "later", "--on", "2026-03-01")
    mn("log", "dana", "latest", "--on", "2026-06-01")
    dana = _show(mn, "dana")
    days = [t["happened_on"] for t in dana["touchbases"]]
    assert days == sorted(days, reverse=True)
    assert {"touchbases", "favours", "parked", "followups", "goals", "next_session"} <= set(dana)


def test_schedule_sets_and_clears_the_next_session(mn) -> None:
    mn("add", "Dana Lee")
    mn("schedule", "dana", "2026-12-03")
    assert _show(mn, "dana")["next_session"] == "2026-12-03"
    mn("schedule", "dana", "friday")  # the coming Friday: today is Sunday 22 November
    assert _show(mn, "dana")["next_session"] == "2026-11-27"
    mn("schedule", "dana", "none")
    assert _show(mn, "dana")["next_session"] is None


def test_snooze_hides_until_a_date(mn) -> None:
    mn("add", "Sam Wu")
    mn("snooze", "sam", "in 3 weeks")
    assert _show(mn, "sam")["snoozed_until"] == "2026-12-13"
    mn("snooze", "sam", "none")
    assert _show(mn, "sam")["snoozed_until"] is None


def test_output_files_never_replace_the_database(mn, db_path) -> None:
    mn("add", "Dana Lee")
    before = db_path.read_bytes()
    for args in (("prep", "dana", "--out", str(db_path)), ("review", "--svg", str(db_path)),
                 ("export", "--out", str(db_path))):
        result = mn(*args, ok=False)
        assert result.exit_code == 1
        assert "is your database" in result.stderr
    assert db_path.read_bytes() == before


def test_show_cuts_a_very_long_note_and_says_where_the_rest_is(mn) -> None:
    mn("add", "Dana Lee", "--note", "word " * 200_000)
    out = mn("show", "dana").stdout
    assert "more characters in `show --json`" in out
    assert len(out) < 20_000
    assert len(json.loads(mn("show", "dana", "--json").stdout)["notes"]) == 1_000_000


def test_list_and_show_use_the_cadence_from_the_settings_file(mn, tmp_path) -> None:
    (tmp_path / "config.toml").write_text('[cadence]\nformal = "6w"\n')
    mn("add", "Dana Lee", "--kind", "formal")
    [dana] = json.loads(mn("list", "--json").stdout)
    assert dana["cadence_days"] == 42
    assert _show(mn, "dana")["cadence_days"] == 42
    assert "every 6 weeks" in mn("show", "dana").stdout


def test_a_session_that_passed_is_not_shown_as_the_next_one(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-10-01", today="2026-10-01")
    mn("schedule", "dana", "2026-11-26", today="2026-11-20")
    before = " ".join(mn("show", "dana", today="2026-11-20").stdout.replace("│", " ").split())
    assert "next session Thu 26 Nov 2026" in before
    after = " ".join(mn("show", "dana", today="2026-11-30").stdout.replace("│", " ").split())
    assert "next session" not in after
    assert "the session on 2026-11-26 passed with nothing logged" in after
