"""What once made the API answer 500 or hold the server: lone surrogates, deep pages."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from webdata import EN_TEXT, TOKEN

JSON = {"content-type": "application/json"}


def _body(field: str, value: str) -> bytes:
    # json.dumps writes the lone surrogate as the escape "\ud800", as a careless client would
    return json.dumps({field: value + " \ud800 end"}).encode()


def test_api_hostile_read_with_a_lone_surrogate_is_read_not_500(client: TestClient) -> None:
    r = client.post("/api/read", content=_body("text", EN_TEXT), headers=JSON)
    assert r.status_code == 200, r.text
    assert r.json()["text"] == EN_TEXT + " \ufffd end"
    page = "<html><body><h1>Talks</h1><p>" + EN_TEXT + "</p></body></html>"
    r = client.post("/api/read", content=_body("html", page), headers=JSON)
    assert r.status_code == 200, r.text


def test_api_hostile_stored_document_with_a_lone_surrogate_is_found_again(
    token_client: TestClient,
) -> None:
    auth = {**JSON, "Authorization": f"Bearer {TOKEN}"}
    r = token_client.post("/api/documents", content=_body("text", EN_TEXT), headers=auth)
    assert r.status_code == 201, r.text
    doc = token_client.get(f"/api/documents/{r.json()['id']}")
    assert doc.status_code == 200 and doc.json()["text"].endswith(" \ufffd end")


def test_api_hostile_page_nested_100000_deep_is_refused_with_400(client: TestClient) -> None:
    page = "<html><body>" + "<div>" * 100_000 + EN_TEXT + "</div>" * 100_000 + "</body></html>"
    r = client.post("/api/read", json={"html": page})
    assert r.status_code == 400
    assert "nested 100,00" in r.json()["detail"]
