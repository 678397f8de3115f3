"""`mentornet due`: whom to update now, and why; `mentornet config`: the settings in force."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import typer

from mentornet.cli.app import app
from mentornet.cli.collector import collector_paused
from mentornet.cli.common import (
    CONFIG_VARIABLE,
    TODAY_VARIABLE,
    due_settings,
    name_option,
    open_store,
    print_json,
    settings,
)

if TYPE_CHECKING:
    from datetime import date

    from mentornet.domain.urgency import Urgency
    from mentornet.settings_file import DueSettings

DB_VARIABLE = "MENTORNET_DB"
BRIEF_NAMES = 3  # names on the --brief line unless --limit says otherwise
TABLE_ROWS = 20  # rows of the table unless --limit or --all says otherwise


@app.command()
def due(
    ctx: typer.Context,
    everyone: bool = typer.Option(
        False, "--all", help="Everyone, most urgent first: also those with nothing due, "
                             "snoozed, paused and archived people."),
    limit: int | None = typer.Option(None, "--limit", "-n", min=1, show_default=False,
                                     help="At most this many people."),
    brief: bool = typer.Option(
        False, "--brief", help="One short line for a shell start-up file; nothing when "
                               "nothing is due."),
    explain: str | None = name_option(
        "--explain", help_text="Show how one person's score adds up, term by term."),
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON."),
) -> None:
    """Whom to update now, most urgent first, with the reasons.

    A session in the next two days, a promise past its date, or a session
    that passed unlogged comes first; then new people to follow up (takeoff);
    then, by weight, people out of touch for longer than their cadence.
    People whose last outreaches went unanswered are listed after,
    under "Waiting for a reply", with when to try once more.
    Contacts (kind contact) are not on the panel and never listed.

    \b
    Example: mentornet due --limit 5
    """
    if brief and (as_json or explain):
        raise typer.BadParameter("--brief prints one line: leave out --json and --explain",
                                 param_hint="--brief")
    from mentornet.domain.urgency import brief_line, rank

    s = settings(ctx)
    rules = due_settings().rules()
    # Every record read and verdict made lives until the table is drawn: the collector's
    # passes over them would find nothing to free (cli/collector.py).
    with collector_paused():
        with open_store(ctx, mapped=True) as store:
            wanted = None
            if explain is not None:
                chosen = store.resolve(explain)
                if chosen.kind == "contact":
                    from mentornet.errors import BadInput

                    raise BadInput(f"{chosen.name} is a contact, not on your panel, so `due` "
                                   "never lists them: to follow them, make them a prospect with "
                                   f"mentornet edit \"#{chosen.id}\" --kind prospect")
                wanted = chosen.id
            # Only --all and --explain look at people set aside; leaving them out in the
            # query spares reading their history. On a large panel the facts come as they
            # are read, by a thread: the first people are scored (and the table's code
            # loaded) while the rest are read.
            facts = store.panel_facts_ahead(today=s.today,
                                            include_set_aside=everyone or wanted is not None)
            if wanted is not None:
                [found] = rank([f for f in facts if f.person_id == wanted], today=s.today,
                               rules=rules, everyone=True)
            else:
                if not (brief or as_json):
                    import mentornet.render.due  # noqa: F401  (while the facts are read)
                ranked = rank(facts, today=s.today, rules=rules, everyone=everyone and not brief)
                empty_panel = not ranked and not store.anyone()

        if wanted is not None:
            _explain(found, today=s.today, as_json=as_json)
            return
        if brief:
            from mentornet.render.text import say

            line = brief_line(ranked, shown=limit or BRIEF_NAMES)
            if line:
                say(line)
            return
        if as_json:
            from mentornet.render.due import as_json as to_data

            print_json([to_data(found) for found in ranked[:limit]])
            return
        from mentornet.cli.common import console
        from mentornet.render.due import due_table, nothing_due

        if not ranked:
            typer.echo(nothing_due(empty_panel=empty_panel))
            return
        # a long list would scroll the most urgent people away: the table stops at 20 rows;
        # those waiting for a reply follow it, and are not counted as people to update
        listed = [found for found in ranked if not found.waiting]
        waiting = [found for found in ranked if found.waiting]
        shown = limit or (len(listed) if everyone else TABLE_ROWS)
        console().print(due_table(listed[:shown] + waiting, today=s.today, everyone=everyone,
                                  more=max(0, len(listed) - shown)))


def _explain(found: Urgency, *, today: date, as_json: bool) -> None:
    from mentornet.render.due import as_json as to_data
    from mentornet.render.due import receipt

    if as_json:
        print_json(to_data(found, terms=True))
        return
    from mentornet.cli.common import console

    console().print(receipt(found, today=today))


@app.command("config")
def show_config(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the settings as JSON."),
) -> None:
    """Show the settings in force and where each comes from.

    Cadence defaults per kind and the due and stale points live in a TOML file
    in your config folder, or in the file MENTORNET_CONFIG names.
    The database comes from --db or MENTORNET_DB, today from MENTORNET_TODAY.

    \b
    Example: mentornet config
    """
    s = settings(ctx)
    found = due_settings()
    config_source = CONFIG_VARIABLE if os.environ.get(CONFIG_VARIABLE, "").strip() else "default"
    db_source = s.db_source
    today_source = TODAY_VARIABLE if os.environ.get(TODAY_VARIABLE, "").strip() else "clock"
    rows = [("config_file", str(found.path), config_source
             + ("" if found.exists else " (no file yet: defaults in force)")),
            ("database", str(s.db_path), db_source),
            ("today", s.today.isoformat(), today_source),
            *((item.key, item.shown, item.source) for item in found.values)]
    if as_json:
        print_json({key: {"value": _value(key, shown, found), "source": source}
                    for key, shown, source in rows})
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from mentornet.cli.common import console
    from mentornet.settings_file import EXAMPLE

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="Settings in force",
                  title_justify="left")
    table.add_column("Setting", no_wrap=True)
    table.add_column("Value")
    table.add_column("From")
    for key, shown, source in rows:
        table.add_row(key, Text(shown), source)
    console().print(table)
    if not found.exists:
        typer.echo(f"\nTo change them, create {found.path} like this:\n\n{EXAMPLE}", nl=False)


def _value(key: str, shown: str, found: DueSettings) -> Any:
    if key.startswith(("cadence.", "due.")):
        value = found.value(key)
        return int(value) if key.startswith("cadence.") else value
    return shown

