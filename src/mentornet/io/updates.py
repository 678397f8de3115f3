"""What a file's values do to someone already on the panel: replace, fill in, or leave be.

Each format says which fields its values replace (`Contact.overwrite`, io/plan.py):
mentornet's own spreadsheet the cells it fills, LinkedIn the current job (role, org, link),
an address book (a vCard, a Google or Outlook CSV) nothing. Every other value only fills a
field that is empty, so a contact file never replaces the name or notes you wrote.
Whatever the format, a value that says what the stored one says in other words leaves the
stored one as it is: a name that differs only in case or accents, an organisation written
another way (domain/orgs.py). What the file says otherwise and is not taken is named in
the report (its fields, never its text: notes are private).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentornet.domain.names import clean_name, fold
from mentornet.domain.orgs import same_organisation

if TYPE_CHECKING:
    from mentornet.io.plan import Contact

IDENTIFYING = ("email", "phone", "link")  # what later imports recognise a person by
JOB = frozenset({"role", "org"})  # disagreeing on them, a name-only match may be a namesake
YOURS = frozenset({"name", "notes"})  # named in the report when the file's are not taken


def is_empty_value(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def same_value(field: str, stored: Any, incoming: Any) -> bool:
    """Whether a file's value says what the stored one says: names alike once folded
    ("Zoe Muller" is "Zoë Müller"), the same organisation however written."""
    if isinstance(stored, str) and isinstance(incoming, str):
        if field == "name":
            return fold(clean_name(stored)) == fold(clean_name(incoming))
        if field == "org":
            return same_organisation(stored, incoming)
    return bool(stored == incoming)


@dataclass(slots=True)
class Taken:
    """What a file's record does to a stored person."""

    values: dict[str, Any]  # the values it sets
    differing: list[str]  # fields where it says something else, and is not taken
    withheld: list[str]  # its email, phone or link, not taken: see `take`
    suspect: bool = False  # matched by name alone and disagreeing: perhaps a namesake


def take(state: Mapping[str, Any], contact: Contact, *, by_name_only: bool = False) -> Taken:
    """The values `contact` sets on a person whose fields are `state`.

    The fields the format overwrites replace what is stored, unless they say the same;
    the others fill empty fields. A person matched by name alone keeps what is stored
    (the file may describe a namesake): the file only fills empty fields, and when it
    disagrees on the job (or, from a file that replaces them, on any other value) its
    email, phone and link are not taken either, so that a later import does not match
    them by it and overwrite.
    """
    overwrite = frozenset() if by_name_only else contact.overwrite
    values: dict[str, Any] = {}
    for name, value in contact.fields.items():
        if is_empty_value(value):
            continue
        stored = state.get(name)
        if is_empty_value(stored) or (name in overwrite and not same_value(name, stored, value)):
            values[name] = clean_name(value) if name == "name" else value
    signals = (contact.overwrite | JOB) - {"name", *IDENTIFYING}
    given = {"name": contact.name, **contact.fields}  # a vCard's name is not a field it sets
    differing = sorted(
        name for name in (signals | YOURS) & given.keys()
        if name not in values and not is_empty_value(given[name])
        and not is_empty_value(state.get(name)) and not same_value(name, state[name], given[name]))
    taken = Taken(values, differing, [])
    if by_name_only and any(name in signals for name in differing):
        taken.suspect = True
        taken.withheld = [name for name in IDENTIFYING if name in values]
        taken.values = {k: v for k, v in values.items() if k not in IDENTIFYING}
    return taken


def kept_note(taken: Taken, *, filled: bool) -> str | None:
    """The clause of the report on what was not taken, or None: "the file's name, notes
    differ from yours: yours are kept". `filled`: the record filled empty fields."""
    if not taken.differing:
        return None
    plural = len(taken.differing) > 1 or taken.differing == ["notes"]
    text = (f"the file's {_listed(taken.differing)} {'differ' if plural else 'differs'} "
            f"from yours: yours {'are' if plural else 'is'} kept")
    if not taken.suspect:
        return text
    also = ["only empty fields are filled"] if filled else []
    if taken.withheld:
        withheld = taken.withheld
        also.append(f"the file's {_listed(withheld)} {'is' if len(withheld) == 1 else 'are'} "
                    "not taken")
    if len(also) == 1:
        text += f" and {also[0]}"
    elif also:
        text += f", {also[0]}, and {also[1]}"
    if taken.withheld:
        text += ("; if this is the same person, add their email or link with "
                 "`mentornet edit`, then import again")
    return f"by name only, and {text}"


def _listed(fields: list[str]) -> str:
    return ", ".join(name.replace("_", " ") for name in fields)
