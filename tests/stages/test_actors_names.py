"""Unknown names beside a title, set off by commas, and their later mentions: the title codes
the person, the name says which one. Sentences we wrote."""

from __future__ import annotations

from actor_reading import actor_at, read  # tests/actor_reading.py

from hadath.context import Context


def test_actors_name_after_a_title_and_a_comma_is_the_titled_person(ctx: Context) -> None:
    doc = read(
        "التقى وزير الداخلية الفرنسي، جان لوران، نظيره المغربي في الرباط. "
        "وقال لوران إن التعاون مستمر.",
        ctx,
    )
    laurent = actor_at(doc, "جان لوران")
    assert (laurent.country, laurent.sector, laurent.kb) == ("FRA", "GOV", None)
    assert laurent.name_ar == "جان لوران"
    assert actor_at(doc, "لوران إن") is laurent
    doc = read(
        "Kenya's interior minister, Fred Otieno, said the curfew would end. "
        "Otieno added that schools would open.",
        ctx,
    )
    otieno = actor_at(doc, "Fred Otieno")
    assert (otieno.country, otieno.sector, otieno.name) == ("KEN", "GOV", "Fred Otieno")
    assert actor_at(doc, "Otieno added") is otieno


def test_actors_name_before_a_comma_and_a_title_is_the_titled_person(ctx: Context) -> None:
    doc = read(
        "وقالت ليندا باركر، المتحدثة باسم وزارة الخارجية الكندية، إن الحكومة قلقة. "
        "وأضافت باركر أن السفير سيعود.",
        ctx,
    )
    parker = actor_at(doc, "ليندا باركر")
    assert (parker.country, parker.kind, parker.kb) == ("CAN", "person", None)
    assert actor_at(doc, "باركر أن") is parker
    doc = read(
        "Fred Otieno, the Kenyan interior minister, said the curfew would end. "
        "Otieno added that schools would open.",
        ctx,
    )
    otieno = actor_at(doc, "Fred Otieno")
    assert (otieno.country, otieno.sector) == ("KEN", "GOV")
    assert actor_at(doc, "Otieno added") is otieno


def test_actors_comma_after_a_title_before_other_words_takes_no_name(ctx: Context) -> None:
    # what follows the comma is no name: the title stays unnamed, the words stay words
    doc = read("قال وزير الداخلية الفرنسي، في مؤتمر صحفي، إن الحدود ستغلق.", ctx)
    minister = actor_at(doc, "وزير الداخلية")
    assert (minister.country, minister.name_ar) == ("FRA", None)
    doc = read("The French interior minister, speaking in Paris, said the border would close.", ctx)
    assert actor_at(doc, "interior minister").name == "France Interior Minister"


def test_actors_name_after_a_body_and_a_comma_is_one_of_its_people(ctx: Context) -> None:
    doc = read(
        "أعلن مسؤول في الشرطة البريطانية، مارك ريتشاردز، أن التحقيق مستمر. "
        "وقال ريتشاردز إن المشتبه به فر.",
        ctx,
    )
    richards = actor_at(doc, "مارك ريتشاردز")
    assert (richards.country, richards.sector, richards.kind, richards.kb) == (
        "GBR", "POL", "person", None)  # fmt: skip
    assert actor_at(doc, "ريتشاردز إن") is richards
    doc = read(
        "A spokesman for the Kenyan police, John Kamau, said the curfew would end. "
        "Kamau added that schools would open.",
        ctx,
    )
    kamau = actor_at(doc, "John Kamau")
    assert (kamau.country, kamau.sector, kamau.kind) == ("KEN", "POL", "person")
    assert actor_at(doc, "Kamau added") is kamau


def test_actors_title_after_a_comma_and_wa_is_another_person(ctx: Context) -> None:
    # «X، والأمين العام»: the conjunction opens another party, not an apposition
    doc = read("حضر الاحتفال جون سميث، والأمين العام للحزب الحاكم في كينيا.", ctx)
    assert actor_at(doc, "الأمين العام").name_ar is None
    doc = read("حضر الاحتفال جون سميث، الأمين العام للحزب الحاكم في كينيا.", ctx)
    assert actor_at(doc, "الأمين العام").name_ar == "جون سميث"
