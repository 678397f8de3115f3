"""Tables laid out by hand, for long lists where Rich's Table is slow.

Rich's Table measures every cell several times and renders each through padding and
segment cropping: about half a millisecond a row, most of `list` and `due`. Here the
column widths are worked out once: fixed columns keep their natural width, flexible ones
share what is left; a cell is then cut to one line with "…" (`wrap=False`, for `list`)
or wrapped onto as many lines as it needs (`wrap=True`, for `due`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from rich.console import Console, ConsoleOptions
from rich.text import Text

GAP = 2
NARROWEST = 8  # a flexible column is never squeezed below this


@dataclass
class LineTable:
    title: str
    headers: Sequence[str]
    rows: list[Sequence[Text]] = field(default_factory=list)
    flexible: frozenset[int] = frozenset()  # columns that give up width to fit the screen
    right: frozenset[int] = frozenset()  # right-aligned columns
    max_widths: dict[int, int] = field(default_factory=dict)
    wrap: bool = False  # wrap cells onto several lines instead of cutting them
    caption: str = ""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        widths = self._widths(options.max_width)
        ruler = Text("─" * min(options.max_width, sum(widths) + GAP * (len(widths) - 1)),
                     style="dim")
        lines = [Text(self.title, style="bold"),
                 *self._row([Text(h, style="bold") for h in self.headers], widths, console),
                 ruler]
        for number, row in enumerate(self.rows):
            row_lines = self._row(row, widths, console)
            if self.wrap and number and len(row_lines) > 1:
                lines.append(Text())  # a blank line between rows of several lines
            lines.extend(row_lines)
        if self.caption:
            lines.extend((Text(), Text(self.caption, style="dim")))
        yield Text("\n", no_wrap=True, overflow="ellipsis").join(lines)  # one Text: fast

    def _widths(self, available: int) -> list[int]:
        widths = []
        for i, header in enumerate(self.headers):
            natural = max([len(header)] + [max((line.cell_len for line in row[i].split("\n")),
                                               default=0) for row in self.rows])
            widths.append(min(natural, self.max_widths.get(i, natural)))
        spare = available - sum(widths) - GAP * (len(widths) - 1)
        while spare < 0 and any(widths[i] > NARROWEST for i in self.flexible):
            widest = max(self.flexible, key=lambda i: widths[i])
            cut = min(-spare, widths[widest] - NARROWEST)
            widths[widest] -= cut
            spare += cut
        return widths

    def _row(self, cells: Sequence[Text], widths: list[int], console: Console) -> list[Text]:
        columns = []
        for cell, width in zip(cells, widths, strict=True):
            if self.wrap:
                columns.append(list(cell.wrap(console, width, overflow="fold")))
            else:
                first = cell.split("\n")[0] if cell.plain else cell.copy()
                first.truncate(width, overflow="ellipsis")
                columns.append([first])
        lines = []
        for parts in zip_longest(*columns, fillvalue=Text()):
            line = Text()
            for i, (part, width) in enumerate(zip(parts, widths, strict=True)):
                pad = " " * max(0, width - part.cell_len)
                if i:
                    line.append(" " * GAP)
                if i in self.right:
                    line.append(pad)
                line.append_text(part)
                if i not in self.right and i < len(widths) - 1:
                    line.append(pad)
            line.rstrip()
            lines.append(line)
        return lines
