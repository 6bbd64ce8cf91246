"""The outlets of the press reviews coded with their country, and the org codes the annotation
convention uses for stateless groups and bodies (AQ, WB, SHABAAB, FARC): sentences we wrote."""

from __future__ import annotations

import pytest
from actor_reading import actor_at, read  # tests/actor_reading.py

from hadath.context import Context

# (sentence, the words naming the outlet, its country)
OUTLETS = [
    ("وقالت صحيفة هآرتس إن الائتلاف منقسم.", "هآرتس", "ISR"),
    ("ذكرت صحيفة لوموند أن الوزير سيستقيل.", "لوموند", "FRA"),
    ("وكتبت ديلي تلغراف أن الحكومة أخطأت.", "ديلي تلغراف", "GBR"),
    ("نقلت وكالة إنترفاكس عن مصدر أن المحادثات تأجلت.", "إنترفاكس", "RUS"),
    ("قالت صحيفة يني شفق إن أنقرة سترد.", "يني شفق", "TUR"),
    ("Haaretz reported that the coalition was split.", "Haaretz", "ISR"),
    ("Kommersant said the deal was off.", "Kommersant", "RUS"),
]

GROUPS = [
    ("تبنى تنظيم القاعدة الهجوم.", "القاعدة", "AQ"),
    ("Al-Qaeda claimed the attack.", "Al-Qaeda", "AQ"),
    ("وافق البنك الدولي على القرض.", "البنك الدولي", "WB"),
    ("The World Bank approved the loan.", "World Bank", "WB"),
    ("FARC rebels attacked a police post.", "FARC", "FARC"),
    ("The Tamil Tigers denied the charge.", "Tamil Tigers", "LTTE"),
]


@pytest.mark.parametrize(("text", "words", "code"), OUTLETS)
def test_press_outlets_coded_with_their_country(
    ctx: Context, text: str, words: str, code: str
) -> None:
    outlet = actor_at(read(text, ctx, "2018-05-01"), words)
    assert (outlet.country, outlet.sector) == (code, "MED")


@pytest.mark.parametrize(("text", "words", "code"), GROUPS)
def test_stateless_groups_and_bodies_take_the_convention_code(
    ctx: Context, text: str, words: str, code: str
) -> None:
    actor = actor_at(read(text, ctx, "2018-05-01"), words)
    assert (actor.country, actor.org) == (None, code)
