"""``hadath serve``: arguments, defaults and the loopback host check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hadath.cli import serve
from hadath.web.app import create_app


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hadath")
    serve.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_serve_defaults_bind_loopback() -> None:
    args = _parse(["serve"])
    assert (args.db, args.host, args.port, args.token) == ("hadath.db", "127.0.0.1", 8080, None)
    assert args.func is serve.run
    args = _parse(["serve", "--db", "x.db", "--host", "0.0.0.0", "--port", "9000", "--token", "t"])
    assert (args.db, args.host, args.port, args.token) == ("x.db", "0.0.0.0", 9000, "t")


def test_serve_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parse(["serve", "--help"])
    out = capsys.readouterr().out
    for option in ("--db", "--host", "--port", "--token", "HADATH_TOKEN"):
        assert option in out


def test_serve_run_passes_token_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("HADATH_TOKEN", "from-env")
    args = _parse(["serve", "--db", str(tmp_path / "s.db"), "--port", "8123"])
    assert serve.run(args) == 0
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["app"].state.hub.token == "from-env"
    assert (tmp_path / "s.db").exists()


def test_serve_loopback_rejects_other_host_headers(tmp_path: Path) -> None:
    hosts = serve.allowed_hosts("127.0.0.1")
    assert hosts is not None and serve.allowed_hosts("0.0.0.0") is None
    with TestClient(create_app(tmp_path / "h.db", allowed_hosts=hosts)) as client:
        assert client.get("/api/documents", headers={"host": "127.0.0.1:8080"}).status_code == 200
        assert client.get("/api/documents", headers={"host": "evil.example"}).status_code == 400
