"""What a sync found or recorded, per person, in plain lines."""

from __future__ import annotations

from collections.abc import Mapping

from mentornet.domain.sync import SyncPlan
from mentornet.render.text import safe


def sync_report(plan: SyncPlan, names: Mapping[int, str], *, dry_run: bool,
                suggest: bool, skipped_files: list[str]) -> str:
    """The report of a sync: what it records (or would) for each person, then what was
    read, skipped and unknown. Rich markup, with every stored text escaped."""
    what = "messages" if plan.source == "mail" else "events"
    count = len(plan.touchbases)
    verb = "Would record" if dry_run else "Recorded"
    lines = [f"{verb} {count} touch-base{'' if count == 1 else 's'} from your "
             f"{plan.source} since {plan.since.isoformat()}"
             + (" (--dry-run: nothing was written)." if dry_run else ".")]
    for person_id in sorted(_people(plan), key=lambda pid: (names.get(pid, ""), pid)):
        lines.append(f"  [bold]{safe(names.get(person_id, '?'))}[/bold] (#{person_id})")
        for proposed in sorted((p for p in plan.touchbases if p.person_id == person_id),
                               key=lambda p: p.day):
            who = "you wrote" if proposed.initiator == "me" else "they wrote"
            if plan.source == "calendar":
                who = "you invited them" if proposed.initiator == "me" else "they invited you"
            reply = "" if proposed.answered else ", no reply yet"
            note = f": {safe(proposed.note)}" if proposed.note else ""
            lines.append(f"    {proposed.day.isoformat()}  {proposed.channel}, {who}{reply}"
                         f"{note}")
        for touchbase_id, (pid, day) in sorted(plan.answered.items()):
            if pid == person_id:
                lines.append(f"    {day.isoformat()}  their reply answers your outreach "
                             f"(touch-base #{touchbase_id}): it counts as contact")
        joined = [j for j in plan.joined if j.person_id == person_id]
        for item in joined:
            lines.append(f"    {item.day.isoformat()}  already logged (touch-base "
                         f"#{item.touchbase_id}): not added again")
        if person_id in plan.sessions:
            lines.append(f"    next session: {plan.sessions[person_id]:%a %d %b %Y}")
    lines.append(f"Read {plan.read} {what}." + _skipped(plan))
    for where in skipped_files:
        lines.append(f"  skipped (--skip-invalid): {safe(where)}")
    if plan.contacts:
        lines.append(f"{plan.contacts} {what[:-1] if plan.contacts == 1 else what} with "
                     "contacts (not on your panel) left alone.")
    if plan.unknown:
        many = len(plan.unknown)
        lines.append(f"{many} address{' belongs' if many == 1 else 'es belong'} to nobody in "
                     "mentornet" + ("." if suggest else
                                    " (--suggest lists the most frequent)."))
        if suggest:
            lines.append("Most frequent, to add with `mentornet add NAME --email ADDRESS` "
                         "or `mentornet edit NAME --email ADDRESS`:")
            lines += [f"  {times:>4}  {safe(address)}" for address, times in plan.suggestions()]
    if not dry_run and plan.changes_anything:
        lines.append("To take it back: mentornet undo")
    return "\n".join(lines)


def _people(plan: SyncPlan) -> set[int]:
    return ({p.person_id for p in plan.touchbases} | {j.person_id for j in plan.joined}
            | {pid for pid, _ in plan.answered.values()} | set(plan.sessions))


def _skipped(plan: SyncPlan) -> str:
    if not plan.skipped:
        return ""
    parts = [f"{reason}: {times}" for reason, times in sorted(plan.skipped.items(),
                                                              key=lambda kv: (-kv[1], kv[0]))]
    return " Skipped, " + "; ".join(parts) + "."
