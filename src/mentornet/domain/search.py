"""Which records a search finds, in what order, and which of their words it matched.

One rule decides a match, whichever way the records were gathered (the FTS5 index or a
plain scan of every record): each word of the query starts a word of the record's texts,
both folded by `names.fold` (so `jose` finds José and `dir` finds Director). Records are
ranked by how much of the query hits their names and titles, then by how often, then the
newest first.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from mentornet.domain.names import fold

# A word: letters or digits, with the combining marks that follow them (an NFD "é" is one).
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                   r"\ufe20-\ufe2f])*")
# How much a hit in each field counts: a name most, then titles and topics, then notes.
WEIGHTS = {"name": 4.0, "org": 3.0, "role": 3.0, "topics": 2.0}
SNIPPET = 160  # characters of context shown around the first match of a long text


class Document(NamedTuple):
    """What a search reads of a record: its key, its day, its texts folded by column."""

    table: str
    id: int
    on: str  # the record's day as stored (YYYY-MM-DD sorts as the day does), or ""
    columns: tuple[str, ...]  # the same tuple for every record of a table
    texts: tuple[str, ...]  # each column's text folded; a list's items on one line


class Ranked(NamedTuple):
    document: Document
    score: float


class Record(NamedTuple):
    """A record a search may find: its kind, id, day, people and texts."""

    kind: str  # "person", "touch-base", "favour given", "parked question", "goal", ...
    id: int
    on: date | None
    people: tuple[tuple[int, str], ...]  # (id, name) of the person or the goal's mentors
    texts: tuple[tuple[str, str], ...]  # (field, text) in the order the record shows them


class Match(NamedTuple):
    """One field of a record that the query hit, with where in `text` the words are."""

    field: str
    text: str  # the text shown: the whole field, or a window around its first match
    spans: tuple[tuple[int, int], ...]  # (start, end) of each matched word in `text`


class Hit(NamedTuple):
    record: Record
    score: float
    matches: tuple[Match, ...]


def terms(query: str) -> list[str]:
    """The words of a query, folded; duplicates dropped, order kept."""
    return list(dict.fromkeys(_WORD.findall(fold(query))))


def _folded_words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _patterns(wanted: list[str]) -> list[re.Pattern[str]]:
    """For each term, the rest of each word of a folded text that the term starts."""
    return [re.compile(rf"(?<![^\W_]){re.escape(term)}([^\W_]*)") for term in wanted]


def score(document: Document, patterns: list[re.Pattern[str]]) -> float | None:
    """How well `document` matches the query (see the module's rule); None if one of
    its words is missing.

    Each term counts the weight of the best field it starts a word of, half a point
    more where it is that whole word; every word matched adds a twentieth (ten at most).
    """
    if not patterns:
        return None
    best = [0.0] * len(patterns)
    count = 0
    for field, folded in zip(document.columns, document.texts, strict=True):
        if not folded:
            continue
        weight = WEIGHTS.get(field, 1.0)
        for i, pattern in enumerate(patterns):
            rests = pattern.findall(folded)
            if rests:
                count += len(rests)
                points = weight + 0.5 if "" in rests else weight
                if points > best[i]:
                    best[i] = points
    if not all(best):
        return None
    return sum(best) + min(count, 10) / 20


def _score_one(document: Document, pattern: re.Pattern[str]) -> float | None:
    """`score` for a query of one word, the commonest search, without its bookkeeping."""
    best = 0.0
    count = 0
    for field, folded in zip(document.columns, document.texts, strict=True):
        if folded:
            rests = pattern.findall(folded)
            if rests:
                count += len(rests)
                points = WEIGHTS.get(field, 1.0) + (0.5 if "" in rests else 0.0)
                if points > best:
                    best = points
    return best + min(count, 10) / 20 if best else None


def rank(documents: Iterable[Document], wanted: list[str], *, limit: int = 0
         ) -> tuple[list[Ranked], int]:
    """The best `limit` (0: all) of the documents the folded query words `wanted` match,
    best first: by score, then the newest (then by table and id, the newest first); and
    how many match in all."""
    patterns = _patterns(wanted)
    if len(patterns) == 1:
        one = patterns[0]
        found = [Ranked(document, points) for document in documents
                 if (points := _score_one(document, one)) is not None]
    else:
        found = [Ranked(document, points) for document in documents
                 if (points := score(document, patterns)) is not None]

    def order(r: Ranked) -> tuple[float, str, str, int]:
        return (r.score, r.document.on, r.document.table, r.document.id)

    if 0 < limit < len(found):
        return heapq.nlargest(limit, found, key=order), len(found)
    return sorted(found, key=order, reverse=True), len(found)


def highlight(record: Record, score: float, wanted: list[str]) -> Hit:
    """The hit `record` is, with the fields the query matched and their words' spans."""
    found = []
    for field, text in record.texts:
        shown = _highlight(field, text, wanted)
        if shown.spans:
            found.append(shown)
    return Hit(record=record, score=score, matches=tuple(found))


def _highlight(field: str, text: str, wanted: list[str]) -> Match:
    """The field's text on one line (a long one cut around its first match) and the
    spans of the words that the query matched."""
    line = " ".join(text.split())
    spans = [(m.start(), m.end()) for m in _WORD.finditer(line)
             if any(word.startswith(term) for word in _folded_words(m.group())
                    for term in wanted)]
    if len(line) > SNIPPET and spans:
        start = max(0, spans[0][0] - SNIPPET // 4)
        end = min(len(line), start + SNIPPET)
        start = max(0, min(start, end - SNIPPET))
        head = "…" if start > 0 else ""
        tail = "…" if end < len(line) else ""
        shift = len(head) - start
        line = head + line[start:end] + tail
        spans = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return Match(field=field, text=line, spans=tuple(spans))
