"""`mentornet sync calendar|mail`: touch-bases from the calendar and mail files you keep."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from mentornet.cli import options
from mentornet.cli.app import app
from mentornet.cli.common import console, open_store, settings

sync_app = typer.Typer(help="""Touch-bases from your calendar and your mail, read from files.

\b
Example: mentornet sync calendar ~/.calendars/work --dry-run
Example: mentornet sync mail ~/Mail/work --since "30 days ago"
""", no_args_is_help=True)
app.add_typer(sync_app, name="sync")

_PATHS_HELP = "read; repeat for more. Never modified."
_CALENDAR = "an .ics file or a folder of them"  # what each sync reads, for its errors
_MAIL = "an mbox file or a Maildir folder"


def _since() -> Any:
    return typer.Option(None, "--since", show_default=False,
                        help="Read from this day on (default: the day of the last sync of "
                             "this source, or 90 days ago).")


def _dry_run() -> Any:
    return typer.Option(False, "--dry-run",
                        help="List what would be recorded, per person, and write nothing.")


def _skip_invalid() -> Any:
    return typer.Option(False, "--skip-invalid",
                        help="Go on without a file that can't be read, and list it (by "
                             "default such a file stops the sync, and nothing is written).")


def _suggest() -> Any:
    return typer.Option(False, "--suggest",
                        help="List the unknown addresses seen most often: people to add.")


def _max_people() -> Any:
    from mentornet.domain.sync import DEFAULT_MAX_PEOPLE

    return typer.Option(DEFAULT_MAX_PEOPLE, "--max-people", min=1,
                        help="Skip what has more people than this (attendees; recipients).")


@sync_app.command("calendar")
def sync_calendar(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., show_default=False,
                                       help=f"An .ics file or a folder of them to {_PATHS_HELP}"),
    since: str | None = _since(),
    dry_run: bool = _dry_run(),
    skip_invalid: bool = _skip_invalid(),
    suggest: bool = _suggest(),
    max_people: int = _max_people(),
) -> None:
    """Record your past meetings with people on your panel, and their next sessions, from
    calendar files (.ics).

    A past event with someone on your panel as attendee or organiser becomes a touch-base
    (video when it carries a conference link, else meeting); the next upcoming one becomes
    their next session when it is sooner than the one recorded. All-day, cancelled,
    declined and big events are skipped. Running it again adds nothing new.

    \b
    Example: mentornet sync calendar ~/.calendars/work --dry-run
    """
    from datetime import timedelta

    from mentornet.domain.sync_calendar import plan_calendar
    from mentornet.io.calendar_read import Unreadable, calendar_files, read_events

    today = settings(ctx).today
    start = _start(ctx, since, "calendar")
    end = today + timedelta(days=366)  # far enough to find the next session

    def read(people: Any) -> tuple[list[Any], list[str]]:
        known = set(people.owners)

        def relevant(addresses: set[str]) -> bool:
            return not known.isdisjoint(addresses)

        files = _listed(paths, calendar_files, Unreadable, skip_invalid=skip_invalid,
                        give=_CALENDAR)
        return _each(files[0], lambda path: list(read_events(
            path, start=start, end=end, relevant=relevant)), Unreadable,
            skip_invalid=skip_invalid, skipped=files[1], give=_CALENDAR)

    _sync(ctx, "calendar", read, lambda events, **kw: plan_calendar(events, **kw),
          since=start, dry_run=dry_run, suggest=suggest, max_people=max_people)


@sync_app.command("mail")
def sync_mail(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., show_default=False,
                                       help=f"An mbox file or a Maildir folder to {_PATHS_HELP}"),
    since: str | None = _since(),
    dry_run: bool = _dry_run(),
    skip_invalid: bool = _skip_invalid(),
    suggest: bool = _suggest(),
    max_people: int = _max_people(),
    with_subjects: bool = typer.Option(
        False, "--with-subjects",
        help="Also read each message's Subject, kept as the touch-base's note."),
) -> None:
    """Record the messages you exchanged with people on your panel, from an mbox file or
    a Maildir (headers only: bodies are never read).

    A message you sent to someone is an outreach; one from them is a touch-base they
    started, and answers your outreaches of the 14 days before. One touch-base per person,
    thread and day. Mailing lists, automated and no-reply senders are skipped. Needs your
    own addresses: `mentornet me --email`. Running it again adds nothing new.

    \b
    Example: mentornet sync mail ~/Mail/work --since "30 days ago" --dry-run
    """
    from mentornet.domain.sync_mail import plan_mail
    from mentornet.io.mail_read import Unreadable, mail_files, read_headers

    start = _start(ctx, since, "mail")

    def read(people: Any) -> tuple[list[Any], list[str]]:
        files = _listed(paths, mail_files, Unreadable, skip_invalid=skip_invalid,
                        give=_MAIL)
        return _each(files[0], lambda found: list(read_headers(
            found[0], found[1], with_subjects=with_subjects)), Unreadable,
            skip_invalid=skip_invalid, skipped=files[1], give=_MAIL)

    _sync(ctx, "mail", read, lambda messages, **kw: plan_mail(messages, **kw),
          since=start, dry_run=dry_run, suggest=suggest, max_people=max_people)


def _start(ctx: typer.Context, since: str | None, source: str) -> Any:
    """The first day read: --since, else the last sync of the source, else 90 days ago."""
    today = settings(ctx).today
    if since is not None:
        return options.day(since, today, option="--since")
    from mentornet.domain.sync import default_since

    with open_store(ctx) as store:
        return default_since(store.last_syncs().get(source, (None, ""))[0], today=today)


def _listed(paths: list[Path], expand: Callable[[Path], list[Any]], error: type[Exception],
            *, skip_invalid: bool, give: str) -> tuple[list[Any], list[str]]:
    """The files named or found below the paths; the ones missing, with --skip-invalid."""
    found: list[Any] = []
    failed: list[Any] = []
    for path in paths:
        try:
            found += expand(path.expanduser())
        except error as exc:
            failed.append(exc)
    if failed and not skip_invalid:
        _refuse(failed[0], others=bool(found), give=give)
    return found, [str(exc) for exc in failed]


def _each(files: list[Any], read: Callable[[Any], list[Any]], error: type[Exception], *,
          skip_invalid: bool, skipped: list[str], give: str) -> tuple[list[Any], list[str]]:
    """Everything the files hold; a file that can't be read stops the sync, or with
    --skip-invalid is left out whole and listed."""
    found: list[Any] = []
    for file in files:
        try:
            found += read(file)
        except error as exc:
            if not skip_invalid:
                _refuse(exc, others=len(files) > 1, give=give)
            skipped.append(str(exc))
    return found, skipped


def _refuse(problem: Any, *, others: bool, give: str) -> None:
    """Stop the sync at a path that can't be read (an Unreadable: where, and why);
    --skip-invalid is offered only when there are other files it would sync. `give` is
    what the sync reads."""
    from mentornet.errors import BadInput

    then = ("To sync the other files and list the ones skipped, add --skip-invalid"
            if others else f"Check the path: give {give}")
    raise BadInput(f"can't read {problem.where!r}: {problem.why}; nothing was recorded. "
                   f"{then}")


def _sync(ctx: typer.Context, source: str, read: Callable[[Any], tuple[list[Any], list[str]]],
          plan: Callable[..., Any], *, since: Any, dry_run: bool, suggest: bool,
          max_people: int) -> None:
    """Read the files, plan what they mean against the store, and record it as one
    change (or only show it, with --dry-run)."""
    from mentornet.render.sync import sync_report

    today = settings(ctx).today
    with open_store(ctx) as store:
        mine = _mine(store, source)
        people = store.sync_people(mine)
    items, skipped_files = read(people)
    if dry_run:
        with open_store(ctx) as store:
            found = plan(items, people=store.sync_people(mine), state=store.sync_state(source),
                         since=since, today=today, max_people=max_people)
            names = dict(store.names())
    else:
        with open_store(ctx, write=True) as store, store.change(f"sync {source}") as change:
            found = plan(items, people=change.sync_people(mine),
                         state=change.sync_state(source), since=since, today=today,
                         max_people=max_people)
            change.record_sync(found, today=today)
            names = dict(change.names())
    console().print(sync_report(found, names, dry_run=dry_run, suggest=suggest,
                                skipped_files=skipped_files), highlight=False, soft_wrap=True)


def _mine(store: Any, source: str) -> frozenset[str]:
    """Your own addresses; `sync mail` can't tell what you sent without them."""
    owner = store.owner()
    mine = frozenset(e.strip().casefold() for e in (owner.emails if owner else ()) if e.strip())
    if not mine and source == "mail":
        from mentornet.errors import BadInput

        raise BadInput("sync mail needs your own email addresses, to tell the messages you "
                       "sent from the ones you received: set them with `mentornet me "
                       "--email you@example.com` (repeat --email for each), then sync again")
    return mine

