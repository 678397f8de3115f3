"""Find the one person a NAME argument means: exact name, then a word, then a prefix, or #ID."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from mentornet.errors import Ambiguous, BadInput, NotFound


def clean_name(text: str) -> str:
    """A name as it is stored: NFC (the form most keyboards type), spaces squeezed.

    macOS types "Zoë" as "Zoe" and a combining diaeresis (NFD); stored as NFC, both
    spellings are one name.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """A name as it is compared, everywhere: width, accents and case folded, spaces squeezed.

    `jose` is José, `zoe` is Zoë in either Unicode form, `ｇａｒｃｉａ` (full width) is
    García. Name matching, completion and the duplicate check on `add` all compare
    through this one function.
    """
    if text.isascii():  # nothing to decompose: the same result, without three passes
        return " ".join(text.lower().split())
    return _fold_unicode(text)


@lru_cache(maxsize=16384)
def _fold_unicode(text: str) -> str:
    """`fold` of text beyond ASCII, remembered: an import folds each name and company
    several times (to match it, to index it, to look for people entered twice), and a
    company or a title recurs across many rows."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFKC", bare.casefold()).split())


def match_person(query: str, people: Sequence[tuple[int, str]], *,
                 kinds: Callable[[list[int]], dict[int, str]] | None = None) -> int:
    """Return the id of the person `query` names among `(id, name)` pairs.

    Tries, ignoring case, accents and width (see `fold`): `#ID`; the exact full name; a
    whole word or run of words of the name (`dana` finds "Dana Lee"); the start of the
    name or of one of its words.
    The first rule with a unique match wins; among several, the one panel member wins over
    contacts who share the name; otherwise several matches, or none, raise a clear error.
    `kinds` gives the kind of the people listed when several match, so namesakes can be
    told apart ("Sam Wu (#2, informal), Sam Wu (#6, contact)").
    """
    text = " ".join(query.split())
    if not text:
        raise BadInput("the name is empty: give a name, or #ID (see `mentornet list`)")
    if text.startswith("#"):
        return _by_id(text, people)
    wanted = fold(text)
    tiers = (
        lambda name: name == wanted,
        lambda name: f" {wanted} " in f" {name} ",
        lambda name: name.startswith(wanted) or f" {wanted}" in f" {name}",
    )
    folded = [(pid, name, fold(name)) for pid, name in people]
    for rule in tiers:
        found = [(pid, name) for pid, name, key in folded if rule(key)]
        if len(found) == 1:
            return found[0][0]
        if found:
            on_panel = _the_one_on_the_panel(found, kinds)
            if on_panel is not None:
                return on_panel
            shown = found[:8]
            kind = kinds([pid for pid, _ in shown]) if kinds else {}
            listed = ", ".join(f"{name} (#{pid}, {kind[pid]})" if pid in kind
                               else f"{name} (#{pid})" for pid, name in shown)
            more = f" and {len(found) - 8} more" if len(found) > 8 else ""
            raise Ambiguous(f"{query!r} matches {len(found)} people: {listed}{more}; "
                            "use more of the name or #ID")
    raise NotFound(f"no one called {query!r} on your panel{_suggest(wanted, people)}")


def _the_one_on_the_panel(found: list[tuple[int, str]],
                          kinds: Callable[[list[int]], dict[int, str]] | None) -> int | None:
    """The one panel member among namesakes who are otherwise contacts, if there is one.

    An import brings in contacts, off the panel; one who shares a panel member's name must
    not make `prep sam` ambiguous. `#ID` still reaches the contact.
    """
    if kinds is None:  # however many: an import of thousands brings dozens of them
        return None
    kind = kinds([pid for pid, _ in found])
    panel = [pid for pid, _ in found if kind.get(pid) != "contact"]
    return panel[0] if len(panel) == 1 else None


def _by_id(text: str, people: Sequence[tuple[int, str]]) -> int:
    digits = text[1:]
    if not digits.isdigit():
        raise BadInput(f"{text!r} is not an id: write # and a number, like #3")
    wanted = int(digits)
    if any(pid == wanted for pid, _ in people):
        return wanted
    raise NotFound(f"no one has the id {text!r}: see `mentornet list` for ids")


def _suggest(wanted: str, people: Sequence[tuple[int, str]]) -> str:
    import difflib  # only when a name was not found

    by_key: dict[str, list[tuple[int, str]]] = {}
    for pid, name in people:
        for key in (fold(name), *fold(name).split()):
            by_key.setdefault(key, []).append((pid, name))
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    names = dict.fromkeys(f"{name} (#{pid})" for key in close for pid, name in by_key[key])
    if not names:
        return ": add them with `mentornet add`, or see `mentornet list`"
    return f": did you mean {' or '.join(list(names)[:3])}?"


def tag_key(text: str) -> str:
    """A focus tag as it is compared everywhere: spaces squeezed, case folded.

    Tags typed at the command line are stored in lower case, but imported ones keep the
    file's spelling: "Leadership" and "leadership " are the same focus.
    """
    return " ".join(text.split()).casefold()
