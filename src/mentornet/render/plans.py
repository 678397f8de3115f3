"""Tables of follow-ups and goals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from mentornet.domain.records import FollowUp, Goal, ParkedItem
from mentornet.render.text import one_line, safe


def followup_table(items: Sequence[FollowUp], names: dict[int, str], *,
                   today: date) -> RenderableType:
    if not items:
        return Text("No follow-ups owed. Promise something? mentornet todo add NAME TEXT")
    table = Table(title="Follow-ups", title_justify="left")
    for column in ("#", "for", "what", "due", "state"):
        table.add_column(column)
    for f in items:
        late = f.is_open and f.due is not None and f.due < today
        due = f.due.isoformat() if f.due else ""
        state = f"done {f.done_on.isoformat()}" if f.done_on else ("[red]late[/red]" if late
                                                                   else "open")
        table.add_row(str(f.id), safe(names.get(f.person_id, "?")), safe(one_line(f.text, 60)),
                      due, state)
    return table


def parked_table(items: Sequence[ParkedItem], names: dict[int, str]) -> RenderableType:
    if not items:
        return Text("Nothing parked. Park a question: mentornet park NAME \"How do I ...?\"")
    table = Table(title="Parked for the next sessions", title_justify="left")
    for column in ("#", "for", "kind", "what", "parked", "state"):
        table.add_column(column)
    for i in items:
        whom = safe(names.get(i.person_id, "?")) if i.person_id else "every formal mentor"
        state = "open" if i.is_open else (
            f"discussed {i.discussed_on.isoformat() if i.discussed_on else ''}"
            + (f" with {safe(names.get(i.discussed_with, '?'))}" if i.discussed_with else ""))
        table.add_row(str(i.id), whom, i.kind, safe(one_line(i.text, 60)),
                      i.parked_on.isoformat(), state)
    return table


def goal_table(goals: Sequence[Goal], names: dict[int, str], *, today: date) -> RenderableType:
    if not goals:
        return Text("No goals yet. Add one: mentornet goal add TEXT --by DATE --mentor NAME")
    table = Table(title="Goals", title_justify="left")
    for column in ("#", "goal", "by", "focus", "mentors", "latest progress", "state"):
        table.add_column(column)
    past = [g for g in goals if g.status == "open" and g.target and g.target <= today]
    for g in goals:
        latest = g.progress[0] if g.progress else None
        table.add_row(
            str(g.id), safe(one_line(g.text, 50)), g.target.isoformat() if g.target else "",
            safe(", ".join(g.focus)), safe(", ".join(names.get(i, "?") for i in g.mentor_ids)),
            f"{latest.noted_on.isoformat()}: {safe(one_line(latest.note, 40))}" if latest else "",
            "[yellow]past its date[/yellow]" if g in past else g.status)
    if not past:
        return table
    from rich.console import Group

    ids = ", ".join(f"#{g.id}" for g in past)
    first = past[0].id
    return Group(table, Text(
        f"{ids} {'is' if len(past) == 1 else 'are'} at or past the target date: close "
        f"(mentornet goal done {first}), extend (mentornet goal edit {first} --by DATE) or "
        f"drop (mentornet goal drop {first})."))
