"""A table laid out by hand, one line per row: for long lists, where Rich's Table is slow.

Rich's Table measures and wraps every cell (about half a millisecond a row); a panel of a
few hundred people would spend most of `list` on layout. Here each row is one line: the
fixed columns keep their width and the flexible ones share what is left, cut with "…".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions
from rich.text import Text

GAP = 2


@dataclass
class LineTable:
    title: str
    headers: Sequence[str]
    rows: list[Sequence[Text]] = field(default_factory=list)
    flexible: frozenset[int] = frozenset()  # columns that shrink to fit, cut with "…"
    right: frozenset[int] = frozenset()  # right-aligned columns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        widths = [max([len(h)] + [row[i].cell_len for row in self.rows])
                  for i, h in enumerate(self.headers)]
        spare = options.max_width - sum(widths) - GAP * (len(widths) - 1)
        while spare < 0 and any(widths[i] > 8 for i in self.flexible):
            widest = max(self.flexible, key=lambda i: widths[i])
            cut = min(-spare, widths[widest] - 8)
            widths[widest] -= cut
            spare += cut
        lines = [Text(self.title, style="bold"),
                 self._line([Text(h, style="bold") for h in self.headers], widths),
                 Text("─" * min(options.max_width, sum(widths) + GAP * (len(widths) - 1)),
                      style="dim")]
        lines.extend(self._line(row, widths) for row in self.rows)
        yield Text("\n", no_wrap=True, overflow="ellipsis").join(lines)  # one Text: far faster

    def _line(self, cells: Sequence[Text], widths: list[int]) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            cell = cell.copy()
            cell.truncate(width, overflow="ellipsis")
            pad = " " * (width - cell.cell_len)
            if i:
                line.append(" " * GAP)
            if i in self.right:
                line.append(pad)
            line.append_text(cell)
            if i not in self.right and i < len(widths) - 1:
                line.append(pad)
        return line
