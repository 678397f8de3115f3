"""The panel as one versioned, deterministic, lossless JSON document, read and checked.

The document lists every table's rows by id, with sorted keys, two-space indents and one
trailing newline, so two exports of the same data are byte-identical and diff well in git.
It carries the database's random identity: importing it into an empty database restores
everything (ids, timestamps and identity included), so exporting again gives the same
document; importing it into a panel that has data merges it in. json_export.py writes the
document, json_import.py plans bringing it in and json_apply.py writes it; their entry
points are offered here too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from mentornet.dates import MAX_INTERVAL_DAYS, RANGE, in_range
from mentornet.io.charsets import decode_text
from mentornet.io.json_apply import apply_snapshot as apply_snapshot  # restore or merge
from mentornet.io.json_export import FORMAT, SECTIONS, VERSION
from mentornet.io.json_export import dumps as dumps  # the document's text, as exported
from mentornet.io.json_export import export_json as export_json
from mentornet.io.json_import import plan_snapshot as plan_snapshot
from mentornet.io.problems import Problems
from mentornet.vocab import (
    CHANNELS,
    CLOSENESS,
    FAVOUR_DIRECTIONS,
    FAVOUR_KINDS,
    GOAL_STATUSES,
    INITIATORS,
    KINDS,
    PARKED_KINDS,
    PHASES,
    SPHERES,
    STATUSES,
)

MAX_CADENCE_DAYS = MAX_INTERVAL_DAYS  # the longest cadence the command line takes
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    emails: list[dict[str, Any]] | None = None  # people's other addresses, if any
    job_changes: list[dict[str, Any]] | None = None  # the job changes imports noticed


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
           ("phone", "text?", False, None), ("sphere", SPHERES, False, None),
           ("closeness", "closeness?", False, None))
_TOUCHBASE: _Schema = (("id", "id", True, None), ("person_id", "person", True, None),
              ("happened_on", "date", True, None), ("channel", CHANNELS, False, "meeting"),
              ("initiator", INITIATORS, False, "me"), ("answered", "bool", False, True),
              ("notes", "text?", False, None), ("topics", "tags", False, []),
              ("feedback", "text?", False, None), ("created_at", "moment?", False, None),
              ("group_id", "id?", False, None))
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
    unknown = sorted(set(document) - {"format", "version", "database", "owner", "emails",
                                      "job_changes", *SECTIONS})
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
    emails = _emails(document.get("emails", []), sections["people"], problems)
    jobs = _about_people(document.get("job_changes", []), "job_changes", _JOB_CHANGE,
                         sections["people"], problems)
    problems.raise_if_any()
    return Snapshot(database=database or None, **sections, owner=owner, emails=emails,
                    job_changes=jobs)


_EMAIL: _Schema = (("person_id", "person", True, None), ("email", "name", True, None))


_JOB_CHANGE: _Schema = (("person_id", "person", True, None),
                        ("noticed_on", "date", True, None), ("old_role", "text?", False, None),
                        ("old_org", "text?", False, None), ("new_role", "text?", False, None),
                        ("new_org", "text?", False, None), ("source", "name", True, None),
                        ("created_at", "moment?", False, None))


def _emails(value: Any, people: list[dict[str, Any]], problems: Problems
            ) -> list[dict[str, Any]]:
    """The people's other addresses: a list of {"person_id", "email"}, main ones apart."""
    return _about_people(value, "emails", _EMAIL, people, problems)


def _about_people(value: Any, section: str, schema: _Schema, people: list[dict[str, Any]],
                  problems: Problems) -> list[dict[str, Any]]:
    """A list of rows about the file's people (their other addresses, their job changes),
    each naming one by `person_id`."""
    if not isinstance(value, list):
        problems.add(section, "should be a list")
        return []
    ids = {row.get("id") for row in people}
    rows = [_row(row, f"{section}[{number}]", schema, problems)
            for number, row in enumerate(value)]
    for number, row in enumerate(rows):
        if row.get("person_id") is not None and row["person_id"] not in ids:
            problems.add(f"{section}[{number}].person_id",
                         f"there is no person {row['person_id']} in the file")
    return rows


_OWNER_TEXTS = ("name", "org", "role", "sign_off", "situation")


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
        elif key == "phase" and (item is None or item in PHASES):
            found[key] = item
        elif key == "phase":
            problems.add("owner.phase", f"{_short(item)} is not one of {', '.join(PHASES)}")
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
    elif base == "closeness":
        if isinstance(value, int) and not isinstance(value, bool) and value in CLOSENESS:
            return value
        problems.add(where, f"{_short(value)} is not a closeness (1 to 5)")
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
