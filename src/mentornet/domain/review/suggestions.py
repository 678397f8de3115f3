"""Three to five plain-language suggestions drawn from the review, the most useful first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mentornet.dates import format_ago
from mentornet.domain.records import Person
from mentornet.domain.review.coverage import Candidate
from mentornet.domain.review.people import Ref, is_mentor
from mentornet.domain.review.pipeline import TAKEOFF_DAYS

if TYPE_CHECKING:
    from mentornet.domain.review.panel import Review

MAX_SUGGESTIONS = 5
MIN_SUGGESTIONS = 3
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True)
class Suggestion:
    topic: str  # composition, coverage, rhythm, balance, network, pipeline
    text: str


def _month(day: date, today: date) -> str:
    name = MONTH_NAMES[day.month - 1]
    return name if 0 <= (day - today).days < 300 else f"{name} {day.year}"


def _describe(candidate: Candidate) -> str:
    kind = candidate.person.kind
    what = {"prospect": "a prospect", "informal": "an informal mentor",
            "formal": "a formal mentor", "contact": "a contact in your network"}.get(kind, kind)
    if candidate.status != "active":
        what += f", {candidate.status}"
    job = " at ".join(filter(None, (candidate.role, candidate.org)))
    return f"{what}, {job}" if job else what


def _names(refs: Sequence[Ref], most: int = 3) -> str:
    names = [ref.name for ref in refs]
    if len(names) > most:
        names = [*names[:most], f"{len(refs) - most} more"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _ago(days: int) -> str:
    text = format_ago(days)
    return text if days < 2 else f"{text} ago"


def suggest(found: Review, people: Sequence[Person]) -> tuple[Suggestion, ...]:
    """Three to five plain-language suggestions, the most useful first."""
    ideas = [*_goal_date_ideas(found), *_composition_ideas(people), *_coverage_ideas(found),
             *_balance_ideas(found), *_network_ideas(found),
             *_pipeline_ideas(found), *_rhythm_ideas(found, people), *_thin_ideas(found),
             *_missing_ideas(found, people)]
    ideas = list(dict.fromkeys(ideas))
    if len(ideas) < MIN_SUGGESTIONS:
        ideas += [idea for idea in _habit_ideas(found, people) if idea not in ideas]
    # Variety first: each topic's most useful idea, then each topic's second, and so on.
    rank: Counter[str] = Counter()
    turns = []
    for index, idea in enumerate(ideas):
        rank[idea.topic] += 1
        turns.append((rank[idea.topic], index))
    chosen = sorted(index for _, index in sorted(turns)[:MAX_SUGGESTIONS])
    return tuple(ideas[index] for index in chosen)


def _composition_ideas(people: Sequence[Person]) -> Iterator[Suggestion]:
    active = [p for p in people if p.status == "active"]
    if not people:
        yield Suggestion("composition", "Your panel is empty: add the first mentor you would "
                         "like to learn from, e.g. mentornet add \"Dana Lee\" --kind formal.")
    elif len(active) == 1:
        yield Suggestion("composition", f"{active[0].name} is your whole panel: nobody keeps "
                         "one mentor for a career; add an informal mentor or a prospect for "
                         "another area.")


def _goal_date_ideas(found: Review) -> Iterator[Suggestion]:
    """Open goals at or past their date: close, extend or drop them."""
    for goal in found.coverage.goals:
        if goal.target is not None and goal.target <= found.today:
            when = "is due today" if goal.target == found.today else \
                f"was due on {goal.target.isoformat()}"
            yield Suggestion("coverage", f"Your goal \"{goal.text}\" {when}: close it "
                             f"(mentornet goal done {goal.goal_id}), extend it (mentornet goal "
                             f"edit {goal.goal_id} --by DATE) or drop it (mentornet goal drop "
                             f"{goal.goal_id}).")


def _coverage_ideas(found: Review) -> Iterator[Suggestion]:
    for goal in found.coverage.goals:
        due = (f"your goal due in {_month(goal.target, found.today)}" if goal.target
               else "your goal")
        for gap in goal.uncovered:
            if gap.candidates:
                best = gap.candidates[0]
                ask = f"consider asking {best.person.name} ({_describe(best)})"
            else:
                ask = ("look for someone with that experience (a talk, an alumni directory, "
                       "a referral)")
            yield Suggestion("coverage", f"No mentor covers '{gap.tag}', the focus of {due} "
                             f"(\"{goal.text}\"): {ask}.")
        covered = [cover for cover in goal.focus if cover.mentors]
        if not goal.mentors and covered:
            who = covered[0].mentors[0].name
            yield Suggestion("coverage", f"Nobody helps with \"{goal.text}\" yet: "
                             f"{who} knows '{covered[0].tag}'; ask for help and link them "
                             f"with mentornet goal edit {goal.goal_id} --mentor \"{who}\".")
        elif not goal.focus and not goal.mentors:
            yield Suggestion("coverage", f"\"{goal.text}\" has no focus areas and no mentor: "
                             "name what it needs so you can find the right people.")


def _balance_ideas(found: Review) -> Iterator[Suggestion]:
    # never to someone paused, archived or waiting for a reply (domain/relationship.py)
    one_sided = [b for b in found.balance if b.one_sided
                 and (state := found.states.get(b.person.id)) is not None
                 and state.may_give_back]
    ideas = "an intro, feedback on their product or a useful article would do."
    if len(one_sided) == 1:
        (first,) = one_sided
        yield Suggestion("balance", f"Give back to {first.person.name}: {first.since_gave} "
                         f"touch-bases since you last gave anything; {ideas}")
    elif one_sided:
        first = one_sided[0]
        yield Suggestion("balance", f"Give back to {_names([b.person for b in one_sided])}: "
                         f"start with {first.person.name}, {first.since_gave} touch-bases "
                         f"since you last gave anything; {ideas}")
    for quiet in found.unanswered:
        if quiet.ease_off:
            yield Suggestion("balance", f"Ease off with {quiet.person.name}: your last "
                             f"{quiet.outreaches} outreaches since {quiet.since.isoformat()} "
                             "got no reply, which is often a polite no.")


def _network_ideas(found: Review) -> Iterator[Suggestion]:
    """Your developmental network (domain/network/): what your phase calls for, the move
    that would most improve the kind of network, a dormant tie, the help nobody gave."""
    net = found.network
    if net is None or net.size == 0:
        return
    if net.phase is not None and not net.phase.ok:
        yield Suggestion("network", net.phase.text)
    if net.kind != "entrepreneurial":
        yield Suggestion("network", f"{net.kind_words.split(':')[0]}. {net.move}")
    if net.dormant is not None:
        yield Suggestion("network", net.dormant.text)
    missing = [kind for kinds in net.help.missing.values() for kind in kinds]
    if missing:
        yield Suggestion("network", f"Nobody gave you {_words(missing)} in the last year: "
                         "ask for it, or log it when it happens (got --kind, log --topic).")


def _words(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _pipeline_ideas(found: Review) -> Iterator[Suggestion]:
    for prospect in found.pipeline.prospects:
        if prospect.takeoff == "pending" and prospect.met_on is not None:
            by = prospect.met_on + timedelta(days=TAKEOFF_DAYS)
            yield Suggestion("pipeline", f"Follow up with {prospect.person.name} by "
                             f"{by.isoformat()}: you met {_ago(prospect.days_since_met or 0)}"
                             " and the first touch-bases set the tone.")
    for mentee in found.pipeline.mentees:
        if not mentee.on_rhythm and mentee.status == "active":
            since = (f"last met {_ago((found.today - mentee.last_met).days)}"
                     if mentee.last_met else "no meeting yet")
            yield Suggestion("pipeline", f"Check in with your mentee {mentee.person.name}: "
                             f"{since}, and you meet every {mentee.cadence_days} days.")


def _thin_ideas(found: Review) -> Iterator[Suggestion]:
    thin = found.coverage.thin
    if len(thin) == 1:
        yield Suggestion("coverage", f"Only {thin[0].mentors[0].name} covers '{thin[0].tag}': "
                         "a second voice on it would help.")
    elif thin:
        tags = _names([Ref(0, f"'{c.tag}' ({c.mentors[0].name})", "") for c in thin])
        yield Suggestion("coverage", f"One mentor each covers {tags}: a second voice on "
                         "these would help.")
    for idle in found.coverage.idle:
        yield Suggestion("coverage", f"No current goal needs {idle.person.name}'s focus "
                         f"({', '.join(idle.focus)}): keep in touch informally, or let the "
                         "panel evolve with your career.")


def _rhythm_ideas(found: Review, people: Sequence[Person]) -> Iterator[Suggestion]:
    months = found.rhythm.months
    recent = sum(m.touchbases for m in months[-3:])
    before = sum(m.touchbases for m in months[-6:-3])
    if any(p.status == "active" for p in people) and before >= 2 and recent * 2 < before:
        yield Suggestion("rhythm", f"Your rhythm slowed: {recent} touch-bases in the last "
                         f"three months against {before} in the three before.")


def _missing_ideas(found: Review, people: Sequence[Person]) -> Iterator[Suggestion]:
    if not any(p.kind == "prospect" and p.status == "active" for p in people):
        yield Suggestion("pipeline", "No prospects in the pipeline: meet someone new at a "
                         "talk, through an alumni directory or a curiosity connect.")
    if not found.coverage.goals:
        yield Suggestion("coverage", "No open goal: set one for the next 6 to 18 months with "
                         "mentornet goal add, so your mentors know what to help with.")
    if not any(p.kind == "mentee" and p.status == "active" for p in people):
        yield Suggestion("pipeline", "Pay it forward: mentoring someone earlier in their "
                         "career teaches you too.")


def _habit_ideas(found: Review, people: Sequence[Person]) -> Iterator[Suggestion]:
    """Gentle habits drawn from the data, for a panel in good health."""
    last = {b.person.id: b for b in found.balance}
    mentors = [p for p in people if is_mentor(p) and p.id in last]
    recent = sum(m.touchbases for m in found.rhythm.months[-3:])
    if recent:
        yield Suggestion("rhythm", f"Keep the rhythm: {recent} touch-bases in the last three "
                         "months.")
    helpers = sorted((b for b in found.balance if b.got), key=lambda b: -b.got)
    if helpers:
        yield Suggestion("balance", f"{helpers[0].person.name} helped you {helpers[0].got} "
                         "times: tell them what came of it.")
    if mentors:
        yield Suggestion("rhythm", "Before your next session, park the week's questions, wins "
                         "and challenges with mentornet park.")
    if found.coverage.goals and not any(p.kind == "formal" and p.status == "active"
                                        for p in people):
        yield Suggestion("composition", "No formal mentor: someone a level or two above you, "
                         "meeting monthly around your goals, would anchor the panel.")

