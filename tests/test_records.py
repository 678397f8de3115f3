"""The records' JSON shape: `as_dict` turns nested records into objects, not lists."""

from __future__ import annotations

from datetime import date

from mentornet.domain.recap import Idea, Related
from mentornet.domain.records import Goal, Person, ProgressNote, as_dict


def test_a_goal_s_progress_notes_become_objects() -> None:
    note = ProgressNote(id=3, goal_id=1, noted_on=date(2026, 11, 1), note="First talk given")
    data = as_dict(Goal(id=1, text="Speak at a meetup", created_on=date(2026, 1, 5),
                        progress=(note,)))
    assert data["progress"] == [{"id": 3, "goal_id": 1, "noted_on": date(2026, 11, 1),
                                 "note": "First talk given"}]
    assert data["focus"] == ()


def test_a_record_held_in_a_field_becomes_an_object() -> None:
    related = Related(person=Person(id=2, name="Sam Wu"), goals=("Lead a team",),
                      followups=(), parked=())
    data = as_dict(related)
    assert data["person"]["name"] == "Sam Wu"
    assert data["goals"] == ("Lead a team",)


def test_a_record_equals_a_plain_tuple_of_its_values() -> None:
    # The reason to compare ids rather than whole records (see domain/records.py).
    assert Idea(kind="intro", text="Introduce them to Mei") == ("intro", "Introduce them to Mei")
