"""One person's page: who they are, their history, the give and get, what is open."""

from datetime import date
from typing import Any, NamedTuple

from mentornet.domain.network.spheres import Sphere
from mentornet.domain.network.ties import Tie
from mentornet.domain.news import JobChange
from mentornet.domain.records import (
    Favour,
    FollowUp,
    Goal,
    ParkedItem,
    Person,
    TouchBase,
    as_dict,
)
from mentornet.domain.relationship import Relationship
from mentornet.words import counted


class Profile(NamedTuple):
    """One person and everything recorded with them (a NamedTuple, like the records)."""

    person: Person
    cadence_days: int
    touchbases: tuple[TouchBase, ...]  # newest first
    favours: tuple[Favour, ...]  # newest first
    parked: tuple[ParkedItem, ...]  # open items, theirs and the general ones, as parked
    followups: tuple[FollowUp, ...]  # open first
    goals: tuple[Goal, ...]  # goals they help with
    standing: Relationship | None = None  # where the relationship stands today
    sphere: Sphere | None = None  # the social system they come from, set or guessed
    tie: Tie | None = None  # how strong the tie is today, each part (not for a contact)
    # who else was there, by touch-base id, for a conversation with several people
    together: dict[int, tuple[str, ...]] | None = None
    job_changes: tuple[JobChange, ...] = ()  # noticed by imports, newest first
    emails: tuple[str, ...] = ()  # every address, the main one (person.email) first

    def others(self, touchbase: TouchBase) -> tuple[str, ...]:
        """The names of the other people at this touch-base's conversation."""
        return (self.together or {}).get(touchbase.id, ())

    @property
    def standing_words(self) -> tuple[str, ...]:
        """Where the relationship stands, in a few words each, for the page."""
        state = self.standing
        if state is None:
            return ()
        words = []
        if not state.on_panel:
            words.append("a contact, not on your panel: `mentornet edit NAME --kind prospect` "
                         "puts them on it")
        if state.takeoff:
            words.append("new: the first follow-up is still to make")
        if state.session_passed:
            words.append(f"the session on {state.session_passed.isoformat()} passed with "
                         "nothing logged")
        if state.overdue:
            words.append(f"{counted(len(state.overdue), 'promise')} past "
                         f"{'its' if len(state.overdue) == 1 else 'their'} date")
        if state.thanks_owed:
            words.append(f"they helped you on {state.thanks_owed.isoformat()} and you haven't "
                         "thanked them yet")
        if state.easing_off:
            words.append(f"waiting for a reply ({state.unanswered} outreaches unanswered)")
        elif state.reply_awaited is not None and state.reply_by is not None:
            words.append(f"waiting for a reply to your outreach of "
                         f"{state.reply_awaited.isoformat()} (until {state.reply_by.isoformat()})")
        if state.one_sided:
            words.append(f"one-sided: {counted(state.since_given_touchbases, 'touch-base')} "
                         "since you last gave back")
        return tuple(words)

    @property
    def last_contact(self) -> date | None:
        """The most recent two-way touch-base (an unanswered outreach is not contact)."""
        return next((t.happened_on for t in self.touchbases if t.two_way), None)

    @property
    def given(self) -> int:
        return sum(f.direction == "give" for f in self.favours)

    @property
    def received(self) -> int:
        return sum(f.direction == "got" for f in self.favours)

    def as_json(self) -> dict[str, Any]:
        """The person's fields plus their lists, newest first where dated."""
        data = as_dict(self.person)
        data.update(
            cadence_days=self.cadence_days,
            emails=list(self.emails),
            last_contact=self.last_contact,
            touchbases=[as_dict(t) | {"with": list(self.others(t))} for t in self.touchbases],
            favours=[as_dict(f) for f in self.favours],
            parked=[as_dict(p) for p in reversed(self.parked)],
            followups=[as_dict(f) for f in self.followups],
            goals=[as_dict(g) for g in self.goals],
            standing=self._standing_json(),
            job_changes=[as_dict(j) for j in self.job_changes],
        )
        if self.sphere is not None:
            data.update(sphere=self.sphere.name, sphere_guessed=self.sphere.guessed)
        data.update(tie=None if self.tie is None else self.tie._asdict())
        return data

    def _standing_json(self) -> dict[str, Any] | None:
        state = self.standing
        if state is None:
            return None
        return {"last_two_way": state.last_two_way, "last_met": state.last_met,
                "takeoff": state.takeoff, "one_sided": state.one_sided,
                "touchbases_since_given": state.since_given_touchbases,
                "unanswered": state.unanswered, "easing_off": state.easing_off,
                "try_again_on": state.try_again_on, "session_passed": state.session_passed,
                "overdue_promises": len(state.overdue), "thanks_owed": state.thanks_owed,
                "reply_awaited": state.reply_awaited, "reply_by": state.reply_by}
