"""The helper of a long JSON export (io/export_share.py): about half of its rows.

    python -m mentornet.io.export_helper < {"file": DATABASE, "batch": ROWS, "lead": N}

It reads on standard input what to read, one line of JSON, and opens DATABASE while the
export's own snapshot lasts, so it reads the same panel. It writes to standard output
first what it sees (export_share.fingerprint), then the text of the goals and of its
batches of each list (export_share.helpers_turns), in the document's order, each as
`LENGTH\\n` and that many bytes of UTF-8.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main() -> int:
    from mentornet.io.export_share import fingerprint, helpers_turns, walk
    from mentornet.io.json_rows import LISTS, goals_text
    from mentornet.store import Store

    order = json.loads(sys.stdin.readline())
    file, batch = Path(order["file"]), int(order["batch"])
    with Store(file) as store, store.snapshot():
        _send(json.dumps(fingerprint(store, file)).encode())
        goals = goals_text(store)  # first, while the export writes its lead; sent in place
        mine = helpers_turns(int(order["lead"]))
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
    sys.exit(main())
