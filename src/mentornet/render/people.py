"""The panel table of `list` and the one-person page of `show`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from mentornet.dates import format_ago, format_interval

if TYPE_CHECKING:
    from mentornet.domain.profile import Profile
    from mentornet.domain.records import Person
from mentornet.render.text import clipped, one_line


def _when(day: date | None, today: date) -> str:
    if day is None:
        return "never"
    ago = format_ago((today - day).days)
    return ago if ago in ("today", "yesterday") or ago.startswith("in ") else f"{ago} ago"


def panel_table(people: Sequence[Person], last: dict[int, date], *, today: date) -> RenderableType:
    if not people:
        return Text("No one here yet. Add someone you met: mentornet add \"Dana Lee\"")
    from mentornet.render.lines import LineTable
    from mentornet.render.text import plain

    # Contacts are people in your network, not on your panel (shown only with --kind contact).
    on_panel = any(p.kind != "contact" for p in people)
    title = "Your panel" if on_panel else "Your contacts, off the panel"
    table = LineTable(title=f"{title} ({len(people)})",
                      headers=("#", "name", "kind", "organisation", "focus", "last contact"),
                      flexible=frozenset({1, 3, 4}), right=frozenset({0}))
    for p in people:
        kind = Text(p.kind)
        if p.status != "active":
            kind.append(f" ({p.status})", style="dim")
        table.rows.append((Text(str(p.id)), Text(plain(p.name), style="bold"), kind,
                           Text(plain(p.org)), Text(plain(", ".join(p.focus))),
                           Text(_when(last.get(p.id), today))))
    return table


def _sphere_words(profile: Profile) -> str:
    """The sphere and, when it was not set by you, how it was guessed."""
    sphere = profile.sphere
    if sphere is None:
        return ""
    if sphere.name is None:
        return f"unknown ({sphere.reason.removeprefix('unknown: ')})"
    return f"{sphere.name} ({sphere.reason})" if sphere.guessed else sphere.name


def _tie_words(profile: Profile) -> str:
    """The tie's strength and each of its parts, as `review` measures them."""
    from mentornet.domain.network.ties import counted_over

    tie = profile.tie
    if tie is None:
        return ""
    days = tie.days_since
    last = ("never" if days is None else "today" if days == 0 else "yesterday" if days == 1
            else f"{days} days ago")
    give_get = {"neither": "not one-sided"}.get(tie.reciprocity_words, tie.reciprocity_words)
    return (f"{tie.strength:.2f} of 1{', strong' if tie.strong else ''}: "
            f"{tie.two_way_last_year} two-way touch-bases {counted_over(tie)} (the cadence "
            f"asks {tie.expected_last_year}), give and get {give_get}, last two-way contact "
            f"{last}"
            + (f", closeness {tie.closeness} of 5" if tie.closeness else ""))


def profile_page(profile: Profile, *, today: date, full: bool = False) -> RenderableType:
    """`show`: a box of who they are, then their history, favours and what is open.

    Notes are cut to a line each, and the history to the latest 15, unless `full`.

    Laid out by hand (render/lines.py) rather than with Rich tables, which cost more to
    measure and draw than everything else `show` does.
    """
    from rich.panel import Panel

    from mentornet.domain.news import job_change
    from mentornet.render.lines import Fields, LineTable
    from mentornet.render.text import plain

    p = profile.person
    parts: list[RenderableType] = []
    rows = [
        ("kind", f"{p.kind}, {p.status}"),
        ("role" if p.role else "organisation",
         " at ".join(plain(x) for x in (p.role, p.org) if x)),
        ("seniority", plain(p.seniority)),
        ("connected" if p.kind == "contact" else "met",
         " ".join(x for x in (p.met_on.isoformat() if p.met_on else "",
                              f"via {plain(p.via)}" if p.via else "") if x)),
        ("focus", plain(", ".join(p.focus))),
        ("sphere", _sphere_words(profile)),
        ("closeness", f"{p.closeness} of 5" if p.closeness else ""),
        ("tie strength", _tie_words(profile)),
        ("cadence", f"every {format_interval(profile.cadence_days)}"),
        ("last contact", _when(profile.last_contact, today)),
        # one that passed is not next: the standing says it passed with nothing logged
        ("next session", p.next_session.strftime("%a %d %b %Y")
         if p.next_session and p.next_session >= today else ""),
        ("snoozed until", p.snoozed_until.isoformat() if p.snoozed_until
         and p.snoozed_until > today else ""),
        ("emails" if len(profile.emails) > 1 else "email",
         ", ".join(plain(e) for e in profile.emails or (p.email or "",) if e)),
        ("phone", plain(p.phone)),
        ("link", plain(p.link)),
        ("notes", plain(p.notes if full else clipped(p.notes))),
        ("give / get", f"{profile.given} given, {profile.received} received"),
        ("standing", "; ".join(profile.standing_words)),
    ]
    about = [(label, Text(value)) for label, value in rows if value]
    if profile.touchbases:
        from mentornet.render.rhythm import rhythm_sparkline

        about.append(("rhythm", rhythm_sparkline(profile.touchbases, today)))
    parts.append(Panel(Fields(about), title=Text.assemble((plain(p.name), "bold"), f" #{p.id}"),
                       title_align="left"))

    if profile.touchbases:
        shown = len(profile.touchbases) if full else 15
        earlier = len(profile.touchbases) - shown
        history = LineTable(title="History", headers=("#", "date", "how", "by", "notes"),
                            flexible={4}, wrap=True, spaced=False, right=frozenset({0}),
                            caption=f"and {earlier} earlier" if earlier > 0 else "")
        for t in profile.touchbases[:shown]:
            notes = Text(plain(t.notes).strip() if full else one_line(t.notes, 70))
            if profile.others(t):
                notes.append(f" (with {plain(', '.join(profile.others(t)))})", style="dim")
            if t.feedback:
                notes.append(" feedback: ", style="dim").append(
                    plain(t.feedback).strip() if full else one_line(t.feedback, 60))
            history.rows.append((Text(str(t.id)), Text(t.happened_on.isoformat()),
                                 Text(t.channel + ("" if t.answered else " (no reply)")),
                                 Text(t.initiator), notes))
        parts.append(history)
    if profile.favours:
        favours = LineTable(title="Favours", headers=("#", "date", "", "kind", "what"),
                            flexible={4}, wrap=True, spaced=False, right=frozenset({0}))
        for f in profile.favours[:10]:
            favours.rows.append((Text(str(f.id)), Text(f.happened_on.isoformat()),
                                 Text("gave" if f.direction == "give" else "got"),
                                 Text(f.kind), Text(one_line(f.description, 70))))
        parts.append(favours)
    sections = (
        ("Parked for the next session",
         [(f"#{i.id} {i.kind}: {one_line(i.text, 70)}",
           "" if i.person_id else " (for every formal mentor)") for i in profile.parked]),
        ("Follow-ups you owe",
         [(f"#{f.id} {one_line(f.text, 70)}", f" (due {f.due.isoformat()})" if f.due else "")
          for f in profile.followups if f.is_open]),
        ("News",  # job changes imports noticed
         [(plain(f"{j.noticed_on.isoformat()}: {job_change(j)}"), f" (from {plain(j.source)})")
          for j in profile.job_changes[:5]]),
        ("Goals they help with",
         [(f"#{g.id} {one_line(g.text, 70)}", f" (by {g.target.isoformat()})" if g.target else "")
          for g in profile.goals if g.status == "open"]),
    )
    for title, items in sections:
        if items:
            section = Text(title, style="bold")
            for text, aside in items:
                section.append(f"\n  {text}").append(aside, style="dim")
            parts.append(section)
    spaced = [parts[0]]
    for part in parts[1:]:
        spaced += [Text(), part]  # a blank line between the parts
    return Group(*spaced)

