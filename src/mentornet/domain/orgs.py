"""Organisations as compared: one organisation however its name is written.

"Northwind", "Northwind, Inc.", "NORTHWIND INC" and "Northwind Inc" are one organisation:
case, accents, punctuation and a legal form at the end ("Inc.", "LLC", "GmbH", "S.A."...)
aside. Job news (domain/news.py), an import keeping the stored spelling (io/updates.py)
and telling who works in your own organisation (domain/owner.py) all compare through
`same_organisation`.
"""

from __future__ import annotations

import re

from mentornet.domain.names import fold

# Legal forms written after an organisation's name, as words once dots and apostrophes are
# gone: "S.A." is "sa", "B.V." is "bv", "Co." is "co". Several may follow one another
# ("GmbH & Co. KG", "Pty Ltd"); a name that is nothing but one ("Co") keeps it.
LEGAL_FORMS = frozenset({
    "ab", "ag", "bv", "co", "company", "corp", "corporation", "gmbh", "inc", "incorporated",
    "kg", "kk", "limited", "llc", "llp", "lp", "ltd", "nv", "oy", "oyj", "plc", "pte", "pty",
    "sa", "sarl", "sas", "spa", "srl",
})
_DROPPED = re.compile(r"[.'’]")  # inside words: "S.A." is "SA", "McDonald's" "McDonalds"
_WORD = re.compile(r"[^\W_]+")


def org_key(name: str) -> str:
    """An organisation's name as compared: folded (names.fold), its words without the
    punctuation between them, and without the legal forms at its end."""
    words = _WORD.findall(fold(_DROPPED.sub("", name)))
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words) if words else fold(name)


def same_organisation(one: str | None, other: str | None) -> bool:
    """Whether two names of organisations name the same one (two empty names do too)."""
    if not one or not other:
        return not one and not other
    return one == other or org_key(one) == org_key(other)
