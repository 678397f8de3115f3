"""Export, import into an empty database, export again: the same document (property tests)."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentornet.domain.names import clean_name
from mentornet.io.json_format import apply_snapshot, dumps, export_json, parse_json, plan_snapshot
from mentornet.store import Store
from mentornet.store.api import writing
from mentornet.vocab import (
    CHANNELS,
    FAVOUR_DIRECTIONS,
    FAVOUR_KINDS,
    GOAL_STATUSES,
    INITIATORS,
    KINDS,
    PARKED_KINDS,
    SPHERES,
    STATUSES,
)

pytestmark = pytest.mark.both_engines  # see conftest.py

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
Fresh = Callable[[int], AbstractContextManager[list[Any]]]

# Any text SQLite and JSON can hold: controls, markup, bidi overrides, emoji, combining marks.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
SOME_TEXT = st.none() | TEXT
HOSTILE = st.sampled_from(["'); DROP TABLE person;--", "\x1b[2J", "[bold]x[/bold]",
                           "\u202eevil", "e\u0301mile 👩🏽‍💻", "=HYPERLINK(\"x\")", "\x00nul"])
NOTE = st.none() | TEXT | HOSTILE
# Names as mentornet stores them (NFC, spaces squeezed: domain/names.py), whoever writes them.
NAME = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20).map(
    clean_name).filter(lambda name: name != "")
DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)).map(date.isoformat)
SOME_DAY = st.none() | DAY
MOMENT = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31),
                      timezones=st.just(UTC)).map(datetime.isoformat)
TAGS = st.lists(TEXT, max_size=3)


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    """A valid, canonical mentornet document: what `export --format json` would print."""
    person_ids = sorted(draw(st.sets(st.integers(1, 10_000), max_size=5)))
    people = [{
        "id": pid, "name": draw(NAME), "kind": draw(st.sampled_from(KINDS)),
        "status": draw(st.sampled_from(STATUSES)), "role": draw(SOME_TEXT),
        "org": draw(SOME_TEXT), "seniority": draw(SOME_TEXT), "via": draw(SOME_TEXT),
        "met_on": draw(SOME_DAY), "focus": draw(TAGS),
        "cadence_days": draw(st.none() | st.integers(1, 3650)), "email": draw(SOME_TEXT),
        "link": draw(SOME_TEXT), "notes": draw(NOTE), "snoozed_until": draw(SOME_DAY),
        "next_session": draw(SOME_DAY), "created_at": draw(MOMENT), "updated_at": draw(MOMENT),
        "phone": draw(SOME_TEXT), "sphere": draw(st.none() | st.sampled_from(SPHERES)),
        "closeness": draw(st.none() | st.integers(1, 5)),
    } for pid in person_ids]
    someone = st.sampled_from(person_ids) if person_ids else st.nothing()

    def rows(make: Any, max_size: int = 4) -> list[dict[str, Any]]:
        if not person_ids:
            return []
        ids = sorted(draw(st.sets(st.integers(1, 10_000), max_size=max_size)))
        return [{"id": row_id, **make()} for row_id in ids]

    touchbases = rows(lambda: {
        "person_id": draw(someone), "happened_on": draw(DAY),
        "channel": draw(st.sampled_from(CHANNELS)),
        "initiator": draw(st.sampled_from(INITIATORS)), "answered": draw(st.booleans()),
        "notes": draw(NOTE), "topics": draw(TAGS), "feedback": draw(NOTE),
        "created_at": draw(MOMENT)})
    together = draw(st.sets(st.sampled_from([t["id"] for t in touchbases]))) \
        if touchbases else set()
    for touchbase in touchbases:  # one conversation: the group is its first touch-base
        touchbase["group_id"] = (min(together) if len(together) > 1
                                 and touchbase["id"] in together else None)
    favours = rows(lambda: {
        "person_id": draw(someone), "direction": draw(st.sampled_from(FAVOUR_DIRECTIONS)),
        "happened_on": draw(DAY), "kind": draw(st.sampled_from(FAVOUR_KINDS)),
        "description": draw(TEXT), "created_at": draw(MOMENT)})
    parked_ids = sorted(draw(st.sets(st.integers(1, 10_000), max_size=4)))
    parked = [{
        "id": row_id, "person_id": draw(st.none() | someone) if person_ids else None,
        "kind": draw(st.sampled_from(PARKED_KINDS)), "text": draw(TEXT),
        "parked_on": draw(DAY), "discussed_on": draw(SOME_DAY),
        "discussed_with": draw(st.none() | someone) if person_ids else None,
        "created_at": draw(MOMENT)} for row_id in parked_ids]
    followups = rows(lambda: {
        "person_id": draw(someone), "text": draw(TEXT), "created_on": draw(DAY),
        "due": draw(SOME_DAY), "done_on": draw(SOME_DAY), "created_at": draw(MOMENT)})
    goal_ids = sorted(draw(st.sets(st.integers(1, 10_000), max_size=3)))
    progress_ids = iter(sorted(draw(st.sets(st.integers(1, 10_000), min_size=9, max_size=9))))
    goals = [{
        "id": goal_id, "text": draw(TEXT), "created_on": draw(DAY), "target": draw(SOME_DAY),
        "focus": draw(TAGS), "status": draw(st.sampled_from(GOAL_STATUSES)),
        "closed_on": draw(SOME_DAY),
        "mentors": sorted(draw(st.sets(someone, max_size=3))) if person_ids else [],
        "progress": [{"id": next(progress_ids), "noted_on": draw(DAY), "note": draw(NOTE),
                      "created_at": draw(MOMENT)}
                     for _ in range(draw(st.integers(0, 3)))],
        "created_at": draw(MOMENT)} for goal_id in goal_ids]
    for goal in goals:  # progress notes need text, never null
        for note in goal["progress"]:
            note["note"] = note["note"] or ""
    return {"format": "mentornet", "version": 1, "database": str(draw(st.uuids())),
            "people": people, "touchbases": touchbases, "favours": favours, "parked": parked,
            "followups": followups, "goals": goals}


def _storable(value: Any, engine: str) -> Any:
    """The document as the engine can hold it: PostgreSQL cannot store NUL in text (and
    mentornet refuses it there), so on it each NUL becomes U+FFFD, which keeps every name
    as clean_name leaves it."""
    if engine != "postgres":
        return value
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_storable(item, engine) for item in value]
    if isinstance(value, dict):
        return {key: _storable(item, engine) for key, item in value.items()}
    return value


def _import(db: Any, text: str) -> Any:
    snapshot = parse_json(text.encode("utf-8"), "document")
    with writing(db, description="import document", now=NOW) as tx:
        plan = plan_snapshot(tx, snapshot, source="document")
        apply_snapshot(tx, plan, lambda steps: None)
    return plan


def _export(db: Any) -> str:
    with Store(db) as store:
        return export_json(store)


# fresh_stores gives each example databases of its own, so sharing the fixture is safe.
PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])


@PROPERTY
@given(documents())
def test_importing_a_document_into_an_empty_database_and_exporting_gives_it_back(
        fresh_stores: Fresh, engine: str, document: dict[str, Any]) -> None:
    text = dumps(_storable(document, engine))
    with fresh_stores(2) as (first, second):
        _import(first, text)
        exported = _export(first)
        assert exported == text
        _import(second, exported)
        assert _export(second) == exported


@PROPERTY
@given(documents())
def test_importing_a_database_s_own_export_again_changes_nothing(
        fresh_stores: Fresh, engine: str, document: dict[str, Any]) -> None:
    text = dumps(_storable(document, engine))
    with fresh_stores(1) as (db,):
        _import(db, text)
        again = _import(db, _export(db))
        if document["people"] or document["goals"] or document["parked"]:
            assert not again.changes_anything
        assert _export(db) == text


def test_the_export_is_sorted_and_ends_with_one_newline() -> None:
    text = dumps({"format": "mentornet", "version": 1, "b": [date(2026, 1, 2)], "a": "é"})
    assert text == ('{\n  "a": "é",\n  "b": [\n    "2026-01-02"\n  ],\n'
                    '  "format": "mentornet",\n  "version": 1\n}\n')
    assert json.loads(text)["b"] == ["2026-01-02"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(documents())
def test_every_export_format_reads_back_with_its_own_library(
        fresh_stores: Fresh, engine: str, document: dict[str, Any]) -> None:
    import csv
    import io

    import icalendar
    import vobject

    from mentornet.io.csv_format import export_csv, undefuse
    from mentornet.io.ics import export_ics
    from mentornet.io.vcard import export_vcards

    document = _storable(document, engine)
    with fresh_stores(1) as (db,):
        _import(db, dumps(document))
        with Store(db) as store:
            table = export_csv(store)
            cards = {version: export_vcards(store, version=version)
                     for version in ("3.0", "4.0")}
            calendar = export_ics(store, today=date(2026, 11, 22), now=NOW)
    rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"), newline="")))
    assert [undefuse(row["name"]) for row in rows] == [p["name"] for p in document["people"]]
    for text in cards.values():
        assert len(list(vobject.readComponents(text))) == len(document["people"])
    events = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    active = [p for p in document["people"]  # contacts are not on the panel
              if p["status"] == "active" and p["kind"] != "contact"]
    sessions = [p for p in document["people"] if p["status"] != "archived"
                and p["kind"] != "contact" and p["next_session"]]
    assert len(events) == len(active) + len(sessions)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(documents(), documents(), st.booleans())
def test_merging_another_panel_keeps_what_is_stored_and_a_second_time_changes_nothing(
        fresh_stores: Fresh, engine: str, mine: dict[str, Any], theirs: dict[str, Any],
        share_names: bool) -> None:
    mine, theirs = _storable(mine, engine), _storable(theirs, engine)
    if share_names and mine["people"] and theirs["people"]:  # make some of them match
        for mine_person, their_person in zip(mine["people"], theirs["people"], strict=False):
            their_person["name"] = mine_person["name"]
    with fresh_stores(1) as (db,):
        _import(db, dumps(mine))
        before = json.loads(_export(db))
        _import(db, dumps(theirs))
        merged = _export(db)
        after = json.loads(merged)
        again = _import(db, dumps(theirs))
        assert not again.changes_anything
        assert _export(db) == merged
    kept = {p["id"]: p for p in after["people"]}
    for person in before["people"]:  # nobody lost, no stored value changed
        now = kept[person["id"]]
        for name, value in person.items():
            if value not in (None, [], "") and name != "updated_at":  # empty: filled
                assert now[name] == value, name
    for section in ("touchbases", "favours", "parked", "followups", "goals"):
        assert len(after[section]) >= max(len(before[section]), 0)
    assert len(after["touchbases"]) <= len(before["touchbases"]) + len(theirs["touchbases"])
