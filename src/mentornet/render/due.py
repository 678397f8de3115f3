"""`due` drawn with Rich: the table of whom to update, the --explain receipt, JSON data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from mentornet.dates import format_ago
from mentornet.domain.urgency import MONTHS, Urgency
from mentornet.render.text import plain

_HEADLINE_STYLE = {"session-soon": "bold magenta", "followup-overdue": "yellow",
                   "session-passed": "yellow", "takeoff": "cyan", "stale": "red",
                   "due": "green", "thanks-owed": "green",
                   "news": "cyan"}


def due_table(ranked: Sequence[Urgency], *, today: date, everyone: bool, more: int = 0
              ) -> RenderableType:
    """Name, kind, last contact, what is due and why; most urgent first.

    `more` says how many less urgent rows to update were left out. People waiting for a reply are
    not "to update": they follow the list under their own heading, with when to try again.
    """
    listed = [found for found in ranked if not found.waiting]
    waiting = [found for found in ranked if found.waiting]
    if not listed and not everyone:
        title = "Nobody to update"
    elif everyone:
        title = "Your panel, most urgent first"
    else:
        count = len(listed) + more
        title = f"{count} {'person' if count == 1 else 'people'} to update"
    if more:
        title += f" (the first {len(listed)} shown)"
        caption = (f"… and {more} more: `mentornet due --limit {len(listed) + more}` shows "
                   "them all. `mentornet due --explain NAME` shows how a score adds up.")
    else:
        caption = "`mentornet due --explain NAME` shows how a score adds up."
    parts: list[RenderableType] = []
    if listed or not waiting:
        parts.append(_table(listed, title=title, today=today,
                            caption="" if waiting else caption))
    if waiting:
        if parts:
            parts.append(Text())  # a blank line between the two lists
        parts.append(_table(waiting, title="Waiting for a reply (not counted above)",
                            today=today, caption=caption))
    return Group(*parts)


def _table(rows: Sequence[Urgency], *, title: str, today: date,
           caption: str) -> RenderableType:
    from mentornet.render.lines import LineTable

    table = LineTable(title=title, headers=("Name", "Last contact", "What is due", "Why"),
                      flexible=frozenset({0, 3}), max_widths={0: 20, 1: 12, 2: 16},
                      wrap=True, caption=caption)
    for found in rows:
        what = Text(found.headline, style=_style(found))
        if found.hidden_because:
            what.append(f"\n({found.hidden_because})", style="dim")
        who = Text(plain(found.facts.name), style="bold")
        who.append(f"\n{found.facts.kind}", style="dim")
        table.rows.append((who, Text(last_contact(found.last_contact, today, short=True)),
                           what, Text("\n".join(f"• {plain(r)}" for r in found.reasons))))
    return table


def nothing_due(*, empty_panel: bool) -> str:
    if empty_panel:
        return ("Your panel is empty. Add the first person with "
                "`mentornet add \"NAME\" --kind formal`.")
    return ("Nobody needs an update today: your panel is in good shape. "
            "(`mentornet due --all` shows everyone.)")


def receipt(found: Urgency, *, today: date) -> RenderableType:
    """Each term's weight x factor = points, like a receipt, and the total."""
    facts = found.facts
    heading = Text()
    heading.append(plain(facts.name), style="bold")
    heading.append(f" (#{facts.person_id}, {facts.kind}, every {found.cadence_days} days)")
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_footer=True)
    table.add_column("Term", footer="Score")
    table.add_column("Weight", justify="right")
    table.add_column("× factor", justify="right")
    table.add_column("= points", justify="right", footer=Text(f"{found.score:.1f}",
                                                               style="bold"))
    table.add_column("Why", ratio=1)
    for term in found.terms:
        table.add_row(term.name, f"{term.weight:.1f}", f"{term.factor:.2f}",
                      f"{term.points:+.1f}", Text(plain(term.reason)))
    flags = ", ".join(found.flags) or "none"
    summary = Text(f"Flags: {flags}\nLast contact: "
                   f"{last_contact(found.last_contact, today)} · next touch-base due: "
                   f"{_day(found.next_due)} · next session: {_day(found.next_session)}")
    if found.hidden_because:
        state = f"Left out of `due` ({found.hidden_because}); `due --all` shows them."
    elif found.is_due:
        state = "On your `due` list."
    else:
        state = "Nothing due yet: not on your `due` list."
    summary.append(f"\n{state}")
    return Group(heading, table, summary)


def last_contact(day: date | None, today: date, *, short: bool = False) -> str:
    """"Oct 14, 2026 (5 weeks ago)"; `short`: "5 weeks ago"; or "never"."""
    if day is None:
        return "never"
    days = (today - day).days
    ago = format_ago(days) if days in (0, 1) or days < 0 else f"{format_ago(days)} ago"
    return ago if short else f"{_day(day)} ({ago})"


def as_json(found: Urgency, *, terms: bool = False) -> dict[str, Any]:
    """The `due --json` object; `terms` adds the receipt (for --explain)."""
    data: dict[str, Any] = {
        "id": found.facts.person_id, "name": found.facts.name, "kind": found.facts.kind,
        "score": round(found.score, 1) + 0.0, "flags": list(found.flags),
        "reasons": list(found.reasons), "last_contact": _iso(found.last_contact),
        "next_due": _iso(found.next_due), "next_session": _iso(found.next_session)}
    if terms:
        data["terms"] = [{"term": term.name, "weight": round(term.weight, 2),
                          "factor": round(term.factor, 3), "points": round(term.points, 2),
                          "reason": term.reason} for term in found.terms]
    return data


def _style(found: Urgency) -> str:
    """The headline's colour; waiting for a reply is never shown in urgency's red."""
    if found.waiting:
        return "dim"
    return next((_HEADLINE_STYLE[flag] for flag in ("session-soon", "followup-overdue",
                                                    "session-passed", "takeoff", "stale",
                                                    "due", "thanks-owed", "news")
                 if flag in found.flags), "dim")


def _day(day: date | None) -> str:
    return "—" if day is None else f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
