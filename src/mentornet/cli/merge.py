"""Two records of one person made one: `mentornet merge KEEP OTHER`."""

from __future__ import annotations

import typer

from mentornet.cli.app import app
from mentornet.cli.common import complete_name, console, open_store

# What the rows moved are called, by table; a table not named here is named as it is.
_ROWS = {"touchbase": "touch-base", "favour": "favour", "parked_item": "parked item",
         "followup": "follow-up", "goal_mentor": "goal link", "job_change": "job change",
         "person_email": "email", "sync_item": "synced message or event"}


@app.command()
def merge(
    ctx: typer.Context,
    keep: str = typer.Argument(..., help="The person to keep: a name, part of it, or #ID.",
                               autocompletion=complete_name, show_default=False),
    other: str = typer.Argument(..., help="The duplicate, merged into KEEP and removed.",
                                autocompletion=complete_name, show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the result; change nothing."),
) -> None:
    """Merge a duplicate into the person to keep: history, favours, parked items,
    follow-ups and goal links move over, empty fields are filled, the duplicate goes.

    What KEEP already holds wins; a different value of OTHER's (a role, a phone) is kept in
    KEEP's notes, and OTHER's email as a further address. One change: `mentornet undo`
    takes it back.

    \b
    Example: mentornet merge "Dana Lee" "#14" --dry-run
    """
    from mentornet.render.text import safe

    with open_store(ctx, write=not dry_run) as store:
        keeping, merged_one = store.resolve(keep), store.resolve(other)
        if dry_run:
            plan = store.merge_plan(keeping, merged_one)
        else:
            with store.change(f"merge {keeping.name} {merged_one.name}") as change:
                plan = change.merge_people(keeping, merged_one)
    moved = [f"{count} {_ROWS.get(table, table)}{'' if count == 1 else 's'}"
             for table, count in sorted(plan.moved.items(), key=_in_order)]
    one, two = plan.keep, plan.other
    lines = [f"{'Would merge' if dry_run else 'Merged'} [bold]{safe(two.name)}[/bold] "
             f"(#{two.id}) into [bold]{safe(one.name)}[/bold] (#{one.id})."]
    lines.append(f"  moved: {', '.join(moved)}" if moved else "  moved: nothing (no history)")
    if plan.twins:
        count = len(plan.twins)
        lines.append(f"  {count} touch-base{'' if count == 1 else 's'} both had (one "
                     f"conversation, seen twice) kept once")
    if plan.merged.filled:
        filled = ", ".join(f"{name} ({_shown(plan.merged.changes, name)})"
                           for name in plan.merged.filled if name != "notes")
        if filled:
            lines.append(f"  filled from #{two.id}: {safe(filled)}")
    if plan.merged.emails:
        lines.append(f"  email kept as well: {safe(', '.join(plan.merged.emails))}")
    if plan.merged.aside:
        lines.append(f"  kept in the notes: {safe('; '.join(plan.merged.aside))}")
    lines.append(f"  {'would remove' if dry_run else 'removed'} #{two.id}"
                 + ("" if dry_run else "; `mentornet undo` takes the merge back"))
    if dry_run:
        lines.append("Nothing was changed (--dry-run).")
    console().print("\n".join(lines), soft_wrap=True)


def _in_order(item: tuple[str, int]) -> tuple[int, str]:
    order = list(_ROWS)
    return (order.index(item[0]) if item[0] in order else len(order), item[0])


def _shown(changes: dict[str, object], name: str) -> str:
    value = changes.get(name.replace(" ", "_"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(getattr(value, "isoformat", lambda: value)())
