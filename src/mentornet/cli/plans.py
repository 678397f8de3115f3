"""What lies ahead: follow-ups you owe people, and career goals."""

from __future__ import annotations

import typer

from mentornet.cli import options
from mentornet.cli.app import app
from mentornet.cli.common import (
    console,
    name_argument,
    name_option,
    open_store,
    print_json,
    settings,
)

todo_app = typer.Typer(help="""Follow-ups you promised people.

\b
Example: mentornet todo add dana "Send the strategy doc" --due friday
Example: mentornet todo list
""", no_args_is_help=True)
goal_app = typer.Typer(help="""Career goals and the mentors helping with them.

\b
Example: mentornet goal add "Lead a team of 5" --by "in 12 months" --mentor dana
Example: mentornet goal progress 2 "Ran my first hiring loop"
""", no_args_is_help=True)
app.add_typer(todo_app, name="todo")
app.add_typer(goal_app, name="goal")


@todo_app.command("add")
def todo_add(
    ctx: typer.Context,
    name: str = name_argument(),
    text: str = typer.Argument(..., help="What you promised; - reads standard input.",
                               show_default=False),
    due: str | None = typer.Option(None, "--due", help="By when: friday, in 2 weeks..."),
    edit: bool = typer.Option(False, "--edit", help="Write it in $VISUAL or $EDITOR."),
) -> None:
    """Note a follow-up you owe a person.

    \b
    Example: mentornet todo add dana "Send the strategy doc" --due friday
    """
    from mentornet.render.text import safe

    s = settings(ctx)
    due_day = options.day(due, s.today, prefer="future", option="--due")
    if text == "-" or edit:
        from mentornet.cli.writing import written

        text = written(text, edit=edit, what="follow-up",
                       title=f"What you promised {name}.") or ""
    with open_store(ctx, write=True) as store, store.change(f"todo add {name}") as change:
        person = change.resolve(name)
        fid = change.add_followup(person_id=person.id, text=text, due=due_day,
                                  today=s.today)
    by = f", due {due_day:%a %d %b}" if due_day else ""
    console().print(f"Follow-up #{fid} for [bold]{safe(person.name)}[/bold]{by}.")


@todo_app.command("done")
def todo_done(
    ctx: typer.Context,
    followup_id: int = typer.Argument(..., metavar="ID", help="The follow-up's id.",
                                      show_default=False),
) -> None:
    """Mark a follow-up done.

    \b
    Example: mentornet todo done 4
    """
    s = settings(ctx)
    with open_store(ctx, write=True) as store, \
            store.change(f"todo done {followup_id}") as change:
        change.finish_followup(followup_id, today=s.today)
    console().print(f"Follow-up #{followup_id} done.")


@todo_app.command("edit")
def todo_edit(
    ctx: typer.Context,
    followup_id: int = typer.Argument(..., metavar="ID", help="The follow-up's id.",
                                      show_default=False),
    text: str | None = typer.Argument(None, help="What you promised, corrected; - reads "
                                                 "standard input.", show_default=False),
    due: str | None = typer.Option(None, "--due", help="A new date: friday, in 2 weeks, "
                                                       "or `none`."),
    edit: bool = typer.Option(False, "--edit", help="Correct it in $VISUAL or $EDITOR."),
) -> None:
    """Correct a follow-up: what you promised, or by when.

    \b
    Example: mentornet todo edit 4 "Send the strategy doc and the notes" --due "next monday"
    """
    from mentornet.cli.corrections import new_text
    from mentornet.errors import BadInput

    s = settings(ctx)
    changes: dict[str, object] = {}
    if due is not None:
        changes["due"] = (None if due.strip().lower() == "none"
                          else options.day(due, s.today, prefer="future", option="--due"))
    with open_store(ctx) as store:
        current = store.record("follow-up", followup_id)
    text = new_text(text, edit=edit, current=current.text, what="follow-up",
                    title=f"The follow-up #{followup_id}.")
    if text is not None:
        changes["text"] = text
    if not changes:
        raise BadInput("nothing to change: give the new text or --due (see "
                       "`mentornet todo edit --help`)")
    with open_store(ctx, write=True) as store, \
            store.change(f"todo edit {followup_id}") as change:
        change.edit_record("follow-up", followup_id, changes)
        name = change.person(current.person_id).name
    from mentornet.render.text import safe

    console().print(f"Corrected follow-up #{followup_id} for [bold]{safe(name)}[/bold].")


@todo_app.command("drop")
def todo_drop(
    ctx: typer.Context,
    followup_id: int = typer.Argument(..., metavar="ID", help="The follow-up's id.",
                                      show_default=False),
    yes: bool = typer.Option(False, "--yes", "-y", help="Drop it without asking."),
) -> None:
    """Drop a follow-up noted by mistake or no longer owed (`mentornet undo` brings it back).

    \b
    Example: mentornet todo drop 4 --yes
    """
    from mentornet.cli.corrections import confirmed, deleted

    with open_store(ctx) as store:
        item = store.record("follow-up", followup_id)
        described = f"the follow-up #{followup_id} for {store.person(item.person_id).name}"
    confirmed(described, yes=yes)
    with open_store(ctx, write=True) as store, \
            store.change(f"todo drop {followup_id}") as change:
        change.delete_record("follow-up", followup_id)
    deleted(described)


@todo_app.command("list")
def todo_list(
    ctx: typer.Context,
    show_all: bool = typer.Option(False, "--all", help="Include the ones done."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the follow-ups you owe, the most pressing first.

    \b
    Example: mentornet todo list --all
    """
    from mentornet.domain.records import as_dict

    with open_store(ctx) as store:
        items = store.followups(open_only=not show_all)
        names = dict(store.names())
    if as_json:
        print_json([as_dict(f) | {"person": names.get(f.person_id)} for f in items])
        return
    from mentornet.render.plans import followup_table

    console().print(followup_table(items, names, today=settings(ctx).today))


@goal_app.command("add")
def goal_add(
    ctx: typer.Context,
    text: str | None = typer.Argument(None, help="The goal; - reads standard input.",
                                      show_default=False),
    by: str | None = typer.Option(None, "--by", help="Target date: jun 30, in 9 months..."),
    focus: list[str] | None = typer.Option(None, "--focus", "-f",
                                           help="A focus area; repeat for more."),
    mentor: list[str] | None = name_option("--mentor", "-m",
                                           help_text="A mentor helping; repeat for more."),
    edit: bool = typer.Option(False, "--edit", help="Write it in $VISUAL or $EDITOR."),
) -> None:
    """Add a career goal, with the mentors helping you reach it.

    \b
    Example: mentornet goal add "Lead a team of 5" --by "in 12 months" --mentor dana
    Example: mentornet goal add --edit --by "in 12 months"
    """
    s = settings(ctx)
    target = options.day(by, s.today, prefer="future", option="--by")
    if text is None and not edit:
        from mentornet.errors import BadInput

        raise BadInput("the goal's text is missing: mentornet goal add \"TEXT\" (or - to read "
                       "it from standard input, or --edit to write it in your editor)")
    if text == "-" or edit:
        from mentornet.cli.writing import written

        text = written(text, edit=edit, what="goal", title="Your goal.") or ""
    assert text is not None
    with open_store(ctx, write=True) as store, store.change("goal add") as change:
        mentor_ids = [change.resolve(m).id for m in mentor or []]
        gid = change.add_goal(text=text, target=target, focus=options.tags(focus),
                              mentor_ids=mentor_ids, today=s.today)
    console().print(f"Goal #{gid} added.")


@goal_app.command("progress")
def goal_progress(
    ctx: typer.Context,
    goal_id: int = typer.Argument(..., metavar="ID", help="The goal's id.", show_default=False),
    note: str = typer.Argument(..., help="What moved; - reads standard input.",
                               show_default=False),
    edit: bool = typer.Option(False, "--edit", help="Write it in $VISUAL or $EDITOR."),
) -> None:
    """Note progress on a goal (it shows up in your next recaps).

    \b
    Example: mentornet goal progress 2 "Ran my first hiring loop"
    """
    s = settings(ctx)
    if note == "-" or edit:
        from mentornet.cli.writing import written

        note = written(note, edit=edit, what="note",
                       title=f"Progress on goal #{goal_id}.") or ""
    with open_store(ctx, write=True) as store, \
            store.change(f"goal progress {goal_id}") as change:
        change.add_progress(goal_id, note, today=s.today)
    console().print(f"Progress noted on goal #{goal_id}.")


@goal_app.command("edit")
def goal_edit(
    ctx: typer.Context,
    goal_id: int = typer.Argument(..., metavar="ID", help="The goal's id.", show_default=False),
    text: str | None = typer.Option(None, "--text", help="A new wording of the goal."),
    by: str | None = typer.Option(None, "--by", help="A new target date, or `none`."),
    focus: list[str] | None = typer.Option(
        None, "--focus", "-f", help="Replace its focus areas; repeat for more."),
    mentor: list[str] | None = name_option(
        "--mentor", "-m", help_text="Link someone helping (any kind); repeat for more."),
    no_mentor: list[str] | None = name_option(
        "--no-mentor", help_text="Unlink someone; repeat for more."),
) -> None:
    """Change a goal: its text, target date or focus, and who helps with it.

    \b
    Example: mentornet goal edit 2 --by "in 3 months" --mentor dana
    """
    s = settings(ctx)
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = text
    if by is not None:
        changes["target"] = (None if by.strip().lower() == "none"
                             else options.day(by, s.today, prefer="future", option="--by"))
    if focus is not None:
        changes["focus"] = options.tags(focus)
    if not (changes or mentor or no_mentor):
        from mentornet.errors import BadInput

        raise BadInput("nothing to change: give an option such as --by DATE or --mentor NAME "
                       "(see `mentornet goal edit --help`)")
    with open_store(ctx, write=True) as store, \
            store.change(f"goal edit {goal_id}") as change:
        change.edit_goal(goal_id, add_mentors=[change.resolve(m).id for m in mentor or []],
                         remove_mentors=[change.resolve(m).id for m in no_mentor or []],
                         **changes)
    console().print(f"Goal #{goal_id} updated.")


def _close(ctx: typer.Context, goal_id: int, status: str) -> None:
    s = settings(ctx)
    with open_store(ctx, write=True) as store, \
            store.change(f"goal {status} {goal_id}") as change:
        change.close_goal(goal_id, status, today=s.today)
    console().print(f"Goal #{goal_id} {status}.")


@goal_app.command("done")
def goal_done(
    ctx: typer.Context,
    goal_id: int = typer.Argument(..., metavar="ID", help="The goal's id.", show_default=False),
) -> None:
    """Mark a goal reached.

    \b
    Example: mentornet goal done 2
    """
    _close(ctx, goal_id, "done")


@goal_app.command("drop")
def goal_drop(
    ctx: typer.Context,
    goal_id: int = typer.Argument(..., metavar="ID", help="The goal's id.", show_default=False),
) -> None:
    """Drop a goal that no longer fits.

    \b
    Example: mentornet goal drop 3
    """
    _close(ctx, goal_id, "dropped")


@goal_app.command("list")
def goal_list(
    ctx: typer.Context,
    show_all: bool = typer.Option(False, "--all", help="Include goals done and dropped."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List your goals with their mentors and latest progress.

    Open goals at or past their target date are pointed out: close, extend or drop them.

    \b
    Example: mentornet goal list
    """
    from mentornet.domain.records import as_dict

    with open_store(ctx) as store:
        goals = store.goals(status=None if show_all else "open")
        names = dict(store.names())
    today = settings(ctx).today
    if as_json:
        print_json([as_dict(g) | {"mentors": [names[i] for i in g.mentor_ids],
                                  "past_target": g.status == "open" and g.target is not None
                                  and g.target <= today} for g in goals])
        return
    from mentornet.render.plans import goal_table

    console().print(goal_table(goals, names, today=today))
