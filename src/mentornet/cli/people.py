"""People on the panel: add, edit, list, show, schedule, snooze."""

from __future__ import annotations

from datetime import date

import typer

from mentornet.cli import options
from mentornet.cli.app import app
from mentornet.cli.common import (
    console,
    due_settings,
    name_argument,
    open_store,
    print_json,
    settings,
)
from mentornet.vocab import A_KIND, KINDS, SPHERES, STATUSES, VIA_SOURCES

SPHERE_HELP = (f"The social system they come from: {', '.join(SPHERES)} "
               "(default: guessed from --org and --via; `guess` guesses again).")


def _via(value: str | None) -> str | None:
    """A known source (a unique prefix is enough), or the user's own words as written."""
    if value is None:
        return None
    text = " ".join(value.split())
    matches = [v for v in VIA_SOURCES if v.startswith(text.lower())] if text else []
    return matches[0] if len(matches) == 1 else text or None


def _sphere(value: str | None) -> str | None:
    """One of SPHERES (a unique prefix is enough); None for none given or `guess`."""
    if value is None or value.strip().lower() in ("guess", ""):
        return None
    from mentornet.errors import BadInput
    from mentornet.vocab import choose

    try:
        return choose(value, SPHERES, what="sphere")
    except BadInput as exc:
        raise BadInput(f"{exc}, or `guess` to have it guessed") from None


def _closeness(value: str) -> int | None:
    """A closeness rating 1 to 5; None for `none` (or "")."""
    text = value.strip().lower()
    if text in ("none", ""):
        return None
    if text.isdigit() and int(text) in range(1, 6):
        return int(text)
    from mentornet.errors import BadInput

    raise BadInput(f"--closeness {value!r} is not a rating: give a whole number from 1 "
                   "(distant) to 5 (very close), or `none` to clear it")


@app.command()
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The person's full name.", show_default=False),
    kind: str = typer.Option("informal", "--kind", "-k",
                             help=f"One of: {', '.join(KINDS)}."),
    role: str | None = typer.Option(None, "--role", help="Their role or title."),
    org: str | None = typer.Option(None, "--org", help="Their organisation."),
    via: str | None = typer.Option(
        None, "--via", help=f"How you met: {', '.join(VIA_SOURCES)}, or your own words."),
    met: str | None = typer.Option(
        None, "--met", help="When you first met: recorded as a meeting (default: today, "
                            "with no touch-base recorded; `log` it to keep notes)."),
    last_contact: str | None = typer.Option(
        None, "--last-contact", metavar="DATE",
        help="For a relationship you already have: your last two-way contact, recorded "
             "as a touch-base on that date."),
    focus: list[str] | None = typer.Option(
        None, "--focus", "-f", help="A focus area they help with; repeat for more."),
    every: str | None = typer.Option(
        None, "--every", help="How often to touch base: 2w, monthly, 90d... "
                              "(default: by kind, see `mentornet config`)."),
    email: str | None = typer.Option(None, "--email", help="Email address."),
    phone: str | None = typer.Option(None, "--phone", help="Phone number."),
    link: str | None = typer.Option(None, "--link", help="A profile link."),
    note: str | None = typer.Option(None, "--note", help="A free note about them; - reads "
                                                         "standard input."),
    sphere: str | None = typer.Option(None, "--sphere", help=SPHERE_HELP),
    no_meeting: bool = typer.Option(
        False, "--no-meeting", help="With --met: don't record that meeting as a touch-base."),
    force: bool = typer.Option(False, "--force", help="Add even if the name exists."),
) -> None:
    """Add a person to your panel.

    With --met, the first meeting is recorded as a touch-base on that day; without it,
    you met today and nothing is logged yet (so a `log` later today counts once).
    For someone you have known for a while, --last-contact records your last contact.

    Without --sphere, the social system they come from is guessed from what you give:
    the same organisation as yours (`mentornet me --org`) is your employer, --via alumni
    is school, --via platform or online-event a platform; `show` says it was guessed.

    \b
    Example: mentornet add "Dana Lee" --kind formal --org Acme --via skip-level --focus leadership
    Example: mentornet add "Ines Costa" --via manager --met 2023-03-01 --last-contact 2026-09-15
    """
    from mentornet.vocab import choose

    s = settings(ctx)
    kind_ = choose(kind, KINDS, what="kind")
    sphere_ = _sphere(sphere)
    met_on = options.day(met, s.today, option="--met")
    if note == "-":
        from mentornet.cli.writing import written

        note = written(note, edit=False, what="note", title="")
    last_on = options.day(last_contact, s.today, option="--last-contact")
    if last_on is not None and met_on is not None and last_on < met_on:
        from mentornet.errors import BadInput

        raise BadInput(f"--last-contact {last_contact!r} is before --met {met!r}: the last "
                       "contact is on or after the day you met")
    cadence_days = options.interval(every)
    with open_store(ctx, write=True) as store, store.change(f"add {name}") as change:
        pid = change.add_person(name=name, kind=kind_, role=role, org=org, via=_via(via),
                                met_on=met_on if met_on or last_on else s.today,
                                focus=options.tags(focus), cadence_days=cadence_days,
                                email=email, link=link, note=note, force=force,
                                first_meeting=met_on is not None and not no_meeting,
                                last_contact=last_on,
                                phone=" ".join(phone.split()) if phone else None,
                                sphere=sphere_)
        clean = change.person(pid).name
    console().print(f"Added {_label(clean, pid)} as {A_KIND[kind_]}.")


@app.command()
def edit(
    ctx: typer.Context,
    name: str = name_argument(),
    new_name: str | None = typer.Option(None, "--name", help="A new name."),
    kind: str | None = typer.Option(None, "--kind", "-k", help=f"One of: {', '.join(KINDS)}."),
    status: str | None = typer.Option(None, "--status",
                                      help=f"One of: {', '.join(STATUSES)}."),
    every: str | None = typer.Option(None, "--every",
                                     help="Cadence: 2w, monthly, 90d... or `default`."),
    role: str | None = typer.Option(None, "--role", help="Their role or title."),
    org: str | None = typer.Option(None, "--org", help="Their organisation."),
    via: str | None = typer.Option(None, "--via", help="How you met."),
    focus: list[str] | None = typer.Option(
        None, "--focus", "-f", help="Replace their focus areas; repeat for more."),
    email: list[str] | None = typer.Option(
        None, "--email", help="Add an email address (the main one if they have none); "
                              "repeat for more. `sync mail` matches them all."),
    remove_email: list[str] | None = typer.Option(
        None, "--remove-email", help="Remove one of their addresses; their next one becomes "
                                     "the main one."),
    phone: str | None = typer.Option(None, "--phone", help="Phone number."),
    link: str | None = typer.Option(None, "--link", help="A profile link."),
    note: str | None = typer.Option(None, "--note", help="Replace the free note; - reads "
                                                         "standard input."),
    sphere: str | None = typer.Option(None, "--sphere", help=SPHERE_HELP),
    closeness: str | None = typer.Option(
        None, "--closeness", metavar="1-5",
        help="How close you feel to them, 1 (distant) to 5 (very close), part of the tie "
             "strength `review` measures; `none` clears it."),
) -> None:
    """Change a person's details; their history is kept.

    \b
    Example: mentornet edit dana --status paused --every 6w
    Example: mentornet edit dana --sphere former-employer --closeness 4
    Example: mentornet edit dana --email dana@home.example
    """
    from mentornet.vocab import choose

    changes: dict[str, object] = {}
    if new_name is not None:
        changes["name"] = new_name
    if kind is not None:
        changes["kind"] = choose(kind, KINDS, what="kind")
    if status is not None:
        changes["status"] = choose(status, STATUSES, what="status")
    if every is not None:
        changes["cadence_days"] = None if every.strip() == "default" else options.interval(every)
    if note == "-":
        from mentornet.cli.writing import written

        note = written(note, edit=False, what="note", title="")
    added = options.emails(email) if email is not None else []
    removed = options.emails(remove_email, option="--remove-email") if remove_email else []
    for key, value in (("role", role), ("org", org), ("link", link),
                       ("notes", note), ("phone", phone)):
        if value is not None:
            changes[key] = value.strip() or None
    if via is not None:
        changes["via"] = _via(via)
    if focus is not None:
        changes["focus"] = options.tags(focus)
    if sphere is not None:
        changes["sphere"] = _sphere(sphere)
    if closeness is not None:
        changes["closeness"] = _closeness(closeness)
    if not changes and not added and not removed:
        from mentornet.errors import BadInput

        raise BadInput("nothing to change: give an option such as --status paused "
                       "(see `mentornet edit --help`)")
    try:
        with open_store(ctx, write=True) as store, store.change(f"edit {name}") as change:
            person = change.resolve(name)
            for address in removed:
                change.remove_email(person.id, address)
            known = [address for address in added if not change.add_email(person.id, address)]
            if changes:
                change.edit_person(person.id, **changes)
            elif not removed and len(known) == len(added):
                raise _Unchanged  # rolls the empty change back: nothing for `undo`
    except _Unchanged:
        from mentornet.render.text import safe

        console().print(f"{_label(person.name, person.id)} already has "
                        f"{', '.join(safe(a) for a in known)}: nothing changed.")
        return
    label = _label(str(changes.get("name", person.name)), person.id)
    console().print(f"Updated {label}.")


@app.command("list")
def list_people(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", "-k", help=f"Only: {', '.join(KINDS)}."),
    status: str | None = typer.Option(
        None, "--status", help=f"Only: {', '.join(STATUSES)} (default: all but archived)."),
    focus: str | None = typer.Option(None, "--focus", "-f", help="Only people with this focus."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the people on your panel; contacts only with --kind contact.

    \b
    Example: mentornet list --kind formal --focus leadership
    """
    s = settings(ctx)
    kind_ = options.word(kind, KINDS, what="kind")
    status_ = options.word(status, STATUSES, what="status")
    with open_store(ctx) as store:
        people = store.people(kind=kind_, status=status_, archived=status_ is not None)
        if kind_ is None:  # contacts are not on the panel: only `--kind contact` lists them
            people = [p for p in people if p.kind != "contact"]
        if focus:
            from mentornet.domain.names import tag_key

            wanted = {tag_key(tag) for tag in options.tags([focus])}
            people = [p for p in people if wanted <= {tag_key(tag) for tag in p.focus}]
        last = store.last_contacts([p.id for p in people])
    if as_json:
        rules = due_settings().rules()
        print_json([{"id": p.id, "name": p.name, "kind": p.kind, "status": p.status,
                     "role": p.role, "org": p.org, "focus": list(p.focus),
                     "cadence_days": rules.cadence_for(p.kind, p.cadence_days),
                     "last_contact": last.get(p.id), "next_session": p.next_session}
                    for p in people])
        return
    from mentornet.render.people import panel_table

    console().print(panel_table(people, last, today=s.today))


@app.command()
def show(
    ctx: typer.Context,
    name: str = name_argument(),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    full: bool = typer.Option(False, "--full", help="Print notes whole and all the history."),
) -> None:
    """Show one person: details, history, favours, open items and goals.

    \b
    Example: mentornet show dana
    """
    s = settings(ctx)
    with open_store(ctx) as store:
        profile = store.profile(name, rules=due_settings().rules(), today=s.today)
        unreadable = store.unreadable(profile.person.id)
    if as_json:
        print_json(profile.as_json())
        return
    from mentornet.render.people import profile_page

    console().print(profile_page(profile, today=s.today, full=full))
    if unreadable:
        from mentornet.render.text import say

        say("\nStored values that can't be read, shown as they are and left out above "
            "(see `mentornet doctor`):")
        for value in unreadable:
            say(f"  {value}")


@app.command()
def schedule(
    ctx: typer.Context,
    name: str = name_argument(),
    when: str = typer.Argument(..., help="The date of the next session: 2026-12-03, friday, "
                                         "in 2 weeks... or `none` to clear it.",
                               show_default=False),
) -> None:
    """Set the date of your next session with a person.

    \b
    Example: mentornet schedule dana "next thursday"
    """
    who, on, before = _set_day(ctx, name, when, field="next_session", command="schedule")
    said = f"on {on:%a %d %b %Y}" if on else "cleared"
    today = settings(ctx).today
    replaced = (f" This replaces the upcoming session on {before:%a %d %b %Y}."
                if before is not None and before >= today and before != on else "")
    console().print(f"Next session with {who}: {said}.{replaced}")


@app.command()
def snooze(
    ctx: typer.Context,
    name: str = name_argument(),
    until: str = typer.Argument(..., help="Hide them from `due` until this date "
                                          "(in 3 weeks, jan 10...), or `none` to wake them.",
                                show_default=False),
) -> None:
    """Hide a person from `due` until a date.

    \b
    Example: mentornet snooze "Sam Wu" "in 3 weeks"
    """
    who, on, _ = _set_day(ctx, name, until, field="snoozed_until", command="snooze")
    said = f"snoozed until {on:%a %d %b %Y}" if on else "awake again"
    console().print(f"{who} is {said}.")


def _set_day(ctx: typer.Context, name: str, text: str, *, field: str,
             command: str) -> tuple[str, date | None, date | None]:
    """Set one date of a person, a day to come (`none` clears it): (who, the day, the
    day it replaces)."""
    s = settings(ctx)
    on = None if text.strip().lower() == "none" else options.day(
        text, s.today, prefer="future", option=command)
    with open_store(ctx, write=True) as store, store.change(f"{command} {name}") as change:
        person = change.resolve(name)
        before = getattr(person, field)
        change.edit_person(person.id, **{field: on})
    return _label(person.name, person.id), on, before


class _Unchanged(Exception):
    """An edit that would write nothing."""


def _label(name: str, pid: int | None) -> str:
    from mentornet.render.text import safe

    return f"[bold]{safe(name)}[/bold] (#{pid})"
