"""What a sync proposes: the shared shape of a plan, and the rules both sources follow.

domain/sync_mail.py and domain/sync_calendar.py turn messages and events into a
`SyncPlan`; the store records it as one change (store/sync.py). Pure functions: no
clock, no files, no database.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

DEFAULT_WINDOW_DAYS = 90  # how far back a first sync of a source looks
DEFAULT_MAX_PEOPLE = 8  # bigger messages and events are not one-to-one contact
REPLY_WINDOW_DAYS = 14  # an outreach unanswered for longer stays without a reply
SUGGESTIONS = 10  # unknown addresses listed by --suggest
_NO_REPLY = ("noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
             "mailer-daemon", "postmaster", "bounce", "bounces", "notifications",
             "notification")


class SyncState(NamedTuple):
    """What the store already holds that a sync must respect (store/sync.py reads it)."""

    seen: dict[tuple[str, int], int | None]  # (item, person id) read before -> touch-base
    hand_logged: dict[tuple[int, date], int]  # (person, day) -> a touch-base not synced
    open_outreaches: dict[int, list[tuple[int, date]]]  # person -> (touch-base, day) unanswered
    last_sync: date | None  # when this source was last synced


class Proposed(NamedTuple):
    """A touch-base to record, and the items (messages, an event) it comes from."""

    person_id: int
    day: date
    channel: str
    initiator: str  # "me" or "them"
    answered: bool
    items: tuple[str, ...]
    note: str | None = None  # the subject, only with --with-subjects


class Joined(NamedTuple):
    """Items that belong to a touch-base already recorded (logged by hand, or by a sync
    of the same thread that day): read, but nothing new is recorded."""

    person_id: int
    touchbase_id: int
    day: date
    items: tuple[str, ...]


@dataclass
class SyncPlan:
    """Everything a sync would record, for --dry-run to show and the store to write."""

    source: str  # "mail" or "calendar"
    since: date
    touchbases: list[Proposed] = field(default_factory=list)
    joined: list[Joined] = field(default_factory=list)
    answered: dict[int, tuple[int, date]] = field(default_factory=dict)  # outreach -> (person, day)
    sessions: dict[int, date] = field(default_factory=dict)  # person -> next session
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> how many
    unknown: Counter[str] = field(default_factory=Counter)  # address -> how many times
    read: int = 0  # messages or events read
    contacts: int = 0  # items with people who are contacts, not on the panel

    @property
    def changes_anything(self) -> bool:
        return bool(self.touchbases or self.joined or self.answered or self.sessions)

    def suggestions(self, limit: int = SUGGESTIONS) -> list[tuple[str, int]]:
        """The unknown addresses seen most often, most frequent first (then by address)."""
        return sorted(self.unknown.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def default_since(last_sync: date | None, *, today: date) -> date:
    """Where a sync starts when --since is not given: the day of the last sync of that
    source, or 90 days ago."""
    return last_sync if last_sync is not None else today - timedelta(days=DEFAULT_WINDOW_DAYS)


def sooner_session(found: date, recorded: date | None, *, today: date) -> bool:
    """Whether an upcoming event becomes the next session: none is recorded, or it is
    sooner than the one recorded (a recorded day that passed is left for `due` to ask
    about)."""
    return found >= today and (recorded is None or found < recorded)


def is_no_reply(address: str) -> bool:
    """An address nobody reads: noreply@, notifications@, mailer-daemon@..."""
    local = address.rsplit("@", 1)[0].casefold()
    parts = local.replace(".", "-").replace("+", "-").split("-")
    return local in _NO_REPLY or any(p in ("noreply", "donotreply") for p in parts) or any(
        local.startswith(word) for word in ("no-reply", "noreply", "do-not-reply",
                                            "donotreply", "mailer-daemon"))


class People(NamedTuple):
    """Who is who, by address: the panel's addresses and your own."""

    owners: dict[str, list[int]]  # address (lower case) -> everyone holding it
    panel: frozenset[int]  # ids of people on the panel (contacts are not)
    mine: frozenset[str]  # your own addresses (lower case)
    sessions: dict[int, date | None]  # each panel person's recorded next session

    def who(self, address: str, plan: SyncPlan) -> int | None:
        """The panel person an address is; counts it as unknown (or a contact's) if none."""
        holders = self.owners.get(address)
        if not holders:
            if not is_no_reply(address):
                plan.unknown[address] += 1
            return None
        on_panel = [pid for pid in holders if pid in self.panel]
        if not on_panel:
            plan.contacts += 1
            return None
        if len(on_panel) > 1:
            plan.skipped["an address shared by several people"] += 1
            return None
        return on_panel[0]


def existing_touchbase(state: SyncState, person_id: int, day: date,
                       items: tuple[str, ...]) -> int | None:
    """The touch-base these items belong to already: one a sync made of them, or one
    logged by hand with this person that day."""
    for item in items:
        found = state.seen.get((item, person_id))
        if found is not None:
            return found
    return state.hand_logged.get((person_id, day))
