"""The OpenAPI description and the API's validation agree: schemathesis, every check.

A real `hadath serve` (with a token, so POST /api/documents stores) over the web
store; schemathesis's coverage, fuzzing and stateful phases with all its checks,
a fixed seed and 15 examples per operation, so each run sends the same requests.
The rejections no schema can foresee are allowed in the repository's
schemathesis.toml (a page with no article text gets a 400).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from webdata import TOKEN

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_openapi_agreement_schemathesis_finds_no_failure(db: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    store.write_bytes(db.read_bytes())
    port = _free_port()
    log = tmp_path / "server.log"
    env = {**os.environ, "HADATH_TOKEN": TOKEN}
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "hadath.cli", "serve", "--db", str(store), "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(base + "/openapi.json", timeout=5):
                    break
            except OSError:
                time.sleep(0.1)
        run = subprocess.run(
            [
                sys.executable, "-m", "schemathesis.cli",
                "--config-file", str(ROOT / "schemathesis.toml"),
                "run", base + "/openapi.json", "--checks", "all",
                "--max-examples", "15", "--seed", "1", "--workers", "1",
                "-H", f"Authorization: Bearer {TOKEN}",
            ],
            cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(30)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-6000:]
    assert "No issues found" in report, report[-3000:]
