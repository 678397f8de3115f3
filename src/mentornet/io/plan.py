"""Import plans: what an import would change, checked before anything is written.

Every import runs in two steps. The file is parsed into plain values (a malformed file
raises MalformedFile, listing each problem and where it is: io/problems.py; nothing is
written), then planned against the panel: who is new, who is matched (and how), which
fields change.
`--dry-run` prints the plan; a real import applies it inside one `writing()` transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mentornet.domain.news import noticed
from mentornet.domain.records import Person
from mentornet.io.matching import Keys, PeopleIndex, clean_name, keys_of, name_key
from mentornet.io.problems import Problem
from mentornet.io.updates import is_empty_value as is_empty_value  # re-exported
from mentornet.io.updates import kept_note, take

if TYPE_CHECKING:
    from mentornet.store.reads import Reads
    from mentornet.store.writes import Change

# A person's fields as the files carry them: the record's, but the id (the record has every
# column of the person table but the timestamps: tests/test_store_schema.py).
PERSON_FIELDS: tuple[str, ...] = Person._fields[1:]

Advance = Callable[[int], None]


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


# What a people-only import brings (CSV, LinkedIn, vCard) -----------------------------------

@dataclass(slots=True)
class Contact:
    """One person as a file describes them, with the rules for merging them in.

    `fields` holds the values the file gives (empty ones left out). For a person already on
    the panel, the fields named in `overwrite` replace what is stored; the others only fill
    a field that is empty (io/updates.py). `defaults` apply to new people only.
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


@dataclass(slots=True)
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
    job: tuple[str | None, ...] | None = None  # a new role or org (domain.news.noticed)
    new_emails: list[str] = field(default_factory=list)  # addresses to add besides the main

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
    What a matched record changes is io/updates.py's `take`: a person matched by name
    alone keeps what is stored, and the file only fills empty fields.
    """
    identity = store.identity()
    people = store.people()
    current = {person.id: person_fields(person) for person in people}
    addresses = store.emails()
    index = PeopleIndex(people, addresses)
    plan = ImportPlan(source=source, format=fmt, skipped=list(skipped))
    plans: dict[int, PersonPlan] = {}
    asked = {"kind": kind} if kind else {}
    contacts = list(contacts)
    every_keys = [keys_of(name=contact.name, emails=contact.emails,
                          link=contact.fields.get("link"), phones=contact.phones)
                  for contact in contacts]
    apart = _told_apart(every_keys)
    passed_over: dict[int, int] = {}  # a stored namesake no row was taken for: rows of the name
    done = 0
    for done, (contact, keys) in enumerate(zip(contacts, every_keys, strict=True), 1):
        if advance is not None and done % PROGRESS_STEP == 0:
            advance(PROGRESS_STEP)
        trusted = _trusted_id(contact, keys, identity, current)
        key, how, sharing = index.match_keys(keys, person_id=trusted)
        if how == "name" and keys.name in apart and _carries_a_key(keys):
            # The file has two or more people of this name, told apart by what they carry:
            # which of them (if any) is the stored one nothing says, so none is taken.
            assert key is not None
            if key > 0:
                passed_over[key] = passed_over.get(key, 0) + 1
            key, how, sharing = index.match_keys(keys, person_id=trusted, by_name=False)
        if key is None and sharing > 1:
            plan.skipped.append(Problem(contact.where, f"{sharing} people are called "
                                        f"{clean_name(contact.name)!r}: add an email to the "
                                        "file, or edit one of them, to tell them apart"))
            continue
        if key is None:  # someone new
            key = -1 - len(plans)
            values = {**NEW_PERSON, **contact.defaults, **asked,
                      **{k: v for k, v in contact.fields.items() if not is_empty_value(v)}}
            values["name"] = clean_name(contact.name)
            plans[key] = PersonPlan(key=key, name=values["name"], where=contact.where,
                                    action="add", changes=values)
            plan.people.append(plans[key])
            _note_new_emails(plans[key], contact, ())
            index.add_keys(key, keys)
            continue
        if key < 0:  # the same new person again, further down the file
            adding = plans[key]
            adding.changes.update(take(adding.changes, contact).values)
            adding.merged.append(contact.where)
            _note_new_emails(adding, contact, ())
            ours = adding.changes
        else:
            existing = plans.get(key)
            if existing is None:
                existing = plans[key] = PersonPlan(
                    key=key, name=str(current[key]["name"]), where=contact.where,
                    action="unchanged", matched_by=how, incoming=contact.name)
                plan.people.append(existing)
            else:
                existing.merged.append(contact.where)
            state = {**current[key], **existing.changes}
            taken = take(state, contact,
                         by_name_only=how == "name" and existing.matched_by == "name")
            filled = False
            for name, value in taken.values.items():
                if state.get(name) != value:
                    existing.changes[name] = value
                    filled = True
            note = kept_note(taken, filled=filled)
            if note is not None:
                existing.note = note
            if existing.changes or existing.new_emails:
                existing.action = "update"
                existing.job = noticed(current[key], existing.changes)
            ours = {**current[key], **existing.changes}
            if not taken.suspect:
                _note_new_emails(existing, contact, addresses.get(key, ()))
        index.add(key, name=str(ours["name"]), emails=contact.emails, link=ours.get("link"),
                  phones=contact.phones)
    if advance is not None:
        advance(done % PROGRESS_STEP)
    for person_id in passed_over:
        if person_id not in plans:
            name = str(current[person_id]["name"])
            plan.notes.append(
                f"rows of the file called {name!r} are told apart by an email, phone or link, "
                f"and {name} (#{person_id}) has none of those: no row was taken for them, "
                f"and each came in as someone new; if one of them is {name} (#{person_id}), "
                f"`mentornet merge \"#{person_id}\" \"#ID\"` with that one's id joins them")
    return plan


def _carries_a_key(keys: Keys) -> bool:
    return bool(keys.emails or keys.phones or keys.link)


def _told_apart(every_keys: Sequence[Keys]) -> set[str]:
    """The names two or more records of the file carry with nothing in common: each has an
    email, phone or link, and no two of them share one (two people, not one twice)."""
    first: dict[str, Keys] = {}
    apart: set[str] = set()
    for keys in every_keys:
        if not _carries_a_key(keys) or keys.name in apart:
            continue
        seen = first.setdefault(keys.name, keys)
        if seen is not keys and _nothing_shared(seen, keys):
            apart.add(keys.name)
    return apart


def _nothing_shared(one: Keys, other: Keys) -> bool:
    """Two records that each carry a key of some kind (both an email, say) and share none."""
    if one.emails & other.emails or set(one.phones) & set(other.phones):
        return False
    if one.link and one.link == other.link:
        return False
    return bool((one.emails and other.emails) or (one.phones and other.phones)
                or (one.link and other.link))


PROGRESS_STEP = 500  # contacts matched between two moves of the progress bar


def _trusted_id(contact: Contact, keys: Keys, identity: str,
                current: dict[int, dict[str, Any]]) -> int | None:
    """The panel id a record carries, when it can be believed.

    A vCard or JSON id is believed when the file comes from this database. A CSV carries
    ids but no database identity: its id is believed when that person still has the
    row's name, email, phone or link, so two people sharing an email come back as the
    same two people, and a name edited in your own export renames the person it was.
    """
    if contact.person_id is None:
        return None
    if contact.database is not None:
        return contact.person_id if contact.database == identity else None
    stored = current.get(contact.person_id)
    if stored is None:
        return None
    theirs = keys_of(name=str(stored["name"]), emails=[str(stored.get("email") or "")],
                     link=stored.get("link"), phones=[str(stored.get("phone") or "")])
    shared = (theirs.name == keys.name or bool(theirs.emails & keys.emails)
              or bool(set(theirs.phones) & set(keys.phones))
              or bool(theirs.link) and theirs.link == keys.link)
    return contact.person_id if shared else None


def _note_new_emails(person: PersonPlan, contact: Contact, stored: Sequence[str]) -> None:
    """The contact's addresses the person does not have yet, kept besides the main one."""
    main = str(person.changes.get("email") or "")
    known = {e.strip().casefold() for e in (*stored, main, *person.new_emails) if e}
    for email in contact.emails:
        if email.strip() and email.strip().casefold() not in known:
            known.add(email.strip().casefold())
            person.new_emails.append(email.strip())
    if person.new_emails and person.action == "unchanged":
        person.action = "update"


def apply_contacts(change: Change, plan: ImportPlan, advance: Advance) -> None:
    """Add and update the people of a plan (inside the import's one change), in bulk: the
    new people in batches (so the progress bar moves), then every update at once. New
    people with more than one address are added one by one, keeping the file's order, so
    that their other addresses can be given to them."""
    adding = [person for person in plan.people if person.action == "add"]
    for start in range(0, len(adding), WRITE_BATCH):
        batch = adding[start:start + WRITE_BATCH]
        run: list[PersonPlan] = []
        for person in [*batch, None]:
            if person is not None and not person.new_emails:
                run.append(person)
                continue
            if run:
                change.insert_many("person", (p.changes for p in run),
                                   shared={"created_at": change.now, "updated_at": change.now})
                run = []
            if person is not None:
                person_id = change.insert("person", {**person.changes, "created_at": change.now,
                                                     "updated_at": change.now})
                for email in person.new_emails:
                    change.add_email(person_id, email)
        advance(len(batch))
    updates = {person.key: person.changes for person in plan.people
               if person.action == "update" and person.changes}
    if updates:
        change.edit_people(updates)
    for person in plan.people:
        if person.job is not None:  # news worth a note (domain/news.py)
            change.note_job_change(person.key, person.job, on=change.now.date(),
                                   source=plan.format)
        if person.action == "update":
            for email in person.new_emails:
                change.add_email(person.key, email)
    advance(len(plan.people) - len(adding))


WRITE_BATCH = 2000  # new people written between two moves of the progress bar


def changed_fields(person: PersonPlan) -> str:
    """ "role, org" for a report line."""
    names = [name.replace("_", " ") for name in person.changes]
    if person.new_emails and person.key > 0:
        names.append("emails")
    return ", ".join(names)


def parse_iso_day(text: str) -> date | None:
    """A YYYY-MM-DD date from 1900-01-01 to 2199-12-31 (see dates.py), or None."""
    from mentornet.dates import in_range

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if in_range(day) else None
