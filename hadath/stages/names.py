"""Names the lexicon does not know, read from the titles they follow, and surnames.

News introduces a person once with a title and a full name ("المتحدث باسم
الجيش اللبناني العميد علي قانصو", "Scottish First Minister Nicola
Sturgeon") and then by surname alone ("وقال قانصو", "Sturgeon said"). The
title gives the code; the name only says which person it is. So a definite
title followed by two or three name-like words takes those words as the
person's name, and each later bare surname, of a new name or of a known
person introduced by a full name ("تيريزا ماي" ... "ماي"), is another mention
of the same actor.
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from hadath.text.match import WordBounds
from hadath.text.normalize import NormText, fold_form

if TYPE_CHECKING:
    from hadath.stages.actors import Phrase


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold_form(w) for w in words.split())


# Words that end a name: function words, time words, pronouns and frequent verbs that
# may follow a title ("قال الوزير إن", "أكد الرئيس خلال", "مسؤول طلب عدم ...").
_STOP_AR = _folded("""
إن أن ان إنه أنه انه إنها أنها انها بأن بان في من إلى الى على عن مع خلال منذ حتى لدى عبر حول
بين بعد قبل عند عندما حيث أو او ثم بل لكن لكنه أيضا ايضا كذلك بدوره بدورها نفسه نفسها هو هي هم
اليوم أمس امس غدا الليلة صباح مساء ظهر فجر يوم الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
قد لقد لم لن لا ما ليس كان كانت يكون الذي التي الذين اللذين هذا هذه ذلك تلك إذ اذ إذا اذا كل جميع
طلب رفض قال أكد أعلن أضاف أوضح أشار دعا زار التقى بحث وصل غادر يزور يلتقي يبحث شدد ندد أدان اعتبر
أمام وراء ضد نحو تجاه عقب إثر اثر لدى بشأن حسب بحسب وفق وسط داخل خارج فوق تحت
""")
_STOP_EN = _folded("""
the a an and or but of in on at to for from with by as after before during on said says told
has have had is was were will would could should may might who which that this it he she they
""")
# Titles of address that may stand between a title and the name ("العميد", "Brig. Gen.").
_HONORIFIC_AR = _folded("""
العميد اللواء العقيد المقدم الرائد النقيب الفريق المشير الجنرال الدكتور الدكتورة د السيد السيدة
الشيخ الشيخة الأستاذ القاضي المهندس الحاج الأمير الأميرة
""")
_HONORIFIC_EN = _folded("""
brig gen general col colonel maj major lt capt captain adm admiral dr mr mrs ms sheikh prince
""")
# A conjunction or preposition glued to the article: never inside a name.
_GLUED_ARTICLE = ("وال", "فال", "بال", "كال", "لل", "ولل", "وبال")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{2,}\Z")
_BREAK = re.compile(r"[,.;:!?()\[\]«»\"“”\n،؛؟'\-–—]")
# Proclitics a surname may carry when it comes back: "وقال قانصو", "لقانصو", "للكحلاوي".
_ALIAS_PREFIXES = ("وب", "ول", "فل", "فب", "و", "ف", "ل", "ب")
MAX_NAME_WORDS = 4
# Words inside a name that are no name themselves: "محمد بن سلمان", "ولد الشيخ".
_LINKS = _folded("بن بنت ابن ولد آل أبو ابو أبي")
# A name may open with a compound: "عبد الله", "عبدالملك", "أبو محمد".
_COMPOUND_HEADS = ("عبد", "ابو", "ابي")


def _name_goes_on(sofar: list[str]) -> bool:
    """After the given name a surname follows; more words only after a given name or a link.

    "عبد القادر", "أبو بكر" are one given name written in two words.
    """
    if len(sofar) == 1:
        return True
    prev = sofar[-1]
    if prev in given_names() or prev in _LINKS or prev.startswith(_COMPOUND_HEADS):
        return True
    return len(sofar) == 2 and sofar[0] in _COMPOUND_HEADS


@functools.cache
def given_names() -> frozenset[str]:
    """Folded given names from given_names.txt: one of them after a title opens a name."""
    path = importlib.resources.files("hadath") / "data" / "actors" / "given_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold_form(w) for w in lines if w.strip() and not w.startswith("#"))


MIN_ALIAS_LEN = 3


def _tagged(norm: NormText, words: list[tuple[int, int]], k: int) -> bool:
    """The learned name tagger reads the word ``k`` and the next as a person's name ("نيكي
    هايلي", a given name the list lacks)."""
    from hadath.learn.ner import person_words

    return all(person_words(norm.norm, words, k, 2))


def _is_definite(p: Phrase, norm: NormText, bounds: WordBounds) -> bool:
    """ "الوزير", "وزير الخارجية", "رئيسة وزراء اسكتلندا": a title that can take a name.

    An indefinite title ("مسؤول أمريكي", "a US official") speaks for someone unnamed.
    """
    if p.forms[0].lang == "en" or any(
        f.kind in {"country", "capital", "org", "seat"} for f in p.forms
    ):
        return True  # English names are told by their capitals
    s, e = _norm_span(norm, p.start, p.end)
    words = bounds.words()
    # words are sorted and disjoint: those inside the span follow the first at or after s
    k = bounds.next_word(s)
    while k < len(words) and words[k][1] <= e:
        ws, we = words[k]
        if norm.norm[ws:we].startswith(("ال", "وال", "فال", "بال", "لل")):
            return True
        k += 1
    return False


def _norm_span(norm: NormText, start: int, end: int) -> tuple[int, int]:
    """Normalised offsets of an original span."""
    from bisect import bisect_left

    if not norm.kept:
        return start, end
    return bisect_left(norm.kept, start), bisect_left(norm.kept, end)


def name_after(
    p: Phrase, norm: NormText, bounds: WordBounds, taken: list[tuple[int, int]]
) -> tuple[int, str]:
    """(end offset, name) of the unknown name right after a title, or (p.end, "")."""
    _, ne = _norm_span(norm, p.start, p.end)
    words = bounds.words()
    k = bounds.next_word(ne)
    english = p.forms[0].lang == "en"
    honorific = _HONORIFIC_EN if english else _HONORIFIC_AR
    stop = _STOP_EN if english else _STOP_AR
    last = ne
    # honorifics first ("العميد", "Brig. Gen.")
    while k < len(words) and norm.norm[words[k][0] : words[k][1]] in honorific:
        if _BREAK.search(norm.norm[last : words[k][0]].replace(".", "")):
            return p.end, ""
        last = words[k][1]
        k += 1
    name: list[tuple[int, int]] = []
    titled = last != ne  # an honorific stood before: what follows is a name
    apposed = k < len(words) and _apposed_name(norm, words, last, k, english)
    if apposed:
        # "وزير العدل، جيف سيشنز", "the interior minister, Fred Otieno": the name set off by a
        # comma, when the name tagger (Arabic) or the capitals (English) say it is one
        last, titled = words[k][0], True
    while k < len(words) and len(name) < MAX_NAME_WORDS:
        s, e = words[k]
        gap = norm.norm[last:s]
        if _BREAK.search(gap) or gap.strip() or overlaps_any(taken, s, e):
            break
        w = norm.norm[s:e]
        os_, oe = norm.span(s, e)
        if english:
            if w in stop or not norm.original[os_ : os_ + 1].isupper():
                break
        elif not name and w == "علي" and norm.original[oe - 1 : oe] == "ي":
            pass  # the name Ali, not the preposition على
        elif w in stop or not _ARABIC_WORD.match(w) or w.startswith(_GLUED_ARTICLE):
            break  # "والأحزاب", "للصحافيين": the phrase goes on, no name
        elif not name and not (
            titled or w in given_names() or w.startswith(_COMPOUND_HEADS) or _tagged(norm, words, k)
        ):
            break  # "قرر الرئيس تمديد ...": the object of the verb, not a name
        elif name and not _name_goes_on([norm.norm[a:b] for a, b in name]):
            break  # a surname ends the name: "أنور السادات | الدور"
        elif name and norm.original[oe - 1 : oe] == "ة":
            break  # "الرئيس عباس ضرورة ...": a noun, rarely a surname
        name.append((s, e))
        last = e
        k += 1
    while name and norm.norm[name[-1][0] : name[-1][1]] in _LINKS:
        name.pop()
    if len(name) < 2 or (apposed and english and not _closed(norm, name[-1][1])):
        return p.end, ""
    _, oe = norm.span(name[0][0], name[-1][1])
    os_, _ = norm.span(name[0][0], name[0][1])
    return oe, norm.original[os_:oe]


_COMMA = frozenset({"،", ","})


def _apposed_name(
    norm: NormText, words: list[tuple[int, int]], last: int, k: int, english: bool
) -> bool:
    """A comma alone stands between the title and ``words[k]``, and the two words from there
    read as a person's name: capitalised in English, a given name or the name tagger's
    person in Arabic."""
    if norm.norm[last : words[k][0]].strip() not in _COMMA or k + 1 >= len(words):
        return False
    if norm.norm[words[k][1] : words[k + 1][0]].strip():
        return False
    if english:
        return all(norm.original[norm.span(*words[j])[0]].isupper() for j in (k, k + 1))
    first = norm.norm[words[k][0] : words[k][1]]
    return first in given_names() or _tagged(norm, words, k)


def _closed(norm: NormText, end: int) -> bool:
    """An English name set off by a comma is closed by one too (or a full stop, or "said")."""
    rest = norm.norm[end : end + 6].lstrip()
    return not rest or rest[0] in ",.;" or rest.startswith("said")


# The spans ``add_names`` passes to every ``name_after`` of a document (kept with them, so the
# identity holds): their starts when in order, and the longest span.
_taken: list[tuple[list[tuple[int, int]], list[int] | None, int]] = []


def overlaps_any(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps a span of ``taken``: by bisection when they are in order
    (only spans starting within the longest span's length before ``s`` may reach it)."""
    if not (_taken and _taken[0][0] is taken):
        starts = [a for a, _ in taken]
        ordered = all(x <= y for x, y in itertools.pairwise(starts))
        longest = max((b - a for a, b in taken), default=0)
        _taken[:] = [(taken, starts if ordered else None, longest)]
    _, starts_or_none, longest = _taken[0]
    near = taken
    if starts_or_none is not None:
        near = taken[bisect_right(starts_or_none, s - longest) : bisect_left(starts_or_none, e)]
    return any(a < e and s < b for a, b in near)


def add_names(phrases: list[Phrase], norm: NormText, bounds: WordBounds) -> list[Phrase]:
    """Titles extended by the unknown names after them, and every later bare surname."""
    taken = [_norm_span(norm, p.start, p.end) for p in phrases]
    out: list[Phrase] = []
    for p in phrases:
        if p.person is None and p.kind == "person" and p.role and _is_definite(p, norm, bounds):
            end, name = name_after(p, norm, bounds, taken)
            if name:
                p = p._replace(end=end, name=name)
        if out and _titles(out[-1], p, norm):
            # "العقيد الركن تركي المالكي": the title before a namesake's name codes it
            t = out.pop()
            p = p._replace(start=t.start, country=t.country, sector=t.sector, org=t.org,
                           role=t.role, forms=t.forms + p.forms)  # fmt: skip
        out.append(p)
    out = _names_before(out + _names_after_bodies(out, norm, bounds, taken), norm, bounds, taken)
    out.sort(key=lambda p: p.start)
    out = _namesakes_later(_appositions(out, norm))
    out += _alias_mentions(out, norm, bounds)
    out.sort(key=lambda p: p.start)
    return out


def _names_after_bodies(
    phrases: list[Phrase], norm: NormText, bounds: WordBounds, taken: list[tuple[int, int]]
) -> list[Phrase]:
    """ "متحدثة وزارة الخارجية الأميركية، هيذر ناورت", "رئيس الجهاز في الشرطة البريطانية،
    مارك راولي": a name set off by a comma after a body's phrase is one of its people, of its
    code (an official: the words before say no more the lexicon knows)."""
    out: list[Phrase] = []
    words = bounds.words()
    for p in phrases:
        if p.kind not in {"organisation", "group"} or not (p.country or p.org):
            continue
        _, ne = _norm_span(norm, p.start, p.end)
        k = bounds.next_word(ne)
        english = p.forms[0].lang == "en"
        if k >= len(words) or not _apposed_name(norm, words, ne, k, english):
            continue
        run = _name_run(norm, words, k, taken, english, forward=True)
        if len(run) < 2 or (english and not _closed(norm, words[run[-1]][1])):
            continue
        os_, _ = norm.span(*words[run[0]])
        _, oe = norm.span(*words[run[-1]])
        out.append(p._replace(start=os_, end=oe, person=None, org_id=None, role="Official",
                              kind="person", conj=False, name=norm.original[os_:oe]))  # fmt: skip
    return out


def _names_before(
    phrases: list[Phrase], norm: NormText, bounds: WordBounds, taken: list[tuple[int, int]]
) -> list[Phrase]:
    """ "تيتو كارنفيان، رئيس الشرطة", "Fred Otieno, the interior minister": a name the lexicon
    lacks, set off by a comma before an unnamed title, is the person the title codes. The
    name is told by the name tagger (Arabic) or by capitals (English)."""
    out = list(phrases)
    words = bounds.words()
    for i, q in enumerate(out):
        if q.person or q.name or q.kind != "person" or not q.role or q.conj:
            continue  # (a title after "، و" is another person: "X، والأمين العام")
        qs, _ = _norm_span(norm, q.start, q.end)
        at = bounds.index(qs)  # the title's first word (a proclitic may open it)
        k = bounds.next_word(qs) if at is None else at
        if k >= len(words):
            continue
        english = q.forms[0].lang == "en"
        if english and k >= 1 and norm.norm[words[k - 1][0] : words[k - 1][1]] == "the":
            k -= 1  # "Fred Otieno, the interior minister"
        if k < 2 or norm.norm[words[k - 1][1] : words[k][0]].strip() not in _COMMA:
            continue
        run = _name_run(norm, words, k - 1, taken, english)
        if len(run) < 2:
            continue
        os_, _ = norm.span(*words[run[0]])
        _, oe = norm.span(*words[run[-1]])
        out[i] = q._replace(start=os_, name=norm.original[os_:oe])
    return out


def _name_run(
    norm: NormText,
    words: list[tuple[int, int]],
    at: int,
    taken: list[tuple[int, int]],
    english: bool,
    forward: bool = False,
) -> list[int]:
    """The words ending at ``words[at]`` (or, ``forward``, starting there) that read as a
    person's name, first to last: capitalised in English, the tagger's person in Arabic."""
    stop = _STOP_EN if english else _STOP_AR
    run: list[int] = []
    k = at
    while 0 <= k < len(words) and len(run) < MAX_NAME_WORDS:
        s, e = words[k]
        w = norm.norm[s:e]
        if overlaps_any(taken, s, e) or w in stop:
            break
        if english:
            if not norm.original[norm.span(s, e)[0]].isupper() or not w.isalpha():
                break
        elif not _ARABIC_WORD.match(w) or w.startswith(_GLUED_ARTICLE) or w in _HONORIFIC_AR:
            break
        if forward:
            if run and norm.norm[words[run[-1]][1] : s].strip():
                break
            run.append(k)
            k += 1
            continue
        run.insert(0, k)
        if k == 0 or norm.norm[words[k - 1][1] : s].strip():
            break  # a comma, a full stop, any mark: the name starts here
        k -= 1
    if english or len(run) < 2:
        return run
    from hadath.learn.ner import person_words

    tagged = person_words(norm.norm, words, run[0], len(run))
    if forward:
        return run[: tagged.index(False)] if False in tagged else run
    while run and not tagged[0]:
        run, tagged = run[1:], tagged[1:]
    return run if all(tagged) else []


def _namesake(p: Phrase) -> bool:
    """A name read from the text over a known person's surname (see actors._namesake)."""
    return p.person is None and p.name is not None and any(f.kind == "person" for f in p.forms)


def _titles(title: Phrase, p: Phrase, norm: NormText) -> bool:
    """``title`` stands right before the namesake ``p``, with honorifics at most between."""
    if not _namesake(p) or title.person or title.name or title.kind != "person" or not title.role:
        return False
    between = fold_form(norm.original[title.end : p.start]).split()
    return all(w in _HONORIFIC_AR or w == "الركن" for w in between)


def _appositions(phrases: list[Phrase], norm: NormText) -> list[Phrase]:
    """ "تركي المالكي، المتحدث باسم التحالف العربي", "Jamal Hassan, the Yemeni judge": an
    uncoded name takes the code of the title set off by a comma right after it."""
    out = list(phrases)
    for i in range(len(out) - 1):
        p, q = out[i], out[i + 1]
        if p.country or p.org or p.kind != "person" or not (p.name or p.person):
            continue
        if norm.original[p.end : q.start].strip() not in {"،", ","} or not q.role:
            continue
        if q.country or q.org:
            out[i] = p._replace(country=q.country, org=q.org, sector=q.sector or p.sector)
    return out


def _namesakes_later(phrases: list[Phrase]) -> list[Phrase]:
    """After "تركي المالكي", a bare "المالكي" is him, not the known person of that surname."""
    by_surname: dict[str, Phrase] = {}
    out: list[Phrase] = []
    for p in phrases:
        if _namesake(p) and p.name:
            by_surname[fold_form(p.name).split()[-1]] = p
        elif p.person and len(p.forms) == 1 and fold_form(p.forms[0].form) in by_surname:
            q = by_surname[fold_form(p.forms[0].form)]
            p = q._replace(start=p.start, end=p.end, conj=p.conj)
        out.append(p)
    return out


def _surname(p: Phrase) -> str | None:
    """The folded last word of a full name: a new name, or a known person's multi-word form."""
    if p.name:
        words = fold_form(p.name).split()
    elif p.person:
        person = [f for f in p.forms if f.kind == "person"]
        words = fold_form(person[0].form).split() if person else []
        if len(words) < 2:
            return None
    else:
        return None
    last = words[-1] if words else ""
    if len(words) >= 2 and (words[-2] in _LINKS or words[-2] in _COMPOUND_HEADS):
        return None  # "عبد اللطيف", "بن أحمد": the last word is no surname alone
    if len(last) < MIN_ALIAS_LEN or last in _STOP_AR or last in _STOP_EN:
        return None
    if last in given_names() or last in _LINKS:
        return None  # "محمد بن حسين": a father's given name, shared by too many
    return last


def _alias_mentions(phrases: list[Phrase], norm: NormText, bounds: WordBounds) -> list[Phrase]:
    aliases: dict[str, Phrase] = {}
    clash: set[str] = set()
    for p in phrases:
        last = _surname(p)
        if last is None:
            continue
        if last in aliases and (aliases[last].person, aliases[last].name) != (p.person, p.name):
            clash.add(last)  # two people of that surname: leave it unresolved
        aliases.setdefault(last, p)
    for last in clash:
        del aliases[last]
    if not aliases:
        return []
    # Only a word holding a surname, or after ل its stem without the article ("لقانصو",
    # "للكحلاوي"), can be one: find those with str.find rather than read every word.
    text, words = norm.norm, bounds.words()
    candidates: set[int] = set()
    for last in aliases:
        for key in (last, last[2:]) if last.startswith("ال") else (last,):
            i = text.find(key)
            while i >= 0:
                k = bounds.index(i)
                if k is not None:
                    candidates.add(k)
                i = text.find(key, i + 1)
    # A word overlaps a phrase when some phrase starting before the word's end reaches past
    # its start. Words come in order, so one sweep over the phrases sorted by start keeps
    # the furthest end of those begun so far.
    spans = sorted(_norm_span(norm, p.start, p.end) for p in phrases)
    j, reach = 0, -1
    out: list[Phrase] = []
    for s, e in (words[k] for k in sorted(candidates)):
        while j < len(spans) and spans[j][0] < e:
            reach = max(reach, spans[j][1])
            j += 1
        if reach > s:
            continue
        w = text[s:e]
        found, cut = aliases.get(w), 0
        if found is None:
            for pre in _ALIAS_PREFIXES:
                rest = w[len(pre) :]
                if w.startswith(pre) and rest:
                    alt = "ال" + rest[1:] if pre.endswith("ل") and rest.startswith("ل") else rest
                    if alt in aliases or rest in aliases:
                        found, cut = aliases.get(alt) or aliases[rest], len(pre)
                        break
        if found is None:
            continue
        os_, oe = norm.span(s + cut, e)
        if os_ > 0 and norm.original[os_ - 1 : os_].isdigit():
            continue  # "8 ماي": a date
        if w.isascii() and not norm.original[os_ : os_ + 1].isupper():
            continue  # "may", "brown": a common word, not the surname
        out.append(found._replace(start=os_, end=oe, conj=cut > 0 and w[0] in "وف"))
    return out
