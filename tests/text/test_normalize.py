from hypothesis import given
from hypothesis import strategies as st

import hadath
from hadath.text.match import WORD_RE, Matcher, SharedPass, WordBounds, word_bounds
from hadath.text.normalize import _TABLE, fold, folds_alone, normalize


def test_normalize_folds_hamza_harakat_and_tatweel() -> None:
    assert fold("لافْرُوف") == fold("لافروف")
    assert fold("أكّد") == fold("اكد")
    assert fold("مدرسة") == "مدرسه"
    assert fold("مستشفى") == "مستشفي"
    assert fold("بـموسكو") == "بموسكو"
    assert fold("٢٠١٦") == "2016"


def test_normalize_maps_spans_back_to_the_original() -> None:
    text = "قالَ وزيرُ الخارجيّة بـموسكو"
    n = normalize(text)
    i = n.norm.index("موسكو")
    s, e = n.span(i, i + len("موسكو"))
    assert text[s:e] == "موسكو"
    j = n.norm.index("الخارجيه")
    s, e = n.span(j, j + len("الخارجيه"))
    assert text[s:e] == "الخارجيّة"


@given(st.text(alphabet="اأإبتةثىيوَُِّـ \u200fabcİ", max_size=60))
def test_normalize_every_norm_position_maps_into_the_original(text: str) -> None:
    n = normalize(text)
    for i in range(len(n.norm) + 1):
        assert 0 <= n.to_original(i) <= len(text)
    for i in range(len(n.norm)):
        s, e = n.span(i, i + 1)
        assert fold(text[s:e])[:1] == n.norm[i] or text[s:e].lower()[:1] == n.norm[i]


def test_match_accepts_proclitics_and_rejects_word_parts() -> None:
    m = Matcher([("موسكو", "MOS"), ("الأمم المتحدة", "UN"), ("روسي", "RUS")])
    text = normalize("وصل مبعوث للأمم المتحدة بموسكو والروسي، لا روسيا ولا الروسية")
    hits = list(m.find(text.norm, WordBounds(text.norm)))
    assert [h.value for h in hits] == ["UN", "MOS", "RUS"]
    assert hits[0].prefix == "ل" and hits[1].prefix == "ب" and hits[2].prefix == "وال"


def test_shared_pass_finds_what_each_matcher_finds_alone() -> None:
    forms = [("موسكو", "MOS"), ("الأمم المتحدة", "UN"), ("روسي", "RUS"), ("U.S.", "USA")]
    verbs = [("التقى", "MEET"), ("زيارة", "VISIT"), ("روسي", "ADJ"), ("لقاء", "MEET")]
    text = normalize(
        "التقاه مبعوث للأمم المتحدة بموسكو والروسي بعد زيارته، لا روسيا، ولقائه U.S. لا U.S.A."
    ).norm
    alone = [Matcher(forms), Matcher(verbs, enclitics=True), Matcher([("روسيا", "RUS")])]
    shared = [Matcher(forms), Matcher(verbs, enclitics=True), Matcher([("روسيا", "RUS")])]
    SharedPass(shared)
    bounds = WordBounds(text)
    for a, b in zip(alone, shared, strict=True):
        assert list(b.find(text, bounds)) == list(a.find(text, bounds))
        assert list(b.find(text, bounds))  # each finds something


def test_normalize_folds_alone_outside_dotted_i_and_sigma() -> None:
    # find_places slices the document's folded text on this promise
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    alone = [c for c in chars if folds_alone(c)]
    folded = [fold(c) for c in alone]
    assert all(len(f) <= 1 for f in folded)
    # every character between two others: the whole run folds as its characters do
    assert fold("".join(alone)) == "".join(folded)
    assert fold("ab".join(alone)) == "ab".join(folded)
    assert not folds_alone("ΟΔΟΣ") and not folds_alone("İstanbul")


def test_normalize_fold_replaces_as_the_table_translates() -> None:
    everything = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    assert fold(everything) == everything.translate(_TABLE).lower()
    assert fold("أَ") == "ا" and fold("ى٣،") == "ي3,"
    for i in range(0, len(everything), 50):
        # short texts take the other way
        piece = everything[i : i + 50]
        assert fold(piece) == piece.translate(_TABLE).lower()


def test_match_word_bounds_are_the_regex_runs() -> None:
    bmp = "".join(chr(c) for c in range(0x10000))
    for text in ("", " ", "a", "x_y ١٢ وقال،", "é\u0301 \ud800", bmp, bmp + "😀b 𝐀", "a😀b"):
        assert WordBounds(text).words() == [m.span() for m in WORD_RE.finditer(text)]


def test_normalize_hashtag_words_are_words() -> None:
    record = hadath.read("زار #وزير_الخارجية_الأردني #بغداد أمس والتقى #رئيس_الوزراء_العراقي.")
    codes = {a["country"] for a in record["actors"]}
    assert {"JOR", "IRQ"} <= codes
    assert normalize("#Donald_Trump").norm == "#donald trump"


def test_matcher_keeps_a_verb_that_is_also_a_noun_before_a_pronoun() -> None:
    # "أدانت" (she condemned) and "إدانة" + pronoun ("إدانته", his condemnation) fold to the
    # same word "ادانت": each must still match under its own rule, once.
    m = Matcher([("أدانت", "verb"), ("إدانة", "noun")], enclitics=True)

    def found(text: str) -> list[str]:
        norm = normalize(text).norm
        return [h.value for h in m.find(norm, word_bounds(norm))]

    assert found("أدانت مصر الهجوم") == ["verb"]
    assert sorted(found("وفي إدانته للهجوم")) == ["noun", "verb"]
    assert found("إدانة واسعة") == ["noun"]
