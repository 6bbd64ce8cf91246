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
import re
from dataclasses import dataclass, replace

from hadath.context import Context
from hadath.lexicon.actors import ActorForm, ActorLexicon, load_actor_lexicon
from hadath.model import Actor, Document, Span
from hadath.text.dates import parse_iso
from hadath.text.match import Hit, Matcher, WordBounds
from hadath.text.normalize import NormText, normalize

# Words that put a country or capital name in the role of a place, not an actor.
_LOCATIVE_AR = frozenset({"في", "الى", "من", "داخل", "خارج", "قرب", "عبر", "نحو", "شمال", "جنوب",
                          "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "حول", "بين",
                          "على", "عن", "تجاه", "لدى", "مع", "ضد"})  # fmt: skip
_LOCATIVE_EN = frozenset({"in", "to", "from", "into", "near", "at", "across", "inside", "outside",
                          "of", "for", "on", "over", "with", "against", "toward", "towards"})  # fmt: skip
# Proclitic prepositions glued to a name: "بموسكو", "لسوريا".
_LOCATIVE_PREFIX = frozenset({"ب", "وب", "فب", "ل", "ول", "فل", "لل", "ولل", "بال", "وبال", "ك"})
# Words that may stand between the parts of one actor phrase without breaking it.
_FILLER_AR = frozenset({"كبير", "رفيع", "الخاص", "خاص", "الدولي", "الاممي", "باسم", "السابق",
                        "الجديد", "المستقيل", "العام", "الاعلي", "الاعلى", "الاول", "الاسبق",
                        "رئيس", "الرئيس", "نائب", "السيد", "الشيخ", "العميد", "اللواء", "العقيد",
                        "الجنرال", "الدكتور", "د", "دولة", "المكلف", "بالوكاله", "التابعه",
                        "التابع", "ل", "المسلحه", "الخاصه", "خاصه", "مسلحه", "الموالي",
                        "الموالية", "الموالين"})  # fmt: skip
_FILLER_EN = frozenset({"senior", "special", "former", "top", "new", "deputy", "chief", "acting",
                        "the", "of", "'s", "s", "mr", "ms", "mrs", "dr", "gen", "general", "for",
                        "un", "said", "'"})  # fmt: skip
_BREAK = re.compile(r"[,.;:!?()\[\]«»\"“”\n،؛؟]")
MAX_GAP_WORDS = 2


@dataclass(frozen=True, slots=True)
class Phrase:
    """One actor phrase: the forms read together and the code they give."""

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


class ActorIndex:
    """The actor lexicon compiled for matching: built once per process."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon
        self.matcher: Matcher[ActorForm] = Matcher((f.form, f) for f in lexicon.forms)

    @classmethod
    def build(cls) -> ActorIndex:
        return cls(load_actor_lexicon())


def _accept(hit: Hit[ActorForm], norm: NormText) -> bool:
    f = hit.value
    if f.case_sensitive:
        s, e = norm.span(hit.start, hit.end)
        if norm.original[s:e] != f.form:
            return False
    return True


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


def _gap_ok(norm: str, bounds: WordBounds, end: int, start: int, lang_ar: bool) -> bool:
    gap = norm[end:start]
    if _BREAK.search(gap):
        return False
    words = [norm[s:e] for s, e in bounds.words()[bounds.next_word(end) : bounds.next_word(start)]]
    # a word glued by و starts a new, coordinated phrase
    filler = _FILLER_AR if lang_ar else _FILLER_EN
    unknown = [w for w in words if w not in filler]
    return len(unknown) <= (MAX_GAP_WORDS if not lang_ar else 2) and len(words) <= 4


def _choose(group: list[Hit[ActorForm]], prev: list[ActorForm]) -> ActorForm:
    """Pick among forms sharing a span: after a role word, a nationality; else the most specific."""
    order = {"person": 0, "org": 1, "seat": 2, "role": 3, "country": 4, "capital": 5, "adj": 6}
    forms = [h.value for h in group]
    if prev and any(p.kind == "role" for p in prev):
        for f in forms:
            if f.kind == "adj":
                return f
    return min(forms, key=lambda f: order.get(f.kind, 9))


def find_phrases(doc: Document, index: ActorIndex, norm: NormText, bounds: WordBounds) -> list[Phrase]:
    day = parse_iso(doc.published)
    lex = index.lexicon
    hits = [h for h in index.matcher.find(norm.norm, bounds) if _accept(h, norm)]
    groups = _best(hits)
    # chains of adjacent forms
    chains: list[list[tuple[Hit[ActorForm], ActorForm]]] = []
    for g in groups:
        h = g[0]
        is_ar = "\u0600" <= norm.norm[h.start] <= "\u06ff"
        conj = h.prefix.startswith(("و", "ف")) and h.prefix not in {"ف"}
        if chains and not conj:
            last_hit = chains[-1][-1][0]
            if _gap_ok(norm.norm, bounds, last_hit.end, h.start, is_ar):
                prev = [f for _, f in chains[-1]]
                chains[-1].append((h, _choose(g, prev)))
                continue
        chains.append([(h, _choose(g, []))])
    phrases: list[Phrase] = []
    for chain in chains:
        p = _phrase(chain, lex, day, norm, bounds, phrases)
        if p is not None:
            phrases.append(p)
    return phrases


def _phrase(
    chain: list[tuple[Hit[ActorForm], ActorForm]],
    lex: ActorLexicon,
    day: dt.date | None,
    norm: NormText,
    bounds: WordBounds,
    before: list[Phrase],
) -> Phrase | None:
    forms = [f for _, f in chain]
    first_hit = chain[0][0]
    conj = first_hit.prefix.startswith("و")
    s, _ = norm.span(first_hit.start, first_hit.end)
    _, e = norm.span(chain[-1][0].start, chain[-1][0].end)
    kinds = {f.kind for f in forms}
    country = next((f.country for f in forms if f.kind in {"adj", "country", "capital", "seat"}), None)
    role_forms = [f for f in forms if f.kind == "role"]
    role = lex.roles.get(role_forms[0].ref.split(":", 1)[1]) if role_forms else None
    sector = role.sector if role else None
    sector = sector or next((f.sector for f in forms if f.kind == "seat" and f.sector), None)
    person = next((f for f in forms if f.kind == "person"), None)
    org = next((f for f in forms if f.kind == "org"), None)

    if person is not None:
        pid = person.ref.split(":", 1)[1]
        tenure = lex.people[pid].at(day) if pid in lex.people else None
        if tenure is not None:
            return Phrase(s, e, tuple(forms), tenure.country, tenure.sector, tenure.org, pid, None,
                          tenure.role_en, "person", conj)  # fmt: skip
        return Phrase(s, e, tuple(forms), country, sector, None, pid, None,
                      role.role if role else None, "person", conj)  # fmt: skip
    if org is not None:
        oid = org.ref.split(":", 1)[1]
        info = lex.orgs.get(oid)
        o_country = info.country if info else org.country
        o_sector = info.sector if info else org.sector
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
        return Phrase(s, e, tuple(forms), country, sector, None, None, None, role.role, kind, conj)
    # a bare nationality joined by "و" to a phrase with a role: "وزيرا خارجية أميركا والروسي"
    if kinds <= {"adj"}:
        if conj and before and before[-1].role and (before[-1].end >= s - 40):
            prev = before[-1]
            return Phrase(s, e, tuple(forms), country, prev.sector, None, None, None, prev.role,
                          "person" if prev.kind == "person" else "group", conj)  # fmt: skip
        return None
    # a country, capital or seat alone: an actor only when it is not a place
    word = _prev_word(norm.norm, bounds, first_hit.start)
    if first_hit.prefix in _LOCATIVE_PREFIX or word in _LOCATIVE_AR or word in _LOCATIVE_EN:
        if not ("seat" in kinds and not first_hit.prefix):
            return None
    if "seat" in kinds:
        return Phrase(s, e, tuple(forms), country, sector or "GOV", None, None, None, None, "organisation", conj)
    if "capital" in kinds:
        return Phrase(s, e, tuple(forms), country, "GOV", None, None, None, None, "country", conj)
    return Phrase(s, e, tuple(forms), country, None, None, None, None, None, "country", conj)


def _merge_person_chain(phrases: list[Phrase]) -> list[Phrase]:
    """A coordinated person after a role phrase inherits nothing; keep as is (hook for ellipsis)."""
    return phrases


def _key(p: Phrase) -> str:
    if p.person:
        return f"person:{p.person}"
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
        label = " ".join(x for x in (cname[0] if p.country else p.org, p.role) if x)
        return label or p.role, None, None
    if p.sector and p.country:
        return f"{cname[0]} ({p.sector})", cname[1], f"hadath:country/{p.country}"
    return cname[0] or "?", cname[1], (f"hadath:country/{p.country}" if p.country else None)


def _coref(phrases: list[Phrase], lex: ActorLexicon, day: dt.date | None) -> list[Phrase]:
    """A title alone ("الوزير الأميركي", "the Russian president") is the one person it fits."""
    people = {p.person: p for p in phrases if p.person}
    out: list[Phrase] = []
    for p in phrases:
        if p.person is None and p.kind == "person" and p.country and p.role:
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
                p = replace(p, person=q.person, role=q.role, org=q.org)
        out.append(p)
    return out


def _same_role(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


def find_actors(doc: Document, ctx: Context) -> list[Actor]:
    index = ctx.actors
    norm = normalize(doc.text)
    bounds = WordBounds(norm.norm)
    phrases = _coref(find_phrases(doc, index, norm, bounds), index.lexicon, parse_iso(doc.published))
    actors: dict[str, tuple[Phrase, list[Span]]] = {}
    for p in phrases:
        k = _key(p)
        if k not in actors:
            actors[k] = (p, [])
        actors[k][1].append(Span(p.start, p.end))
    out = []
    for p, spans in actors.values():
        name, name_ar, kb = _name(p, index.lexicon)
        out.append(Actor(name, name_ar, p.kind, p.country, p.sector, p.org, p.role, kb, tuple(spans)))
    return out


def actors(doc: Document, ctx: Context) -> Document:
    return replace(doc, actors=tuple(find_actors(doc, ctx)))
