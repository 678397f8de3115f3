"""`mentornet review`: the health of the whole panel, in pictures or as data."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import typer

from mentornet.cli.app import app
from mentornet.cli.common import open_read, print_json, settings
from mentornet.errors import BadInput

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

    Example: mentornet review --svg review.svg
    """
    from mentornet.domain.review import as_data
    from mentornet.domain.review import review as review_panel
    from mentornet.store import queries

    s = settings(ctx)
    conn = open_read(ctx)
    try:
        found = review_panel(people=queries.people(conn), touchbases=queries.touchbases(conn),
                             favours=queries.favours(conn), goals=queries.goals(conn),
                             today=s.today)
    finally:
        conn.close()

    from mentornet.render.review import review_page

    if svg is not None:
        write_atomically(svg, _svg(review_page(found)))
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


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` (mode 0600): wholly there, or the old file untouched."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise BadInput(f"--svg {str(path)!r} is a folder: give a file name, e.g. review.svg")
    if not folder.is_dir():
        raise BadInput(f"--svg {str(path)!r}: the folder {str(folder)!r} does not exist")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise BadInput(f"can't write to {str(folder)!r}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise BadInput(f"can't write {str(path)!r}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
