"""The health of the whole panel: composition, coverage, rhythm, balance, pipeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from mentornet.dates import format_ago
from mentornet.domain.names import tag_key
from mentornet.domain.records import Favour, FollowUp, Goal, Person, TouchBase
from mentornet.domain.relationship import (
    EXISTING_RELATIONSHIP_DAYS,
    TAKEOFF_FOLLOW_UP_DAYS,
    Relationship,
    relationship_of,
)
from mentornet.domain.rhythm import MonthCount, monthly_counts
from mentornet.domain.rules import Rules
from mentornet.vocab import PANEL_KINDS as KINDS
from mentornet.vocab import STATUSES

MENTOR_KINDS = ("formal", "informal")
QUARTERS_SHOWN = 8  # two years of joiners and leavers
TAKEOFF_DAYS = TAKEOFF_FOLLOW_UP_DAYS
MAX_SUGGESTIONS = 5
MIN_SUGGESTIONS = 3
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True)
class Ref:
    """A person named in the review."""

    id: int
    name: str
    kind: str


# Composition -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Move:
    """Someone who joined the panel, or went quiet (archived or paused), on a date."""

    person: Ref
    on: date
    status: str  # the person's status now


@dataclass(frozen=True)
class Quarter:
    label: str  # "2026-Q1"
    start: date
    joined: tuple[Move, ...]
    left: tuple[Move, ...]


@dataclass(frozen=True)
class Composition:
    counts: Mapping[str, Mapping[str, int]]  # kind -> status -> people
    quarters: tuple[Quarter, ...]  # the last QUARTERS_SHOWN, oldest first

    @property
    def total(self) -> int:
        return sum(sum(by_status.values()) for by_status in self.counts.values())

    def count(self, *, kind: str | None = None, status: str | None = None) -> int:
        return sum(n for k, by_status in self.counts.items() if kind in (None, k)
                   for s, n in by_status.items() if status in (None, s))


# Coverage ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """Someone outside the active mentors whose focus matches a need."""

    person: Ref
    status: str
    role: str | None
    org: str | None


@dataclass(frozen=True)
class FocusCover:
    tag: str
    mentors: tuple[Ref, ...]  # active mentors with this focus
    candidates: tuple[Candidate, ...] = ()  # only when no mentor covers it


@dataclass(frozen=True)
class GoalCoverage:
    goal_id: int
    text: str
    target: date | None
    focus: tuple[FocusCover, ...]
    mentors: tuple[Ref, ...]  # active mentors helping with this goal

    @property
    def uncovered(self) -> tuple[FocusCover, ...]:
        return tuple(cover for cover in self.focus if not cover.mentors)

    @property
    def has_mentor(self) -> bool:
        """Someone helps with it, or at least one of its focus areas is covered."""
        return bool(self.mentors) or any(cover.mentors for cover in self.focus)


@dataclass(frozen=True)
class IdleMentor:
    """An active mentor whose focus no open goal needs and who helps with none."""

    person: Ref
    focus: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    goals: tuple[GoalCoverage, ...]  # open goals, by target date
    thin: tuple[FocusCover, ...]  # focus areas needed by goals and covered by one person only
    idle: tuple[IdleMentor, ...]

    @property
    def without_mentor(self) -> tuple[GoalCoverage, ...]:
        return tuple(goal for goal in self.goals if not goal.has_mentor)


# Rhythm ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rhythm:
    months: tuple[MonthCount, ...]  # the last MONTHS_SHOWN months, oldest first
    start: date  # the first day of the calendar: a Monday about a year ago
    end: date  # today
    days: Mapping[date, int]  # touch-bases per day, only the days that have some

    @property
    def total(self) -> int:
        return sum(self.days.values())

    def count_on(self, day: date) -> int:
        return self.days.get(day, 0)


# Balance -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Balance:
    person: Ref
    given: int
    got: int
    touchbases: int
    since_gave: int  # two-way touch-bases since you last gave anything back (or ever)
    last_gave: date | None
    one_sided: bool


@dataclass(frozen=True)
class Unanswered:
    """Your latest outreaches to someone that got no reply, newest run only."""

    person: Ref
    outreaches: int
    since: date
    last: date
    ease_off: bool  # waiting for a reply, as domain/relationship.py judges it


# Pipeline ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Prospect:
    person: Ref
    status: str
    met_on: date | None
    days_since_met: int | None
    band: str  # "under a month", "1-3 months", "3-12 months", "over a year", "unknown"
    touchbases: int
    takeoff: str  # "done", "pending", "missed", "existing", "no contact"
    last_contact: date | None


@dataclass(frozen=True)
class Mentee:
    person: Ref
    status: str
    last_met: date | None
    meetings_last_year: int
    average_gap_days: int | None  # between meetings in the last year
    cadence_days: int
    on_rhythm: bool


@dataclass(frozen=True)
class Pipeline:
    prospects: tuple[Prospect, ...]  # newest first
    mentees: tuple[Mentee, ...]


# The review --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    topic: str  # composition, coverage, rhythm, balance, pipeline
    text: str


@dataclass(frozen=True)
class Review:
    today: date
    composition: Composition
    coverage: Coverage
    rhythm: Rhythm
    balance: tuple[Balance, ...]  # one-sided first
    unanswered: tuple[Unanswered, ...]  # most outreaches first
    pipeline: Pipeline
    suggestions: tuple[Suggestion, ...]
    states: Mapping[int, Relationship] = field(default_factory=dict)  # by person id


def review(*, people: Sequence[Person], touchbases: Iterable[TouchBase],
           favours: Iterable[Favour], goals: Iterable[Goal], today: date,
           rules: Rules | None = None, followups: Iterable[FollowUp] = (),
           added: Mapping[int, date] | None = None) -> Review:
    """The whole panel reviewed on `today`; touch-bases and favours after today are ignored.

    Contacts (kind contact) are not on the panel: they count nowhere, and are only put
    forward as candidates for a focus nobody covers. `added` holds the day each person
    was added to mentornet (store.added_on), which where a relationship stands depends on.
    """
    added = added or {}
    rules = rules or Rules()
    everyone = list(people)
    people = [person for person in everyone if person.kind != "contact"]
    seen = [tb for tb in touchbases if tb.happened_on <= today]
    given = [fav for fav in favours if fav.happened_on <= today]
    by_person: dict[int, list[TouchBase]] = defaultdict(list)
    for tb in sorted(seen, key=lambda tb: (tb.happened_on, tb.id)):
        by_person[tb.person_id].append(tb)
    favours_of: dict[int, list[Favour]] = defaultdict(list)
    for fav in sorted(given, key=lambda fav: (fav.happened_on, fav.id)):
        favours_of[fav.person_id].append(fav)
    open_goals = sorted((goal for goal in goals if goal.status == "open"),
                        key=lambda goal: (goal.target is None, goal.target or today, goal.id))
    followups = list(followups)
    states = {person.id: relationship_of(
        person, by_person.get(person.id, ()), favours_of.get(person.id, ()),
        [fu for fu in followups if fu.person_id == person.id], today=today,
        cadence_days=rules.cadence_for(person.kind, person.cadence_days),
        added_on=added.get(person.id))
        for person in people}

    composition = compose(people, by_person, today)
    coverage = cover(people, open_goals, candidates_from=everyone)
    rhythm = rhythm_of([tb for tb in seen if tb.person_id in states], today)
    balance = balances(people, by_person, favours_of, states)
    unanswered = unanswered_outreach(people, by_person, states)
    pipeline = pipeline_of(people, by_person, today, rules, states)
    found = Review(today=today, composition=composition, coverage=coverage, rhythm=rhythm,
                   balance=balance, unanswered=unanswered, pipeline=pipeline, suggestions=(),
                   states=states)
    return replace(found, suggestions=suggest(found, people))


def _ref(person: Person) -> Ref:
    return Ref(id=person.id, name=person.name, kind=person.kind)


_tag = tag_key


# Composition -------------------------------------------------------------------------------

def quarter_of(day: date) -> tuple[str, date]:
    """The quarter's label and first day: `2026-Q1`, 2026-01-01."""
    index = (day.month - 1) // 3
    return f"{day.year}-Q{index + 1}", date(day.year, index * 3 + 1, 1)


def _quarters_back(today: date, count: int) -> list[tuple[str, date]]:
    _, start = quarter_of(today)
    found = []
    for _ in range(count):
        found.append(quarter_of(start))
        start = quarter_of(start - timedelta(days=1))[1]
    return found[::-1]


def compose(people: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
            today: date) -> Composition:
    """Who is on the panel by kind and status, and who joined and left in each quarter.

    There is no history of status changes: a person joined when you met them (`met_on`,
    else their first touch-base) and left, if archived or paused now, in the quarter of
    their last touch-base (else when you met them): the quarter they went quiet.
    """
    counts = {kind: dict.fromkeys(STATUSES, 0) for kind in KINDS}
    joined: dict[date, list[Move]] = defaultdict(list)
    left: dict[date, list[Move]] = defaultdict(list)
    for person in people:
        counts.setdefault(person.kind, dict.fromkeys(STATUSES, 0))
        counts[person.kind][person.status] = counts[person.kind].get(person.status, 0) + 1
        history = by_person.get(person.id, ())
        first = min(filter(None, (person.met_on, history[0].happened_on if history else None)),
                    default=None)
        if first is not None and first <= today:
            joined[quarter_of(first)[1]].append(Move(_ref(person), first, person.status))
        if person.status != "active":
            last = history[-1].happened_on if history else first
            if last is not None:
                left[quarter_of(last)[1]].append(Move(_ref(person), last, person.status))
    quarters = tuple(
        Quarter(label=label, start=start,
                joined=tuple(sorted(joined[start], key=lambda m: (m.on, m.person.name))),
                left=tuple(sorted(left[start], key=lambda m: (m.on, m.person.name))))
        for label, start in _quarters_back(today, QUARTERS_SHOWN))
    return Composition(counts=counts, quarters=quarters)


# Coverage ----------------------------------------------------------------------------------

def _is_mentor(person: Person) -> bool:
    return person.kind in MENTOR_KINDS and person.status == "active"


_CANDIDATE_ORDER = {("prospect", "active"): 0, ("informal", "paused"): 1,
                    ("formal", "paused"): 1, ("prospect", "paused"): 2, ("contact", "active"): 3}


def _matches(person: Person, tag: str) -> bool:
    """A candidate for a focus tag: their focus, or failing that their role or organisation."""
    if tag in {_tag(t) for t in person.focus}:
        return True
    return person.kind == "contact" and any(
        tag in _tag(text) for text in (person.role, person.org) if text)


def cover(people: Sequence[Person], open_goals: Sequence[Goal], *,
          candidates_from: Sequence[Person] | None = None) -> Coverage:
    """Each open goal's focus areas against the focus areas of the active mentors.

    A goal's linked people (`goal add/edit --mentor`) of any kind, while active, help
    with it. Candidates for an uncovered focus come from `candidates_from` (contacts too).
    """
    mentors = [person for person in people if _is_mentor(person)]
    helpers = {person.id for person in people if person.status == "active"}
    by_id = {person.id: person for person in people}
    covering: dict[str, list[Ref]] = defaultdict(list)
    for mentor in mentors:
        for tag in dict.fromkeys(_tag(t) for t in mentor.focus):
            covering[tag].append(_ref(mentor))
    outsiders = sorted(
        (p for p in (people if candidates_from is None else candidates_from)
         if p.kind != "mentee" and not _is_mentor(p)),
        key=lambda p: (_CANDIDATE_ORDER.get((p.kind, p.status), 4), p.name.casefold(), p.id))

    def candidates(tag: str) -> tuple[Candidate, ...]:
        return tuple(Candidate(_ref(p), p.status, p.role, p.org) for p in outsiders
                     if _matches(p, tag))

    goals = []
    needed: dict[str, str] = {}  # normalised tag -> the spelling of the first goal needing it
    for goal in open_goals:
        focus = []
        for tag in dict.fromkeys(goal.focus):
            key = _tag(tag)
            needed.setdefault(key, tag)
            # an active mentor with the focus, or someone linked to this goal who has it
            who = tuple(covering.get(key, ())) or tuple(
                _ref(by_id[i]) for i in goal.mentor_ids
                if i in helpers and key in {_tag(t) for t in by_id[i].focus})
            focus.append(FocusCover(tag=tag, mentors=who,
                                    candidates=() if who else candidates(key)))
        helping = tuple(_ref(by_id[i]) for i in goal.mentor_ids if i in helpers)
        goals.append(GoalCoverage(goal_id=goal.id, text=goal.text, target=goal.target,
                                  focus=tuple(focus), mentors=helping))
    thin = tuple(FocusCover(tag=tag, mentors=tuple(covering[key]))
                 for key, tag in needed.items() if len(covering.get(key, ())) == 1)
    helping_ids = {i for goal in open_goals for i in goal.mentor_ids}
    idle = tuple(IdleMentor(_ref(m), m.focus) for m in mentors
                 if m.focus and m.id not in helping_ids
                 and not {_tag(t) for t in m.focus} & needed.keys())
    return Coverage(goals=tuple(goals), thin=thin, idle=idle)


# Rhythm ------------------------------------------------------------------------------------

def calendar_start(today: date) -> date:
    """The Monday that starts a year-long calendar ending today (53 weeks at most)."""
    start = today - timedelta(days=364)
    return start - timedelta(days=start.weekday())


def rhythm_of(touchbases: Iterable[TouchBase], today: date) -> Rhythm:
    """Touch-bases per month for a bar chart, and per day for a calendar heat-map."""
    touchbases = list(touchbases)
    start = calendar_start(today)
    days = Counter(tb.happened_on for tb in touchbases if start <= tb.happened_on <= today)
    return Rhythm(months=monthly_counts(touchbases, today), start=start, end=today,
                  days=dict(sorted(days.items())))


# Balance -----------------------------------------------------------------------------------

def balances(people: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
             favours_of: Mapping[int, Sequence[Favour]],
             states: Mapping[int, Relationship]) -> tuple[Balance, ...]:
    """Give and get per person still on the panel, the one-sided relationships first.

    One-sided is judged by domain/relationship.py, the rule `due` and `prep` follow.
    """
    found = []
    for person in people:
        history = by_person.get(person.id, ())
        favours = favours_of.get(person.id, ())
        if person.status == "archived" or not (history or favours):
            continue
        state = states[person.id]
        gave = [fav.happened_on for fav in favours if fav.direction == "give"]
        found.append(Balance(person=_ref(person), given=len(gave),
                             got=sum(fav.direction == "got" for fav in favours),
                             touchbases=len(history),
                             since_gave=state.since_given_touchbases,
                             last_gave=max(gave, default=None), one_sided=state.one_sided))
    return tuple(sorted(found, key=lambda b: (not b.one_sided, -(b.got - b.given),
                                              -b.since_gave, b.person.name.casefold())))


def unanswered_outreach(people: Sequence[Person],
                        by_person: Mapping[int, Sequence[TouchBase]],
                        states: Mapping[int, Relationship]) -> tuple[Unanswered, ...]:
    """People whose latest outreaches got no reply, most unanswered first."""
    found = []
    for person in people:
        if person.status == "archived":
            continue
        run = []
        for tb in reversed(by_person.get(person.id, ())):
            if tb.two_way:
                break
            run.append(tb.happened_on)
        if run:
            found.append(Unanswered(_ref(person), len(run), since=run[-1], last=run[0],
                                    ease_off=states[person.id].easing_off))
    return tuple(sorted(found, key=lambda u: (-u.outreaches, u.last, u.person.name.casefold())))


# Pipeline ----------------------------------------------------------------------------------

def _band(days: int | None) -> str:
    if days is None:
        return "unknown"
    if days < 31:
        return "under a month"
    if days < 91:
        return "1-3 months"
    if days < 365:
        return "3-12 months"
    return "over a year"


def takeoff(person: Person, history: Sequence[TouchBase], today: date,
            state: Relationship | None = None) -> tuple[date | None, str]:
    """When you first met, and whether a second touch-base followed within 14 days.

    "pending" is the takeoff `due` flags (domain/relationship.py); "existing": a
    relationship you already had when you added them, which has no takeoff.
    """
    contacts = [tb.happened_on for tb in history]
    if person.met_on is not None and person.met_on <= today and (
            not contacts or person.met_on < contacts[0]):
        contacts.insert(0, person.met_on)
    if not contacts:
        return None, "no contact"
    first = contacts[0]
    added = state.facts.added_on if state is not None else None
    if added is not None and (added - first).days > EXISTING_RELATIONSHIP_DAYS:
        return first, "existing"
    if len(contacts) >= 2 and (contacts[1] - first).days <= TAKEOFF_DAYS:
        return first, "done"
    if state is not None:  # still within the 14 days of the follow-up due has flagged
        pending = state.takeoff and state.takeoff_by is not None and today <= state.takeoff_by
        return first, "pending" if pending else "missed"
    if state is None and len(contacts) < 2 and (today - first).days <= TAKEOFF_DAYS:
        return first, "pending"
    return first, "missed"


def pipeline_of(people: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
                today: date, rules: Rules,
                states: Mapping[int, Relationship] | None = None) -> Pipeline:
    """Prospects by how long ago you met them, and mentees by how often you meet them."""
    prospects = []
    mentees = []
    year_ago = today - timedelta(days=365)
    for person in people:
        if person.status == "archived":
            continue
        history = by_person.get(person.id, ())
        two_way = [tb.happened_on for tb in history if tb.two_way]
        if person.kind == "prospect":
            first, state = takeoff(person, history, today,
                                   states.get(person.id) if states else None)
            days = None if first is None else (today - first).days
            prospects.append(Prospect(
                person=_ref(person), status=person.status, met_on=first, days_since_met=days,
                band=_band(days), touchbases=len(history), takeoff=state,
                last_contact=two_way[-1] if two_way else None))
        elif person.kind == "mentee":
            recent = [day for day in two_way if day > year_ago]
            gaps = [(b - a).days for a, b in zip(recent, recent[1:], strict=False)]
            cadence = rules.cadence_for(person.kind, person.cadence_days)
            last = two_way[-1] if two_way else None
            mentees.append(Mentee(
                person=_ref(person), status=person.status, last_met=last,
                meetings_last_year=len(recent),
                average_gap_days=round(sum(gaps) / len(gaps)) if gaps else None,
                cadence_days=cadence,
                on_rhythm=last is not None and (today - last).days <= cadence))
    prospects.sort(key=lambda p: (p.met_on is None, -(p.met_on or today).toordinal(),
                                  p.person.name.casefold()))
    mentees.sort(key=lambda m: (m.on_rhythm, m.last_met or date.min, m.person.name.casefold()))
    return Pipeline(prospects=tuple(prospects), mentees=tuple(mentees))


# Suggestions -------------------------------------------------------------------------------

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
             *_balance_ideas(found),
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
    mentors = [p for p in people if _is_mentor(p) and p.id in last]
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


# As data -----------------------------------------------------------------------------------

def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _person_data(ref: Ref) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "kind": ref.kind}


def _move_data(move: Move) -> dict[str, Any]:
    return {**_person_data(move.person), "on": _iso(move.on), "status": move.status}


def _cover_data(cover: FocusCover) -> dict[str, Any]:
    return {"tag": cover.tag, "mentors": [_person_data(m) for m in cover.mentors],
            "candidates": [{**_person_data(c.person), "status": c.status, "role": c.role,
                            "org": c.org} for c in cover.candidates]}


def as_data(found: Review) -> dict[str, Any]:
    """The review as JSON-ready data: the same content as the picture, dates as ISO text."""
    comp, cov, rhythm, pipe = found.composition, found.coverage, found.rhythm, found.pipeline
    return {
        "today": _iso(found.today),
        "composition": {
            "total": comp.total,
            "counts": {kind: dict(by_status) for kind, by_status in comp.counts.items()},
            "quarters": [{"quarter": q.label, "start": _iso(q.start),
                          "joined": [_move_data(m) for m in q.joined],
                          "left": [_move_data(m) for m in q.left]} for q in comp.quarters],
        },
        "coverage": {
            "goals": [{"id": g.goal_id, "text": g.text, "target": _iso(g.target),
                       "has_mentor": g.has_mentor,
                       "mentors": [_person_data(m) for m in g.mentors],
                       "focus": [_cover_data(c) for c in g.focus]} for g in cov.goals],
            "without_mentor": [g.goal_id for g in cov.without_mentor],
            "uncovered": [{"goal": g.goal_id, "tag": c.tag} for g in cov.goals
                          for c in g.uncovered],
            "thin": [_cover_data(c) for c in cov.thin],
            "idle": [{**_person_data(i.person), "focus": list(i.focus)} for i in cov.idle],
        },
        "rhythm": {
            "months": [{"month": _iso(m.month), "touchbases": m.touchbases,
                        "two_way": m.two_way} for m in rhythm.months],
            "calendar": {"from": _iso(rhythm.start), "to": _iso(rhythm.end),
                         "total": rhythm.total,
                         "days": {day.isoformat(): n for day, n in rhythm.days.items()}},
        },
        "balance": [{**_person_data(b.person), "given": b.given, "got": b.got,
                     "touchbases": b.touchbases, "since_gave": b.since_gave,
                     "last_gave": _iso(b.last_gave), "one_sided": b.one_sided}
                    for b in found.balance],
        "unanswered": [{**_person_data(u.person), "outreaches": u.outreaches,
                        "since": _iso(u.since), "last": _iso(u.last), "ease_off": u.ease_off}
                       for u in found.unanswered],
        "pipeline": {
            "prospects": [{**_person_data(p.person), "status": p.status,
                           "met_on": _iso(p.met_on), "days_since_met": p.days_since_met,
                           "band": p.band, "touchbases": p.touchbases, "takeoff": p.takeoff,
                           "last_contact": _iso(p.last_contact)} for p in pipe.prospects],
            "mentees": [{**_person_data(m.person), "status": m.status,
                         "last_met": _iso(m.last_met),
                         "meetings_last_year": m.meetings_last_year,
                         "average_gap_days": m.average_gap_days,
                         "cadence_days": m.cadence_days, "on_rhythm": m.on_rhythm}
                        for m in pipe.mentees],
        },
        "suggestions": [{"topic": s.topic, "text": s.text} for s in found.suggestions],
    }
