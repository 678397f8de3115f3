"""mentornet's modules byte-compiled before anything is timed, as `pip install` does for a
package it installs.

A checkout run with PYTHONDONTWRITEBYTECODE set (as on many CI machines) would otherwise
compile every module a command imports again in every run: time no user's command pays,
and more of it for the commands that import more (an import of a contact file).
"""

from __future__ import annotations


def compile_sources() -> None:
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("mentornet")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=1)
