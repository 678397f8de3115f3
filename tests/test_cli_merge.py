"""`merge KEEP OTHER` makes two records of one person one, as one undoable change; import
and doctor point at the people who look entered twice."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentornet.domain.merging import likely_duplicates, merged, phone_key
from mentornet.domain.records import Person

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., object]


def _json(result: object) -> object:
    return json.loads(getattr(result, "stdout", ""))


def _out(result: object) -> str:
    return str(getattr(result, "stdout", "")) + str(getattr(result, "stderr", ""))


@pytest.fixture
def twice(mn: Run) -> None:
    """Dana Lee (#1, formal) and her duplicate Dana L (#2), each with some history."""
    mn("add", "Dana Lee", "--kind", "formal", "--org", "Acme", "--email", "dana@acme.com",
       "--met", "2026-05-01")
    mn("add", "Dana L", "--role", "VP Product", "--org", "Northwind", "--email",
       "dana@home.org", "--phone", "+44 7700 900123", "--focus", "leadership", "--note",
       "Met at the offsite", "--met", "2026-03-01")
    mn("log", "#2", "Coffee about the reorg", "--on", "2026-11-01")
    mn("log", "#1", "Session one", "--on", "2026-11-10")
    mn("give", "#2", "Intro to Priya")
    mn("park", "#2", "How do I push back?")
    mn("todo", "add", "#2", "Send the doc")
    mn("goal", "add", "Lead a team", "--mentor", "#1", "--mentor", "#2")
    mn("goal", "add", "Speak at a conference", "--mentor", "#2")


@pytest.mark.usefixtures("twice")
def test_merge_moves_everything_fills_the_gaps_and_removes_the_other(mn: Run) -> None:
    out = mn("merge", "Dana Lee", "Dana L").stdout  # type: ignore[attr-defined]
    assert "Merged Dana L (#2) into Dana Lee (#1)" in out
    assert "moved: 2 touch-bases, 1 favour, 1 parked item, 1 follow-up, 2 goal links" in out
    data = _json(mn("show", "#1", "--json"))
    assert isinstance(data, dict)
    assert [t["notes"] for t in data["touchbases"]] == [
        "Session one", "Coffee about the reorg", "First meeting", "First meeting"]
    assert [f["description"] for f in data["favours"]] == ["Intro to Priya"]
    assert [p["text"] for p in data["parked"]] == ["How do I push back?"]
    assert [f["text"] for f in data["followups"]] == ["Send the doc"]
    assert sorted(g["text"] for g in data["goals"]) == ["Lead a team", "Speak at a conference"]
    assert (data["role"], data["org"], data["phone"], data["focus"], data["met_on"],
            data["email"]) == ("VP Product", "Acme", "+44 7700 900123", ["leadership"],
                               "2026-03-01", "dana@acme.com")
    assert "Met at the offsite" in data["notes"]
    assert "org: Northwind" in data["notes"]
    assert "dana@home.org" in json.dumps(data)  # both emails kept
    people = _json(mn("list", "--json"))
    assert [p["name"] for p in people] == ["Dana Lee"]  # type: ignore[union-attr, index]
    goals = _json(mn("goal", "list", "--json"))
    assert [g["mentors"] for g in goals] == [["Dana Lee"], ["Dana Lee"]]  # type: ignore[union-attr, index]


@pytest.mark.usefixtures("twice")
def test_undo_takes_a_merge_back_whole(mn: Run, db_path: Path) -> None:
    before = [_json(mn("show", f"#{i}", "--json")) for i in (1, 2)]
    goals = _json(mn("goal", "list", "--json"))
    mn("merge", "#1", "#2")
    assert "merge Dana Lee Dana L" in mn("undo").stdout  # type: ignore[attr-defined]
    assert [_json(mn("show", f"#{i}", "--json")) for i in (1, 2)] == before
    assert _json(mn("goal", "list", "--json")) == goals
    assert "No problems found" in mn("doctor").stdout  # type: ignore[attr-defined]


@pytest.mark.usefixtures("twice")
def test_a_dry_run_shows_the_result_and_changes_nothing(mn: Run, db_path: Path) -> None:
    before = db_path.read_bytes()
    out = mn("merge", "Dana Lee", "Dana L", "--dry-run").stdout  # type: ignore[attr-defined]
    assert "Would merge Dana L (#2) into Dana Lee (#1)" in out
    assert "filled from #2: role (VP Product), phone (+44 7700 900123)" in out
    assert "email kept as well: dana@home.org" in out
    assert "kept in the notes: also known as Dana L; org: Northwind" in out
    assert "Nothing was changed (--dry-run)." in out
    assert db_path.read_bytes() == before


@pytest.mark.usefixtures("twice")
def test_merge_refuses_one_person_twice_and_unknown_names(mn: Run) -> None:
    same = mn("merge", "#1", "Dana Lee", ok=False)
    assert same.exit_code == 1  # type: ignore[attr-defined]
    assert "the same person twice" in _out(same)
    nobody = mn("merge", "#1", "Zed", ok=False)
    assert nobody.exit_code == 1  # type: ignore[attr-defined]
    assert "Zed" in _out(nobody)
    assert len(_json(mn("list", "--json"))) == 2  # type: ignore[arg-type]


def test_the_kept_record_wins_and_nothing_of_the_other_is_lost() -> None:
    keep = Person(id=1, name="Dana Lee", role="Director", focus=("hiring",),
                  met_on=date(2026, 5, 1), notes="Formal since May")
    other = Person(id=2, name="dana lee", role="VP", org="Acme", focus=("hiring", "pricing"),
                   met_on=date(2026, 6, 1), phone="555 0100 200", email="d@x.org")
    result = merged(keep, other)
    assert result.changes["org"] == "Acme"
    assert "role" not in result.changes
    assert result.changes["focus"] == ["hiring", "pricing"]
    assert "met_on" not in result.changes  # the earlier stays
    assert result.aside == ("role: VP",)  # the same name folded: no "also known as"
    assert result.changes["notes"] == "Formal since May\n\nMerged from dana lee (#2): role: VP."
    assert result.changes["email"] == "d@x.org"
    assert result.emails == ()


def test_likely_duplicates_compare_folded_names_emails_and_phones() -> None:
    people = [Person(id=1, name="José García", email="JG@x.com"),
              Person(id=2, name="jose garcia"),
              Person(id=3, name="Pat Roe", email="jg@x.com ", phone="+1 (555) 123-4567"),
              Person(id=4, name="Sam Wu", phone="555.123.4567"),
              Person(id=5, name="Ana", phone="12")]
    found = [(d.first.id, d.second.id, d.reasons) for d in likely_duplicates(people).pairs]
    assert found == [(1, 2, ("the same name",)), (1, 3, ("the same email",)),
                     (3, 4, ("the same phone",))]
    assert likely_duplicates(people).total == 3
    assert phone_key("12") is None
    assert likely_duplicates(people, emails=[(5, "jg@x.com")]).pairs[2].second.id == 5


def test_doctor_and_import_point_at_likely_duplicates(mn: Run, tmp_path: Path) -> None:
    mn("add", "Zoë Müller", "--email", "zoe@example.org")
    mn("add", "Sam Wu", "--phone", "+1 555 123 4567")
    assert "may be one person" not in mn("doctor").stdout  # type: ignore[attr-defined]
    source = tmp_path / "people.csv"
    source.write_text("name,email,phone\nSam B,,555-123-4567\nAna Beltrán,,\n",
                      encoding="utf-8")
    out = mn("import", str(source)).stdout  # type: ignore[attr-defined]
    assert "Some people may have been entered twice:" in out
    assert "Sam Wu (#2) and Sam B" in out
    assert "(the same phone): mentornet merge '#2'" in out
    doctor = mn("doctor").stdout  # type: ignore[attr-defined]
    assert "Sam Wu (#2) and Sam B" in doctor
    assert "No problems found" in doctor  # a note, not a problem


def test_every_column_holding_a_person_is_moved_by_a_merge(mn: Run, db_path: Path) -> None:
    import sqlite3

    from mentornet.store.merging import person_columns

    mn("add", "Dana Lee")
    conn = sqlite3.connect(db_path)
    try:
        found = set(person_columns(conn))
        declared = {(table, column) for table, in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")
            for _, _, ref, column, *_ in conn.execute(f'PRAGMA foreign_key_list("{table}")')
            if ref == "person"}
    finally:
        conn.close()
    assert declared  # the schema does point at people
    assert declared <= found
    assert {("touchbase", "person_id"), ("parked_item", "discussed_with"),
            ("goal_mentor", "person_id"), ("job_change", "person_id")} <= found


def test_a_merge_fills_an_empty_sphere_and_closeness() -> None:
    keep = Person(id=1, name="Dana Lee")
    other = Person(id=2, name="Dana Lee", sphere="employer", closeness=4)
    changes = merged(keep, other).changes
    assert (changes["sphere"], changes["closeness"]) == ("employer", 4)
    assert merged(other, keep).changes == {}


@pytest.mark.usefixtures("twice")
def test_a_conversation_both_records_were_at_is_kept_once(mn: Run, tmp_path: Path) -> None:
    mn("log", "#1", "Group lunch", "--with", "#2", "--on", "2026-11-05", "--via", "meeting")
    calendar = tmp_path / "cal.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:ev1@t\r\n"
        "DTSTAMP:20261101T000000Z\r\nDTSTART:20261115T160000Z\r\nDTEND:20261115T163000Z\r\n"
        "SUMMARY:Sync\r\nORGANIZER:mailto:me@me.example\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@acme.com\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@home.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    mn("me", "--email", "me@me.example")
    mn("sync", "calendar", str(calendar), "--since", "2026-11-01")
    both = [_json(mn("show", f"#{i}", "--json")) for i in (1, 2)]
    out = _out(mn("merge", "#1", "#2", "--dry-run"))
    assert "2 touch-bases both had (one conversation, seen twice) kept once" in out
    mn("merge", "#1", "#2")
    days = [t["happened_on"] for t in _json(mn("show", "#1", "--json"))["touchbases"]]  # type: ignore[index]
    assert days.count("2026-11-05") == 1
    assert days.count("2026-11-15") == 1
    mn("undo")
    assert [_json(mn("show", f"#{i}", "--json")) for i in (1, 2)] == both


def _every_pair(people: list[Person], newer_than: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """The pairs by the rule as it reads: every two people who share a folded name, an
    email or a phone, in order of ids, each with all its reasons."""
    from mentornet.domain.names import fold

    order = ["the same name", "the same email", "the same phone"]
    found = []
    for a in people:
        for b in people:
            if not a.id < b.id or b.id <= newer_than:
                continue
            reasons = [reason for reason, same in (
                ("the same name", fold(a.name) == fold(b.name)),
                ("the same email", bool(a.email and b.email and a.email.strip()
                                        and a.email.strip().casefold()
                                        == b.email.strip().casefold())),
                ("the same phone", phone_key(a.phone) is not None
                 and phone_key(a.phone) == phone_key(b.phone))) if same]
            if reasons:
                found.append((a.id, b.id, tuple(sorted(reasons, key=order.index))))
    return sorted(found)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ana", "ana", "Ána", "Bo", "Cy"]),
                          st.sampled_from([None, "a@x.com", "A@x.com ", "b@x.com"]),
                          st.sampled_from([None, "555 123 4567", "+1 555-123-4567", "99"])),
                max_size=9),
       st.integers(0, 9), st.integers(0, 4))
def test_likely_duplicates_count_every_pair_and_list_the_first(
        drawn: list[tuple[str, str | None, str | None]], newer_than: int, limit: int) -> None:
    # The pairs are counted without being listed (a large panel has thousands) and only
    # the first are listed: the same pairs, in the same order, as listing them all.
    people = [Person(id=n, name=name, email=email, phone=phone)
              for n, (name, email, phone) in enumerate(drawn, start=1)]
    expected = _every_pair(people, newer_than)
    found = likely_duplicates(people, newer_than=newer_than, limit=limit)
    assert found.total == len(expected)
    assert [(d.first.id, d.second.id, d.reasons) for d in found.pairs] == expected[:limit]
    every = likely_duplicates(people, newer_than=newer_than)
    assert [(d.first.id, d.second.id, d.reasons) for d in every.pairs] == expected
