"""The write path: plain SQL in one write transaction per described change.

Every write is recorded in the change journal (see migrations.py) under that change, so
`mentornet undo` can reverse it, whichever process made it. The values are stored exactly
as SQLModel would store them (rows.py; tests/test_writes_match_orm.py runs every write
both ways), without importing it: SQLAlchemy and pydantic cost more than the whole of a
write. An import's thousands of rows go through the bulk forms (`insert_many`,
`fill_many`, `edit_people`), which store each row as the single writes do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mentornet.dates import stored_day
from mentornet.domain.names import clean_name, fold
from mentornet.errors import BadInput, NotFound
from mentornet.store import queries
from mentornet.store.addresses import AddressWrites
from mentornet.store.corrections import Corrections
from mentornet.store.goals import GoalWrites
from mentornet.store.merging import Merging
from mentornet.store.reads import Reads
from mentornet.store.rows import base_row, full_row, insert_statement, named, stored
from mentornet.store.schema import TABLES

if TYPE_CHECKING:
    from mentornet.domain.records import ParkedItem
    from mentornet.domain.sync import SyncPlan

KEEP_CHANGES = 200  # how many changes `undo` can walk back through
_IDS_PER_QUERY = 500  # ids in one `WHERE id IN (...)`, well under SQLite's bound


class Change(AddressWrites, GoalWrites, Corrections, Merging, Reads):
    """One described change, open: the write functions below are its methods (with the
    addresses of store/addresses.py, the goals of store/goals.py, the corrections of
    store/corrections.py and the merge of store/merging.py), and it reads what the
    transaction sees so far."""

    def __init__(self, conn: sqlite3.Connection, *, now: datetime, change_id: int) -> None:
        self._conn = conn
        self.now = now
        self.change_id = change_id
        self.given_ids: set[str] = set()  # tables a row was added to with its own id

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        """Add one row; the columns not given take their defaults. Returns its id."""
        names, row = full_row(table, values)
        if "id" in values:
            self.given_ids.add(table)
        statement = insert_statement(table, names)
        if "id" in TABLES[table]:
            found = self._conn.execute(statement + " RETURNING id", row).fetchone()
            return int(found[0]) if found else 0
        self._conn.execute(statement, row)
        return 0

    def insert_many(self, table: str, rows: Iterable[Mapping[str, Any]], *,
                    shared: Mapping[str, Any] | None = None) -> int:
        """Add many rows at once, each as `insert` adds it (with the `shared` values, the
        same for every row, such as the moment), in one statement run over them all: an
        import's thousands of people. Returns how many were added."""
        base = base_row(table, shared or {})
        count = 0
        batch: list[list[Any]] = []
        batch_names: tuple[str, ...] = ()
        for values in rows:
            names, row = full_row(table, values, base=base)
            if "id" in names:
                self.given_ids.add(table)
            if names != batch_names and batch:
                self._conn.executemany(insert_statement(table, batch_names), batch)
                batch = []
            batch_names = names
            batch.append(row)
            count += 1
        if batch:
            self._conn.executemany(insert_statement(table, batch_names), batch)
        return count

    def fill(self, table: str, row_id: int, values: Mapping[str, Any], *,
             what: str | None = None) -> None:
        """Set some columns of one row by id; only the values that differ are written.

        NotFound names `what` (e.g. "todo") when there is no such row.
        """
        values = named(table, values)
        columns = TABLES[table]
        unknown = set(values) - set(columns) | ({"id"} & set(values))
        if unknown:
            raise ValueError(f"{table} has no column {sorted(unknown)[0]!r} to set")
        names = list(values)
        current = self._conn.execute(
            f"SELECT {', '.join(names) or 'id'} FROM {table} WHERE id = ?",
            (row_id,)).fetchone()
        if current is None:
            raise NotFound(f"there is no {what or table} #{row_id}: "
                           f"see `mentornet {what or table} list`")
        changed = {name: stored(values[name]) for name, old in zip(names, current, strict=True)
                   if stored(values[name]) != old}
        if changed:
            assignments = ", ".join(f"{name} = ?" for name in changed)
            self._conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?",
                               [*changed.values(), row_id])

    def fill_many(self, table: str, values_by_id: Mapping[int, Mapping[str, Any]], *,
                  what: str | None = None) -> None:
        """`fill` for many rows at once: the stored values read in a few queries, and the
        updates of the same columns run as one statement. Nothing is written when one of
        the ids has no row (NotFound names the first)."""
        wanted = {row_id: named(table, values) for row_id, values in values_by_id.items()}
        names, current = self._stored_rows(table, wanted)
        missing = next((row_id for row_id in wanted if row_id not in current), None)
        if missing is not None:
            raise NotFound(f"there is no {what or table} #{missing}: "
                           f"see `mentornet {what or table} list`")
        self._write_differences(table, wanted, names, current)

    def _stored_rows(self, table: str, wanted: Mapping[int, Mapping[str, Any]]
                     ) -> tuple[list[str], dict[int, tuple[Any, ...]]]:
        """The columns the values set, and each existing row's stored values of them."""
        columns = TABLES[table]
        names = list(dict.fromkeys(name for values in wanted.values() for name in values))
        unknown = set(names) - set(columns) | ({"id"} & set(names))
        if unknown:
            raise ValueError(f"{table} has no column {sorted(unknown)[0]!r} to set")
        current: dict[int, tuple[Any, ...]] = {}
        ids = list(wanted)
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start:start + _IDS_PER_QUERY]
            for row_id, *old in self._conn.execute(
                    f"SELECT id, {', '.join(names) or 'id'} FROM {table} WHERE id IN "
                    f"({', '.join('?' * len(chunk))})", chunk):
                current[row_id] = tuple(old)
        return names, current

    def _write_differences(self, table: str, wanted: Mapping[int, Mapping[str, Any]],
                           names: list[str], current: Mapping[int, tuple[Any, ...]]) -> None:
        position = {name: at for at, name in enumerate(names)}
        updates: dict[tuple[str, ...], list[list[Any]]] = {}
        for row_id, values in wanted.items():
            old = current[row_id]
            changed = {}
            for name, value in values.items():
                value = stored(value)
                if value != old[position[name]]:
                    changed[name] = value
            if changed:
                updates.setdefault(tuple(changed), []).append([*changed.values(), row_id])
        for changed_names, batch in updates.items():
            assignments = ", ".join(f"{name} = ?" for name in changed_names)
            self._conn.executemany(f"UPDATE {table} SET {assignments} WHERE id = ?", batch)

    def value(self, table: str, row_id: int, column: str, *, what: str) -> Any:
        """One stored value of a row by id; NotFound naming `what` when there is no row."""
        if column not in TABLES[table]:
            raise ValueError(f"{table} has no column {column!r}")
        row = self._conn.execute(f"SELECT {column} FROM {table} WHERE id = ?",
                                 (row_id,)).fetchone()
        if row is None:
            raise NotFound(f"there is no {what} #{row_id}: see `mentornet {what} list`")
        return row[0]

    # People -------------------------------------------------------------------------

    def add_person(self, *, name: str, kind: str, role: str | None, org: str | None,
                   via: str | None, met_on: date | None, focus: Sequence[str],
                   cadence_days: int | None, email: str | None, link: str | None,
                   note: str | None, force: bool, first_meeting: bool,
                   last_contact: date | None = None, phone: str | None = None,
                   sphere: str | None = None) -> int:
        """Add a person; with `first_meeting`, the meeting on `met_on` as a touch-base.

        `last_contact`: a relationship you already have; the last two-way contact is
        recorded as a touch-base of channel "other" on that day (unless it is the first
        meeting's). Returns the person's id.
        """
        clean = clean_name(name)
        if not clean:
            raise BadInput("the name is empty: give the person's name, e.g. \"Dana Lee\"")
        if not force:
            key = fold(clean)  # "Zoe Muller" is Zoë Müller, in either Unicode form
            same = [pid for pid, other in queries.names(self._conn) if fold(other) == key]
            if same:
                raise BadInput(f"{clean!r} is already on your panel (#{same[0]}): use "
                               "--force to add a second person with the same name")
        person_id = self.insert("person", {
            "name": clean, "kind": kind, "role": role, "org": org, "via": via,
            "met_on": met_on, "focus": list(focus), "cadence_days": cadence_days,
            "email": email, "link": link, "notes": note, "phone": phone, "sphere": sphere,
            "created_at": self.now, "updated_at": self.now})
        if first_meeting and met_on is not None:
            self.insert("touchbase", {
                "person_id": person_id, "happened_on": met_on, "channel": "meeting",
                "initiator": "me", "answered": True, "notes": "First meeting", "topics": [],
                "created_at": self.now})
        if last_contact is not None and not (first_meeting and last_contact == met_on):
            self.insert("touchbase", {
                "person_id": person_id, "happened_on": last_contact, "channel": "other",
                "initiator": "me", "answered": True,
                "notes": "Last contact before mentornet", "topics": [],
                "created_at": self.now})
        return person_id

    def set_owner(self, **changes: Any) -> None:
        """Set fields of your own profile (name, org, role, emails, sign_off); the row is
        made on the first change."""
        row = self._conn.execute("SELECT id FROM owner ORDER BY id LIMIT 1").fetchone()
        values = {key: list(value) if key == "emails" else value
                  for key, value in changes.items()}
        if row is None:
            self.insert("owner", {**values, "updated_at": self.now})
        else:
            self.fill("owner", row[0], {**values, "updated_at": self.now})

    def record_sync(self, plan: SyncPlan, *, today: date) -> None:
        """Record what a sync found (store/sync.py)."""
        from mentornet.store.sync import record_sync

        record_sync(self, self._conn, plan, today=today, now=self.now)

    def edit_person(self, person_id: int, **changes: Any) -> None:
        """Change a person's fields; only the keys given are changed. History is kept."""
        if "name" in changes:
            changes["name"] = clean_name(str(changes["name"]))
            if not changes["name"]:
                raise BadInput("the new name is empty: give the person's name")
        self.fill("person", person_id, {**changes, "updated_at": self.now}, what="person")

    def edit_people(self, changes_by_id: Mapping[int, Mapping[str, Any]]) -> None:
        """`edit_person` for many people at once (an import's updates), in bulk: the
        same checks, person by person, before anything is written."""
        edits = {person_id: {**changes, "updated_at": self.now}
                 for person_id, changes in changes_by_id.items()}
        names, current = self._stored_rows("person", edits)
        for person_id, edit in edits.items():
            if person_id not in current:
                raise NotFound(f"there is no person #{person_id}: "
                               "see `mentornet person list`")
            if "name" in edit:
                edit["name"] = clean_name(str(edit["name"]))
                if not edit["name"]:
                    raise BadInput("the new name is empty: give the person's name")
        self._write_differences("person", edits, names, current)

    # History ------------------------------------------------------------------------

    def log_touchbase(self, *, person_id: int, on: date, channel: str, initiator: str,
                      answered: bool, notes: str | None, topics: Sequence[str],
                      feedback: str | None, discussed: Sequence[str],
                      next_session: date | None) -> tuple[int, list[int]]:
        """Record a touch-base; close the parked items discussed; set the next session.
        Returns the touch-base's id and the ids of the parked items closed."""
        touchbase_id = self.insert("touchbase", {
            "person_id": person_id, "happened_on": on, "channel": channel,
            "initiator": initiator, "answered": answered, "notes": notes,
            "topics": list(topics), "feedback": feedback, "created_at": self.now})
        closed = self.close_parked(person_id=person_id, which=discussed, on=on)
        from mentornet.domain.relationship import session_held

        stored_session = self.value("person", person_id, "next_session", what="person")
        session = stored_day(stored_session)
        if next_session is not None:
            session = next_session
        elif session_held(session, on=on, answered=answered):
            session = None  # the session scheduled for then has happened
        self.fill("person", person_id, {"next_session": session, "updated_at": self.now},
                  what="person")
        return touchbase_id, closed

    def link_touchbases(self, touchbase_ids: Sequence[int]) -> None:
        """Make these touch-bases (one for each person there) one conversation."""
        for touchbase_id in touchbase_ids:
            self.fill("touchbase", touchbase_id, {"group_id": touchbase_ids[0]},
                      what="touch-base")

    def close_parked(self, *, person_id: int, which: Sequence[str], on: date) -> list[int]:
        """Mark parked items discussed: ids, or `all` for everything open with this person."""
        if not which:
            return []
        formal = queries.person(self._conn, person_id).kind == "formal"
        open_items = {item.id: item for item in queries.parked_items(  # general: formal only
            self._conn, [person_id], general=formal, open_only=True)}
        wanted: set[int] = set()
        for token in which:
            text = token.strip().lstrip("#").lower()
            if text == "all":
                wanted.update(open_items)
            elif text.isdigit() and int(text) in open_items:
                wanted.add(int(text))
            else:
                raise NotFound(f"no open parked item {token!r} for this person: "
                               "see `mentornet show NAME` for the ids")
        for item_id in sorted(wanted):
            if open_items[item_id].person_id is None:
                self._keep_open_for_the_other_formal_mentors(open_items[item_id], person_id)
            self.fill("parked_item", item_id,
                      {"discussed_on": on, "discussed_with": person_id}, what="parked item")
        return sorted(wanted)

    def _keep_open_for_the_other_formal_mentors(self, item: ParkedItem, person_id: int) -> None:
        """An item parked for every formal mentor, discussed with one of them, stays open
        for each of the others: a copy parked for each, on the same day."""
        others = [pid for (pid,) in self._conn.execute(
            "SELECT id FROM person WHERE kind = 'formal' AND status != 'archived' AND id != ? "
            "ORDER BY id", (person_id,))]
        for other in others:
            self.insert("parked_item", {
                "person_id": other, "kind": item.kind, "text": item.text,
                "parked_on": item.parked_on, "created_at": self.now})

    def note_job_change(self, person_id: int, change: tuple[str | None, ...], *, on: date,
                        source: str) -> int:
        """Record that an import found a new role or organisation for a person: `change`
        is (old role, old org, new role, new org), as domain.news.noticed gives it."""
        old_role, old_org, new_role, new_org = change
        return self.insert("job_change", {
            "person_id": person_id, "noticed_on": on, "old_role": old_role,
            "old_org": old_org, "new_role": new_role, "new_org": new_org, "source": source,
            "created_at": self.now})

    def add_favour(self, *, person_id: int, direction: str, on: date, kind: str,
                   description: str) -> int:
        if not description.strip():
            raise BadInput("say what the favour was, e.g. \"intro to the ML platform team\"")
        return self.insert("favour", {
            "person_id": person_id, "direction": direction, "happened_on": on, "kind": kind,
            "description": description, "created_at": self.now})

    def park(self, *, person_id: int | None, kind: str, text: str, on: date) -> int:
        if not text.strip():
            raise BadInput("there is nothing to park: give the question, idea, win or "
                           "challenge")
        return self.insert("parked_item", {
            "person_id": person_id, "kind": kind, "text": text, "parked_on": on,
            "created_at": self.now})

    # Follow-ups (goals: store/goals.py) -------------------------------------------

    def add_followup(self, *, person_id: int, text: str, due: date | None,
                     today: date) -> int:
        if not text.strip():
            raise BadInput("the follow-up is empty: say what you promised")
        return self.insert("followup", {
            "person_id": person_id, "text": text, "due": due, "created_on": today,
            "created_at": self.now})

    def finish_followup(self, followup_id: int, *, today: date) -> None:
        done_on = self.value("followup", followup_id, "done_on", what="todo")
        if done_on is not None:
            raise BadInput(f"follow-up #{followup_id} is already done ({done_on})")
        self.fill("followup", followup_id, {"done_on": today}, what="todo")


def begin(conn: sqlite3.Connection, *, description: str, now: datetime) -> Change:
    """Take the write lock and record the change the writes that follow belong to."""
    from mentornet.store.engines import take_write_lock
    from mentornet.store.sqlite.journal import start_change

    take_write_lock(conn)
    return Change(conn, now=now, change_id=start_change(conn, description=description,
                                                        made_at=stored(now)))


def trim_journal(conn: sqlite3.Connection) -> None:
    """Forget all but the newest KEEP_CHANGES changes."""
    from mentornet.store.sqlite.journal import trim

    trim(conn, KEEP_CHANGES)
