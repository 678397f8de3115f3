"""Counting in words: "1 problem", "2 problems", "1 person", "3 people"."""

from __future__ import annotations

# Plurals that adding s or es does not make; the last word of a phrase is the one counted.
IRREGULAR = {"person": "people", "entry": "entries", "reply": "replies"}


def plural(word: str) -> str:
    """`word` (or a phrase ending in it) in the plural: touch-base -> touch-bases,
    address -> addresses, entry -> entries, person -> people."""
    head, space, last = word.rpartition(" ")
    if last in IRREGULAR:
        many = IRREGULAR[last]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        many = last + "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        many = last[:-1] + "ies"
    else:
        many = last + "s"
    return f"{head}{space}{many}"


def counted(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, in the plural (or as `many`) unless the count is 1:
    "1 warning", "3 warnings", "0 changes"."""
    return f"{count} {word if count == 1 else many or plural(word)}"
