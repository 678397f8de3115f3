"""Turning option text into values: dates, intervals and the fixed vocabularies."""

from __future__ import annotations

from datetime import date

from mentornet.vocab import choose


def day(text: str | None, today: date, *, prefer: str = "past",
        option: str | None = None) -> date | None:
    """A date option (natural forms allowed), or None when not given.

    With `option` (its name, for the message), the day must lie on the `prefer` side of
    today: what happened is not after today, a plan not before it (dates.on_side).
    """
    if text is None:
        return None
    from mentornet.dates import Prefer, on_side, parse_date

    side: Prefer = "future" if prefer == "future" else "past"
    found = parse_date(text, today=today, prefer=side)
    return found if option is None else on_side(found, today=today, side=side, text=text,
                                                 option=option)


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


def emails(values: list[str], *, option: str = "--email") -> list[str]:
    """Email addresses: repeated options or comma lists, trimmed, each one checked."""
    from mentornet.errors import BadInput

    found: dict[str, None] = {}
    for value in values:
        for part in value.split(","):
            text = part.strip()
            if not text:
                continue
            local, at, domain = text.rpartition("@")
            if not at or not local or not domain or any(c.isspace() for c in text):
                raise BadInput(f"{option} {text!r} is not an email address: give one like "
                               "alex@example.com")
            found[text] = None
    return list(found)
