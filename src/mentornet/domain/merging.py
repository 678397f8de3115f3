"""Two records of one person made one: what the kept record takes from the other, and
which people look like one person entered twice."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple

from mentornet.domain.names import fold
from mentornet.domain.records import Person

# The fields an empty one of the kept record takes from the other's. What the kept record
# already holds wins; a different value of the other's is kept in its notes, not lost.
FILLED = ("role", "org", "seniority", "via", "cadence_days", "email", "link", "phone",
          "snoozed_until", "next_session", "sphere", "closeness")


class Merged(NamedTuple):
    changes: dict[str, Any]  # the kept person's fields to set
    filled: tuple[str, ...]  # the fields that were empty and are filled
    aside: tuple[str, ...]  # the other's values that differ, kept in the notes ("role: VP")
    emails: tuple[str, ...]  # the other's email, where the kept one has another


def _empty(value: object) -> bool:
    return value is None or value == "" or value == ()


def merged(keep: Person, other: Person) -> Merged:
    """What `keep` becomes with `other` merged into it.

    Empty fields are filled from `other`; the focus areas of both are kept; the met date is
    the earlier; both notes are kept, and `other`'s name and any value of its that differs
    from `keep`'s are written under them. Its email, when `keep` has another, is returned
    in `emails` to be kept as a further address.
    """
    changes: dict[str, Any] = {}
    filled: list[str] = []
    aside: list[str] = []
    emails: list[str] = []
    for name in FILLED:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if _empty(theirs):
            continue
        if _empty(mine):
            changes[name] = theirs
            filled.append(name)
        elif name == "email":
            if str(theirs).strip().casefold() != str(mine).strip().casefold():
                emails.append(str(theirs))
        elif mine != theirs:
            aside.append(f"{name.replace('_', ' ')}: {theirs}")
    focus = tuple(dict.fromkeys((*keep.focus, *other.focus)))
    if focus != keep.focus:
        changes["focus"] = list(focus)
        filled.append("focus")
    met = _earlier(keep.met_on, other.met_on)
    if met != keep.met_on:
        changes["met_on"] = met
        filled.append("met on")
    notes = [text for text in (keep.notes, other.notes) if text and text.strip()]
    if fold(other.name) != fold(keep.name):
        aside.insert(0, f"also known as {other.name}")
    if aside:
        notes.append(f"Merged from {other.name} (#{other.id}): " + "; ".join(aside) + ".")
    joined = "\n\n".join(notes) or None
    if joined != keep.notes:
        changes["notes"] = joined
        if not keep.notes:
            filled.append("notes")
    return Merged(changes=changes, filled=tuple(filled), aside=tuple(aside),
                  emails=tuple(emails))


def _earlier(one: date | None, two: date | None) -> date | None:
    return min(one, two) if one and two else one or two


class Duplicate(NamedTuple):
    first: Person  # the one with the lower id
    second: Person
    reasons: tuple[str, ...]  # "the same name", "the same email", "the same phone"


def phone_key(text: str | None) -> str | None:
    """A phone number as compared: its digits, the last nine of a long one, so that
    +44 7700 900123 and 07700 900123 are one number; None under seven digits."""
    digits = "".join(c for c in text or "" if c.isascii() and c.isdigit())
    if len(digits) < 7:
        return None
    return digits[-9:]


def likely_duplicates(people: Sequence[Person], *,
                      emails: Iterable[tuple[int, str]] = ()) -> list[Duplicate]:
    """The pairs of people who look like one person entered twice: the same name (compared
    through `fold`, as everywhere), the same email or the same phone number. `emails` are
    further (person id, address) pairs beside each person's main email."""
    by_id = {p.id: p for p in people}
    keys: dict[tuple[str, str], set[int]] = {}
    for p in people:
        keys.setdefault(("the same name", fold(p.name)), set()).add(p.id)
        if p.email and p.email.strip():
            keys.setdefault(("the same email", p.email.strip().casefold()), set()).add(p.id)
        phone = phone_key(p.phone)
        if phone:
            keys.setdefault(("the same phone", phone), set()).add(p.id)
    for pid, address in emails:
        if pid in by_id and address.strip():
            keys.setdefault(("the same email", address.strip().casefold()), set()).add(pid)
    reasons: dict[tuple[int, int], list[str]] = {}
    for (reason, _), ids in keys.items():
        ordered = sorted(ids)
        for at, first in enumerate(ordered):
            for second in ordered[at + 1:]:
                found = reasons.setdefault((first, second), [])
                if reason not in found:
                    found.append(reason)
    return [Duplicate(by_id[a], by_id[b], tuple(sorted(r, key=_ORDER.index)))
            for (a, b), r in sorted(reasons.items())]


_ORDER = ["the same name", "the same email", "the same phone"]


def duplicate_lines(found: Sequence[Duplicate], *, limit: int = 10) -> list[str]:
    """The people who look entered twice, a line each in plain words with the merge that
    joins them (import and doctor print these)."""
    lines = [f"{d.first.name} (#{d.first.id}) and {d.second.name} (#{d.second.id}) may be "
             f"one person ({', '.join(d.reasons)}): mentornet merge '#{d.first.id}' "
             f"'#{d.second.id}'" for d in found[:limit]]
    if len(found) > limit:
        lines.append(f"and {len(found) - limit} more pair(s)")
    return lines
