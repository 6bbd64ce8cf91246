"""Build hook: pure Python unless ``HADATH_USE_MYPYC=1`` asks for the compiled pipeline.

With ``HADATH_USE_MYPYC=1 pip install .`` the modules listed under ``[tool.hadath]
mypyc`` in pyproject.toml (text, stages, lexicons, model) are compiled to C
extensions with mypyc, as mypy and black ship theirs: the records are the same,
the pipeline is faster. Everything else (CLI, store, web, batch) stays Python.
It needs a C compiler and Python's headers. Leave editable installs pure: a
compiled module is imported before the source beside it, so edits to that
source would not take effect until the next build.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def compiled_sources() -> list[str]:
    """The source files ``[tool.hadath] mypyc`` names, relative to the project."""
    with (HERE / "pyproject.toml").open("rb") as fh:
        patterns = tomllib.load(fh)["tool"]["hadath"]["mypyc"]
    return sorted(
        str(p.relative_to(HERE))
        for pattern in patterns
        for p in HERE.glob(pattern)
        if p.name != "__init__.py"
    )


def ext_modules() -> list[object]:
    if os.environ.get("HADATH_USE_MYPYC") != "1":
        return []
    from mypyc.build import mypycify

    return list(mypycify(compiled_sources(), opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3")))


if __name__ == "__main__":  # setuptools runs this file as a script; tests import it
    from setuptools import setup

    setup(ext_modules=ext_modules())
