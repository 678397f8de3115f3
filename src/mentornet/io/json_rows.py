"""The lists of the JSON export, written a batch of rows at a time from stored values.

Each row is formatted by hand from its stored values, by one f-string compiled per list
(`_row_writer`), several times quicker than the json module's indenting encoder; the
text is exactly the json module's (json_export.dumps). The export (json_export.py) and
its helper process (export_share.py) both write their batches here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from itertools import starmap
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from mentornet.domain.records import Favour, FollowUp, ParkedItem, Person, TouchBase

if TYPE_CHECKING:
    from mentornet.store.reads import Reads

# Each list of the document: the table it comes from, the record that says each column's
# type, and the stamps it carries. The keys of a row are written in sorted order.
_SECTIONS = {
    "favours": ("favour", Favour, ("created_at",)),
    "followups": ("followup", FollowUp, ("created_at",)),
    "parked": ("parked_item", ParkedItem, ("created_at",)),
    "people": ("person", Person, ("created_at", "updated_at")),
    "touchbases": ("touchbase", TouchBase, ("created_at",)),
}
ROW_SECTIONS = tuple(sorted(_SECTIONS))  # the lists written a batch of rows at a time
LISTS = tuple(sorted([*_SECTIONS, "goals"]))  # and the goals: the lists, in the document's order
_ROW_INDENT = "    "  # a row of a list of the document: two levels down


def batch_text(store: Reads, section: str, *, after: int, size: int
               ) -> tuple[str, int, int]:
    """The text of the section's first `size` rows with ids above `after`, with the last
    id read and how many rows there were (fewer than `size`: the section's last batch)."""
    table, keys, write, key = _section_writer(section)
    rows = store.rows_after(table, columns=keys, after=after, size=size)
    if not rows:
        return "", after, 0
    return inert(",\n".join(starmap(write, rows))), rows[-1][key], len(rows)


def goals_text(store: Reads) -> str:
    """The text of every goal, with its mentors and progress (a few dozen in a life)."""
    return inert(",\n".join(_dump(goal) for goal in _goals(store)))


def section_table(section: str) -> str:
    """The table a list of the document comes from."""
    return _SECTIONS[section][0]


def inert(text: str) -> str:
    """Text made inert (render.text.inert_json); most holds nothing to escape: two quick
    scans."""
    if text.isascii() and "\x7f" not in text:
        return text
    from mentornet.render.text import inert_json

    return inert_json(text)


def plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dump(row: dict[str, Any]) -> str:
    """One row at its depth in the document, by the json module (for the few goals)."""
    text = json.dumps(row, indent=2, sort_keys=True, ensure_ascii=False, default=plain)
    return _ROW_INDENT + text.replace("\n", "\n" + _ROW_INDENT)


def iso_moment(stamp: Any) -> str | None:
    """ISO 8601 with the offset: the store keeps UTC without one (see sqlmodel's UTCDateTime)."""
    if stamp is None:
        return None
    text = str(stamp)
    if _STORED_MOMENT.fullmatch(text):  # the usual form, without parsing it
        fraction = text[19:]
        return f"{text[:10]}T{text[11:19]}{'' if fraction == '.000000' else fraction}+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


_STORED_MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
# The same form in ASCII digits only, quicker to match, for the row writers' first look: a
# stamp in other digits is written by `iso_moment` instead, the same way.
_ASCII_MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", re.ASCII)


def _text(value: Any) -> str:
    if value.__class__ is str:
        return str(encode_basestring(value))
    return _scalar(value)


def _flag(value: Any) -> str:
    return "null" if value is None else "true" if value else "false"


def _moment(value: Any) -> str:
    return _text(iso_moment(value))


def _writer(annotation: Any) -> Any:
    """How a column's stored value is written, by the type its record gives it."""
    kinds = getattr(annotation, "__args__", None) if not hasattr(annotation, "__origin__") \
        else (annotation,)
    for one in kinds or (annotation,):
        if one is bool:
            return _flag
        if getattr(one, "__origin__", None) is tuple:
            return _tags
    return _number if int in (kinds or (annotation,)) else _text


def _number(value: Any) -> str:
    """An id or a count: written as text is (`_text`), only asked first whether it is a
    whole number, as it almost always is."""
    return _text(value)


def _tags(value: Any) -> str:
    if not value or value == "[]":
        return "[]"
    items = _tag_values(value)
    if not isinstance(items, list):  # not a list of text: written as stored
        return _text(items)
    if not items:
        return "[]"
    inside = _ROW_INDENT + "    "
    return ("[\n" + ",\n".join(inside + _text(item) for item in items)
            + f"\n{_ROW_INDENT}  ]")


@cache
def _section_writer(section: str) -> tuple[str, list[str], Any, int]:
    """A section's table, its columns in the order of the keys, the function of a row's
    values that returns its text, and where the id is among the values."""
    table, record, stamps = _SECTIONS[section]
    writers = {name: _writer(kind) for name, kind in record.__annotations__.items()}
    writers.update((stamp, _moment) for stamp in stamps)
    keys = sorted(writers)
    return table, keys, _row_writer([writers[key] for key in keys], keys), keys.index("id")


def _row_writer(writers: list[Any], keys: list[str]) -> Any:
    """A function of a row's values that returns its text: one f-string, compiled once
    per section, because calling a function per value was most of the export's time.
    The common values are written inline, each as its writer writes it (the string
    constants are names, as an f-string's expressions may hold no quotes); a timestamp
    as the store writes it is cut into place, and the row's text written by the writers
    otherwise (see iso_moment)."""
    moments = [f"v{n}" for n, writer in enumerate(writers) if writer is _moment]
    usual = _row_text(writers, keys, cut=True)
    other = _row_text(writers, keys, cut=False)
    check = " and ".join(f"{v}.__class__ is str and stored_moment({v})" for v in moments)
    source = (f"def write({', '.join(f'v{n}' for n in range(len(keys)))}):\n"
              + (f'    if {check}:\n        return f"{usual}"\n' if moments else "")
              + f'    return f"{other}"\n')
    scope: dict[str, Any] = {
        "quote": encode_basestring, "scalar": _scalar, "tags": lru_cache(maxsize=4096)(_tags),
        "stored_moment": _ASCII_MOMENT.fullmatch, "NULL": "null", "TRUE": "true",
        "FALSE": "false", "EMPTY": "", "ZERO": ".000000", "NO_TAGS": "[]"}
    scope.update((f"w{n}", writer) for n, writer in enumerate(writers))
    exec(compile(source, f"<json export of {', '.join(keys[:3])}...>", "exec"), scope)
    return scope["write"]


def _row_text(writers: list[Any], keys: list[str], *, cut: bool) -> str:
    """The inside of the f-string of a row; `cut`: its timestamps are as the store writes
    them."""
    inner = _ROW_INDENT + "  "
    pieces = [_literal(f"{_ROW_INDENT}{{\n")]
    for n, writer in enumerate(writers):
        v = f"v{n}"
        head = ("" if n == 0 else ",\n") + f"{inner}{encode_basestring(keys[n])}: "
        pieces.append(_literal(head))
        if writer is _text:  # a text, a whole number, or null
            value = (f"quote({v}) if {v}.__class__ is str else str({v}) "
                     f"if {v}.__class__ is int else NULL if {v} is None else scalar({v})")
        elif writer is _number:  # the same, the whole number formatted by the f-string
            value = (f"{v} if {v}.__class__ is int else NULL if {v} is None else "
                     f"quote({v}) if {v}.__class__ is str else scalar({v})")
        elif writer is _flag:  # 0 or 1
            value = f"(TRUE if {v} else FALSE) if {v}.__class__ is int else w{n}({v})"
        elif writer is _moment and cut:
            pieces.append(_literal('"') + f"{{{v}[:10]}}T{{{v}[11:19]}}"
                          f"{{EMPTY if {v}[19:] == ZERO else {v}[19:]}}+00:00"
                          + _literal('"'))
            continue
        elif writer is _tags:  # most lists are empty, and the others few and repeated
            value = f"NO_TAGS if {v} == NO_TAGS else tags({v})"
        else:
            value = f"w{n}({v})"
        pieces.append("{" + value + "}")
    pieces.append(_literal(f"\n{_ROW_INDENT}}}"))
    return "".join(pieces)


def _literal(text: str) -> str:
    """Constant text as the inside of a double-quoted f-string."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("{", "{{").replace("}", "}}"))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return str(encode_basestring(value))
    if isinstance(value, int):
        return str(int(value))
    return json.dumps(stored(value), ensure_ascii=False, default=plain)


def _goals(store: Reads) -> Iterator[dict[str, Any]]:
    """The goals with their mentors and progress notes (a few hundred at most), from the
    values as stored, like the other sections: a date no read can use is still exported."""
    mentors: dict[int, list[int]] = {}
    for goal_id, person_id in store.rows("goal_mentor", columns=("goal_id", "person_id")):
        mentors.setdefault(goal_id, []).append(person_id)
    progress: dict[int, list[dict[str, Any]]] = {}
    for nid, goal_id, noted_on, note, made in store.rows(
            "goal_progress", columns=("id", "goal_id", "noted_on", "note", "created_at")):
        progress.setdefault(goal_id, []).append({
            "id": nid, "noted_on": stored(noted_on), "note": stored(note),
            "created_at": iso_moment(made)})
    for gid, text, created_on, target, focus, status, closed_on, made in store.rows(
            "goal", columns=("id", "text", "created_on", "target", "focus", "status",
                             "closed_on", "created_at")):
        yield {
            "id": gid, "text": stored(text), "created_on": stored(created_on),
            "target": stored(target), "focus": _tag_values(focus) if focus else [],
            "status": stored(status), "closed_on": stored(closed_on),
            "mentors": sorted(mentors.get(gid, ())), "progress": progress.get(gid, []),
            "created_at": iso_moment(made),
        }


def stored(value: Any) -> Any:
    """A stored value as JSON can hold it (bytes another program wrote become text)."""
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


def _tag_values(value: Any) -> Any:
    """A stored JSON list of tags as the list; anything else as stored."""
    value = stored(value)
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        return value
    return items if isinstance(items, list) and all(isinstance(i, str) for i in items) \
        else value
