"""What each command loads, and what it says when the extra it needs is not installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hadath.cli import main

# The heavy packages of the extras (and the HTML extractor): none is needed to read text.
HEAVY = ("scipy", "pyarrow", "fastapi", "uvicorn", "jinja2", "distributed", "trafilatura")


def _loaded_after(code: str) -> dict[str, bool]:
    script = (
        f"import json, sys\n{code}\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    loaded: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_cli_help_loads_no_extra() -> None:
    loaded = _loaded_after("import hadath.cli\nhadath.cli.build_parser()")
    assert not any(loaded.values()), loaded


def test_cli_read_of_a_text_file_loads_no_extra(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Russia and Turkey agreed on a ceasefire in Idlib on Thursday.\n")
    loaded = _loaded_after(
        f"import contextlib, io\nfrom hadath.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    assert main(['read', {str(page)!r}]) == 0\n"
        f"assert json.loads(out.getvalue())['events']"
    )
    assert not any(loaded.values()), loaded


def test_cli_batch_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Russia and Turkey agreed on a ceasefire.\n")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "out"
    assert main(["batch", str(page), "--out", str(out), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert "pip install 'hadath[parquet]'" in err and "Parquet" in err
    assert not out.exists() or not any(out.glob("part-*"))


def test_cli_serve_without_the_web_extra_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["serve", "--db", str(tmp_path / "news.db")]) == 2
    assert "pip install 'hadath[web]'" in capsys.readouterr().err


def test_cli_eval_without_scipy_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [m for m in sys.modules if m == "hadath.eval" or m.startswith("hadath.eval.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)
    assert main(["eval"]) == 3
    assert "pip install 'hadath[eval]'" in capsys.readouterr().err
