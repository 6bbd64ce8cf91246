"""Armed groups named by their patron or their arena, generic militias in a story set where a
group fights (arenas.tsv), and country adjectives that are also common words after a role.
Sentences we wrote."""

from __future__ import annotations

from actor_reading import actor_at, read  # tests/actor_reading.py

from hadath.context import Context


def test_actors_portfolio_after_an_indefinite_role_is_not_a_nationality(ctx: Context) -> None:
    # Mali is named safely first, so «المالية» could be read as its adjective
    text = "زار رئيس جمهورية مالي القاهرة. وقال وزير المالية المصري إن وزارة المالية ستدفع القرض."
    doc = read(text, ctx)
    assert actor_at(doc, "رئيس جمهورية مالي").country == "MLI"
    minister = actor_at(doc, "وزير المالية")
    assert (minister.country, minister.role) == ("EGY", "Finance Minister")
    assert actor_at(doc, "وزارة المالية").country != "MLI"
    # in construct with a role word the lexicon has no portfolio for: «إدارة المالية» is the
    # finance department, no Malian administration
    doc = read("زار رئيس جمهورية مالي القاهرة. وناقشت إدارة المالية في الشركة الخطة.", ctx)
    at = doc.text.index("مالية", doc.text.index("إدارة"))
    assert not [a for a in doc.actors if a.country == "MLI" for m in a.mentions
                if m.start <= at < m.end]  # fmt: skip
    # with the article the title is definite and «المالي» agrees with it: a Malian
    doc = read("وصل الرئيس المالي إلى النيجر.", ctx)
    assert actor_at(doc, "الرئيس المالي").country == "MLI"
    doc = read("The Egyptian finance minister met the head of the IMF.", ctx)
    assert actor_at(doc, "finance minister").role == "Finance Minister"


def test_actors_armed_group_qualified_by_its_patron_keeps_its_code(ctx: Context) -> None:
    doc = read("قصفت ميليشيات الحوثي الإيرانية سوقا في مأرب، وأدانت جمهورية مالي ذلك.", ctx)
    group = actor_at(doc, "ميليشيات الحوثي")
    assert (group.country, group.org) == (None, "HOUTHI")
    doc = read("Yemen's Houthis fired a missile at Riyadh on Sunday.", ctx)
    assert actor_at(doc, "Houthis").org == "HOUTHI"
    assert actor_at(doc, "Houthis").country is None


def test_actors_country_before_an_armed_group_is_another_party(ctx: Context) -> None:
    doc = read("وعرض التحالف أدلة على تزويد إيران الحوثيين بالصواريخ.", ctx)
    assert actor_at(doc, "إيران").country == "IRN"
    assert actor_at(doc, "الحوثيين").org == "HOUTHI"
    assert actor_at(doc, "الحوثيين").country is None


def test_actors_generic_militia_in_a_yemen_story_is_the_houthis(ctx: Context) -> None:
    text = (
        "تقدمت قوات الجيش اليمني في محافظة صعدة شمال اليمن. "
        "وفرت الميليشيات من مواقعها بعد أن قصف المتمردون مدينة تعز."
    )
    doc = read(text, ctx)
    assert actor_at(doc, "الميليشيات").org == "HOUTHI"
    assert actor_at(doc, "متمردون").org == "HOUTHI"
    assert actor_at(doc, "الجيش اليمني").country == "YEM"
    doc = read("Yemeni rebels fired a missile at Riyadh, the Saudi army said.", ctx)
    assert actor_at(doc, "rebels").org == "HOUTHI"


def test_actors_patron_militia_is_the_group_only_in_its_arena(ctx: Context) -> None:
    doc = read("أطلقت الميليشيات الإيرانية صاروخا على مأرب، وقال الجيش اليمني إنه اعترضه.", ctx)
    assert actor_at(doc, "الميليشيات الإيرانية").org == "HOUTHI"
    doc = read("وقصفت الميليشيات الإيرانية مواقع قرب دمشق، وقال الجيش السوري إنه صدها.", ctx)
    militia = actor_at(doc, "الميليشيات الإيرانية")
    assert (militia.country, militia.org) == ("IRN", None)


def test_actors_generic_militia_elsewhere_keeps_its_setting(ctx: Context) -> None:
    text = "اشتبك الجيش السوري مع مسلحين في ريف حلب، وقالت الحكومة السورية إن المسلحين فروا."
    doc = read(text, ctx)
    assert actor_at(doc, "مسلحين").country == "SYR"
    assert actor_at(doc, "مسلحين").org is None


def test_actors_org_codes_are_those_of_the_annotation_guide(ctx: Context) -> None:
    doc = read("تبنى تنظيم القاعدة الهجوم، وقالت حركة الشباب إنها لم تشارك فيه.", ctx)
    assert actor_at(doc, "تنظيم القاعدة").org == "AQ"
    assert actor_at(doc, "حركة الشباب").org == "SHABAAB"
    doc = read("The World Bank approved a loan to Egypt on Monday.", ctx)
    assert actor_at(doc, "World Bank").org == "WB"


def test_actors_houthi_adjective_and_singular_militia_name_the_group(ctx: Context) -> None:
    doc = read("أطلقت الميليشيا الحوثية صاروخا، واستهدفت الغارات قيادات حوثية قرب الحدود.", ctx)
    assert actor_at(doc, "الميليشيا الحوثية").org == "HOUTHI"
    assert actor_at(doc, "حوثية قرب").org == "HOUTHI"
