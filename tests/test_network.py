"""The developmental network measured on small hand-built panels: spheres, tie strength,
the four kinds of network, the help given, each phase's check, a dormant tie, quarters."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from mentornet.domain.network.checks import DORMANT_DAYS
from mentornet.domain.network.help import help_seen
from mentornet.domain.network.phases import PHASE_TABLE
from mentornet.domain.network.shape import diversity_of
from mentornet.domain.network.spheres import guess, sphere_of
from mentornet.domain.network.ties import STRONG_TIE, History, tie_of
from mentornet.domain.owner import Owner
from mentornet.domain.records import Favour, Goal, Person, TouchBase
from mentornet.domain.relationship import relationship_of
from mentornet.domain.review import as_data, review
from mentornet.domain.review.composition import joined_and_left, on_panel_on
from mentornet.vocab import PHASES

TODAY = date(2026, 11, 22)
ME = Owner(org="Acme")


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


class Panel:
    """A panel built by hand: people, their touch-bases and favours."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.touchbases: list[TouchBase] = []
        self.favours: list[Favour] = []
        self.goals: list[Goal] = []
        self.topics: list[tuple[int, date, tuple[str, ...]]] = []

    def add(self, name: str, *, kind: str = "informal", status: str = "active",
            sphere: str | None = None, strong: bool = False, cadence: int = 28,
            focus: tuple[str, ...] = (), closeness: int | None = None, org: str | None = None,
            via: str | None = None, met: int = 800, last: int = 5) -> int:
        pid = len(self.people) + 1
        self.people.append(Person(id=pid, name=name, kind=kind, status=status, org=org,
                                  via=via, met_on=ago(met), focus=focus, cadence_days=cadence,
                                  sphere=sphere, closeness=closeness))
        if strong:  # met on the cadence for two years, lately too, and favours both ways
            for days in range(last, 730, cadence):
                self.meet(pid, days)
            self.favour(pid, "got", last + 1, "feedback")
            self.favour(pid, "give", last + 1, "intro")
        return pid

    def meet(self, pid: int, days: int, *, topics: tuple[str, ...] = (),
             answered: bool = True) -> None:
        self.touchbases.append(TouchBase(id=len(self.touchbases) + 1, person_id=pid,
                                         happened_on=ago(days), answered=answered,
                                         topics=topics))
        if topics and answered:
            self.topics.append((pid, ago(days), topics))

    def favour(self, pid: int, direction: str, days: int, kind: str = "other") -> None:
        self.favours.append(Favour(id=len(self.favours) + 1, person_id=pid,
                                   direction=direction, happened_on=ago(days), kind=kind))

    def review(self, owner: Owner | None = ME):  # type: ignore[no-untyped-def]
        return review(people=self.people, touchbases=self.touchbases, favours=self.favours,
                      goals=self.goals, today=TODAY, owner=owner, topics=self.topics)

    def network(self, owner: Owner | None = ME):  # type: ignore[no-untyped-def]
        found = self.review(owner).network
        assert found is not None
        return found


# Spheres -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("person", "sphere"), [
    (Person(1, "A", org="Acme, Inc."), "employer"),  # your organisation (me --org)
    (Person(1, "A", via="alumni"), "school"),
    (Person(1, "A", via="platform"), "platform"),
    (Person(1, "A", via="online-event"), "platform"),
    (Person(1, "A", via="friends-family"), "friends-family"),
    (Person(1, "A", via="colleague", org="Globex"), "former-employer"),
    (Person(1, "A", via="manager"), "employer"),  # no organisation known: still there
    (Person(1, "A", via="event"), "industry"),
    (Person(1, "A", org="Globex"), "industry"),
    (Person(1, "A"), None),
])
def test_a_sphere_is_guessed_from_what_is_known(person: Person, sphere: str | None) -> None:
    found = sphere_of(person, ME)
    assert (found.name, found.guessed) == (sphere, True)


def test_a_sphere_you_set_is_never_guessed() -> None:
    person = Person(1, "A", org="Acme", sphere="friends-family")
    assert sphere_of(person, ME) == ("friends-family", False, "set by you")
    assert guess(person, ME).name == "employer"


# Tie strength ------------------------------------------------------------------------------

def _tie(panel: Panel, pid: int):  # type: ignore[no-untyped-def]
    person = panel.people[pid - 1]
    history = sorted((tb for tb in panel.touchbases if tb.person_id == pid),
                     key=lambda tb: tb.happened_on)
    favours = [fav for fav in panel.favours if fav.person_id == pid]
    state = relationship_of(person, history, favours, (), today=TODAY, cadence_days=28)
    return tie_of(History(person, history, favours), taking=state.one_sided,
                  cadence_days=28, today=TODAY)


def test_a_ties_facts_on_any_day_agree_with_the_relationship_model() -> None:
    rng = random.Random(18)
    for pid in range(1, 40):
        kind = rng.choice(("formal", "informal", "mentee"))
        person = Person(pid, f"P{pid}", kind=kind, met_on=ago(rng.randrange(0, 1200)))
        touchbases = [TouchBase(n, pid, ago(rng.randrange(0, 1100)),
                                answered=rng.random() < 0.8,
                                initiator=rng.choice(("me", "them")))
                      for n in range(rng.randrange(0, 25))]
        favours = [Favour(n, pid, rng.choice(("give", "got")), ago(rng.randrange(0, 1100)))
                   for n in range(rng.randrange(0, 6))]
        added = rng.choice((None, ago(rng.randrange(0, 1200))))
        history = History(person, sorted(touchbases, key=lambda tb: tb.happened_on), favours,
                          added_on=added)
        for back in range(0, 1100, 37):
            day = ago(back)
            state = relationship_of(person, touchbases, favours, (), today=day,
                                    cadence_days=28, added_on=added)
            facts = history.facts_on(day)
            assert (history.one_sided_on(day), facts.two_way_since_given,
                    facts.first_two_way, facts.last_given) == (
                state.one_sided, state.facts.two_way_since_given,
                state.facts.first_two_way, state.facts.last_given), (pid, day)


def _random_history(rng: random.Random, pid: int) -> History:
    person = Person(pid, f"P{pid}", kind=rng.choice(("formal", "informal")),
                    status=rng.choice(("active", "active", "paused", "archived")),
                    met_on=rng.choice((None, ago(rng.randrange(0, 1200)))),
                    closeness=rng.choice((None, 1, 3, 5)))
    touchbases = sorted((TouchBase(n, pid, ago(rng.randrange(0, 1100)),
                                   answered=rng.random() < 0.8,
                                   initiator=rng.choice(("me", "them")))
                         for n in range(rng.randrange(0, 25))), key=lambda tb: tb.happened_on)
    favours = [Favour(n, pid, rng.choice(("give", "got")), ago(rng.randrange(0, 1100)))
               for n in range(rng.randrange(0, 6))]
    return History(person, touchbases, favours,
                   added_on=rng.choice((None, ago(rng.randrange(0, 1200)))))


def test_ties_on_several_days_are_each_days_tie_measured_alone() -> None:
    rng = random.Random(13)
    for pid in range(1, 60):
        history = _random_history(rng, pid)
        cadence = rng.choice((14, 28, 90))
        days = sorted(ago(rng.randrange(0, 1100)) for _ in range(rng.randrange(0, 9)))
        assert history.ties_on(days, cadence_days=cadence) == [
            tie_of(history, taking=history.one_sided_on(day), cadence_days=cadence, today=day)
            for day in days], pid


def test_each_quarter_is_the_panel_measured_alone_on_its_last_day() -> None:
    """The quarters measured together (each mentor's ties in one walk) are what measuring
    each quarter's panel on its own, tie by tie, gives, on random panels."""
    for seed in range(6):
        rng = random.Random(seed)
        panel = Panel()
        for n in range(rng.randrange(1, 30)):
            pid = panel.add(f"P{n}", kind=rng.choice(("formal", "informal", "mentee")),
                            status=rng.choice(("active", "active", "paused", "archived")),
                            sphere=rng.choice((None, "employer", "school", "industry")),
                            cadence=rng.choice((14, 28, 90)), met=rng.randrange(0, 1200),
                            closeness=rng.choice((None, 2, 5)),
                            strong=rng.random() < 0.3, last=rng.randrange(1, 300))
            for _ in range(rng.randrange(0, 20)):
                panel.meet(pid, rng.randrange(0, 1100), answered=rng.random() < 0.8)
            for _ in range(rng.randrange(0, 4)):
                panel.favour(pid, rng.choice(("give", "got")), rng.randrange(0, 1100))
        found = panel.review()
        assert found.network is not None
        for quarter in found.network.by_quarter:
            if quarter.end == TODAY:
                continue
            on = [(person, history) for person in panel.people
                  if person.kind in ("formal", "informal")
                  and on_panel_on(joined_and_left(person, history := sorted(
                      (tb for tb in panel.touchbases if tb.person_id == person.id
                       and tb.happened_on <= TODAY), key=lambda tb: (tb.happened_on, tb.id))),
                                  quarter.end)]
            ties = []
            for person, history in on:
                whole = History(person, history,
                                [fav for fav in panel.favours if fav.person_id == person.id])
                ties.append(tie_of(whole, taking=whole.one_sided_on(quarter.end),
                                   cadence_days=person.cadence_days or 28, today=quarter.end))
            diversity = diversity_of([person.sphere for person, _ in on])
            assert (quarter.size, quarter.diversity, quarter.strength.strong,
                    quarter.strength.total) == (len(on), diversity,
                                                sum(tie.strong for tie in ties), len(ties)), (
                seed, quarter.label)


def test_the_review_is_the_same_whatever_order_the_touchbases_come_in() -> None:
    """Newest first (as `touchbases` reads them) or by person (as `touchbase_days`
    does), or shuffled: the same review, on random panels."""
    for seed in range(4):
        rng = random.Random(100 + seed)
        panel = Panel()
        for n in range(rng.randrange(1, 25)):
            pid = panel.add(f"P{n}", kind=rng.choice(("formal", "informal", "mentee",
                                                       "prospect")),
                            status=rng.choice(("active", "paused", "archived")),
                            met=rng.randrange(0, 1200), strong=rng.random() < 0.3)
            for _ in range(rng.randrange(0, 20)):
                panel.meet(pid, rng.randrange(-30, 1100), answered=rng.random() < 0.7)
        expected = as_data(panel.review())
        for order in (lambda tb: (tb.person_id, tb.happened_on, tb.id),
                      lambda tb: (-tb.happened_on.toordinal(), -tb.id),
                      lambda tb, shuffle=rng.random: shuffle()):
            panel.touchbases.sort(key=order)
            assert as_data(panel.review()) == expected, seed


def test_each_part_of_a_tie_is_measured_and_shown() -> None:
    panel = Panel()
    strong = panel.add("Strong", strong=True)
    tie = _tie(panel, strong)
    assert (tie.two_way_last_year, tie.expected_last_year, tie.frequency) == (13, 13, 1.0)
    assert (tie.reciprocity, tie.reciprocity_words) == (1.0, "both ways")
    assert (tie.days_since, tie.recency) == (5, 1.0)
    assert tie.closeness is None
    assert tie.strength == 1.0
    assert tie.strong


def test_frequency_counts_only_two_way_touch_bases_of_the_last_year() -> None:
    panel = Panel()
    pid = panel.add("Some")
    for days in (10, 40, 70, 400):  # the one 400 days ago is outside the year
        panel.meet(pid, days)
    panel.meet(pid, 5, answered=False)  # an outreach with no reply is no contact
    tie = _tie(panel, pid)
    assert (tie.two_way_last_year, tie.frequency) == (3, round(3 / 13, 2))
    assert tie.days_since == 10


def test_recency_falls_after_one_and_two_cadences() -> None:
    for days, score in ((28, 1.0), (29, 0.5), (56, 0.5), (57, 0.0)):
        panel = Panel()
        pid = panel.add("Quiet")
        panel.meet(pid, days)
        assert _tie(panel, pid).recency == score, days


def test_reciprocity_uses_the_relationship_models_one_sided_judgement() -> None:
    panel = Panel()
    pid = panel.add("Taker")
    for days in (10, 30, 50, 70):  # four two-way touch-bases and nothing given back
        panel.meet(pid, days)
    panel.favour(pid, "got", 20, "referral")
    tie = _tie(panel, pid)
    assert (tie.reciprocity, tie.reciprocity_words) == (0.0, "one-sided")


def test_closeness_counts_when_you_rate_it() -> None:
    panel = Panel()
    close = panel.add("Close", closeness=5)
    distant = panel.add("Distant", closeness=1)
    unrated = panel.add("Unrated")
    strengths = [_tie(panel, pid).strength for pid in (close, distant, unrated)]
    # no history: frequency 0, reciprocity 0.5 (neither), recency 0; then closeness 1 or 0
    assert strengths == [round(1.5 / 4, 2), round(0.5 / 4, 2), round(0.5 / 3, 2)]
    assert all(strength < STRONG_TIE for strength in strengths)


# The four kinds of network -----------------------------------------------------------------

@pytest.mark.parametrize(("spheres", "strong", "kind"), [
    (("employer", "employer", "employer"), False, "receptive"),
    (("employer", "employer", "employer"), True, "traditional"),
    (("employer", "school", "industry"), False, "opportunistic"),
    (("employer", "school", "industry"), True, "entrepreneurial"),
])
def test_the_four_kinds_of_network(spheres: tuple[str, ...], strong: bool, kind: str) -> None:
    panel = Panel()
    for number, sphere in enumerate(spheres):
        panel.add(f"Mentor {number}", sphere=sphere, strong=strong)
    net = panel.network()
    assert net.size == 3
    assert net.kind == kind
    assert net.kind_words.startswith(f"A{'n' if kind[0] in 'aeiou' else ''} {kind} network")
    assert (net.diversity.high, net.strength.high) == (kind in ("opportunistic",
                                                                "entrepreneurial"), strong)


def test_the_move_for_each_kind() -> None:
    traditional = Panel()
    for number in range(3):
        traditional.add(f"Mentor {number}", sphere="employer", strong=True)
    traditional.add("Priya", kind="prospect", sphere="community")
    assert traditional.network().move == (
        "Add a mentor from industry or community: employer holds 100% of your mentors; "
        "Priya (prospect, community) is one.")
    opportunistic = Panel()
    opportunistic.add("Near", sphere="employer")
    for days in (10, 40, 70, 100):
        opportunistic.meet(1, days)
    opportunistic.add("Far", sphere="school")
    opportunistic.add("Farther", sphere="industry")
    move = opportunistic.network().move
    assert move.startswith("Strengthen your tie with Near, the one nearest to strong: ")
    entrepreneurial = Panel()
    for number, sphere in enumerate(("employer", "school", "industry")):
        entrepreneurial.add(f"Mentor {number}", sphere=sphere, strong=True)
    assert entrepreneurial.network().move.startswith("Keep it up: ")


def test_diversity_is_the_spheres_and_the_largest_share() -> None:
    found = diversity_of(["employer", "employer", "school", None])
    assert (found.count, found.largest, found.largest_share, found.unknown) == (
        2, "employer", 0.67, 1)
    assert not found.high
    assert diversity_of(["employer", "school", "industry", "community"]).high
    assert diversity_of(["employer", "employer", "school", "industry"]).high  # half: the most
    assert not diversity_of(["employer"] * 3 + ["school", "industry"]).high


def test_only_active_formal_and_informal_mentors_count() -> None:
    panel = Panel()
    panel.add("Formal", kind="formal", sphere="employer")
    panel.add("Informal", sphere="school")
    panel.add("Prospect", kind="prospect", sphere="industry")
    panel.add("Mentee", kind="mentee", sphere="industry")
    panel.add("Paused", status="paused", sphere="industry")
    net = panel.network()
    assert net.size == 2
    assert dict(net.diversity.spheres) == {"employer": 1, "school": 1}


def test_an_empty_panel_has_no_kind_and_says_what_to_do() -> None:
    net = Panel().network()
    assert (net.size, net.kind) == (0, None)
    assert net.move.startswith("Add a first mentor")


# Help --------------------------------------------------------------------------------------

def test_favours_got_and_topics_map_to_career_and_psychosocial_help() -> None:
    panel = Panel()
    pid = panel.add("Ana")
    panel.favour(pid, "got", 30, "referral")  # sponsorship
    panel.favour(pid, "give", 30, "intro")  # given, not received: no exposure
    panel.favour(pid, "got", 400, "feedback")  # over a year ago: no coaching
    panel.meet(pid, 20, topics=("Work-life balance", "a stretch project"))
    seen = help_seen(panel.favours, [(day, words) for _, day, words in panel.topics],
                     today=TODAY)
    assert seen.seen == {"sponsorship": 1, "counselling": 1, "challenging assignments": 1}
    assert seen.missing == {"career": ("coaching", "exposure"),
                            "psychosocial": ("role modelling", "acceptance", "friendship")}
    net = panel.network()
    assert net.help.missing == seen.missing


# Each phase's check ------------------------------------------------------------------------

FITTING = {
    "early-career": {"sphere": "employer", "focus": ("communication",)},
    "new-team": {"sphere": "employer", "focus": ("team onboarding",)},
    "new-domain": {"sphere": "industry", "focus": ("payments domain",)},
    "changing-roles": {"sphere": "school", "focus": ("career",)},
    "toward-management": {"kind": "formal", "cadence": 28, "focus": ("leadership",)},
    "senior": {"sphere": "industry", "focus": ("strategy",)},
}
NOT_FITTING = {  # close, but one condition short
    "early-career": {"sphere": "school", "focus": ("communication",)},
    "new-team": {"sphere": "employer", "focus": ("pricing",)},
    "new-domain": {"sphere": "friends-family", "focus": ("payments domain",)},
    "changing-roles": {"sphere": "school", "focus": ("pricing",)},
    "toward-management": {"kind": "formal", "cadence": 90, "focus": ("leadership",)},
    "senior": {"sphere": "employer", "focus": ("strategy",)},
}


@pytest.mark.parametrize("phase", PHASES)
def test_each_phase_checks_the_panel_for_what_it_calls_for(phase: str) -> None:
    assert set(FITTING) == set(NOT_FITTING) == set(PHASES)
    owner = Owner(org="Acme", phase=phase)
    fitting = Panel()
    fitting.add("Near miss", **NOT_FITTING[phase])  # type: ignore[arg-type]
    fitting.add("Right one", **FITTING[phase])  # type: ignore[arg-type]
    check = fitting.network(owner).phase
    assert check is not None
    assert check.ok
    assert [ref.name for ref in check.mentors] == ["Right one"]
    missing = Panel()
    missing.add("Near miss", **NOT_FITTING[phase])  # type: ignore[arg-type]
    check = missing.network(owner).phase
    assert check is not None
    assert not check.ok
    line = PHASE_TABLE[phase]
    assert check.text == f"You are {line.you_are}: {line.gap}; {line.who}."


def test_a_topic_of_the_last_year_counts_as_help_for_the_phase() -> None:
    owner = Owner(phase="changing-roles")
    panel = Panel()
    pid = panel.add("Sam")
    assert not panel.network(owner).phase.ok  # type: ignore[union-attr]
    panel.meet(pid, 30, topics=("interview prep",))
    assert panel.network(owner).phase.ok  # type: ignore[union-attr]


def test_the_changing_roles_check_says_it_in_plain_words() -> None:
    net = Panel().network(Owner(phase="changing-roles"))
    assert net.phase is not None
    assert net.phase.text == ("You are changing roles: nobody on your panel has helped you "
                              "define what you want from the next role; someone who has "
                              "hired for it would.")


def test_no_phase_no_check() -> None:
    assert Panel().network(Owner()).phase is None


# A dormant tie -----------------------------------------------------------------------------

def test_a_quiet_former_mentor_whose_focus_fits_a_goal_is_suggested() -> None:
    panel = Panel()
    panel.goals.append(Goal(1, "Lead a team", ago(100), focus=("leadership",)))
    paused = panel.add("Grace", status="paused", focus=("roadmaps", "Leadership"))
    panel.meet(paused, 300)
    quiet = panel.add("Quiet", focus=("leadership",))
    panel.meet(quiet, DORMANT_DAYS + 10)
    panel.meet(quiet, DORMANT_DAYS + 40)
    recent = panel.add("Recent", focus=("leadership",))
    panel.meet(recent, 100)
    off_goal = panel.add("Off goal", status="archived", focus=("pricing",))
    panel.meet(off_goal, 900)
    net = panel.network()
    assert net.dormant is not None
    assert net.dormant.person.name == "Quiet"  # a longer shared history than Grace's
    assert net.dormant.fits == ("leadership",)
    assert net.dormant.text.startswith("Reconnect with Quiet: quiet for 12 months")


def test_nobody_you_are_waiting_on_is_suggested() -> None:
    panel = Panel()
    panel.goals.append(Goal(1, "Lead a team", ago(100), focus=("leadership",)))
    pid = panel.add("Grace", status="paused", focus=("leadership",))
    panel.meet(pid, 400)
    panel.meet(pid, 60, answered=False)
    panel.meet(pid, 30, answered=False)  # two outreaches unanswered: easing off
    assert panel.network().dormant is None


# Quarter by quarter ------------------------------------------------------------------------

def test_the_shape_quarter_by_quarter_for_two_years() -> None:
    panel = Panel()
    panel.add("Old", sphere="employer", strong=True, met=900)
    panel.add("New", sphere="school", met=100)  # joined in 2026-Q3
    left = panel.add("Left", sphere="industry", status="archived", met=900)
    panel.meet(left, 400)  # went quiet in 2025-Q4
    quarters = panel.network().by_quarter
    assert [q.label for q in quarters] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4",
                                           "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert [q.size for q in quarters] == [2, 2, 2, 1, 1, 1, 2, 2]
    assert quarters[0].diversity.count == 2
    assert quarters[-1].end == TODAY
    assert quarters[4].kind == "traditional"  # Old alone: one sphere, a strong tie
    assert quarters[-1].kind == "traditional"  # two spheres; half the ties strong


# The JSON ----------------------------------------------------------------------------------

def test_the_review_data_has_the_network_key() -> None:
    panel = Panel()
    panel.add("Dana", sphere="employer", strong=True, closeness=4)
    data = as_data(panel.review(Owner(org="Acme", phase="senior")))["network"]
    assert {"size", "spheres", "diversity", "strength", "kind", "missing_help", "dormant",
            "by_quarter"} <= set(data)
    assert data["size"] == 1
    assert data["spheres"] == {"employer": 1}
    tie = data["strength"]["ties"][0]
    assert (tie["name"], tie["closeness"], tie["frequency"]["expected"]) == ("Dana", 4, 13)
    assert data["phase"]["ok"] is False
    assert len(data["by_quarter"]) == 8


def test_review_suggestions_draw_on_the_network() -> None:
    panel = Panel()
    panel.add("Dana", sphere="employer", strong=True)
    found = panel.review(Owner(org="Acme", phase="changing-roles"))
    texts = [s.text for s in found.suggestions if s.topic == "network"]
    assert texts
    assert texts[0].startswith("You are changing roles: ")
