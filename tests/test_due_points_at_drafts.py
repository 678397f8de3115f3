"""`due`'s reasons name the command that drafts the note: ask, update, thanks."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from mentornet.domain.relationship import Facts, not_yet_thanked

pytestmark = pytest.mark.both_engines  # see conftest.py


def _due(mn: Callable[..., Any], name: str, today: str | None = None) -> dict[str, Any]:
    ranked = json.loads(mn("due", "--json", today=today).stdout)
    return next((p for p in ranked if p["name"] == name), {})


def test_a_prospects_takeoff_points_at_ask(mn):
    mn("add", "Priya Natarajan", "--kind", "prospect", "--met", "2026-11-15")
    mn("add", "Ines Ortiz", "--kind", "informal", "--met", "2026-11-15")
    priya = _due(mn, "Priya Natarajan")
    assert "takeoff" in priya["flags"]
    assert any(r.endswith('a clear ask: mentornet ask "Priya Natarajan"')
               for r in priya["reasons"])
    # an informal mentor's takeoff is no ask
    assert not any("mentornet ask" in r for r in _due(mn, "Ines Ortiz")["reasons"])


def test_an_informal_mentor_who_is_due_points_at_update(mn):
    mn("add", "Sam Wu", "--met", "2026-05-01", today="2026-05-01")
    mn("log", "sam", "Coffee", "--via", "coffee", "--on", "2026-07-01", today="2026-07-01")
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-05-01", today="2026-05-01")
    sam = _due(mn, "Sam Wu")
    assert "due" in sam["flags"]
    assert any('mentornet update "Sam Wu"' in r for r in sam["reasons"])
    assert not any("mentornet update" in r for r in _due(mn, "Dana Lee")["reasons"])
    # not due yet: no pointer
    assert _due(mn, "Sam Wu", today="2026-07-20") == {}


def test_help_not_yet_thanked_points_at_thanks_until_a_touch_base_follows(mn):
    mn("add", "Ana Ruiz", "--met", "2026-11-01", today="2026-11-01")
    mn("log", "ana", "Call", "--via", "call", "--on", "2026-11-02", today="2026-11-02")
    mn("log", "ana", "Call", "--via", "call", "--on", "2026-11-05", today="2026-11-05")
    assert _due(mn, "Ana Ruiz") == {}  # nothing due
    mn("got", "ana", "Her interview rubric", "--on", "2026-11-10", today="2026-11-10")
    ana = _due(mn, "Ana Ruiz")
    assert "thanks-owed" in ana["flags"]
    assert 'they helped you on Nov 10 and you haven\'t thanked them yet: mentornet thanks ' \
           '"Ana Ruiz"' in ana["reasons"]
    table = mn("due").stdout
    assert "say thank you" in table
    mn("thanks", "ana")  # drafting it is not sending it
    assert "thanks-owed" in _due(mn, "Ana Ruiz")["flags"]
    mn("log", "ana", "Sent a thank-you", "--via", "email", "--no-reply")
    assert _due(mn, "Ana Ruiz") == {}


def test_help_received_at_a_meeting_logged_that_day_counts_as_thanked(mn):
    mn("add", "Ana Ruiz", "--met", "2026-11-01", today="2026-11-01")
    mn("log", "ana", "Call", "--via", "call", "--on", "2026-11-05", today="2026-11-05")
    mn("log", "ana", "Coffee", "--via", "coffee", "--on", "2026-11-10", today="2026-11-10")
    mn("got", "ana", "Her interview rubric", "--on", "2026-11-10", today="2026-11-10")
    assert "thanks-owed" not in _due(mn, "Ana Ruiz").get("flags", [])


def test_not_yet_thanked_is_one_rule():
    today = date(2026, 11, 22)
    facts = Facts(person_id=1, name="Ana", last_got=date(2026, 11, 10),
                  last_touchbase=date(2026, 11, 9))
    assert not_yet_thanked(facts, today=today) == date(2026, 11, 10)
    facts = facts._replace(last_touchbase=date(2026, 11, 10))
    assert not_yet_thanked(facts, today=today) is None
    assert not_yet_thanked(Facts(person_id=1, name="Ana"), today=today) is None
    facts = Facts(person_id=1, name="Ana", last_got=date(2026, 11, 10))
    assert not_yet_thanked(facts, today=today) == date(2026, 11, 10)


def test_help_received_after_unanswered_outreach_is_no_reason_to_ease_off(mn):
    mn("add", "Marcus Bell", "--met", "2026-06-01", today="2026-06-01")
    mn("log", "marcus", "A note", "--via", "email", "--no-reply", "--on", "2026-09-01",
       today="2026-09-01")
    mn("log", "marcus", "Another", "--via", "email", "--no-reply", "--on", "2026-10-01",
       today="2026-10-01")
    assert "Waiting for a reply" in mn("due").stdout
    mn("got", "marcus", "Sent me his team's hiring plan", "--on", "2026-11-01",
       today="2026-11-01")
    marcus = _due(mn, "Marcus Bell")
    assert "thanks-owed" in marcus["flags"]
    assert "Waiting for a reply" not in mn("due").stdout
