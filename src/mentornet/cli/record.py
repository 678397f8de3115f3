"""Recording what happens: log a touch-base, favours given and received, parked items."""

from __future__ import annotations

from typing import Any

import typer

from mentornet.cli import options
from mentornet.cli.app import app
from mentornet.cli.common import (
    complete_leading_name,
    console,
    name_argument,
    name_option,
    open_store,
    settings,
)
from mentornet.errors import BadInput
from mentornet.vocab import CHANNELS, FAVOUR_KINDS, INITIATORS, PARKED_KINDS


@app.command()
def log(
    ctx: typer.Context,
    name: str = name_argument(),
    note: str | None = typer.Argument(None, help="What you talked about; - reads standard "
                                                 "input.", show_default=False),
    edit: bool = typer.Option(False, "--edit", help="Write it in $VISUAL or $EDITOR."),
    on: str | None = typer.Option(None, "--on", help="When (default today): yesterday, "
                                                    "last friday, 2026-03-01..."),
    via: str = typer.Option("meeting", "--via", help=f"Channel: {', '.join(CHANNELS)}."),
    by: str = typer.Option("me", "--by", help="Who reached out: me or them."),
    no_reply: bool = typer.Option(False, "--no-reply",
                                  help="An outreach that has had no reply yet."),
    topic: list[str] | None = typer.Option(None, "--topic", "-t",
                                           help="A topic discussed; repeat for more."),
    feedback: str | None = typer.Option(None, "--feedback", help="Feedback you received."),
    discussed: list[str] | None = typer.Option(
        None, "--discussed", help="Close a parked item by id, or `all`; repeatable."),
    next_: str | None = typer.Option(None, "--next", help="Schedule the next session."),
    with_: list[str] | None = name_option(
        "--with", help_text="Someone else who was there; repeat for more (or give NAME as "
                            "\"Dana, Sam\")."),
) -> None:
    """Record a touch-base with a person: a meeting, call, coffee, message...

    \b
    With several people ("Dana, Sam", or --with), each gets the touch-base, linked as one
    conversation: `show` says who else was there.

    \b
    Without a NOTE on a terminal, or with --edit, your $VISUAL or $EDITOR opens for it.
    Correct one later with `mentornet log edit ID` or `mentornet log delete ID`.

    \b
    Example: mentornet log dana "Talked about the reorg" --via coffee --next "in 4 weeks"
    Example: mentornet log dana --edit
    Example: mentornet log "Dana, Sam" "Lunch about the reorg" --via event
    """
    from mentornet.vocab import choose

    s = settings(ctx)
    channel = choose(via, CHANNELS, what="channel")
    initiator = choose(by, INITIATORS, what="initiator (--by)")
    if no_reply and initiator == "them":
        raise BadInput("--no-reply is for your own outreach: drop --by them, or --no-reply")
    on_day = options.day(on, s.today, option="--on") or s.today
    next_day = options.day(next_, s.today, prefer="future", option="--next")
    from mentornet.cli import writing

    if note is None and writing.on_terminal() and writing.has_editor():
        edit = True  # a touch-base is worth a note: ask for it
    if note == "-" or edit:
        note = writing.written(note, edit=edit, what="note",
                               title=f"What you talked about with {name} on {on_day}.")
    several = bool(with_) or "," in name
    if several and any(d.strip().lower() != "all" for d in discussed or []):
        raise BadInput("with several people, --discussed takes `all`: close a single parked "
                       "item with a touch-base for one person")
    closed: list[int] = []
    with open_store(ctx, write=True) as store, \
            store.change(f"log {', '.join([name, *(with_ or [])])}") as change:
        people = _people(change, name, with_ or [])
        ids = []
        for person in people:
            touchbase_id, closed_here = change.log_touchbase(
                person_id=person.id, on=on_day, channel=channel, initiator=initiator,
                answered=not no_reply, notes=note, topics=options.tags(topic),
                feedback=feedback, discussed=discussed or [], next_session=next_day)
            ids.append(touchbase_id)
            closed += closed_here
        if len(ids) > 1:
            change.link_touchbases(ids)
    from mentornet.render.text import safe

    what = "outreach (no reply yet)" if no_reply else {
        "video": "video call", "event": "chat at an event", "other": "touch-base"}.get(
            channel, channel)
    article = "an" if what[0] in "aeiou" else "a"  # an email, an outreach, a call
    names = [f"[bold]{safe(p.name)}[/bold]" for p in people]
    whom = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    lines = [f"Logged {article} {what} with {whom} on {on_day.isoformat()}."]
    if closed:
        from mentornet.words import counted

        lines.append(f"Marked {counted(len(closed), 'parked item')} discussed.")
    if next_day:
        lines.append(f"Next session: {next_day:%a %d %b %Y}.")
    console().print("\n".join(lines))


def _people(change: Any, name: str, others: list[str]) -> list[Any]:
    """The people a touch-base is with: NAME, looked up whole first (someone may be stored
    as "Lee, Dana"), else as a list of names split at its commas; then each --with."""
    from mentornet.errors import NotFound

    try:
        found = [change.resolve(name)]
    except NotFound:
        parts = [part.strip() for part in name.split(",")]
        if "," not in name or not all(parts):
            raise
        found = [change.resolve(part) for part in parts]
    found += [change.resolve(other) for other in others]
    seen: set[int] = set()
    for person in found:
        if person.id in seen:
            from mentornet.render.text import plain

            raise BadInput(f"{plain(person.name)!r} is named twice: give each person once")
        seen.add(person.id)
    return found


def _favour(ctx: typer.Context, name: str, what: str, kind: str, on: str | None,
            direction: str, edit: bool = False) -> None:
    from mentornet.render.text import safe
    from mentornet.vocab import choose

    s = settings(ctx)
    kind_ = choose(kind, FAVOUR_KINDS, what="favour kind")
    on_day = options.day(on, s.today, option="--on") or s.today
    if what == "-" or edit:
        from mentornet.cli.writing import written

        what = written(what, edit=edit, what="text", title=f"The favour ({direction}) with "
                       f"{name} on {on_day}.") or ""
    with open_store(ctx, write=True) as store, store.change(f"{direction} {name}") as change:
        person = change.resolve(name)
        change.add_favour(person_id=person.id, direction=direction, on=on_day, kind=kind_,
                          description=what)
    who = f"[bold]{safe(person.name)}[/bold]"
    said = (f"you gave {who} {_FAVOUR_WORDS.get(kind_, 'a favour')}" if direction == "give"
            else f"{who} gave you {_FAVOUR_WORDS.get(kind_, 'a favour')}")
    console().print(f"Noted: {said}.")


# A favour kind as said in a sentence: "you gave Dana an intro", "Tom gave you feedback".
_FAVOUR_WORDS = {"intro": "an intro", "feedback": "feedback", "perspective": "a perspective",
                 "evangelise": "some evangelising", "mentoring": "some mentoring",
                 "info": "some useful information", "referral": "a referral",
                 "other": "a favour"}


_KIND_HELP = f"One of: {', '.join(FAVOUR_KINDS)}."


@app.command()
def give(
    ctx: typer.Context,
    name: str = name_argument(),
    what: str = typer.Argument(..., help="What you gave back; - reads standard input.",
                               show_default=False),
    kind: str = typer.Option("other", "--kind", "-k", help=_KIND_HELP),
    on: str | None = typer.Option(None, "--on", help="When (default today)."),
    edit: bool = typer.Option(False, "--edit", help="Write it in $VISUAL or $EDITOR."),
) -> None:
    """Record a favour you gave back: an intro, feedback, an outside perspective...

    Correct one later with `mentornet give edit ID` or `mentornet give delete ID`.

    \b
    Example: mentornet give dana "Intro to Priya for the hiring panel" --kind intro
    """
    _favour(ctx, name, what, kind, on, "give", edit)


@app.command()
def got(
    ctx: typer.Context,
    name: str = name_argument(),
    what: str = typer.Argument(..., help="What you received; - reads standard input.",
                               show_default=False),
    kind: str = typer.Option("other", "--kind", "-k", help=_KIND_HELP),
    on: str | None = typer.Option(None, "--on", help="When (default today)."),
    edit: bool = typer.Option(False, "--edit", help="Write it in $VISUAL or $EDITOR."),
) -> None:
    """Record help you received: an intro, a referral, advice that worked...

    Correct one later with `mentornet got edit ID` or `mentornet got delete ID`.

    \b
    Example: mentornet got dana "Advice on the roadmap review worked" --kind perspective
    """
    _favour(ctx, name, what, kind, on, "got", edit)


@app.command()
def park(
    ctx: typer.Context,
    words: list[str] | None = typer.Argument(
        None, help="[NAME] TEXT: with a name, for that person; with the text alone, for "
                   "every formal mentor; - reads the text from standard input.",
        show_default=False, autocompletion=complete_leading_name),
    kind: str = typer.Option("question", "--as",
                             help=f"One of: {', '.join(PARKED_KINDS)}."),
    edit: bool = typer.Option(False, "--edit", help="Write the text in $VISUAL or $EDITOR "
                                                    "(park dana --edit)."),
) -> None:
    """Park a question, idea, win or challenge for the next session.

    See them with `mentornet park list [NAME]`; correct one with `mentornet park edit ID`,
    remove it with `mentornet park drop ID`.

    \b
    Example: mentornet park dana "How do I push back on the roadmap?" --as question
    Example: mentornet park dana --edit
    """
    from mentornet.render.text import safe
    from mentornet.vocab import choose

    s = settings(ctx)
    kind_ = choose(kind, PARKED_KINDS, what="parked kind (--as)")
    words = words or []
    if len(words) > 2:
        raise BadInput("park takes [NAME] TEXT: put the text in quotes, e.g. "
                       "mentornet park dana \"How do I ...?\"")
    if not words and not edit:
        raise BadInput("nothing to park: mentornet park [NAME] \"TEXT\" (or - to read the "
                       "text from standard input, or --edit to write it in your editor)")
    name: str | None
    text: str | None
    if len(words) == 2:
        name, text = words
    elif words and edit and _names_someone(ctx, words[0]):
        name, text = words[0], None  # park dana --edit: the text comes from the editor
    else:
        name, text = None, words[0] if words else None
    if text == "-" or edit:
        from mentornet.cli.writing import written

        whom = name or "every formal mentor"
        text = written(text, edit=edit, what="text",
                       title=f"What to bring up with {whom} ({kind_}).") or ""
    assert text is not None
    if name is None and not edit:
        _refuse_a_name_alone(ctx, text)
    description = f"park {name or 'for every formal mentor'}"
    with open_store(ctx, write=True) as store, store.change(description) as change:
        person = change.resolve(name) if name is not None else None
        item_id = change.park(person_id=person.id if person else None, kind=kind_,
                              text=text, on=s.today)
    whom = f"[bold]{safe(person.name)}[/bold]" if person else "every formal mentor"
    console().print(f"Parked {kind_} #{item_id} for {whom}.")


def _names_someone(ctx: typer.Context, text: str) -> bool:
    """Whether `text` names someone on the panel (one person, or several: a name either
    way)."""
    from mentornet.errors import NotFound

    with open_store(ctx) as store:
        try:
            store.resolve(text)
        except (NotFound, BadInput):
            return False
    return True


def _refuse_a_name_alone(ctx: typer.Context, text: str) -> None:
    """`park dana` with the text forgotten would park "dana" for every formal mentor."""
    if not _names_someone(ctx, text):
        return
    raise BadInput(f"{text!r} is someone on your panel, and there is nothing to park: use "
                   f"mentornet park {text} \"TEXT\" (for every formal mentor, give the text "
                   "alone)")
