"""The command line as a user meets it: help, exit codes, one-line errors, the README."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hadath.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "hadath.cli", *args], input=stdin, capture_output=True, timeout=300
    )


def _subcommands() -> dict[str, list[str]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    out = {}
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        out[name] = [o for a in p._actions for o in a.option_strings if o.startswith("--")]
    return out


def test_cli_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for name in _subcommands():
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        assert name in capsys.readouterr().out


def test_cli_docs_readme_names_every_command_and_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, options in _subcommands().items():
        assert re.search(rf"hadath {name}\b", readme), f"README does not show `hadath {name}`"
        for opt in options:
            if opt == "--help":
                continue
            assert opt in readme, f"README does not mention `hadath {name} {opt}`"


def test_cli_read_prints_one_record_per_input_in_order(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("أدان وزير الخارجية الفرنسي الهجوم على السفارة.", encoding="utf-8")
    b.write_text("Iran condemned the attack on Monday.", encoding="utf-8")
    out = _run("read", str(a), str(b))
    assert out.returncode == 0, out.stderr
    recs = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [r["source"]["path"] for r in recs] == [str(a), str(b)]


def test_cli_read_stdin() -> None:
    out = _run("read", "-", stdin="قال وزير الخارجية إن المحادثات ستستمر.".encode())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["source"]["path"] == "-"


def test_cli_bad_input_gives_one_line_and_exit_3(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("The talks will resume tomorrow in Geneva.", encoding="utf-8")
    out = _run("read", str(empty), str(good))
    assert out.returncode == 3
    err = out.stderr.decode()
    assert str(empty) in err and "empty" in err and "Traceback" not in err
    assert len(out.stdout.decode().splitlines()) == 1


def test_cli_unknown_option_is_usage_error() -> None:
    assert _run("read", "--nope", "x").returncode == 2
