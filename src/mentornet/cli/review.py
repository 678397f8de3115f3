"""`mentornet review`: the health of the whole panel, in pictures or as data."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import typer

from mentornet.cli.app import app
from mentornet.cli.collector import collector_paused
from mentornet.cli.common import due_settings, open_store, output_path, print_json, settings

SVG_WIDTH = 100  # columns: the picture is the same whatever the terminal


@app.command()
def review(
    ctx: typer.Context,
    svg: Path | None = typer.Option(
        None, "--svg", show_default=False, metavar="FILE",
        help="Also save the review as an SVG picture (owner-only, replaced atomically); "
             "an existing file is replaced only if it is a review picture."),
    as_json: bool = typer.Option(False, "--json", help="Print the review as JSON."),
    force: bool = typer.Option(False, "--force",
                               help="Replace the --svg file even if it is not a review."),
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
    target = (output_path(ctx, svg, option="--svg", name="review.svg")
              if svg is not None else None)
    # Tens of thousands of records, read and judged, live until the review is drawn.
    with collector_paused(), open_store(ctx) as store:
        # The review dates and counts touch-bases and favours: only their days, answers
        # and kinds are read, never a note or a description.
        # Where each relationship stands comes from the facts `due` reads.
        found = review_panel(people=store.people(), touchbases=store.touchbase_days(),
                             favours=store.favours(texts=False), goals=store.goals(),
                             followups=store.followups(open_only=True),
                             added=store.added_on(), facts=store.panel_facts(today=s.today),
                             owner=store.owner(),
                             topics=store.topics_since(s.today - timedelta(days=365)),
                             today=s.today, rules=due_settings().rules())

    from mentornet.render.review import review_page

    saved = False
    if target is not None:
        from mentornet.files import write_output

        saved = write_output(target, _svg(review_page(found)), kind="svg", option="--svg",
                             force=force)
    if as_json:
        print_json(as_data(found))
        return
    from mentornet.cli.common import console

    console().print(review_page(found))
    if saved:
        from mentornet.render.text import say

        say(f"Saved the review as an SVG picture: {svg}", err=True)


def _svg(page: object) -> str:
    """The review drawn at a fixed width and exported as SVG text."""
    import io

    from rich.console import Console

    recorder = Console(record=True, width=SVG_WIDTH, file=io.StringIO(), force_terminal=True,
                       color_system="truecolor", highlight=False, emoji=False)
    recorder.print(page)
    return recorder.export_svg(title="mentornet review", code_format=_svg_format())


def _svg_format() -> str:
    """Rich's SVG template, self-contained: its web fonts (fetched from a CDN when the
    picture is opened) give way to the monospace fonts on the machine; and the mark by
    which mentornet knows a review picture it may replace."""
    import re

    from rich._export_format import CONSOLE_SVG_FORMAT

    from mentornet.files import SVG_MARK

    template = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S)
    template = template.replace("font-family: Fira Code, monospace",
                                "font-family: ui-monospace, Menlo, 'DejaVu Sans Mono', "
                                "Consolas, 'Liberation Mono', monospace")
    template = re.sub(r"<!--.*?-->", SVG_MARK, template, count=1)
    if re.search(r"url\((?!#)|@import|https?://(?!www\.w3\.org/2000/svg\b)", template) or (
            SVG_MARK not in template):
        raise RuntimeError("Rich's SVG template changed: review the self-contained copy")
    return template

