"""Two records of one person made one: what the kept record takes from the other, and
which people look like one person entered twice."""

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import groupby
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


class Duplicates(NamedTuple):
    pairs: tuple[Duplicate, ...]  # the first pairs by ids (all of them without a limit)
    total: int  # how many pairs there are in all


def likely_duplicates(people: Sequence[Person], *, emails: Iterable[tuple[int, str]] = (),
                      newer_than: int = 0, limit: int | None = None) -> Duplicates:
    """The pairs of people who look like one person entered twice: the same name (compared
    through `fold`, as everywhere), the same email or the same phone number. `emails` are
    further (person id, address) pairs beside each person's main email. Only the pairs
    whose second person's id is over `newer_than` count (those an import just added).

    The pairs come in order of their ids, the first `limit` of them; all are counted
    without being listed, since a large panel with common names has many thousands
    (a 30,000-row LinkedIn file made about 140,000), and a report shows a few.
    """
    by_id = {p.id: p for p in people}
    groups: dict[tuple[str, str], set[int]] = {}
    for p in people:
        groups.setdefault(("the same name", fold(p.name)), set()).add(p.id)
        if p.email and p.email.strip():
            groups.setdefault(("the same email", p.email.strip().casefold()), set()).add(p.id)
        phone = phone_key(p.phone)
        if phone:
            groups.setdefault(("the same phone", phone), set()).add(p.id)
    for pid, address in emails:
        if pid in by_id and address.strip():
            groups.setdefault(("the same email", address.strip().casefold()), set()).add(pid)
    shared = [(reason, sorted(ids)) for (reason, _), ids in groups.items() if len(ids) > 1]
    # Counted without listing them: a person has one name, so a pair is in one name group
    # at most, and a pair that shares an email or a phone is counted there only when the
    # names differ. The other groups are small (an address or a number is one person's).
    total = 0
    others: set[tuple[int, int]] = set()
    for reason, ids in shared:
        if reason == "the same name":
            total += sum(range(bisect_right(ids, newer_than), len(ids)))
        else:
            others.update((a, b) for a, b, _ in _pairs(ids, newer_than, reason))
    names = {p.id: fold(p.name) for p in people} if others else {}
    total += sum(names[a] != names[b] for a, b in others)
    # The first pairs: each group's in order of ids, merged, one pair's reasons together.
    merged = heapq.merge(*(_pairs(ids, newer_than, reason) for reason, ids in shared))
    found: list[Duplicate] = []
    for (a, b), same in groupby(merged, key=lambda pair: pair[:2]):
        if limit is not None and len(found) == limit:
            break
        found.append(Duplicate(by_id[a], by_id[b],
                               tuple(sorted({r for _, _, r in same}, key=_ORDER.index))))
    return Duplicates(tuple(found), total)


def _pairs(ids: Sequence[int], newer_than: int, reason: str
           ) -> Iterator[tuple[int, int, str]]:
    """The pairs of `ids` (sorted) in order, those whose second is over `newer_than`."""
    newer = bisect_right(ids, newer_than)
    for at, first in enumerate(ids):
        for second in ids[max(at + 1, newer):]:
            yield first, second, reason


_ORDER = ["the same name", "the same email", "the same phone"]
SHOWN = 10  # the pairs a report lists; the rest are counted


def duplicate_lines(found: Duplicates) -> list[str]:
    """The people who look entered twice, a line each in plain words with the merge that
    joins them, and how many more pairs there are (import and doctor print these)."""
    lines = [f"{d.first.name} (#{d.first.id}) and {d.second.name} (#{d.second.id}) may be "
             f"one person ({', '.join(d.reasons)}): mentornet merge '#{d.first.id}' "
             f"'#{d.second.id}'" for d in found.pairs]
    if found.total > len(found.pairs):
        from mentornet.words import counted

        lines.append(f"and {counted(found.total - len(found.pairs), 'more pair')}")
    return lines
