"""`mentornet ask`, `update` and `thanks`: the notes a mentee writes outside sessions.

Siblings of `prep`: each prints a Markdown note (or `--json`), or writes it with `--out`
(owner-only, replaced atomically, never over a file mentornet did not make).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from mentornet.cli import options
from mentornet.cli.app import app
from mentornet.cli.common import due_settings, name_argument, open_store, output_path, settings
from mentornet.errors import BadInput

MAX_MINUTES = 8 * 60
_DURATION = re.compile(r"(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*"
                       r"(?:m|mins?|minutes?)?)?")

_OUT_HELP = ("Write to this file (owner-only, replaced atomically) instead of printing; "
             "`-` is standard output. An existing file is replaced only if it is a note "
             "mentornet drafted.")
_FORCE_HELP = "Replace the --out file even if it is not a note mentornet drafted."


def _out() -> Any:
    return typer.Option(None, "--out", "-o", show_default=False,
                        help=_OUT_HELP)


def _out_name(what: str, as_json: bool) -> str:
    """The file suggested for --out when it names a folder: ask.md, thanks.json."""
    return f"{what}.{'json' if as_json else 'md'}"


def parse_minutes(text: str) -> int:
    """`30m`, `45`, `1h`, `1h30m`, `90 minutes`: a length of time in minutes."""
    words = text.strip().lower()
    match = _DURATION.fullmatch(words)
    minutes = None
    if words and match and (match["h"] or match["m"]):
        minutes = int(match["h"] or 0) * 60 + int(match["m"] or 0)
    if minutes is None or not 0 < minutes <= MAX_MINUTES:
        raise BadInput(f"--time {text.strip()!r} is not a length of time: give minutes or "
                       f"hours, like 30m, 45 or 1h (at most {MAX_MINUTES // 60} hours)")
    return minutes


@app.command()
def ask(
    ctx: typer.Context,
    name: str = name_argument(),
    topic: str | None = typer.Option(
        None, "--topic", help="What you want to learn from them; default: the open "
                              "questions parked for them."),
    why: str | None = typer.Option(
        None, "--why", help="Why them; default: their role, organisation and focus."),
    time: str = typer.Option("30m", "--time", help="The time you ask for: 30m, 45, 1h."),
    once: bool = typer.Option(False, "--once", help="A one-off question (the default)."),
    ongoing: bool = typer.Option(False, "--ongoing",
                                 help="Something ongoing rather than one question."),
    log: bool = typer.Option(
        False, "--log", help="Record the ask as an outreach awaiting a reply, as "
                             "`log --no-reply` does."),
    via: str = typer.Option("email", "--via", help="With --log: the channel it goes by."),
    out: Path | None = _out(),
    as_json: bool = typer.Option(False, "--json", help="Print the ask as JSON."),
    force: bool = typer.Option(False, "--force", help=_FORCE_HELP),
) -> None:
    """Draft a clear, targeted ask: the topic, why them, the time, one-off or ongoing.

    The ask is checked first: with no topic (and no question parked for them),
    a topic that names nothing specific ("product", "career advice"), or nothing
    that says why them, it stops and says what is missing; nothing is drafted.

    \b
    Example: mentornet ask priya --topic "how you run pricing experiments" --log
    """
    from mentornet.domain.asks import CLEAR_EXAMPLE, build_ask
    from mentornet.render.drafts import ask_json, ask_markdown
    from mentornet.vocab import CHANNELS, choose

    if once and ongoing:
        raise BadInput("--once and --ongoing contradict each other: give one of them")
    minutes = parse_minutes(time)
    channel = choose(via, CHANNELS, what="channel (--via)")
    s = settings(ctx)
    target = (output_path(ctx, out, option="--out", name=_out_name("ask", as_json))
              if out is not None else None)
    with open_store(ctx) as store:
        person = store.resolve(name)
        draft = build_ask(person=person, parked=store.parked_items([person.id]),
                          touchbases=store.touchbases([person.id]), today=s.today,
                          topic=topic, why=why, minutes=minutes,
                          kind="ongoing" if ongoing else "once", owner=store.owner())
    if not draft.ok:
        missing = "; ".join(c.message for c in draft.problems)
        raise BadInput(f"this ask is not clear yet, so nothing was drafted: {missing}. "
                       f"A clear one: {CLEAR_EXAMPLE}")
    text = ask_markdown(draft)
    _deliver(text, ask_json(draft, text) if as_json else None, target, force=force,
             what=f"the ask to {person.name}", out=out)
    from mentornet.render.drafts import hints

    advice = [c.message for c in draft.checks if c.check == "timing"]
    _tell([*(f"{m[0].upper()}{m[1:]}." for m in advice), *hints(draft.owner)])
    if log:
        note = f"Asked: {' '.join(draft.topic.split())}"
        with open_store(ctx, write=True) as store, store.change(f"ask {name}") as change:
            change.log_touchbase(person_id=person.id, on=s.today, channel=channel,
                                 initiator="me", answered=False, notes=note, topics=[],
                                 feedback=None, discussed=[], next_session=None)
        from mentornet.render.text import say

        say(f"Logged the ask to {person.name} as an outreach with no reply yet "
            f"({channel}, {s.today.isoformat()}).", err=True)


@app.command()
def update(
    ctx: typer.Context,
    name: str = name_argument(),
    since: str | None = typer.Option(
        None, "--since", help="News since this day; default: your last contact with them."),
    out: Path | None = _out(),
    as_json: bool = typer.Option(False, "--json", help="Print the update as JSON."),
    force: bool = typer.Option(False, "--force", help=_FORCE_HELP),
) -> None:
    """Draft a short keep-warm update for an informal mentor: no session wording.

    What you have been working on since your last contact (wins, updates and
    challenges parked for them or for everyone, progress on the goals they help
    with or that share their focus), then one light question or one offer to
    help. At most about 150 words, greeting and sign-off aside.

    \b
    Example: mentornet update sam --since 2026-09-01
    """
    from mentornet.domain.keep_warm import MAX_WORDS, build_update
    from mentornet.render.drafts import hints, update_json, update_markdown, update_parts
    from mentornet.words import counted

    s = settings(ctx)
    since_day = options.day(since, s.today, option="--since")
    target = (output_path(ctx, out, option="--out", name=_out_name("update", as_json))
              if out is not None else None)
    with open_store(ctx) as store:
        person = store.resolve(name)
        draft = build_update(
            person=person, goals=store.goals(), parked=store.parked_items(open_only=True),
            favours=store.favours([person.id]), touchbases=store.touchbases([person.id]),
            followups=store.followups([person.id]), today=s.today, since=since_day,
            rules=due_settings().rules(), added_on=store.added_on([person.id]).get(
                person.id), owner=store.owner())
    text = update_markdown(draft)
    _deliver(text, update_json(draft, text) if as_json else None, target, force=force,
             what=f"the update for {person.name}", out=out)
    _, told = update_parts(draft)
    left = len(draft.items) - len(told)
    kept = ([f"{counted(left, 'more piece')} of news left out to keep it under "
             f"{MAX_WORDS} words: --since a later day picks the latest"] if left else [])
    _tell([*kept, *hints(draft.owner), _log_hint(person.name, "Sent an update")])


@app.command()
def thanks(
    ctx: typer.Context,
    name: str = name_argument(),
    for_: str | None = typer.Option(
        None, "--for", help="A favour received or a touch-base, by id (got:ID or log:ID "
                            "when both exist); default: the latest help or advice."),
    out: Path | None = _out(),
    as_json: bool = typer.Option(False, "--json", help="Print the thank-you as JSON."),
    force: bool = typer.Option(False, "--force", help=_FORCE_HELP),
) -> None:
    """Draft a thank-you for help received, saying what came of it.

    It is about the latest help recorded with `got` or the last session's
    feedback, whichever is newer (else the last time you met), or what --for
    names. Progress on the goals they help with and wins parked since are
    quoted as written. Private notes are never included.

    \b
    Example: mentornet thanks dana --out thanks.md
    """
    from mentornet.domain.thanks import build_thanks
    from mentornet.render.drafts import hints, thanks_json, thanks_markdown

    s = settings(ctx)
    target = (output_path(ctx, out, option="--out", name=_out_name("thanks", as_json))
              if out is not None else None)
    with open_store(ctx) as store:
        person = store.resolve(name)
        draft = build_thanks(person=person, favours=store.favours([person.id]),
                             touchbases=store.touchbases([person.id]),
                             goals=store.goals(mentor_id=person.id),
                             parked=store.parked_items(), today=s.today, for_id=for_,
                             owner=store.owner())
    text = thanks_markdown(draft)
    _deliver(text, thanks_json(draft, text) if as_json else None, target, force=force,
             what=f"the thank-you to {person.name}", out=out)
    _tell([*hints(draft.owner), _log_hint(person.name, "Sent a thank-you")])


def _deliver(text: str, data: dict[str, Any] | None, target: Path | None, *, force: bool,
             what: str, out: Path | None) -> None:
    """The note (or its JSON) to standard output, or to the --out file."""
    if data is not None:
        import json

        from mentornet.render.text import inert_json

        text = inert_json(json.dumps(data, indent=2, ensure_ascii=False,
                                     default=lambda value: value.isoformat())) + "\n"
    from mentornet.render.text import emit, say

    if target is None:
        emit(text)
        return
    from mentornet.files import write_output

    if write_output(target, text, kind="draft", option="--out", force=force):
        say(f"Wrote {what} to {out}.", err=True)


def _tell(lines: list[str]) -> None:
    """Advice goes to standard error, never into the note to send."""
    from mentornet.render.text import say

    for line in lines:
        say(f"mentornet: {line}", err=True)


def _log_hint(name: str, what: str) -> str:
    return (f"once it is sent, log it so `due` knows: mentornet log \"{name}\" \"{what}\" "
            "--via email --no-reply")
