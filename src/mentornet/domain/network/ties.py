"""How strong each tie is, from what is recorded, each part shown.

Granovetter (1973) names the parts of a tie's strength: the time spent together, the
emotional intensity and intimacy, and the reciprocal services; Marsden & Campbell (1984)
found closeness the best single measure of it, and frequency of contact a useful but
weaker one. mentornet has four of these on record:

- frequency: two-way touch-bases in the last 12 months, against the person's cadence
  (every 4 weeks is 13 a year): 1 when you met as often as the cadence says. A
  relationship younger than a year is measured since it began (you met, or first heard
  back): five weeks in, every 4 weeks asks for one, not thirteen;
- reciprocity: the give and get. The relationship model (domain/relationship.py) judges a
  one-sided relationship (taking without giving back): that is 0; a relationship where
  favours went both ways is 1; anything else is 0.5, neither;
- recency: the last two-way contact within one cadence is 1, within two is 0.5, else 0;
- closeness, when you rate it (`edit --closeness 1-5`): 1 is 0, 5 is 1.

The strength is the mean of the parts on record (closeness only when rated), from 0 to 1.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from mentornet.domain.records import Favour, Person, TouchBase
from mentornet.domain.relationship import Facts, one_sided, one_sided_by

YEAR_DAYS = 365
YEAR = timedelta(days=YEAR_DAYS)
# A strong tie: at least 0.6 of the way on the parts on record. Higgins & Kram (2001) give
# no number; 0.6 asks for more than a middling score on every part (0.5 each is not
# strong): a mentor met on their cadence and recently, with some give and take.
STRONG_TIE = 0.6
_new = tuple.__new__  # a Tie from all its values, without NamedTuple's __new__


class Tie(NamedTuple):
    """One person's tie strength on a day, and each of its parts (a NamedTuple: review
    makes one per mentor per quarter, and these cost a tenth of a frozen dataclass)."""

    person_id: int
    two_way_last_year: int  # two-way touch-bases in the last 12 months
    expected_last_year: int  # how many their cadence asks for in 12 months
    frequency: float  # 0 to 1
    reciprocity: float  # 0, 0.5 or 1
    reciprocity_words: str  # "one-sided", "both ways", "neither"
    days_since: int | None  # since the last two-way contact; None: never
    recency: float  # 0, 0.5 or 1
    closeness: int | None  # your rating, 1 to 5
    strength: float  # the mean of the parts on record, 0 to 1
    counted_from: date | None = None  # the count's start, when the tie is under a year old

    @property
    def strong(self) -> bool:
        return self.strength >= STRONG_TIE


class History:
    """One person's dated records, sorted once, so that their tie on any day (and the
    relationship model's facts it reads) costs a few binary searches, whatever the
    length of the history: `review` measures every tie once a quarter for two years."""

    def __init__(self, person: Person, touchbases: Sequence[TouchBase],
                 favours: Sequence[Favour], *, added_on: date | None = None) -> None:
        self.person = person
        self.added_on = added_on
        rating = person.closeness
        self.closeness = rating if isinstance(rating, int) and 1 <= rating <= 5 else None
        self.two_way = sorted([tb.happened_on for tb in touchbases if tb.two_way])
        met = person.met_on if isinstance(person.met_on, date) else None
        first = self.two_way[0] if self.two_way else None
        # when the relationship began: you met, or first heard back
        self.began = min(met, first) if met and first else met or first
        self.given: list[date] = []
        self.got: list[date] = []
        for fav in favours:
            if fav.direction == "give":
                self.given.append(fav.happened_on)
            elif fav.direction == "got":
                self.got.append(fav.happened_on)
        self.given.sort()
        self.got.sort()

    def facts_on(self, day: date) -> Facts:
        """The facts the relationship model judges a one-sided relationship by, on `day`,
        as `facts_from_records` finds them from the same records
        (tests/test_network.py checks that the two agree)."""
        person = self.person
        first, last, last_given, count = self._counted(bisect_right(self.two_way, day),
                                                       bisect_right(self.given, day))
        return Facts(person_id=person.id, name=person.name, kind=person.kind,
                     status=person.status, met_on=person.met_on, first_two_way=first,
                     last_two_way=last, last_given=last_given, two_way_since_given=count,
                     added_on=self.added_on)

    def _counted(self, upto: int, gave: int) -> tuple[date | None, date | None, date | None, int]:
        """(first and last two-way contact, last favour given, two-way touch-bases since
        it) on a day before which `upto` two-way touch-bases and `gave` favours given
        happened."""
        two_way = self.two_way
        last_given = self.given[gave - 1] if gave else None
        start = bisect_right(two_way, last_given) if last_given is not None else 0
        if self.added_on is not None:
            start = max(start, bisect_left(two_way, self.added_on))
        return (two_way[0] if upto else None, two_way[upto - 1] if upto else None,
                last_given, max(0, upto - start))

    def one_sided_on(self, day: date) -> bool:
        """The relationship model's judgement (domain/relationship.py) on `day`."""
        return one_sided(self.facts_on(day), today=day)

    def ties_on(self, days: Iterable[date], *, cadence_days: int) -> list[Tie]:
        """The tie on each of `days`, each judged one-sided or not on its own day: the
        same as `tie_of(self, taking=self.one_sided_on(day), ...)` for each, each record
        looked up once for both (review measures a tie a quarter for two years)."""
        two_way, given, person = self.two_way, self.given, self.person
        on_panel = person.kind != "contact"
        expected = expected_in_a_year(cadence_days)
        found = []
        for day in days:
            upto, gave = bisect_right(two_way, day), bisect_right(given, day)
            first, _, last_given, count = self._counted(upto, gave)
            taking = one_sided_by(kind=person.kind, count=count, met_on=person.met_on,
                                  first_two_way=first, last_given=last_given,
                                  added_on=self.added_on, today=day, on_panel=on_panel)[0]
            found.append(_tie(self, day, upto, gave, taking, cadence_days, expected))
        return found


def tie_of(history: History, *, taking: bool, cadence_days: int, today: date) -> Tie:
    """The tie with `history.person` on `today`. `taking` is the relationship model's
    one-sided judgement on that day (today's `Relationship.one_sided`, or
    `history.one_sided_on`).
    Only records on or before `today` count."""
    return _tie(history, today, bisect_right(history.two_way, today),
                bisect_right(history.given, today), taking, cadence_days,
                expected_in_a_year(cadence_days))


def expected_in_a_year(cadence_days: int) -> int:
    """How many two-way touch-bases a cadence asks for in 12 months (at least one)."""
    return expected_in(YEAR_DAYS, cadence_days)


def expected_in(days: int, cadence_days: int) -> int:
    """How many two-way touch-bases a cadence asks for in `days` (at least one)."""
    return max(1, round(days / max(cadence_days, 1)))


def _tie(history: History, today: date, upto: int, gave: int, taking: bool,
         cadence_days: int, expected: int) -> Tie:
    """The tie on `today`, before which `upto` two-way touch-bases and `gave` favours
    given happened; `expected` is what the cadence asks for in a year."""
    two_way = history.two_way
    count = upto - bisect_right(two_way, today - YEAR)
    began = history.began
    if began is not None and today - YEAR < began <= today:  # under a year old:
        expected = expected_in((today - began).days, cadence_days)  # asked since it began
    else:
        began = None
    frequency = count / expected if count < expected else 1.0
    if taking:
        reciprocity, words = 0.0, "one-sided"
    elif gave and bisect_right(history.got, today):
        reciprocity, words = 1.0, "both ways"
    else:
        reciprocity, words = 0.5, "neither"
    days = (today - two_way[upto - 1]).days if upto else None
    recency = (0.0 if days is None else 1.0 if days <= cadence_days
               else 0.5 if days <= 2 * cadence_days else 0.0)
    rating = history.closeness
    if rating is None:
        strength = (frequency + reciprocity + recency) / 3
    else:
        strength = (frequency + reciprocity + recency + (rating - 1) / 4) / 4
    return _new(Tie, (history.person.id, count, expected, round(frequency, 2), reciprocity,
                      words, days, recency, rating, round(strength, 2), began))


def counted_over(tie: Tie) -> str:
    """ "in 12 months", or "since 2026-09-10" for a tie under a year old."""
    return "in 12 months" if tie.counted_from is None else f"since {tie.counted_from.isoformat()}"
