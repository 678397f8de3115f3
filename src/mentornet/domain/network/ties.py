"""How strong each tie is, from what is recorded, each part shown.

Granovetter (1973) names the parts of a tie's strength: the time spent together, the
emotional intensity and intimacy, and the reciprocal services; Marsden & Campbell (1984)
found closeness the best single measure of it, and frequency of contact a useful but
weaker one. mentornet has four of these on record:

- frequency: two-way touch-bases in the last 12 months, against the person's cadence
  (every 4 weeks is 13 a year): 1 when you met as often as the cadence says;
- reciprocity: the give and get. The relationship model (domain/relationship.py) judges a
  one-sided relationship (taking without giving back): that is 0; a relationship where
  favours went both ways is 1; anything else is 0.5, neither;
- recency: the last two-way contact within one cadence is 1, within two is 0.5, else 0;
- closeness, when you rate it (`edit --closeness 1-5`): 1 is 0, 5 is 1.

The strength is the mean of the parts on record (closeness only when rated), from 0 to 1.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.domain.records import Favour, Person
from mentornet.domain.relationship import Relationship

YEAR_DAYS = 365
# A strong tie: at least 0.6 of the way on the parts on record. Higgins & Kram (2001) give
# no number; 0.6 asks for more than a middling score on every part (0.5 each is not
# strong): a mentor met on their cadence and recently, with some give and take.
STRONG_TIE = 0.6


@dataclass(frozen=True)
class Tie:
    """One person's tie strength on a day, and each of its parts."""

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

    @property
    def strong(self) -> bool:
        return self.strength >= STRONG_TIE


def tie_of(person: Person, two_way_days: Sequence[date], favours: Sequence[Favour],
           state: Relationship, *, cadence_days: int, today: date) -> Tie:
    """The tie with `person` on `today` (the day `state` was judged on).

    `two_way_days` are the days of their two-way touch-bases, oldest first (the records'
    own `two_way`); only those on or before today are looked at, and of `favours` only
    those on or before today. The work is a binary search, whatever the history's length.
    """
    upto = bisect_right(two_way_days, today)
    start = bisect_right(two_way_days, today - timedelta(days=YEAR_DAYS))
    count = upto - start
    expected = max(1, round(YEAR_DAYS / max(cadence_days, 1)))
    frequency = min(1.0, count / expected)
    if state.one_sided:
        reciprocity, words = 0.0, "one-sided"
    else:
        directions = {fav.direction for fav in favours if fav.happened_on <= today}
        both = {"give", "got"} <= directions
        reciprocity, words = (1.0, "both ways") if both else (0.5, "neither")
    last = two_way_days[upto - 1] if upto else None
    days = (today - last).days if last is not None else None
    recency = (0.0 if days is None else 1.0 if days <= cadence_days
               else 0.5 if days <= 2 * cadence_days else 0.0)
    parts = [frequency, reciprocity, recency]
    rating = person.closeness if person.closeness in range(1, 6) else None
    if rating is not None:
        parts.append((rating - 1) / 4)
    return Tie(person_id=person.id, two_way_last_year=count, expected_last_year=expected,
               frequency=round(frequency, 2), reciprocity=reciprocity,
               reciprocity_words=words, days_since=days, recency=recency, closeness=rating,
               strength=round(sum(parts) / len(parts), 2))
