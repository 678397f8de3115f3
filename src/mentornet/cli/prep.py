"""`mentornet prep`: the recap to send ahead of a session, and private notes for you."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentornet.cli.app import app

if TYPE_CHECKING:
    from mentornet.domain.recap import Recap
from mentornet.cli.common import (
    due_settings,
    name_argument,
    open_store,
    output_path,
    settings,
)


@app.command()
def prep(
    ctx: typer.Context,
    name: str = name_argument(),
    send_only: bool = typer.Option(
        False, "--send-only", help="Only the note to send: never the private notes."),
    out: Path | None = typer.Option(
        None, "--out", "-o", show_default=False,
        help="Write to this file (owner-only, replaced atomically) instead of printing; "
             "`-` is standard output. An existing file is replaced only if it is a recap."),
    as_json: bool = typer.Option(False, "--json", help="Print the recap as JSON."),
    force: bool = typer.Option(False, "--force",
                               help="Replace the --out file even if it is not a recap."),
) -> None:
    """Draft the recap to send a mentor a day before a session, with private notes.

    Part 1 is the note to send: what changed, goal progress, wins and challenges,
    follow-ups, what you want to focus on, thanks. Part 2 is for you: last sessions'
    notes, the give/get balance, ideas to give back, signals to ease off.

    \b
    Example: mentornet prep dana --send-only --out recap.md
    """
    from mentornet.domain.recap import build_recap
    from mentornet.render.recap import to_json, to_markdown
    s = settings(ctx)
    target = (output_path(ctx, out, option="--out",
                          name=f"recap.{'json' if as_json else 'md'}")
              if out is not None else None)
    with open_store(ctx) as store:
        person = store.resolve(name)
        parked = store.parked_items(open_only=True)
        # Their follow-ups, done ones included; of everyone else's, only the open ones,
        # as other people appear in a recap only through their open items.
        followups = store.followups([person.id]) + [
            f for f in store.followups(open_only=True) if f.person_id != person.id]
        with_items = {i.person_id for i in parked} | {f.person_id for f in followups}
        recap = build_recap(
            person=person,
            goals=store.goals(mentor_id=person.id),
            parked=parked,
            followups=followups,
            favours=store.favours([person.id]),
            touchbases=store.touchbases([person.id]),
            others=store.people(ids={i for i in with_items if i is not None}),
            today=s.today,
            rules=due_settings().rules(),
            added_on=store.added_on([person.id]).get(person.id),
            owner=store.owner(),
        )

    if as_json:
        import json

        from mentornet.render.text import inert_json

        text = inert_json(json.dumps(to_json(recap, send_only=send_only), indent=2,
                                     ensure_ascii=False,
                                     default=lambda value: value.isoformat())) + "\n"
    else:
        text = to_markdown(recap, send_only=send_only)
    from mentornet.render.text import emit, say

    if target is None:
        emit(text)
        if not as_json:
            _hint(recap, send_only=send_only)
        return
    from mentornet.files import write_output

    if write_output(target, text, kind="recap", option="--out", force=force):
        what = "the note to send" if send_only else "the recap"
        say(f"Wrote {what} for {person.name} to {out}.", err=True)
    _hint(recap, send_only=send_only)


def _hint(recap: Recap, *, send_only: bool) -> None:
    """With --send-only the private notes, which carry the hints, are not printed: the
    hints go to standard error instead, never into the note."""
    if not send_only:
        return
    from mentornet.render.recap import hints
    from mentornet.render.text import say

    for hint in hints(recap):
        say(f"mentornet: {hint}", err=True)
