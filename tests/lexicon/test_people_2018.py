"""People added from the frequent uncoded names of the 2018 pool (tools/uncoded_names.py):
each coded from its office on a date inside the tenure, on a sentence we wrote."""

from __future__ import annotations

import pytest
from actor_reading import actor_at, read  # tests/actor_reading.py

from hadath.context import Context

# (sentence, the words naming the person, date, kb id, country or org, sector)
EXAMPLES = [
    ("أعلن خوان مانويل سانتوس توقيع الاتفاق.", "خوان مانويل سانتوس", "2016-09-26",
     "juan-manuel-santos", "COL", "GOV"),
    ("وقال إيفان دوكي إن حكومته ستراجع الاتفاق.", "إيفان دوكي", "2018-09-01", "ivan-duque",
     "COL", "GOV"),
    ("Ivan Duque took office in Bogota.", "Ivan Duque", "2018-08-07", "ivan-duque", "COL", "GOV"),
    ("قالت سارة ساندرز إن الرئيس سيسافر غدا.", "سارة ساندرز", "2018-05-02", "sarah-sanders",
     "USA", "GOV"),
    ("Dan Coats warned of new cyber attacks.", "Dan Coats", "2018-07-13", "dan-coats", "USA",
     "GOV"),
    ("استجوب روبرت مولر عددا من المسؤولين.", "روبرت مولر", "2018-04-10", "robert-mueller",
     "USA", "GOV"),
    ("Malcolm Turnbull called for calm.", "Malcolm Turnbull", "2017-11-20", "malcolm-turnbull",
     "AUS", "GOV"),
    ("رفض هورست زيهوفر خطة اللجوء.", "هورست زيهوفر", "2018-07-01", "horst-seehofer", "DEU",
     "GOV"),
    ("وقع سلفا كير اتفاق السلام.", "سلفا كير", "2018-09-12", "salva-kiir", "SSD", "GOV"),
    ("Ramush Haradinaj rejected the proposal.", "Ramush Haradinaj", "2018-09-01",
     "ramush-haradinaj", "XKX", "GOV"),
    ("أعلن جيرار كولومب تعزيز الأمن.", "جيرار كولومب", "2018-03-24", "gerard-collomb", "FRA",
     "GOV"),
    ("Bruno Le Maire criticised the tariffs.", "Bruno Le Maire", "2018-06-01", "bruno-le-maire",
     "FRA", "GOV"),
    ("هدد رودريغو دوتيرتي بإغلاق الجزيرة.", "رودريغو دوتيرتي", "2018-04-05", "rodrigo-duterte",
     "PHL", "GOV"),
    ("انتقد جون ماكين القرار.", "جون ماكين", "2018-02-01", "john-mccain", "USA", "LEG"),
    ("قال تركي المالكي إن الصاروخ اعترض.", "تركي المالكي", "2018-03-26", "turki-al-maliki",
     "SAU", "MIL"),
    ("وأكد أحمد المسماري تقدم القوات.", "أحمد المسماري", "2018-06-20", "ahmed-al-mismari", "LBY",
     "MIL"),
    ("كتب جمال خاشقجي مقالا جديدا.", "جمال خاشقجي", "2018-09-01", "jamal-khashoggi", "SAU",
     "MED"),
    ("وقال رامي عبد الرحمن إن الغارات استمرت.", "رامي عبد الرحمن", "2018-02-20",
     "rami-abdulrahman", "SYR", "NGO"),
]  # fmt: skip

# spellings of people already listed, as the 2018 pool writes them
VARIANTS = [
    ("قالت ماريا زخاروفا إن موسكو سترد.", "ماريا زخاروفا", "maria-zakharova", "RUS"),
    ("دعت نيكي هايلي إلى جلسة طارئة.", "نيكي هايلي", "nikki-haley", "USA"),
    ("التقت تريزا ماي بالوفد.", "تريزا ماي", "theresa-may", "GBR"),
    ("قال بنيامين نيتانياهو إن الرد سيكون قويا.", "بنيامين نيتانياهو", "benjamin-netanyahu", "ISR"),
    ("استقبل الملك عبدالله الثاني الوفد.", "عبدالله الثاني", "abdullah-ii", "JOR"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words", "day", "pid", "code", "sector"), EXAMPLES)
def test_people_2018_coded_from_their_office(
    ctx: Context, text: str, words: str, day: str, pid: str, code: str, sector: str
) -> None:
    person = actor_at(read(text, ctx, day), words)
    assert person.kb == f"hadath:person/{pid}"
    assert ((person.country or person.org), person.sector) == (code, sector)


@pytest.mark.parametrize(("text", "words", "pid", "code"), VARIANTS)
def test_people_2018_spelling_variants(
    ctx: Context, text: str, words: str, pid: str, code: str
) -> None:
    person = actor_at(read(text, ctx, "2018-06-01"), words)
    assert (person.kb, person.country) == (f"hadath:person/{pid}", code)


def test_people_2018_president_after_his_term_keeps_his_country(ctx: Context) -> None:
    santos = actor_at(read("قال خوان مانويل سانتوس إن السلام باق.", ctx, "2019-03-01"), "خوان")
    assert (santos.kb, santos.country) == ("hadath:person/juan-manuel-santos", "COL")
