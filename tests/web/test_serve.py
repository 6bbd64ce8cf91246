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
    args = _parse(["serve", "--db", str(tmp_path / "s.db"), "--port", "8123", "--create"])
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


def _no_server(*args: Any, **kwargs: Any) -> None:
    raise AssertionError(f"the server must not start: {args} {kwargs}")


def test_serve_refuses_a_missing_store_unless_asked_to_create(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    from hadath.cli import main

    monkeypatch.setattr(uvicorn, "run", _no_server)
    typo = tmp_path / "typo.db"
    assert main(["serve", "--db", str(typo)]) == 4
    err = capsys.readouterr().err
    assert f"hadath: {typo}: no such database" in err and "--create" in err
    assert not typo.exists()


def test_serve_refuses_a_postgresql_database_without_a_store_unless_asked_to_create(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    from hadath.cli import main
    from hadath.store import pg

    monkeypatch.setattr(uvicorn, "run", _no_server)
    assert main(["serve", "--db", pg_url]) == 4
    err = capsys.readouterr().err
    assert f"hadath: {pg_url}: no hadath store in this database" in err and "--create" in err
    assert not pg.has_store(pg_url)
    started: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: started.append(app))
    assert main(["serve", "--db", pg_url, "--create"]) == 0
    assert f"creating an empty store {pg_url}" in capsys.readouterr().err
    assert pg.has_store(pg_url)
    assert main(["serve", "--db", pg_url]) == 0  # now there is one
    assert len(started) == 2


def test_serve_busy_port_has_its_own_message_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    import uvicorn

    from hadath.cli import main

    monkeypatch.setattr(uvicorn, "run", _no_server)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--db", str(tmp_path / "s.db"), "--create", "--port", str(port)])
    assert code == 6
    assert f"hadath: 127.0.0.1:{port}: the port is in use" in capsys.readouterr().err


def test_serve_checks_its_confidence_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    from hadath.cli import main

    monkeypatch.setattr(uvicorn, "run", _no_server)
    db = str(tmp_path / "s.db")
    assert main(["serve", "--db", db, "--create", "--min-confidence", "high"]) == 2
    assert "hadath: --min-confidence: must be a number from 0 to 1" in capsys.readouterr().err
    monkeypatch.setenv("HADATH_MIN_CONFIDENCE", "7")
    assert main(["serve", "--db", db, "--create"]) == 2
    assert "hadath: HADATH_MIN_CONFIDENCE: must be" in capsys.readouterr().err
