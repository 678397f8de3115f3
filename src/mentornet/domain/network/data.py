"""The network as JSON-ready data: the `network` key of `review --json`."""

from __future__ import annotations

from typing import Any

from mentornet.domain.network.panel import Network
from mentornet.domain.network.shape import CONCENTRATED_SHARE, DIVERSE_SPHERES, STRONG_SHARE
from mentornet.domain.network.ties import STRONG_TIE


def network_data(net: Network) -> dict[str, Any]:
    names = {ref.id: ref for ref in net.mentors}
    div, strength = net.diversity, net.strength
    return {
        "size": net.size,
        "spheres": dict(div.spheres),
        "diversity": {"spheres": div.count, "largest": div.largest,
                      "largest_share": div.largest_share, "unknown": div.unknown,
                      "missing": list(div.missing), "high": div.high,
                      "diverse_at": {"spheres": DIVERSE_SPHERES,
                                     "largest_share_at_most": CONCENTRATED_SHARE}},
        "strength": {
            "strong": strength.strong, "of": strength.total, "share": strength.share,
            "high": strength.high, "strong_tie_at": STRONG_TIE, "high_at": STRONG_SHARE,
            "ties": [{"id": t.person_id, "name": names[t.person_id].name,
                      "kind": names[t.person_id].kind,
                      "sphere": net.spheres[t.person_id].name,
                      "sphere_guessed": net.spheres[t.person_id].guessed,
                      "strength": t.strength, "strong": t.strong,
                      "frequency": {"two_way_last_year": t.two_way_last_year,
                                    "expected": t.expected_last_year, "score": t.frequency},
                      "reciprocity": {"score": t.reciprocity, "words": t.reciprocity_words},
                      "recency": {"days_since": t.days_since, "score": t.recency},
                      "closeness": t.closeness} for t in net.ties],
        },
        "kind": {"name": net.kind, "text": net.kind_words, "move": net.move},
        "missing_help": {group: list(kinds) for group, kinds in net.help.missing.items()},
        "help_seen": dict(sorted(net.help.seen.items())),
        "phase": None if net.phase is None else {
            "name": net.phase.phase.name, "calls_for": net.phase.phase.calls_for,
            "reason": net.phase.phase.reason, "ok": net.phase.ok,
            "mentors": [{"id": r.id, "name": r.name, "kind": r.kind}
                        for r in net.phase.mentors],
            "text": net.phase.text},
        "dormant": None if net.dormant is None else {
            "id": net.dormant.person.id, "name": net.dormant.person.name,
            "kind": net.dormant.person.kind, "status": net.dormant.status,
            "last_two_way": net.dormant.last_two_way.isoformat(),
            "quiet_days": net.dormant.quiet_days, "fits": list(net.dormant.fits),
            "fits_phase": net.dormant.fits_phase, "text": net.dormant.text},
        "by_quarter": [{"quarter": q.label, "end": q.end.isoformat(), "size": q.size,
                        "spheres": q.diversity.count,
                        "largest_share": q.diversity.largest_share,
                        "strong": q.strength.strong, "strong_share": q.strength.share,
                        "kind": q.kind} for q in net.by_quarter],
    }
