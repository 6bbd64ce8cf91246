"""The founding page's parts, and the corpus articles' title line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hadath.stages.layout import _script_lang


def _segments(record: dict[str, Any], kind: str) -> list[str]:
    return [record["text"][s["start"] : s["end"]] for s in record["segments"] if s["kind"] == kind]


def test_layout_seed_title_date_and_parts(seed_record: dict[str, Any]) -> None:
    r = seed_record
    assert r["title"] == 'كيري ولافروف يثنيان على "نجاح" تعاونهما بسوريا'
    assert r["published"] == "2016-03-24"
    assert "اليوم الخميس" in r["published_from"]
    captions = _segments(r, "caption")
    english = [c for c in captions if c.isascii() or c[:1].isascii()]
    assert len(english) == 4
    assert any(c.endswith("(الأوروبية)") for c in captions)
    assert not any("(الأوروبية)" in b or "REUTERS" in b for b in _segments(r, "body"))
    assert _segments(r, "source") == ["المصدر : الجزيرة + وكالات"]
    assert r["outlet"] == "الجزيرة"
    furniture = _segments(r, "furniture")
    assert furniture[-2:] == ["المزيد من أزمات", "الأكثر قراءة"]


def test_layout_seed_related_stories_and_their_dates(seed_record: dict[str, Any]) -> None:
    r = seed_record
    related = r["related"]
    assert [x["published"] for x in related] == ["2016-03-24", "2016-03-23", "2016-03-23"]
    summaries = [r["text"][x["summary_start"] : x["summary_end"]] for x in related]
    assert summaries[0].startswith("قال نشطاء ودبلوماسيون")
    assert summaries[2].startswith("أعلن وفد النظام السوري")


def test_layout_segment_languages(seed_record: dict[str, Any]) -> None:
    langs = {s["kind"]: set() for s in seed_record["segments"]}
    for s in seed_record["segments"]:
        langs[s["kind"]].add(s["lang"])
    assert langs["body"] == {"ar"}
    assert "en" in langs["caption"] and "ar" in langs["caption"]
    assert seed_record["language"] == "ar"


def test_layout_corpus_articles_title_is_first_line(shared: Path) -> None:
    import hadath

    with (shared / "corpus" / "arabic_news_sample.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(next(fh)) for _ in range(20)]
    for row in rows:
        rec = hadath.read(f"{row['title']}\n\n{row['text']}")
        assert rec["title"] == row["title"].strip()
        assert rec["language"] == "ar"
        kinds = [s["kind"] for s in rec["segments"]]
        assert kinds[0] == "title" and "body" in kinds


def test_layout_script_counts_bytes_as_letters() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    arabic = "".join(c for c in every if "\u0600" <= c <= "\u06ff")
    latin = "".join(c for c in every if c.isascii() and c.isalpha())
    others = "".join(c for c in every if c not in arabic and c not in latin)
    assert _script_lang(others + "\ud800") is None
    assert _script_lang(others + arabic + latin) == "ar"  # 256 Arabic letters, 52 Latin
    assert _script_lang(others + arabic[:52] + latin) == "ar"  # a tie goes to Arabic
    assert _script_lang(others + arabic[:51] + latin) is None


def test_layout_short_arabic_lines_are_arabic_persian_and_urdu_still_told_apart() -> None:
    from hadath.context import default_context
    from hadath.stages.layout import segment_langs

    texts = [
        "طاهر هاني",  # a byline: the identifier alone read it as Persian
        "19:05 ت م",
        "وزیر امور خارجه ایران امروز با همتای ترکیه‌ای خود در تهران دیدار و گفتگو کرد.",
        "پاکستان کے وزیر خارجہ نے آج چین کے سفیر سے ملاقات کی۔",
        "التقى وزير الخارجية المصري نظيره الأردني في عمان أمس.",
        "The two ministers met in Amman on Tuesday.",
    ]
    assert segment_langs(texts, default_context()) == ["ar", "ar", "fa", "ur", "ar", "en"]
