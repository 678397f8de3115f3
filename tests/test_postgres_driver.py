"""Importing psycopg without `importlib.metadata` (store/postgres/driver.py): the versions
it learns are the ones `importlib.metadata` gives, and what the stand-in is not sure of
goes to the real module."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mentornet.store.postgres.driver import dist_info_version

HAS_PSYCOPG = importlib.util.find_spec("psycopg") is not None


def _dist_info(folder: Path, name: str, version: str | None) -> Path:
    info = folder / f"{name}-{version or '0'}.dist-info"
    info.mkdir(parents=True)
    headers = "Metadata-Version: 2.1\nName: x\n" + (f"Version: {version}\n" if version else "")
    (info / "METADATA").write_text(headers + "\nVersion: 9.9 (in the description)\n",
                                   encoding="utf-8")
    return info


def test_the_version_is_read_from_the_first_folder_that_has_the_distribution(
        tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    _dist_info(second, "psycopg", "3.1.0")
    _dist_info(second, "psycopg_binary", "3.1.0")
    _dist_info(first, "psycopg_binary", "3.3.9")
    path = [str(tmp_path / "missing"), str(first), str(second)]
    assert dist_info_version("psycopg-binary", path) == "3.3.9"
    assert dist_info_version("Psycopg_Binary", path) == "3.3.9"
    assert dist_info_version("psycopg", path) == "3.1.0"
    assert dist_info_version("psycopg-pool", path) is None


def test_what_the_stand_in_is_not_sure_of_it_leaves_to_the_real_module(
        tmp_path: Path) -> None:
    egg, two, bare = tmp_path / "egg", tmp_path / "two", tmp_path / "bare"
    (egg / "psycopg-3.3.9.egg-info").mkdir(parents=True)
    _dist_info(two, "psycopg", "3.3.8")
    _dist_info(two, "psycopg", "3.3.9")
    _dist_info(bare, "psycopg", None)  # METADATA without a Version: header
    for folder in (egg, two, bare):
        assert dist_info_version("psycopg", [str(folder)]) is None, folder.name


@pytest.mark.skipif(not HAS_PSYCOPG, reason="psycopg is not installed")
def test_psycopg_imported_by_the_store_knows_the_versions_metadata_gives() -> None:
    script = """if True:
        import json, sys
        from mentornet.store.postgres.driver import driver
        psycopg = driver()
        left = sys.modules.get("importlib.metadata")
        stand_in_left = left is not None and type(left).__name__ == "_Versions"
        binary = sys.modules.get("psycopg_binary")
        seen = {"psycopg": psycopg.__version__,
                "binary": binary.__version__ if binary else None,
                "metadata_imported": left is not None, "stand_in_left": stand_in_left}
        import importlib.metadata as metadata
        seen["real"] = {"psycopg": metadata.version("psycopg"),
                        "binary": metadata.version("psycopg-binary") if binary else None}
        seen["real_is_module"] = type(metadata).__name__ == "module"
        print(json.dumps(seen))
        """
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=True)
    seen = json.loads(result.stdout)
    assert seen["psycopg"] == seen["real"]["psycopg"]
    assert seen["binary"] == seen["real"]["binary"]
    assert not seen["stand_in_left"]
    assert seen["real_is_module"]
    assert not seen["metadata_imported"], "importing psycopg imported importlib.metadata"


def test_a_name_the_stand_in_lacks_comes_from_the_real_module() -> None:
    script = """if True:
        import sys
        from mentornet.store.postgres import driver
        with driver._metadata_stand_in():
            from importlib import metadata
            assert type(metadata).__name__ == "_Versions"
            error = metadata.PackageNotFoundError
            try:
                metadata.version("no-such-distribution-of-mentornet")
            except error:
                pass
            else:
                raise AssertionError("a missing distribution had a version")
        import importlib.metadata
        assert error is importlib.metadata.PackageNotFoundError
        assert sys.modules["importlib.metadata"] is importlib.metadata
        print("ok")
        """
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
