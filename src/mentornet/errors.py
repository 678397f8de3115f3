"""Errors a user can act on; the CLI prints them as one line and exits 1."""


class MentornetError(Exception):
    """A problem caused by the user's input or environment, not a bug.

    The message says what was wrong, quotes the input, and suggests what to do.
    It never contains private note text.
    """


class BadInput(MentornetError):
    """An argument or option value that cannot be understood (a date, a kind, a name)."""


class NotFound(MentornetError):
    """A person, follow-up, goal or parked item that does not exist."""


class Ambiguous(MentornetError):
    """A name that matches several people."""


class StoreError(MentornetError):
    """The database file cannot be used: foreign, corrupt, too new, read-only, full."""


class PastRestore(StoreError):
    """The change `undo` would reverse was recorded inside a file restored since then.

    Nothing was changed: the CLI says how to take the restore back (`kept`, the file the
    restore replaced, or None when there was none), asks, and undoes it only on a yes.
    """

    def __init__(self, *, restore: str, restored_at: str, kept: str | None, change_id: int,
                 description: str, made_at: str) -> None:
        super().__init__(f"`{description}` was recorded inside the restored file")
        self.restore, self.restored_at, self.kept = restore, restored_at, kept
        self.change_id, self.description, self.made_at = change_id, description, made_at
