"""The helper of a long JSON export (io/export_share.py): about half of its rows.

    python -m mentornet.io.export_helper DATABASE BATCH LEAD

It opens DATABASE while the export's own snapshot lasts, so it reads the same panel, and
writes to standard output first what it sees (export_share.fingerprint), then the text
of its batches of each list (export_share.helpers_turns) and of the goals, in the
document's order, each as `LENGTH\\n` and that many bytes of UTF-8.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str]) -> int:
    from mentornet.io.export_share import fingerprint, helpers_turns, walk
    from mentornet.io.json_export import LISTS, goals_text
    from mentornet.store import Store

    gc.disable()  # strings and tuples only, a batch at a time: nothing for it to collect
    file, batch, lead = Path(argv[0]), int(argv[1]), int(argv[2])
    with Store(file) as store, store.snapshot():
        _send(json.dumps(fingerprint(store)).encode())
        goals = goals_text(store)  # first, and sent in its place
        mine = helpers_turns(lead)
        for section in LISTS:
            if section == "goals":
                _send(goals.encode("utf-8"))
                continue
            for _, text in walk(store, section, mine=mine, batch=batch):
                if text is not None:
                    _send(text.encode("utf-8"))
    return 0


def _send(data: bytes) -> None:
    view = memoryview(b"%d\n" % len(data) + data)
    while view:
        view = view[os.write(1, view):]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
