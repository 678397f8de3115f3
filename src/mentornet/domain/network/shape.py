"""The network's shape (Higgins & Kram, 2001): its diversity, its strength, and the kind
of network the two give, with the one move that would most improve it.

Higgins & Kram cross two dimensions of a developmental network. Diversity: how many
different social systems the developers come from, and how few of them know each other;
mentornet does not record who knows whom, so it reads concentration instead (the largest
share of the panel in one sphere: people of the same system tend to know each other).
Strength: how strong the ties are (see ties.py). Low or high on each gives four kinds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mentornet.domain.network.ties import STRONG_TIE, Tie, counted_over
from mentornet.vocab import SPHERES

# Diverse: developers from at least three spheres, and no more than half of them in one.
# Higgins & Kram (2001) describe high and low diversity without a number, so these are
# judgements: three is the least that reaches beyond your workplace and one other system,
# and a panel with over half its people in one sphere mostly knows the same people.
DIVERSE_SPHERES = 3
CONCENTRATED_SHARE = 0.5
# Strong: at least half the ties strong (STRONG_TIE in ties.py). Higgins & Kram speak of
# a network of mostly strong or mostly weak ties; half is where "mostly" begins.
STRONG_SHARE = 0.5

KIND_WORDS = {
    "receptive": "A receptive network: weak ties from few social systems, so little "
                 "advice reaches you, and from one place.",
    "traditional": "A traditional network: strong ties from few social systems; close "
                   "support, but its people know each other and see the same "
                   "opportunities.",
    "opportunistic": "An opportunistic network: people from many social systems but weak "
                     "ties; a wide reach with little depth when you need it.",
    "entrepreneurial": "An entrepreneurial network: strong ties across many social "
                       "systems, the kind Higgins & Kram link to career change and "
                       "learning.",
}


@dataclass(frozen=True)
class Diversity:
    spheres: Mapping[str, int]  # sphere -> active mentors in it (known spheres only)
    unknown: int  # active mentors whose sphere is unknown
    count: int  # how many spheres
    largest: str | None  # the sphere with the largest share
    largest_share: float  # its share of the mentors whose sphere is known, 0 to 1

    @property
    def high(self) -> bool:
        return self.count >= DIVERSE_SPHERES and self.largest_share <= CONCENTRATED_SHARE

    @property
    def missing(self) -> tuple[str, ...]:
        """The spheres nobody on the panel comes from, in the vocabulary's order."""
        return tuple(sphere for sphere in SPHERES if sphere not in self.spheres)


@dataclass(frozen=True)
class Strength:
    strong: int  # strong ties among the active mentors
    total: int
    share: float  # 0 to 1

    @property
    def high(self) -> bool:
        return self.total > 0 and self.share >= STRONG_SHARE


def diversity_of(spheres: Sequence[str | None]) -> Diversity:
    """The diversity of the active mentors, from each one's sphere (None: unknown)."""
    counts = Counter(sphere for sphere in spheres if sphere is not None)
    known = sum(counts.values())
    ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], SPHERES.index(item[0])
                                                           if item[0] in SPHERES else 99)))
    largest = next(iter(ordered), None)
    share = round(counts[largest] / known, 2) if largest is not None else 0.0
    return Diversity(spheres=ordered, unknown=len(spheres) - known, count=len(counts),
                     largest=largest, largest_share=share)


def strength_of(ties: Sequence[Tie]) -> Strength:
    strong = sum(tie.strong for tie in ties)
    return Strength(strong=strong, total=len(ties),
                    share=round(strong / len(ties), 2) if ties else 0.0)


def kind_of(diversity: Diversity, strength: Strength) -> str | None:
    """Receptive, traditional, opportunistic or entrepreneurial; None with no mentor."""
    if strength.total == 0:
        return None
    if diversity.high:
        return "entrepreneurial" if strength.high else "opportunistic"
    return "traditional" if strength.high else "receptive"


@dataclass(frozen=True)
class Outsider:
    """Someone not among your active mentors, from a sphere the panel lacks."""

    name: str
    kind: str
    sphere: str


def move_for(kind: str | None, diversity: Diversity, ties: Sequence[Tie],
             names: Mapping[int, str], outsiders: Sequence[Outsider] = ()) -> str:
    """The one move that would most improve the network, in a sentence.

    Weak ties (receptive, opportunistic): strengthen the tie nearest to strong, by its
    weakest part. Strong but narrow (traditional): a developer from a sphere the panel
    lacks, naming a prospect or contact from one when there is. Entrepreneurial: keep the
    strong tie most at risk. A receptive panel of one or two gets wider first.
    """
    if kind is None:
        return ("Add a first mentor: someone whose work you admire, e.g. mentornet add "
                "\"Dana Lee\" --kind informal.")
    weak = sorted((t for t in ties if not t.strong), key=lambda t: (-t.strength, t.person_id))
    if kind == "traditional" or (kind == "receptive" and len(ties) < DIVERSE_SPHERES):
        return _widen(diversity, outsiders)
    if kind in ("receptive", "opportunistic") and weak:
        return _strengthen(weak[0], names)
    strong = sorted((t for t in ties if t.strong), key=lambda t: (t.strength, t.person_id))
    if strong:
        tie = strong[0]
        return (f"Keep it up: {names.get(tie.person_id, '?')} is the strong tie nearest to "
                f"weakening ({tie.strength:.2f}); meet on their cadence.")
    return _widen(diversity, outsiders)


def _widen(diversity: Diversity, outsiders: Sequence[Outsider]) -> str:
    lacking = [s for s in ("industry", "community", "former-employer", "school", "platform",
                           "employer", "friends-family") if s in diversity.missing]
    where = " or ".join(lacking[:2]) if lacking else "another sphere"
    ask = next((o for o in outsiders if o.sphere in lacking), None)
    such = (f"; {ask.name} ({ask.kind}, {ask.sphere}) is one" if ask is not None else "")
    held = (f": {diversity.largest} holds {round(diversity.largest_share * 100)}% of your "
            "mentors" if diversity.largest else "")
    return f"Add a mentor from {where}{held}{such}."


def _strengthen(tie: Tie, names: Mapping[int, str]) -> str:
    name = names.get(tie.person_id, "?")
    parts = {"frequency": tie.frequency, "reciprocity": tie.reciprocity,
             "recency": tie.recency}
    weakest = min(parts, key=lambda part: (parts[part], part))
    if weakest == "reciprocity":
        how = "give something back (an intro, feedback, an article)"
    elif weakest == "recency":
        how = ("get back in touch" + (f": {tie.days_since} days since your last contact"
                                      if tie.days_since is not None else ""))
    else:
        how = (f"meet as often as your cadence says ({tie.two_way_last_year} of "
               f"{tie.expected_last_year} {counted_over(tie)})")
    return f"Strengthen your tie with {name}, the one nearest to strong: {how}."


__all__ = ["CONCENTRATED_SHARE", "DIVERSE_SPHERES", "KIND_WORDS", "STRONG_SHARE",
           "STRONG_TIE", "Diversity", "Outsider", "Strength", "diversity_of", "kind_of",
           "move_for", "strength_of"]
