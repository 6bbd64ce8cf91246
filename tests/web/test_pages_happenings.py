"""Happenings on the pages: the dyad page and "one row per happening" count a mutual act once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hadath.web.app import create_app


@pytest.fixture(scope="module")
def seed_client(seed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db)) as c:
        yield c


def _rows(html: str) -> list[str]:
    body = html.split('<table class="events-table">', 1)[1].split("<tbody>", 1)[1]
    body = body.split("</tbody>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)


def test_dyad_page_lists_the_talks_once_from_either_side(seed_client: TestClient) -> None:
    pages = [seed_client.get(f"/dyad/{a}/{b}").text for a, b in (("USA", "RUS"), ("RUS", "USA"))]
    listed = [[r for r in _rows(p) if "CONSULT" in r and "occurred" in r] for p in pages]
    assert len(listed[0]) == len(listed[1]) >= 1
    moscow = [r for r in listed[0] if "Moscow" in r and "2016-03-24" in r]  # the founding page
    assert len(moscow) == 1 and "×" in moscow[0]  # one row, its mentions counted


def test_events_page_one_row_per_happening(seed_client: TestClient) -> None:
    params = {"type": "CONSULT", "status": "occurred", "actor": "RUS"}
    mentions = _rows(seed_client.get("/events", params={**params, "dedup": "0"}).text)
    happenings = _rows(seed_client.get("/events", params={**params, "dedup": "1"}).text)
    assert _rows(seed_client.get("/events", params=params).text) == happenings  # the default
    assert 1 <= len(happenings) < len(mentions)
    page = seed_client.get("/events", params={**params, "dedup": "1"}).text
    assert "happening" in page and "dedup=1" in page  # the CSV link keeps the choice
    api = seed_client.get("/api/events", params={**params, "dedup": "true"}).json()
    assert len(api["items"]) == len(happenings)
    assert all(item["happening"].startswith("h") for item in api["items"])


def test_api_dyad_filter_either_direction(seed_client: TestClient) -> None:
    both = []
    for dyad in ("USA,RUS", "rus,usa"):
        items = seed_client.get("/api/events", params={"dyad": dyad}).json()["items"]
        both.append(sorted((e["doc_id"], e["event"]) for e in items))
        assert {(e["source_country"], e["target_country"]) for e in items} >= {
            ("USA", "RUS"), ("RUS", "USA")
        }  # fmt: skip
    assert both[0] == both[1]
    bad = seed_client.get("/api/events", params={"dyad": "USA"})  # outside the declared pattern
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "dyad"]
    assert seed_client.get("/events", params={"dyad": "USA,RUS,SYR"}).status_code == 400
