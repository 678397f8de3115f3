"""`mentornet me`: who you are, so that recaps sign off with your name."""

from __future__ import annotations

import typer

from mentornet.cli.app import app
from mentornet.cli.common import console, open_store, print_json
from mentornet.vocab import PHASES


@app.command()
def me(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name", help="Your name, as recaps sign off."),
    org: str | None = typer.Option(
        None, "--org", help="Your organisation: people there get in-house ideas to give back."),
    role: str | None = typer.Option(None, "--role", help="Your role or title."),
    email: list[str] | None = typer.Option(
        None, "--email", help="Your email addresses, which `sync mail` tells apart from "
                              "others'; repeat for more (replaces the list)."),
    sign_off: str | None = typer.Option(
        None, "--sign-off", help="How your recaps end, before your name: \"Thanks,\", "
                                 "\"Best,\"..."),
    phase: str | None = typer.Option(
        None, "--phase", help=f"Your career phase, one of: {', '.join(PHASES)}; `review` "
                              "checks your panel against what it calls for."),
    situation: str | None = typer.Option(
        None, "--situation", metavar="TEXT",
        help="A free note on where you stand: \"joining the payments team in March\"."),
    as_json: bool = typer.Option(False, "--json", help="Print your profile as JSON."),
) -> None:
    """Show or set your own profile: your name, organisation, role, emails, sign-off,
    and your career phase and situation.

    With no option it shows what is set. An empty value ("") clears a field.
    The profile is part of the JSON export, and `mentornet undo` reverses a change.
    Your phase says which kinds of mentors and help you need now; `review` checks the
    panel against it.

    \b
    Example: mentornet me --name "Alex Kim" --org Fabrikam --sign-off "Thanks,"
    Example: mentornet me --phase changing-roles --situation "Looking at platform roles"
    """
    changes: dict[str, object] = {}
    for key, value in (("name", name), ("org", org), ("role", role), ("sign_off", sign_off),
                       ("situation", situation)):
        if value is not None:
            changes[key] = " ".join(value.split()) or None
    if phase is not None:
        from mentornet.vocab import choose

        changes["phase"] = choose(phase, PHASES, what="phase") if phase.strip() else None
    if email is not None:
        from mentornet.cli.options import emails

        changes["emails"] = emails(email)
    if changes:
        if as_json:
            from mentornet.errors import BadInput

            raise BadInput("--json prints your profile: set it first, then run "
                           "`mentornet me --json`")
        with open_store(ctx, write=True) as store, store.change("me") as change:
            change.set_owner(**changes)
            owner = change.owner()
    else:
        with open_store(ctx) as store:
            owner = store.owner()
    from mentornet.domain.owner import Owner

    owner = owner or Owner()
    if as_json:
        print_json(owner.as_json())
        return
    from mentornet.render.text import safe

    if owner.is_empty:
        console().print("Your profile is empty. Set it with mentornet me --name \"YOUR NAME\" "
                        "--org ORGANISATION --sign-off \"Thanks,\": recaps then sign off "
                        "with it.")
        return
    rows = [("name", owner.name), ("organisation", owner.org), ("role", owner.role),
            ("emails", ", ".join(owner.emails)), ("sign-off", owner.sign_off),
            ("phase", owner.phase), ("situation", owner.situation)]
    lines = [("Updated your profile." if changes else "Your profile:")]
    lines += [f"  {label + ':':<14}{safe(value)}" for label, value in rows if value]
    if owner.phase:
        from mentornet.domain.network.phases import phase_line

        line = phase_line(owner.phase)
        if line is not None:
            lines.append(f"  {'calls for:':<14}{line.calls_for}")
            lines.append(f"  {'because:':<14}{line.reason}")
    console().print("\n".join(lines))

