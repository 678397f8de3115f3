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
from mentornet.render.text import clipped, one_line, safe


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

    table = LineTable(title=f"Your panel ({len(people)})",
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


def profile_page(profile: Profile, *, today: date) -> RenderableType:
    from rich.panel import Panel
    from rich.table import Table

    p = profile.person
    parts: list[RenderableType] = []
    about = Table.grid(padding=(0, 2))
    about.add_column(style="dim")
    about.add_column()
    rows = [
        ("kind", f"{p.kind}, {p.status}"),
        ("role", " at ".join(safe(x) for x in (p.role, p.org) if x)),
        ("seniority", safe(p.seniority)),
        ("met", " ".join(x for x in (p.met_on.isoformat() if p.met_on else "",
                                     f"via {safe(p.via)}" if p.via else "") if x)),
        ("focus", safe(", ".join(p.focus))),
        ("cadence", f"every {format_interval(profile.cadence_days)}"),
        ("last contact", _when(profile.last_contact, today)),
        ("next session", p.next_session.strftime("%a %d %b %Y") if p.next_session else ""),
        ("snoozed until", p.snoozed_until.isoformat() if p.snoozed_until
         and p.snoozed_until > today else ""),
        ("email", safe(p.email)),
        ("link", safe(p.link)),
        ("notes", safe(clipped(p.notes))),
        ("give / get", f"{profile.given} given, {profile.received} received"),
    ]
    for label, value in rows:
        if value:
            about.add_row(label, value)
    if profile.touchbases:
        from mentornet.render.rhythm import rhythm_sparkline

        about.add_row("rhythm", rhythm_sparkline(profile.touchbases, today))
    parts.append(Panel(about, title=f"[bold]{safe(p.name)}[/bold] #{p.id}",
                       title_align="left"))

    if profile.touchbases:
        history = Table(title="History", title_justify="left", show_edge=False)
        for column in ("date", "how", "by", "notes"):
            history.add_column(column)
        for t in profile.touchbases[:15]:
            how = t.channel + ("" if t.answered else " (no reply)")
            extra = f" [dim]feedback:[/dim] {safe(one_line(t.feedback, 60))}" if t.feedback else ""
            history.add_row(t.happened_on.isoformat(), how, t.initiator,
                            safe(one_line(t.notes, 70)) + extra)
        if len(profile.touchbases) > 15:
            history.caption = f"and {len(profile.touchbases) - 15} earlier"
        parts.append(history)
    if profile.favours:
        favours = Table(title="Favours", title_justify="left", show_edge=False)
        for column in ("date", "", "kind", "what"):
            favours.add_column(column)
        for f in profile.favours[:10]:
            arrow = "gave" if f.direction == "give" else "got"
            favours.add_row(f.happened_on.isoformat(), arrow, f.kind,
                            safe(one_line(f.description, 70)))
        parts.append(favours)
    open_items = [f"  #{i.id} {i.kind}: {safe(one_line(i.text, 70))}"
                  + ("" if i.person_id else " [dim](for every formal mentor)[/dim]")
                  for i in profile.parked]
    if open_items:
        parts.append(Text.from_markup("[bold]Parked for the next session[/bold]\n"
                                      + "\n".join(open_items)))
    todos = [f"  #{f.id} {safe(one_line(f.text, 70))}"
             + (f" [dim](due {f.due.isoformat()})[/dim]" if f.due else "")
             for f in profile.followups if f.is_open]
    if todos:
        parts.append(Text.from_markup("[bold]Follow-ups you owe[/bold]\n" + "\n".join(todos)))
    goals = [f"  #{g.id} {safe(one_line(g.text, 70))}"
             + (f" [dim](by {g.target.isoformat()})[/dim]" if g.target else "")
             for g in profile.goals if g.status == "open"]
    if goals:
        parts.append(Text.from_markup("[bold]Goals they help with[/bold]\n" + "\n".join(goals)))
    return Group(*parts)
