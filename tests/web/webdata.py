"""Texts and records we wrote for the web tests (no one else's words)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

TOKEN = "test-token-4f1c"
HOSTILE = (
    '<script>alert(1)</script> The minister said "<img src=x onerror=alert(1)>" in Cairo.'
    " Visit javascript:alert(2) now. \u202egnp.exe\u202c and \"'><svg onload=alert(3)>"
)
HOSTILE_HTML = """<!doctype html><html><head><title>Minister warns <script>alert(1)</script></title>
<script>alert('head')</script></head><body>
<h1>Egypt warns Israel <img src=x onerror=alert(1)></h1>
<p>Egyptian Foreign Minister Sameh Shoukry met Israeli officials in Cairo on Tuesday,
<a href="javascript:alert(2)">click</a> and said "<b onmouseover=alert(3)>we reject</b> this".</p>
<p onclick="alert(4)">The talks ended \u202eevil\u202c without an agreement.</p>
<img src=x onerror=alert(5)><iframe src="javascript:alert(6)"></iframe>
<script>document.write('<p>injected</p>')</script>
</body></html>"""
EN_TEXT = (
    "Kerry and Lavrov meet in Geneva\n\n"
    "US Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Geneva on"
    ' Monday, 2 May 2016. Kerry said "we made real progress on Syria". Russia accused Turkey of'
    " shelling Kurdish towns. Syrian troops attacked rebels near Aleppo on Tuesday."
)
AR_TEXT = (
    "لافروف يلتقي كيري في موسكو\n\n"
    "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي جون كيري في موسكو يوم الخميس"
    ' 24 مارس 2016. وقال لافروف إن "التعاون بيننا ساعد على نجاح الهدنة في سوريا".'
    " واتهمت تركيا روسيا بقصف مناطق مدنية في سوريا."
)


def _at(text: str, words: str, nth: int = 0) -> dict[str, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return {"start": start, "end": start + len(words)}


def hostile_record() -> dict[str, Any]:
    """A hand-made record whose every string field carries markup, scripts and bidi tricks."""
    text = HOSTILE + " Written by hand."
    actor = {
        "name": '<b onmouseover="alert(7)">Minister</b>',
        "name_ar": "<script>alert(8)</script>",
        "kind": "person",
        "country": "EGY",
        "sector": "GOV",
        "org": None,
        "role": "<i>role</i>",
        "kb": None,
        "mentions": [_at(text, "The minister")],
    }
    quote_span = _at(text, "<img src=x onerror=alert(1)>")
    return {
        "id": "hostile-handmade",
        "source": {"path": None, "url": "javascript:alert(9)", "format": "text"},
        "text": text,
        "language": "en",
        "title": "<script>alert(10)</script>\u202e title",
        "published": "2016-05-03",
        "published_from": "<em>x</em>",
        "outlet": "<img src=x onerror=alert(11)>",
        "segments": [
            {"kind": "title", "lang": "en", "start": 0, "end": 25},
            {"kind": "body", "lang": "en", "start": 25, "end": len(text)},
        ],
        "related": [],
        "sentences": [
            {"start": 0, "end": 25, "segment": 0},
            {"start": 26, "end": text.index("Cairo.") + 6, "segment": 1},
            {"start": text.index("Visit"), "end": len(text), "segment": 1},
        ],
        "actors": [actor],
        "events": [
            {
                "type": "ACCUSE",
                "mode": None,
                "cameo": None,
                "source": {"actor": 0, "country": "EGY", "sector": "GOV", "org": None,
                           **_at(text, "The minister")},
                "target": None,
                "status": "occurred",
                "date": "2016-05-03",
                "date_from": "<u>today</u>",
                "place": {"name": "<svg onload=alert(12)>", "name_ar": None, "country": "EGY",
                          "lat": 30.0, "lon": 31.2},
                "sentence": 1,
                "trigger": _at(text, "said"),
                "rule": "<rule>",
                "confidence": 0.5,
            }
        ],
        "quotes": [
            {
                "speaker": {"actor": 0, "country": "EGY", "sector": "GOV", "org": None,
                            **_at(text, "The minister")},
                "kind": "direct",
                **quote_span,
                "cue": _at(text, "said"),
                "sentence": 1,
            }
        ],
        "claims": [],
    }  # fmt: skip


def shared_dir() -> Path:
    env = os.environ.get("HADATH_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared"


SEED = "seed/000_98d78d77fcb958ba.txt"
