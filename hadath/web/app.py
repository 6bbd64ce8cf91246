"""The web app: JSON API, pages and local static files, behind a small guard.

Everything the browser loads comes from this app (no CDN): the pages work
with no network at all. The guard limits request bodies and sets the
security headers on every response.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hadath import __version__
from hadath.checks import default_min_confidence
from hadath.errors import HadathError, StoreError
from hadath.web import api, pages
from hadath.web.hub import Hub
from hadath.web.models import MAX_BODY
from hadath.web.params import BadRequest

log = logging.getLogger("hadath.web")
HERE = Path(__file__).resolve().parent

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        b" object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class _TooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: 413 for bodies over ``max_body`` bytes, security headers everywhere."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            await self._too_large(send)
            return
        received = 0
        started = exceeded = False

        async def counted() -> Message:
            nonlocal received, exceeded
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                exceeded = True
                raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if exceeded:  # the app caught _TooLarge (FastAPI makes it a 400): answer 413 instead
                if not started and message["type"] == "http.response.start":
                    started = True
                    await self._too_large(send)
                return
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except _TooLarge:
            if not started:
                await self._too_large(send)
        except Exception:  # a bug: log it, answer a plain JSON 500 with the usual headers
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await self._respond(send, 500, "internal error (a bug in hadath; see the log)")

    async def _too_large(self, send: Send) -> None:
        await self._respond(send, 413, f"request body larger than {self.max_body} bytes")

    @staticmethod
    async def _respond(send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        try:
            await Guard._send(send, status, body)
        except Exception as exc:  # the server's own error types vary
            # The HTTP layer answered first: a request with both a length and chunks
            # gets its 400 from uvicorn, which then refuses ours (h11's MUST_CLOSE).
            # Nothing is left to tell that client; a traceback per request would
            # only flood the log.
            log.info("no %d sent, the exchange was already closed: %s", status, exc)

    @staticmethod
    async def _send(send: Send, status: int, body: bytes) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def _error(request: Request, status: int, detail: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    message = (
        detail
        if isinstance(detail, str)
        else "; ".join(
            f"{'.'.join(str(p) for p in d.get('loc', ())[1:])}: {d.get('msg')}"
            for d in detail
            if isinstance(d, dict)
        )
    )
    return pages.page(request, "error.html", status, status=status, message=message)


METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    return ", ".join(
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.router.routes
        )
    )


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.hub.close()  # the threads' store connections


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    min_confidence: float | None = None,
) -> FastAPI:
    """The hadath web app over the store at ``db_path`` (created if missing).

    ``token`` switches on ``POST /api/documents`` for clients that send it as
    ``Authorization: Bearer TOKEN``. ``allowed_hosts`` (e.g. ``["127.0.0.1",
    "localhost"]``) rejects other Host headers, against DNS rebinding.
    ``min_confidence`` is the confidence filter of requests that give none
    (default: ``$HADATH_MIN_CONFIDENCE``, else no filter).
    """
    app = FastAPI(
        title="hadath",
        version=__version__,
        description="Event data from Arabic and English news: documents, actors, PLOVER events"
        " and quotes, each tied to offsets in the text (see SCHEMA.md).",
        docs_url=None,  # FastAPI's pages load Swagger UI from a CDN; /docs is ours
        redoc_url=None,
        lifespan=_lifespan,
    )
    if min_confidence is None:
        min_confidence = default_min_confidence()
    app.state.hub = Hub(db_path, token, min_confidence)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return _error(request, 400, exc.message)

    @app.exception_handler(HadathError)
    async def hadath_error(request: Request, exc: HadathError) -> Response:
        if isinstance(exc, StoreError):
            log.warning("store error: %s", exc)
            return _error(request, 503, f"the store is unavailable: {exc.problem}")
        return _error(request, 400, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = _error(request, exc.status_code, exc.detail)
        response.headers.update(exc.headers or {})
        allowed = _allowed_methods(request) if exc.status_code == 405 else ""
        if allowed:
            response.headers["allow"] = allowed
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error(request, 422, errors)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", None) or "not found"
        return _error(request, 404, detail)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response((HERE / "static" / "favicon.svg").read_bytes(), media_type="image/svg+xml")

    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(Guard)
    return app


__all__ = ["Guard", "create_app"]
