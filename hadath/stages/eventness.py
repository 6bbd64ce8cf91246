"""Is this trigger a reported event, or a word used as background, history, metaphor or opinion?

``judge`` looks at the sentence around a trigger and returns a factor in
[0, 1] that multiplies the trigger's confidence; 0 means "not an event here".

Attack and protest words are everywhere in news that reports no attack or
protest: the Hariri assassination as a tribunal's case, "the protesters" of
last week, torture as a practice, the attack a minister condemned. What sets a
reported attack apart is its *detail*: victims, means, a day, a place, the
people who did it (NOTES.md, "Error classes"). So for the types whose
occurrence is itself news (``GATED_TYPES``) the judge adds up evidence for a
reported act and against it (cue classes of ``cues.toml``) and keeps the
trigger when the balance is positive. For the other types only the strong
negative classes lower the factor.

Every feature is a small function over a ``View`` of the sentence; the cue
lists are data (``cues.toml``); the weights are named constants below.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from hadath.lexicon.triggers import Trigger, load_cues
from hadath.model import Document
from hadath.text.match import Hit, Matcher, WordBounds
from hadath.text.normalize import NormText, fold_form

# Types whose occurrence is news in itself and whose words are common as topics; the full
# evidence balance applies to them.
GATED_TYPES = frozenset({"ASSAULT", "PROTEST"})

# Cue classes the judge reads (cues.toml); others belong to the event stage or quotes.
_CLASSES = (
    "future", "expected", "hypothetical", "modal", "negation", "history", "generic", "opinion",
    "nonpolitical", "background", "casualties", "means", "time_anchor", "crowd", "legal",
    "reaction", "topic_nouns", "participant_nouns", "demonstrative", "onset", "toll_update",
    "weapon_nouns", "seizure", "support", "police_action", "generic_violence", "ahead",
    "consequence",
)  # fmt: skip

# How many words before the trigger a cue that governs it may stand (a condemnation verb,
# a modal, "since"): further back it usually governs another clause.
GOVERN_WINDOW = 6
# How far (in characters, about five words) from the trigger a weapon still belongs to its act:
# further off it is usually the weapon of another clause ("تجربة صواريخ ... فهاجم ماكين").
MEANS_REACH = 30

# -- weights of the evidence balance (GATED_TYPES) ---------------------------------------------
# Evidence for a reported act. Casualties are the strongest sign (half the ASSAULT "yes"
# sentences name victims, one in ten "no" do); means and a day are weaker, each common in
# commentary too; an actor argument says the stage found who did it or to whom.
W_TOLL = 1.5  # a count of victims: half the "yes" hits, one "no" hit in seventeen
W_CASUALTIES = 0.25  # a casualty word with no count: lists of crimes use them too
W_MEANS = 1.5
W_TIME = 0.25
W_ARGS = 0.25
W_CROWD = 1.25  # PROTEST: numbers of people, slogans, a square: a protest being staged
# PROTEST: victims and weapons next to protesters mostly mean the protesters were shot or
# dispersed (an ASSAULT or COERCE by the police), not that a protest is reported.
W_PROTEST_VIOLENCE = -0.5
# The trigger itself: a verb reports an act, a bare topic noun names a subject.
W_TOPIC_NOUN = -1.25
W_PARTICIPANT = -0.75  # "the protesters" alone: usually the object of another act
# The trigger is a definite noun ("الهجوم", "the attack"): a third of the "no" hits, one
# "yes" hit in twelve; news introduces a new act with a verb or an indefinite noun.
W_DEFINITE = -2.0
W_ONSET = 1.25  # a verb of occurrence makes a topic noun a report ("اندلعت مظاهرات")
W_ANAPHORA = -0.75  # "هذا الهجوم", "الهجوم الذي": an act already told
W_SEQUENCE = -2.0  # "بعد الهجوم", "since the attack": a time reference for another act
# Evidence against. A court, an investigation or a charge: never a "yes" on the dev set.
W_LEGAL = -2.0
# The act is the object of another: condemned, claimed, foiled, planned, feared.
W_REACTION = -2.0
# History, anniversaries, "since": the act is background.
W_HISTORY = -2.0
# A statement about attacks in general, statistics, laws.
W_GENERIC = -1.0
# Commentary and metaphor.
W_OPINION = -1.0
# Possibility, plans, predictions, conditions: not (yet) an act.
W_IRREALIS = -1.5
# Sport, health, markets, accidents: not political at all.
W_NONPOLITICAL = -3.0
# A year written in the sentence: timelines and biographies (ASSAULT: once more for a second
# year, a span of time).
W_YEAR = -0.75
# A running total of the victims of an earlier act ("ارتفعت حصيلة التفجيرين إلى 68 قتيلا").
W_TOLL_UPDATE = -2.0
# A weapon noun among seized, found or smuggled goods: arms, not an attack.
W_SEIZED = -2.5
# "شبكة لتفجير سيارات": the act as the purpose of something else, not done (yet).
W_PURPOSE = -1.5
# "حربا قتل فيها 80 ألف شخص": the victims of an act named before, in its relative clause.
W_RESUMPTIVE = -1.5
# "خطف جندي أو تفجير حافلة": one of several kinds of act, none of them reported.
W_ALTERNATIVE = -1.5
# PROTEST: a rally in support or celebration is not dissent against anyone.
W_SUPPORT = -1.5
# PROTEST: the police dispersed, surrounded or arrested the protesters: their act is the news.
W_POLICED = -1.5
# ASSAULT: the trigger is linked to an earlier attack word of its sentence ("هجوم ... أسفر عن
# مقتل", "مقتل جنود في هجوم") and that word is told as background (after "بعد", condemned,
# claimed, recalled): the whole chain is one act, and it is background.
W_LINKED_BACKGROUND = -2.0
# ASSAULT: "وهذا هو رابع هجوم": an act already told, ranked among others; the sentence
# classifies it and reports nothing new.
W_RANKED = -1.5
# Where the balance starts: a trigger with no detail at all is not enough. The Arabic
# sentence gold was selected for its attack and protest words, so there the bare word is
# weak evidence; English cue lists are shorter and English news ledes name the act with few
# details ("Iraqi forces launched airstrikes on ISIL"), so there it starts positive.
PRIOR = {"ar": -0.5, "en": 0.5}

# For the ungated types only clear signs lower the factor, never to zero: these readings
# are right often enough in article gold ("accused X of the attack" is still an ACCUSE).
UNGATED_NONPOLITICAL = 0.5
UNGATED_OPINION = 0.85

_PERFECTIVE = frozenset({"قد"})
_NUMBER = re.compile(r"^\d+$")
_WORD = re.compile(r"\w+")
# "بعد أسبوع من", "قبل يومين على": a span of time before the trigger noun
_SPAN_BEFORE = re.compile(r"(?:^|\s)(?:بعد|قبل|منذ|عقب)\s+\S+\s+(?:من|علي)\s+$")
_EN_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)")


class CueHit(NamedTuple):
    start: int  # normalised coordinates
    end: int
    cls: str


@functools.cache
def cue_matcher() -> Matcher[tuple[str, str]]:
    """One matcher over the judge's cue classes of both languages (the Context joins it to the
    shared automaton pass)."""
    entries: list[tuple[str, tuple[str, str]]] = []
    for lang in ("ar", "en"):
        raw = load_cues(lang)
        for cls in _CLASSES:
            entries.extend((w, (lang, cls)) for w in raw.get(cls, ()) if fold_form(w))
    return Matcher(entries, enclitics=True)


# The events stage calls ``judge`` for each hit of one document in turn: keep that
# document's cue hits rather than search its text again for every trigger.
_last: list[tuple[NormText, dict[str, list[CueHit]]]] = []
# For each of those lists (by id: ``_last`` keeps them alive): its starts in increasing
# order, the hits' positions in that order (None when the list is in it already), and its
# longest hit, so that a sentence's cues are found by bisection instead of a scan of the
# whole document's list for every trigger.
_sorted: dict[int, tuple[list[int], list[int] | None, int]] = {}


def _cue_hits(norm: NormText, bounds: WordBounds) -> dict[str, list[CueHit]]:
    cached = _last[0] if _last else None
    if cached is not None and cached[0] is norm:
        return cached[1]
    found: dict[str, list[CueHit]] = {}
    for h in cue_matcher().find(norm.norm, bounds):
        lang, cls = h.value
        found.setdefault(f"{lang}:{cls}", []).append(CueHit(h.start, h.end, cls))
    _last[:] = [(norm, found)]
    _sorted.clear()
    for hits in found.values():
        starts = [c.start for c in hits]
        order: list[int] | None = None
        if not all(a <= b for a, b in itertools.pairwise(starts)):
            order = sorted(range(len(hits)), key=starts.__getitem__)
            starts = [starts[i] for i in order]
        _sorted[id(hits)] = (starts, order, max(c.end - c.start for c in hits))
    return found


def _near(hits: Sequence[CueHit], lo: int, hi: int) -> Sequence[CueHit]:
    """The hits that may start in ``[lo, hi]``, in order: a slice when ``hits`` is sorted."""
    known = _sorted.get(id(hits))
    if known is None:
        return hits
    starts, order, _ = known
    a, b = bisect_left(starts, lo), bisect_right(starts, hi)
    if order is None:
        return hits[a:b]
    return [hits[i] for i in sorted(order[a:b])]  # in the list's own order


@dataclass(frozen=True, slots=True)
class View:
    """The sentence of a trigger, in normalised coordinates, with the cue hits inside it."""

    norm: NormText
    start: int
    end: int
    trig_start: int
    trig_end: int
    lang: str
    hits: dict[str, list[CueHit]]
    window_start: int  # where the GOVERN_WINDOW words before the trigger begin
    prefix: str  # the trigger's proclitics
    prev_word: str  # the word before the trigger in the sentence, or ""
    number_words: frozenset[str]
    sequence_words: frozenset[str]
    exposed_words: frozenset[str]
    alternative_words: frozenset[str]
    resumptive_words: frozenset[str]

    def cues(self, cls: str, lo: int | None = None, hi: int | None = None) -> list[CueHit]:
        lo = self.start if lo is None else lo
        hi = self.end if hi is None else hi
        return [
            c for c in _near(self.hits.get(f"{self.lang}:{cls}", ()), lo, hi)
            if lo <= c.start and c.end <= hi and not self._on_trigger(c)
        ]  # fmt: skip

    def _on_trigger(self, c: CueHit) -> bool:
        return c.start < self.trig_end and self.trig_start < c.end

    def has(self, cls: str) -> bool:
        return bool(self.cues(cls))

    def before(self, cls: str) -> bool:
        """A cue of ``cls`` among the few words governing the trigger."""
        return bool(self.cues(cls, self.window_start, self.trig_start))

    def is_trigger(self, cls: str) -> bool:
        """The trigger's own words are a cue of ``cls`` (a topic noun, a participant noun)."""
        hits: Sequence[CueHit] = self.hits.get(f"{self.lang}:{cls}", ())
        known = _sorted.get(id(hits))
        if known is not None:  # only hits as long as the reach from their start may hold it
            hits = _near(hits, self.trig_end - known[2], self.trig_start)
        return any(c.start <= self.trig_start and self.trig_end <= c.end for c in hits)

    @property
    def text(self) -> str:
        return self.norm.norm[self.start : self.end]


def _view(
    doc: Document, sentence: int, hit: Hit[Trigger], norm: NormText, bounds: WordBounds
) -> View:
    sent = doc.sentences[sentence]
    start, end = _to_norm(norm, sent.start), _to_norm(norm, sent.end)
    words = bounds.words()
    k = bounds.next_word(hit.start - len(hit.prefix))  # the trigger's word, proclitics and all
    ws = words[max(0, k - GOVERN_WINDOW)][0] if k > 0 else hit.start
    prev = words[k - 1] if k > 0 and words[k - 1][0] >= start else None
    lang = hit.value.lang
    return View(
        norm=norm,
        start=start,
        end=end,
        trig_start=hit.start,
        trig_end=hit.end,
        lang=lang,
        hits=_cue_hits(norm, bounds),
        window_start=max(start, ws),
        prefix=hit.prefix,
        prev_word=norm.norm[prev[0] : prev[1]] if prev else "",
        number_words=_words(lang, "number_words"),
        sequence_words=_words(lang, "sequence"),
        exposed_words=_words(lang, "exposed"),
        alternative_words=_words(lang, "alternatives"),
        resumptive_words=_words(lang, "resumptive"),
    )


@functools.cache
def _words(lang: str, cls: str) -> frozenset[str]:
    return frozenset(fold_form(w) for w in load_cues(lang).get(cls, ()))


def _to_norm(norm: NormText, pos: int) -> int:
    return bisect_left(norm.kept, pos) if norm.kept else pos


# -- features ------------------------------------------------------------------------------------


def casualties(v: View) -> bool:
    """Victims or damage are named: someone was hurt."""
    return v.has("casualties")


def means(v: View) -> bool:
    """Weapons, explosives or armed men are named: in Arabic near the trigger, since one
    sentence chains many clauses with "و"; English sentences are short enough to count whole."""
    if v.lang != "ar":
        return v.has("means")
    lo, hi = max(v.start, v.trig_start - MEANS_REACH), min(v.end, v.trig_end + MEANS_REACH)
    return bool(v.cues("means", lo, hi))


def time_anchor(v: View) -> bool:
    """The day of the act: "أمس", "الخميس", "yesterday"."""
    return v.has("time_anchor")


def crowd(v: View) -> bool:
    """A protest staged: crowds, numbers of people, slogans, a square."""
    return v.has("crowd")


def legal(v: View) -> bool:
    """A court, an investigation, a charge: the act is a case."""
    return v.has("legal")


def reaction(v: View) -> bool:
    """The act is the object or cause of another: condemned, claimed, foiled, planned."""
    return v.before("reaction") or v.before("background")


def history(v: View) -> bool:
    """Anniversaries, "since", earlier decades, before the trigger."""
    return bool(v.cues("history", v.start, v.trig_start))


@functools.lru_cache(maxsize=16)
def _years_in(text: str, start: int, end: int) -> int:
    """How many different years ``text[start:end]`` writes: read once per sentence, not
    once per trigger."""
    return len(set(_YEAR.findall(text[start:end])))  # a slice: no digit before it counts


def year(v: View) -> bool:
    """A year written in the sentence: timelines and biographies."""
    return _years_in(v.norm.norm, v.start, v.end) > 0


def years(v: View) -> bool:
    """Two different years in the sentence: a span of time ("من 1992 حتى 1995"), history."""
    return _years_in(v.norm.norm, v.start, v.end) > 1


def generic(v: View, etype: str = "ASSAULT") -> bool:
    """A statement about acts in general; terrorism and "operations" only for attacks."""
    return v.has("generic") or (etype != "PROTEST" and v.has("generic_violence"))


def opinion(v: View) -> bool:
    return v.has("opinion")


def irrealis(v: View) -> bool:
    """Possibility, plan, prediction or condition governing the trigger."""
    for cls in ("modal", "future", "expected", "hypothetical"):
        for c in v.cues(cls, v.window_start, v.trig_start):
            # "قد" before a past verb is perfective ("كانوا قد احتشدوا"), not "may"
            if v.norm.norm[c.start : c.end] not in _PERFECTIVE:
                return True
    return False


# How far (in characters, about six words) after a protest word a date still belongs to it.
PLANNED_REACH = 40


def announced(v: View) -> bool:
    """A day to come right after the protest word ("مسيرة مساء غد", "مظاهرة الجمعة
    المقبلة"): a protest called or planned, not yet staged. "المقبلة" alone is not a day:
    "احتجاجا على الانتخابات المقبلة" is a protest now against a vote to come."""
    hi = min(v.end, v.trig_end + PLANNED_REACH)
    if v.cues("ahead", v.trig_end, hi):
        return True
    words = _WORD.findall(v.norm.norm[v.trig_end : hi])
    coming, periods = _words(v.lang, "coming"), _words(v.lang, "periods")
    return any(w in coming and p in periods for p, w in itertools.pairwise(words))


def nonpolitical(v: View) -> bool:
    return v.has("nonpolitical")


def topic_noun(v: View) -> bool:
    """The trigger is a noun that often names a subject rather than an act."""
    return v.is_trigger("topic_nouns")


def participant(v: View) -> bool:
    """The trigger is a participant noun ("المتظاهرين"), not the act itself."""
    return v.is_trigger("participant_nouns")


def definite(v: View) -> bool:
    """The trigger carries the article: "الهجوم" refers back to an act already told."""
    return v.prefix.endswith("ال") or v.prefix.endswith("لل") or v.prev_word in _EN_DEFINITE


# Possessive enclitics: "مظاهراتهم", "اعتصامهم", "تظاهراتنا" (their, our protest).
_POSSESSIVE = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "كم"})


def possessive(v: View) -> bool:
    """The trigger noun carries a possessive pronoun ("واصلوا اعتصامهم", "في مسيراتهم"): a
    protest already known to the reader, like a definite noun."""
    m = _WORD.match(v.norm.norm, v.trig_end)
    return m is not None and m.start() == v.trig_end and m.group() in _POSSESSIVE


def anaphora(v: View) -> bool:
    """A demonstrative next to the trigger ("هذا الهجوم", "الهجوم الذي"): a known act."""
    near = v.cues("demonstrative", max(v.start, v.trig_start - 8), min(v.end, v.trig_end + 8))
    return any(c.end <= v.trig_start + 1 or c.start >= v.trig_end for c in near)


def ranked(v: View) -> bool:
    """ "وهذا هو رابع هجوم", "ويعد أحدث هجوم": an ordinal or superlative right before the
    trigger, predicated by a demonstrative or a copula just before it."""
    words = _WORD.findall(v.norm.norm[v.window_start : v.trig_start - len(v.prefix)])
    if not words or words[-1] not in _words(v.lang, "ranking"):
        return False
    return any(w in _words(v.lang, "copula") for w in words[-3:-1])


def onset(v: View) -> bool:
    """A verb of occurrence governs the noun: "اندلعت مظاهرات", "شنت غارات", "broke out"."""
    return v.before("onset") or bool(v.cues("onset", v.trig_end, min(v.end, v.trig_end + 12)))


def sequence(v: View) -> bool:
    """ "بعد الهجوم", "بعد أسبوع من هجوم", "since the attack": the time reference of another act."""
    if v.prev_word in v.sequence_words:
        return True
    word_start = v.trig_start - len(v.prefix)
    before = v.norm.norm[max(v.start, word_start - 30) : word_start]
    return bool(v.lang == "ar" and _SPAN_BEFORE.search(before))


def resumptive(v: View) -> bool:
    """ "حربا ... قتل فيها 80 ألفا": the act told inside a relative clause on an earlier one."""
    after = _WORD.findall(v.norm.norm[v.trig_end : min(v.end, v.trig_end + 12)])[:1]
    return bool(after) and after[0] in v.resumptive_words


def toll(v: View) -> bool:
    """A count of victims: "مقتل 16 شخصا", "killed at least 20"; the trigger itself may be
    the casualty word ("قتل 18 شخصا")."""
    spans = [(c.start, c.end) for c in v.cues("casualties")]
    if v.is_trigger("casualties"):
        spans.append((v.trig_start, v.trig_end))
    for start, end in spans:
        after = _WORD.findall(v.norm.norm[end : min(v.end, end + 40)])[:4]
        before = _WORD.findall(v.norm.norm[max(v.start, start - 30) : start])[-3:]
        if any(_NUMBER.match(w) or w in v.number_words for w in after + before):
            return True
    return False


def toll_update(v: View) -> bool:
    """A running count of victims: "ارتفعت حصيلة ... إلى 68 قتيلا", "the death toll rose"."""
    # the count may hold the trigger itself: "عدد قتلى" around "قتلى"
    found = _near(v.hits.get(f"{v.lang}:toll_update", ()), v.start, v.end)
    return any(v.start <= c.start and c.end <= v.end for c in found)


def seized(v: View) -> bool:
    """The trigger names a weapon and the sentence tells of arms found, seized or smuggled."""
    return v.is_trigger("weapon_nouns") and v.has("seizure")


def purpose(v: View) -> bool:
    """ "لتفجير", "لاغتيال": the act as the aim of another, unless undergone ("تعرض لهجوم")."""
    return v.prefix == "ل" and not exposed(v)


def exposed(v: View) -> bool:
    """A verb of undergoing governs the trigger: "تعرض لهجوم", "تعرضت ثكنة للجيش لاعتداء"."""
    if v.prev_word in v.exposed_words:
        return True
    before = _WORD.findall(v.norm.norm[v.window_start : v.trig_start])
    return any(w in v.exposed_words for w in before)


def alternative(v: View) -> bool:
    """ "أو تفجير حافلة": the act listed among alternatives, a kind rather than a case."""
    return v.prev_word in v.alternative_words


def support(v: View) -> bool:
    """A rally in support or celebration ("تأييدا لقرار", "ابتهاجا"), not a protest against."""
    return v.has("support")


def policed(v: View) -> bool:
    """The police act on the protest: "فرقت الشرطة مظاهرة", "صدامات بين الشرطة ومتظاهرين"."""
    return v.has("police_action")


# -- links between the attack words of one sentence ---------------------------------------------
# An Arabic report tells one act with several attack words: "هجوم انتحاري استهدف مقرا وأسفر عن
# مقتل 20", "قتل جنديان في انفجار عبوة". Whether the act is news is decided at the word the
# others hang on; the words linked to it share its fate.

# How far (in words) a linked attack word may stand from the word it hangs on.
LINK_REACH = 25
# Words before a trigger that make it the setting of the casualty word before it: "مقتل
# ثلاثة جنود في هجوم", "إصابة خمسة جراء انفجار".
_SETTING_WORDS = frozenset({"في", "جراء", "اثر", "خلال", "اثناء", "اثناءه", "بسبب"})
_RELATIVE_WORDS = frozenset({"الذي", "التي", "والتي", "والذي", "اللذين", "اللتين", "الذين"})


_last_attacks: list[tuple[Sequence[Hit[Trigger]], list[Hit[Trigger]]]] = []


def _hit_start(h: Hit[Trigger]) -> int:
    return h.start


def _attack_hits(hits: Sequence[Hit[Trigger]]) -> list[Hit[Trigger]]:
    """The document's Arabic attack words, longest first where they overlap, from the trigger
    hits the events stage found (by start, longest first)."""
    if _last_attacks and _last_attacks[0][0] is hits:
        return _last_attacks[0][1]
    kept: list[Hit[Trigger]] = []
    for h in hits:
        attack = h.value.type == "ASSAULT" and h.value.lang == "ar"
        if attack and (not kept or h.start >= kept[-1].end):
            kept.append(h)
    _last_attacks[:] = [(hits, kept)]
    return kept


def _head(
    v: View,
    value: Trigger,
    doc: Document,
    sentence: int,
    bounds: WordBounds,
    hits: Sequence[Hit[Trigger]],
) -> View | None:
    """The earlier attack word this trigger is linked to, if any: it follows a consequence
    verb ("أسفر عن مقتل"), a relative pronoun ("الذي استهدف"), or sets the scene of a casualty
    word before it ("مقتل جنود في هجوم")."""
    words = bounds.words()
    before = v.trig_start - len(v.prefix)
    k = bounds.next_word(before)
    lo = max(v.start, words[max(0, k - LINK_REACH)][0] if k > 0 else before)
    attacks = _attack_hits(hits)  # by start: only those from ``lo`` on may be in reach
    attacks = attacks[
        bisect_left(attacks, lo, key=_hit_start) : bisect_right(attacks, before, key=_hit_start)
    ]
    earlier = [h for h in attacks if lo <= h.start and h.end <= before]
    link = v.cues("consequence", v.window_start, v.trig_start)
    heads: list[Hit[Trigger]] = []
    if link:
        heads = [h for h in earlier if h.end <= link[-1].start]
    elif v.prev_word in _RELATIVE_WORDS or v.is_trigger("onset"):
        # "الهجوم الذي استهدف", "هجوم انتحاري ... استهدف مقرا": the verb tells more of it
        heads = earlier
    elif v.prev_word in _SETTING_WORDS or v.prefix.startswith(("ب", "وب")):
        # the victims may be named by a word that is no trigger: "عدم إصابة أحد في التفجير"
        heads = [h for h in earlier if _is_casualty(v, h)] + [
            _cue_as_hit(v, c, words, bounds, value) for c in v.cues("casualties", lo, v.trig_start)
        ]
        if v.prefix.startswith(("ب", "وب")):
            # "الهجمات بقذائف الهاون": the means of an act named just before
            heads += [h for h in earlier if k - bounds.next_word(h.end) <= 2]
        heads.sort(key=lambda h: h.start)
    elif v.prefix.startswith("و") and earlier and k - bounds.next_word(earlier[-1].end) <= 1:
        # "الهجمات الانتحارية وتفجير القنابل": a second kind coordinated with the first, a
        # noun phrase whose head is its first attack word
        i = len(earlier) - 1
        while i > 0 and _adjacent(earlier[i], earlier[i - 1], 0, bounds):
            i -= 1
        heads = [earlier[i]]
    if not heads:
        return None
    return _view(doc, sentence, heads[-1], v.norm, bounds)


def _adjacent(h: Hit[Trigger], before: Hit[Trigger], gap: int, bounds: WordBounds) -> bool:
    """At most ``gap`` words between the attack word ``before`` and the word of ``h``."""
    return bounds.next_word(h.start - len(h.prefix)) - bounds.next_word(before.end) <= gap


def _cue_as_hit(
    v: View, c: CueHit, words: list[tuple[int, int]], bounds: WordBounds, value: Trigger
) -> Hit[Trigger]:
    ws = words[bounds.next_word(c.start + 1) - 1][0]
    return Hit(c.start, c.end, value, v.norm.norm[ws : c.start] if ws <= c.start else "", "")


def _is_casualty(v: View, h: Hit[Trigger]) -> bool:
    hits: Sequence[CueHit] = v.hits.get(f"{v.lang}:casualties", ())
    known = _sorted.get(id(hits))
    if known is not None:
        hits = _near(hits, h.end - known[2], h.start)
    return any(c.start <= h.start and h.end <= c.end for c in hits)


def told_as_background(v: View) -> bool:
    """The act is the setting, cause or object of another act, recalled or not yet done."""
    return (
        sequence(v) or reaction(v) or history(v) or irrealis(v) or purpose(v) or resumptive(v)
        or negated(v)
    )  # fmt: skip


def negated(v: View) -> bool:
    """A negation right before the word: "عدم إصابة", "لم يقتل"."""
    return bool(v.cues("negation", max(v.start, v.trig_start - len(v.prefix) - 5), v.trig_start))


def linked_background(
    v: View,
    value: Trigger,
    doc: Document,
    sentence: int,
    bounds: WordBounds,
    hits: Sequence[Hit[Trigger]],
) -> bool:
    """The trigger hangs on an earlier attack word of the sentence that is told as background
    (``hits``: the document's trigger hits, by start, longest first)."""
    if v.lang != "ar":
        return False
    head = _head(v, value, doc, sentence, bounds, hits)
    for _ in range(3):
        if head is None:
            return False
        if told_as_background(head) or (topic_noun(head) and definite(head)):
            return True
        head = _head(head, value, doc, sentence, bounds, hits)
    return False


def balance(v: View, etype: str, n_args: int) -> float:
    """Evidence for a reported act minus evidence against it."""
    score = PRIOR.get(v.lang, 0.0)
    if etype == "PROTEST":
        score += W_CROWD * crowd(v)
        score += W_PROTEST_VIOLENCE * (casualties(v) or means(v))
        score += W_SUPPORT * support(v)
        score += W_POLICED * policed(v)
        score += W_IRREALIS * announced(v)
    else:
        score += W_TOLL * toll(v)
        score += W_CASUALTIES * casualties(v)
        score += W_MEANS * means(v)
        score += W_TOLL_UPDATE * toll_update(v)
        score += W_SEIZED * seized(v)
        score += W_RANKED * ranked(v)
        score += W_YEAR * years(v)
    score += W_TIME * time_anchor(v)
    score += W_ARGS * (n_args > 0)
    score += W_DEFINITE * (definite(v) or (etype == "PROTEST" and possessive(v)))
    score += W_ANAPHORA * anaphora(v)
    score += W_SEQUENCE * sequence(v)
    if topic_noun(v):
        # the noun names a subject, unless a verb of occurrence makes it a report
        score += W_TOPIC_NOUN + W_ONSET * onset(v)
    elif etype == "PROTEST":
        # protests are told by their onset ("تجددت المظاهرات") more than by their detail
        score += W_ONSET * onset(v)
    score += W_PARTICIPANT * participant(v)
    if etype != "PROTEST":
        # protests are staged before courts and against verdicts; attacks are court cases
        score += W_LEGAL * legal(v)
    score += W_REACTION * reaction(v)
    score += W_HISTORY * history(v)
    score += W_YEAR * year(v)
    score += W_GENERIC * generic(v, etype)
    score += W_OPINION * opinion(v)
    score += W_IRREALIS * irrealis(v)
    score += W_NONPOLITICAL * nonpolitical(v)
    score += W_PURPOSE * purpose(v)
    score += W_ALTERNATIVE * alternative(v)
    score += W_RESUMPTIVE * resumptive(v)
    return score


def judge(
    doc: Document,
    sentence: int,
    hit: Hit[Trigger],
    norm: NormText,
    bounds: WordBounds,
    n_args: int,
    hits: Sequence[Hit[Trigger]],
) -> float:
    """A factor in [0, 1] for this trigger as a reported event; 0 drops it. ``hits`` are the
    document's trigger hits (by start, longest first), for the attack words linked to it."""
    if not 0 <= sentence < len(doc.sentences):
        return 1.0
    v = _view(doc, sentence, hit, norm, bounds)
    etype = hit.value.type
    if etype in GATED_TYPES:
        score = balance(v, etype, n_args)
        if etype == "ASSAULT" and score > 0.0:
            linked = linked_background(v, hit.value, doc, sentence, bounds, hits)
            score += W_LINKED_BACKGROUND * linked
        if score <= 0.0:
            return 0.0
        return min(1.0, 0.6 + 0.2 * score)
    factor = 1.0
    if nonpolitical(v):
        factor *= UNGATED_NONPOLITICAL
    if opinion(v):
        factor *= UNGATED_OPINION
    return factor


# The cues the learned eventness scorer reads as features, beside the hand weights above.
_CUE_FEATURES: tuple[tuple[str, Callable[[View], bool]], ...] = (
    ("casualties", casualties),
    ("means", means),
    ("time_anchor", time_anchor),
    ("crowd", crowd),
    ("legal", legal),
    ("reaction", reaction),
    ("history", history),
    ("year", year),
    ("years", years),
    ("opinion", opinion),
    ("irrealis", irrealis),
    ("announced", announced),
    ("nonpolitical", nonpolitical),
    ("topic_noun", topic_noun),
    ("participant", participant),
    ("definite", definite),
    ("possessive", possessive),
    ("anaphora", anaphora),
    ("ranked", ranked),
    ("onset", onset),
    ("sequence", sequence),
    ("resumptive", resumptive),
    ("toll", toll),
    ("toll_update", toll_update),
    ("seized", seized),
    ("purpose", purpose),
    ("exposed", exposed),
    ("alternative", alternative),
    ("support", support),
    ("policed", policed),
    ("negated", negated),
)


def cue_names(
    doc: Document,
    sentence: int,
    hit: Hit[Trigger],
    norm: NormText,
    bounds: WordBounds,
    hits: Sequence[Hit[Trigger]],
) -> list[str]:
    """The names of the eventness cues that hold for this trigger (features for the model)."""
    if not 0 <= sentence < len(doc.sentences):
        return []
    v = _view(doc, sentence, hit, norm, bounds)
    out = [name for name, f in _CUE_FEATURES if f(v)]
    if generic(v, hit.value.type):
        out.append("generic")
    if hit.value.type == "ASSAULT" and linked_background(v, hit.value, doc, sentence, bounds, hits):
        out.append("linked_background")
    return out


__all__ = ["GATED_TYPES", "View", "balance", "cue_matcher", "cue_names", "judge"]
