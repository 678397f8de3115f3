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
