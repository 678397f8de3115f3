"""Correcting the record: edit or delete a touch-base, a favour or a parked item by id.

The commands are named by two words (`log edit`, `park drop`); the app reads the second
word as a sub-command only when an id follows it (cli/app.py, CORRECTIONS), so that
`mentornet log Edith "..."` still logs a touch-base.
"""

from __future__ import annotations

from typing import Any

import typer

from mentornet.cli import options
from mentornet.cli.app import app
from mentornet.cli.common import complete_name, console, open_store, print_json, settings
from mentornet.errors import BadInput
from mentornet.vocab import CHANNELS, FAVOUR_KINDS, INITIATORS, PARKED_KINDS


def id_argument(what: str) -> Any:
    return typer.Argument(..., metavar="ID", help=f"The {what}'s id (shown by show and "
                          "--json).", show_default=False)


def yes_option() -> Any:
    return typer.Option(False, "--yes", "-y", help="Delete without asking.")


def confirmed(described: str, *, yes: bool) -> None:
    """Go on with deleting `described` when the user says so: --yes, or a yes typed at
    the terminal. Without a terminal to ask on, refuse."""
    if yes:
        return
    from mentornet.cli.writing import on_terminal
    from mentornet.render.text import plain

    if not on_terminal():
        raise BadInput(f"not deleting {described} without a yes: there is no terminal to "
                       "ask on, so add --yes")
    if not typer.confirm(f"Delete {plain(described)}?", default=False):
        raise typer.Exit(1)


def for_all_option() -> Any:
    return typer.Option(None, "--for-all/--only-this", show_default=False,
                        help="For a touch-base shared with others: do it for everyone "
                             "there, or for this person alone (asked on a terminal).")


def shared(store: Any, record: Any, *, for_all: bool | None, doing: str) -> list[int]:
    """The ids of the touch-bases to correct: this one, and with `for_all` (or a yes at
    the terminal) those of the others at the same conversation."""
    if record.group_id is None:
        return [record.id]
    members = store.groups([record.group_id]).get(record.group_id, [])
    others = [(tid, pid) for tid, pid in members if tid != record.id]
    if not others:
        return [record.id]
    if for_all is None:
        from mentornet.cli.writing import on_terminal
        from mentornet.render.text import plain

        names = ", ".join(plain(store.person(pid).name) for _, pid in others)
        if not on_terminal():
            raise BadInput(f"touch-base #{record.id} is one conversation with {names} too: "
                           f"add --for-all to {doing} it for everyone there, or --only-this")
        for_all = typer.confirm(f"It was with {names} too: {doing} it for them as well?",
                                default=True)
    return [record.id, *(tid for tid, _ in others)] if for_all else [record.id]


def new_text(value: str | None, *, edit: bool, current: str | None, what: str,
             title: str) -> str | None:
    """The corrected text: as given, from standard input (`-`), or written in the editor,
    which opens on the text as it stands. None: leave it as it is."""
    if value != "-" and not edit:
        return value
    from mentornet.cli.writing import written

    start = value if value == "-" else (value if value is not None else current or "")
    return written(start, edit=edit, what=what, title=title)


def _nothing_to_change(command: str) -> BadInput:
    return BadInput(f"nothing to change: give the new text or an option "
                    f"(see `mentornet {command} --help`)")


def _whose(store: Any, person_id: int | None) -> str:
    from mentornet.render.text import safe

    if person_id is None:
        return "every formal mentor"
    return f"[bold]{safe(store.person(person_id).name)}[/bold]"


# Touch-bases -----------------------------------------------------------------------------

@app.command("log edit", hidden=True)
def log_edit(
    ctx: typer.Context,
    touchbase_id: int = id_argument("touch-base"),
    note: str | None = typer.Argument(None, help="The note corrected; - reads standard input.",
                                      show_default=False),
    edit: bool = typer.Option(False, "--edit", help="Correct the note in $VISUAL or $EDITOR."),
    on: str | None = typer.Option(None, "--on", help="The day it happened."),
    via: str | None = typer.Option(None, "--via", help=f"Channel: {', '.join(CHANNELS)}."),
    by: str | None = typer.Option(None, "--by", help="Who reached out: me or them."),
    no_reply: bool | None = typer.Option(None, "--no-reply/--replied",
                                         help="Whether it is still waiting for a reply.",
                                         show_default=False),
    topic: list[str] | None = typer.Option(None, "--topic", "-t",
                                           help="Replace the topics; repeat for more."),
    feedback: str | None = typer.Option(None, "--feedback",
                                        help="The feedback you received (\"\" clears it)."),
    for_all: bool | None = for_all_option(),
) -> None:
    """Correct a touch-base: its note, day, channel, who reached out, topics, feedback.

    \b
    Example: mentornet log edit 12 "Talked about the reorg and the offsite" --on 2026-03-02
    Example: mentornet log edit 12 --edit
    """
    from mentornet.vocab import choose

    s = settings(ctx)
    changes: dict[str, object] = {}
    if on is not None:
        changes["happened_on"] = options.day(on, s.today, option="--on")
    if via is not None:
        changes["channel"] = choose(via, CHANNELS, what="channel")
    if by is not None:
        changes["initiator"] = choose(by, INITIATORS, what="initiator (--by)")
    if no_reply is not None:
        changes["answered"] = not no_reply
    if topic:
        changes["topics"] = options.tags(topic)
    if feedback is not None:
        changes["feedback"] = feedback.strip() or None
    if note == "-" or edit:
        with open_store(ctx) as store:
            current = store.record("touch-base", touchbase_id)
        note = new_text(note, edit=edit, current=current.notes, what="note",
                        title=f"The note of touch-base #{touchbase_id}.")
    if note is not None:
        changes["notes"] = note
    if not changes:
        raise _nothing_to_change("log edit")
    with open_store(ctx) as store:
        ids = shared(store, store.record("touch-base", touchbase_id), for_all=for_all,
                     doing="correct")
    with open_store(ctx, write=True) as store, \
            store.change(f"log edit {touchbase_id}") as change:
        for one in ids:
            change.edit_record("touch-base", one, changes)
            record = change.record("touch-base", one)
            if record.initiator == "them" and not record.answered:
                raise BadInput("a touch-base they started can't be waiting for your reply: "
                               "use --replied, or --by me")
        record = change.record("touch-base", touchbase_id)
        who = _whose(change, record.person_id)
    also = _others_there(ids)
    console().print(f"Corrected touch-base #{touchbase_id} with {who}{also} "
                    f"({record.happened_on.isoformat()}).")


@app.command("log delete", hidden=True)
def log_delete(
    ctx: typer.Context,
    touchbase_id: int = id_argument("touch-base"),
    yes: bool = yes_option(),
    for_all: bool | None = for_all_option(),
) -> None:
    """Delete a touch-base logged by mistake (`mentornet undo` brings it back).

    \b
    Example: mentornet log delete 12 --yes
    """
    with open_store(ctx) as store:
        record = store.record("touch-base", touchbase_id)
        described = (f"the touch-base #{touchbase_id} with {store.person(record.person_id).name}"
                     f" on {record.happened_on.isoformat()}")
    confirmed(described, yes=yes)
    with open_store(ctx) as store:
        ids = shared(store, record, for_all=for_all, doing="delete")
    with open_store(ctx, write=True) as store, \
            store.change(f"log delete {touchbase_id}") as change:
        for one in ids:
            change.delete_record("touch-base", one)
    deleted(described + _others_there(ids))


def _others_there(ids: list[int]) -> str:
    """" and 2 others there": the others at a shared touch-base corrected with it."""
    from mentornet.words import counted

    return f" and {counted(len(ids) - 1, 'other')} there" if len(ids) > 1 else ""


def deleted(described: str) -> None:
    from mentornet.render.text import safe

    console().print(f"Deleted {safe(described)}. `mentornet undo` brings it back.")


# Favours ---------------------------------------------------------------------------------

def _favour_edit(ctx: typer.Context, direction: str, favour_id: int, what: str | None,
                 kind: str | None, on: str | None, edit: bool) -> None:
    from mentornet.vocab import choose

    s = settings(ctx)
    changes: dict[str, object] = {}
    if kind is not None:
        changes["kind"] = choose(kind, FAVOUR_KINDS, what="favour kind")
    if on is not None:
        changes["happened_on"] = options.day(on, s.today, option="--on")
    with open_store(ctx) as store:
        current = _favour_of(store, direction, favour_id)
    what = new_text(what, edit=edit, current=current.description, what="text",
                    title=f"The favour #{favour_id}.")
    if what is not None:
        changes["description"] = what
    if not changes:
        raise _nothing_to_change(f"{direction} edit")
    with open_store(ctx, write=True) as store, \
            store.change(f"{direction} edit {favour_id}") as change:
        _favour_of(change, direction, favour_id)
        change.edit_record("favour", favour_id, changes)
        who = _whose(change, current.person_id)
    console().print(f"Corrected favour #{favour_id} with {who}.")


def _favour_of(store: Any, direction: str, favour_id: int) -> Any:
    """The favour, refused when it went the other way (`give edit` on one you got)."""
    favour = store.record("favour", favour_id)
    if favour.direction != direction:
        other = "got" if direction == "give" else "give"
        whose = "you got" if direction == "give" else "you gave"
        raise BadInput(f"favour #{favour_id} is one {whose}: use mentornet {other} edit "
                       f"{favour_id} or mentornet {other} delete {favour_id}")
    return favour


def _favour_delete(ctx: typer.Context, direction: str, favour_id: int, yes: bool) -> None:
    with open_store(ctx) as store:
        favour = _favour_of(store, direction, favour_id)
        described = (f"the favour #{favour_id} with {store.person(favour.person_id).name} "
                     f"on {favour.happened_on.isoformat()}")
    confirmed(described, yes=yes)
    with open_store(ctx, write=True) as store, \
            store.change(f"{direction} delete {favour_id}") as change:
        _favour_of(change, direction, favour_id)
        change.delete_record("favour", favour_id)
    deleted(described)


_TEXT_HELP = "The text corrected; - reads standard input."
_KIND_HELP = f"One of: {', '.join(FAVOUR_KINDS)}."


@app.command("give edit", hidden=True)
def give_edit(
    ctx: typer.Context,
    favour_id: int = id_argument("favour"),
    what: str | None = typer.Argument(None, help=_TEXT_HELP, show_default=False),
    kind: str | None = typer.Option(None, "--kind", "-k", help=_KIND_HELP),
    on: str | None = typer.Option(None, "--on", help="The day it happened."),
    edit: bool = typer.Option(False, "--edit", help="Correct it in $VISUAL or $EDITOR."),
) -> None:
    """Correct a favour you gave: what it was, its kind or its day.

    \b
    Example: mentornet give edit 7 "Intro to Priya and Sam" --kind intro
    """
    _favour_edit(ctx, "give", favour_id, what, kind, on, edit)


@app.command("give delete", hidden=True)
def give_delete(ctx: typer.Context, favour_id: int = id_argument("favour"),
                yes: bool = yes_option()) -> None:
    """Delete a favour you gave, noted by mistake (`mentornet undo` brings it back).

    \b
    Example: mentornet give delete 7 --yes
    """
    _favour_delete(ctx, "give", favour_id, yes)


@app.command("got edit", hidden=True)
def got_edit(
    ctx: typer.Context,
    favour_id: int = id_argument("favour"),
    what: str | None = typer.Argument(None, help=_TEXT_HELP, show_default=False),
    kind: str | None = typer.Option(None, "--kind", "-k", help=_KIND_HELP),
    on: str | None = typer.Option(None, "--on", help="The day it happened."),
    edit: bool = typer.Option(False, "--edit", help="Correct it in $VISUAL or $EDITOR."),
) -> None:
    """Correct help you received: what it was, its kind or its day.

    \b
    Example: mentornet got edit 8 --kind referral
    """
    _favour_edit(ctx, "got", favour_id, what, kind, on, edit)


@app.command("got delete", hidden=True)
def got_delete(ctx: typer.Context, favour_id: int = id_argument("favour"),
               yes: bool = yes_option()) -> None:
    """Delete help you received, noted by mistake (`mentornet undo` brings it back).

    \b
    Example: mentornet got delete 8 --yes
    """
    _favour_delete(ctx, "got", favour_id, yes)


# Parked items ----------------------------------------------------------------------------

@app.command("park edit", hidden=True)
def park_edit(
    ctx: typer.Context,
    item_id: int = id_argument("parked item"),
    text: str | None = typer.Argument(None, help=_TEXT_HELP, show_default=False),
    kind: str | None = typer.Option(None, "--as", help=f"One of: {', '.join(PARKED_KINDS)}."),
    edit: bool = typer.Option(False, "--edit", help="Correct it in $VISUAL or $EDITOR."),
) -> None:
    """Correct a parked item: its text or its kind.

    \b
    Example: mentornet park edit 3 "How do I push back on the Q3 roadmap?" --as challenge
    """
    from mentornet.vocab import choose

    changes: dict[str, object] = {}
    if kind is not None:
        changes["kind"] = choose(kind, PARKED_KINDS, what="parked kind (--as)")
    with open_store(ctx) as store:
        current = store.record("parked item", item_id)
    text = new_text(text, edit=edit, current=current.text, what="text",
                    title=f"The parked item #{item_id}.")
    if text is not None:
        changes["text"] = text
    if not changes:
        raise _nothing_to_change("park edit")
    with open_store(ctx, write=True) as store, store.change(f"park edit {item_id}") as change:
        change.edit_record("parked item", item_id, changes)
        who = _whose(change, current.person_id)
    console().print(f"Corrected parked item #{item_id} for {who}.")


@app.command("park drop", hidden=True)
def park_drop(ctx: typer.Context, item_id: int = id_argument("parked item"),
              yes: bool = yes_option()) -> None:
    """Drop a parked item you no longer need to raise (`mentornet undo` brings it back).

    An item parked for every formal mentor is dropped for all of them.

    \b
    Example: mentornet park drop 3 --yes
    """
    with open_store(ctx) as store:
        item = store.record("parked item", item_id)
        whom = (store.person(item.person_id).name if item.person_id is not None
                else "every formal mentor")
    described = f"the parked {item.kind} #{item_id} for {whom}"
    confirmed(described, yes=yes)
    with open_store(ctx, write=True) as store, store.change(f"park drop {item_id}") as change:
        change.delete_record("parked item", item_id)
    deleted(described)


@app.command("park list", hidden=True)
def park_list(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="Only what is parked for this person "
                                      "(with a formal mentor, what is parked for every one).",
                                      autocompletion=complete_name, show_default=False),
    show_all: bool = typer.Option(False, "--all", help="Include the items discussed."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List what is parked for the next sessions, with ids to edit or drop.

    To park for someone called List, use `mentornet park -- List TEXT`.

    \b
    Example: mentornet park list dana
    """
    from mentornet.domain.records import as_dict

    with open_store(ctx) as store:
        if name is None:
            items = store.parked_items(open_only=not show_all)
        else:
            person = store.resolve(name)
            items = store.parked_items([person.id], general=person.kind == "formal",
                                       open_only=not show_all)
        names = dict(store.names())
    if as_json:
        print_json([as_dict(i) | {"person": names.get(i.person_id) if i.person_id else None}
                    for i in items])
        return
    from mentornet.render.plans import parked_table

    console().print(parked_table(items, names))
