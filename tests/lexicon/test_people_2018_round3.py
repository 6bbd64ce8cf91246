"""Office holders of 2018-2019 and the armed groups and parties of 2018 (issue 15): each coded
from its office or its row on a sentence we wrote."""

from __future__ import annotations

import pytest
from actor_reading import actor_at, read  # tests/actor_reading.py

from hadath.context import Context

# (sentence, the words naming the actor, date, kb id, country or org)
PEOPLE = [
    ("قالت هيذر نويرت إن الوزارة تتابع القضية.", "هيذر نويرت", "2018-05-10", "heather-nauert",
     "USA"),
    ("أعلن ستيفن منوشين عقوبات جديدة.", "ستيفن منوشين", "2018-11-05", "steven-mnuchin", "USA"),
    ("Bahram Qasemi rejected the statement.", "Bahram Qasemi", "2018-06-01", "bahram-qasemi",
     "IRN"),
    ("وقال هادي العامري إن القائمة ستشارك.", "هادي العامري", "2018-05-01", "hadi-al-amiri",
     "IRQ"),
    ("انتقد صلاح الدين دميرتاش الحكومة.", "صلاح الدين دميرتاش", "2018-06-01",
     "selahattin-demirtas", "TUR"),
    ("دعا دونالد توسك إلى الوحدة.", "دونالد توسك", "2018-06-28", "donald-tusk", "EU"),
    ("دعا دونالد توسك إلى الوحدة.", "دونالد توسك", "2024-01-10", "donald-tusk", "POL"),
    ("وقالت فاتو بنسودا إن التحقيق مستمر.", "فاتو بنسودا", "2018-09-06", "fatou-bensouda",
     "ICC"),
    ("وقال غادي آيزنكوت إن الجيش مستعد.", "غادي آيزنكوت", "2018-05-10", "gadi-eisenkot", "ISR"),
]  # fmt: skip

ORGS = [
    ("هاجم فيلق الرحمن مواقع الجيش.", "فيلق الرحمن", "SYR"),
    ("تقدمت ألوية العمالقة نحو المدينة.", "ألوية العمالقة", "YEM"),
    ("أعلنت منظمة إيتا حل نفسها.", "منظمة إيتا", "ETA"),
    ("قصفت الميليشيات الحوثية الأحياء السكنية.", "الميليشيات الحوثية", "HOUTHI"),
    ("ETA announced its dissolution.", "ETA", "ETA"),
]


@pytest.mark.parametrize(("text", "words", "day", "pid", "code"), PEOPLE)
def test_office_holders_of_2018_coded_from_their_office(
    ctx: Context, text: str, words: str, day: str, pid: str, code: str
) -> None:
    person = actor_at(read(text, ctx, day), words)
    assert (person.kb, person.country or person.org) == (f"hadath:person/{pid}", code)


@pytest.mark.parametrize(("text", "words", "code"), ORGS)
def test_groups_of_2018_coded(ctx: Context, text: str, words: str, code: str) -> None:
    group = actor_at(read(text, ctx, "2018-05-01"), words)
    assert (group.country or group.org) == code


def test_shared_surname_alone_is_not_given_to_one_of_its_bearers(ctx: Context) -> None:
    # «المالكي» alone names several people (Nouri, Riyad, Turki al-Maliki): no guess
    doc = read("وقال تركي المالكي إن الصاروخ اعترض. وأضاف المالكي أن الرد قادم.", ctx, "2018-03-26")
    second = doc.text.index("المالكي أن")
    coded = [a for a in doc.actors for m in a.mentions if m.start <= second < m.end]
    assert all(a.country != "IRQ" for a in coded)


def test_risky_surname_after_the_full_name(ctx: Context) -> None:
    doc = read("التقى كيم جونغ أون الوفد. وقال كيم إن المحادثات مثمرة.", ctx, "2018-06-12")
    kim = actor_at(doc, "كيم إن")
    assert (kim.kb, kim.country) == ("hadath:person/kim-jong-un", "PRK")
