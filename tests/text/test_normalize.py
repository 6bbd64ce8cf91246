from hypothesis import given
from hypothesis import strategies as st

from hadath.text.match import Matcher, WordBounds
from hadath.text.normalize import fold, normalize


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
