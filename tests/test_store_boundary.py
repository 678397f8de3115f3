"""The CLI and the file formats take their data only through the store's public object.

Read from the source: the modules of cli/ may import `Store` and `Change` from
mentornet.store and nothing else of it, no database module (sqlite3, SQLAlchemy,
SQLModel, models.py, migrations.py), and hold no SQL; io/ reads and writes through the
same objects, so it imports no database module and holds no SQL either.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mentornet"
DATABASE_MODULES = ("sqlite3", "sqlalchemy", "sqlmodel", "mentornet.models",
                    "mentornet.migrations")
# The store object, and where it is (a path or a PostgreSQL URL).
PUBLIC = {"Store", "Change", "Location", "ServerURL", "location"}
SQL = re.compile(r"\bSELECT\b.+\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|"
                 r"\bDELETE\s+FROM\b|\bPRAGMA\s+\w+|\bBEGIN\s+(IMMEDIATE|TRANSACTION)\b",
                 re.DOTALL)


def _modules(folder: str) -> list[Path]:
    return sorted((SRC / folder).glob("*.py"))


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names imported from it) for every import of the file, nested ones too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, tuple(alias.name for alias in node.names)))
    return found


def _strings(path: Path) -> list[str]:
    return [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


@pytest.mark.parametrize("path", _modules("cli"), ids=lambda p: p.name)
def test_the_cli_uses_only_the_store_object(path: Path) -> None:
    for module, names in _imports(path):
        assert not module.startswith(DATABASE_MODULES), (path.name, module)
        if module.startswith("mentornet.store"):
            assert module == "mentornet.store", (path.name, module)
            assert set(names) <= PUBLIC, (path.name, names)


@pytest.mark.parametrize("path", [*_modules("cli"), *_modules("io")], ids=lambda p: p.name)
def test_no_sql_and_no_database_module_above_the_store(path: Path) -> None:
    for module, _ in _imports(path):
        assert not module.startswith(DATABASE_MODULES), (path.name, module)
    assert [text for text in _strings(path) if SQL.search(text)] == [], path.name


def test_the_check_sees_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import sqlite3\nfrom mentornet.store import queries\n"
                      "def f():\n    from mentornet.store.writes import writing\n"
                      "    return 'SELECT id FROM person'\n", encoding="utf-8")
    assert ("sqlite3", ()) in _imports(sample)
    assert ("mentornet.store.writes", ("writing",)) in _imports(sample)
    assert _strings(sample) == ["SELECT id FROM person"]


# How SQLite is set up and spoken to in its own words: the connection's settings, the
# header's application id, the mapped read, the lenient text, the journal's triggers.
SQLITE_OWN = re.compile(r"PRAGMA\s+(busy_timeout|foreign_keys\s*=\s*ON|trusted_schema|"
                        r"journal_mode|synchronous|secure_delete|mmap_size|"
                        r"application_id\s*=)|\btext_factory\b|\WBEGIN IMMEDIATE\W\)|"
                        r"(CREATE TRIGGER\W+|PREFIX\s*=\s*\W)journal_|\bjson_group_array\b",
                        re.IGNORECASE)


@pytest.mark.parametrize("path", [path for path in sorted(SRC.rglob("*.py"))
                                  if not {"sqlite", "postgres"} & set(
                                      path.relative_to(SRC).parts)
                                  and path.name != "migrations.py"],
                         ids=lambda path: str(path.relative_to(SRC)))
def test_sqlite_s_own_setup_stays_on_the_sqlite_side_of_the_store(path: Path) -> None:
    # Outside store/sqlite/ (and the schema's history in migrations.py), nothing opens,
    # sets up or journals a connection the SQLite way: the second engine, store/postgres/,
    # is that package's sibling, and the modules above both speak the SQL they share.
    found = SQLITE_OWN.search(path.read_text(encoding="utf-8"))
    assert found is None, f"{path.relative_to(SRC)}: {found.group(0) if found else ''}"


def test_the_sqlite_check_sees_what_it_looks_for() -> None:
    side = SRC / "store" / "sqlite"
    texts = {path.name: path.read_text(encoding="utf-8") for path in side.glob("*.py")}
    assert SQLITE_OWN.search(texts["connection.py"])
    assert SQLITE_OWN.search(texts["journal.py"])
    assert SQLITE_OWN.search(texts["panel.py"])
