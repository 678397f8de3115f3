"""`mentornet review`: the picture in the terminal, --json as data, --svg as a file."""

from __future__ import annotations

import json
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def panel(mn):
    """A small panel on today = 2026-11-22: a mentor, a prospect, a mentee, a goal."""
    mn("add", "Dana Lee", "--kind", "formal", "--focus", "leadership", "--met", "2026-03-02")
    mn("log", "dana", "Roadmap review", "--on", "2026-06-10")
    mn("log", "dana", "Promotion case", "--on", "2026-10-20", "--via", "coffee")
    mn("got", "dana", "Intro to the VP of product", "--on", "2026-10-21")
    mn("add", "Ana Ruiz", "--kind", "prospect", "--role", "Head of Product", "--org", "Acme",
       "--focus", "people management", "--met", "2026-11-15")
    mn("add", "Leo Martins", "--kind", "mentee", "--met", "2026-09-01")
    mn("goal", "add", "Become a manager", "--by", "2027-06-30", "--focus",
       "people management", "--focus", "leadership", "--mentor", "dana")


def test_review_says_to_ease_off_where_due_waits_for_a_reply(mn, panel):
    # Two outreaches in a row without a reply: `due` lists Sam under "Waiting for a
    # reply", and review's unanswered outreach says to ease off, as the README does.
    mn("add", "Sam Okafor", "--kind", "informal", "--met", "2025-01-10")
    mn("log", "sam", "Checking in", "--on", "2026-10-01", "--no-reply")
    assert "Sam Okafor: 1 outreach with no reply since 2026-10-01\n" in mn("review").stdout
    mn("log", "sam", "Checking in again", "--on", "2026-11-01", "--no-reply")
    assert "Sam Okafor" in mn("due").stdout.split("Waiting for a reply", 1)[1]
    assert ("Sam Okafor: 2 outreaches with no reply since 2026-10-01, so ease off"
            in mn("review").stdout)


def test_review_draws_every_section_of_the_panel(mn, panel):
    out = mn("review").stdout
    for heading in ("Panel review", "Composition", "Coverage of your goals", "Rhythm",
                    "Give and get", "Pipeline", "Suggestions"):
        assert heading in out
    assert "Dana Lee" in out
    assert "people management: nobody" in out
    assert "less ·░▒▓█ more" in out  # the calendar's legend


def test_review_json_has_every_part_with_iso_dates(mn, panel):
    data = json.loads(mn("review", "--json").stdout)
    assert set(data) == {"today", "composition", "coverage", "rhythm", "balance",
                         "unanswered", "pipeline", "network", "suggestions"}
    assert data["today"] == "2026-11-22"
    assert data["composition"]["total"] == 3
    assert data["composition"]["counts"]["formal"] == {"active": 1, "paused": 0, "archived": 0}
    assert [q["quarter"] for q in data["composition"]["quarters"]][-1] == "2026-Q4"
    (goal,) = data["coverage"]["goals"]
    assert goal["target"] == "2027-06-30"
    assert [m["name"] for m in goal["mentors"]] == ["Dana Lee"]
    assert data["coverage"]["uncovered"] == [{"goal": goal["id"], "tag": "people management"}]
    assert goal["focus"][0]["candidates"][0]["name"] == "Ana Ruiz"
    months = data["rhythm"]["months"]
    assert len(months) == 12
    assert months[-1]["month"] == "2026-11-01"
    assert data["rhythm"]["calendar"]["to"] == "2026-11-22"
    assert data["rhythm"]["calendar"]["days"]["2026-10-20"] == 1
    dana = next(b for b in data["balance"] if b["name"] == "Dana Lee")
    assert (dana["got"], dana["given"], dana["touchbases"]) == (1, 0, 3)
    (prospect,) = data["pipeline"]["prospects"]
    assert (prospect["met_on"], prospect["takeoff"]) == ("2026-11-15", "pending")
    assert [m["name"] for m in data["pipeline"]["mentees"]] == ["Leo Martins"]
    assert 3 <= len(data["suggestions"]) <= 5
    assert data["suggestions"][0]["text"].startswith("No mentor covers 'people management'")


def test_review_of_an_empty_database_is_valid(mn):
    data = json.loads(mn("review", "--json").stdout)
    assert data["composition"]["total"] == 0
    assert data["balance"] == []
    assert 3 <= len(data["suggestions"]) <= 5
    assert "Your panel is empty" in mn("review").stdout


def test_svg_writes_a_valid_owner_only_picture(mn, panel, tmp_path: Path):
    target = tmp_path / "review.svg"
    result = mn("review", "--svg", str(target))
    assert "Composition" in result.stdout
    assert str(target) in result.stderr
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG}svg"
    drawn = "".join(node.text or "" for node in root.iter(f"{SVG}text"))
    assert "Suggestions" in drawn
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_svg_with_json_prints_only_json_and_replaces_an_old_picture(mn, panel, tmp_path: Path):
    target = tmp_path / "review.svg"
    mn("review", "--svg", str(target), today="2026-10-01")
    old = target.read_text()
    result = mn("review", "--json", "--svg", str(target))
    assert target.read_text() != old
    assert json.loads(result.stdout)["composition"]["total"] == 3
    assert ET.parse(target).getroot().tag == f"{SVG}svg"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".review.svg")] == []


def test_svg_in_a_missing_folder_is_a_clear_error(mn, tmp_path: Path):
    target = tmp_path / "nowhere" / "review.svg"
    result = mn("review", "--svg", str(target), ok=False)
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert not target.exists()


def test_hostile_names_print_safely_in_the_review(mn):
    mn("add", "[bold]Eve[/bold] \x1b[2J\u202e", "--focus", "[red]x")
    out = mn("review").stdout
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "[bold]Eve[/bold]" in out


def test_a_long_pipeline_shows_ten_and_sums_up_the_rest(mn):
    # Mentees off rhythm come first; past the first ten, the table says how many more and
    # how many of those are off rhythm; likewise for open goals. --json keeps them all.
    for n in range(12):
        mn("add", f"Mentee {n:02}", "--kind", "mentee", "--met", "2026-01-05")
        if n >= 9:  # three met this month: on rhythm
            mn("log", f"Mentee {n:02}", "Catch-up", "--on", "2026-11-20")
        mn("goal", "add", f"Goal {n:02}", "--by", f"2027-{n + 1:02}-01")
    out = mn("review").stdout
    assert "and 2 more, on rhythm" in out
    assert "Mentee 09" in out
    assert "Mentee 10" not in out
    assert "and 2 more open goals (mentornet goal list)" in out
    assert "Goal 09" in out
    assert "Goal 10" not in out
    mn("add", "Mentee 12", "--kind", "mentee")
    mn("add", "Mentee 13", "--kind", "mentee")  # eleven off rhythm now
    assert "and 4 more, 1 of them off rhythm" in mn("review").stdout
    data = json.loads(mn("review", "--json").stdout)
    assert len(data["pipeline"]["mentees"]) == 14
    assert len(data["coverage"]["goals"]) == 12


@pytest.mark.sqlite_only  # opens the store by its file path
def test_the_review_of_the_store_s_facts_is_the_review_of_the_records(mn, panel):
    # review reads where each relationship stands from the facts `due` reads; they are
    # the facts of the records, so the review is the same either way.
    import os
    from datetime import date

    from mentornet.domain.review import as_data, review
    from mentornet.store import Store

    mn("add", "Sam Okafor", "--kind", "informal", "--met", "2025-01-10")
    for day in ("2026-08-01", "2026-09-01", "2026-10-01"):
        mn("log", "sam", "Checking in", "--on", day, "--no-reply")
    mn("todo", "add", "dana", "Send the deck", "--due", "2026-12-01")
    today = date(2026, 11, 22)
    with Store(Path(os.environ["MENTORNET_DB"])) as store:
        reads = {"people": store.people(), "touchbases": store.touchbases(texts=False),
                 "favours": store.favours(), "goals": store.goals(),
                 "followups": store.followups(open_only=True), "added": store.added_on()}
        facts = store.panel_facts(today=today)
        days = store.touchbase_days()  # what the command reads: days and answers only
        kinds = store.favours(texts=False)  # and favours without their descriptions
    from_records = review(**reads, today=today)
    from_facts = review(**reads, today=today, facts=facts)
    assert from_facts.states == from_records.states
    assert as_data(from_facts) == as_data(from_records)
    as_read = review(**{**reads, "touchbases": days, "favours": kinds}, today=today,
                     facts=facts)
    assert as_read.states == from_records.states
    assert as_data(as_read) == as_data(from_records)
    assert from_facts.states[4].easing_off  # Sam: three outreaches without a reply
