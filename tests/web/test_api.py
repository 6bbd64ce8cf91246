"""The JSON API through FastAPI's TestClient, over stores we built from our own texts."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from webdata import AR_TEXT, EN_TEXT, TOKEN

from hadath.web.app import create_app


def test_api_documents_list_and_get(client: TestClient, pipeline_records: dict[str, Any]) -> None:
    r = client.get("/api/documents", params={"limit": 2})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 5 and body["limit"] == 2 and len(body["items"]) == 2
    ids = {d["id"] for d in client.get("/api/documents", params={"limit": 500}).json()["items"]}
    assert pipeline_records["ar"]["id"] in ids and "hostile-handmade" in ids
    record = client.get(f"/api/documents/{pipeline_records['ar']['id']}").json()
    assert record == pipeline_records["ar"]


def test_api_unknown_document_is_404_json(client: TestClient) -> None:
    r = client.get("/api/documents/no-such-id")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "no-such-id" in r.json()["detail"]


def test_api_search_folds_arabic(client: TestClient, pipeline_records: dict[str, Any]) -> None:
    # written with hamza and harakat; the text has plain "الأميركي" without harakat
    r = client.get("/api/search", params={"q": "الامِيركي"})
    assert r.status_code == 200
    hits = r.json()["items"]
    assert [h["id"] for h in hits] == [pipeline_records["ar"]["id"]]
    hit = hits[0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "الأميركي"


def test_api_search_english_and_operators(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "Lavrov Geneva"}).json()["items"]
    for q in ['"unclosed', "NEAR(a b)", "a OR b AND", "*", "-x", "كيري*", "'; DROP TABLE x"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200, q
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_api_search_with_too_many_words_is_400_naming_the_query(client: TestClient) -> None:
    query = " ".join(f"w{n}" for n in range(100))  # 390 characters, under the 500 allowed
    r = client.get("/api/search", params={"q": query})
    assert r.status_code == 400
    assert r.json() == {"detail": "query: 100 different words; a search takes at most 32"}
    page = client.get("/", params={"q": query})
    assert page.status_code == 400
    assert "100 different words; a search takes at most 32" in page.text
    assert client.get("/api/search", params={"q": " ".join(["Lavrov"] * 70)}).json()["items"]


def test_api_events_filters(client: TestClient, pipeline_records: dict[str, Any]) -> None:
    every = client.get("/api/events", params={"limit": 500}).json()
    assert every["dedup"] is False
    stored = sum(len(r["events"]) for r in pipeline_records.values()) + 1
    assert len(every["items"]) == stored
    one = client.get("/api/events", params={"doc": "hostile-handmade"}).json()["items"]
    assert [(e["type"], e["source_country"], e["event"]) for e in one] == [("ACCUSE", "EGY", 0)]
    egy = client.get("/api/events", params={"actor": "egy", "type": "accuse,ASSAULT"}).json()
    assert any(e["doc_id"] == "hostile-handmade" for e in egy["items"])
    since = client.get("/api/events", params={"since": "2016-05-03", "until": "2016-05"}).json()
    assert all("2016-05-03" <= (e["day"] or "") <= "2016-05-31" for e in since["items"])
    assert any(e["doc_id"] == "hostile-handmade" for e in since["items"])
    place = client.get("/api/events", params={"place": "EGY", "status": "occurred"}).json()
    assert any(e["doc_id"] == "hostile-handmade" for e in place["items"])
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert page["items"] == every["items"][1:2]
    dedup = client.get("/api/events", params={"dedup": "true"}).json()
    assert dedup["dedup"] is True
    assert all("mentions" in e and "evidence" in e for e in dedup["items"])


def test_api_bad_parameters_are_4xx_json(client: TestClient) -> None:
    bad: list[tuple[str, dict[str, Any]]] = [
        ("/api/events", {"since": "2016-13-01"}),
        ("/api/events", {"since": "yesterday"}),
        ("/api/events", {"until": "2016-02-30"}),
        ("/api/events", {"type": "HUG"}),
        ("/api/events", {"status": "maybe"}),
        ("/api/events", {"sector": "XYZ"}),
        ("/api/events", {"actor": "U S A"}),
        ("/api/events", {"limit": 501}),
        ("/api/events", {"limit": 0}),
        ("/api/events", {"offset": -1}),
        ("/api/events", {"limit": "many"}),
        ("/api/events", {"text": "x" * 201}),
        ("/api/events", {"dedup": "perhaps"}),
        ("/api/series", {"period": "decade"}),
        ("/api/series", {"by": "planet"}),
        ("/api/quotes", {"kind": "shouted"}),
        ("/api/quotes", {"since": "2016-00"}),
        ("/api/actors", {"kind": "robot"}),
        ("/api/actors", {"sector": "NOPE"}),
        ("/api/documents", {"limit": 100000}),
    ]
    for path, params in bad:
        r = client.get(path, params=params)
        assert 400 <= r.status_code < 500, (path, params, r.status_code)
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["detail"], (path, params)


def test_api_series_by_quad_and_dyad(client: TestClient) -> None:
    quad = client.get("/api/series", params={"period": "month", "by": "quad"}).json()
    assert quad["by"] == "quad" and quad["items"]
    assert {row["quad"] for row in quad["items"]} <= {1, 2, 3, 4}
    assert sum(r["events"] for r in quad["items"]) > 0
    dyad = client.get("/api/series", params={"period": "day", "actor": "EGY"}).json()
    assert {"period": "2016-05-03", "source": "EGY"}.items() <= dyad["items"][0].items()
    week = client.get("/api/series", params={"period": "week", "by": "quad"}).json()
    assert all(len(r["period"]) == 10 for r in week["items"])


def test_api_quotes_and_actors(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"doc": "hostile-handmade"}).json()["items"]
    assert [(q["quote"], q["speaker_code"], q["kind"]) for q in quotes] == [(0, "EGYGOV", "direct")]
    assert quotes[0]["text"] == "<img src=x onerror=alert(1)>"
    actors = client.get("/api/actors", params={"country": "EGY", "sector": "GOV"}).json()
    assert any(a["doc_id"] == "hostile-handmade" for a in actors["items"])
    by_name = client.get("/api/actors", params={"name": "lavrov"}).json()["items"]
    assert by_name or client.get("/api/actors", params={"name": "لافروف"}).json()["items"]


def test_api_events_csv_streams_the_selection(client: TestClient) -> None:
    r = client.get("/api/events.csv", params={"actor": "EGY"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    json_rows = client.get("/api/events", params={"actor": "EGY", "limit": 500}).json()["items"]
    assert [(x["doc_id"], int(x["event"])) for x in rows] == [
        (x["doc_id"], x["event"]) for x in json_rows
    ]
    assert client.get("/api/events.csv", params={"since": "bad"}).status_code == 422
    empty = client.get("/api/events.csv", params={"actor": "ZZZ"})
    assert empty.status_code == 200 and empty.text == ""


def test_api_events_csv_pages_through_large_selections(tmp_path: Path) -> None:
    from webdata import hostile_record

    from hadath.store import Store
    from hadath.web import api

    records = []
    for n in range(3):
        rec = hostile_record()
        rec["id"] = f"copy-{n}"
        rec["text"] += f" Copy {n}."  # a distinct text per copy
        rec["segments"][-1]["end"] = rec["sentences"][-1]["end"] = len(rec["text"])
        records.append(rec)
    with Store(tmp_path / "csv.db") as store:
        store.add(records)
    old, api.CSV_PAGE = api.CSV_PAGE, 2
    try:
        with TestClient(create_app(tmp_path / "csv.db")) as c:
            rows = list(csv.DictReader(io.StringIO(c.get("/api/events.csv").text)))
            dedup = list(csv.DictReader(io.StringIO(c.get("/api/events.csv?dedup=1").text)))
    finally:
        api.CSV_PAGE = old
    assert [r["doc_id"] for r in rows] == ["copy-0", "copy-1", "copy-2"]
    assert len(dedup) == 1 and dedup[0]["mentions"] == "3"


def test_api_read_returns_a_record_without_storing(client: TestClient) -> None:
    before = client.get("/api/documents").json()["total"]
    r = client.post("/api/read", json={"text": EN_TEXT})
    assert r.status_code == 200
    record = r.json()
    assert record["text"] == EN_TEXT and record["language"] == "en"
    assert {"segments", "sentences", "actors", "events", "quotes"} <= record.keys()
    html = client.post(
        "/api/read", json={"html": "<html><body><h1>T</h1><p>" + AR_TEXT + "</p></body></html>",
                           "url": "https://example.org/a"},
    )  # fmt: skip
    assert html.status_code == 200 and html.json()["source"]["url"] == "https://example.org/a"
    assert client.get("/api/documents").json()["total"] == before


def test_api_read_never_reads_a_server_file(client: TestClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret words of the server", encoding="utf-8")
    record = client.post("/api/read", json={"text": str(secret)}).json()
    assert record["text"] == str(secret)


def test_api_read_rejects_bad_bodies(client: TestClient) -> None:
    assert client.post("/api/read", json={}).status_code == 422
    assert client.post("/api/read", json={"text": "a", "html": "<p>a</p>"}).status_code == 422
    assert client.post("/api/read", json={"text": "a", "url": "http://x"}).status_code == 422
    assert client.post("/api/read", json={"text": 5}).status_code == 422
    assert client.post("/api/read", json={"text": "   "}).status_code == 400
    assert client.post("/api/read", content=b"{not json", headers={
        "content-type": "application/json"}).status_code == 422  # fmt: skip
    assert client.post("/api/read", content=b"\xff\xfe", headers={
        "content-type": "application/json"}).status_code == 422  # fmt: skip


def test_api_read_size_limit_is_413(client: TestClient) -> None:
    big = "a" * (2 * 1024 * 1024 + 10)
    r = client.post("/api/read", json={"text": big})
    assert r.status_code == 413
    assert "larger" in r.json()["detail"]

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(300):
            yield b"x" * 10_000

    r = client.post("/api/read", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_api_store_document_needs_token(client: TestClient, token_client: TestClient) -> None:
    # no token configured: storing is off
    r = client.post("/api/documents", json={"text": EN_TEXT})
    assert r.status_code == 403
    # token configured: missing or wrong token is 401
    r = token_client.post("/api/documents", json={"text": EN_TEXT})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = token_client.post(
        "/api/documents", json={"text": EN_TEXT}, headers={"Authorization": "Bearer nope"}
    )
    assert r.status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = token_client.post("/api/documents", json={"text": EN_TEXT}, headers=auth)
    assert r.status_code == 201, r.text
    stored = r.json()
    assert stored["stored"] is True
    again = token_client.post("/api/documents", json={"text": EN_TEXT}, headers=auth)
    assert again.status_code == 200 and again.json()["stored"] is False
    assert token_client.get(f"/api/documents/{stored['id']}").json()["text"] == EN_TEXT
    assert token_client.get("/api/documents").json()["total"] == 1


def test_api_security_headers_everywhere(client: TestClient) -> None:
    for path in ("/", "/api/documents", "/static/app.js", "/openapi.json", "/nowhere", "/docs"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp, path
        assert r.headers["x-content-type-options"] == "nosniff", path


def test_api_openapi_documents_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/events",
        "/api/events.csv",
        "/api/actors",
        "/api/quotes",
        "/api/series",
        "/api/read",
    ):
        assert path in paths, path  # fmt: skip
    assert "post" in paths["/api/documents"]
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"source", "target", "actor", "sector", "type", "status", "since", "until", "place",
            "text", "dedup", "limit", "offset"} <= params  # fmt: skip
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text
    assert "cdn" not in docs.text.lower() and "swagger" not in docs.text.lower()
    assert client.get("/redoc").status_code == 404


def test_api_read_odd_numbers_are_not_a_server_error(client: TestClient) -> None:
    for text in ("0.1.0", "version 1.2.3 of the accord", "٣٫٤٫٥"):
        r = client.post("/api/read", json={"text": text})
        assert r.status_code == 200, (text, r.text)


def test_api_unexpected_errors_are_json_500_with_headers(tmp_path: Path) -> None:
    app = create_app(tmp_path / "e.db")

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/boom")
    assert r.status_code == 500 and "internal error" in r.json()["detail"]
    assert "boom" not in r.text and r.headers["x-content-type-options"] == "nosniff"


def test_api_facets_show_what_a_write_stored(token_client: TestClient) -> None:
    """The server keeps its counts until the store changes: a document posted to it, or one
    stored by another writer (``hadath ingest`` beside the server), is counted at once."""
    from webdata import hostile_record

    from hadath.store import Store

    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert token_client.post("/api/documents", json={"text": EN_TEXT}, headers=auth).is_success
    first = token_client.get("/api/facets").json()
    assert token_client.get("/api/facets").json() == first  # asked again: the same
    assert token_client.post("/api/documents", json={"text": AR_TEXT}, headers=auth).is_success
    second = token_client.get("/api/facets").json()
    target = token_client.app.state.hub.db_path  # type: ignore[attr-defined]
    with Store(target, readonly=True) as store:  # counted afresh, without a cache
        assert second["total"] == store.count_events() > first["total"]
    with Store(target) as writer:  # another writer
        assert writer.add([hostile_record()]).stored == 1
        total = writer.count_events()
    third = token_client.get("/api/facets").json()
    assert third["total"] == total > second["total"]
    sources = [{f["value"] for f in body["facets"]["source"]} for body in (second, third)]
    assert "EGY" in sources[1] - sources[0]
