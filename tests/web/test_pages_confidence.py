"""Confidence in the web table, the document view and the API: shown, filtered, sorted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hadath.web.app import create_app


def _confidences(html: str) -> list[float]:
    return [float(x) for x in re.findall(r'<td class="num">([0-9.]+)</td>', html)]


def test_events_table_shows_sorts_and_filters_confidence(client: TestClient) -> None:
    html = client.get("/events").text
    assert "<th" in html and ">Confidence</th>" in html
    shown = _confidences(html)
    assert shown and all(0 <= c <= 1 for c in shown)
    ranked = _confidences(client.get("/events", params={"sort": "confidence"}).text)
    assert ranked == sorted(shown, reverse=True)
    cut = sorted(shown)[len(shown) // 2]
    kept = _confidences(client.get("/events", params={"min_confidence": cut}).text)
    assert kept and min(kept) >= cut and len(kept) < len(shown)
    assert client.get("/events", params={"min_confidence": "2"}).status_code == 400
    assert client.get("/events", params={"sort": "loud"}).status_code == 400


def test_api_events_min_confidence_and_sort(client: TestClient) -> None:
    items = client.get("/api/events", params={"sort": "confidence"}).json()["items"]
    values = [e["confidence"] for e in items]
    assert values == sorted(values, reverse=True) and len(values) > 2
    cut = values[len(values) // 2]
    kept = client.get("/api/events", params={"min_confidence": cut}).json()["items"]
    assert all(e["confidence"] >= cut for e in kept) and len(kept) < len(values)
    assert client.get("/api/events", params={"min_confidence": 1.5}).status_code == 422
    assert client.get("/api/events", params={"sort": "loud"}).status_code == 422


@pytest.fixture
def strict_client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, min_confidence=0.99)) as c:
        yield c


def test_server_default_confidence_applies_until_a_request_overrides(
    strict_client: TestClient, client: TestClient
) -> None:
    everything = client.get("/api/events").json()["items"]
    strict = strict_client.get("/api/events").json()["items"]
    assert len(strict) < len(everything)
    assert all(e["confidence"] >= 0.99 for e in strict)
    relaxed = strict_client.get("/api/events", params={"min_confidence": 0}).json()["items"]
    assert len(relaxed) == len(everything)
    page = strict_client.get("/events").text
    assert 'placeholder="0.99"' in page


def test_document_view_shows_each_events_confidence(client: TestClient) -> None:
    doc = client.get("/api/events").json()["items"][0]["doc_id"]
    record = client.get(f"/api/documents/{doc}").json()
    html = client.get(f"/doc/{doc}").text
    shown = re.findall(r'<span class="conf" title="confidence \(0-1\)">([0-9.]+)</span>', html)
    assert shown == [f"{e['confidence']:.2f}" for e in record["events"]]
