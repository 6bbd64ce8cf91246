"""The outlet named by a JSON Lines line or a page's metadata, kept on the record and exported."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hadath.api import read_many
from hadath.context import Context
from hadath.store import Store

TEXT = (
    "The American foreign minister met the Russian foreign minister in Moscow on"
    " 24 March 2016 to discuss the ceasefire in Syria."
)
PAGE = (
    "<html><head><title>Ministers meet</title>{meta}</head><body><article>"
    "<h1>Ministers meet</h1><p>" + TEXT + "</p><p>They agreed to meet again next month,"
    " officials said.</p></article></body></html>"
)


def _records(tmp_path: Path, lines: list[dict[str, object]], ctx: Context) -> list[dict]:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    results = list(read_many([path], ctx=ctx))
    assert all(r.error is None for r in results), [r.error for r in results]
    return [r.record for r in results if r.record is not None]


def test_jsonl_source_name_is_the_outlet(tmp_path: Path, ctx: Context) -> None:
    meta = '<meta property="og:site_name" content="Page Meta Name">'
    records = _records(
        tmp_path,
        [
            {"id": "a", "source": "Al Arabiya", "date": "2016-03-24", "text": TEXT},
            {"id": "b", "outlet": "  Wire   One ", "text": TEXT},
            {"id": "c", "source": {"path": "x"}, "text": TEXT},  # a record's source, not a name
            {"id": "d", "source": "Line Outlet", "html": PAGE.format(meta=meta)},
            {"id": "e", "html": PAGE.format(meta=meta)},
        ],
        ctx,
    )
    assert [r["outlet"] for r in records] == [
        "Al Arabiya", "Wire One", None, "Line Outlet", "Page Meta Name"
    ]  # fmt: skip
    assert records[0]["source"]["format"] == "jsonl"  # the record's own "source" is unchanged


def test_html_publisher_metadata_is_the_outlet(tmp_path: Path, ctx: Context) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(meta='<meta name="publisher" content="Example Times">'), "utf-8")
    (result,) = read_many([page], ctx=ctx)
    assert result.record is not None and result.record["outlet"] == "Example Times"


def test_outlet_reaches_store_and_exports(tmp_path: Path, ctx: Context) -> None:
    records = _records(
        tmp_path, [{"id": "a", "source": "Al Arabiya", "date": "2016-03-24", "text": TEXT}], ctx
    )
    assert records[0]["events"], "the sentence should give an event"
    with Store(tmp_path / "s.db") as store:
        store.add(records)
        assert store.documents()[0]["outlet"] == "Al Arabiya"
        plover = io.StringIO()
        assert store.export("plover", plover) >= 1
        for line in plover.getvalue().splitlines():
            assert json.loads(line)["cite_info"]["publication"] == "Al Arabiya"
        cameo = io.StringIO()
        assert store.export("cameo", cameo) >= 1
        rows = list(csv.DictReader(io.StringIO(cameo.getvalue()), delimiter="\t"))
        assert rows and {r["NewsSources"] for r in rows} == {"Al Arabiya"}
