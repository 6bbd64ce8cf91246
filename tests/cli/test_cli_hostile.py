"""The crashes hostile input once caused ("unexpected error", exit 1), as the user ran them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

SENTENCE = "The foreign minister met the envoy in Paris on Monday."


def _run(*args: str, stdin: bytes | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    # strict UTF-8 output: a lone surrogate reaching stdout or stderr would fail here
    environ = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", **env}
    return subprocess.run(
        [sys.executable, "-m", "hadath.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        env=environ,
    )


def _hostile(tmp_path: Path) -> Path:
    """A folder with a name that is not UTF-8, holding the JSON Lines that used to crash."""
    folder = os.fsencode(tmp_path) + b"/crawl\xff"
    Path(os.fsdecode(folder)).mkdir()
    lines = [
        f'{{"id": "digits", "text": "{SENTENCE}", "n": {"1" * 5000}}}',
        "[" * 5000 + "]" * 5000,
        f'{{"id": "\\ud800", "title": "\\udc00 Talks", "text": "{SENTENCE} \\ud800"}}',
        json.dumps({"id": "fine", "text": SENTENCE}),
    ]
    with open(folder + b"/feed\xfe.jsonl", "wb") as fh:
        fh.write(("\n".join(lines) + "\n").encode())
    return Path(os.fsdecode(folder))


def test_cli_hostile_json_lines_and_names_give_exit_3_and_clean_output(tmp_path: Path) -> None:
    out = _run("read", str(_hostile(tmp_path)))
    err = out.stderr.decode("utf-8")
    assert out.returncode == 3, err
    assert "unexpected error" not in err and "Traceback" not in err
    assert "crawl\\xff/feed\\xfe.jsonl:1: a JSON number of 5000 digits" in err
    assert "feed\\xfe.jsonl:2: JSON nested 5000 levels deep" in err
    assert "feed\\xfe.jsonl:3: warning: 3 lone surrogate escape(s)" in err
    records = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["\ufffd", "fine"]


def test_cli_hostile_ingest_stores_what_it_can_and_exits_3(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    out = _run("ingest", str(_hostile(tmp_path)), "--db", str(db))
    err = out.stderr.decode("utf-8")
    assert out.returncode == 3, err
    assert "unexpected error" not in err and "Traceback" not in err
    with sqlite3.connect(db) as conn:
        paths = {row[0] for row in conn.execute("SELECT path FROM documents")}
    assert len(paths) == 1 and next(iter(paths)).endswith("crawl\\xff/feed\\xfe.jsonl")


def test_cli_hostile_endless_stdin_is_refused_at_the_size_limit() -> None:
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "hadath.cli", "read", "-"],
            stdin=yes.stdout,
            capture_output=True,
            timeout=120,
            env={**os.environ, "HADATH_MAX_BYTES": "1000000"},
        )
    finally:
        yes.kill()
        yes.wait()
        assert yes.stdout is not None
        yes.stdout.close()
    assert out.returncode == 3
    assert b"<stdin>: input is over the 1 MB limit" in out.stderr
