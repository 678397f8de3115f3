"""The reads of the store, as methods: the same for an open store and inside a change."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentornet.store import queries, stored_rows

if TYPE_CHECKING:
    from mentornet.domain.news import JobChange
    from mentornet.domain.owner import Owner
    from mentornet.domain.profile import Profile
    from mentornet.domain.records import (
        Favour,
        FollowUp,
        Goal,
        ParkedItem,
        Person,
        TouchBase,
    )
    from mentornet.domain.rules import Rules
    from mentornet.domain.search import Document, Record
    from mentornet.domain.sync import People as SyncPeople
    from mentornet.domain.sync import SyncState
    from mentornet.domain.urgency import Facts
    from mentornet.store.merging import Merge
    from mentornet.store.sqlite.ahead import ReadAhead
    from mentornet.store.unreadable import Unreadable


class Reads:
    """Typed reads returning the domain records (see domain/records.py)."""

    _conn: sqlite3.Connection
    _shareable = False  # inside the snapshot of a store opened for reading (shared_file)
    _reads_ahead: list[ReadAhead] | None = None  # a mapped read's: may read in a thread

    def people(self, *, kind: str | None = None, status: str | None = None,
               ids: Iterable[int] | None = None, archived: bool = True) -> list[Person]:
        """The panel ordered by name; optionally only one kind, one status, these ids;
        `archived=False` leaves the archived out."""
        return queries.people(self._conn, kind=kind, status=status, ids=ids,
                              archived=archived)

    def identities(self) -> list[Person]:
        """Everyone by id with only their name, email and phone (the duplicate check)."""
        return queries.identities(self._conn)

    def person(self, person_id: int) -> Person:
        """One person by id; LookupError when there is none."""
        return queries.person(self._conn, person_id)

    def names(self) -> list[tuple[int, str]]:
        return queries.names(self._conn)

    def anyone(self) -> bool:
        """Whether the panel has anyone on it."""
        return queries.anyone(self._conn)

    def resolve(self, name: str) -> Person:
        """The person a NAME argument means, or a clear error."""
        return queries.resolve(self._conn, name)

    def emails(self, person_ids: Iterable[int] | None = None) -> dict[int, tuple[str, ...]]:
        """Every address of each person, the main one first; people with none left out."""
        from mentornet.store.addresses import emails

        return emails(self._conn, person_ids)

    def sync_people(self, mine: frozenset[str]) -> SyncPeople:
        """Who is who by address, for `sync` (store/sync.py)."""
        from mentornet.store.sync import sync_people

        return sync_people(self._conn, mine)

    def sync_state(self, source: str) -> SyncState:
        """What a sync of `source` ("mail", "calendar") already read (store/sync.py)."""
        from mentornet.store.sync import sync_state

        return sync_state(self._conn, source)

    def last_syncs(self) -> dict[str, tuple[date | None, str]]:
        """Each source's last sync: its day, and the moment as stored."""
        from mentornet.store.sync import last_syncs

        return last_syncs(self._conn)

    def last_contacts(self, person_ids: Iterable[int] | None = None) -> dict[int, date]:
        return queries.last_contacts(self._conn, person_ids)

    def added_on(self, person_ids: Iterable[int] | None = None) -> dict[int, date]:
        """The day each person was added to mentornet."""
        return queries.added_on(self._conn, person_ids)

    def owner(self) -> Owner | None:
        """Your own profile (`mentornet me`), or None when it was never set."""
        return queries.owner(self._conn)

    def touchbases(self, person_ids: Iterable[int] | None = None, *,
                   texts: bool = True) -> list[TouchBase]:
        """Newest first; `texts=False` leaves notes, topics and feedback unread."""
        return queries.touchbases(self._conn, person_ids, texts=texts)

    def touchbase_days(self) -> list[TouchBase]:
        """Every touch-base by person, oldest first, with only its day, who started it and
        whether it was answered: what `review` reads of them."""
        return queries.touchbase_days(self._conn)

    def groups(self, group_ids: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
        """The touch-bases of each conversation with several people: (id, person id)."""
        return queries.groups(self._conn, group_ids)

    def topics_since(self, since: date) -> list[tuple[int, date, tuple[str, ...]]]:
        """(person id, day, topics) of the two-way touch-bases after `since` that have
        topics, oldest first."""
        return queries.topics_since(self._conn, since)

    def favours(self, person_ids: Iterable[int] | None = None, *,
                texts: bool = True) -> list[Favour]:
        """Newest first; `texts=False` leaves their descriptions unread ("")."""
        return queries.favours(self._conn, person_ids, texts=texts)

    def job_changes(self, person_ids: Iterable[int] | None = None) -> list[JobChange]:
        """Changes of role or organisation imports noticed, newest first (domain/news.py)."""
        return queries.job_changes(self._conn, person_ids)

    def parked_items(self, person_ids: Iterable[int] | None = None, *, general: bool = False,
                     open_only: bool = False) -> list[ParkedItem]:
        return queries.parked_items(self._conn, person_ids, general=general,
                                    open_only=open_only)

    def followups(self, person_ids: Iterable[int] | None = None, *,
                  open_only: bool = False) -> list[FollowUp]:
        return queries.followups(self._conn, person_ids, open_only=open_only)

    def goals(self, *, status: str | None = None, mentor_id: int | None = None) -> list[Goal]:
        return queries.goals(self._conn, status=status, mentor_id=mentor_id)

    def panel_facts(self, *, today: date, include_set_aside: bool = True) -> list[Facts]:
        """What `due` scores, for every person (see store/sqlite/panel.py)."""
        from mentornet.store.postgres.adapter import is_server

        if is_server(self._conn):
            from mentornet.store.postgres.panel import panel_facts
        else:
            from mentornet.store.sqlite.panel import panel_facts
        return panel_facts(self._conn, today=today, include_set_aside=include_set_aside)

    def panel_facts_ahead(self, *, today: date,
                          include_set_aside: bool = True) -> Iterator[Facts]:
        """The facts of `panel_facts`, in its order, as they are read: on a large panel in
        a SQLite file opened `mapped`, by a thread, while the caller goes on with those it
        has (store/sqlite/ahead.py). Closing the store stops that thread."""
        if self._reads_ahead is None:
            return iter(self.panel_facts(today=today, include_set_aside=include_set_aside))
        from mentornet.store.sqlite.panel import panel_facts_ahead

        return panel_facts_ahead(self._conn, today=today, include_set_aside=include_set_aside,
                                 started=self._reads_ahead.append)

    def profile(self, name: str, *, rules: Rules, today: date) -> Profile:
        """Everything `show` needs about the person NAME means, as of `today`."""
        from mentornet.store.profile import load_profile

        return load_profile(self._conn, name, rules=rules, today=today)

    def identity(self) -> str:
        """This database's random identity, carried by every export."""
        return queries.database_identity(self._conn)

    def is_empty(self) -> bool:
        """No people, goals or parked items: nothing at all."""
        return queries.is_empty(self._conn)

    def stamps(self, table: str, column: str = "created_at") -> dict[int, Any]:
        """Each row's stored timestamp as stored (the records leave them out)."""
        return stored_rows.stamps(self._conn, table, column)

    def unreadable(self, person_id: int | None = None) -> list[Unreadable]:
        """The stored values no read can use (not a date in range, not a list of text),
        which the reads leave out; only those about `person_id` when given."""
        from mentornet.store.unreadable import unreadable

        return unreadable(self._conn, person_id)

    def record(self, what: str, row_id: int) -> Any:
        """One "touch-base", "favour", "parked item" or "follow-up" (`what`) by id, as its
        record; NotFound says where the ids are shown."""
        from mentornet.store.corrections import find

        return find(self._conn, what, row_id)

    def merge_plan(self, keep: Person, other: Person) -> Merge:
        """What merging `other` into `keep` would do (`Change.merge_people` does it)."""
        from mentornet.store.merging import plan_merge

        return plan_merge(self._conn, keep, other)

    def search_documents(self, wanted: list[str], *, person_id: int | None = None,
                         since: date | None = None, scan: bool = False) -> list[Document]:
        """The folded texts of the records that may match the folded query words
        `wanted` (domain.search decides which do): from the search index, or of every
        record with `scan` or where the file has no index (store/search.py)."""
        from mentornet.store.search import documents

        return documents(self._conn, wanted, person_id=person_id, since=since, scan=scan)

    def search_records(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Record]:
        """The records of these (table, id) keys, to show as search results."""
        from mentornet.store.search import records

        return records(self._conn, keys)

    def rows(self, table: str, *, columns: Iterable[str] | None = None,
             batch: int = 1000) -> Iterator[tuple[Any, ...]]:
        """Every row of a panel table by id, as stored: the values of `columns` (default
        all), read a batch at a time (for export)."""
        return stored_rows.rows(self._conn, table, columns=columns, batch=batch)

    def shared_file(self) -> Path | None:
        """Inside the `snapshot` of a store opened for reading: the database file a second
        process may open to read this very snapshot, while it lasts
        (store/sqlite/shared.py); None when there is none."""
        from mentornet.store.postgres.adapter import is_server

        if not self._shareable or is_server(self._conn):
            return None
        from mentornet.store.sqlite.shared import shared_file

        return shared_file(self._conn)

    def rows_after(self, table: str, *, columns: Iterable[str], after: int,
                   size: int) -> list[tuple[Any, ...]]:
        """The first `size` rows of a panel table with ids above `after`, by id, as stored
        (`stored_rows.FIRST`: from the first row)."""
        return stored_rows.rows_after(self._conn, table, columns, after=after, size=size)

    def id_after(self, table: str, *, after: int, n: int) -> int | None:
        """The id of the `n`-th row after id `after`; None when fewer follow."""
        return stored_rows.id_after(self._conn, table, after=after, n=n)

    def span(self, table: str) -> tuple[int | None, int | None]:
        """A panel table's lowest and highest ids (None, None when it is empty)."""
        return stored_rows.span(self._conn, table)
