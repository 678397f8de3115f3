"""`mentornet review`: the health of the whole panel, in pictures or as data."""

from __future__ import annotations

from pathlib import Path

import typer

from mentornet.cli.app import app
from mentornet.cli.common import due_settings, open_store, output_path, print_json, settings

SVG_WIDTH = 100  # columns: the picture is the same whatever the terminal


@app.command()
def review(
    ctx: typer.Context,
    svg: Path | None = typer.Option(
        None, "--svg", dir_okay=False, show_default=False, metavar="FILE",
        help="Also save the review as an SVG picture (owner-only, replaced atomically)."),
    as_json: bool = typer.Option(False, "--json", help="Print the review as JSON."),
) -> None:
    """Review the whole panel: is it still right for this phase of your career?

    Who joined and went quiet by quarter, how your mentors cover your goals,
    touch-bases per month and a calendar of the last year, give and get,
    prospects and mentees, and a few suggestions.

    \b
    Example: mentornet review --svg review.svg
    """
    from mentornet.domain.review import as_data
    from mentornet.domain.review import review as review_panel
    s = settings(ctx)
    with open_store(ctx) as store:
        # The review dates and counts touch-bases: their notes are not read.
        found = review_panel(people=store.people(), touchbases=store.touchbases(texts=False),
                             favours=store.favours(), goals=store.goals(),
                             followups=store.followups(open_only=True),
                             added=store.added_on(),
                             today=s.today, rules=due_settings().rules())

    from mentornet.render.review import review_page

    if svg is not None:
        from mentornet.files import write_private

        write_private(output_path(ctx, svg, option="--svg"), _svg(review_page(found)),
                      option="--svg")
    if as_json:
        print_json(as_data(found))
        return
    from mentornet.cli.common import console

    console().print(review_page(found))
    if svg is not None:
        typer.echo(f"Saved the review as an SVG picture: {svg}", err=True)


def _svg(page: object) -> str:
    """The review drawn at a fixed width and exported as SVG text."""
    import io

    from rich.console import Console

    recorder = Console(record=True, width=SVG_WIDTH, file=io.StringIO(), force_terminal=True,
                       color_system="truecolor", highlight=False, emoji=False)
    recorder.print(page)
    return recorder.export_svg(title="mentornet review")

