"""What is wrong with a file being imported, and where: collected while it is parsed, then
refused all at once (MalformedFile, nothing written) or, with --skip-invalid, the cards
or rows that can't be read left out and listed in the report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mentornet.errors import BadInput

MAX_PROBLEMS = 50  # a report lists this many problems, then counts the rest

@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, and where: "row 7", "card 3", "people[2].kind"."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


class MalformedFile(BadInput):
    """A file that can't be imported as it is; nothing was written."""

    def __init__(self, source: str, problems: Sequence[Problem], *, hint: str = "") -> None:
        self.source = source
        self.problems = list(problems)
        self.hint = hint  # what to do, e.g. import the rest with --skip-invalid
        first = self.problems[0] if self.problems else Problem("file", "unreadable")
        more = len(self.problems) - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"can't import {source!r}: {first}{extra}; nothing was imported")


class Problems:
    """Collects problems while parsing, and raises them all at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[Problem] = []
        self.count = 0

    def add(self, where: str, what: str) -> None:
        self.count += 1
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem(where, what))

    def raise_if_any(self) -> None:
        if self.found:
            problems = list(self.found)
            if self.count > len(problems):
                problems.append(Problem("…", f"{self.count - len(problems)} more problems "
                                             "not listed"))
            raise MalformedFile(self.source, problems)


def settle_invalid(source: str, invalid: Sequence[Problem], *, valid: int, unit: str,
                   skip_invalid: bool, skipped: list[Problem]) -> None:
    """Cards or rows that can't be imported: refuse the file, or skip them and say so.

    All or nothing by default, naming each one; with --skip-invalid the others are
    imported and every one skipped is listed in the report.
    """
    if not invalid:
        return
    if skip_invalid:
        skipped.extend(invalid)
        return
    listed = list(invalid[:MAX_PROBLEMS])
    if len(invalid) > MAX_PROBLEMS:
        listed.append(Problem("…", f"{len(invalid) - MAX_PROBLEMS} more problems not listed"))
    others = f"the other {valid} {unit}{'' if valid == 1 else 's'}"
    hint = (f"To import {others} and list the ones skipped: mentornet import "
            f"{_quoted(source)} --skip-invalid" if valid else "")
    raise MalformedFile(source, listed, hint=hint)


def _quoted(path: str) -> str:
    import shlex

    return shlex.quote(path)
