from __future__ import annotations

import re

import pytest
from store_records import make_record

from hadath.errors import UsageError
from hadath.store import Store
from hadath.store.normalize import fold
from hadath.store.queries import MAX_PREFIXES, MAX_TERMS, SNIPPET_MAX_TEXT, fts_query, snippet


def test_normalize_fold_arabic_forms() -> None:
    assert fold("أَعْلَنَتْ الأمـــم") == fold("اعلنت الامم") == "اعلنت الامم"
    assert fold("إلى مستشفى المدينة") == "الي مستشفي المدينه"
    assert fold("آب ٱلقمة ٢٠١٦ ۲۰") == "اب القمه 2016 20"
    assert fold("Moscow TALKS") == "moscow talks"


def _ids(store: Store, query: str) -> list[str]:
    return [hit["id"] for hit in store.search(query)]


def test_search_with_and_without_harakat_and_hamza(store: Store) -> None:
    plain = _ids(store, "الامريكي")
    assert plain == ["ar-meeting"]
    assert _ids(store, "الأمريكي") == plain
    assert _ids(store, "الأَمْرِيكِيّ") == plain
    assert _ids(store, "الأمـــريكي") == plain
    assert _ids(store, "مساعدات سوريا") == ["ar-aid"]
    assert _ids(store, "أممية") == ["ar-aid"]  # title only
    assert _ids(store, "مثمره") == ["ar-meeting"]  # quote / text, ة folded


def test_search_english_phrase_and_prefix(store: Store) -> None:
    assert _ids(store, "Moscow") == ["en-talks"] or set(_ids(store, "Moscow")) >= {"en-talks"}
    assert _ids(store, '"rebel positions"') == ["en-shelling"]
    assert _ids(store, "casualt*") == ["en-shelling"]
    assert _ids(store, "rebel talks") == []  # words are ANDed


def test_search_snippet_shows_original_text(store: Store) -> None:
    (hit,) = store.search("الامريكي")
    snippet = hit["snippet"]
    marked = [snippet[s:e] for s, e in hit["highlights"]]
    assert "الأمريكي" in marked  # the original spelling, with hamza
    assert hit["title"] == "لقاء أمريكي روسي في موسكو"
    assert hit["score"] > 0


def test_search_ranks_title_matches_first(store: Store) -> None:
    hits = store.search("Moscow")
    assert hits[0]["id"] == "en-talks"


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "rebel*)", "NEAR(", "NEAR(a b", "a OR", "AND", "-x", "^", "'; DROP TABLE", "",
     "   ", "title:rebel", "{body}", "\x00", "((("],
)  # fmt: skip
def test_search_hostile_queries_do_not_crash(store: Store, query: str) -> None:
    assert isinstance(store.search(query), list)


def test_search_fts_query_quotes_every_term() -> None:
    assert fts_query('NEAR(a "b c" d*') == '"near" AND "a" AND "b c" AND "d"*'
    assert fts_query("*") == ""


def test_search_pagination(store: Store) -> None:
    every = [h["id"] for h in store.search("the", limit=10)]
    assert [h["id"] for h in store.search("the", limit=1, offset=1)] == every[1:2]


def test_search_repeated_words_are_asked_once(store: Store) -> None:
    # 1,000 words, three different ones: answered as the three words would be
    query = " ".join(["Moscow", "talks", "MOSCOW", "talk*"] * 250)
    assert fts_query(query) == '"moscow" AND "talks" AND "talk"*'
    assert _ids(store, query) == _ids(store, "Moscow talks talk*") == ["en-talks"]
    twice = '"rebel positions" rebel "rebel  positions"'
    assert fts_query(twice) == '"rebel positions" AND "rebel"'


def test_search_too_many_different_words_is_refused_by_name(store: Store) -> None:
    words = [f"w{n}" for n in range(1000)]
    with pytest.raises(UsageError) as refused:
        store.search(" ".join(words))
    assert refused.value.where == "query"
    assert refused.value.problem == f"1000 different words; a search takes at most {MAX_TERMS}"
    # the limit itself is answered; a phrase counts its words
    assert fts_query(" ".join(words[:MAX_TERMS])).count(" AND ") == MAX_TERMS - 1
    assert store.search(" ".join(words[:MAX_TERMS])) == []
    with pytest.raises(UsageError, match=f"{MAX_TERMS + 1} different words"):
        fts_query('"' + " ".join(words[: MAX_TERMS + 1]) + '"')


def test_search_too_many_prefixes_is_refused_by_name() -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    assert fts_query(" ".join(c + "*" for c in letters[:MAX_PREFIXES])).count("*") == MAX_PREFIXES
    with pytest.raises(UsageError) as refused:
        fts_query(" ".join(c + "*" for c in letters))
    assert refused.value.where == "query"
    assert refused.value.problem == f"26 prefixes (word*); a search takes at most {MAX_PREFIXES}"


def test_search_nested_quotes_are_indexed_once(target: str) -> None:
    # each "said" opens an indirect quote that runs to the end of the sentence: 1,000
    # nested quotes whose texts, one by one, come to 500 times the document
    text = "The envoy " + "said that " * 1000 + "talks would resume in Geneva."
    record = make_record("nested", text, title="Envoy on the talks")
    starts = [m.start() + 5 for m in re.finditer("said that ", text)]
    record["quotes"] = [
        {"speaker": None, "kind": "indirect", "start": s, "end": len(text),
         "cue": {"start": s - 5, "end": s - 1}, "sentence": 0}
        for s in starts
    ]  # fmt: skip
    with Store(target) as store:
        store.add([record])
        ((indexed,),) = store._db.execute("SELECT length(quotes) FROM search").fetchall()
        assert indexed == len(text) - starts[0]  # the quoted stretch, once
        (hit,) = store.search("Geneva")
        assert hit["id"] == "nested"
        marked = [hit["snippet"][s:e] for s, e in hit["highlights"]]
        assert marked == ["Geneva"]


def test_search_long_document_snippet_marks_the_words(target: str) -> None:
    # over SNIPPET_MAX_TEXT, where FTS5's snippet (quadratic in the matches) is not asked
    filler = "The weather was mild and the markets were calm that week. " * 900
    text = filler + "The Syrian army shelled rebel positions near Hama on Monday. " + filler
    assert len(text) > SNIPPET_MAX_TEXT
    with Store(target) as store:
        store.add([make_record("long", text, title="A long report")])
        (hit,) = store.search("shelled hama")
        marked = [hit["snippet"][s:e] for s, e in hit["highlights"]]
        assert marked == ["shelled", "Hama"]
        assert hit["snippet"].startswith("…") and hit["snippet"].endswith("…")
        assert "The Syrian army shelled rebel positions near Hama" in hit["snippet"]
        (prefixed,) = store.search('"rebel positions" shell*')
        marked = [prefixed["snippet"][s:e] for s, e in prefixed["highlights"]]
        assert marked == ["shelled", "rebel positions"]


def test_search_snippet_window_holds_the_most_matches() -> None:
    # PostgreSQL's snippet, as FTS5's: the column with most matches, and in it the window
    # of ``size`` words with most of them (counted by bisection: linear in the matches)
    mark_in, mark_out = "\x02", "\x03"  # the marks _restore maps onto the original text
    body = "one talks here, then nothing for a while and then talks talks talks again"
    got = snippet([body, "talks", ""], "talks", size=6)
    talks = f"{mark_in}talks{mark_out}"
    assert got == f"while and then {talks} {talks} {talks}"
    many = " ".join(["word"] * 5 + ["talks"] * 20_000)
    assert snippet([many], "talks", size=4).count(mark_in) == 4
