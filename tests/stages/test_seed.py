"""The founding page, end to end: what issue 2 and the brief say hadath must find on it."""

from __future__ import annotations

from typing import Any


def _code(arg: dict[str, Any] | None) -> str | None:
    return None if arg is None else (arg["country"] or arg["org"])


def _sentence(r: dict[str, Any], i: int) -> str:
    s = r["sentences"][i]
    return str(r["text"][s["start"] : s["end"]])


def test_seed_actors_are_coded(seed_record: dict[str, Any]) -> None:
    by_name = {a["name"]: a for a in seed_record["actors"]}
    assert (by_name["John Kerry"]["country"], by_name["John Kerry"]["sector"]) == ("USA", "GOV")
    assert (by_name["Sergey Lavrov"]["country"], by_name["Sergey Lavrov"]["sector"]) == (
        "RUS",
        "GOV",
    )
    assert by_name["Vladimir Putin"]["country"] == "RUS"
    mistura = by_name["Staffan de Mistura"]
    assert (mistura["org"], mistura["sector"]) == ("UN", "IGO")
    # the English caption's "John Kerry" and the Arabic body's "كيري" are one actor
    kerry_words = {
        seed_record["text"][m["start"] : m["end"]] for m in by_name["John Kerry"]["mentions"]
    }
    assert any("Kerry" in w for w in kerry_words) and any("كيري" in w for w in kerry_words)
    assert any(a["country"] == "SYR" and a["sector"] == "GOV" for a in seed_record["actors"])
    # the English captions: Syria's negotiator, and the Ukrainian pilot then a member of parliament
    assert by_name["Bashar al-Jaafari"]["country"] == "SYR"
    assert by_name["Bashar al-Assad"]["country"] == "SYR"
    assert (by_name["Nadiya Savchenko"]["country"], by_name["Nadiya Savchenko"]["sector"]) == (
        "UKR",
        "LEG",
    )


def test_seed_moscow_consult_usa_rus(seed_record: dict[str, Any]) -> None:
    hits = [
        e
        for e in seed_record["events"]
        if e["type"] == "CONSULT"
        and _code(e["source"]) == "USA"
        and _code(e["target"]) == "RUS"
        and e["status"] == "occurred"
        and e["date"] == "2016-03-24"
        and e["place"] is not None
        and e["place"]["name"] == "Moscow"
    ]
    assert hits, [(e["type"], e["source"], e["target"], e["place"]) for e in seed_record["events"]]
    assert "موسكو" in _sentence(seed_record, hits[0]["sentence"])


def test_seed_planned_meeting_with_putin(seed_record: dict[str, Any]) -> None:
    planned = [
        e
        for e in seed_record["events"]
        if e["type"] == "CONSULT" and e["status"] == "planned" and _code(e["source"]) == "USA"
    ]
    assert any("بوتين" in _sentence(seed_record, e["sentence"]) for e in planned)


def test_seed_quotes_and_speakers(seed_record: dict[str, Any]) -> None:
    text = seed_record["text"]
    direct = {
        text[q["start"] : q["end"]]: _code(q["speaker"])
        for q in seed_record["quotes"]
        if q["kind"] == "direct"
    }
    assert direct["ذلك العمل حقق قدرا من التقدم. حدث تراجع للعنف مفيد وإن كان هشا"] == "USA"
    assert direct["رغم الخلافات"] == "USA"
    assert any(k.startswith("بفضل تعاوننا في سوريا") and v == "RUS" for k, v in direct.items())
    assert any(
        k.startswith("ما نتطلع إليه منذ فترة طويلة") and v == "USA" for k, v in direct.items()
    )
    assert "نجاح" not in direct, "the headline's scare quotes are not a quote"
    indirect = [
        (text[q["start"] : q["end"]], _code(q["speaker"]))
        for q in seed_record["quotes"]
        if q["kind"] == "indirect"
    ]
    assert ("التعاون بينهما ساعد على التوصل لنجاح في سوريا", "RUS") in indirect
    assert any(t.startswith("مستوى العنف في سوريا انخفض") and c == "USA" for t, c in indirect)


def test_seed_figures_are_claims_by_kerry(seed_record: dict[str, Any]) -> None:
    actors = seed_record["actors"]
    claims = {(c["value"], c["value_max"], c["unit"]): c for c in seed_record["claims"]}
    more = claims[(85.0, None, "%")]
    assert more["qualifier"] == "more than"
    ranged = claims[(85.0, 90.0, "%")]
    for c in (more, ranged):
        assert actors[c["speaker"]]["name"] == "John Kerry"
