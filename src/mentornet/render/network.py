"""The network section of the review: shape, ties, help, phase, a dormant tie, quarters."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mentornet.domain.network.history import QuarterShape
from mentornet.domain.network.panel import Network
from mentornet.render.text import one_line, safe

TIES_SHOWN = 8
SPARKS = " ▁▂▃▄▅▆▇█"
KIND_LETTER = {"receptive": "R", "traditional": "T", "opportunistic": "O",
               "entrepreneurial": "E", None: "·"}


def network_view(net: Network) -> RenderableType:
    if net.size == 0:
        return Text.from_markup(f"No active mentors yet. [dim]{safe(net.move)}[/dim]")
    div, strength = net.diversity, net.strength
    spheres = ", ".join(f"{name} {count}" for name, count in div.spheres.items())
    if div.unknown:
        spheres += f"{', ' if spheres else ''}unknown {div.unknown}"
    largest = (f", the largest, {div.largest}, holds {round(div.largest_share * 100)}%"
               if div.largest else "")
    lines = [
        f"[bold]{net.size}[/bold] active mentor{'s' if net.size != 1 else ''}, from "
        f"[bold]{div.count}[/bold] sphere{'s' if div.count != 1 else ''}: {safe(spheres)}",
        f"[bold]{'Diverse' if div.high else 'Not diverse'}[/bold]: {div.count} "
        f"sphere{'s' if div.count != 1 else ''}{largest}",
        f"[bold]{'Strong' if strength.high else 'Weak'}[/bold]: {strength.strong} of "
        f"{strength.total} ties strong ({round(strength.share * 100)}%)",
        f"[bold cyan]{safe(net.kind_words)}[/bold cyan]",
        f"[bold]Move:[/bold] {safe(net.move)}",
    ]
    parts: list[RenderableType] = [Text.from_markup("\n".join(lines)), ties_table(net)]
    missing = [f"{group}: {', '.join(kinds)}" for group, kinds in net.help.missing.items()
               if kinds]
    parts.append(Text.from_markup(
        "[bold]Help nobody gave in the last year[/bold] [dim](from got --kind and touch-base "
        "topics)[/dim]: " + ("; ".join(missing) if missing else "none: every kind was given")))
    if net.phase is not None:
        look = "green" if net.phase.ok else "yellow"
        parts.append(Text.from_markup(f"[bold]Your phase[/bold]: [{look}]"
                                      f"{safe(net.phase.text)}[/{look}]"))
    if net.dormant is not None:
        parts.append(Text.from_markup(f"[bold]A dormant tie[/bold]: {safe(net.dormant.text)}"))
    parts.append(quarter_chart(net.by_quarter))
    return Group(*parts)


def ties_table(net: Network) -> RenderableType:
    table = Table(title="Tie strength (0 to 1; strong from 0.6)", title_justify="left",
                  show_edge=False)
    table.add_column("mentor", max_width=24)
    table.add_column("sphere")
    table.add_column("strength", justify="right")
    table.add_column("met/year", justify="right")
    table.add_column("give-get")
    table.add_column("last", justify="right")
    table.add_column("close", justify="right")
    names = {ref.id: ref.name for ref in net.mentors}
    for tie in net.ties[:TIES_SHOWN]:
        sphere = net.spheres[tie.person_id]
        where = (sphere.name or "unknown") + ("?" if sphere.guessed and sphere.name else "")
        score = f"{tie.strength:.2f}"
        table.add_row(safe(one_line(names.get(tie.person_id, "?"), 24)), where,
                      f"[green]{score}[/green]" if tie.strong else score,
                      f"{tie.two_way_last_year}/{tie.expected_last_year}",
                      tie.reciprocity_words,
                      f"{tie.days_since}d ago" if tie.days_since is not None else "never",
                      f"{tie.closeness}/5" if tie.closeness else "[dim]—[/dim]")
    more = len(net.ties) - TIES_SHOWN
    table.caption = ("met/year: two-way touch-bases in 12 months (or since you met) / what "
                     "the cadence asks; "
                     "? a guessed sphere" + (f"; and {more} more" if more > 0 else ""))
    return table


def _sparks(values: list[float]) -> list[str]:
    top = max(values, default=0) or 1
    return [SPARKS[round(value / top * (len(SPARKS) - 1))] if value else "·"
            for value in values]


def quarter_chart(quarters: tuple[QuarterShape, ...]) -> RenderableType:
    """The last two years, a column per quarter: mentors, spheres, strong share, kind."""
    shown = list(quarters)
    while shown and shown[0].size == 0:
        shown.pop(0)  # before the panel began
    if not shown:
        return Text("")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim")
    for _ in shown:
        grid.add_column(justify="center")
    grid.add_row("", *[f"{q.label[2:4]}{q.label[-2:]}" for q in shown])
    sizes = [float(q.size) for q in shown]
    spheres = [float(q.diversity.count) for q in shown]
    strong = [q.strength.share for q in shown]
    grid.add_row("mentors", *[f"{s} {int(n)}" for s, n in zip(_sparks(sizes), sizes,
                                                              strict=True)])
    grid.add_row("spheres", *[f"{s} {int(n)}" for s, n in zip(_sparks(spheres), spheres,
                                                              strict=True)])
    grid.add_row("strong", *[f"{round(v * 100)}%" for v in strong])
    grid.add_row("kind", *[KIND_LETTER.get(q.kind, "·") for q in shown])
    return Group(Text("Quarter by quarter (R receptive, T traditional, O opportunistic, "
                      "E entrepreneurial)", style="bold"), grid)
