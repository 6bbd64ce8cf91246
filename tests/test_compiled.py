"""The build runs what it says: compiled with mypyc under scripts/test-compiled, pure otherwise."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import hadath

ROOT = Path(__file__).resolve().parents[1]


def _compiled_sources() -> list[str]:
    sys.path.insert(0, str(ROOT))
    try:
        from setup import compiled_sources
    finally:
        sys.path.remove(str(ROOT))
    return compiled_sources()


def test_every_listed_module_is_compiled_exactly_when_the_build_should_be() -> None:
    expected = os.environ.get("HADATH_EXPECT_COMPILED") == "1"
    sources = _compiled_sources()
    assert "hadath/stages/events.py" in sources and "hadath/text/match.py" in sources
    for source in sources:
        module = importlib.import_module(source.removesuffix(".py").replace("/", "."))
        assert (not (module.__file__ or "").endswith(".py")) is expected, module.__file__
    assert hadath.compiled() is expected


def test_version_names_the_build() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hadath.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith(f"hadath {hadath.__version__} (")
    assert ("compiled with mypyc" in out) is hadath.compiled()
