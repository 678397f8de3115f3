"""How stored values are read back: dates, lists of tags, counts, text, ratings.

A stored value another program wrote (or one from before the limits of dates.py) may not
be of its column's kind. The reads never fail on it: these functions turn each stored
value into the record's value, or into nothing, and `doctor` names what they left out
(store/unreadable.py). Shared by the reads (queries.py), due's panel query and search.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

from mentornet.dates import stored_day
from mentornet.vocab import CLOSENESS, SPHERES

# A stored value another program wrote, or one from before the limits of dates.py, may be
# no date or list at all. Reads never fail on it: an unreadable date is no date (a record
# whose own day is unreadable is left out), an unreadable list is empty, and `doctor`
# names each such value (see `unreadable`).
_date = stored_day
# The same, remembered: a long history has many rows for each day (ten years are 3,650
# days), and a read of all touch-bases or favours turns each day's text once, not each row's.
_day = lru_cache(maxsize=8192)(stored_day)
_new = tuple.__new__  # a record built from all its values, without NamedTuple's __new__


def _tags(value: object) -> tuple[str, ...]:
    """A JSON list of tags as stored; () when it is not one."""
    if not value or value == "[]":  # most rows: no need to parse
        return ()
    return _tag_list(value) or ()


def _tag_list(value: object) -> tuple[str, ...] | None:
    """The tags of a stored JSON list of text; None when the value is not one."""
    if not isinstance(value, str | bytes):
        return None
    return _parsed_tags(value)


# Remembered, as the days are: a panel's touch-bases repeat a few lists of topics, and a
# long history (review's year of topics, its rhythm) parses each list once, not each row's.
@lru_cache(maxsize=4096)
def _parsed_tags(value: str | bytes) -> tuple[str, ...] | None:
    try:
        found = json.loads(value)
    except ValueError:
        return None
    if not isinstance(found, list) or not all(isinstance(tag, str) for tag in found):
        return None
    return tuple(found)


def _count(value: object) -> int | None:
    """A whole number of days as stored (a cadence); None when it is not one."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 100_000:
        return value
    return None


def _text(value: object) -> Any:
    """Stored text as text. Another program may have stored a number or bytes in a text
    column: it is shown as it is (bytes decoded, bad ones replaced), and `doctor` names it."""
    if value is None or type(value) is str:
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _reader(kind: Any) -> Any:
    """How a stored value of a field of this type becomes the record's value (None: as is)."""
    kinds = getattr(kind, "__args__", None) if not hasattr(kind, "__origin__") else (kind,)
    for one in kinds or (kind,):
        if one is date:
            return _date
        if one is str:
            return _text
        if getattr(one, "__origin__", None) is tuple:
            return _tags
    return None


def _closeness(value: object) -> int | None:
    """A closeness rating as stored (1 to 5); None when it is not one."""
    if isinstance(value, int) and not isinstance(value, bool) and value in CLOSENESS:
        return value
    return None


def _sphere(value: object) -> str | None:
    """A sphere as stored; None (guessed on reading) when it is not one of SPHERES."""
    return value if isinstance(value, str) and value in SPHERES else None
