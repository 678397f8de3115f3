"""Through the CLI: contacts stay off the panel, existing relationships are not new, easing
off waits, a passed session is asked about, and the takeoff comes first."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py


def due(mn, *args: str, today: str | None = None) -> list[dict]:
    return json.loads(mn("due", "--json", *args, today=today).stdout)


def test_a_contact_is_never_in_due_not_even_with_all(mn) -> None:
    mn("add", "Ada Okafor", "--kind", "contact", "--met", "2021-03-12")
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-09-01")
    assert [row["name"] for row in due(mn, "--all")] == ["Dana Lee"]
    assert "Ada" not in mn("due", "--all").stdout
    result = mn("due", "--explain", "ada", ok=False)
    assert result.exit_code == 1
    assert "is a contact, not on your panel" in result.stderr
    assert "--kind prospect" in result.stderr


def test_list_leaves_contacts_out_unless_asked_for(mn) -> None:
    mn("add", "Ada Okafor", "--kind", "contact")
    mn("add", "Dana Lee", "--kind", "formal")
    assert [p["name"] for p in json.loads(mn("list", "--json").stdout)] == ["Dana Lee"]
    assert [p["name"] for p in json.loads(mn("list", "--kind", "contact", "--json").stdout)] \
        == ["Ada Okafor"]
    assert "Your panel (1)" in mn("list").stdout
    assert "Your contacts, off the panel (1)" in mn("list", "--kind", "contact").stdout


def test_promoting_a_contact_puts_them_on_the_panel_with_no_takeoff(mn) -> None:
    mn("add", "Ada Okafor", "--kind", "contact", "--met", "2021-03-12", today="2026-11-01")
    mn("edit", "ada", "--kind", "prospect")
    [ada] = due(mn)
    assert ada["name"] == "Ada Okafor"
    assert "takeoff" not in ada["flags"]  # connected five years before being added


def test_add_last_contact_is_an_existing_relationship(mn) -> None:
    mn("add", "Priya Nair", "--via", "manager", "--met", "2023-03-01",
       "--last-contact", "2026-10-01")
    [priya] = due(mn, "--all")
    assert priya["last_contact"] == "2026-10-01"
    assert "takeoff" not in priya["flags"]
    assert not any("haven't followed up" in r or "nothing given back" in r
                   for r in priya["reasons"])
    show = json.loads(mn("show", "priya", "--json").stdout)
    assert [t["channel"] for t in show["touchbases"]] == ["other", "meeting"]


def test_add_last_contact_before_met_is_a_clear_error(mn) -> None:
    result = mn("add", "Priya Nair", "--met", "2026-03-01", "--last-contact", "2025-01-01",
                ok=False)
    assert result.exit_code == 1
    assert "--last-contact '2025-01-01' is before --met '2026-03-01'" in result.stderr
    assert mn("list", "--json").stdout.strip() == "[]"


def test_an_old_relationship_added_today_is_never_new(mn) -> None:
    mn("add", "Priya Nair", "--met", "2023-03-01")
    [priya] = due(mn)
    assert "takeoff" not in priya["flags"]
    assert not any("haven't followed up" in r for r in priya["reasons"])


def test_one_sided_counts_from_the_day_added(mn) -> None:
    mn("add", "Old Mentor", "--met", "2024-01-01", today="2026-11-20")
    for day in ("2024-03-01", "2024-06-01", "2024-09-01", "2025-01-01"):
        mn("log", "old", "Catch-up", "--on", day, "--via", "coffee", today="2026-11-20")
    [old] = due(mn, "--all", today="2026-11-22")
    assert "one-sided" not in old["flags"]


def test_add_then_log_on_the_same_day_counts_one_touch_base(mn) -> None:
    mn("add", "Kai Moreno", "--kind", "prospect")
    mn("log", "kai", "Intro call", "--via", "call")
    show = json.loads(mn("show", "kai", "--json").stdout)
    assert len(show["touchbases"]) == 1
    [kai] = due(mn)
    assert kai["flags"] == ["takeoff"]


def test_easing_off_waits_after_the_list_and_out_of_the_count(mn) -> None:
    mn("add", "Omar Haddad", "--kind", "prospect", "--met", "2026-09-01")
    mn("log", "omar", "Cold note", "--via", "message", "--no-reply", "--on", "2026-10-01")
    mn("log", "omar", "Second note", "--via", "message", "--no-reply", "--on", "2026-11-01")
    mn("add", "Marta Silva", "--met", "2026-01-10")
    rows = due(mn)
    assert [(r["name"], r["flags"]) for r in rows] == [("Marta Silva", ["due", "stale"]),
                                                       ("Omar Haddad", ["unanswered"])]
    # a prospect's cadence (3 weeks) after the last outreach: one more try is fair now
    assert rows[1]["reasons"] == ["your last 2 outreaches got no reply: try once more now, "
                                  "with one specific ask rather than a nudge "
                                  '(mentornet ask "Omar Haddad")']
    assert rows[1]["next_due"] == "2026-11-22"
    out = mn("due").stdout
    assert "1 person to update" in out
    assert out.index("Waiting for a reply") > out.index("Marta Silva")
    assert mn("due", "--brief").stdout == "1 to update: Marta Silva (stale)\n"


def test_a_passed_session_asks_whether_it_happened(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-10-01")
    mn("log", "dana", "Monthly", "--via", "video", "--on", "2026-11-03")
    mn("schedule", "dana", "2026-11-20", today="2026-11-10")
    [dana] = due(mn)
    assert dana["flags"] == ["session-passed"]
    assert dana["reasons"][0] == ("Did your session with Dana on 20 Nov happen? Log it, and "
                                  "send a thank-you")
    assert "session-passed" in mn("due", "--explain", "dana").stdout
    mn("log", "dana", "Monthly", "--via", "video", "--on", "2026-11-20")
    assert due(mn) == []


def test_the_takeoff_ranks_above_the_long_dormant(mn) -> None:
    for name in ("Ben Hart", "Chloe Ng", "Dev Rao"):
        mn("add", name, "--met", "2024-01-01", today="2024-01-01")
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-11-18")
    assert due(mn)[0]["name"] == "Dana Lee"


LINKEDIN = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Okafor,https://www.linkedin.com/in/ada,,Contoso,Engineer,12 Mar 2021
Ben,Hart,https://www.linkedin.com/in/ben,,Initech,Designer,03 Jan 2020
"""


def test_an_import_brings_contacts_that_never_bury_the_panel(mn, tmp_path) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-11-18")
    file = tmp_path / "Connections.csv"
    file.write_text(LINKEDIN, encoding="utf-8")
    result = mn("import", str(file))
    assert "2 people came in as contacts" in result.stdout
    assert [row["name"] for row in due(mn, "--all")] == ["Dana Lee"]
    [ada] = [p for p in json.loads(mn("list", "--kind", "contact", "--json").stdout)
             if p["name"] == "Ada Okafor"]
    show = json.loads(mn("show", "ada", "--json").stdout)
    assert (show["kind"], show["met_on"], show["touchbases"]) == ("contact", "2021-03-12", [])
    assert "connected" in mn("show", "ada").stdout


def test_import_as_chooses_the_kind_of_the_whole_file(mn, tmp_path) -> None:
    file = tmp_path / "Connections.csv"
    file.write_text(LINKEDIN, encoding="utf-8")
    mn("import", str(file), "--as", "prospect")
    assert {p["kind"] for p in json.loads(mn("list", "--json").stdout)} == {"prospect"}
    rows = due(mn)
    assert {row["name"] for row in rows} == {"Ada Okafor", "Ben Hart"}
    assert all("takeoff" not in row["flags"] for row in rows)  # connected years ago


def test_import_as_a_kind_that_does_not_exist_is_a_clear_error(mn, tmp_path) -> None:
    file = tmp_path / "Connections.csv"
    file.write_text(LINKEDIN, encoding="utf-8")
    result = mn("import", str(file), "--as", "friend", ok=False)
    assert result.exit_code == 1
    assert "unknown kind (--as) 'friend'" in result.stderr
    assert mn("list", "--kind", "contact", "--json").stdout.strip() == "[]"


def test_review_may_suggest_a_contact_for_a_gap(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--focus", "leadership")
    mn("add", "Eli Stone", "--kind", "contact", "--role", "Head of Pricing", "--org", "Hooli")
    mn("goal", "add", "Own pricing", "--focus", "pricing", "--mentor", "dana")
    data = json.loads(mn("review", "--json").stdout)
    [goal] = data["coverage"]["goals"]
    assert [c["name"] for c in goal["focus"][0]["candidates"]] == ["Eli Stone"]
    assert data["composition"]["total"] == 1  # the contact is not on the panel


def test_confirmations_read_as_english(mn) -> None:
    mn("add", "Tom Becker")
    assert "Logged an outreach (no reply yet) with Tom Becker" in mn(
        "log", "tom", "--via", "email", "--no-reply").stdout
    assert "Logged an email with Tom Becker" in mn("log", "tom", "--via", "email").stdout
    assert "Logged a call with Tom Becker" in mn("log", "tom", "--via", "call").stdout
    assert "Noted: Tom Becker gave you a perspective." in mn(
        "got", "tom", "Advice on the launch", "--kind", "perspective").stdout
    assert "Noted: you gave Tom Becker an intro." in mn(
        "give", "tom", "Intro to Priya", "--kind", "intro").stdout


def test_goal_edit_changes_a_goal_and_links_a_mentor_for_the_recap(mn) -> None:
    mn("add", "Marta Silva", "--kind", "informal", "--met", "2026-06-01")
    mn("add", "Kai Moreno", "--kind", "prospect", "--met", "2026-11-01")
    mn("goal", "add", "Lead a product area", "--by", "2027-06-30", "--focus", "roadmaps")
    mn("goal", "edit", "1", "--text", "Lead the pricing area", "--by", "2027-03-31",
       "--focus", "pricing", "--mentor", "marta", "--mentor", "kai")
    [goal] = json.loads(mn("goal", "list", "--json").stdout)
    assert (goal["text"], goal["target"], goal["focus"]) == (
        "Lead the pricing area", "2027-03-31", ["pricing"])
    assert sorted(goal["mentors"]) == ["Kai Moreno", "Marta Silva"]
    mn("goal", "progress", "1", "Priced the new tier")
    assert "Priced the new tier" in mn("prep", "marta", "--send-only").stdout
    review = json.loads(mn("review", "--json").stdout)
    assert review["coverage"]["without_mentor"] == []  # a prospect linked helps too
    mn("goal", "edit", "1", "--no-mentor", "kai")
    assert json.loads(mn("goal", "list", "--json").stdout)[0]["mentors"] == ["Marta Silva"]
    assert mn("undo").stdout.startswith("Undid `goal edit 1`")


def test_goal_edit_with_nothing_or_no_such_goal_is_a_clear_error(mn) -> None:
    mn("goal", "add", "Lead a product area")
    result = mn("goal", "edit", "1", ok=False)
    assert result.exit_code == 1
    assert "nothing to change" in result.stderr
    result = mn("goal", "edit", "9", "--by", "2027-01-01", ok=False)
    assert result.exit_code == 1
    assert "no goal #9" in result.stderr


def test_goals_past_their_date_are_pointed_out(mn) -> None:
    mn("goal", "add", "Ship the roadmap", "--by", "2026-11-30", today="2026-10-01")
    out = mn("goal", "list", today="2026-12-01").stdout
    assert "past its date" in out
    assert "mentornet goal edit 1 --by" in " ".join(out.split())
    assert json.loads(mn("goal", "list", "--json", today="2026-12-01").stdout)[0]["past_target"]
    review = json.loads(mn("review", "--json", today="2026-12-01").stdout)
    assert any("was due on 2026-11-30" in s["text"] for s in review["suggestions"])


def test_a_general_parked_item_stays_open_for_each_formal_mentor(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-09-01")
    mn("add", "Ines Costa", "--kind", "formal", "--met", "2026-09-01")
    mn("park", "Should I take the platform role?")
    assert "Should I take the platform role?" in mn("prep", "dana", "--send-only").stdout
    mn("log", "dana", "Monthly", "--via", "video", "--discussed", "all")
    assert "platform role" not in mn("prep", "dana", "--send-only").stdout
    assert "Should I take the platform role?" in mn("prep", "ines", "--send-only").stdout
    mn("log", "ines", "Monthly", "--via", "video", "--discussed", "all")
    assert "platform role" not in mn("prep", "ines", "--send-only").stdout


GROUPS = ("todo", "goal")


def _quoted_commands(text: str) -> set[tuple[str, ...]]:
    """Every `mentornet COMMAND` a text quotes, as the command's words."""
    import re

    found = set()
    for match in re.finditer(r"mentornet ([a-z-]+)(?: ([a-z-]+))?", text):
        first, second = match.group(1), match.group(2)
        found.add((first, second) if first in GROUPS and second else (first,))
    return found


def test_every_command_quoted_in_advice_exists(mn, tmp_path) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-01-10", "--focus", "leadership",
       today="2026-01-10")
    for day in ("2026-03-01", "2026-05-01", "2026-07-01"):
        mn("log", "dana", "Monthly", "--via", "video", "--on", day, today=day)
    mn("add", "Omar Haddad", "--kind", "prospect", "--met", "2026-06-01", today="2026-06-01")
    for day in ("2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"):
        mn("log", "omar", "Note", "--via", "message", "--no-reply", "--on", day, today=day)
    mn("add", "Ada Okafor", "--kind", "contact", "--focus", "pricing")
    mn("goal", "add", "Own pricing", "--by", "2026-11-01", "--focus", "pricing",
       today="2026-06-01")
    mn("goal", "add", "Lead a team", "--focus", "leadership", today="2026-06-01")
    mn("schedule", "dana", "2026-11-20", today="2026-11-10")
    texts = [mn("due", "--all").stdout, mn("due", "--json").stdout, mn("review").stdout,
             mn("review", "--json").stdout, mn("goal", "list").stdout,
             mn("prep", "dana").stdout, mn("prep", "omar").stdout,
             mn("prep", "dana", "--send-only").stderr, mn("show", "ada").stdout,
             mn("due", "--explain", "ada", ok=False).stderr, mn("me").stdout]
    quoted = set().union(*(_quoted_commands(" ".join(t.split())) for t in texts))
    assert {("edit",), ("park",), ("goal", "edit"), ("me",)} <= quoted, quoted
    for words in sorted(quoted):
        result = mn(*words, "--help", ok=False)
        assert result.exit_code == 0, (words, result.output)


@pytest.mark.sqlite_only  # the demo builds a SQLite file of its own
def test_the_demo_shows_a_contact_and_someone_waiting_for_a_reply(mn, tmp_path) -> None:
    out = mn("demo", "--demo-db", str(tmp_path / "demo.db")).stdout
    assert "Eli Stone" in out  # the contact, in `list --kind contact`
    assert "Waiting for a reply" in out
    rows = json.loads(mn("--db", str(tmp_path / "demo.db"), "due", "--all", "--json").stdout)
    assert "Eli Stone" not in {row["name"] for row in rows}
    marcus = next(row for row in rows if row["name"] == "Marcus Bell")
    assert "unanswered" in marcus["flags"]
    assert not {"due", "stale", "takeoff"} & set(marcus["flags"])


def test_review_never_advises_giving_back_to_the_paused_or_those_waiting(mn) -> None:
    mn("add", "José Ruiz", "--met", "2026-01-10", today="2026-01-10")
    mn("add", "Quiet Mentor", "--met", "2026-01-10", today="2026-01-10")
    for day in ("2026-03-01", "2026-05-01", "2026-07-01"):
        mn("log", "José", "Career", "--via", "coffee", "--on", day, today=day)
        mn("log", "quiet", "Career", "--via", "coffee", "--on", day, today=day)
    mn("edit", "José", "--status", "paused", today="2026-08-01")
    for day in ("2026-09-01", "2026-10-01"):
        mn("log", "quiet", "Note", "--via", "email", "--no-reply", "--on", day, today=day)
    data = json.loads(mn("review", "--json").stdout)
    one_sided = {b["name"] for b in data["balance"] if b["one_sided"]}
    assert one_sided == {"José Ruiz", "Quiet Mentor"}  # the fact, as due says it
    texts = " ".join(s["text"] for s in data["suggestions"])
    assert "Give back" not in texts
    assert "Ease off with Quiet Mentor" in texts


def test_waiting_for_a_reply_is_never_drawn_in_red() -> None:
    from datetime import date

    from mentornet.domain.records import Person, TouchBase
    from mentornet.domain.urgency import facts_from_records, score
    from mentornet.render.due import _style

    person = Person(id=1, name="Quiet", kind="formal")
    history = [TouchBase(id=1, person_id=1, happened_on=date(2026, 1, 1)),
               TouchBase(id=2, person_id=1, happened_on=date(2026, 10, 1), answered=False),
               TouchBase(id=3, person_id=1, happened_on=date(2026, 11, 1), answered=False)]
    found = score(facts_from_records(person, history, [], [], today=date(2026, 11, 22)),
                  today=date(2026, 11, 22))
    assert found.waiting
    assert "red" not in _style(found)


def test_a_prospect_met_29_days_ago_reads_4_weeks_ago(mn) -> None:
    mn("add", "Lena Park", "--kind", "prospect", "--met", "2026-10-24")
    assert "4 weeks ago" in mn("review").stdout
