"""Hand-made SCHEMA records (our own sentences), importable by any store test."""

from __future__ import annotations

from typing import Any


def _at(text: str, words: str) -> dict[str, int]:
    start = text.index(words)
    return {"start": start, "end": start + len(words)}


def make_record(
    doc_id: str,
    text: str,
    *,
    title: str | None = None,
    language: str = "en",
    published: str | None = "2016-03-24",
    actors: list[tuple[str, str | None, str | None, str | None]] = (),  # type: ignore[assignment]
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    quotes: list[tuple[int, str, str]] = (),  # type: ignore[assignment]
    claims: list[tuple[str, float, str]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """A SCHEMA record; actors are (words, country, sector, org), events name actor indexes."""
    sentences = []
    start = 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        sentences.append({"start": start, "end": min(end, len(text)), "segment": 0})
        start = end + 1

    def sentence_of(pos: int) -> int:
        return next(i for i, s in enumerate(sentences) if s["start"] <= pos <= s["end"])

    actor_list: list[dict[str, Any]] = [
        {
            "name": words,
            "kind": "country",
            "country": country,
            "sector": sector,
            "org": org,
            "kb": None,
            "mentions": [_at(text, words)],
        }
        for words, country, sector, org in actors
    ]

    def party(index: int | None) -> dict[str, Any] | None:
        if index is None:
            return None
        a: dict[str, Any] = actor_list[index]
        result: dict[str, Any] = {
            "actor": index,
            "country": a["country"],
            "sector": a["sector"],
            "org": a["org"],
        } | a["mentions"][0]
        return result

    event_list = []
    for e in events:
        trig = _at(text, e["trigger"])
        event_list.append(
            {
                "type": e["type"],
                "mode": None,
                "cameo": e.get("cameo"),
                "source": party(e.get("source")),
                "target": party(e.get("target")),
                "status": e.get("status", "occurred"),
                "date": e.get("date", published),
                "date_from": None,
                "place": e.get("place"),
                "sentence": sentence_of(trig["start"]),
                "trigger": trig,
                "rule": f"test.{e['type'].lower()}",
                "confidence": e.get("confidence", 0.8),
            }
        )
    quote_list = [
        {
            "speaker": party(speaker),
            "kind": "direct",
            **_at(text, words),
            "cue": _at(text, cue),
            "sentence": sentence_of(text.index(words)),
        }
        for speaker, cue, words in quotes
    ]
    claim_list = [
        {**_at(text, words), "value": value, "unit": unit, "speaker": None}
        for words, value, unit in claims
    ]
    return {
        "id": doc_id,
        "source": {"path": f"{doc_id}.txt", "url": None, "format": "text"},
        "text": text,
        "language": language,
        "title": title,
        "published": published,
        "outlet": "Test Wire",
        "segments": [{"kind": "body", "lang": language, "start": 0, "end": len(text)}],
        "sentences": sentences,
        "actors": actor_list,
        "events": event_list,
        "quotes": quote_list,
        "claims": claim_list,
        "related": [],
    }


AR_MEETING = make_record(
    "ar-meeting",
    "التقى وزير الخارجية الأمريكي نظيره الروسي في موسكو يوم الخميس. "
    "وقال الوزير الأمريكي إن المحادثات كانت مثمرة جدا.",
    title="لقاء أمريكي روسي في موسكو",
    language="ar",
    actors=[("وزير الخارجية الأمريكي", "USA", "GOV", None), ("نظيره الروسي", "RUS", "GOV", None)],
    events=[
        {
            "type": "CONSULT",
            "cameo": "043",
            "source": 0,
            "target": 1,
            "trigger": "التقى",
            "place": {
                "name": "Moscow",
                "name_ar": "موسكو",
                "country": "RUS",
                "lat": 55.75,
                "lon": 37.62,
            },
        }
    ],
    quotes=[(0, "وقال", "المحادثات كانت مثمرة جدا")],
)
# Same day and dyad as AR_MEETING, from another outlet: one event after --dedup.
EN_TALKS = make_record(
    "en-talks",
    "The American foreign minister met his Russian counterpart in Moscow on Thursday. "
    "He said the talks were useful.",
    title="US and Russian ministers meet in Moscow",
    actors=[
        ("American foreign minister", "USA", "GOV", None),
        ("Russian counterpart", "RUS", "GOV", None),
    ],
    events=[{"type": "CONSULT", "source": 0, "target": 1, "trigger": "met"}],
    quotes=[(0, "said", "the talks were useful")],
)
EN_SHELLING = make_record(
    "en-shelling",
    "Syrian army units shelled rebel positions north of the city on Monday. "
    "A monitoring group said civilian casualties fell by 40% this month.",
    title="Army shells rebel positions",
    published="2016-03-21",
    actors=[("Syrian army", "SYR", "MIL", None), ("rebel", "SYR", "REB", None)],
    events=[{"type": "ASSAULT", "source": 0, "target": 1, "trigger": "shelled"}],
    claims=[("fell by 40%", 40, "%")],
)
AR_AID = make_record(
    "ar-aid",
    "أرسلت الأمم المتحدة قافلة مساعدات إلى سوريا صباح الأحد. وطالبت الحكومة السورية بوقف القصف.",
    title="قافلة مساعدات أممية إلى سوريا",
    language="ar",
    published="2016-04-03",
    actors=[("الأمم المتحدة", None, "IGO", "UN"), ("سوريا", "SYR", "GOV", None)],
    events=[
        {"type": "AID", "source": 0, "target": 1, "trigger": "أرسلت"},
        {"type": "REQUEST", "source": 1, "trigger": "وطالبت", "status": "occurred"},
    ],
)
RECORDS = [AR_MEETING, EN_TALKS, EN_SHELLING, AR_AID]
