"""The panel review drawn with Rich: tables, a bar chart of months, a calendar heat-map."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from mentornet.dates import format_ago, format_interval
from mentornet.domain.review import (
    Composition,
    Coverage,
    MonthCount,
    Pipeline,
    Review,
    Rhythm,
)
from mentornet.render.network import network_view
from mentornet.render.rhythm import MONTH_ABBR
from mentornet.render.text import one_line, safe

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
# The calendar's five levels, as on a contributions graph: squares in greens, and shades
# where the terminal has no colour (NO_COLOR), so the picture reads either way.
HEAT_COLOUR = (("■", "grey23"), ("■", "#2ea043"), ("■", "#3fb950"), ("■", "#56d364"),
               ("■", "#aff5b4"))
HEAT = (("·", ""), ("░", ""), ("▒", ""), ("▓", ""), ("█", ""))
BAR_WIDTH = 24
ROWS_SHOWN = 10
TAKEOFF_LOOK = {"done": "[green]✓ followed up[/green]", "pending": "[yellow]… due soon[/yellow]",
                "missed": "[red]✗ missed[/red]", "no contact": "[dim]no contact[/dim]",
                "existing": "[dim]known before[/dim]"}


def review_page(found: Review) -> RenderableType:
    """The whole review: composition, coverage, rhythm, balance, pipeline, suggestions."""
    today = found.today
    return Group(
        Rule(f"[bold]Panel review[/bold] · {WEEKDAYS[today.weekday()]} {today.day} "
             f"{MONTH_ABBR[today.month - 1]} {today.year}", align="left"),
        _section("Composition", composition_view(found.composition)),
        _section("Coverage of your goals", coverage_view(found.coverage)),
        _section("Rhythm", rhythm_view(found.rhythm)),
        _section("Give and get", balance_view(found)),
        _section("Pipeline", pipeline_view(found.pipeline, today)),
        *([_section("Your developmental network", network_view(found.network))]
          if found.network is not None else []),
        Panel(suggestions_view(found), title="[bold]Suggestions[/bold]", title_align="left",
              border_style="cyan"),
    )


class SideBySide:
    """Two renderables side by side when they fit the width, else one above the other.

    The left one keeps its natural width; the right one may wrap down to `squeeze` columns.
    """

    def __init__(self, left: RenderableType, right: RenderableType, *, gap: int = 4,
                 squeeze: int = 40) -> None:
        self.left, self.right, self.gap, self.squeeze = left, right, gap, squeeze

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        left = Measurement.get(console, options, self.left).maximum
        right = Measurement.get(console, options, self.right)
        narrowest = max(right.minimum, min(right.maximum, self.squeeze))
        if left + self.gap + narrowest <= options.max_width:
            grid = Table.grid(padding=(0, self.gap))
            grid.add_column(width=left)
            grid.add_column(max_width=right.maximum)
            grid.add_row(self.left, self.right)
            yield grid
        else:
            yield self.left
            yield self.right


def _section(title: str, body: RenderableType) -> RenderableType:
    return Group(Text(""), Text(title, style="bold underline"), body)


def _names(names: Iterable[str], width: int = 40) -> str:
    return safe(one_line(", ".join(names), width))


# Composition -------------------------------------------------------------------------------

def composition_view(comp: Composition) -> RenderableType:
    counts = Table(title=f"{comp.total} people", title_justify="left", show_edge=False)
    counts.add_column("kind")
    statuses = list(dict.fromkeys(s for by in comp.counts.values() for s in by))
    for status in [*statuses, "total"]:
        counts.add_column(status, justify="right")
    for kind, by_status in comp.counts.items():
        cells = [str(by_status.get(s, 0)) if by_status.get(s, 0) else "[dim]·[/dim]"
                 for s in statuses]
        counts.add_row(kind, *cells, f"[bold]{sum(by_status.values())}[/bold]")

    moves = Table(title="Joined and went quiet, by quarter", title_justify="left",
                  show_edge=False)
    moves.add_column("quarter")
    moves.add_column("joined", style="green", overflow="fold")
    moves.add_column("went quiet", style="red", overflow="fold")
    quarters = list(comp.quarters)
    while quarters and not (quarters[0].joined or quarters[0].left):
        quarters.pop(0)  # before the panel began
    for q in quarters:
        moves.add_row(q.label, _names((m.person.name for m in q.joined), 60) or "·",
                      _names((m.person.name for m in q.left), 60) or "·")
    if not quarters:
        moves.add_row("[dim]nobody yet[/dim]", "", "")
    return SideBySide(counts, moves)


# Coverage ----------------------------------------------------------------------------------

def coverage_view(cov: Coverage) -> RenderableType:
    if not cov.goals and not cov.idle:
        return Text("No open goals: set one with mentornet goal add --focus TAG.", style="dim")
    parts: list[RenderableType] = []
    if cov.goals:
        table = Table(show_edge=False)
        table.add_column("goal", max_width=34)
        table.add_column("due")
        table.add_column("focus: who covers it", max_width=50)
        table.add_column("helping", max_width=24)
        for goal in cov.goals[:ROWS_SHOWN]:
            lines = []
            for cover in goal.focus:
                if cover.mentors:
                    who = _names((m.name for m in cover.mentors), 36)
                    lines.append(f"{safe(cover.tag)}: {who}")
                else:
                    ask = (f" [dim](ask {safe(cover.candidates[0].person.name)}?)[/dim]"
                           if cover.candidates else "")
                    lines.append(f"[red]{safe(cover.tag)}: nobody[/red]{ask}")
            helping = (_names((m.name for m in goal.mentors), 24) if goal.mentors
                       else "[red]nobody[/red]" if not goal.has_mentor else "[yellow]—[/yellow]")
            table.add_row(safe(one_line(goal.text, 34)),
                          goal.target.isoformat() if goal.target else "[dim]—[/dim]",
                          "\n".join(lines) or "[dim]no focus areas[/dim]", helping)
        if len(cov.goals) > ROWS_SHOWN:
            table.caption = (f"and {len(cov.goals) - ROWS_SHOWN} more open goals "
                             "(mentornet goal list)")
        parts.append(table)
    if cov.thin:
        parts.append(Text.from_markup(
            "[yellow]Covered by one person only:[/yellow] " + "; ".join(
                f"{safe(c.tag)} ({safe(c.mentors[0].name)})" for c in cov.thin)))
    if cov.idle:
        parts.append(Text.from_markup(
            "[dim]Focus no current goal needs:[/dim] " + "; ".join(
                f"{safe(i.person.name)} ({safe(', '.join(i.focus))})" for i in cov.idle)))
    return Group(*parts)


# Rhythm ------------------------------------------------------------------------------------

def rhythm_view(rhythm: Rhythm) -> RenderableType:
    year = sum(m.touchbases for m in rhythm.months)
    bars = Group(Text(f"Touch-bases per month ({year} in 12 months)", style="bold"),
                 month_bars(rhythm.months),
                 Text.assemble(("       █", "green"), (" two-way  ", "dim"), ("░", "green"),
                               (" no reply yet", "dim")))
    calendar = Group(Text(f"Every day of the last year ({rhythm.total})", style="bold"),
                     heat_map(rhythm))
    return SideBySide(bars, calendar)


def month_bars(months: Sequence[MonthCount], width: int = BAR_WIDTH) -> RenderableType:
    """A horizontal bar per month; the unanswered outreaches in a lighter shade."""
    top = max((m.touchbases for m in months), default=0)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim")
    grid.add_column()
    grid.add_column(justify="right")
    for m in months:
        full = round(width * m.touchbases / top) if top else 0
        two_way = round(width * m.two_way / top) if top else 0
        if m.touchbases and not full:
            full = 1
        bar = Text("█" * two_way, style="green") + Text("░" * (full - two_way), style="green")
        grid.add_row(f"{MONTH_ABBR[m.month.month - 1]} {m.month:%y}", bar,
                     str(m.touchbases) if m.touchbases else "[dim]·[/dim]")
    return grid


def _level(count: int) -> int:
    return min(count, len(HEAT) - 1)


def heat_map(rhythm: Rhythm) -> RenderableType:
    """A contributions-style calendar: a column per week, a row per weekday, Monday first."""
    return HeatMap(rhythm)


class HeatMap:
    """The calendar drawn as coloured squares, or as shades when the terminal has no colour."""

    def __init__(self, rhythm: Rhythm) -> None:
        self.rhythm = rhythm

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        colour = console.color_system is not None and not console.no_color
        levels = HEAT_COLOUR if colour else HEAT
        rhythm = self.rhythm
        weeks = (rhythm.end - rhythm.start).days // 7 + 1
        yield Text("    " + _month_labels(rhythm.start, weeks), style="dim")
        for weekday in range(7):
            line = Text(f"{WEEKDAY_LABELS[weekday]:<4}", style="dim")
            for week in range(weeks):
                day = rhythm.start + timedelta(weeks=week, days=weekday)
                if day > rhythm.end:
                    break
                char, style = levels[_level(rhythm.count_on(day))]
                line.append(char, style=style)
            yield line
        legend = Text("    less ", style="dim")
        for char, style in levels:
            legend.append(char, style=style)
        yield legend.append(" more", style="dim")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = 4 + (self.rhythm.end - self.rhythm.start).days // 7 + 1
        return Measurement(width, width)


def _month_labels(start: date, weeks: int) -> str:
    """Month names over the weeks in which each month begins, where there is room."""
    labels = [" "] * weeks
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        first = next((monday + timedelta(days=d) for d in range(7)
                      if (monday + timedelta(days=d)).day == 1), None)
        name = MONTH_ABBR[first.month - 1] if first else None
        if name and week + len(name) <= weeks and all(c == " " for c in labels[week:week + 4]):
            labels[week:week + len(name)] = list(name)
    return "".join(labels)


# Give and get ------------------------------------------------------------------------------

def balance_view(found: Review) -> RenderableType:
    parts: list[RenderableType] = []
    if found.balance:
        table = Table(show_edge=False)
        table.add_column("person", max_width=26)
        table.add_column("kind")
        table.add_column("gave", justify="right")
        table.add_column("got", justify="right")
        table.add_column("touch-bases", justify="right")
        table.add_column("since you gave", justify="right")
        table.add_column("")
        for b in found.balance[:ROWS_SHOWN]:
            flag = "[yellow]one-sided: give back[/yellow]" if b.one_sided else ""
            table.add_row(safe(one_line(b.person.name, 26)), b.person.kind, str(b.given),
                          str(b.got), str(b.touchbases), str(b.since_gave), flag)
        if len(found.balance) > ROWS_SHOWN:
            table.caption = f"and {len(found.balance) - ROWS_SHOWN} more, balanced"
        parts.append(table)
    else:
        parts.append(Text("No touch-bases or favours yet.", style="dim"))
    if found.unanswered:
        lines = []
        for u in found.unanswered[:ROWS_SHOWN]:
            note = ", [dim]so ease off[/dim]" if u.ease_off else ""  # as `due` judges it
            plural = "outreach" if u.outreaches == 1 else "outreaches"
            lines.append(f"  {safe(u.person.name)}: {u.outreaches} {plural} with no reply "
                         f"since {u.since.isoformat()}{note}")
        parts.append(Text.from_markup("[bold]Unanswered outreach[/bold]\n" + "\n".join(lines)))
    return Group(*parts)


# Pipeline ----------------------------------------------------------------------------------

def pipeline_view(pipe: Pipeline, today: date) -> RenderableType:
    parts: list[RenderableType] = []
    if pipe.prospects:
        table = Table(title="Prospects", title_justify="left", show_edge=False)
        table.add_column("person", max_width=26)
        table.add_column("met")
        table.add_column("how long ago")
        table.add_column("touch-bases", justify="right")
        table.add_column("takeoff")
        for p in pipe.prospects[:ROWS_SHOWN]:
            name = safe(one_line(p.person.name, 26))
            if p.status != "active":
                name += f" [dim]({p.status})[/dim]"
            # under a month, how long exactly: "4 weeks ago" rather than "this month"
            ago = (f"{format_ago(p.days_since_met)} ago" if p.band == "under a month"
                   and p.days_since_met is not None and p.days_since_met > 1 else p.band)
            table.add_row(name, p.met_on.isoformat() if p.met_on else "[dim]—[/dim]", ago,
                          str(p.touchbases), TAKEOFF_LOOK.get(p.takeoff, p.takeoff))
        if len(pipe.prospects) > ROWS_SHOWN:
            table.caption = f"and {len(pipe.prospects) - ROWS_SHOWN} more"
        parts.append(table)
    else:
        parts.append(Text("No prospects: people you meet who may join the panel.",
                          style="dim"))
    if pipe.mentees:
        table = Table(title="Your mentees", title_justify="left", show_edge=False)
        table.add_column("person", max_width=26)
        table.add_column("last met")
        table.add_column("met in 12 months", justify="right")
        table.add_column("about every")
        table.add_column("cadence")
        for m in pipe.mentees[:ROWS_SHOWN]:
            last = (f"{m.last_met.isoformat()}" if m.last_met else "[dim]never[/dim]")
            if not m.on_rhythm:
                last = f"[yellow]{last}[/yellow]"
            table.add_row(safe(one_line(m.person.name, 26)), last, str(m.meetings_last_year),
                          format_interval(m.average_gap_days) if m.average_gap_days is not None
                          else "[dim]—[/dim]", format_interval(m.cadence_days))
        if len(pipe.mentees) > ROWS_SHOWN:
            rest = pipe.mentees[ROWS_SHOWN:]
            off = sum(1 for m in rest if not m.on_rhythm)
            table.caption = (f"and {len(rest)} more, {off} of them off rhythm" if off
                             else f"and {len(rest)} more, on rhythm")
        parts.append(table)
    else:
        parts.append(Text("No mentees yet.", style="dim"))
    return Group(*parts)


# Suggestions -------------------------------------------------------------------------------

def suggestions_view(found: Review) -> RenderableType:
    lines = Table.grid(padding=(0, 1))
    lines.add_column(justify="right", style="cyan")
    lines.add_column()
    for number, idea in enumerate(found.suggestions, 1):
        lines.add_row(f"{number}.", safe(idea.text))
    return lines
