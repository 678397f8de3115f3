"""The whole panel as one versioned, deterministic, lossless JSON document, and back.

The document lists every table's rows by id, with sorted keys, two-space indents and one
trailing newline, so two exports of the same data are byte-identical and diff well in git.
It carries the database's random identity: importing it into an empty database restores
everything (ids, timestamps and identity included), so exporting again gives the same
document; importing it into a panel that has data merges it in (see `plan_snapshot`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from mentornet.dates import MAX_INTERVAL_DAYS, RANGE, in_range
from mentornet.io.json_export import FORMAT, VERSION, iso_moment
from mentornet.io.json_export import dumps as dumps  # the document's text, as exported
from mentornet.io.json_export import export_json as export_json
from mentornet.io.plan import (
    Advance,
    ImportPlan,
    PeopleIndex,
    PersonPlan,
    Problems,
    decode_text,
    is_empty_value,
    person_fields,
)
from mentornet.vocab import (
    CHANNELS,
    FAVOUR_DIRECTIONS,
    FAVOUR_KINDS,
    GOAL_STATUSES,
    INITIATORS,
    KINDS,
    PARKED_KINDS,
    STATUSES,
)

if TYPE_CHECKING:
    from mentornet.store.reads import Reads
    from mentornet.store.writes import Change

MAX_CADENCE_DAYS = MAX_INTERVAL_DAYS  # the longest cadence the command line takes
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# The lists of the document, in the order they are written and restored.
SECTIONS = ("people", "touchbases", "favours", "parked", "followups", "goals")
# What the report calls each kind of row.
LABELS = {"touchbases": "touch-bases", "favours": "favours", "parked": "parked items",
          "followups": "follow-ups", "goals": "goals", "progress": "progress notes",
          "mentors": "goal mentors"}


# Export: see json_export.py -----------------------------------------------------------

def _timestamps(store: Reads, table: str, column: str = "created_at"
                ) -> dict[int, str | None]:
    """Stored timestamps as ISO 8601 text (the records leave them out)."""
    return {row_id: iso_moment(stamp)
            for row_id, stamp in store.stamps(table, column).items()}


# Reading and checking a document ----------------------------------------------------------

@dataclass
class Snapshot:
    """A checked document: each section's rows with Python values (dates as date...)."""

    database: str | None
    people: list[dict[str, Any]]
    touchbases: list[dict[str, Any]]
    favours: list[dict[str, Any]]
    parked: list[dict[str, Any]]
    followups: list[dict[str, Any]]
    goals: list[dict[str, Any]]  # each with "mentors" (ids) and "progress" (rows)
    owner: dict[str, Any] | None = None  # your own profile (`mentornet me`), if exported


# Each section's fields: (name, kind of value, required, default).
_Schema = tuple[tuple[str, Any, bool, Any], ...]

_PERSON: _Schema = (("id", "id", True, None), ("name", "name", True, None),
           ("kind", KINDS, False, "informal"), ("status", STATUSES, False, "active"),
           ("role", "text?", False, None), ("org", "text?", False, None),
           ("seniority", "text?", False, None), ("via", "text?", False, None),
           ("met_on", "date?", False, None), ("focus", "tags", False, []),
           ("cadence_days", "cadence?", False, None), ("email", "text?", False, None),
           ("link", "text?", False, None), ("notes", "text?", False, None),
           ("snoozed_until", "date?", False, None), ("next_session", "date?", False, None),
           ("created_at", "moment?", False, None), ("updated_at", "moment?", False, None),
           ("phone", "text?", False, None))
_TOUCHBASE: _Schema = (("id", "id", True, None), ("person_id", "person", True, None),
              ("happened_on", "date", True, None), ("channel", CHANNELS, False, "meeting"),
              ("initiator", INITIATORS, False, "me"), ("answered", "bool", False, True),
              ("notes", "text?", False, None), ("topics", "tags", False, []),
              ("feedback", "text?", False, None), ("created_at", "moment?", False, None))
_FAVOUR: _Schema = (("id", "id", True, None), ("person_id", "person", True, None),
           ("direction", FAVOUR_DIRECTIONS, True, None), ("happened_on", "date", True, None),
           ("kind", FAVOUR_KINDS, False, "other"), ("description", "text", True, None),
           ("created_at", "moment?", False, None))
_PARKED: _Schema = (("id", "id", True, None), ("person_id", "person?", False, None),
           ("kind", PARKED_KINDS, False, "question"), ("text", "text", True, None),
           ("parked_on", "date", True, None), ("discussed_on", "date?", False, None),
           ("discussed_with", "person?", False, None), ("created_at", "moment?", False, None))
_FOLLOWUP: _Schema = (("id", "id", True, None), ("person_id", "person", True, None),
             ("text", "text", True, None), ("created_on", "date", True, None),
             ("due", "date?", False, None), ("done_on", "date?", False, None),
             ("created_at", "moment?", False, None))
_GOAL: _Schema = (("id", "id", True, None), ("text", "text", True, None),
         ("created_on", "date", True, None), ("target", "date?", False, None),
         ("focus", "tags", False, []), ("status", GOAL_STATUSES, False, "open"),
         ("closed_on", "date?", False, None), ("mentors", "people", False, []),
         ("progress", "progress", False, []), ("created_at", "moment?", False, None))
_PROGRESS: _Schema = (("id", "id", True, None), ("noted_on", "date", True, None),
             ("note", "text", True, None), ("created_at", "moment?", False, None))

_SCHEMAS = {"people": _PERSON, "touchbases": _TOUCHBASE, "favours": _FAVOUR,
            "parked": _PARKED, "followups": _FOLLOWUP, "goals": _GOAL}


def parse_json(data: bytes, source: str) -> Snapshot:
    """Check a mentornet JSON export and return its rows; report every problem at once."""
    text = decode_text(data, source)
    problems = Problems(source)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(f"line {exc.lineno} column {exc.colno}", f"not valid JSON ({exc.msg})")
        problems.raise_if_any()
    except RecursionError:
        problems.add("file", "the JSON is nested too deeply to be a mentornet export")
        problems.raise_if_any()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        problems.add("file", "this is not a mentornet export (no \"format\": \"mentornet\"): "
                             "to bring in contacts, use --format csv, linkedin or vcard")
        problems.raise_if_any()
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.add("version", f"{version!r} is not a format version")
    elif version > VERSION:
        problems.add("version", f"the file is format version {version}, written by a newer "
                                f"mentornet (this one reads up to {VERSION}): upgrade mentornet")
    problems.raise_if_any()
    unknown = sorted(set(document) - {"format", "version", "database", "owner", *SECTIONS})
    for key in unknown:
        problems.add(key, "unknown section")
    database = document.get("database")
    if database is not None and not isinstance(database, str):
        problems.add("database", "should be the exporting database's identity, a string")
        database = None
    sections: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        rows = document.get(section, [])
        if not isinstance(rows, list):
            problems.add(section, "should be a list")
            rows = []
        sections[section] = [_row(row, f"{section}[{number}]", _SCHEMAS[section], problems)
                             for number, row in enumerate(rows)]
    _check_references(sections, problems)
    owner = _owner(document.get("owner"), problems)
    problems.raise_if_any()
    return Snapshot(database=database or None, **sections, owner=owner)


_OWNER_TEXTS = ("name", "org", "role", "sign_off")


def _owner(value: Any, problems: Problems) -> dict[str, Any] | None:
    """The owner section: null, or an object of texts (or nulls) and a list of emails."""
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.add("owner", "should be an object or null")
        return None
    found: dict[str, Any] = {}
    for key, item in value.items():
        if key in _OWNER_TEXTS and (item is None or isinstance(item, str)):
            found[key] = item
        elif key == "emails" and isinstance(item, list) and all(
                isinstance(one, str) for one in item):
            found[key] = list(item)
        elif key in (*_OWNER_TEXTS, "emails"):
            problems.add(f"owner.{key}", "should be a text" if key != "emails"
                         else "should be a list of texts")
        else:
            problems.add(f"owner.{key}", "unknown field")
    return found


def _row(value: Any, path: str, schema: _Schema, problems: Problems) -> dict[str, Any]:
    if not isinstance(value, dict):
        problems.add(path, "should be an object")
        return {}
    allowed = {name for name, *_ in schema}
    for key in sorted(set(value) - allowed):
        problems.add(f"{path}.{key}", "unknown field")
    row: dict[str, Any] = {}
    for name, kind, required, default in schema:
        where = f"{path}.{name}"
        if name not in value or (value[name] is None and not _nullable(kind)):
            if required:
                problems.add(where, "is missing")
            row[name] = list(default) if isinstance(default, list) else default
            continue
        row[name] = _value(value[name], kind, where, problems)
    return row


def _nullable(kind: Any) -> bool:
    return isinstance(kind, str) and (kind.endswith("?"))


def _value(value: Any, kind: Any, where: str, problems: Problems) -> Any:
    if isinstance(kind, tuple):  # one word of a fixed vocabulary
        if value in kind:
            return value
        problems.add(where, f"{_short(value)} is not one of {', '.join(kind)}")
        return None
    if value is None:
        return None
    base = kind.rstrip("?")
    if base in ("id", "person"):
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63:
            return value
        problems.add(where, f"{_short(value)} is not an id (a whole number from 1)")
    elif base in ("text", "name"):
        if isinstance(value, str) and (base == "text" or value.strip()):
            return value
        problems.add(where, "should be text" if base == "text" else "should be a name")
    elif base == "date":
        if isinstance(value, str) and _ISO_DAY.fullmatch(value):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if in_range(day):
                    return day
                problems.add(where, f"{_short(value)} is outside the dates mentornet "
                             f"keeps, {RANGE}")
                return None
        problems.add(where, f"{_short(value)} is not a date (YYYY-MM-DD)")
    elif base == "moment":
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:  # without an offset, a timestamp is UTC, as the store keeps it
                if not in_range(moment.date()):
                    problems.add(where, f"{_short(value)} is outside the dates mentornet "
                                 f"keeps, {RANGE}")
                    return None
                return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        problems.add(where, f"{_short(value)} is not a timestamp (ISO 8601)")
    elif base == "bool":
        if isinstance(value, bool):
            return value
        problems.add(where, "should be true or false")
    elif base == "cadence":
        if (isinstance(value, int) and not isinstance(value, bool)
                and 1 <= value <= MAX_CADENCE_DAYS):
            return value
        problems.add(where, f"{_short(value)} is not a number of days (1 to {MAX_CADENCE_DAYS})")
    elif base == "tags":
        if isinstance(value, list) and all(isinstance(tag, str) for tag in value):
            return list(value)
        problems.add(where, "should be a list of text tags")
    elif base == "people":
        ok = isinstance(value, list) and all(
            isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 for pid in value)
        if ok and len(set(value)) == len(value):
            return list(value)
        problems.add(where, "should be a list of distinct person ids")
    elif base == "progress":
        if isinstance(value, list):
            return [_row(note, f"{where}[{n}]", _PROGRESS, problems)
                    for n, note in enumerate(value)]
        problems.add(where, "should be a list of progress notes")
    return None


def _short(value: Any) -> str:
    """A value quoted for a problem report, cut short (never a whole note)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 30 else text[:29] + "…"


def _check_references(sections: dict[str, list[dict[str, Any]]], problems: Problems) -> None:
    """Ids are unique within each list, and every person id points at a person."""
    people = {row.get("id") for row in sections["people"]}
    for section in SECTIONS:
        _unique((row.get("id") for row in sections[section]), section, problems)
    _unique((note.get("id") for goal in sections["goals"] for note in goal.get("progress") or []),
            "goals[].progress", problems)
    for section in ("touchbases", "favours", "parked", "followups"):
        for number, row in enumerate(sections[section]):
            for name in ("person_id", "discussed_with"):
                pid = row.get(name)
                if pid is not None and pid not in people:
                    problems.add(f"{section}[{number}].{name}",
                                 f"there is no person {pid} in the file")
    for number, goal in enumerate(sections["goals"]):
        for pid in goal.get("mentors") or []:
            if pid not in people:
                problems.add(f"goals[{number}].mentors", f"there is no person {pid} in the file")


def _unique(ids: Iterable[Any], section: str, problems: Problems) -> None:
    seen: Counter[Any] = Counter(row_id for row_id in ids if row_id is not None)
    for row_id, times in sorted(seen.items()):
        if times > 1:
            problems.add(section, f"id {row_id} is used {times} times")


# Planning ---------------------------------------------------------------------------------

@dataclass
class SnapshotSteps:
    """The work of a JSON import, decided before the write transaction starts."""

    snapshot: Snapshot
    restore: bool  # into an empty database: keep every id and adopt the identity
    adopt_identity: str | None = None
    person_map: dict[int, int | None] = field(default_factory=dict)  # None: to be added
    person_fill: dict[int, dict[str, Any]] = field(default_factory=dict)  # stored id: values
    insert: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # rows to add
    fill: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    goal_map: dict[int, int | None] = field(default_factory=dict)
    mentors: list[tuple[int, int]] = field(default_factory=list)  # (doc goal, doc person)
    progress: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (doc goal, row)
    owner_fill: dict[str, Any] = field(default_factory=dict)  # your profile's empty fields


def plan_snapshot(store: Reads, snapshot: Snapshot, *, source: str) -> ImportPlan:
    """A restore when the panel is empty; otherwise a merge that duplicates nobody.

    People are matched by id when the file comes from this very database (and the person's
    creation time agrees, so a reused id is not mistaken), else by email, else by exact name.
    A matched person keeps their stored values; empty fields are filled from the file.
    History rows already present (same content) are not added twice, so importing the same
    file again changes nothing.
    """
    plan = ImportPlan(source=source, format="json")
    identity = store.identity()
    if store.is_empty():  # an import is then a restore
        steps = SnapshotSteps(snapshot=snapshot, restore=True)
        if snapshot.database and snapshot.database != identity:
            steps.adopt_identity = snapshot.database
            plan.new_identity = True
        plan.restore = True
        for row in snapshot.people:
            plan.people.append(PersonPlan(key=row["id"], name=row["name"], where="",
                                          action="add"))
            steps.person_map[row["id"]] = None
        for section in SECTIONS[1:]:
            steps.insert[section] = list(snapshot.__dict__[section])
        for goal in snapshot.goals:
            steps.goal_map[goal["id"]] = None
            steps.mentors += [(goal["id"], pid) for pid in goal["mentors"]]
            steps.progress += [(goal["id"], note) for note in goal["progress"]]
        plan.steps = steps
        _count(plan, steps)
        _plan_owner(store, plan, steps)
        return plan
    plan.steps = steps = SnapshotSteps(snapshot=snapshot, restore=False)
    _plan_people(store, plan, steps, same_database=snapshot.database == identity)
    _plan_history(store, steps)
    _count(plan, steps)
    _plan_owner(store, plan, steps)
    return plan


def _plan_owner(store: Reads, plan: ImportPlan, steps: SnapshotSteps) -> None:
    """Your profile from the file fills the fields yours leaves empty (all of them, for a
    restore); a field you have set is kept."""
    incoming = steps.snapshot.owner
    if not incoming:
        return
    mine = store.owner()
    current = mine.as_json() if mine is not None else {}
    fill = {key: value for key, value in incoming.items()
            if value not in (None, "", []) and current.get(key) in (None, "", [])}
    if fill:
        steps.owner_fill = fill
        plan.updated["profile fields"] = len(fill)


def _plan_people(store: Reads, plan: ImportPlan, steps: SnapshotSteps, *,
                 same_database: bool) -> None:
    stored = {person.id: person for person in store.people()}
    made = _timestamps(store, "person")
    index = PeopleIndex(stored.values())
    found: dict[int, tuple[int | None, str | None, int]] = {}
    taken: set[int] = set()
    # Ids and emails first, names second: a name never takes a person that an id or an
    # email in the same file points at, and several people of one name pair up in order,
    # so that importing the same file again matches each one to the same stored person.
    for by_name in (False, True):
        for row in steps.snapshot.people:
            if row["id"] in found and found[row["id"]][0] is not None:
                continue
            stamp = (row["created_at"].astimezone(UTC).isoformat() if row["created_at"]
                     else None)
            trusted = (row["id"] if same_database and row["id"] in stored
                       and made.get(row["id"]) == stamp else None)
            match = index.match(person_id=trusted, emails=[row["email"] or ""], link=None,
                                name=row["name"], by_name=by_name, taken=taken)
            found[row["id"]] = match
            if match[0] is not None:
                taken.add(match[0])
    for row in steps.snapshot.people:
        doc_id = row["id"]
        key, how, sharing = found[doc_id]
        if key is None:
            steps.person_map[doc_id] = None
            note = (f"{sharing} {'person' if sharing == 1 else 'people'} of this name already "
                    "matched others in the file" if sharing else None)
            plan.people.append(PersonPlan(key=doc_id, name=row["name"],
                                          where=f"#{doc_id} in the file", action="add",
                                          note=note))
            continue
        steps.person_map[doc_id] = key
        current = {**person_fields(stored[key]), **steps.person_fill.get(key, {})}
        fill = {name: row[name] for name in current
                if name != "name" and is_empty_value(current[name])
                and not is_empty_value(row[name])}
        if fill:
            steps.person_fill.setdefault(key, {}).update(fill)
        plan.people.append(PersonPlan(key=key, name=stored[key].name,
                                      where=f"#{doc_id} in the file",
                                      action="update" if fill else "unchanged",
                                      matched_by=how, changes=fill, incoming=row["name"]))


def _plan_history(store: Reads, steps: SnapshotSteps) -> None:
    """Rows to add (not already there, by content) and empty fields to fill."""
    snap, pmap = steps.snapshot, steps.person_map

    def who(doc_pid: int | None) -> Any:
        if doc_pid is None:
            return None
        return pmap[doc_pid] if pmap.get(doc_pid) is not None else ("new", doc_pid)

    have_tb = Counter((tb.person_id, tb.happened_on, tb.channel, tb.initiator, tb.answered,
                       tb.notes, tuple(tb.topics), tb.feedback)
                      for tb in store.touchbases())
    steps.insert["touchbases"] = [row for row in snap.touchbases if not _take(have_tb, (
        who(row["person_id"]), row["happened_on"], row["channel"], row["initiator"],
        row["answered"], row["notes"], tuple(row["topics"]), row["feedback"]))]
    have_fav = Counter((fav.person_id, fav.direction, fav.happened_on, fav.kind,
                        fav.description) for fav in store.favours())
    steps.insert["favours"] = [row for row in snap.favours if not _take(have_fav, (
        who(row["person_id"]), row["direction"], row["happened_on"], row["kind"],
        row["description"]))]
    parked = _by_key(((item.person_id, item.kind, item.text, item.parked_on), item)
                     for item in sorted(store.parked_items(), key=lambda item: item.id))
    steps.insert["parked"], steps.fill["parked"] = [], []
    for row in snap.parked:
        item = _pop(parked, (who(row["person_id"]), row["kind"], row["text"], row["parked_on"]))
        if item is None:
            steps.insert["parked"].append(row)
        elif item.discussed_on is None and row["discussed_on"] is not None:
            with_ = row["discussed_with"]
            steps.fill["parked"].append((item.id, {"discussed_on": row["discussed_on"],
                                                   "discussed_with": with_}))
    followups = _by_key(((fu.person_id, fu.text, fu.created_on), fu)
                        for fu in sorted(store.followups(), key=lambda fu: fu.id))
    steps.insert["followups"], steps.fill["followups"] = [], []
    for row in snap.followups:
        fu = _pop(followups, (who(row["person_id"]), row["text"], row["created_on"]))
        if fu is None:
            steps.insert["followups"].append(row)
            continue
        fill = {name: row[name] for name in ("due", "done_on")
                if getattr(fu, name) is None and row[name] is not None}
        if fill:
            steps.fill["followups"].append((fu.id, fill))
    # Stored rows are matched in id order, the order of the file: a second import of the
    # panel's own export pairs each row with itself.
    goals = _by_key(((goal.text, goal.created_on), goal)
                    for goal in sorted(store.goals(), key=lambda goal: goal.id))
    steps.insert["goals"], steps.fill["goals"] = [], []
    for row in snap.goals:
        goal = _pop(goals, (row["text"], row["created_on"]))
        if goal is None:
            steps.goal_map[row["id"]] = None
            steps.insert["goals"].append(row)
            steps.mentors += [(row["id"], pid) for pid in row["mentors"]]
            steps.progress += [(row["id"], note) for note in row["progress"]]
            continue
        steps.goal_map[row["id"]] = goal.id
        fill = {}
        if goal.target is None and row["target"] is not None:
            fill["target"] = row["target"]
        if not goal.focus and row["focus"]:
            fill["focus"] = row["focus"]
        if fill:
            steps.fill["goals"].append((goal.id, fill))
        mentors = set(goal.mentor_ids)
        steps.mentors += [(row["id"], pid) for pid in row["mentors"] if who(pid) not in mentors]
        have_notes = Counter((note.noted_on, note.note) for note in goal.progress)
        steps.progress += [(row["id"], note) for note in row["progress"]
                           if not _take(have_notes, (note["noted_on"], note["note"]))]


def _by_key(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = {}
    for key, item in pairs:
        found.setdefault(key, []).append(item)
    return found


def _pop(index: dict[Any, list[Any]], key: Any) -> Any:
    """The first stored row with this content not matched yet, or None."""
    items = index.get(key)
    return items.pop(0) if items else None


def _take(counter: Counter[Any], key: Any) -> bool:
    """True (and one fewer left) when `key` is already there."""
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _count(plan: ImportPlan, steps: SnapshotSteps) -> None:
    for section in SECTIONS[1:]:
        plan.added[LABELS[section]] = len(steps.insert.get(section, []))
    plan.added[LABELS["progress"]] = len(steps.progress)
    plan.added[LABELS["mentors"]] = len(steps.mentors)
    for section, fills in steps.fill.items():
        plan.updated[LABELS[section]] = len(fills)
    if steps.adopt_identity:
        plan.notes.append("the panel takes on the exported database's identity, so later "
                          "exports of it match this one by id")


# Applying ---------------------------------------------------------------------------------

def apply_snapshot(change: Change, plan: ImportPlan, advance: Advance) -> None:
    """Write a planned JSON import (inside the import's one change)."""
    steps: SnapshotSteps = plan.steps
    keep = steps.restore  # a restore keeps every id; a merge lets the database number rows
    now = change.now
    if steps.adopt_identity:
        change.fill("database_identity", 1, {"uuid": steps.adopt_identity})
    pmap: dict[int, int] = {doc: stored for doc, stored in steps.person_map.items()
                            if stored is not None}
    for row in steps.snapshot.people:
        if steps.person_map.get(row["id"]) is None:
            values = {k: v for k, v in row.items()
                      if k not in ("id", "created_at", "updated_at")}
            if keep:
                values["id"] = row["id"]
            pmap[row["id"]] = change.insert("person", {
                **values, "created_at": row["created_at"] or now,
                "updated_at": row["updated_at"] or row["created_at"] or now})
            advance(1)
    for stored_id, values in steps.person_fill.items():
        change.fill("person", stored_id, {**values, "updated_at": now})
        advance(1)
    advance(sum(1 for row in plan.people if row.action == "unchanged"))

    def person_of(doc_pid: int | None) -> int | None:
        return None if doc_pid is None else pmap[doc_pid]

    tables = {"touchbases": "touchbase", "favours": "favour", "parked": "parked_item",
              "followups": "followup"}
    for section, table in tables.items():
        for row in steps.insert.get(section, []):
            values = {k: v for k, v in row.items() if k != "id"}
            values["person_id"] = person_of(row["person_id"])
            if "discussed_with" in values:
                values["discussed_with"] = person_of(row["discussed_with"])
            if keep:
                values["id"] = row["id"]
            values["created_at"] = row["created_at"] or now
            change.insert(table, values)
            advance(1)
        for stored_id, fill in steps.fill.get(section, []):
            if "discussed_with" in fill:
                fill = {**fill, "discussed_with": person_of(fill["discussed_with"])}
            change.fill(table, stored_id, fill)
            advance(1)
    gmap: dict[int, int] = {doc: stored for doc, stored in steps.goal_map.items()
                            if stored is not None}
    for row in steps.insert.get("goals", []):
        values = {k: v for k, v in row.items() if k not in ("id", "mentors", "progress")}
        if keep:
            values["id"] = row["id"]
        values["created_at"] = row["created_at"] or now
        gmap[row["id"]] = change.insert("goal", values)
        advance(1)
    for stored_id, fill in steps.fill.get("goals", []):
        change.fill("goal", stored_id, fill)
        advance(1)
    seen: set[tuple[int, int]] = set()
    for doc_goal, doc_pid in steps.mentors:
        link = (gmap[doc_goal], pmap[doc_pid])
        if link not in seen:
            seen.add(link)
            change.insert("goal_mentor", {"goal_id": link[0], "person_id": link[1]})
        advance(1)
    for doc_goal, note in steps.progress:
        values = {"goal_id": gmap[doc_goal], "noted_on": note["noted_on"],
                  "note": note["note"], "created_at": note["created_at"] or now}
        if keep:
            values["id"] = note["id"]
        change.insert("goal_progress", values)
        advance(1)
    if steps.owner_fill:
        change.set_owner(**steps.owner_fill)
        advance(len(steps.owner_fill))
