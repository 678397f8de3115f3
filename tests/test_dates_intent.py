"""Dates that match intent: no past event after today, no plan before it, impossible days."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., object]  # today is 2026-11-22 (conftest)


@pytest.fixture
def dana(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal")


def _fails(mn: Run, *args: str) -> str:
    result = mn(*args, ok=False)
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    return " ".join(result.output.split())  # type: ignore[attr-defined]


def _history(mn: Run) -> dict:
    return json.loads(mn("show", "dana", "--json").stdout)  # type: ignore[attr-defined]


@pytest.mark.usefixtures("dana")
@pytest.mark.parametrize("args", [
    ("log", "dana", "Coffee", "--on", "2030-01-01"),
    ("give", "dana", "An intro", "--on", "2030-01-01"),
    ("got", "dana", "Advice", "--on", "2030-01-01"),
])
def test_something_that_happened_cannot_be_after_today(mn: Run, args: tuple[str, ...]) -> None:
    said = _fails(mn, *args)
    assert ("--on '2030-01-01' is after today (2026-11-22): did you mean 2026-01-01?"
            in said)
    shown = _history(mn)
    assert shown["touchbases"] == shown["favours"] == []


@pytest.mark.usefixtures("dana")
def test_a_relative_day_after_today_asks_for_one_before_it(mn: Run) -> None:
    said = _fails(mn, "log", "dana", "--on", "in 2 weeks")
    assert ("--on 'in 2 weeks' (2026-12-06) is after today (2026-11-22): give a day on or "
            "before today") in said
    mn("log", "dana", "--on", "today")  # today is on both sides
    mn("log", "dana", "--on", "friday")  # a bare weekday is the last one


def test_add_refuses_a_meeting_or_last_contact_after_today(mn: Run) -> None:
    assert "--met '2027-03-01' is after today" in _fails(
        mn, "add", "Sam Wu", "--met", "2027-03-01")
    assert "did you mean 2026-03-01?" in _fails(mn, "add", "Sam Wu", "--met", "2027-03-01")
    assert "--last-contact" in _fails(mn, "add", "Sam Wu", "--last-contact", "tomorrow")
    assert json.loads(mn("list", "--json").stdout) == []  # type: ignore[attr-defined]


@pytest.mark.usefixtures("dana")
@pytest.mark.parametrize(("args", "option"), [
    (("log", "dana", "Coffee", "--next", "2026-01-05"), "--next"),
    (("schedule", "dana", "2026-01-05"), "schedule"),
    (("snooze", "dana", "2026-01-05"), "snooze"),
    (("todo", "add", "dana", "Send the doc", "--due", "2026-01-05"), "--due"),
])
def test_a_plan_cannot_be_before_today(mn: Run, args: tuple[str, ...], option: str) -> None:
    said = _fails(mn, *args)
    assert (f"{option} '2026-01-05' is before today (2026-11-22): did you mean 2027-01-05?"
            in said)
    shown = _history(mn)
    assert shown["touchbases"] == shown["followups"] == []
    assert shown["next_session"] is None
    assert shown["snoozed_until"] is None


@pytest.mark.usefixtures("dana")
def test_schedule_yesterday_is_refused_and_keeps_the_session(mn: Run) -> None:
    mn("schedule", "dana", "2026-12-03")
    assert "give a day on or after today" in _fails(mn, "schedule", "dana", "yesterday")
    assert _history(mn)["next_session"] == "2026-12-03"


@pytest.mark.usefixtures("dana")
def test_schedule_says_when_it_replaces_an_upcoming_session(mn: Run) -> None:
    first = mn("schedule", "dana", "2026-12-03").stdout  # type: ignore[attr-defined]
    assert "replaces" not in first
    again = " ".join(mn("schedule", "dana", "2026-12-10").stdout.split())  # type: ignore[attr-defined]
    assert "Next session with Dana Lee (#1): on Thu 10 Dec 2026." in again
    assert "This replaces the upcoming session on Thu 03 Dec 2026." in again
    same = mn("schedule", "dana", "2026-12-10").stdout  # type: ignore[attr-defined]
    assert "replaces" not in same
    cleared = " ".join(mn("schedule", "dana", "none").stdout.split())  # type: ignore[attr-defined]
    assert "cleared. This replaces the upcoming session on Thu 10 Dec 2026." in cleared


@pytest.mark.usefixtures("dana")
@pytest.mark.parametrize(("typed", "why"), [
    ("2026-02-30", "February has 28 days in 2026"),
    ("2028-02-30", "February has 29 days in 2028"),
    ("feb 29, 2026", "February has 28 days in 2026"),
    ("2026-04-31", "April has 30 days in 2026"),
    ("apr 31", "April has at most 30 days"),
    ("2026-13-01", "there is no month 13"),
])
def test_an_impossible_date_says_why(mn: Run, typed: str, why: str) -> None:
    said = _fails(mn, "log", "dana", "--on", typed)
    assert f"there is no date '{typed}': {why}" in said
    assert _history(mn)["touchbases"] == []


@pytest.mark.usefixtures("dana")
def test_park_with_only_a_name_is_refused_with_the_usage(mn: Run) -> None:
    said = _fails(mn, "park", "dana")
    assert "'dana' is someone on your panel, and there is nothing to park" in said
    assert 'mentornet park dana "TEXT"' in said
    assert _history(mn)["parked"] == []
    mn("park", "Salary bands?")  # text alone, naming nobody: for every formal mentor
    mn("park", "dana", "Roadmap?")
    assert sorted(item["text"] for item in _history(mn)["parked"]) == [
        "Roadmap?", "Salary bands?"]


@pytest.mark.usefixtures("dana")
def test_a_goal_target_cannot_be_before_today(mn: Run) -> None:
    said = _fails(mn, "goal", "add", "Lead a team", "--by", "2025-06-30")
    assert ("--by '2025-06-30' is before today (2026-11-22): did you mean 2027-06-30?"
            in said)
    mn("goal", "add", "Lead a team", "--by", "2027-06-30")
    said = _fails(mn, "goal", "edit", "1", "--by", "yesterday")
    assert "--by 'yesterday' (2026-11-21) is before today (2026-11-22)" in said
    goals = json.loads(mn("goal", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert [(g["text"], g["target"]) for g in goals] == [("Lead a team", "2027-06-30")]
    mn("goal", "edit", "1", "--by", "none")
