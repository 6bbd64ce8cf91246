"""Server-rendered pages through TestClient: structure, escaping, errors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class _Audit(HTMLParser):
    """Collects everything in a page that could run script or mislead a reader."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values.get("src") or "<inline>")
        if tag in ("iframe", "object", "embed", "img", "base", "form") and tag != "form":
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} has {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{tag} {name}={value}")
            if name == "style":
                self.problems.append(f"{tag} has an inline style")


def audit(html: str) -> _Audit:
    parser = _Audit()
    parser.feed(html)
    assert parser.scripts == ["/static/app.js"], parser.scripts
    assert not parser.problems, parser.problems
    assert not BIDI.search(html), "raw bidi control character in the page"
    return parser


def test_pages_hostile_document_is_inert(client: TestClient) -> None:
    r = client.get("/doc/hostile-handmade")
    assert r.status_code == 200
    html = r.text
    audit(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(10)&lt;/script&gt;" in html  # the title, shown as text
    assert "⟦U+202E⟧" in html  # the override shown, not obeyed
    assert 'href="javascript:' not in html


def test_pages_pipeline_read_hostile_pages_are_inert(
    client: TestClient, pipeline_records: dict[str, Any]
) -> None:
    for key in ("hostile_html", "hostile_text"):
        audit(client.get(f"/doc/{pipeline_records[key]['id']}").text)


def test_pages_every_page_is_inert(client: TestClient) -> None:
    for path in (
        "/", "/?q=%3Cscript%3Ealert(1)%3C/script%3E", "/?q=minister", "/events",
        "/events?actor=EGY", "/actor/EGY", "/dyad/EGY/RUS", "/docs", "/nowhere",
        "/events?since=%3Cscript%3E", "/?q=onerror",
    ):  # fmt: skip
        audit(client.get(path).text)


def test_pages_search_marks_words_escaped(
    client: TestClient, pipeline_records: dict[str, Any]
) -> None:
    html = client.get("/", params={"q": "لافروف"}).text
    assert f'href="/doc/{pipeline_records["ar"]["id"]}"' in html
    assert "<mark>لافروف</mark>" in html
    hostile = client.get("/", params={"q": "onerror"}).text
    assert "<mark>onerror</mark>" in hostile
    assert "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;" in hostile
    echo = client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in echo and "&#34;&gt;&lt;script&gt;" in echo


def test_pages_document_view_directions(
    client: TestClient, pipeline_records: dict[str, Any]
) -> None:
    record = pipeline_records["ar"]
    html = client.get(f"/doc/{record['id']}").text
    for seg in record["segments"]:
        want = "rtl" if seg["lang"] == "ar" else "ltr"
        assert f'dir="{want}" lang="{seg["lang"]}" data-start="{seg["start"]}"' in html
    en = client.get(f"/doc/{pipeline_records['en']['id']}").text
    assert 'class="seg seg-body" data-kind="body" dir="ltr" lang="en"' in en


def test_pages_document_view_marks_spans(
    client: TestClient, pipeline_records: dict[str, Any]
) -> None:
    record = pipeline_records["ar"]
    html = client.get(f"/doc/{record['id']}").text
    for i, event in enumerate(record["events"]):
        assert f'id="event-{i}" data-event="{i}" data-sentence="{event["sentence"]}"' in html
        trigger = record["text"][event["trigger"]["start"] : event["trigger"]["end"]]
        assert re.search(rf'data-e="[^"]*\b{i}\b[^"]*"[^>]*>[^<]*{trigger}', html), trigger
    for i, _quote in enumerate(record["quotes"]):
        assert re.search(rf'class="spk" data-q="{i}" data-speaker-of="{i}"', html)
    for actor in record["actors"]:
        code = actor["country"] or actor["org"]
        if code:
            assert f'href="/actor/{code}"' in html


def test_pages_hand_made_quote_names_its_speaker(client: TestClient) -> None:
    html = client.get("/doc/hostile-handmade").text
    label = re.search(r'<bdi class="spk" data-q="0" data-speaker-of="0"[^>]*>([^<]*)</bdi>', html)
    assert label and label.group(1) == "&lt;b onmouseover=&#34;alert(7)&#34;&gt;Minister&lt;/b&gt;"


def test_pages_events_table_and_csv_link(client: TestClient) -> None:
    html = client.get("/events", params={"actor": "EGY", "type": "ACCUSE"}).text
    assert 'href="/doc/hostile-handmade#event-0"' in html
    # one row per happening is the default, and the CSV download keeps it
    assert 'href="/api/events.csv?actor=EGY&amp;type=ACCUSE&amp;dedup=1"' in html
    bad = client.get("/events", params={"since": "2016-99"})
    assert bad.status_code == 400 and "since" in bad.text
    assert bad.headers["content-type"].startswith("text/html")
    page2 = client.get("/events", params={"limit": 1, "offset": 1})
    assert page2.status_code == 200 and "previous" in page2.text
    assert client.get("/events", params={"limit": "x"}).status_code == 400


def test_pages_actor_and_dyad_charts(client: TestClient) -> None:
    html = client.get("/actor/EGY").text
    assert '<svg class="chart"' in html and 'class="q3"' in html  # ACCUSE: verbal conflict
    assert "2016-05" in html
    dyad = client.get("/dyad/RUS/TUR", params={"period": "day"})
    assert dyad.status_code == 200 and '<svg class="chart"' in dyad.text
    assert client.get("/actor/EGY", params={"period": "century"}).status_code == 400
    assert client.get("/actor/%3Cscript%3E").status_code == 400
    assert client.get("/dyad/USA").status_code == 404


def test_pages_not_found_is_html(client: TestClient) -> None:
    r = client.get("/doc/nothing-here")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no such document" in r.text


def test_pages_static_files_are_local(client: TestClient) -> None:
    for path in ("/static/app.js", "/static/app.css", "/static/favicon.svg", "/favicon.ico"):
        r = client.get(path)
        assert r.status_code == 200, path
        body = r.text.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http://" not in body and "https://" not in body
        assert "@import" not in body and "url(" not in body
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "eval(" not in js
