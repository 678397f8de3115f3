"""Turning option text into values: dates, intervals and the fixed vocabularies."""

from __future__ import annotations

from datetime import date

from mentornet.vocab import choose


def day(text: str | None, today: date, *, prefer: str = "past") -> date | None:
    """A date option (natural forms allowed), or None when not given."""
    if text is None:
        return None
    from mentornet.dates import parse_date

    return parse_date(text, today=today, prefer="future" if prefer == "future" else "past")


def interval(text: str | None) -> int | None:
    if text is None:
        return None
    from mentornet.dates import parse_interval

    return parse_interval(text)


def tags(values: list[str] | None) -> list[str]:
    """Focus or topic tags: repeated options or comma lists, trimmed, lower case, unique."""
    found: dict[str, None] = {}
    for value in values or []:
        for part in value.split(","):
            tag = " ".join(part.split()).lower()
            if tag:
                found[tag] = None
    return list(found)


def word(value: str | None, allowed: tuple[str, ...], *, what: str) -> str | None:
    return None if value is None else choose(value, allowed, what=what)
