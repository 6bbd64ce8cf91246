"""Stage: who is who. Actor mentions, their CAMEO-style codes, and coreference.

One automaton pass finds every lexicon form (names, countries, demonyms,
organisations, role words). Adjacent forms are then read together as one
noun phrase, the way Arabic and English news build them: a role, a
nationality and a name ("وزير الخارجية الأميركي جون كيري", "US Secretary
of State John Kerry"), a body and a nationality ("قوات خاصة روسية", "وفد
النظام السوري"). A phrase gets its sector from its role word, its country
from its nationality or country name, and its identity from a known person
or organisation, coded as of the document's date.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from itertools import accumulate, pairwise
from typing import NamedTuple

from hadath.context import Context
from hadath.lexicon.actors import (
    ActorForm,
    ActorLexicon,
    data_dir_default,
    load_actor_lexicon,
    read_tsv,
)
from hadath.model import Actor, Document, Place, Span
from hadath.stages.heads import head_mentions
from hadath.stages.names import add_names, overlaps_any
from hadath.text.dates import parse_iso
from hadath.text.match import Hit, Matcher, WordBounds, word_bounds
from hadath.text.normalize import NormText, fold_form, normalize

# Words that put a country or capital name in the role of a place, not an actor.
_LOCATIVE_AR = frozenset({"في", "الى", "داخل", "خارج", "قرب", "عبر", "نحو", "شمال", "جنوب",
                          "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط",
                          "حول"})  # fmt: skip
_LOCATIVE_EN = frozenset({"in", "to", "into", "near", "at", "across", "inside", "outside",
                          "of", "for", "on", "over"})  # fmt: skip
# Prepositions that make a country a party rather than a place ("مفاوضات مع إيران",
# "العقوبات على إيران", "talks with Iran", "a war against Israel"): the words the
# annotators code as actors (ANNOTATE.md) and the relations event data is about.
_RELATIONAL_AR = frozenset({"مع", "ضد", "تجاه", "لدى", "على", "عن", "من", "بين"})
_RELATIONAL_EN = frozenset({"with", "against", "toward", "towards", "from", "between"})
# Proclitic prepositions glued to a name: "بموسكو", "كسوريا"; "لسوريا" (to, for) only before
# a capital ("لموسكو"): "اتهامات لروسيا", "زيارته لتركيا" make the country a party.
_LOCATIVE_PREFIX = frozenset({"ب", "وب", "فب", "بال", "وبال", "ك"})
_TO_PREFIX = frozenset({"ل", "ول", "فل", "لل", "ولل"})
# Words that may stand between the parts of one actor phrase without breaking it.
_FILLER_AR = frozenset({"كبير", "رفيع", "الخاص", "خاص", "الدولي", "الاممي", "باسم", "السابق",
                        "الجديد", "المستقيل", "الشرعيه", "العام", "الاعلي", "الاعلى", "الاول",
                        "الاسبق",
                        "السيد", "الشيخ", "العميد", "اللواء", "العقيد",
                        "الجنرال", "الدكتور", "د", "دوله", "المكلف", "بالوكاله", "التابعه",
                        "التابع", "ل", "المسلحه", "الخاصه", "خاصه", "مسلحه", "الموالي",
                        "المواليه", "الموالين",
                        # the places whose people a role names: "سكان القرى الكردية"
                        "الاحياء", "القري", "المدن", "المناطق", "البلدات", "المخيمات",
                        "الاراضي", "القريه", "المدينه", "البلده", "المخيم"})  # fmt: skip
# (folded forms: ة is written ه, ى is written ي)
_FILLER_EN = frozenset({"senior", "special", "former", "top", "new", "deputy", "chief", "acting",
                        "the", "of", "'s", "s", "mr", "ms", "mrs", "dr", "gen", "general", "for",
                        "un", "said", "'"})  # fmt: skip
_PREPOSITIONS_EN = frozenset({"to", "for", "in", "on", "at", "into", "against", "with"})
# (a dash between spaces parts a dateline from its credit: "القاهرة - سكاي نيوز عربية")
_BREAK = re.compile(r"[,.;:!?()\[\]«»\"“”\n،؛؟]|\s[-–—]|[-–—]\s")
MAX_GAP_WORDS = 2


class Phrase(NamedTuple):
    """One actor phrase: the forms read together and the code they give.

    A named tuple: a document has hundreds, and a frozen dataclass is slow to build.
    """

    start: int  # original offsets
    end: int
    forms: tuple[ActorForm, ...]
    country: str | None
    sector: str | None
    org: str | None
    person: str | None
    org_id: str | None
    role: str | None
    kind: str  # person | organisation | country | group
    conj: bool  # began with "و": coordinated with the phrase before
    name: str | None = None  # a name the lexicon lacks, read after a title


class ActorIndex:
    """The actor lexicon compiled for matching: built once per process."""

    def __init__(
        self,
        lexicon: ActorLexicon,
        duals: list[tuple[str, str]],
        arenas: tuple[Arena, ...] = (),
    ) -> None:
        self.lexicon = lexicon
        self.matcher: Matcher[ActorForm] = Matcher((f.form, f) for f in lexicon.forms)
        self.duals: Matcher[str] = Matcher(duals)
        self.capitals = frozenset(fold_form(f.form) for f in lexicon.forms if f.kind == "capital")
        self.arenas = arenas

    @classmethod
    def build(cls) -> ActorIndex:
        lexicon = load_actor_lexicon()
        return cls(lexicon, load_duals(), load_arenas(lexicon))


class Arena(NamedTuple):
    """An armed group the generic words for armed groups name in its country's news."""

    org_id: str  # its id in orgs.tsv
    org: str  # its org code
    arena: str  # ISO3
    patron: str | None  # ISO3


ARENA_COLUMNS = ("id", "arena", "patron")


def load_arenas(lexicon: ActorLexicon) -> tuple[Arena, ...]:
    """The rows of arenas.tsv, checked against the lexicon (an unknown id or country names the
    line)."""
    problems: list[str] = []
    out: list[Arena] = []
    for row in read_tsv(data_dir_default() / "actors" / "arenas.tsv", ARENA_COLUMNS, problems):
        oid, arena, patron = (row.cells[c] for c in ARENA_COLUMNS)
        info = lexicon.orgs.get(oid)
        if info is None or info.org is None or info.country is not None:
            raise ValueError(f"{row.where}: {oid!r} is not a stateless group of orgs.tsv")
        for code in [arena, patron] if patron else [arena]:
            if code not in lexicon.country_names:
                raise ValueError(f"{row.where}: unknown ISO3 code {code!r}")
        out.append(Arena(oid, info.org, arena, patron or None))
    if problems:
        raise ValueError(problems[0])
    return tuple(out)


def load_duals() -> list[tuple[str, str]]:
    """(form, sector) of the phrases that name two parties at once, from duals.tsv."""
    text = (importlib.resources.files("hadath") / "data" / "actors" / "duals.tsv").read_text(
        encoding="utf-8"
    )
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"duals.tsv:{n}: expected 3 columns, got {len(parts)}")
        out.append((parts[1], parts[2]))
    return out


def _accept(hit: Hit[ActorForm], norm: NormText) -> bool:
    f = hit.value
    if f.lang != "en":
        # a name takes no article: "المشرف" is a supervisor, not Musharraf ("مشرف")
        return not (
            f.kind == "person"
            and hit.prefix.endswith(("ال", "لل"))
            and not fold_form(f.form).startswith("ال")
        )
    s, e = norm.span(hit.start, hit.end)
    if f.case_sensitive and norm.original[s:e] != f.form:
        return False
    # wire-photo notices shout ("THIS PICTURE WAS PROVIDED BY A THIRD PARTY"): no actors there
    around = norm.original[max(0, s - 30) : e + 30]
    letters = [c for c in around if c.isalpha() and c.isascii()]
    return not (len(letters) > 20 and sum(c.isupper() for c in letters) > 0.8 * len(letters))


def _prev_word(norm: str, bounds: WordBounds, start: int) -> str:
    k = bounds.index(start)
    if k is None or k == 0:
        return ""
    ws = bounds.words()
    s, e = ws[k - 1]
    # a break between them (a comma, a full stop) means no word governs this one
    if _BREAK.search(norm[e:start]):
        return ""
    return norm[s:e]


PAIR_WINDOW = 15


def _capital_pair(norm: NormText, hit: Hit[ActorForm], capitals: frozenset[str]) -> bool:
    """A capital after "بين" coordinated with another capital: "بين واشنطن ... وموسكو"."""
    end = len(norm.norm)
    stop = _SENTENCE_END.search(norm.norm, hit.end)
    if stop is not None:
        end = stop.start()
    for word in norm.norm[hit.end : end].split()[:PAIR_WINDOW]:
        if word[:1] == "و" and word[1:] in capitals:
            return True
    text = norm.norm[hit.end : end]
    return any(f" and {c}" in text[:200] for c in capitals if c.isascii())


_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _best(hits: list[Hit[ActorForm]]) -> list[list[Hit[ActorForm]]]:
    """Longest non-overlapping hits, left to right; same-span alternatives kept together."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    groups: list[list[Hit[ActorForm]]] = []
    last_end = -1
    for h in hits:
        if h.start < last_end:
            g = groups[-1]
            if h.start == g[0].start and h.end == g[0].end:
                g.append(h)
            continue
        groups.append([h])
        last_end = h.end
    return groups


def _gap_ok(
    norm: NormText,
    bounds: WordBounds,
    end: int,
    start: int,
    lang_ar: bool,
    next_kind: str,
    prev_kind: str = "",
) -> bool:
    """Whether two forms are parts of one phrase: only titles and fillers between them.

    One unknown word may stand before a person's name (a first name the
    lexicon lacks); in English it must be capitalised, as names are. In
    English one word may also qualify a role after a nationality or a
    possessive ("the Chinese health ministry", "Russia's defence ministry"):
    after a bare country it could as well be a verb ("Turkey says police").
    """
    ws = bounds.word_start(start)
    start = start if ws is None else ws
    if _BREAK.search(norm.norm, end, start):
        return False
    first, stop = bounds.next_word(end), bounds.next_word(start)
    if stop - first > MAX_GAP_WORDS + 1:
        return False  # counted before slicing: hits far apart would copy all words between
    spans = bounds.words()[first:stop]
    filler = _FILLER_AR if lang_ar else _FILLER_EN
    words = [norm.norm[s:e] for s, e in spans]
    if words in (["من"], ["from"], ["of"]) and next_kind in {"country", "capital"}:
        # "مسؤولين من واشنطن": officials from Washington, i.e. American officials
        return True
    unknown = [(s, e) for s, e in spans if norm.norm[s:e] not in filler]
    if not unknown:
        return True
    if len(unknown) > 1:
        return False
    if next_kind == "role" and not lang_ar:
        possessive = "'s" in words or "s" in words
        return (prev_kind == "adj" or possessive) and norm.norm[slice(*unknown[0])].isalpha()
    if next_kind != "person":
        return False
    if lang_ar:
        return True
    s, _ = norm.span(*unknown[0])
    return norm.original[s : s + 1].isupper()


def _starts_new(chain_kinds: set[str], kind: str, prefix: str, english: bool = False) -> bool:
    """A second name, a title after a name, or a country after a preposition: another phrase.

    English puts the nationality or body before the role ("Egyptian police", "US
    President", "Japan's government", "UN envoy"); Arabic after it ("الشرطة المصرية").
    """
    if kind == "role":
        before_role = {"role", "adj", "country", "capital", "org"} if english else {"role"}
        return bool(chain_kinds - before_role)
    if kind == "person":
        # a name follows a title or a nationality, never a bare country ("إلى سوريا ستافان");
        # in English a country may stand as the nationality ("US President Donald Trump")
        return bool(
            chain_kinds - ({"role", "adj", "country", "org"} if english else {"role", "adj"})
        )
    if kind == "org":
        # Arabic names a country's body after it in construct or with an adjective, never with
        # the country's name first: «تزويد إيران الحوثيين» is Iran supplying the Houthis
        before = {"person", "org"} if english else {"person", "org", "country", "capital"}
        return bool(chain_kinds & before)
    if kind in {"country", "capital"} and not english and "org" in chain_kinds:
        # "طالبت الجامعة العربية إسرائيل": a named body has its own identity; the country
        # named after it is another party (its nationality would be an adjective)
        return True
    if kind in {"country", "capital"} and prefix and prefix not in {"و"}:
        # "المبعوث الأممي لسوريا": the envoy to Syria, not a Syrian envoy
        return True
    if kind in {"adj", "country", "capital", "seat"}:
        return bool(chain_kinds & {"person", "adj", "country", "capital", "seat"})
    return False


# Most specific first, for _choose.
_SPECIFIC = {"person": 0, "org": 1, "seat": 2, "role": 3, "country": 4, "capital": 5, "adj": 6}


def _choose(group: list[Hit[ActorForm]], after_role: bool) -> ActorForm:
    """Pick among forms sharing a span: after a role word, a nationality; else the most specific."""
    forms = [h.value for h in group]
    h = group[0]
    # "السورية" with the article is the adjective; country names carry ال in the form itself
    article = h.prefix.endswith("ال") or h.prefix.endswith("لل")
    if article and not _folded(h.value.form).startswith("ال"):
        adjs = [f for f in forms if f.kind == "adj"]
        if adjs:
            return adjs[0]
        # "سورية" is also the feminine adjective: with the article it is one
        names = [f for f in forms if f.kind == "country"]
        if names:
            return replace(names[0], kind="adj")
    if after_role:
        for f in forms:
            if f.kind == "adj":
                return f
    return min(forms, key=lambda f: _SPECIFIC.get(f.kind, 9))


@functools.lru_cache(maxsize=4096)
def _folded(form: str) -> str:
    return fold_form(form)


def find_phrases(
    doc: Document, index: ActorIndex, norm: NormText, bounds: WordBounds
) -> list[Phrase]:
    day = parse_iso(doc.published)
    hits = [h for h in index.matcher.find(norm.norm, bounds) if _accept(h, norm)]
    groups = _best(hits)
    # chains of adjacent forms
    chains: list[list[tuple[Hit[ActorForm], ActorForm]]] = []
    governed: list[bool] = []  # the chain opened after an English preposition
    for g in groups:
        h = g[0]
        is_ar = "\u0600" <= norm.norm[h.start] <= "\u06ff"
        conj = h.prefix.startswith(("و", "ف")) and h.prefix not in {"ف"}
        # after an English preposition: "the envoy to Syria", "the envoy for Syria"
        after_prep = not is_ar and _prev_word(norm.norm, bounds, h.start) in _PREPOSITIONS_EN
        alone: ActorForm | None = None  # the group's form when it opens a chain
        if chains and not conj and _portfolio(chains[-1][-1], g, bounds):
            continue  # "وزير المالية", "وزارة المالية": finance, not Mali
        if chains and not conj:
            last_hit = chains[-1][-1][0]
            prev = [f for _, f in chains[-1]]
            kinds = {f.kind for f in prev}
            after_role = "role" in kinds
            choice = _choose(g, after_role)
            prefix = "to" if after_prep else h.prefix  # the envoy to Syria is not a Syrian
            # "the envoy for Syria Staffan de Mistura": the name is not Syria's
            after_place = governed[-1] and kinds <= {"country", "capital"}
            # "المبعوث الأممي" is a whole title: a title after it is someone else's
            after_body_title = prev[-1].kind == "role" and prev[-1].org and choice.kind == "role"
            if (
                not (after_place and choice.kind == "person")
                and not after_body_title
                and not _starts_new(kinds, choice.kind, prefix, not is_ar)
                and _gap_ok(norm, bounds, last_hit.end, h.start, is_ar, choice.kind, prev[-1].kind)
            ):
                chains[-1].append((h, choice))
                continue
            if not after_role:
                alone = choice  # what the group reads as with nothing before it
        chains.append([(h, alone if alone is not None else _choose(g, False))])
        governed.append(after_prep)
    phrases: list[Phrase] = []
    seen: set[str] = set()  # entities already named by a form that is not risky
    for chain in chains:
        forms = [f for _, f in chain]
        if (
            all(f.risky for f in forms)
            and not any(f.ref in seen for f in forms)
            and not _capitalised_country(chain, norm)
        ):
            # a form that is also a common word or first name ("مبارك", "Jordan") stands
            # alone: an actor only once the document has named it safely, or with a title
            continue
        seen.update(f.ref for f in forms if not f.risky)
        p = _phrase(chain, index, day, norm, bounds, phrases)
        if p is not None:
            phrases.append(p)
    return phrases


def _portfolio(
    last: tuple[Hit[ActorForm], ActorForm], group: list[Hit[ActorForm]], bounds: WordBounds
) -> bool:
    """A definite word right after an indefinite Arabic role word is in construct with it (its
    portfolio or its owner: «وزير المالية», «وزارة المالية»), not its nationality: an adjective
    agrees with its noun in definiteness («الوزير المالي»). Only forms that are also common words
    (risky: «المالية» finance, «الرومانية» Roman) are set aside; a construct with a country
    adjective otherwise does not occur."""
    hit, form = last
    h = group[0]
    if form.kind != "role" or form.lang != "ar" or not all(x.value.risky for x in group):
        return False
    if not any(x.value.kind in {"adj", "country"} for x in group):
        return False
    definite = h.prefix.endswith(("ال", "لل"))
    # a construct is definite by its last word: «وزير الخارجية» is, «وزير» is not
    head_definite = hit.prefix.endswith(("ال", "لل")) or _folded(form.form).split()[-1].startswith(
        "ال"
    )
    # adjacent: the hit's word is the next one after the role word
    adjacent = bounds.next_word(hit.end) == bounds.next_word(h.start - len(h.prefix))
    return definite and not head_definite and adjacent


def _capitalised_country(chain: list[tuple[Hit[ActorForm], ActorForm]], norm: NormText) -> bool:
    """An English country name written with its capital ("Jordan", "Chad"): safe enough."""
    h, f = chain[0]
    if f.lang != "en" or f.kind not in {"country", "adj"}:
        return False
    s, _ = norm.span(h.start, h.end)
    return norm.original[s : s + 1].isupper()


def _namesake(
    person: ActorForm,
    lex: ActorLexicon,
    chain: list[tuple[Hit[ActorForm], ActorForm]],
    norm: NormText,
    bounds: WordBounds,
) -> bool:
    """A one-word form of a known person (a surname) right after a given name that is not
    theirs: another person of that surname."""
    from hadath.stages.names import given_names

    if " " in person.form.strip() or person.lang != "ar":
        return False
    hit = next(h for h, f in chain if f is person)
    k = bounds.next_word(hit.start - len(hit.prefix))
    if k == 0:
        return False
    ws, we = bounds.words()[k - 1]
    prev = norm.norm[ws:we]
    prev = prev[1:] if prev[:1] in {"و", "ف"} and prev[1:] in given_names() else prev
    pid = person.ref.split(":", 1)[1]
    own = fold_form(lex.people[pid].name_ar) if pid in lex.people else ""
    return prev in given_names() and prev not in own.split()


def _phrase(
    chain: list[tuple[Hit[ActorForm], ActorForm]],
    index: ActorIndex,
    day: dt.date | None,
    norm: NormText,
    bounds: WordBounds,
    before: list[Phrase],
) -> Phrase | None:
    lex = index.lexicon
    forms = [f for _, f in chain]
    first_hit = chain[0][0]
    conj = first_hit.prefix.startswith("و")
    s, _ = norm.span(first_hit.start, first_hit.end)
    _, e = norm.span(chain[-1][0].start, chain[-1][0].end)
    kinds = {f.kind for f in forms}
    country = next(
        (f.country for f in forms if f.kind in {"adj", "country", "capital", "seat"}), None
    )
    role_forms = [f for f in forms if f.kind == "role"]
    if role_forms and role_forms[0].lang == "en":
        role_forms.reverse()  # English puts the head last: "army spokesman"
    roles = [lex.roles[f.ref.split(":", 1)[1]] for f in role_forms]
    role = roles[0] if roles else None
    # "المتحدث باسم الجيش": a title with no sector of its own takes its body's
    sector = next((r.sector for r in roles if r.sector), None)
    sector = sector or next((f.sector for f in forms if f.kind == "seat" and f.sector), None)
    person = next((f for f in forms if f.kind == "person"), None)
    org = next((f for f in forms if f.kind == "org"), None)

    if person is not None and _namesake(person, lex, chain, norm, bounds):
        # "تركي المالكي" is not Nouri al-Maliki: a given name of someone else before a known
        # surname names another person, whose code the title gives (or nothing does)
        forms = [f for f in forms if f.kind in {"role", "org", "person"}]
        name = norm.original[s:e]
        return Phrase(s, e, tuple(forms), None, sector, None, None, None,
                      role.role if role else None, "person", conj, name)  # fmt: skip
    if person is not None:
        pid = person.ref.split(":", 1)[1]
        tenure = lex.people[pid].at(day) if pid in lex.people else None
        if tenure is not None:
            return Phrase(s, e, tuple(forms), tenure.country, tenure.sector, tenure.org, pid, None,
                          tenure.role_en, "person", conj)  # fmt: skip
        if pid in lex.people:
            # out of office on that day: still of the country they served
            country = lex.people[pid].nationality(day) or country
        return Phrase(s, e, tuple(forms), country, sector, None, pid, None,
                      role.role if role else None, "person", conj)  # fmt: skip
    if org is not None:
        oid = org.ref.split(":", 1)[1]
        info = lex.orgs.get(oid)
        o_country = info.country if info else org.country
        o_sector = info.sector if info else org.sector
        if o_country is None and org.org and o_sector == "REB" and not org.risky:
            # a stateless armed group has its own code: a nationality or country beside it
            # names its patron or its arena («ميليشيات الحوثي الإيرانية», "Yemen's Houthis")
            country = None
        # "the Syrian army" is coded by the role; "the UN envoy" by the body
        if role is not None and o_country is None and org.org:
            return Phrase(s, e, tuple(forms), None, o_sector, org.org, None, oid,
                          role.role, "organisation", conj)  # fmt: skip
        return Phrase(s, e, tuple(forms), o_country or country, o_sector, org.org, None, oid,
                      role.role if role else None, "organisation", conj)  # fmt: skip
    if role is not None:
        if country is None and conj and before and before[-1].country and before[-1].role:
            pass
        kind = "group" if role.kind in {"group", "body"} else "person"
        if role.org:
            # "المبعوث الأممي": the title belongs to an international body, not a country
            return Phrase(s, e, tuple(forms), None, sector, role.org, None, None, role.role, kind,
                          conj)  # fmt: skip
        return Phrase(s, e, tuple(forms), country, sector, None, None, None, role.role, kind, conj)
    # a bare nationality joined by "و" to a phrase with a role: "وزيرا خارجية أميركا والروسي"
    if kinds <= {"adj"}:
        if conj and before and before[-1].role and (before[-1].end >= s - 40):
            prev = before[-1]
            return Phrase(s, e, tuple(forms), country, prev.sector, None, None, None, prev.role,
                          "person" if prev.kind == "person" else "group", conj)  # fmt: skip
        if _people_of(forms[-1]):
            # "الفلسطينيين", "the Russians": a plural demonym standing alone names the people
            return Phrase(s, e, tuple(forms), country, None, None, None, None, None, "group", conj)
        if not _things_qualified(norm, bounds, first_hit.start, e, forms[-1].lang == "en"):
            # "بدعم روسي", "فريق سعودي", "Cuban state TV": a nationality on a noun the role
            # lexicon lacks still names the country that acts (or is acted on)
            return Phrase(s, e, tuple(forms), country, None, None, None, None, None, "country",
                          conj)  # fmt: skip
        return None
    # a country, capital or seat alone: an actor only when it is not a place
    word = _prev_word(norm.norm, bounds, first_hit.start)
    located = first_hit.prefix in _LOCATIVE_PREFIX or word in _LOCATIVE_AR or word in _LOCATIVE_EN
    if "capital" in kinds:
        # a capital is a city before it is a government: "وصل من دمشق" is a place
        located = located or word in _RELATIONAL_AR or word in _RELATIONAL_EN
        located = located or first_hit.prefix in _TO_PREFIX
    # "في الكرملين" is a place; "الكرملين" after a bare word is the Russian government;
    # "بين واشنطن وموسكو" are two governments, "بين دمشق وحلب" two cities
    between = (
        word in {"بين", "between"}
        and "capital" in kinds
        and _capital_pair(norm, first_hit, index.capitals)
    )
    if located and not ("seat" in kinds and not first_hit.prefix) and not between:
        return None
    if "seat" in kinds:
        return Phrase(
            s,
            e,
            tuple(forms),
            country,
            sector or "GOV",
            None,
            None,
            None,
            None,
            "organisation",
            conj,
        )
    if "capital" in kinds:
        return Phrase(s, e, tuple(forms), country, "GOV", None, None, None, None, "country", conj)
    return Phrase(s, e, tuple(forms), country, None, None, None, None, None, "country", conj)


# Nouns of topics and places a nationality qualifies without naming an actor: "الأزمة
# السورية", "the Syrian crisis", "الأراضي الفلسطينية", "the Russian border".
_TOPICS_AR = frozenset(
    fold_form(w)
    for w in [
        "الأزمة",
        "أزمة",
        "القضية",
        "قضية",
        "الملف",
        "ملف",
        "الحرب",
        "حرب",
        "الصراع",
        "صراع",
        "النزاع",
        "نزاع",
        "الأراضي",
        "أراضي",
        "الأرض",
        "أرض",
        "الحدود",
        "حدود",
        "العاصمة",
        "عاصمة",
        "المدن",
        "المدينة",
        "مدينة",
        "الساحة",
        "ساحة",
        "الشأن",
        "المحادثات",
        "الأجواء",
        "أجواء",
        "المياه",
        "السواحل",
        "الساحل",
        "الداخل",
        "الاقتصاد",
        "السوق",
        "الثورة",
        "ثورة",
        "الانتخابات",
        "الملفات",
        "الجنسية",
        "جنسية",
        "الهوية",
        "اللغة",
        "الأزمات",
        "المصالح",
        "مصالح",
        "المصلحة",
        "السياسة",
        "الموقف",
        "المواقف",
    ]
)
_TOPICS_EN = frozenset(
    [
        "crisis",
        "issue",
        "file",
        "war",
        "conflict",
        "territory",
        "territories",
        "soil",
        "border",
        "borders",
        "capital",
        "city",
        "cities",
        "talks",
        "airspace",
        "waters",
        "coast",
        "economy",
        "market",
        "revolution",
        "elections",
        "citizenship",
        "nationality",
        "language",
        "question",
        "interests",
        "policy",
        "position",
        "stance",
    ]
)
_WORD_EN_AFTER = re.compile(r"\s+([a-z]+)", re.I)


def _things_qualified(
    norm: NormText, bounds: WordBounds, start: int, end: int, english: bool
) -> bool:
    """The nationality qualifies things, a topic or a place, not people: a plural in ات
    ("الاتهامات الأمريكية": non-human plurals take a singular adjective) or a topic noun
    ("الأزمة السورية", "the Syrian crisis")."""
    if english:
        m = _WORD_EN_AFTER.match(norm.original, end)
        return bool(m and m.group(1).lower() in _TOPICS_EN)
    word = _prev_word(norm.norm, bounds, start)
    if word[:1] in {"و", "ف", "ب", "ل"} and word[1:] in _TOPICS_AR:
        word = word[1:]
    return (len(word) > 4 and word.endswith("ات")) or word in _TOPICS_AR


def _people_of(f: ActorForm) -> bool:
    """A plural demonym: "فلسطينيون", "الفلسطينيين", "Palestinians"."""
    if f.lang == "en":
        return f.form.endswith("s")
    return _folded(f.form).endswith(("يون", "يين"))


def _key(p: Phrase) -> str:
    if p.person:
        return f"person:{p.person}"
    if p.name:
        return f"name:{fold_form(p.name)}"
    if p.org_id and p.role is None:
        return f"org:{p.org_id}"
    return f"{p.country}/{p.org}/{p.sector}/{p.kind}"


def _name(p: Phrase, lex: ActorLexicon) -> tuple[str, str | None, str | None]:
    """English name, Arabic name and kb id."""
    if p.person and p.person in lex.people:
        person = lex.people[p.person]
        return person.name_en, person.name_ar, f"hadath:person/{p.person}"
    if p.org_id and p.org_id in lex.orgs and p.role is None:
        info = lex.orgs[p.org_id]
        return info.name_en or p.org_id, info.name_ar, f"hadath:org/{p.org_id}"
    cname = lex.country_names.get(p.country or "", (p.country or "", None))
    if p.role:
        owner = cname[0] if p.country else p.org
        if owner and p.role.startswith(owner + " "):
            owner = None  # "UN Envoy", not "UN UN Envoy"
        label = " ".join(x for x in (owner, p.role) if x)
        if p.name and p.name.isascii():
            return p.name, None, None
        return label or p.role, p.name, None
    if p.sector and p.country:
        return f"{cname[0]} ({p.sector})", cname[1], f"hadath:country/{p.country}"
    return cname[0] or "?", cname[1], (f"hadath:country/{p.country}" if p.country else None)


def _coref(phrases: list[Phrase]) -> list[Phrase]:
    """A title alone ("الوزير الأميركي", "the Russian president") is the one person it fits."""
    people = {p.person or p.name: p for p in phrases if p.person or p.name}
    out: list[Phrase] = []
    for p in phrases:
        if p.person is None and p.name is None and p.kind == "person" and p.country and p.role:
            fits = [
                q
                for q in people.values()
                if q.country == p.country
                and q.sector == p.sector
                and q.role
                and _same_role(p.role, q.role)
            ]
            if len(fits) == 1:
                q = fits[0]
                p = p._replace(person=q.person, name=q.name, role=q.role, org=q.org)
        out.append(p)
    return out


# Titles that name the same office in different countries' usage.
_ROLE_SYNONYMS = {
    "secretary of state": "foreign minister",
    "foreign secretary": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "defense minister": "defence minister",
    "secretary of defense": "defence minister",
    "defence secretary": "defence minister",
    "premier": "prime minister",
}


def _same_role(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    a, b = _ROLE_SYNONYMS.get(a, a), _ROLE_SYNONYMS.get(b, b)
    return a in b or b in a


def _uncoded(p: Phrase) -> bool:
    """A phrase that names no country, body or person: a bare role word."""
    return p.country is None and p.org is None and p.person is None


def _duals(
    index: ActorIndex, norm: NormText, bounds: WordBounds, phrases: list[Phrase]
) -> list[tuple[Span, tuple[Phrase, Phrase]]]:
    """ "البلدين", "the two sides": the last coordinated pair before them, else the top two."""
    out: list[tuple[Span, tuple[Phrase, Phrase]]] = []
    # a dual read as a bare role ("الوزيران" as "minister") is still a dual
    taken = [(p.start, p.end) for p in phrases if not _uncoded(p)]
    counts: dict[str, int] = {}
    first: dict[str, Phrase] = {}
    for p in phrases:
        if p.country and p.kind != "group":
            counts[p.country] = counts.get(p.country, 0) + 1
            first.setdefault(p.country, p)
    top = sorted(counts, key=lambda c: -counts[c])[:2]
    # The coordinated pairs (phrases[i - 1], phrases[i]) of two codes, by the end of their
    # second phrase: a dual's pair is the latest (largest i) of those ending by its start,
    # kept as the duals come in order rather than found by a walk back over every phrase.
    pairs = sorted(
        (b.end, i)
        for i, (a, b) in enumerate(pairwise(phrases), 1)
        if b.conj
        and (a.country or a.org)
        and (b.country or b.org)
        and ((a.country or a.org) != (b.country or b.org))
    )
    found: list[tuple[int, int, Hit[str]]] = []
    for hit in index.duals.find(norm.norm, bounds):
        s, e = norm.span(hit.start, hit.end)
        if not overlaps_any(taken, s, e):
            found.append((s, e, hit))
    latest: dict[int, int] = {}  # by dual start: the latest pair ending by it, or 0
    j, best = 0, 0
    for s in sorted({s for s, _, _ in found}):
        while j < len(pairs) and pairs[j][0] <= s:
            best = max(best, pairs[j][1])
            j += 1
        latest[s] = best
    for s, e, hit in found:
        pair: tuple[Phrase, Phrase] | None = None
        if latest[s]:
            pair = (phrases[latest[s] - 1], phrases[latest[s]])
        if pair is None and len(top) == 2:
            pair = (
                _country_phrase(first[top[0]], hit.value),
                _country_phrase(first[top[1]], hit.value),
            )
        if pair is not None:
            out.append((Span(s, e), pair))
    return out


def _country_phrase(p: Phrase, sector: str) -> Phrase:
    if p.kind == "country" and p.sector is None:
        return p._replace(sector=sector)
    return p


# Sectors of bodies that belong to a country even when the text does not say which.
_DOMESTIC_SECTORS = frozenset(
    {"GOV", "MIL", "POL", "JUD", "LEG", "PTY", "OPP", "CVL", "REB", "MED", "BUS", "REL"}
)
# A story is about one country when that country has this share of the country names.
HOME_SHARE = 0.5
HOME_MIN = 2
# An office or force of the state («وزير الداخلية», «الشرطة», «قوات النظام», "the army") is
# of the country where the story happens even when foreign actors crowd it (a war with
# outside powers): for these, the leading country need hold only this share.
_STATE_SECTORS = frozenset({"GOV", "MIL", "POL", "JUD", "LEG"})
STATE_HOME_SHARE = 0.4


def _home_country(
    phrases: list[Phrase],
    places: tuple[Place, ...],
    datelines: list[str],
    share: float = HOME_SHARE,
) -> str | None:
    """The country a story is about, when one clearly dominates its actors, places and
    datelines (holds ``share`` of their country names).
    """
    counts: dict[str, int] = {}
    for c in datelines:
        counts[c] = counts.get(c, 0) + DATELINE_WEIGHT
    for p in phrases:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    for place in places:
        if place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda c: counts[c])
    total = sum(counts.values())
    tied = sum(n == counts[best] for n in counts.values()) > 1  # two countries, none leads
    if counts[best] >= HOME_MIN and counts[best] >= share * total and not tied:
        return best
    return None


# Supranational qualifiers: "وفد أممي", "قوات دولية", "الوزراء الأوروبيون", "Western
# diplomats": the group is not of the story's country. (A qualifier the lexicon lacks that is
# not one of these is mostly regional or communal, «المسؤولون الاسكتلنديون»: of that country.)
_INTERNATIONAL_AR = frozenset(fold_form(w) for w in ("أممي", "أممية", "الأممي", "الأممية", "دولي",
                              "دولية", "الدولي", "الدولية", "أمميون", "دوليون", "الدوليين",
                              "الأوروبي", "الأوروبية", "الأوروبيون", "الأوروبيين", "أوروبي",
                              "أوروبية", "أوروبيون", "أوروبيين", "الغربي", "الغربية",
                              "الغربيون", "الغربيين", "غربي", "غربية", "غربيون", "غربيين",
                              "العرب", "عرب", "الأجانب", "أجانب", "الأجنبية", "أجنبية",
                              "الأجنبي", "أجنبي"))  # fmt: skip
_WORD_AR = re.compile(r"\s+([\u0621-\u064a]+)")
_INTERNATIONAL_EN = re.compile(
    r"\b(?:international|multinational|foreign|european|western|arab)\s+\Z", re.I
)


def _qualified(p: Phrase, text: str) -> bool:
    """``p`` is qualified as international or of a group of countries: someone else's than
    the story's country."""
    if p.forms and p.forms[0].lang == "en":
        return bool(_INTERNATIONAL_EN.search(text[max(0, p.start - 30) : p.start]))
    after = _WORD_AR.match(text, p.end)
    return bool(after and fold_form(after.group(1)) in _INTERNATIONAL_AR)


class _LocalCountry:
    """The one country the places of a sentence are in (the setting of a passage in a story
    about several countries), else None; for each position, the sentence holding it.

    Built once per document: the sentences' starts and the places by start, each found by
    bisection, and each sentence's answer kept (a scan of every sentence and place per
    mention grew with the square of the document). Other actors of the sentence do not
    count: «هاجم مسلحون الجيش الجزائري» names no Algerian gunmen.
    """

    def __init__(self, doc: Document, places: tuple[Place, ...]) -> None:
        self.sentences = doc.sentences
        self.starts = [s.start for s in doc.sentences]
        # bisection finds the sentence holding a position when they are in order and apart
        self.ordered = all(s.start <= s.end for s in doc.sentences) and all(
            a.end <= b.start for a, b in pairwise(doc.sentences)
        )
        # a place at 0 was never counted (its start read as false): nor is it here
        placed = sorted((pl.start, pl.country) for pl in places if pl.country and pl.start)
        self.place_starts = [start for start, _ in placed]
        self.place_countries = [country for _, country in placed]
        self.known: dict[int, str | None] = {}

    def __call__(self, pos: int) -> str | None:
        if self.ordered:
            k = bisect_right(self.starts, pos) - 1
            if k < 0 or not pos < self.sentences[k].end:
                return None
        else:
            k = next((i for i, s in enumerate(self.sentences) if s.start <= pos < s.end), -1)
            if k < 0:
                return None
        if k not in self.known:
            s = self.sentences[k]
            lo = bisect_left(self.place_starts, s.start)
            hi = bisect_left(self.place_starts, s.end)
            near = set(self.place_countries[lo:hi])
            self.known[k] = near.pop() if len(near) == 1 else None
        return self.known[k]


# A dateline: a place opening a line, an outlet in brackets or none, a dash, an outlet or none
# ("القاهرة - سكاي نيوز عربية", "CAIRO (Reuters) -", "بيروت - رويترز:").
_DATELINE = re.compile(r"[ \t]*([^\n\-–—()]{2,30}?)[ \t]*(\([^()\n]{1,30}\)[ \t]*)?[-–—]")
DATELINE_WEIGHT = 2  # a dateline counts for the story's country as two mentions
DATELINE_CREDIT = 40  # the longest outlet name after the dash


class Dateline(NamedTuple):
    start: int
    end: int  # the end of the credit after the dash, or of the dash
    country: str | None


def find_datelines(text: str, phrases: list[Phrase], places: tuple[Place, ...]) -> list[Dateline]:
    """The datelines of ``text``: a line opening with a place the lexicon or the gazetteer knows
    (and nothing else before the dash), with the outlet credited around it."""
    out = []
    at = 0
    # each line looks only at the names starting on it, found by bisection
    phrases_at = _ByStart([p.start for p in phrases])
    places_at = _ByStart([pl.start for pl in places])
    while at < len(text):
        m = _DATELINE.match(text, at)
        if m is not None:
            ps, pe = m.span(1)
            named = [
                p
                for p in (phrases[i] for i in phrases_at.between(ps, pe + 1))
                if p.end <= pe and p.country
            ]
            placed = [places[i] for i in places_at.between(ps, pe)]
            country = (named[0].country if named else None) or (
                placed[0].country if placed else None
            )
            whole = (named or placed) and _covers(named, placed, text, ps, pe)
            if whole:
                end = m.end()
                credit = [
                    p
                    for p in (phrases[i] for i in phrases_at.between(end, end + 3))
                    if p.sector == "MED"
                ]
                if credit and credit[0].end - end <= DATELINE_CREDIT:
                    end = credit[0].end
                out.append(Dateline(m.start(1), end, country))
        nl = text.find("\n", at)
        if nl < 0:
            break
        at = nl + 1
    return out


def _within(spans: list[Dateline]) -> Callable[[int], bool]:
    """Whether a position lies in one of ``spans``: among those starting at or before it
    (by bisection), the furthest end reaches past it."""
    ordered = sorted((d.start, d.end) for d in spans)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def inside(pos: int) -> bool:
        n = bisect_right(starts, pos)
        return n > 0 and reach[n - 1] > pos

    return inside


class _ByStart:
    """Items by their start (None: never found), for the ones starting in a range."""

    def __init__(self, starts: list[int | None]) -> None:
        self.order = sorted((s, i) for i, s in enumerate(starts) if s is not None)
        self.starts = [s for s, _ in self.order]

    def between(self, lo: int, hi: int) -> list[int]:
        """The indexes of the items starting at ``lo`` or later and before ``hi``, in the
        items' own order."""
        a, b = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return sorted(i for _, i in self.order[a:b])


def _covers(named: list[Phrase], placed: list[Place], text: str, start: int, end: int) -> bool:
    """The known names fill ``text[start:end]``: no other word stands before the dash."""
    left = list(text[start:end])
    for a, b in [(p.start, p.end) for p in named] + [(pl.start or 0, pl.end or 0) for pl in placed]:
        left[a - start : b - start] = " " * (b - a)
    return not "".join(left).strip(" ,،")


def _arena_groups(
    phrases: list[Phrase],
    arenas: tuple[Arena, ...],
    home: str | None,
    local: Callable[[int], str | None],
) -> list[Phrase]:
    """Generic armed groups («الميليشيات», "the rebels") coded as the group arenas.tsv names for
    their country: when that country is theirs (the setting's, or their own adjective's), or
    the patron's in a story set there, or when the story names that group and no other."""
    if not arenas:
        return phrases
    named = {p.org for p in phrases if p.org and p.sector == "REB" and p.kind == "organisation"}
    out = []
    for p in phrases:
        generic = p.kind == "group" and p.sector == "REB" and p.role and p.org is None
        if generic and p.person is None and p.name is None:
            setting = home or local(p.start)
            for a in arenas:
                only = named == {a.org}
                patron = a.patron is not None and p.country == a.patron
                if (
                    p.country == a.arena
                    or (p.country is None and only)
                    or (patron and (setting == a.arena or only))
                ):
                    p = p._replace(country=None, org=a.org)
                    break
        out.append(p)
    return out


def find_actors(doc: Document, ctx: Context) -> tuple[list[Actor], str | None]:
    from hadath.stages.places import find_places

    index = ctx.actors
    norm = normalize(doc.text)
    bounds = word_bounds(norm.norm)
    phrases = _coref(add_names(find_phrases(doc, index, norm, bounds), norm, bounds))
    phrases = sorted(phrases + head_mentions(phrases, norm, bounds), key=lambda p: p.start)
    places = find_places(doc.text, 0, len(doc.text), ctx.places)
    datelines = find_datelines(doc.text, phrases, places)
    # the dateline and its credit say where and by whom the text was written: no actors
    in_dateline = _within(datelines)
    phrases = [p for p in phrases if not in_dateline(p.start)]
    dated = [d.country for d in datelines if d.country]
    home = _home_country(phrases, places, dated)
    state_home = _home_country(phrases, places, dated, STATE_HOME_SHARE)
    local_country = _LocalCountry(doc, places)
    placed = []
    for p in phrases:
        unplaced = p.country is None and p.org is None and p.person is None and p.role
        if unplaced and p.sector in _DOMESTIC_SECTORS and not _qualified(p, doc.text):
            # "الحكومة", "حزب", "المحتجين" in a story about one country are that country's
            setting = state_home if p.sector in _STATE_SECTORS else home
            country = setting or local_country(p.start)
            if country:
                p = p._replace(country=country)
        placed.append(p)
    phrases = _arena_groups(placed, index.arenas, home, local_country)
    duals = _duals(index, norm, bounds, phrases)
    actors: dict[str, tuple[Phrase, list[Span]]] = {}
    dual_spans = [(sp.start, sp.end) for sp, _ in duals]
    for p in phrases:
        if _uncoded(p) and overlaps_any(dual_spans, p.start, p.end):
            continue  # "الوزيران" is the two ministers named before, not a third actor
        k = _key(p)
        if k not in actors:
            actors[k] = (p, [])
        elif p.name and actors[k][0].country is None and p.country:
            # "وزير الخارجية X" then "وزير الخارجية السوداني X": the fuller phrase codes X
            actors[k] = (p, actors[k][1])
        actors[k][1].append(Span(p.start, p.end))
    for span, pair in duals:
        for p in pair:
            k = _key(p)
            if k not in actors:
                actors[k] = (p, [])
            actors[k][1].append(span)
    out = []
    for p, spans in actors.values():
        name, name_ar, kb = _name(p, index.lexicon)
        out.append(
            Actor(name, name_ar, p.kind, p.country, p.sector, p.org, p.role, kb, tuple(spans))
        )
    return out, home


def actors(doc: Document, ctx: Context) -> Document:
    found, home = find_actors(doc, ctx)
    return replace(doc, actors=tuple(found), country=home)
