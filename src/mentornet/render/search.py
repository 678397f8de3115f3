"""Search results for the terminal and for --json: the matched words marked, text inert.

Stored text never passes through Rich markup: each result is built as a `rich.text.Text`
from plain pieces (controls made visible by render.text.plain) with the matched words
styled, so "[bold]" in a note stays the characters it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentornet.render.text import plain

if TYPE_CHECKING:
    from rich.text import Text

    from mentornet.domain.search import Hit, Match

MARK = "bold reverse"  # how a matched word shows on a terminal that has styles
FIELDS = {"name": "name", "org": "organisation", "role": "role", "notes": "notes",
          "topics": "topic", "feedback": "feedback", "description": "favour", "text": "text",
          "note": "note"}


def whose(hit: Hit) -> str:
    """The person (or the goal's mentors) a result is about, in words."""
    record = hit.record
    if record.people:
        return ", ".join(name for _, name in record.people)
    if record.kind.startswith("parked"):
        return "every formal mentor"
    return "no mentor linked" if record.kind.startswith("goal") else ""


def marked(match: Match) -> Text:
    """The matched field's text with its matched words styled, every piece inert."""
    from rich.text import Text

    text = Text()
    text.append(f"{FIELDS.get(match.field, match.field)}: ", style="dim")
    at = 0
    for start, end in match.spans:
        text.append(plain(match.text[at:start]))
        text.append(plain(match.text[start:end]), style=MARK)
        at = end
    text.append(plain(match.text[at:]))
    return text


def heading(hit: Hit) -> Text:
    from rich.text import Text

    record = hit.record
    day = record.on.isoformat() if record.on else "no date"
    text = Text(f"{day}  ")
    text.append(f"{record.kind} #{record.id}", style="bold")
    who = whose(hit)
    if who:
        text.append("  ")
        text.append(plain(who))
    return text


def hit_json(hit: Hit) -> dict[str, Any]:
    record = hit.record
    return {"kind": record.kind, "id": record.id, "on": record.on,
            "people": [{"id": pid, "name": name} for pid, name in record.people],
            "score": round(hit.score, 3),
            "matches": [{"field": m.field, "text": m.text, "spans": [list(s) for s in m.spans]}
                        for m in hit.matches]}
