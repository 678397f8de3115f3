"""Importing a checked JSON document: the plan of a restore into an empty panel, or of a
merge (json_apply.py writes it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from typing import TYPE_CHECKING, Any

from mentornet.io.json_export import SECTIONS
from mentornet.io.json_rows import iso_moment
from mentornet.io.plan import (
    ImportPlan,
    PeopleIndex,
    PersonPlan,
    is_empty_value,
    person_fields,
)

if TYPE_CHECKING:
    from mentornet.io.json_format import Snapshot
    from mentornet.store.reads import Reads

# What the report calls each kind of row.
LABELS = {"touchbases": "touch-bases", "favours": "favours", "parked": "parked items",
          "followups": "follow-ups", "goals": "goals", "progress": "progress notes",
          "mentors": "goal mentors", "emails": "emails", "job_changes": "job changes"}


def _timestamps(store: Reads, table: str, column: str = "created_at"
                ) -> dict[int, str | None]:
    """Stored timestamps as ISO 8601 text (the records leave them out)."""
    return {row_id: iso_moment(stamp)
            for row_id, stamp in store.stamps(table, column).items()}


# Planning ---------------------------------------------------------------------------------

@dataclass
class SnapshotSteps:
    """The work of a JSON import, decided before the write transaction starts."""

    snapshot: Snapshot
    restore: bool  # into an empty database: keep every id and adopt the identity
    adopt_identity: str | None = None
    person_map: dict[int, int | None] = field(default_factory=dict)  # None: to be added
    person_fill: dict[int, dict[str, Any]] = field(default_factory=dict)  # stored id: values
    insert: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # rows to add
    fill: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    goal_map: dict[int, int | None] = field(default_factory=dict)
    mentors: list[tuple[int, int]] = field(default_factory=list)  # (doc goal, doc person)
    progress: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (doc goal, row)
    owner_fill: dict[str, Any] = field(default_factory=dict)  # your profile's empty fields
    emails: list[tuple[int, str]] = field(default_factory=list)  # (doc person, other address)
    jobs: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (doc person, row)


def plan_snapshot(store: Reads, snapshot: Snapshot, *, source: str) -> ImportPlan:
    """A restore when the panel is empty; otherwise a merge that duplicates nobody.

    People are matched by id when the file comes from this very database (and the person's
    creation time agrees, so a reused id is not mistaken), else by email, else by exact name.
    A matched person keeps their stored values; empty fields are filled from the file.
    History rows already present (same content) are not added twice, so importing the same
    file again changes nothing.
    """
    plan = ImportPlan(source=source, format="json")
    identity = store.identity()
    if store.is_empty():  # an import is then a restore
        steps = SnapshotSteps(snapshot=snapshot, restore=True)
        if snapshot.database and snapshot.database != identity:
            steps.adopt_identity = snapshot.database
            plan.new_identity = True
        plan.restore = True
        for row in snapshot.people:
            plan.people.append(PersonPlan(key=row["id"], name=row["name"], where="",
                                          action="add"))
            steps.person_map[row["id"]] = None
        for section in SECTIONS[1:]:
            steps.insert[section] = list(snapshot.__dict__[section])
        for goal in snapshot.goals:
            steps.goal_map[goal["id"]] = None
            steps.mentors += [(goal["id"], pid) for pid in goal["mentors"]]
            steps.progress += [(goal["id"], note) for note in goal["progress"]]
        steps.emails = [(row["person_id"], row["email"]) for row in snapshot.emails or ()]
        steps.jobs = [(row["person_id"], row) for row in snapshot.job_changes or ()]
        plan.steps = steps
        _count(plan, steps)
        _plan_owner(store, plan, steps)
        return plan
    plan.steps = steps = SnapshotSteps(snapshot=snapshot, restore=False)
    _plan_people(store, plan, steps, same_database=snapshot.database == identity)
    _plan_history(store, steps)
    _plan_emails(store, steps)
    _plan_jobs(store, steps)
    _count(plan, steps)
    _plan_owner(store, plan, steps)
    return plan


def _plan_owner(store: Reads, plan: ImportPlan, steps: SnapshotSteps) -> None:
    """Your profile from the file fills the fields yours leaves empty (all of them, for a
    restore); a field you have set is kept."""
    incoming = steps.snapshot.owner
    if not incoming:
        return
    mine = store.owner()
    current = mine.as_json() if mine is not None else {}
    fill = {key: value for key, value in incoming.items()
            if value not in (None, "", []) and current.get(key) in (None, "", [])}
    if fill:
        steps.owner_fill = fill
        plan.updated["profile fields"] = len(fill)


def _plan_people(store: Reads, plan: ImportPlan, steps: SnapshotSteps, *,
                 same_database: bool) -> None:
    stored = {person.id: person for person in store.people()}
    made = _timestamps(store, "person")
    index = PeopleIndex(stored.values(), store.emails())
    found: dict[int, tuple[int | None, str | None, int]] = {}
    taken: set[int] = set()
    others: dict[int, list[str]] = {}  # each person's other addresses in the file
    for email in steps.snapshot.emails or ():
        others.setdefault(email["person_id"], []).append(email["email"])
    # Ids and emails first, names second: a name never takes a person that an id or an
    # email in the same file points at, and several people of one name pair up in order,
    # so that importing the same file again matches each one to the same stored person.
    for by_name in (False, True):
        for row in steps.snapshot.people:
            if row["id"] in found and found[row["id"]][0] is not None:
                continue
            stamp = (row["created_at"].astimezone(UTC).isoformat() if row["created_at"]
                     else None)
            trusted = (row["id"] if same_database and row["id"] in stored
                       and made.get(row["id"]) == stamp else None)
            match = index.match(person_id=trusted, emails=[row["email"] or "",
                                                           *others.get(row["id"], ())],
                                link=None,
                                name=row["name"], by_name=by_name, taken=taken)
            found[row["id"]] = match
            if match[0] is not None:
                taken.add(match[0])
    for row in steps.snapshot.people:
        doc_id = row["id"]
        key, how, sharing = found[doc_id]
        if key is None:
            steps.person_map[doc_id] = None
            note = (f"{sharing} {'person' if sharing == 1 else 'people'} of this name already "
                    "matched others in the file" if sharing else None)
            plan.people.append(PersonPlan(key=doc_id, name=row["name"],
                                          where=f"#{doc_id} in the file", action="add",
                                          note=note))
            continue
        steps.person_map[doc_id] = key
        current = {**person_fields(stored[key]), **steps.person_fill.get(key, {})}
        fill = {name: row[name] for name in current
                if name != "name" and is_empty_value(current[name])
                and not is_empty_value(row[name])}
        if fill:
            steps.person_fill.setdefault(key, {}).update(fill)
        plan.people.append(PersonPlan(key=key, name=stored[key].name,
                                      where=f"#{doc_id} in the file",
                                      action="update" if fill else "unchanged",
                                      matched_by=how, changes=fill, incoming=row["name"]))


def _plan_history(store: Reads, steps: SnapshotSteps) -> None:
    """Rows to add (not already there, by content) and empty fields to fill."""
    snap, pmap = steps.snapshot, steps.person_map

    def who(doc_pid: int | None) -> Any:
        if doc_pid is None:
            return None
        return pmap[doc_pid] if pmap.get(doc_pid) is not None else ("new", doc_pid)

    have_tb = Counter((tb.person_id, tb.happened_on, tb.channel, tb.initiator, tb.answered,
                       tb.notes, tuple(tb.topics), tb.feedback)
                      for tb in store.touchbases())
    steps.insert["touchbases"] = [row for row in snap.touchbases if not _take(have_tb, (
        who(row["person_id"]), row["happened_on"], row["channel"], row["initiator"],
        row["answered"], row["notes"], tuple(row["topics"]), row["feedback"]))]
    have_fav = Counter((fav.person_id, fav.direction, fav.happened_on, fav.kind,
                        fav.description) for fav in store.favours())
    steps.insert["favours"] = [row for row in snap.favours if not _take(have_fav, (
        who(row["person_id"]), row["direction"], row["happened_on"], row["kind"],
        row["description"]))]
    parked = _by_key(((item.person_id, item.kind, item.text, item.parked_on), item)
                     for item in sorted(store.parked_items(), key=lambda item: item.id))
    steps.insert["parked"], steps.fill["parked"] = [], []
    for row in snap.parked:
        item = _pop(parked, (who(row["person_id"]), row["kind"], row["text"], row["parked_on"]))
        if item is None:
            steps.insert["parked"].append(row)
        elif item.discussed_on is None and row["discussed_on"] is not None:
            with_ = row["discussed_with"]
            steps.fill["parked"].append((item.id, {"discussed_on": row["discussed_on"],
                                                   "discussed_with": with_}))
    followups = _by_key(((fu.person_id, fu.text, fu.created_on), fu)
                        for fu in sorted(store.followups(), key=lambda fu: fu.id))
    steps.insert["followups"], steps.fill["followups"] = [], []
    for row in snap.followups:
        fu = _pop(followups, (who(row["person_id"]), row["text"], row["created_on"]))
        if fu is None:
            steps.insert["followups"].append(row)
            continue
        fill = {name: row[name] for name in ("due", "done_on")
                if getattr(fu, name) is None and row[name] is not None}
        if fill:
            steps.fill["followups"].append((fu.id, fill))
    # Stored rows are matched in id order, the order of the file: a second import of the
    # panel's own export pairs each row with itself.
    goals = _by_key(((goal.text, goal.created_on), goal)
                    for goal in sorted(store.goals(), key=lambda goal: goal.id))
    steps.insert["goals"], steps.fill["goals"] = [], []
    for row in snap.goals:
        goal = _pop(goals, (row["text"], row["created_on"]))
        if goal is None:
            steps.goal_map[row["id"]] = None
            steps.insert["goals"].append(row)
            steps.mentors += [(row["id"], pid) for pid in row["mentors"]]
            steps.progress += [(row["id"], note) for note in row["progress"]]
            continue
        steps.goal_map[row["id"]] = goal.id
        fill = {}
        if goal.target is None and row["target"] is not None:
            fill["target"] = row["target"]
        if not goal.focus and row["focus"]:
            fill["focus"] = row["focus"]
        if fill:
            steps.fill["goals"].append((goal.id, fill))
        mentors = set(goal.mentor_ids)
        steps.mentors += [(row["id"], pid) for pid in row["mentors"] if who(pid) not in mentors]
        have_notes = Counter((note.noted_on, note.note) for note in goal.progress)
        steps.progress += [(row["id"], note) for note in row["progress"]
                           if not _take(have_notes, (note["noted_on"], note["note"]))]


def _plan_emails(store: Reads, steps: SnapshotSteps) -> None:
    """The file's addresses that its people, as matched, do not have yet: a matched
    person keeps their main address and gains the file's others (its main one too)."""
    have = store.emails()
    known: dict[int, set[str]] = {}
    for row in steps.snapshot.people:
        stored = steps.person_map.get(row["id"])
        known[row["id"]] = {a.strip().casefold() for a in have.get(stored, ())} if stored \
            else {str(row["email"] or "").strip().casefold()}  # a new person's main one
    pairs = [(row["id"], row["email"]) for row in steps.snapshot.people if row["email"]]
    pairs += [(row["person_id"], row["email"]) for row in steps.snapshot.emails or ()]
    for doc_pid, email in pairs:
        taken = known.setdefault(doc_pid, set())
        if email.strip() and email.strip().casefold() not in taken:
            taken.add(email.strip().casefold())
            steps.emails.append((doc_pid, email))


def _plan_jobs(store: Reads, steps: SnapshotSteps) -> None:
    """The file's job changes that its people, as matched, do not have yet."""
    matched = [pid for pid in steps.person_map.values() if pid is not None]
    have = Counter((jc.person_id, jc.noticed_on, jc.old_role, jc.old_org, jc.new_role,
                    jc.new_org) for jc in store.job_changes(matched)) if matched else Counter()
    for row in steps.snapshot.job_changes or ():
        stored = steps.person_map.get(row["person_id"])
        key = (stored, row["noticed_on"], row["old_role"], row["old_org"], row["new_role"],
               row["new_org"])
        if stored is None or not _take(have, key):
            steps.jobs.append((row["person_id"], row))


JOB_FIELDS = ("noticed_on", "old_role", "old_org", "new_role", "new_org", "source")


def _by_key(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = {}
    for key, item in pairs:
        found.setdefault(key, []).append(item)
    return found


def _pop(index: dict[Any, list[Any]], key: Any) -> Any:
    """The first stored row with this content not matched yet, or None."""
    items = index.get(key)
    return items.pop(0) if items else None


def _take(counter: Counter[Any], key: Any) -> bool:
    """True (and one fewer left) when `key` is already there."""
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _count(plan: ImportPlan, steps: SnapshotSteps) -> None:
    for section in SECTIONS[1:]:
        plan.added[LABELS[section]] = len(steps.insert.get(section, []))
    plan.added[LABELS["progress"]] = len(steps.progress)
    plan.added[LABELS["mentors"]] = len(steps.mentors)
    if steps.emails:
        plan.added[LABELS["emails"]] = len(steps.emails)
    if steps.jobs:
        plan.added[LABELS["job_changes"]] = len(steps.jobs)
    for section, fills in steps.fill.items():
        plan.updated[LABELS[section]] = len(fills)
    if steps.adopt_identity:
        plan.notes.append("the panel takes on the exported database's identity, so later "
                          "exports of it match this one by id")
