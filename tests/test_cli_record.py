"""Recording: log, give, got, park, todo and goal through the command line."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py


def _show(mn, name: str) -> dict:
    return json.loads(mn("show", name, "--json").stdout)


def test_log_records_channel_initiator_topics_feedback(mn) -> None:
    mn("add", "Dana Lee", "--met", "2026-10-01")
    mn("log", "dana", "Reorg chat", "--on", "yesterday", "--via", "call", "--by", "them",
       "--topic", "reorg", "--topic", "Hiring", "--feedback", "Be braver")
    latest = _show(mn, "dana")["touchbases"][0]
    assert latest["happened_on"] == "2026-11-21"
    assert latest["channel"] == "call"
    assert latest["initiator"] == "them"
    assert latest["topics"] == ["reorg", "hiring"]
    assert latest["feedback"] == "Be braver"
    assert latest["notes"] == "Reorg chat"


def test_an_unanswered_outreach_does_not_count_as_contact(mn) -> None:
    mn("add", "Marcus Bell", "--met", "2026-09-01")
    mn("log", "marcus", "Asked for 30 minutes", "--via", "message", "--no-reply")
    marcus = _show(mn, "marcus")
    assert marcus["touchbases"][0]["answered"] is False
    assert marcus["last_contact"] == "2026-09-01"


def test_no_reply_from_them_makes_no_sense(mn) -> None:
    mn("add", "Marcus Bell")
    result = mn("log", "marcus", "--by", "them", "--no-reply", ok=False)
    assert result.exit_code == 1
    assert "--no-reply" in result.stderr


def test_log_next_schedules_and_discussed_closes_parked_items(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("park", "dana", "First question")
    mn("park", "dana", "Second question")
    mn("park", "For every formal mentor", "--as", "idea")
    mn("log", "dana", "Session", "--discussed", "1", "--next", "in 4 weeks")
    dana = _show(mn, "dana")
    assert [p["text"] for p in dana["parked"]] == ["For every formal mentor", "Second question"]
    assert dana["next_session"] == "2026-12-20"
    mn("log", "dana", "Another", "--discussed", "all")
    assert _show(mn, "dana")["parked"] == []


def test_discussing_an_unknown_item_writes_nothing(mn, db_path) -> None:
    mn("add", "Dana Lee")
    before = db_path.read_bytes()
    result = mn("log", "dana", "x", "--discussed", "42", ok=False)
    assert result.exit_code == 1
    assert "'42'" in result.stderr
    assert db_path.read_bytes() == before


def test_a_session_that_happens_clears_the_schedule(mn) -> None:
    mn("add", "Dana Lee")
    mn("schedule", "dana", "2026-11-25")
    mn("log", "dana", "The session", today="2026-11-25")
    assert _show(mn, "dana")["next_session"] is None


def test_give_and_got_record_favours_with_kind_and_date(mn) -> None:
    mn("add", "Dana Lee")
    mn("give", "dana", "Feedback on her app", "--kind", "feedback", "--on", "2026-11-20")
    mn("got", "dana", "Intro to Mei", "--kind", "intro")
    favours = _show(mn, "dana")["favours"]
    assert [(f["direction"], f["kind"], f["happened_on"]) for f in favours] == [
        ("got", "intro", "2026-11-22"), ("give", "feedback", "2026-11-20")]


def test_park_without_a_name_is_for_every_formal_mentor(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("add", "Grace Kim", "--kind", "formal")
    mn("add", "Sam Wu")
    result = mn("park", "How to prepare for promotion?", "--as", "question")
    assert "every formal mentor" in result.stdout
    assert _show(mn, "grace")["parked"][0]["person_id"] is None
    assert _show(mn, "dana")["parked"][0]["text"] == "How to prepare for promotion?"
    assert _show(mn, "sam")["parked"] == []


def test_park_as_win_or_challenge(mn) -> None:
    mn("add", "Dana Lee")
    mn("park", "dana", "Shipped onboarding", "--as", "win")
    assert _show(mn, "dana")["parked"][0]["kind"] == "win"


def test_todo_add_done_and_list(mn) -> None:
    mn("add", "Dana Lee")
    mn("todo", "add", "dana", "Send the memo", "--due", "friday")
    [todo] = json.loads(mn("todo", "list", "--json").stdout)
    assert todo["due"] == "2026-11-27"
    assert todo["person"] == "Dana Lee"
    assert "Send the memo" in mn("todo", "list").stdout
    mn("todo", "done", str(todo["id"]))
    assert json.loads(mn("todo", "list", "--json").stdout) == []
    [done] = json.loads(mn("todo", "list", "--all", "--json").stdout)
    assert done["done_on"] == "2026-11-22"
    again = mn("todo", "done", str(todo["id"]), ok=False)
    assert again.exit_code == 1
    assert "already done" in again.stderr


def test_todo_done_of_an_unknown_id_is_an_error(mn) -> None:
    result = mn("todo", "done", "7", ok=False)
    assert result.exit_code == 1
    assert "#7" in result.stderr


def test_goals_with_mentors_progress_done_and_drop(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("add", "Sam Wu")
    mn("goal", "add", "Lead a team of 5", "--by", "in 12 months", "--focus", "management",
       "--mentor", "dana", "--mentor", "sam")
    mn("goal", "add", "Learn ML", "--by", "2027-03-01")
    mn("goal", "progress", "1", "Ran my first hiring loop")
    goals = json.loads(mn("goal", "list", "--json").stdout)
    assert [g["text"] for g in goals] == ["Learn ML", "Lead a team of 5"]  # by target date
    lead = goals[1]
    assert lead["target"] == "2027-11-22"
    assert lead["focus"] == ["management"]
    assert lead["mentors"] == ["Dana Lee", "Sam Wu"]
    assert lead["progress"][0]["note"] == "Ran my first hiring loop"
    mn("goal", "done", "1")
    mn("goal", "drop", "2")
    assert json.loads(mn("goal", "list", "--json").stdout) == []
    statuses = {g["id"]: g["status"] for g in json.loads(mn("goal", "list", "--all",
                                                           "--json").stdout)}
    assert statuses == {1: "done", 2: "dropped"}
    assert "Lead a team of 5" in mn("goal", "list", "--all").stdout
    again = mn("goal", "drop", "1", ok=False)
    assert again.exit_code == 1
    assert "already done" in again.stderr


def test_demo_builds_its_own_database_and_leaves_the_users_alone(mn, db_path, tmp_path) -> None:
    mn("add", "My Own Mentor")
    before = db_path.read_bytes()
    demo_db = tmp_path / "demo.db"
    out = mn("demo", "--demo-db", str(demo_db)).stdout
    assert db_path.read_bytes() == before
    assert "Dana Lee" in out
    assert str(demo_db) in out
    people = json.loads(mn("--db", str(demo_db), "list", "--json", "--status", "active").stdout)
    kinds = {p["kind"] for p in people}
    assert kinds == {"formal", "informal", "prospect", "mentee"}


def test_demo_refuses_to_overwrite_the_users_database(mn, db_path) -> None:
    mn("add", "My Own Mentor")
    result = mn("demo", "--demo-db", str(db_path), ok=False)
    assert result.exit_code == 1
    assert "overwrite" in result.stderr


def test_items_for_every_formal_mentor_are_not_closed_by_an_informal_one(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("add", "Sam Wu")
    mn("park", "For every formal mentor")
    mn("log", "sam", "Catch-up", "--discussed", "all")
    assert [p["text"] for p in _show(mn, "dana")["parked"]] == ["For every formal mentor"]
