"""Import plans: what an import would change, checked before anything is written.

Every import runs in two steps. The file is parsed into plain values (a malformed file
raises MalformedFile listing each problem and where it is, and nothing is written), then
planned against the panel: who is new, who is matched (and how), which fields change.
`--dry-run` prints the plan; a real import applies it inside one `writing()` transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mentornet.domain.records import Person
from mentornet.errors import BadInput
from mentornet.io.matching import PeopleIndex, clean_name, name_key

if TYPE_CHECKING:
    from mentornet.store.reads import Reads
    from mentornet.store.writes import Change

MAX_PROBLEMS = 50  # a report lists this many problems, then counts the rest

# A person's fields as the files carry them: the record's, but the id (the record has every
# column of the person table but the timestamps: tests/test_store_schema.py).
PERSON_FIELDS: tuple[str, ...] = Person._fields[1:]

Advance = Callable[[int], None]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, and where: "row 7", "card 3", "people[2].kind"."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


class MalformedFile(BadInput):
    """A file that can't be imported as it is; nothing was written."""

    def __init__(self, source: str, problems: Sequence[Problem], *, hint: str = "") -> None:
        self.source = source
        self.problems = list(problems)
        self.hint = hint  # what to do, e.g. import the rest with --skip-invalid
        first = self.problems[0] if self.problems else Problem("file", "unreadable")
        more = len(self.problems) - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"can't import {source!r}: {first}{extra}; nothing was imported")


class Problems:
    """Collects problems while parsing, and raises them all at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[Problem] = []
        self.count = 0

    def add(self, where: str, what: str) -> None:
        self.count += 1
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem(where, what))

    def raise_if_any(self) -> None:
        if self.found:
            problems = list(self.found)
            if self.count > len(problems):
                problems.append(Problem("…", f"{self.count - len(problems)} more problems "
                                             "not listed"))
            raise MalformedFile(self.source, problems)


def settle_invalid(source: str, invalid: Sequence[Problem], *, valid: int, unit: str,
                   skip_invalid: bool, skipped: list[Problem]) -> None:
    """Cards or rows that can't be imported: refuse the file, or skip them and say so.

    All or nothing by default, naming each one; with --skip-invalid the others are
    imported and every one skipped is listed in the report.
    """
    if not invalid:
        return
    if skip_invalid:
        skipped.extend(invalid)
        return
    listed = list(invalid[:MAX_PROBLEMS])
    if len(invalid) > MAX_PROBLEMS:
        listed.append(Problem("…", f"{len(invalid) - MAX_PROBLEMS} more problems not listed"))
    others = f"the other {valid} {unit}{'' if valid == 1 else 's'}"
    hint = (f"To import {others} and list the ones skipped: mentornet import "
            f"{_quoted(source)} --skip-invalid" if valid else "")
    raise MalformedFile(source, listed, hint=hint)


def _quoted(path: str) -> str:
    import shlex

    return shlex.quote(path)


@dataclass
class PeopleFile:
    """What a people-only file (CSV, LinkedIn, vCard) holds, and what the report should say."""

    contacts: list[Contact]
    skipped: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # ignored columns, assumptions made


def ignored_note(names: Iterable[str], what: str) -> str | None:
    """ "not imported: the columns Birthday, Home City" (once per file), or None."""
    found = list(dict.fromkeys(name for name in names if name))
    if not found:
        return None
    shown = ", ".join(found[:20]) + (f" and {len(found) - 20} more" if len(found) > 20 else "")
    return f"not imported (mentornet does not use them): the {what} {shown}"


# Decoding ---------------------------------------------------------------------------------

_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive, not a text file: unzip it and import the file inside "
                    "(for LinkedIn, Connections.csv)"),
    (b"SQLite format 3\x00", "an SQLite database, not an export: to bring back a backup, "
                             "use `mentornet restore`"),
    (b"%PDF", "a PDF document, not a text file"),
    (b"\x89PNG", "a PNG image, not a text file"),
    (b"\xff\xd8\xff", "a JPEG image, not a text file"),
)


def decode_text(data: bytes, source: str, *, hint: str = "") -> str:
    """The text of an imported file: UTF-8 (with or without a BOM) or UTF-16 with a BOM.

    Binary files and bytes that are not UTF-8 are reported with the line they are on,
    rather than guessed at: a wrong guess would import garbled names.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise MalformedFile(source, [Problem(
                f"byte {exc.start + 1}", "the file starts as UTF-16 but is not valid UTF-16: "
                "save it again as UTF-8")]) from None
    check_binary(data, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_of(data, exc.start)
        raise MalformedFile(source, [Problem(
            f"line {line}", f"byte {exc.start + 1} (0x{data[exc.start]:02X}) is not UTF-8 text: "
            f"save the file as UTF-8{hint} and import again")]) from None
    return text


def check_binary(data: bytes, source: str) -> None:
    """Refuse archives, databases, pictures and other files that are not text."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise MalformedFile(source, [Problem("byte 1", f"this is {what}")])
    offset = data.find(b"\x00")
    if offset >= 0:
        raise MalformedFile(source, [Problem(
            f"line {line_of(data, offset)}",
            f"a NUL byte at byte {offset + 1}: this looks like a binary file, not text")])


def line_of(data: bytes, offset: int) -> int:
    """The line number (from 1) of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


# What a people-only import brings (CSV, LinkedIn, vCard) -----------------------------------

@dataclass
class Contact:
    """One person as a file describes them, with the rules for merging them in.

    `fields` holds the values the file gives (empty ones left out). For a person already on
    the panel, the fields named in `overwrite` replace what is stored; the others only fill
    a field that is empty. `defaults` apply to new people only.
    """

    where: str
    name: str
    fields: dict[str, Any]
    overwrite: frozenset[str] = frozenset()
    defaults: dict[str, Any] = field(default_factory=dict)
    emails: tuple[str, ...] = ()  # every address, for matching; fields["email"] is stored
    phones: tuple[str, ...] = ()  # every number, for matching; fields["phone"] is stored
    person_id: int | None = None  # a mentornet id the file carries...
    database: str | None = None  # ...trusted only when it comes from this database


@dataclass
class PersonPlan:
    """What happens to one person: added, updated (which fields) or left unchanged."""

    key: int  # the person's id, or a negative number for a person still to be added
    name: str
    where: str
    action: str  # "add", "update", "unchanged"
    matched_by: str | None = None  # "id", "email", "link", "name"
    changes: dict[str, Any] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)  # later places in the file, same person
    note: str | None = None
    incoming: str | None = None  # the name as the file gives it, when matched

    @property
    def renamed(self) -> bool:
        """Matched to a person whose stored name differs from the file's."""
        return self.incoming is not None and name_key(self.incoming) != name_key(self.name)


@dataclass
class ImportPlan:
    """Everything an import would change, for `--dry-run` to show and `apply` to do."""

    source: str
    format: str
    people: list[PersonPlan] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)  # history rows: "touch-bases": 3
    updated: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    restore: bool = False
    new_identity: bool = False  # the panel takes on the file's database identity
    steps: Any = None  # format-specific work (see json_import.py)

    def count(self, action: str) -> int:
        return sum(1 for plan in self.people if plan.action == action)

    @property
    def size(self) -> int:
        """Units of work, for a progress bar."""
        return (len(self.people) + sum(self.added.values()) + sum(self.updated.values()))

    @property
    def changes_anything(self) -> bool:
        return bool(self.count("add") or self.count("update") or any(self.added.values())
                    or any(self.updated.values()) or self.new_identity)


def person_fields(person: Person) -> dict[str, Any]:
    values = {name: getattr(person, name) for name in PERSON_FIELDS}
    values["focus"] = list(person.focus)
    return values


def is_empty_value(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


# Planning and applying a people-only import ----------------------------------------------

# Imported people are contacts unless the file (or `import --as`) says otherwise: someone in
# your network, not on your panel, so an import of a whole address book never floods `due`.
NEW_PERSON = {"kind": "contact", "status": "active", "focus": []}


def plan_contacts(store: Reads, contacts: Iterable[Contact], *, source: str,
                  fmt: str, skipped: Sequence[Problem] = (),
                  advance: Advance | None = None, kind: str | None = None) -> ImportPlan:
    """Who each contact is on the panel (id from this database, email, link, exact name).

    New people are of `kind` (`import --as`) when given, else of the kind the file gives
    (a CSV `kind` column, a mentornet vCard), else contacts. A row's own kind column wins.
    """
    identity = store.identity()
    people = store.people()
    current = {person.id: person_fields(person) for person in people}
    index = PeopleIndex(people)
    plan = ImportPlan(source=source, format=fmt, skipped=list(skipped))
    plans: dict[int, PersonPlan] = {}
    next_new = -1
    for contact in contacts:
        if advance is not None:
            advance(1)
        trusted_id = _trusted_id(contact, identity, current)
        key, how, sharing = index.match(person_id=trusted_id, emails=contact.emails,
                                        link=contact.fields.get("link"), name=contact.name,
                                        phones=contact.phones)
        if key is None and sharing > 1:
            plan.skipped.append(Problem(contact.where, f"{sharing} people are called "
                                        f"{clean_name(contact.name)!r}: add an email to the "
                                        "file, or edit one of them, to tell them apart"))
            continue
        if key is None:
            key, next_new = next_new, next_new - 1
            values = {**NEW_PERSON, **contact.defaults, **({"kind": kind} if kind else {}),
                      **{k: v for k, v in contact.fields.items() if not is_empty_value(v)}}
            values["name"] = clean_name(contact.name)
            plans[key] = PersonPlan(key=key, name=values["name"], where=contact.where,
                                    action="add", changes=values)
            plan.people.append(plans[key])
        elif key < 0:  # the same person again, further down the file
            adding = plans[key]
            adding.changes.update(_merged_values(adding.changes, contact))
            adding.merged.append(contact.where)
        else:
            if key not in plans:
                plans[key] = PersonPlan(key=key, name=str(current[key]["name"]),
                                        where=contact.where, action="unchanged",
                                        matched_by=how, incoming=contact.name)
                plan.people.append(plans[key])
            else:
                plans[key].merged.append(contact.where)
            existing = plans[key]
            state = {**current[key], **existing.changes}
            for name, value in _merged_values(state, contact).items():
                if state.get(name) != value:
                    existing.changes[name] = value
            if existing.changes:
                existing.action = "update"
        ours = plans[key].changes if key < 0 else {**current[key], **plans[key].changes}
        index.add(key, name=str(ours["name"]), emails=contact.emails,
                  link=ours.get("link"), phones=contact.phones)
    return plan


def _trusted_id(contact: Contact, identity: str, current: dict[int, dict[str, Any]]
                ) -> int | None:
    """The panel id a record carries, when it can be believed.

    A vCard or JSON id is believed when the file comes from this database. A CSV carries
    ids but no database identity: its id is believed when that person still has the
    row's name or email, so two people sharing an email come back as the same two people.
    """
    if contact.person_id is None:
        return None
    if contact.database is not None:
        return contact.person_id if contact.database == identity else None
    stored = current.get(contact.person_id)
    if stored is None:
        return None
    same_name = name_key(str(stored["name"])) == name_key(contact.name)
    email = str(stored.get("email") or "").strip().casefold()
    same_email = bool(email) and email in {e.strip().casefold() for e in contact.emails}
    return contact.person_id if same_name or same_email else None


def _merged_values(state: dict[str, Any], contact: Contact) -> dict[str, Any]:
    """The values a contact sets on a stored person: overwrite some, fill the rest."""
    values: dict[str, Any] = {}
    for name, value in contact.fields.items():
        if is_empty_value(value):
            continue
        if name in contact.overwrite or is_empty_value(state.get(name)):
            values[name] = clean_name(value) if name == "name" else value
    return values


def apply_contacts(change: Change, plan: ImportPlan, advance: Advance) -> None:
    """Add and update the people of a plan (inside the import's one change)."""
    for person in plan.people:
        if person.action == "add":
            values = dict(person.changes)
            values["focus"] = list(values.get("focus") or [])
            change.insert("person", {**values, "created_at": change.now,
                                     "updated_at": change.now})
        elif person.action == "update":
            change.edit_person(person.key, **person.changes)
        advance(1)


def changed_fields(person: PersonPlan) -> str:
    """ "role, org" for a report line."""
    return ", ".join(name.replace("_", " ") for name in person.changes)


def parse_iso_day(text: str) -> date | None:
    """A YYYY-MM-DD date from 1900-01-01 to 2199-12-31 (see dates.py), or None."""
    from mentornet.dates import in_range

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if in_range(day) else None
