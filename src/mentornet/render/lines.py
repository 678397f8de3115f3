"""Tables laid out by hand, for long lists where Rich's Table is slow.

Rich's Table measures every cell several times and renders each through padding and
segment cropping: about half a millisecond a row, most of `list`, `due` and `show`. Here
the column widths are worked out once: fixed columns keep their natural width, flexible
ones share what is left; a cell is then cut to one line with "…" (`wrap=False`, for
`list`) or wrapped onto as many lines as it needs (`wrap=True`, for `due` and `show`).
`Fields` is the label-and-value block at the top of `show`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import zip_longest

from rich.console import Console, ConsoleOptions
from rich.text import Text

GAP = 2
NARROWEST = 8  # a flexible column is never squeezed below this


class LineTable:
    """A titled table with one header line and a ruler; add rows to `rows`."""

    def __init__(self, *, title: str, headers: Sequence[str],
                 flexible: Iterable[int] = (), right: Iterable[int] = (),
                 max_widths: dict[int, int] | None = None, wrap: bool = False,
                 spaced: bool = True, caption: str = "") -> None:
        self.title = title
        self.headers = headers
        self.rows: list[Sequence[Text]] = []
        self.flexible = frozenset(flexible)  # columns that give up width to fit the screen
        self.right = frozenset(right)  # right-aligned columns
        self.max_widths = max_widths or {}
        self.wrap = wrap  # wrap cells onto several lines instead of cutting them
        self.spaced = spaced  # with wrap: a blank line between rows of several lines
        self.caption = caption

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        widths = self._widths(options.max_width)
        ruler = Text("─" * min(options.max_width, sum(widths) + GAP * (len(widths) - 1)),
                     style="dim")
        lines = [Text(self.title, style="bold"),
                 *self._row([Text(h, style="bold") for h in self.headers], widths, console),
                 ruler]
        for number, row in enumerate(self.rows):
            row_lines = self._row(row, widths, console)
            if self.spaced and self.wrap and number and len(row_lines) > 1:
                lines.append(Text())  # a blank line between rows of several lines
            lines.extend(row_lines)
        if self.caption:  # wrapped, not cut: it ends with what to type next
            wrapped = Text(self.caption, style="dim").wrap(console, options.max_width)
            for line in wrapped:
                line.rstrip()
            lines.extend((Text(), *wrapped))
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
            if self.wrap and _fits(cell, width):
                columns.append([cell])  # wrapping would change nothing
            elif self.wrap:
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


class Fields:
    """Labels in a dim column, each value beside its label and wrapped under itself."""

    def __init__(self, rows: Sequence[tuple[str, Text]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        label_width = max((len(label) for label, _ in self.rows), default=0)
        value_width = max(options.max_width - label_width - GAP, NARROWEST)
        lines = []
        for label, value in self.rows:
            parts = ([value] if _fits(value, value_width)
                     else value.wrap(console, value_width, overflow="fold"))
            for number, part in enumerate(parts):
                line = Text((label if number == 0 else "").ljust(label_width + GAP), style="dim")
                line.append_text(part)
                lines.append(line)
        yield Text("\n", no_wrap=True, overflow="ellipsis").join(lines)


def _fits(text: Text, width: int) -> bool:
    """One line no wider than `width`, which Rich's wrap would return unchanged.

    A tab counts as no width until wrap expands it, so a text with one is wrapped.
    """
    return text.cell_len <= width and not any(c in text.plain for c in "\n\t")
