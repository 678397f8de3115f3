"""What an import did, or would do, in plain lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentornet.io.plan import changed_fields
from mentornet.render.text import safe
from mentornet.words import counted

if TYPE_CHECKING:
    from mentornet.io.plan import ImportPlan

LISTED_PEOPLE = 40  # report lines about single people before "... and N more"


def import_report(plan: ImportPlan, *, dry_run: bool) -> str:
    """The report of an import: what it did (or would) for each person, the news it
    noticed, what it skipped and how to take it back. Rich markup, stored text escaped."""

    def verb(past: str, present: str) -> str:
        return f"would {present}" if dry_run else past

    lines: list[str] = []
    people = len(plan.people)
    history = ", ".join(_counted(count, label) for label, count in plan.added.items() if count)
    if plan.restore:
        what = _people(people)
        lines.append(f"{verb('Restored', 'restore').capitalize()} {what}"
                     f"{', ' + history if history else ''} from {safe(plan.source)} "
                     "into the empty panel.")
    else:
        added, updated = plan.count("add"), plan.count("update")
        same = plan.count("unchanged")
        doing = [f"{verb('added', 'add')} {_people(added)}"] if added else []
        if updated:
            doing.append(f"{verb('updated', 'update')} {_people(updated)}")
        up_to_date = f"{_people(same)} already up to date" if same else ""
        if doing:
            text = " and ".join(doing)
            text = text[0].upper() + text[1:]
            lines.append(f"{text} from {safe(plan.source)}"
                         f"{'; ' + up_to_date if up_to_date else ''}.")
        elif same:
            lines.append(f"Nothing to change from {safe(plan.source)}: {up_to_date}.")
        else:
            lines.append(f"No people found in {safe(plan.source)}.")
        shown = [p for p in plan.people if p.action != "unchanged" or p.renamed or p.note]
        for person in shown[:LISTED_PEOPLE]:
            where = [person.where] if person.where else []
            if person.matched_by:
                where.append(f"matched by {person.matched_by}")
            if person.merged:
                where.append(f"also {', '.join(person.merged[:3])}"
                             + (" …" if len(person.merged) > 3 else ""))
            if person.note:
                where.append(person.note)
            detail = f" ({safe('; '.join(where))})" if where else ""
            fields = f": {changed_fields(person)}" if person.action == "update" else ""
            mark = {"add": "+", "update": "~"}.get(person.action, "=")
            name = safe(person.name)
            if person.renamed:
                name = f"{safe(person.incoming)} is {name}"
            lines.append(f"  {mark} {name}{detail}{fields}")
        if len(shown) > LISTED_PEOPLE:
            lines.append(f"  … and {len(shown) - LISTED_PEOPLE} more")
        jobs = [(p.name, p.job) for p in plan.people if p.job is not None]
        if jobs:
            from mentornet.domain.news import describe

            lines.append(f"  News worth a note ({'would be ' if dry_run else ''}in `show` "
                         "and `due`):")
            lines.extend(f"    {safe(describe(name, *job))}"
                         for name, job in jobs[:LISTED_PEOPLE])
        if history:
            lines.append(f"  {verb('Added', 'add').capitalize()} {history}.")
        filled = ", ".join(_counted(count, label) for label, count in plan.updated.items()
                           if count)
        if filled:
            lines.append(f"  {verb('Completed', 'complete').capitalize()} {filled} from the file.")
        contacts = sum(1 for p in plan.people
                       if p.action == "add" and p.changes.get("kind") == "contact")
        if contacts:
            lines.append(f"  {_people(contacts).capitalize()} {verb('came', 'come')} in as "
                         f"{'a contact' if contacts == 1 else 'contacts'}, off your panel and "
                         "out of `due`: `mentornet list --kind contact` shows them, "
                         "`mentornet edit NAME --kind prospect` puts one on your panel.")
    for problem in plan.skipped:  # every one, with where it is: nothing is hidden
        lines.append(f"  [yellow]skipped[/yellow] {safe(str(problem))}")
    for note in plan.notes:
        lines.append(f"  {safe(note[0].upper() + note[1:])}.")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    elif plan.changes_anything:
        lines.append("To take it back: mentornet undo")
    return "\n".join(lines)


def _counted(count: int, label: str) -> str:
    """"1 favour", "3 touch-bases": every label is a plural ending in s."""
    return f"{count} {label[:-1] if count == 1 else label}"


def _people(count: int) -> str:
    return counted(count, "person")
