"""``hadath serve``: the web app and HTTP API over a store, on this machine only by default."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_DB = "hadath.db"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str) -> list[str] | None:
    """Host headers to accept: on loopback only the loopback names (against DNS rebinding)."""
    if host in LOOPBACK or host.startswith("127."):
        return ["127.0.0.1", "localhost", "[::1]", "::1", host]
    return None


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from hadath.web.app import create_app

    token = args.token or os.environ.get("HADATH_TOKEN") or None
    if not Path(args.db).exists():
        print(
            f"hadath serve: {args.db} does not exist; starting with an empty store", file=sys.stderr
        )
    app = create_app(args.db, token=token, allowed_hosts=allowed_hosts(args.host))
    if allowed_hosts(args.host) is None:
        print(
            f"hadath serve: listening on {args.host}, reachable from other machines over plain"
            " HTTP" + (" (the token travels unencrypted)" if token else ""),
            file=sys.stderr,
        )
    print(
        f"hadath serve: http://{args.host}:{args.port}/ (store {args.db};"
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
        help="serve the web pages and the HTTP API over a store",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serve search, document views, the events table, actor and dyad charts and"
        " a JSON API (documented at /docs and /openapi.json) over a store. Needs no network:"
        " every script and style is served from the package.\n"
        "Binds to 127.0.0.1 unless --host says otherwise. POST /api/documents (store a"
        " document) is off unless a token is given (--token or HADATH_TOKEN); clients then send"
        " 'Authorization: Bearer TOKEN'. Prefer HADATH_TOKEN: command lines are visible to"
        " other users of the machine.",
    )
    p.add_argument(
        "--db", default=DEFAULT_DB, metavar="FILE", help=f"store file (default: {DEFAULT_DB})"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on (8080)")
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
