"""Actors coded from their context: parties after prepositions, the story's country, unknown
names with a role and a nationality, datelines and media credits. Sentences we wrote."""

from __future__ import annotations

from hadath.context import Context
from hadath.model import Document
from tests.stages.test_actors import actor_at, read


def actor_codes(doc: Document) -> set[str | None]:
    return {a.country or a.org for a in doc.actors}


def test_actors_country_after_a_relational_preposition_is_a_party(ctx: Context) -> None:
    doc = read("استأنفت الحكومة المغربية المفاوضات مع إيران وفرضت عقوبات على فنزويلا.", ctx)
    assert actor_at(doc, "إيران").country == "IRN"
    assert actor_at(doc, "فنزويلا").country == "VEN"
    doc = read("Canada resumed talks with Iran and warned against Venezuela.", ctx)
    assert actor_at(doc, "Iran").country == "IRN"
    assert actor_at(doc, "Venezuela").country == "VEN"


def test_actors_country_after_l_is_a_party_capital_after_min_a_place(ctx: Context) -> None:
    doc = read("وجه البرلمان الأوروبي اتهامات لروسيا بعد عودته من دمشق.", ctx)
    assert actor_at(doc, "روسيا").country == "RUS"
    at = doc.text.index("دمشق")
    assert not any(m.start <= at < m.end for a in doc.actors for m in a.mentions)


def test_actors_country_after_fi_stays_a_place(ctx: Context) -> None:
    doc = read("عقد الوزراء الأوروبيون اجتماعهم في النرويج.", ctx)
    assert "NOR" not in actor_codes(doc)
    doc = read("The European ministers met in Norway on Monday.", ctx)
    assert "NOR" not in actor_codes(doc)
