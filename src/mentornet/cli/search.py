"""`search`: find any record by its words, accents and case ignored."""

from __future__ import annotations

import typer

from mentornet.cli import options
from mentornet.cli.app import app
from mentornet.cli.common import console, name_option, open_store, print_json, settings
from mentornet.errors import BadInput


@app.command()
def search(
    ctx: typer.Context,
    words: list[str] = typer.Argument(..., metavar="TEXT...",
                                      help="The words to find; each must start a word of "
                                           "the record (jose finds José, dir finds "
                                           "Director)."),
    person: str | None = name_option("--person", "-p",
                                     help_text="Only this person's records (a name or #ID)."),
    since: str | None = typer.Option(None, "--since", help="Only records from this day on: "
                                                           "2026-01-01, last month..."),
    limit: int = typer.Option(20, "--limit", min=0, help="How many results to show; 0 for "
                                                         "all."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Search names, organisations, roles, notes, topics, feedback, favours, parked items,
    follow-ups, goals and progress notes.

    \b
    Results come best first: a hit in a name counts most, then in a role, organisation or
    topic, then in notes; newer records before older ones.

    \b
    Example: mentornet search "career ladder" --person dana --since 2026-01-01
    """
    from mentornet.domain.search import highlight, rank, terms

    s = settings(ctx)
    text = " ".join(words)
    wanted = terms(text)
    if not wanted:
        raise BadInput(f"{text!r} holds no word to search for: give a word or a name, "
                       "e.g. mentornet search hiring")
    since_day = options.day(since, s.today, option="--since")
    with open_store(ctx) as store:
        person_id = store.resolve(person).id if person is not None else None
        top, count = rank(store.search_documents(wanted, person_id=person_id,
                                                 since=since_day), wanted, limit=limit)
        records = store.search_records((r.document.table, r.document.id) for r in top)
    shown = [highlight(records[(r.document.table, r.document.id)], r.score, wanted)
             for r in top if (r.document.table, r.document.id) in records]
    if as_json:
        from mentornet.render.search import hit_json

        print_json({"query": text, "terms": wanted, "count": count,
                    "results": [hit_json(hit) for hit in shown]})
        return
    from mentornet.render.text import say

    if not count:
        say(f"Nothing matches {text!r}" + (" for that person" if person else "")
            + (f" since {since_day.isoformat()}" if since_day else "") + ".")
        return
    from mentornet.render.search import heading, marked

    out = console()
    for hit in shown:
        out.print(heading(hit), soft_wrap=True)
        for match in hit.matches:
            line = marked(match)
            line.pad_left(4)
            out.print(line, soft_wrap=True)
    more = count - len(shown)
    noun = "result" if count == 1 else "results"
    say(f"{count} {noun}" + (f"; {more} more with --limit 0" if more else "") + ".")
