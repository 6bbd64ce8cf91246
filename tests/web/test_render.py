"""Offsets to HTML: every piece escaped, spans marked, bidi controls shown not obeyed."""

from __future__ import annotations

from typing import Any

from webdata import HOSTILE, hostile_record

from hadath.web import charts, render


def test_render_marked_escapes_then_marks() -> None:
    html = render.marked("a <b>x</b> & y", [[3, 4], [13, 14]])
    assert str(html) == "a &lt;<mark>b</mark>&gt;x&lt;/b&gt; &amp; <mark>y</mark>"
    assert str(render.marked("abc", [[2, 99], [0, 0], [1, 2]])) == "a<mark>b</mark><mark>c</mark>"


def test_render_clean_shows_bidi_controls() -> None:
    out = str(render.clean("a\u202eb<"))
    assert "\u202e" not in out and "U+202E" in out and out.endswith("b&lt;")
    assert render.plain("x\u2067y") == "xy"


def test_render_blocks_cover_the_text_in_order() -> None:
    record = hostile_record()
    blocks = render.blocks(record)
    assert [(b.kind, b.dir, b.lang) for b in blocks] == [
        ("title", "ltr", "en"),
        ("body", "ltr", "en"),
    ]
    assert blocks[0].start == 0 and blocks[-1].end == len(record["text"])
    html = "".join(str(b.html) for b in blocks)
    assert "<script>" not in html and "<img" not in html
    assert 'data-speaker-of="0"' in html and 'class="trg cue"' in html  # "said": trigger and cue


def test_render_pieces_carry_every_covering_span() -> None:
    text = "Kerry met Lavrov in Moscow."
    record: dict[str, Any] = {
        "text": text,
        "language": "en",
        "segments": [{"kind": "body", "lang": "en", "start": 0, "end": len(text)}],
        "sentences": [{"start": 0, "end": len(text), "segment": 0}],
        "actors": [
            {"name": "John Kerry", "country": "USA", "sector": "GOV",
             "mentions": [{"start": 0, "end": 5}]},
            {"name": "Sergei Lavrov", "country": "RUS", "sector": "GOV",
             "mentions": [{"start": 10, "end": 16}]},
        ],
        "events": [
            {"type": "CONSULT", "status": "occurred", "sentence": 0,
             "trigger": {"start": 6, "end": 9},
             "source": {"actor": 0, "country": "USA", "start": 0, "end": 5},
             "target": {"actor": 1, "country": "RUS", "start": 10, "end": 16}},
        ],
        "quotes": [],
    }  # fmt: skip
    (block,) = render.blocks(record)
    html = str(block.html)
    assert '<span class="trg" data-o="6" data-s="0" data-e="0" data-t="0"' in html
    assert (
        f'class="act pal-{render.palette("USA")}" data-o="0" data-s="0" data-a="0" data-e="0"'
        in html
    )
    assert 'title="John Kerry · USA GOV"' in html
    assert html.count("<span") == 6  # Kerry, " ", met, " ", Lavrov, " in Moscow."


def test_render_rtl_segments() -> None:
    assert render.text_dir("ar") == "rtl" and render.text_dir("fa") == "rtl"
    assert render.text_dir("en") == "ltr" and render.text_dir(None) == "ltr"


def test_render_speaker_falls_back_to_words_then_code() -> None:
    record = {"text": HOSTILE, "actors": []}
    quote = {"speaker": {"actor": None, "country": "EGY", "sector": "GOV", "start": 26, "end": 38}}
    assert render.speaker_name(record, quote) == HOSTILE[26:38]
    assert render.speaker_name(record, {"speaker": {"country": "EGY"}}) == "EGY"
    assert render.speaker_name(record, {"speaker": None}) == "unknown speaker"


def test_render_chart_is_plain_svg() -> None:
    rows: list[dict[str, Any]] = [
        {"period": "2016-03", "quad": 1, "events": 3},
        {"period": "2016-03", "quad": 4, "events": 1},
        {"period": "2016-04", "quad": 3, "events": 2},
        {"period": "<x>", "quad": None, "events": 9},
    ]
    data = charts.periods(rows, [{"period": "2016-04", "quad": 3, "events": 1}])
    assert [(p.label, p.cooperation, p.conflict) for p in data] == [
        ("2016-03", 3, 1),
        ("2016-04", 0, 3),
    ]
    svg = str(charts.chart(data, "A & <B>"))
    assert svg.startswith("<svg") and "A &amp; &lt;B&gt;" in svg and "style=" not in svg
    assert "no dated events" in str(charts.chart([], "empty"))
