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
PUBLIC = {"Store", "Change"}
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
