"""What each command loads, and what it says when the extra it needs is not installed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hadath.cli import COMMANDS, HELP, build_parser, main

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


# What `hadath read` never needs: the other commands' modules and what they stand on.
NOT_FOR_READING = (
    "hadath.cli.store", "hadath.cli.batch", "hadath.cli.serve", "hadath.cli.eval",
    "hadath.cli.train", "hadath.store", "hadath.batch", "hadath.web", "hadath.eval", "sqlite3",
)  # fmt: skip


def _modules_after(argv: list[str]) -> set[str]:
    """The modules loaded by ``hadath ARGV`` run in a fresh interpreter, the way a user runs it."""
    script = (
        "import contextlib, io, json, sys\nfrom hadath.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        code = main({argv!r})\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        "print(json.dumps([code, sorted(sys.modules)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0, done.stderr
    return set(modules)


def test_cli_read_imports_no_other_command(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Russia and Turkey agreed on a ceasefire in Idlib on Thursday.\n")
    loaded = _modules_after(["read", str(page)])
    assert "hadath.pipeline" in loaded
    assert not loaded & set(NOT_FOR_READING), sorted(loaded & set(NOT_FOR_READING))


def test_cli_help_imports_no_command_and_no_stage() -> None:
    loaded = _modules_after(["--help"])
    commands = {f"hadath.cli.{module}" for module, _ in COMMANDS}
    assert not loaded & (commands | {"hadath.pipeline", "hadath.stages", "hadath.store"})


def test_cli_help_lists_every_command_as_the_full_parser_does() -> None:
    lazy, full = build_parser(()), build_parser()
    assert lazy.format_help() == full.format_help()
    # every command a module sets up is in the table the short listing is made from
    sub = next(a for a in full._actions if a.dest == "command")
    helps = {a.dest: a.help for a in sub._choices_actions}  # type: ignore[attr-defined]
    assert helps == HELP


def test_cli_version_names_the_build(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert re.fullmatch(
        r"hadath \d+\.\d+\.\d+ \((compiled with mypyc|pure Python)\)\n", capsys.readouterr().out
    )


def test_cli_read_of_a_text_file_loads_no_extra(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Russia and Turkey agreed on a ceasefire in Idlib on Thursday.\n")
    loaded = _loaded_after(
        f"import contextlib, io\nfrom hadath.cli import COMMANDS, HELP, build_parser, main\n"
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
