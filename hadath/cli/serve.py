"""``hadath serve``: the web app and HTTP API over a store, on this machine only by default."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from pathlib import Path

from hadath.checks import MIN_CONFIDENCE_ENV, BadValue, check_fraction, default_min_confidence
from hadath.cli import HELP
from hadath.cli.store import DB_HELP
from hadath.errors import ListenError, StoreError, UsageError
from hadath.store import pg
from hadath.store.store import default_db

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str) -> list[str] | None:
    """Host headers to accept: on loopback only the loopback names (against DNS rebinding)."""
    if host in LOOPBACK or host.startswith("127."):
        return ["127.0.0.1", "localhost", "[::1]", "::1", host]
    return None


def check_listen(host: str, port: int) -> None:
    """Raise ListenError unless ``host:port`` can be listened on (free, allowed, resolvable)."""
    where = f"{host}:{port}"
    if not 0 <= port <= 65535:
        raise UsageError("--port", f"must be between 0 and 65535, not {port}")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ListenError(where, f"cannot listen: no such address ({exc})") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                problem = "the port is in use (another server?); choose another with --port"
            elif exc.errno == errno.EACCES:
                problem = "not allowed to listen there (ports below 1024 need privileges)"
            else:
                problem = f"cannot listen: {exc.strerror or exc}"
            raise ListenError(where, problem) from None


def _exists(db: str) -> bool:
    """Whether the store is there: the SQLite file, or a hadath store in the PostgreSQL database."""
    return pg.has_store(db) if pg.is_url(db) else Path(db).exists()


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from hadath.web.app import create_app
    except ImportError as exc:  # the web extra (fastapi, uvicorn, jinja2) is missing
        raise UsageError(
            "hadath serve", f"needs the web extra: pip install 'hadath[web]' ({exc})"
        ) from None

    token = args.token or os.environ.get("HADATH_TOKEN") or None
    try:
        min_confidence = check_fraction("min_confidence", args.min_confidence)
        if min_confidence is None:
            min_confidence = default_min_confidence()
    except BadValue as exc:
        where = exc.name if exc.name == MIN_CONFIDENCE_ENV else exc.option
        raise UsageError(where, exc.problem) from None
    db = args.db
    name = pg.display(db) if pg.is_url(db) else db
    if not _exists(db):
        if not args.create:
            missing = "no hadath store in this database" if pg.is_url(db) else "no such database"
            raise StoreError(name, f"{missing}; give --create to start an empty store there")
        print(f"hadath serve: creating an empty store {name}", file=sys.stderr)
    check_listen(args.host, args.port)
    app = create_app(
        db, token=token, allowed_hosts=allowed_hosts(args.host), min_confidence=min_confidence
    )
    if allowed_hosts(args.host) is None:
        print(
            f"hadath serve: listening on {args.host}, reachable from other machines over plain"
            " HTTP" + (" (the token travels unencrypted)" if token else ""),
            file=sys.stderr,
        )
    print(
        f"hadath serve: http://{args.host}:{args.port}/ (store {name};"
        f" POST /api/documents {'on' if token else 'off'})",
        file=sys.stderr,
    )
    uvicorn.run(
        app, host=args.host, port=args.port, log_level=args.log_level, server_header=False,
        proxy_headers=False, limit_concurrency=args.max_connections,
    )  # fmt: skip
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` to the ``hadath`` command line."""
    p = sub.add_parser(
        "serve",
        help=HELP["serve"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serve search, document views, the events table, actor and dyad charts and"
        " a JSON API (documented at /docs and /openapi.json) over a store. Needs no network:"
        " every script and style is served from the package.\n"
        "Binds to 127.0.0.1 unless --host says otherwise. POST /api/documents (store a"
        " document) is off unless a token is given (--token or HADATH_TOKEN); clients then send"
        " 'Authorization: Bearer TOKEN'. Prefer HADATH_TOKEN: command lines are visible to"
        " other users of the machine.\n"
        "A store that does not exist (on PostgreSQL: a database holding no hadath store) is"
        " refused (exit 4) unless --create is given; a port"
        " already in use, or not allowed, is exit 6.",
    )
    p.add_argument("--db", default=default_db(), metavar="FILE|URL", help=DB_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on (8080)")
    p.add_argument(
        "--create", action="store_true", help="create the store if it does not exist (else exit 4)"
    )
    p.add_argument(
        "--min-confidence", metavar="P",
        help="hide events below this confidence (0-1) unless a request asks otherwise"
        f" (default: ${MIN_CONFIDENCE_ENV}, else none)",
    )  # fmt: skip
    p.add_argument(
        "--token", metavar="TOKEN", help="allow POST /api/documents with this bearer token"
        " (default: $HADATH_TOKEN)",
    )  # fmt: skip
    p.add_argument(
        "--max-connections", type=int, default=200, metavar="N",
        help="concurrent connections before answering 503 (200)",
    )  # fmt: skip
    p.add_argument(
        "--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
        help="server log level (info)",
    )  # fmt: skip
    p.set_defaults(func=run)
