"""`hadath serve` as an attacker meets it: a real server process on 127.0.0.1, raw HTTP.

Paths that climb out of the static folder, bodies over the limit (stated or streamed),
hostile query strings and headers, the token check: each answered 4xx with the
security headers, never 5xx, never a file from outside, and the server stays up.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from webdata import TOKEN

from hadath.web.app import SECURITY_HEADERS
from hadath.web.models import MAX_BODY

SECRET = "secret-marker-7d41"  # in a file beside the store, which no request may read
HEADERS = [name.decode() for name, _ in SECURITY_HEADERS]


class Server:
    def __init__(self, port: int, process: subprocess.Popen[bytes], log: Path) -> None:
        self.port, self.process, self.log = port, process, log

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        chunked: bool = False,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request on its own connection; ``path`` is sent as given, never normalised."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            try:
                if chunked:
                    conn.putheader("Transfer-Encoding", "chunked")
                    data = body or b""
                    pieces = [data[i : i + 65536] for i in range(0, len(data), 65536)]
                    conn.endheaders(iter(pieces), encode_chunked=True)
                else:
                    if body is not None and "Content-Length" not in (headers or {}):
                        conn.putheader("Content-Length", str(len(body)))
                    conn.endheaders(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed before the whole body was sent
            response = conn.getresponse()
            answer = {k.lower(): v for k, v in response.getheaders()}
            return response.status, answer, response.read()
        finally:
            conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("served")
    store = folder / "store.db"
    store.write_bytes(db.read_bytes())
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    log = folder / "server.log"
    port = _free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "hadath.cli", "serve", "--db", str(store), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HADATH_TOKEN": TOKEN},
        )
    srv = Server(port, process, log)
    try:
        for _ in range(600):
            try:
                if srv.request("GET", "/api/documents")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"hadath serve did not start: {log.read_text(errors='replace')}")
        yield srv
    finally:
        process.terminate()
        process.wait(30)


def _assert_refused(status: int, headers: dict[str, str], body: bytes) -> None:
    assert 400 <= status < 500, (status, body[:300])
    assert SECRET.encode() not in body and b"root:" not in body
    for name in HEADERS:
        assert name in headers, f"{name} missing on a {status}"


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/....//....//....//etc/passwd",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/static/..\\..\\..\\etc\\passwd",
        "/static/%00",
        "/static/style.css%00.txt",
        "/doc/..%2f..%2f..%2fetc%2fpasswd",
        "/api/documents/..%2f..%2f..%2fetc%2fpasswd",
        "/api/documents/%2e%2e%2f%2e%2e%2fsecret.txt",
    ],
)
def test_security_paths_never_leave_the_static_folder(server: Server, path: str) -> None:
    _assert_refused(*server.request("GET", path))


def test_security_no_path_reaches_a_file_beside_the_store(server: Server) -> None:
    static = Path(__file__).resolve().parents[2] / "hadath" / "web" / "static"
    secret = server.log.parent / "secret.txt"
    up = "../" * len(static.parts) + str(secret).lstrip("/")
    for path in (f"/static/{up}", "/static/" + up.replace("/", "%2f"), f"/{up}", f"/doc/{up}"):
        _assert_refused(*server.request("GET", path))


@pytest.mark.parametrize(
    "query",
    [
        "/api/documents?limit=1000000000",
        "/api/documents?limit=-1",
        "/api/documents?offset=-5",
        f"/api/documents?offset={2**63}",
        "/api/documents?offset=1e3",
        "/api/events?limit=99999999999999999999999",
        "/api/events?since=%ff%fe",
        "/api/events?min_confidence=nan",
        "/api/events?min_confidence=1e999",
        "/api/events?dyad=USA",
        "/api/events?sort=1%3BDROP%20TABLE%20events",
        "/api/search?q=" + "x" * 600,
        "/api/search?q=" + "+".join(f"w{n}" for n in range(120)),
        "/api/series?period=century",
        "/events?limit=1000000000",
        "/events?offset=-1",
        "/?offset=" + "9" * 40,
        "/?q=" + "+".join(f"w{n}" for n in range(120)),
    ],
)
def test_security_hostile_query_strings_are_4xx(server: Server, query: str) -> None:
    _assert_refused(*server.request("GET", query))


@pytest.mark.parametrize(
    "query",
    ["/api/search?q=NEAR(a%20b", "/api/search?q=%00", "/api/search?q=%22%22%22",
     "/api/search?q=a*%20OR%20b*", "/api/search?q=%ff%fe", "/api/search?q=x&q=y",
     "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
)  # fmt: skip
def test_security_odd_but_valid_queries_are_answered(server: Server, query: str) -> None:
    status, headers, body = server.request("GET", query)
    assert status == 200, body[:300]
    assert b"<script>alert(1)" not in body
    assert all(name in headers for name in HEADERS)


def test_security_bodies_over_the_limit_are_413(server: Server) -> None:
    json_type = {"Content-Type": "application/json"}
    body = b'{"text": "' + b"a" * (MAX_BODY + 1) + b'"}'
    # stated: refused before the body is read
    stated = {**json_type, "Content-Length": str(100 * 2**20)}
    status, headers, _ = server.request("POST", "/api/read", b"{}", stated)
    assert status == 413 and all(name in headers for name in HEADERS)
    # streamed without a length: refused once it passes the limit
    status, headers, _ = server.request("POST", "/api/read", body, json_type, chunked=True)
    assert status == 413 and all(name in headers for name in HEADERS)
    # a length and chunks at once (request smuggling's first move): refused by the HTTP
    # layer, and the server does not answer a second time on the closed exchange
    # (it once left a traceback in the log: see the last test)
    both = {**json_type, "Transfer-Encoding": "chunked", "Content-Length": str(len(body))}
    try:
        status, _, _ = server.request("POST", "/api/read", body, both)
        assert status in (400, 413)
    except (ConnectionError, http.client.HTTPException):
        pass  # closed before answering: also a refusal
    # with a token, storing is bounded the same way
    auth = {**stated, "Authorization": f"Bearer {TOKEN}"}
    status, _, _ = server.request("POST", "/api/documents", b"{}", auth)
    assert status == 413


def test_security_storing_needs_the_exact_token(server: Server) -> None:
    body = json.dumps({"id": "intruder", "text": "The minister met the envoy."}).encode()
    for auth in (None, "", "Bearer", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"Basic {TOKEN}",
                 f"Bearer {TOKEN.upper()}", "Bearer " + "\u00e9" * 20):  # fmt: skip
        headers = {"Content-Type": "application/json"}
        if auth is not None:
            headers["Authorization"] = auth
        status, _, _ = server.request("POST", "/api/documents", body, headers)
        assert status in (401, 403), auth
    assert server.request("GET", "/api/documents/intruder")[0] == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("TRACE", "/"), ("DELETE", "/api/documents"), ("PUT", "/api/read"), ("PATCH", "/doc/x"),
     ("OPTIONS", "/api/search")],
)  # fmt: skip
def test_security_other_methods_are_refused(server: Server, method: str, path: str) -> None:
    _assert_refused(*server.request(method, path))


def test_security_oversized_and_odd_headers_do_not_break_the_server(server: Server) -> None:
    for headers in (
        {"X-Long": "a" * 100_000},
        {"Host": "evil.example"},
        {"Content-Type": "application/json; charset=" + "x" * 1000},
    ):
        try:
            status, _, _ = server.request("GET", "/api/documents", headers=headers)
        except (ConnectionError, http.client.HTTPException):
            continue  # the HTTP layer may drop such a request outright: also a refusal
        assert 400 <= status < 500 or status == 200
    assert server.request("GET", "/api/documents")[0] == 200


def test_security_server_survived_every_probe_without_a_traceback(server: Server) -> None:
    # runs last in this module: everything above went through the one process
    assert server.process.poll() is None
    assert server.request("GET", "/")[0] == 200
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log and "unexpected error" not in log
