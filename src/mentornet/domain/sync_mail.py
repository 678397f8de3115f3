"""`sync mail`'s rules: which messages are touch-bases, and which outreaches they answer.

- A message you sent to a panel person (To or Cc, at most --max-people recipients) is an
  outreach; a message from them is a two-way touch-base they started.
- One touch-base per person, per thread, per day, whatever the number of messages: it is
  started by whoever wrote first that day, and answered if they wrote too.
- A message from them answers your outreaches to them of the 14 days before, which then
  count as contact; an outreach unanswered for longer stays without a reply, as `due`'s
  unanswered rule reads it (domain/relationship.py).
- Mailing lists, automated senders and no-reply addresses are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from mentornet.domain.sync import (
    REPLY_WINDOW_DAYS,
    Joined,
    People,
    Proposed,
    SyncPlan,
    SyncState,
    existing_touchbase,
    is_no_reply,
)

if TYPE_CHECKING:
    from mentornet.io.mail_read import MailHeader


class _Message(NamedTuple):
    sent_at: datetime
    item: str
    by: str  # "me" or "them"
    subject: str | None


def plan_mail(messages: Iterable[MailHeader], *, people: People, state: SyncState,
              since: date, today: date, max_people: int) -> SyncPlan:
    """The touch-bases the messages from `since` to `today` make, and what they answer."""
    plan = SyncPlan(source="mail", since=since)
    threads: dict[tuple[int, str, date], dict[str, _Message]] = {}
    for message in messages:
        plan.read += 1
        found = _sort(message, people=people, plan=plan, since=since, today=today,
                      max_people=max_people)
        if found is None:
            continue
        item = message.message_id or _made_up_id(message)
        assert message.sent_at is not None
        day = message.sent_at.date()
        for person_id, by in found:
            thread = threads.setdefault((person_id, message.thread or item, day), {})
            thread.setdefault(item, _Message(message.sent_at, item, by, message.subject))
    open_planned: dict[int, list[int]] = {}  # person -> indexes of planned open outreaches
    for (person_id, _, day), thread in sorted(threads.items(), key=lambda kv: _first(kv[1])):
        ordered = sorted(thread.values())
        items = tuple(m.item for m in ordered)
        new = [m for m in ordered if (m.item, person_id) not in state.seen]
        if not new:
            plan.skipped["synced before"] += 1
            continue
        from_them = any(m.by == "them" for m in new)
        existing = existing_touchbase(state, person_id, day, items)
        if existing is not None:
            plan.joined.append(Joined(person_id=person_id, touchbase_id=existing, day=day,
                                      items=tuple(m.item for m in new)))
            if from_them and any(tb == existing for tb, _ in
                                 state.open_outreaches.get(person_id, ())):
                plan.answered[existing] = (person_id, day)
        else:
            first = ordered[0]
            answered = first.by == "them" or any(m.by == "them" for m in ordered)
            plan.touchbases.append(Proposed(
                person_id=person_id, day=day, channel="email", initiator=first.by,
                answered=answered, items=tuple(m.item for m in new), note=first.subject))
            if not answered:
                open_planned.setdefault(person_id, []).append(len(plan.touchbases) - 1)
        if from_them:
            _answer_earlier(plan, state, open_planned, person_id, day)
    return plan


def _first(found: dict[str, _Message]) -> datetime:
    return min(m.sent_at for m in found.values())


def _answer_earlier(plan: SyncPlan, state: SyncState, open_planned: dict[int, list[int]],
                    person_id: int, day: date) -> None:
    """Their message answers your outreaches of the 14 days before it."""
    start = day - timedelta(days=REPLY_WINDOW_DAYS)
    for touchbase_id, sent in state.open_outreaches.get(person_id, ()):
        if start <= sent <= day and touchbase_id not in plan.answered:
            plan.answered[touchbase_id] = (person_id, day)
    still_open = []
    for index in open_planned.get(person_id, ()):
        proposed = plan.touchbases[index]
        if start <= proposed.day <= day:
            plan.touchbases[index] = proposed._replace(answered=True)
        else:
            still_open.append(index)
    open_planned[person_id] = still_open


def _sort(message: MailHeader, *, people: People, plan: SyncPlan, since: date, today: date,
          max_people: int) -> list[tuple[int, str]] | None:
    """The panel people a message is a touch-base with, and who wrote ("me", "them");
    None when it is skipped."""
    if message.sent_at is None:
        plan.skipped["no readable date"] += 1
        return None
    day = message.sent_at.date()
    if day < since or day > today:
        return None  # outside the window: not counted
    if message.bulk:
        plan.skipped["a mailing list or an automated message"] += 1
        return None
    sender = message.sender
    if not sender or is_no_reply(sender):
        plan.skipped["a no-reply sender"] += 1
        return None
    others = [a for a in message.recipients if a not in people.mine and a != sender]
    if len(others) > max_people:
        plan.skipped[f"more than {max_people} recipients"] += 1
        return None
    if sender in people.mine:
        found = [(pid, "me") for address in others if not is_no_reply(address)
                 if (pid := people.who(address, plan)) is not None]
    else:
        pid = people.who(sender, plan)
        found = [(pid, "them")] if pid is not None else []
    return list(dict.fromkeys(found))


def _made_up_id(message: MailHeader) -> str:
    """A stable id for a message without Message-ID: its sender, recipients and date."""
    import hashlib

    key = "|".join((message.sender, ",".join(message.recipients),
                    message.sent_at.isoformat() if message.sent_at else ""))
    return f"<no-message-id-{hashlib.sha256(key.encode()).hexdigest()[:32]}>"
