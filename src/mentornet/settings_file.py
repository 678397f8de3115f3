"""The settings file (TOML): cadence defaults per kind and the due and stale points of `due`.

The file is optional; every setting it leaves out keeps its default. The CLI decides which
file to read (`MENTORNET_CONFIG`, else the platform's config folder) and passes the path.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mentornet.config import DEFAULT_CADENCE_DAYS
from mentornet.dates import MAX_INTERVAL_DAYS, format_interval, parse_interval
from mentornet.errors import BadInput, MentornetError
from mentornet.vocab import PANEL_KINDS as KINDS

if TYPE_CHECKING:
    from mentornet.domain.rules import Rules

DEFAULT_DUE_AT = 1.0  # due at 1x the cadence
DEFAULT_STALE_AT = 1.5  # stale at 1.5x
MAX_RATIO = 100.0

EXAMPLE = """\
# mentornet settings. Every line is optional: what you leave out keeps its default.

# The database: a file, or a PostgreSQL database every machine reaches (before any [section])
# database = "postgresql://dana@db.example.org/mentornet"

[cadence]  # how often to touch base when a person has no cadence of their own (--every)
formal = "4w"     # a number of days, or 2w, 6 weeks, monthly, quarterly...
informal = "12w"
mentee = "4w"
prospect = "3w"

[due]
due_at = 1.0      # a person is due once this many cadences have passed since the last contact
stale_at = 1.5    # ...and stale at this many
"""


class Setting(NamedTuple):
    """One value in force, and where it comes from (NamedTuples: cheap to define at start-up)."""

    key: str  # "cadence.formal", "due.due_at"
    value: float
    shown: str  # the value as a person reads it: "4 weeks", "1.5x the cadence"
    source: str  # "default" or "config file"


class DueSettings(NamedTuple):
    """The settings in force, read from `path` (which may not exist)."""

    path: Path
    exists: bool
    values: tuple[Setting, ...]
    database: str | None = None  # `database = "..."`: a file, or a PostgreSQL URL

    def value(self, key: str) -> float:
        return next(setting.value for setting in self.values if setting.key == key)

    def rules(self) -> "Rules":
        from mentornet.domain.rules import Rules

        return Rules(cadence_days={kind: int(self.value(f"cadence.{kind}")) for kind in KINDS},
                     due_ratio=self.value("due.due_at"), stale_ratio=self.value("due.stale_at"))


def load_settings(path: Path) -> DueSettings:
    """The settings in `path`, over the defaults; a clear error when the file is wrong."""
    raw = _read(path)
    where = f"in the settings file {str(path)!r}"
    _check_keys(raw, where)
    cadence = raw.get("cadence", {})
    due = raw.get("due", {})
    values = []
    for kind in KINDS:
        if kind in cadence:
            days = _days(cadence[kind], f"cadence.{kind}", where)
            source = "config file"
        else:
            days, source = DEFAULT_CADENCE_DAYS[kind], "default"
        values.append(Setting(f"cadence.{kind}", days, format_interval(days), source))
    due_at = _ratio(due, "due_at", DEFAULT_DUE_AT, where)
    stale_at = _ratio(due, "stale_at", DEFAULT_STALE_AT, where)
    if stale_at.value < due_at.value:
        raise BadInput(f"due.stale_at ({stale_at.value:g}) is below due.due_at "
                       f"({due_at.value:g}) {where}: a person becomes stale after being due")
    database = raw.get("database")
    if database is not None and (not isinstance(database, str) or not database.strip()):
        raise BadInput(f"database {where} should be a file path or a PostgreSQL URL in "
                       "quotes, e.g. database = \"postgresql://dana@db.example.org/mentornet\"")
    return DueSettings(path=path, exists=path.is_file(),
                       values=(*values, due_at, stale_at), database=database)


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    from mentornet.files import not_a_file

    kind = not_a_file(path)
    if kind:
        raise BadInput(f"the settings file {str(path)!r} is {kind}, not a file: point "
                       "MENTORNET_CONFIG at a file, or unset it")
    import tomllib  # only when there is a file: most commands run without one

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise MentornetError(f"can't read the settings file {str(path)!r}: "
                             f"{exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"the settings file {str(path)!r} is not valid TOML ({exc}): fix it, "
                       "or move it aside to use the defaults") from None


def _check_keys(raw: dict[str, Any], where: str) -> None:
    known = {"cadence": set(KINDS), "due": {"due_at", "stale_at"}}
    for section, table in raw.items():
        if section == "database":  # a top-level key, before any section
            continue
        if section not in known:
            raise BadInput(f"unknown section [{section}] {where}: use [cadence] or [due]")
        if not isinstance(table, dict):
            raise BadInput(f"{section!r} {where} should be a section, [{section}]")
        for key in table:
            if key not in known[section]:
                allowed = ", ".join(sorted(known[section]))
                raise BadInput(f"unknown setting {section}.{key} {where}: "
                               f"[{section}] takes {allowed}")


def _days(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise BadInput(f"{key} {where} should be a number of days or an interval like "
                       f"\"4w\", not {value!r}")
    if isinstance(value, str):
        try:
            return parse_interval(value)
        except BadInput as exc:
            raise BadInput(f"{key} {where}: {exc}") from None
    if not 0 < value <= MAX_INTERVAL_DAYS:
        raise BadInput(f"{key} {where} should be between 1 and {MAX_INTERVAL_DAYS} days, "
                       f"not {value}")
    return value


def _ratio(table: dict[str, Any], name: str, default: float, where: str) -> Setting:
    key = f"due.{name}"
    if name not in table:
        return Setting(key, default, f"{default:g}x the cadence", "default")
    value = table[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
            0 < value <= MAX_RATIO):
        raise BadInput(f"{key} {where} should be a number of cadences above 0, like 1.5, "
                       f"not {value!r}")
    return Setting(key, float(value), f"{value:g}x the cadence", "config file")
