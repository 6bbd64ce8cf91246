"""Stage: events. Triggers from the lexicon, their arguments, status, date and place.

A trigger word is found by the same one-pass automaton as actors. Its
arguments come from where the actor phrases stand around it: Arabic news
puts the verb first ("أدان وزير الخارجية الفرنسي الهجوم": subject, then
object) or the noun first ("كيري قال"), and nominal triggers take their
arguments with prepositions ("مباحثات بين كيري ولافروف", "غارات للتحالف على
صنعاء"). Status comes from the words before the trigger (future, prediction,
negation, condition). A trigger used as background ("على خلفية الهجوم"), in
a question, or about a non-political thing is not an event.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, pairwise

from hadath.context import Context
from hadath.learn.features import event_features
from hadath.lexicon.triggers import Trigger, load_cues, load_triggers
from hadath.model import ArgRef, Document, Event, Place, Quote, Related, Sentence, Span
from hadath.stages.decide import ArgCandidate, Candidate, arg_candidates, pick_args
from hadath.stages.eventness import GATED_TYPES, cue_names, judge
from hadath.stages.keys import filter_keys
from hadath.stages.places import find_places
from hadath.text.dates import DateMention, find_dates, parse_iso, resolve
from hadath.text.match import Hit, Matcher, WordBounds, word_bounds
from hadath.text.normalize import NormText, fold_form, normalize

_SKIP_SEGMENTS = {"furniture", "source", "credit"}
# Arabic prepositions that may close a multi-word trigger ("أفرج عن", "اجتمع مع"), folded
# (ى written ي).
_AR_PREPOSITIONS = frozenset({"عن", "مع", "علي", "الي", "ضد", "من", "في", "بين"})
# English articles between a preposition and its actor: "between the Syrian government"
_ARTICLES = frozenset({"the", "a", "an"})
# How many words before a trigger its status cues may stand.
STATUS_WINDOW = 6
NEGATION_WINDOW = 2


@dataclass(frozen=True, slots=True)
class Cues:
    future: frozenset[str]
    expected: frozenset[str]
    negation: frozenset[str]
    hypothetical: frozenset[str]
    background: frozenset[str]
    question: frozenset[str]
    phrases: tuple[tuple[str, str], ...]  # multi-word cues: (folded phrase, class)
    refusal: tuple[str, ...]  # folded, single or multi-word
    reversal: frozenset[str]  # folded words that undo a sanction or restriction named next
    refuse: frozenset[str]  # folded verbs of refusing, whose governed act is refused
    declare: frozenset[str] = frozenset()  # verbs by which one side declares a truce
    unilateral: tuple[str, ...] = ()  # folded phrases: a one-sided truce
    agreed: frozenset[str] = frozenset()  # words that make a declared truce an agreed one
    # the phrases of the classes that set a status, and the background ones, in that order
    status_phrases: tuple[tuple[str, str], ...] = ()
    background_phrases: re.Pattern[str] | None = None  # any of them, as one pattern
    speech: frozenset[str] = frozenset()  # one-word speech verbs: "said", "قال"


def _cues(lang: str) -> Cues:
    raw = load_cues(lang)
    single: dict[str, set[str]] = {}
    phrases: list[tuple[str, str]] = []
    classes = {
        "future": "future",
        "expected": "expected",
        "negation": "negation",
        "hypothetical": "hypothetical",
        "question": "question",
        "history": "background",
        "background": "background",
    }
    for key, words in raw.items():
        cls = classes.get(key)
        if cls is None:
            continue
        for w in words:
            f = fold_form(w)
            if not f:
                continue
            if " " in f:
                phrases.append((f, cls))
            else:
                single.setdefault(cls, set()).add(f)
    return Cues(
        future=frozenset(single.get("future", ())),
        expected=frozenset(single.get("expected", ())),
        negation=frozenset(single.get("negation", ())),
        hypothetical=frozenset(single.get("hypothetical", ())),
        background=frozenset(single.get("background", ())),
        question=frozenset(single.get("question", ())),
        phrases=tuple(phrases),
        refusal=_folded(raw, "refusal"),
        reversal=frozenset(_folded(raw, "reversal")),
        refuse=frozenset(_folded(raw, "refuse")),
        declare=frozenset(_folded(raw, "declare")),
        unilateral=_folded(raw, "unilateral"),
        agreed=frozenset(_folded(raw, "agreed")),
        status_phrases=tuple((p, c) for p, c in phrases if c in _CLS_STATUS),
        background_phrases=_any_of([p for p, c in phrases if c == "background"]),
        speech=frozenset(f for f in _folded(raw, "speech") if " " not in f),
    )


def _folded(raw: Mapping[str, tuple[str, ...]], cls: str) -> tuple[str, ...]:
    """The folded cues of one class, in order, empty ones left out."""
    return tuple(f for w in raw.get(cls, ()) if (f := fold_form(w)))


def _any_of(phrases: list[str]) -> re.Pattern[str] | None:
    """A pattern found wherever one of ``phrases`` is (None for no phrase)."""
    return re.compile("|".join(map(re.escape, phrases))) if phrases else None


class TriggerIndex:
    """All trigger forms of both languages compiled into one automaton, with the cue lists."""

    def __init__(self, triggers: tuple[Trigger, ...], cues: dict[str, Cues]) -> None:
        self.triggers = triggers
        self.matcher: Matcher[Trigger] = Matcher(
            ((form, t) for t in triggers for form in t.forms), enclitics=True
        )
        self.cues = cues
        self.preps = {t.id: frozenset(fold_form(p) for p in t.target_preps) for t in triggers}
        self.source_preps = {
            t.id: frozenset(fold_form(p) for p in t.source_preps) for t in triggers
        }
        self.excludes = {t.id: tuple(fold_form(x) for x in t.excludes) for t in triggers}
        self.requires = {t.id: tuple(fold_form(x) for x in t.requires) for t in triggers}

    @classmethod
    def build(cls) -> TriggerIndex:
        triggers = load_triggers("ar") + load_triggers("en")
        return cls(triggers, {"ar": _cues("ar"), "en": _cues("en")})


@dataclass(frozen=True, slots=True)
class MentionRef:
    start: int  # original offsets
    end: int
    actor: int
    conj: bool  # joined to the mention before it by "و"/"and"


def _mentions(doc: Document) -> list[MentionRef]:
    spans = sorted((m.start, m.end, i) for i, a in enumerate(doc.actors) for m in a.mentions)
    out: list[MentionRef] = []
    prev_end = -1
    for s, e, i in spans:
        gap = doc.text[prev_end:s].strip() if prev_end >= 0 else "x"
        same_span = bool(out) and out[-1].start == s
        conj = same_span or gap in {"و", "and", ",", "،", "&"}
        conj = conj or (doc.text[s] == "و" and prev_end >= 0 and not gap)
        # "ترامب والزعيم الكوري الشمالي كيم": a coordinated title before the name
        conj = (
            conj
            or (gap.startswith("و") and len(gap.split()) <= 4 and not _CLAUSE.search(gap))
            or (gap.lower().startswith("and ") and len(gap.split()) <= 4)
        )
        out.append(MentionRef(s, e, i, conj))
        prev_end = e
    return out


# The actor index of a place the models may take as a party (``_place_mentions``).
PLACE_ACTOR = -1


def _place_mentions(
    doc: Document,
    ctx: Context,
    mentions: list[MentionRef],
    sent: tuple[int, int],
    trig: tuple[int, int],
) -> dict[tuple[int, int], tuple[MentionRef, ArgRef]]:
    """The places of the sentence that name a country and no actor mention covers, each as a
    mention and as the party it would be (its country's government)."""
    covered = _starting_in(mentions, max(0, sent[0] - 200), sent[1])
    out: dict[tuple[int, int], tuple[MentionRef, ArgRef]] = {}
    for p in find_places(doc.text, sent[0], sent[1], ctx.places):
        if p.start is None or p.end is None or p.country is None:
            continue
        span = (p.start, p.end)
        if any(m.start < span[1] and span[0] < m.end for m in covered) or (
            span[0] < trig[1] and trig[0] < span[1]
        ):
            continue
        out[span] = (
            MentionRef(p.start, p.end, PLACE_ACTOR, False),
            ArgRef(None, p.country, "GOV", None, p.start, p.end),
        )
    return out


def _arg(
    doc: Document,
    m: MentionRef,
    placed: dict[tuple[int, int], tuple[MentionRef, ArgRef]] | None = None,
) -> ArgRef:
    if m.actor == PLACE_ACTOR and placed:
        return placed[(m.start, m.end)][1]
    a = doc.actors[m.actor]
    # a country that acts or is acted on is its government ("وتتهم بريطانيا", "visited Iran")
    sector = a.sector or ("GOV" if a.kind == "country" and a.country else None)
    return ArgRef(m.actor, a.country, sector, a.org, m.start, m.end)


def _words_before(
    norm: NormText, bounds: WordBounds, pos: int, sent_start: int, n: int
) -> list[str]:
    k = bounds.next_word(pos)
    words = bounds.words()
    out = []
    for s, e in reversed(words[max(0, k - n) : k]):
        if s < sent_start:
            break
        out.append(norm.norm[s:e])
    return out


def _status(
    hit: Hit[Trigger],
    norm: NormText,
    bounds: WordBounds,
    sent: tuple[int, int],
    cues: Cues,
    lang: str,
) -> tuple[str, str | None]:
    """Status of a trigger and the cue that set it."""
    before = _words_before(norm, bounds, hit.start, sent[0], STATUS_WINDOW)
    near = before[:NEGATION_WINDOW]
    text_before = norm.norm[sent[0] : hit.start]
    for w in near:
        if w in cues.negation:
            return "negated", w
    if lang == "ar" and hit.prefix in {"س", "وس", "فس"}:
        return "planned", "س"
    near_text = text_before[-60:]
    for phrase, cls in cues.status_phrases:
        if phrase in near_text:
            return _CLS_STATUS[cls], phrase
    for w in before:
        if w in cues.hypothetical:
            return "hypothetical", w
        if w in cues.expected:
            return "expected", w
        if w in cues.future:
            return "planned", w
    return "occurred", None


_CLS_STATUS = {
    "future": "planned",
    "expected": "expected",
    "hypothetical": "hypothetical",
    "negation": "negated",
}


def _planned_after(hit: Hit[Trigger], norm: NormText, bounds: WordBounds, cues: Cues) -> bool:
    """A noun trigger followed by "المرتقب", "المقرر", "upcoming": something scheduled."""
    k = bounds.next_word(hit.end)
    words = bounds.words()[k : k + 1]
    return any(norm.norm[s:e] in cues.future for s, e in words)


# Types whose mention as background ("in the wake of the attack", "غداة الهجوم") is not news;
# a meeting or an agreement recalled that way still happened and is coded.
_BACKGROUNDED = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
# Types whose trigger nouns name restrictions that a reversal verb undoes.
_REVERSIBLE = frozenset({"SANCTION", "COERCE"})
# Cooperative types whose refusal is a rejection (quad classes 1 and 2).
_REFUSABLE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


# Material cooperation reported in the future tense is a promise (PLOVER manual, AGREE).
_PROMISED = {"AID": "AGREE", "COOPERATE": "AGREE", "RETREAT": "CONCEDE"}
# A conflictual act announced for the future or put as a condition ("will impose sanctions",
# "will withdraw its troops unless", "would blockade the capital") is a threat, which the PLOVER
# manual codes as THREATEN ("THREATEN could be ASSAULT + hypothetical ... return the single
# category"); the mode is the threat's content.
_THREATENED = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations",
               "PROTEST": "restrict"}  # fmt: skip
# future cues that commit to help rather than warn ("offered to send", "pledged to")
_COMMITMENT = ("offer", "agree", "pledge", "promise", "willing", "ready", "vow")
_THREAT_MODES = {"arrest": "arrest", "expel": "expel", "deport": "expel", "occupy": "territory"}


def _refused(hit: Hit[Trigger], norm: NormText, sent: tuple[int, int], cues: Cues) -> bool:
    """A refusal cue stands among the few words before the trigger."""
    before = " " + norm.norm[max(sent[0], hit.start - 30) : hit.start]
    return any(
        f" {cue} " in before + " " or before.rstrip().endswith(" " + cue) for cue in cues.refusal
    )


def _background(
    hit: Hit[Trigger], norm: NormText, sent: tuple[int, int], cues: Cues, bounds: WordBounds
) -> bool:
    """The trigger names a past or general attack/protest as background, not as news."""
    before = _words_before(norm, bounds, hit.start, sent[0], 3)
    if any(w in cues.background for w in before):
        return True
    text_before = norm.norm[max(sent[0], hit.start - 25) : hit.start]
    return cues.background_phrases is not None and bool(cues.background_phrases.search(text_before))


def _is_question(norm: NormText, sent: tuple[int, int], cues: Cues) -> bool:
    text = norm.norm[sent[0] : sent[1]].rstrip()
    if text.endswith("?"):
        return True
    first = text.split(" ", 1)[0] if text else ""
    return first in cues.question


# Where a clause ends: punctuation, quote marks, complementizers and clause-opening
# conjunctions. An argument never crosses one (the subject of "قال كيري إن ..." is
# not the subject of what follows إن).
_CLAUSE = re.compile(
    r"[,،;؛:«»\"“”()]|(?<![\w\u0600-\u06ff])(?:[وف]?(?:إن|أن|ان|بأن|بان|لأن|لان|إنه|أنه|انه|أنها|انها|بينما|فيما|حين|"
    r"لكن|ولكن|إلا|الذي|التي|الذين|اللذين|حيث|بعدما|عندما|قبل أن|بعد أن)|that|while|but|which|who|"
    r"after|when|because)(?![\w\u0600-\u06ff])",
    re.IGNORECASE,
)
# Cooperative types that "X and Y" with no object assert of each other ("X and Y met").
# Types whose occurrence is news even when the text names no actor ("clashes broke
# out", "thousands demonstrated"); any other trigger without an actor is not coded.
_ARGLESS_OK = frozenset({"ASSAULT", "PROTEST"})
# Types coded with no target ("protesters rallied", "troops were deployed") ...
_TARGETLESS_OK = frozenset({"ASSAULT", "PROTEST", "MOBILIZE"})
# ... and with no named source (passives: "ثلاثة مدنيين قتلوا", "five were arrested").
_SOURCELESS_OK = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
_MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})


# A short aside in brackets (an acronym, a party's name, a photo position) does not end a
# clause: "the Libyan National Army (LNA) agreed", "حزب صالح (المؤتمر الشعبي العام) رفض".
_ASIDE = re.compile(r"\([^()]{1,30}\)")


def _clause_scan(text: str, sent: tuple[int, int], trig: tuple[int, int]) -> tuple[int, int]:
    """The clause around a trigger by its definition: the end of the last clause mark before
    the trigger and the start of the first after it, marks inside an aside skipped. Reads
    the sentence again for each trigger; ``_clause`` gives the same from marks found once."""
    cs, ce = sent
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text, sent[0], sent[1])]

    def aside(pos: int) -> bool:
        return any(s <= pos < e for s, e in asides)

    for m in _CLAUSE.finditer(text, sent[0], trig[0]):
        if not aside(m.start()):
            cs = m.end()
    for m in _CLAUSE.finditer(text, trig[1], sent[1]):
        if not aside(m.start()):
            ce = m.start()
            break
    return cs, ce


# How far past its start one attempt of ``_CLAUSE`` may read (a proclitic, the longest word
# and the lookahead come to 9), with room: an attempt starting this far before where a scan
# stops sees the same characters as one in a scan to the end of the sentence.
_CLAUSE_REACH = 16


@dataclass(frozen=True, slots=True)
class _ClauseMarks:
    """The clause marks of one sentence (one scan to its end), for all its triggers."""

    starts: list[int]
    ends: list[int]
    at: dict[int, int]  # a mark's start -> its index
    free_end: list[int]  # the end of the last mark up to i outside an aside, or -1
    free_start: list[int]  # the start of the first mark from i on outside an aside, or -1
    aside_starts: list[int]
    aside_ends: list[int]

    def in_aside(self, pos: int) -> bool:
        i = bisect_right(self.aside_starts, pos) - 1  # asides do not overlap
        return i >= 0 and pos < self.aside_ends[i]


@functools.lru_cache(maxsize=16)
def _clause_marks(text: str, start: int, end: int) -> _ClauseMarks:
    asides = [m.span() for m in _ASIDE.finditer(text, start, end)]
    spans = [m.span() for m in _CLAUSE.finditer(text, start, end)]
    marks = _ClauseMarks(
        starts=[s for s, _ in spans],
        ends=[e for _, e in spans],
        at={s: i for i, (s, _) in enumerate(spans)},
        free_end=[],
        free_start=[],
        aside_starts=[s for s, _ in asides],
        aside_ends=[e for _, e in asides],
    )
    last = -1
    for s, e in spans:
        if not marks.in_aside(s):
            last = e
        marks.free_end.append(last)
    first = -1
    for s, _ in reversed(spans):
        if not marks.in_aside(s):
            first = s
        marks.free_start.append(first)
    marks.free_start.reverse()
    return marks


def _clause(text: str, sent: tuple[int, int], trig: tuple[int, int]) -> tuple[int, int]:
    """The clause around a trigger, as original offsets inside the sentence: what
    ``_clause_scan`` gives, in time bounded by the clause rather than the sentence.

    The scan back from the sentence start stops at the trigger, so near the trigger its
    matches may differ from the sentence-wide scan's: the marks starting more than
    ``_CLAUSE_REACH`` before it are the sentence's, and only the rest is scanned again. The
    scan forward from the trigger rejoins the sentence's at the first mark they share.
    """
    s0, s1 = sent
    if not s0 <= trig[0] <= trig[1] <= s1:
        return _clause_scan(text, sent, trig)
    marks = _clause_marks(text, s0, s1)
    limit = trig[0] - _CLAUSE_REACH
    k = bisect_right(marks.starts, limit) - 1
    cs = marks.free_end[k] if k >= 0 and marks.free_end[k] >= 0 else s0
    resume = max(marks.ends[k] if k >= 0 else s0, limit + 1)
    for m in _CLAUSE.finditer(text, resume, trig[0]):
        if not marks.in_aside(m.start()):
            cs = m.end()
    ce = s1
    for m in _CLAUSE.finditer(text, trig[1], s1):
        if not marks.in_aside(m.start()):
            ce = m.start()
            break
        i = marks.at.get(m.start())
        if i is not None:  # the sentence's own mark: the rest of the scan is the sentence's
            ce = marks.free_start[i] if marks.free_start[i] >= 0 else s1
            break
    return cs, ce


_APPOSITION_GAP = re.compile(r"\s*(?:has|have|had|will|would|is|was|were|are|also|on \w+|\s)*\s*$")


def _before_apposition(
    text: str, mentions: list[MentionRef], sent_start: int, cs: int, trig_start: int
) -> list[MentionRef]:
    """Mentions before an appositive: "X, the envoy, said" -> [X], else [].

    Only when the clause opens with a comma and holds nothing but auxiliaries before
    the trigger; at most two commas back.
    """
    if cs <= sent_start or text[cs - 1] != "," or not _APPOSITION_GAP.match(text, cs, trig_start):
        return []
    start = cs - 1
    for _ in range(2):
        prev = text.rfind(",", sent_start, start)
        found = [m for m in mentions if max(prev + 1, sent_start) <= m.start and m.end <= start]
        if _CLAUSE.search(text[max(prev + 1, sent_start) : start].replace(",", " ")):
            return []
        if found:
            return found
        if prev < 0:
            return []
        start = prev
    return []


_PRONOUN_CLAUSE_AR = re.compile(r"(?:^|\s)[وف]?(?:ب?[أإا]ن|ل[أا]ن)(?:ه|ها|هم|هما)\s*$")
_PRONOUN_CLAUSE_EN = re.compile(r"\s*(?:that\s+)?(?:he|she|it|they)\b", re.IGNORECASE)


# Verbal acts whose object may be another trigger's noun ("welcomed the agreement").
_SPEECH_ACTS = frozenset({"SUPPORT", "ACCUSE", "REJECT", "REQUEST"})
# Cooperative types, whose target benefits, and the purposes that put an adversary next
# ("to fight", "للتصدي ل"); a bare "against" is left out: "lifted sanctions against X".
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_ADVERSATIVE = re.compile(
    r"(?<![\w\u0600-\u06ff])(?:لمواجهه|للتصدي|لمحاربه|لقتال|لضرب|لمكافحه|"
    r"to fight|to counter|to combat|to confront)(?![\w\u0600-\u06ff])"
)


def _uncoded_mention(doc: Document, m: MentionRef) -> bool:
    a = doc.actors[m.actor]
    return a.country is None and a.org is None


def _pronoun_subject(
    text: str,
    mentions: list[MentionRef],
    sent: tuple[int, int],
    cs: int,
    trig: tuple[int, int],
    targets: list[MentionRef],
) -> list[MentionRef]:
    """The main-clause subject when the trigger's clause opens with a pronoun subject.

    Arabic: the clause starts right after "أنه"/"إنها"/"بأنهم"; English: the clause
    starts with he/she/it/they. The subject is the nearest actor group before that,
    in the same sentence, that is not one of the targets.
    """
    head = text[max(sent[0], cs - 12) : cs]
    if not (_PRONOUN_CLAUSE_AR.search(head) or _PRONOUN_CLAUSE_EN.match(text, cs, trig[0])):
        return []
    taken = {(m.start, m.actor) for m in targets}
    before = [
        m
        for m in _starting_in(mentions, sent[0], cs + 1)
        if sent[0] <= m.start and m.end <= cs and (m.start, m.actor) not in taken
    ]
    return _last_group(before) if before else []


def _gap_words(text: str, start: int, end: int) -> list[str]:
    """The folded words of ``text[start:end]``, English articles left out."""
    return [w for w in fold_form(text[start:end]).split() if w not in _ARTICLES]


def _proclitic(text: str, start: int) -> str:
    """A preposition glued to the word at ``start`` ("بموسكو", "للتحالف"), else ""."""
    head = fold_form(text[start : start + 2])
    return head[:1] if head[:1] in {"ب", "ل"} else ""


def _group(ms: list[MentionRef], i: int) -> list[MentionRef]:
    """The mention at ``i`` and those coordinated with it after it ("X و Y")."""
    j = i + 1
    while j < len(ms) and ms[j].conj:
        j += 1
    return ms[i:j]


def _last_group(ms: list[MentionRef]) -> list[MentionRef]:
    """The last mention of ``ms`` and those coordinated with it before it ("X و Y")."""
    j = len(ms) - 1
    while j > 0 and ms[j].conj:
        j -= 1
    return ms[j:]


def _pick_args(
    doc: Document,
    t: Trigger,
    trig: tuple[int, int],
    sent: tuple[int, int],
    clause: tuple[int, int],
    mentions: list[MentionRef],
    index: TriggerIndex,
    lang: str,
    said: _Said,
) -> tuple[list[MentionRef], list[MentionRef], bool]:
    """Sources and targets of a trigger from the mentions of its clause (the span ``clause``
    of ``_clause``); True when mutual."""
    cs, ce = clause
    # the object may follow a comma-free run: look one clause further for it
    inside = [m for m in _starting_in(mentions, cs, ce + 1) if m.end <= ce and not (
        m.start < trig[1] and trig[0] < m.end)]  # fmt: skip
    before = [m for m in inside if m.end <= trig[0]]
    after = [m for m in inside if m.start >= trig[1]]
    preps = index.preps[t.id]
    sources: list[MentionRef] = []
    targets: list[MentionRef] = []

    def prep_before(m: MentionRef) -> str:
        words = _gap_words(doc.text, trig[1], m.start)
        return words[-1] if words else _proclitic(doc.text, m.start)

    def close_before(m: MentionRef) -> bool:
        gap = _ASIDE.sub(" ", doc.text[m.end : trig[0]])
        return len(gap.split()) <= 1

    def close_after(m: MentionRef) -> bool:
        return len(doc.text[trig[1] : m.start].split()) <= 3

    own = (
        [
            m
            for m in _reaching(mentions, trig[0], trig[1])
            if trig[0] < m.end and doc.actors[m.actor].kind == "group"
        ]
        if t.type in {"PROTEST", "ASSAULT"} and not t.passive
        else []
    )
    if own:
        # "تجمع مائة محتج خارج مكتب الوزير", "protesters rallied": the trigger word names
        # the actors themselves
        return own[:1], (_group(after, 0) if after else []), False
    antecedent = _relative_antecedent(doc.text, cs, trig, mentions)
    if antecedent is not None and lang == "ar" and not t.passive:
        # "واشنطن التي تتهم النظام السوري": the relative clause's verb has the noun before
        # "التي" as its subject
        targets = _group(after, 0) if after and close_after(after[0]) else []
        if targets and not t.object_is_target and prep_before(targets[0]) not in preps:
            targets = []
        return [antecedent], targets, False

    trig_words = fold_form(doc.text[trig[0] : trig[1]]).split()

    def between(m: MentionRef) -> bool:
        # "بين كيري ولافروف", "between the Syrian government and ...": the preposition
        # may stand a few words before the mention's head noun, but right after the
        # trigger ("welcomed the agreement between X and Y" is not talks between them)
        words = _gap_words(doc.text, trig[1], m.start)
        if trig_words[-1:] in (["between"], ["بين"]):
            return len(words) <= 2
        at = next((i for i, w in enumerate(words) if w in {"between", "بين"}), None)
        if at is None:
            head = fold_form(doc.text[m.start : m.start + 3])
            at = len(words) if head.startswith("بين") and len(head) > 3 else None
        return at == 0 and len(words) <= 3

    if after and between(after[0]) and len(_group(after, 0)) > 1:
        # "مباحثات بين كيري ولافروف", "talks between X and Y": each with the others
        return _group(after, 0), [], True
    # "لن تفرج عن المعتقلين": a trigger that ends in its preposition has its object next
    ends_in_prep = len(trig_words) > 1 and trig_words[-1] in _AR_PREPOSITIONS
    dropped = (
        _dropped_subject(doc, trig, sent, after[0] if after else None, said)
        if lang == "ar"
        else None
    )
    if dropped is not None and not before:
        # "وانتقد أداء وزير الخارجية": the sentence opens with its verb, whose subject is the
        # speaker of the sentences before; the actor after the verb is in its object
        sources = [dropped]
        targets = _group(after, 0) if after else []
    elif lang == "ar":
        if after and close_after(after[0]) and ends_in_prep:
            targets = _group(after, 0)
            sources = _last_group(before) if before else []
        elif before and close_before(before[-1]):
            # subject first: "الحزب الحاكم (حركة النهضة) رفض دعوة الاتحاد"
            sources = _last_group(before)
            if after:
                targets = _group(after, 0)
        elif after and close_after(after[0]) and prep_before(after[0]) not in preps:
            # verb first: subject then object
            sources = _group(after, 0)
            rest = after[len(sources) :]
            if rest:
                targets = _group(rest, 0)
        elif before:
            # noun first, or a nominal trigger after its source
            sources = _last_group(before)
            if after:
                targets = _group(after, 0)
        elif after:
            # nominal trigger: "غارات للتحالف على صنعاء"
            first = _group(after, 0)
            if prep_before(after[0]) in preps:
                targets = first
            else:
                sources = first
                rest = after[len(first) :]
                if rest:
                    targets = _group(rest, 0)
    else:
        if not before:
            # "Bahrain's prime minister, Prince Khalifa, received ...": the subject
            # stands before an appositive set off by commas
            before = _before_apposition(doc.text, mentions, sent[0], cs, trig[0])
        if before:
            sources = _last_group(before)
            j = len(before) - len(sources)
            if j > 0 and _LOCATED_IN.fullmatch(doc.text, before[j - 1].end, sources[0].start):
                # "Police in the U.S. arrested ...": the place names where the subject is
                sources = [before[j - 1]]
        if after:
            targets = _group(after, 0)
    if (
        targets
        and t.type in _COOPERATIVE
        and _ADVERSATIVE.search(fold_form(doc.text[trig[1] : targets[0].start]))
    ):
        # "يؤيد تدخلا بريا للتصدي لداعش", "backed a force to fight ISIS": the actor named
        # after the purpose is the adversary of what is supported, not its beneficiary
        targets = []
    if not sources and not t.passive:
        # "أعلن كيري أنه توصل إلى اتفاق", "Kerry said he had reached a deal": the pronoun
        # subject of a reported clause is the subject of the verb that reports it
        sources = _pronoun_subject(doc.text, mentions, sent, cs, trig, targets)
    if t.passive:
        sources, targets = targets, sources
    if not t.object_is_target and targets and prep_before(targets[0]) not in preps:
        targets = []
    if (
        t.type in _MUTUAL
        and len(sources) > 1
        and targets
        and all(_uncoded_mention(doc, m) for m in targets)
    ):
        # "Iran and Saudi Arabia agreed to reopen their embassies": the pair acts on each
        # other; an uncoded role word after the verb is not a third party
        targets = []
    mutual = t.type in _MUTUAL and len(sources) > 1 and not targets
    return sources, targets, mutual


_LOCATED_IN = re.compile(r"\s+in\s+(?:the\s+)?", re.IGNORECASE)


# Words that may stand between a verb and its subject: "قال أمس الوزير", "أكد بدوره".
_VERB_SUBJECT_GAP = frozenset(
    fold_form(w)
    for w in (
        "اليوم أمس امس الليلة صباح مساء ظهر فجر الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت",
        "الأحد يوم أيضا ايضا كذلك بدوره بدورها بدورهم بشدة مجددا رسميا علنا من جهته جهتها",
        "جانبه جانبها في بيان تصريح مؤتمر صحفي خلال",
    )
    for w in w.split()
)
DROPPED_SUBJECT_SENTENCES = 2


def _dropped_subject(
    doc: Document,
    trig: tuple[int, int],
    sent: tuple[int, int],
    first: MentionRef | None,
    said: _Said,
) -> MentionRef | None:
    """The last speaker, when a sentence opens with a verb whose subject goes unsaid.

    Only when the first actor after the verb is not next to it ("وانتقد أداء الوزير"):
    a subject follows its verb directly, or after a time word.
    """
    lead = doc.text[sent[0] : trig[0]].strip()
    if lead not in {"و", "ف"} or first is None:
        return None
    gap = fold_form(doc.text[trig[1] : first.start]).split()
    if not gap or all(w in _VERB_SUBJECT_GAP for w in gap):
        return None
    q = said.last_before(trig[0])
    if q is None:
        return None
    sp = q.speaker
    here = _sentence_index(doc, sent[0])
    if sp is None or sp.actor is None or q.sentence < here - DROPPED_SUBJECT_SENTENCES:
        return None
    return MentionRef(sp.start, sp.end, sp.actor, False)


class _Said:
    """The quotes with a speaker by where each is said (its cue, else its start), sorted once
    per document: the last said before a position is found by bisection, not a scan of every
    quote per trigger."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        # ties in the order of the quotes: the first of them is the one taken
        said = sorted(
            (q.cue.start if q.cue else q.start, n)
            for n, q in enumerate(quotes)
            if q.speaker is not None
        )
        self.at = [at for at, _ in said]
        self.quotes = [quotes[n] for _, n in said]

    def last_before(self, pos: int) -> Quote | None:
        """The quote said last before ``pos`` (the first of the quotes said there)."""
        i = bisect_left(self.at, pos) - 1
        if i < 0:
            return None
        return self.quotes[bisect_left(self.at, self.at[i])]


def _sentence_index(doc: Document, pos: int) -> int:
    # bisected by key: a list of every sentence's start per call grew with the document
    return max(0, bisect_right(doc.sentences, pos, key=_sentence_start) - 1)


def _sentence_start(s: Sentence) -> int:
    return s.start


_RELATIVE_WORDS = ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي")
_RELATIVE = re.compile(rf"(?:{'|'.join(_RELATIVE_WORDS)})\s*$")
_RELATIVE_LONGEST = max(map(len, _RELATIVE_WORDS))


def _relative_antecedent(
    text: str, cs: int, trig: tuple[int, int], mentions: list[MentionRef]
) -> MentionRef | None:
    """The mention just before "التي"/"الذي" when the trigger is the verb right after it."""
    if text[cs : trig[0]].strip():
        return None  # the verb must follow the relative pronoun directly
    # the pronoun ends where the spaces before ``cs`` begin: search only from a pronoun's
    # length before them (the same match as a search from 0, without reading the whole text)
    ws = cs
    while ws > 0 and text[ws - 1].isspace():
        ws -= 1
    rel = _RELATIVE.search(text, max(0, ws - _RELATIVE_LONGEST), cs)
    if rel is None:
        return None
    # the last mention (by start) that ends by the pronoun: none starting after it does
    at = rel.start()
    last = next(
        (m for m in reversed(mentions[: bisect_right(mentions, at, key=_start)]) if m.end <= at),
        None,
    )
    if last is None or text[last.end : at].strip():
        return None
    return last


# How many words an English request's addressee may take before "to" and the act asked for
# ("urged the Sudanese army to release").
REQUEST_REACH = 6


def _cue_word(word: str, cues: frozenset[str]) -> bool:
    """A folded word is one of ``cues``, alone or after the conjunction و or ف ("وقال")."""
    return word in cues or (word[:1] in {"و", "ف"} and word[1:] in cues)


def _requested(
    norm: NormText, bounds: WordBounds, request: Hit[Trigger], hit: Hit[Trigger], sent_start: int
) -> bool:
    """The trigger is the act a request asks for, in one clause: "urged X to <act>",
    "demanded that X <act>", "حث X على <act>", "طالب X ب<act>", or the act a word of
    obligation demands within two words: "Israel must end the attacks", "يجب على روسيا سحب"."""
    if hit.value.type == "REQUEST" or hit.start < request.end:
        return False
    if request.value.addressee:
        near = _words_before(norm, bounds, hit.start, request.end, 3)
        if len(near) <= 2 and not _CLAUSE.search(norm.norm, request.end, hit.start):
            return True
    if hit.value.lang == "ar":
        return (
            request.value.lang == "ar"
            and request.start >= sent_start
            and _ar_governed(norm, bounds, request.end, hit)
        )
    if hit.value.lang != "en":
        return False
    words = _words_before(norm, bounds, hit.start, request.end, REQUEST_REACH + 1)
    if len(words) > REQUEST_REACH:
        return False
    start = request.end
    if words and words[-1] == "that":  # nearest last: the first word after the request
        start = norm.norm.index("that", request.end) + len("that")
    elif "to" not in words:
        return False
    return not _CLAUSE.search(norm.norm, start, hit.start)


# A possessive before the party obliged makes it the speaker's own side.
_OWN_SIDE = frozenset({"his", "her", "its", "their", "our"})
# How far before the party obliged a speech verb may stand for its speaker to be the one who
# demands ("Russia says Israel must", "قال الوزير الفرنسي إن على إسرائيل أن").
SPEAKER_REACH = 10


def _demand_args(
    doc: Document,
    mentions: list[MentionRef],
    trig: tuple[int, int],
    sent: tuple[int, int],
    cues: Cues,
    t: Trigger,
) -> tuple[list[MentionRef], list[MentionRef]] | None:
    """Who demands of whom, for a word of obligation: the party named right before ("Israel
    must") or after it ("يجب على إسرائيل"), and the speaker whose speech verb governs it.
    None when either is missing or they are the same party ("we must", "قال إن علينا")."""
    ms = _starting_in(mentions, *sent)
    if t.addressee == "before":
        before = [m for m in ms if m.end <= trig[0]]
        if not before or len(_gap_words(doc.text, before[-1].end, trig[0])) > 2:
            return None
        if _CLAUSE.search(doc.text, before[-1].end, trig[0]):
            return None
        obliged = _last_group(before)
    else:
        after = [m for m in ms if m.start >= trig[1]]
        if not after or len(_gap_words(doc.text, trig[1], after[0].start)) > 1:
            return None
        obliged = _group(after, 0)
    first = min(m.start for m in obliged)
    if set(_gap_words(doc.text, max(sent[0], first - 8), first)[-1:]) & _OWN_SIDE:
        return None  # "his government must": one's own side, a resolve rather than a demand
    parties = {m.actor for m in obliged}
    countries = {doc.actors[m.actor].country for m in obliged} - {None}

    def speech(words: list[str]) -> bool:
        return any(_cue_word(w, cues.speech) for w in words)

    for m in reversed([m for m in ms if m.end <= first]):
        gap = _gap_words(doc.text, m.end, first)
        if len(gap) > SPEAKER_REACH:
            return None
        if m.actor in parties:
            continue
        if doc.actors[m.actor].country in countries:
            return None  # the speaker's own country obliged: not a demand on another party
        # the verb between speaker and party ("Russia says Israel must"), or right before the
        # speaker, as Arabic puts it ("قال الوزير إن على")
        if speech(gap) or speech(_gap_words(doc.text, max(sent[0], m.start - 12), m.start)[-2:]):
            return [m], obliged
    return None


# Particles that open the act an Arabic verb governs: "حث X على سحب", "دعا X إلى الإفراج",
# "امتنع عن", "طالب بأن", "رفض أن" (folded).
_AR_GOVERNED_BY = frozenset({"علي", "الي", "عن", "ان", "بان"})
# Proclitic runs that mark the same on the act itself ("طالب X بوقف"), or join it to an act so
# marked ("بالإفراج عن X والانسحاب"); a bare "و" may open another clause ("وأطلقت الشرطة").
_AR_GOVERNED_PREFIX = frozenset({"ب", "بال", "ل", "لل", "وب", "وبال", "ول", "ولل", "وال"})


def _ar_governed(norm: NormText, bounds: WordBounds, verb_end: int, hit: Hit[Trigger]) -> bool:
    """The Arabic trigger is the act a request or refusal verb ending at ``verb_end`` asks for
    or refuses: a few words on, in one clause, opened by a particle (على، إلى، عن، أن), by the
    proclitic ب or ل, or a definite verbal noun right after the addressee ("ناشد X السماح")."""
    ws = hit.start - len(hit.prefix)
    words = _words_before(norm, bounds, ws, verb_end, REQUEST_REACH + 1)
    if len(words) > REQUEST_REACH:
        return False
    breaks = list(_CLAUSE.finditer(norm.norm, verb_end, ws))
    # nearest word first: "رفض أن يفرج", "طالب بأن": only that "أن" may open a clause
    if breaks and not (
        len(breaks) == 1
        and bool(words)
        and words[0] in {"ان", "بان"}
        and not norm.norm[breaks[0].end() : ws].strip()
    ):
        return False
    head = hit.prefix + norm.norm[hit.start : hit.start + 3]
    return (
        bool(words and words[0] in _AR_GOVERNED_BY)
        or hit.prefix in _AR_GOVERNED_PREFIX
        or head.startswith(("ال", "وال"))
    )


def _refused_by_verb(
    norm: NormText, bounds: WordBounds, hit: Hit[Trigger], sent_start: int, cues: Cues
) -> bool:
    """An Arabic verb of refusing governs the trigger: "رفضت الحكومة الإفراج عن",
    "امتنعت السلطات عن السماح بدخول", "أبى أن ينسحب"."""
    if not cues.refuse:
        return False
    ws = hit.start - len(hit.prefix)
    words = bounds.words()
    k = bounds.next_word(ws)
    for s, e in reversed(words[max(0, k - REQUEST_REACH - 1) : k]):
        if s < sent_start:
            break
        w = norm.norm[s:e]
        if _cue_word(w, cues.refuse):
            return _ar_governed(norm, bounds, e, hit)
    return False


# How many words a truce may stand after the verb that declares it (the verb, then its subject).
DECLARE_REACH = 4
# A truce declared by one side: a unilateral ceasefire (CAMEO 0871), not an agreed one (0356).
_DECLARED_TRUCE = ("RETREAT", "0871", "ceasefire")


def _declared(
    norm: NormText, bounds: WordBounds, hit: Hit[Trigger], sent: tuple[int, int], cues: Cues
) -> bool:
    """One side declares or orders the truce: a declare verb among the few words before it in
    one clause with no agreement word between ("أعلنت الحكومة الإثيوبية هدنة"), or a
    one-sided phrase right after it ("وقفا لإطلاق النار من جانب واحد")."""
    after = norm.norm[hit.end : min(sent[1], hit.end + 25)]
    if any(f" {p}" in f" {after}" for p in cues.unilateral):
        return True
    if after.split()[:1] and after.split()[0] in {"مع", "بين", "with", "between"}:
        return False  # "التهدئة مع حماس": a truce with someone is agreed with them
    if not cues.declare:
        return False
    ws = hit.start - len(hit.prefix)
    words = bounds.words()
    k = bounds.next_word(ws)
    for s, e in reversed(words[max(0, k - DECLARE_REACH) : k]):
        if s < sent[0]:
            return False
        w = norm.norm[s:e]
        if w in cues.agreed:
            return False
        if _cue_word(w, cues.declare):
            return not _CLAUSE.search(norm.norm, e, ws)
    return False


# A ta marbuta, after any harakat: the normalised text folds it to ه, the enclitic pronoun.
_TA_MARBUTA = re.compile("[\u064b-\u0652]*\u0629")


# How many words may stand between a speech act and the act it names as its object
# ("ندد بغياب تونس في الاجتماعات", "welcomed the Saudi offer of talks").
OBJECT_REACH = 4


def _speech_object(
    norm: NormText, bounds: WordBounds, speech: Hit[Trigger], hit: Hit[Trigger]
) -> bool:
    """The trigger sits in the object of the speech act before it ("أدان الهجوم", "criticised
    the absence from the meetings"). Attacks and protests are weighed by the eventness judge,
    which reads reactions itself; for them only the word right after the speech act counts."""
    if hit.value.type in GATED_TYPES:
        return hit.start - speech.end <= 8
    return len(_words_before(norm, bounds, hit.start, speech.end, OBJECT_REACH + 1)) <= OBJECT_REACH


def find_events(doc: Document, ctx: Context, collect: list[Candidate] | None = None) -> list[Event]:
    """The events of a document. With the learned models (``ctx.models()``) the rules'
    filters become features and the models decide; ``collect`` gathers every candidate with
    its features, for training, and keeps them all."""
    index = ctx.triggers()
    models = None if collect is not None else ctx.models()
    generous = collect is not None or models is not None
    norm = normalize(doc.text)
    bounds = word_bounds(norm.norm)
    mentions = _mentions(doc)
    reach = list(accumulate((m.end for m in mentions), max))
    in_quote = _inside_any([(q.start, q.end) for q in doc.quotes])
    said = _Said(doc.quotes)
    hits = sorted(
        index.matcher.find(norm.norm, bounds), key=lambda h: (h.start, -(h.end - h.start))
    )
    # sentence spans in normalised coordinates, for locating hits
    norm_starts = [_to_norm(norm, s.start) for s in doc.sentences]
    published = parse_iso(doc.published)
    out: list[Event] = []
    taken_end = -1
    prev_hit: Hit[Trigger] | None = None
    request: Hit[Trigger] | None = None  # the last request kept: what it asks for is not done
    vetoed = (-1, -1)  # the word of the last trigger its excludes or requires ruled out
    for hit in hits:
        if hit.start < taken_end:
            continue  # a longer trigger already covers this one
        k = bisect_right(norm_starts, hit.start) - 1
        if k < 0:
            continue
        sent = doc.sentences[k]
        seg = doc.segments[sent.segment]
        if seg.kind in _SKIP_SEGMENTS:
            continue
        t = hit.value
        lang = t.lang
        cues = index.cues.get(lang, index.cues["ar"])
        nsent = (norm_starts[k], _to_norm(norm, sent.end))
        window = norm.norm[nsent[0] : nsent[1]]
        if vetoed[0] < hit.start < vetoed[1]:
            continue  # the same word read with more proclitics: "وبحث" is not "و+ب+حث"
        # a filter that would drop the trigger: the rules alone drop it, the models read it
        flags: list[str] = []
        if any(x and x in window for x in index.excludes[t.id]):
            if not generous:
                vetoed = (hit.start, bounds.word_end(hit.start) or hit.end)
                continue
            flags.append("excluded")  # a veto word of the entry near it
        if index.requires[t.id] and not any(x in window for x in index.requires[t.id]):
            if not generous:
                vetoed = (hit.start, bounds.word_end(hit.start) or hit.end)
                continue
            flags.append("unrequired")  # none of the words the entry asks for
        why: tuple[tuple[str, float], ...] = ()
        if t.candidate:
            if not generous:
                continue  # for the models to weigh; the rules alone would keep too many
            flags.append("candidate")
        if _is_question(norm, nsent, cues):
            if not generous:
                continue
            flags.append("question")
        if t.type in _BACKGROUNDED and _background(hit, norm, nsent, cues, bounds):
            if not generous:
                continue
            flags.append("background")
        if t.type in _REVERSIBLE and any(
            w in cues.reversal for w in _words_before(norm, bounds, hit.start, nsent[0], 4)
        ):
            if not generous:
                continue  # "lifted sanctions on", "رفع حظر التجول": undone, not imposed
            flags.append("reversal")
        ts, te = norm.span(hit.start, hit.end)
        if hit.suffix[:1] == "ه" and _TA_MARBUTA.match(doc.text, te):
            continue  # "دعاة" (advocates), "قتلة" (killers): a noun's ة, not the pronoun ه
        if _inside_name(mentions, reach, ts, te):
            continue  # "Amnesty" in "Amnesty International", "التعاون" in "مجلس التعاون"
        if (
            prev_hit is not None
            and prev_hit.value.type in _SPEECH_ACTS
            and prev_hit.value.type != t.type
            and nsent[0] <= prev_hit.start
            and hit.start >= prev_hit.end
            and _speech_object(norm, bounds, prev_hit, hit)
            and not _CLAUSE.search(norm.norm, prev_hit.end, hit.start)
        ):
            if not generous:
                continue  # "welcomed the agreement", "أدان الهجوم": the object of a speech act
            flags.append("speech_object")
        if request is not None and _requested(norm, bounds, request, hit, nsent[0]):
            if lang == "ar":
                # what the act asked for governs in turn is asked for too ("دعا إلى التوصل إلى
                # اتفاق لوقف إطلاق النار"), and a shorter trigger inside it is not another act
                request = request._replace(end=hit.end)
                taken_end = hit.end
            if not generous:
                continue  # "urged Iran to release", "called on the US to lift": asked for
            flags.append("requested")
        taken_end = hit.end
        prev_hit = hit
        if t.type == "REQUEST" and lang == "en":
            request = hit
        status, cue = _status(hit, norm, bounds, nsent, cues, lang)
        clause = _clause(doc.text, (sent.start, sent.end), (ts, te))
        sources, targets, mutual = _pick_args(
            doc, t, (ts, te), (sent.start, sent.end), clause, mentions, index, lang, said
        )
        if t.addressee:
            demand = _demand_args(doc, mentions, (ts, te), (sent.start, sent.end), cues, t)
            if demand is None:
                if not generous:
                    continue  # "we must", or no one who says it: a modal, not a demand
                flags.append("no_demand")
            else:
                sources, targets, mutual = demand[0], demand[1], False
        arg_cands: list[tuple[MentionRef, list[str]]] = []
        placed: dict[tuple[int, int], tuple[MentionRef, ArgRef]] = {}
        if generous:
            # a country or town of the sentence that the actor stage read as a place ("قطع
            # علاقاته مع إيران") may still be a party: a candidate for the models
            placed = _place_mentions(doc, ctx, mentions, (sent.start, sent.end), (ts, te))
            # the candidates read only the mentions starting in the sentence: those and the
            # places, in the order a stable sort of the whole list would give them
            arg_cands = arg_candidates(
                doc, sorted([*_starting_in(mentions, sent.start, sent.end),
                             *(m for m, _ in placed.values())], key=_start)
                if placed else mentions, (ts, te), (sent.start, sent.end), sources,
                targets, t.type, lang, t.passive,
            )  # fmt: skip
            if models is not None:
                sources, targets = pick_args(arg_cands, models)
                mutual = mutual or (t.type in _MUTUAL and len(sources) > 1 and not targets)
        # the date reads the status before a following "المرتقب" makes it planned
        date_status = status
        if status == "occurred" and _planned_after(hit, norm, bounds, cues):
            status = "planned"
        ttype, rule, tmode, tcameo, symmetric = t.type, t.id, t.mode, t.cameo, t.symmetric
        if (
            t.type == "AGREE"
            and t.cameo == "0356"
            and not mutual
            and len(sources) <= 1
            and _declared(norm, bounds, hit, nsent, cues)
        ):
            # "أعلنت الحكومة هدنة": a ceasefire one side declares is not agreed with anyone
            ttype, tcameo, tmode = _DECLARED_TRUCE
            rule, symmetric = f"{t.id}+declared", False
        # "رفضت الحكومة الإفراج عن": not done; a refusal itself hypothetical or planned ("في
        # حال رفض الكونغرس الاتفاق") leaves the act's own status
        refused = status == "occurred" and _refused_by_verb(norm, bounds, hit, nsent[0], cues)
        if refused:
            status = "negated"
        if (
            status == "negated"
            and t.type in _REFUSABLE
            and (refused or _refused(hit, norm, nsent, cues))
        ):
            # "will not release the hostages": a rejection, not a non-event
            ttype, rule, status = "REJECT", f"{t.id}+refusal", "occurred"
        elif status == "planned" and t.type in _PROMISED:
            # "will send aid", "said they would free the hostages": a promise made now, which
            # the PLOVER manual codes as AGREE (a promised withdrawal or release as CONCEDE)
            ttype, rule, status, tmode = _PROMISED[t.type], f"{t.id}+promise", "occurred", None
        elif (
            date_status in {"planned", "hypothetical"}
            and t.type in _THREATENED
            and lang == "en"
            and not (cue or "").startswith(_COMMITMENT)
        ):
            ttype, rule, status = "THREATEN", f"{t.id}+threat", "occurred"
            tmode = _THREAT_MODES.get(t.mode or "", _THREATENED[t.type])
        if not sources and not targets and t.type not in _ARGLESS_OK:
            if not generous:
                continue
            flags.append("no_args")
        if t.source_person and not (sources and all(_is_person(doc, m) for m in sources)):
            if not generous:
                continue
            flags.append("source_not_person")
        # an interaction needs both sides; only some types are news with one side unnamed.
        # Other parties count when they share the trigger's clause in English, whose
        # clause marks ("who", "that", commas) are reliable; an Arabic sentence chains its
        # clauses with "و" and no commas, so there the whole sentence counts.
        scope = clause if lang == "en" else (sent.start, sent.end)
        if (
            not targets
            and not mutual
            and t.type not in _TARGETLESS_OK
            and ".visit" not in t.id
            and (t.object_is_target or t.target_preps)  # "resigned" has no one to act on
            and _other_actors(doc, mentions, sources, scope, (ts, te), lang)
        ):
            # the sentence names other parties but none could be tied to the trigger:
            # a guess would be wrong more often than right
            if not generous:
                continue
            flags.append("unpaired_target")
        if (
            not sources
            and t.type not in _SOURCELESS_OK
            and _other_actors(doc, mentions, targets, scope, (ts, te), lang)
        ):
            if not generous:
                continue
            flags.append("unpaired_source")
        # the judge, date and place last: most triggers are dropped before them.
        # How eventful the trigger reads: the actors of its own clause, not the trigger
        # word itself ("متظاهرين") nor the noun before "التي"
        n_args = sum(
            1
            for m in sources + targets
            if m.start >= clause[0] and not (m.start < te and ts < m.end)
        )
        factor = judge(doc, k, hit, norm, bounds, n_args, hits)
        if status in {"occurred", "planned"} and _scheduled(doc, sent, published, ts):
            # "لتنظيم احتجاج يوم السبت القادم": dated after the story, so announced, not past
            status, factor = "planned", max(factor, 0.5)
        if factor <= 0.0:
            if not generous:
                continue
            flags.append("judged_out")
        conf = t.confidence * factor * (1.0 if sources else 0.7)
        conf *= 1.0 if targets or not t.object_is_target else 0.85
        if generous:
            feats = event_features(
                norm=norm,
                bounds=bounds,
                span=(hit.start, hit.end),
                sentence=nsent,
                etype=ttype,
                rule=rule,
                lang=lang,
                prefix=hit.prefix,
                flags=flags,
                cues=cue_names(doc, k, hit, norm, bounds, hits),
                status=status,
                n_sources=len(sources),
                n_targets=len(targets),
                segment=seg.kind,
                in_quote=in_quote(ts),
                sentence_index=k,
                factor=factor,
            )
            if collect is not None:
                collect.append(
                    Candidate(
                        doc.id, (ts, te), ttype, rule, lang, feats,
                        [ArgCandidate(m.start, m.end, m.actor, f, _code(_arg(doc, m, placed)))
                         for m, f in arg_cands],
                        rule_kept=not flags, status=status,
                    )
                )  # fmt: skip
            elif models is not None:
                conf = models.eventness.prob(feats)
                if conf < models.eventness.threshold:
                    continue
                if ctx.explain:
                    why = tuple(models.eventness.explain(feats))
        date, date_from = _date(doc, (sent.start, sent.end), ts, published, date_status, seg.kind)
        place = _place(doc, ctx, (sent.start, sent.end), ts, ".visit" in t.id)
        pairs: list[tuple[ArgRef | None, ArgRef | None]] = []
        src_args: list[ArgRef | None] = [_arg(doc, m, placed) for m in sources] or [None]
        if src_args == [None] and t.type == "PROTEST" and (doc.country or place):
            # protesters the text does not name, in a story about one country or in a named
            # place, are its people
            home = doc.country or (place.country if place else None)
            if home:
                src_args = [ArgRef(None, home, "CVL", None, ts, te)]
        tgt_args: list[ArgRef | None] = [_arg(doc, m, placed) for m in targets] or [None]
        if tgt_args == [None] and not mutual:
            # "sanctions on Iran", "غارات على حلب", "aid to Fiji": a country or town named
            # after the trigger's own preposition is the target, i.e. its government
            found = _place_target(doc, ctx, index, t, (ts, te), (sent.start, sent.end), clause[1])
            if found is not None:
                tgt_args = [found]
        if tgt_args == [None] and t.type == "ASSAULT" and place is not None and place.country:
            # an attack whose victims the text does not name strikes the people of the place
            tgt_args = [ArgRef(None, place.country, "CVL", None, *_place_span(place, ts, te))]
        if tgt_args == [None] and ".visit" in t.id and place is not None and place.country:
            # a visit to a country is an interaction with its government; a trip inside
            # one's own country is not a visit to anyone
            if all(a is not None and a.country == place.country for a in src_args):
                continue
            tgt_args = [ArgRef(None, place.country, "GOV", None, *_place_span(place, ts, te))]
        if (symmetric or mutual) and len(src_args) > 1 and tgt_args == [None]:
            for a in src_args:
                for b in src_args:
                    if a is not b:
                        pairs.append((a, b))
        else:
            for a in src_args:
                for b in tgt_args:
                    if generous and a is not None and b is not None and _same_party(a, b):
                        continue  # the models may give one mention both roles
                    pairs.append((a, b))
                    if symmetric and a is not None and b is not None:
                        pairs.append((b, a))
        for a, b in pairs:
            out.append(
                Event(
                    type=ttype,
                    mode=tmode,
                    cameo=tcameo,
                    source=a,
                    target=b,
                    status=status,
                    date=date,
                    date_from=date_from,
                    place=place,
                    sentence=k,
                    trigger=Span(ts, te),
                    rule=rule,
                    confidence=round(min(conf, 1.0), 3),
                    why=why,
                )
            )
        if (
            lang == "ar"
            and t.type == "REQUEST"
            and status != "negated"
            and not _background(hit, norm, nsent, cues, bounds)
        ):
            # an Arabic request asks for what follows only when it is coded itself: not a
            # verb read inside another word ("وبحث"), not denied ("عدم دعوة"), not told as the
            # cause of what came about ("عقب دعوة السعودية لاجتماع مكة")
            request = hit
    return out


def _scheduled(doc: Document, sent: Sentence, published: dt.date | None, trig: int) -> bool:
    """The date nearest the trigger is a day after the published date ("السبت القادم",
    "غدا", "next Monday"); a bare weekday counts only when the sentence speaks of a future."""
    if published is None:
        return False
    mentions = find_dates(doc.text, sent.start, sent.end)
    if not mentions:
        return False
    m = min(mentions, key=lambda d: abs(d.start - trig))
    if m.granularity in {"weekday", "weekday-today"}:
        return False
    day = resolve(m, published)
    return day is not None and len(day) == 10 and day > published.isoformat()


def _place_target(
    doc: Document,
    ctx: Context,
    index: TriggerIndex,
    t: Trigger,
    trig: tuple[int, int],
    sent: tuple[int, int],
    ce: int,
) -> ArgRef | None:
    """The first place after the trigger in its clause (which ends at ``ce``), led to by the
    trigger's preposition."""
    preps = index.preps[t.id]
    if not preps:
        return None
    for p in find_places(doc.text, sent[0], sent[1], ctx.places):
        if p.start is None or p.end is None or p.start < trig[1]:
            continue
        if p.start >= ce or p.country is None:
            return None
        words = _gap_words(doc.text, trig[1], p.start)
        if len(words) > 3:
            return None
        prep = words[-1] if words else _proclitic(doc.text, p.start)
        if prep in preps:
            return ArgRef(None, p.country, "GOV", None, p.start, p.end)
        return None
    return None


def _to_norm(norm: NormText, pos: int) -> int:
    if not norm.kept:
        return pos
    return bisect_left(norm.kept, pos)


# The related stories of the document ``_date`` read last, by summary start, and the longest
# summary (kept with the document, so the identity holds).
_related: list[tuple[Document, list[int], int]] = []


def _related_near(doc: Document, pos: int) -> Sequence[Related]:
    """The related stories whose summary may hold ``pos``, in order: those starting within
    the longest summary's length before it, when they are in order of start (all else)."""
    if not (_related and _related[0][0] is doc):
        starts = [r.summary_start for r in doc.related]
        if not all(a <= b for a, b in pairwise(starts)):
            return doc.related
        longest = max((r.summary_end - r.summary_start for r in doc.related), default=0)
        _related[:] = [(doc, starts, longest)]
    _, starts, longest = _related[0]
    return doc.related[bisect_right(starts, pos - longest) : bisect_right(starts, pos)]


@functools.lru_cache(maxsize=16)
def _date_starts(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where the date words of ``text[start:end]`` start, in the order of ``find_dates``
    (by start)."""
    return tuple(d.start for d in find_dates(text, start, end))


def _nearest_date(text: str, sent: tuple[int, int], trig: int) -> DateMention | None:
    """The date word of the sentence starting nearest the trigger, the earlier one on a tie
    (the first of ``find_dates`` at the least distance), found by bisection."""
    mentions = find_dates(text, sent[0], sent[1])
    if not mentions:
        return None
    starts = _date_starts(text, sent[0], sent[1])
    i = bisect_left(starts, trig)  # the first starting at or after the trigger
    if i == len(starts) or (i > 0 and trig - starts[i - 1] <= starts[i] - trig):
        i = bisect_left(starts, starts[i - 1])  # the first of those starting just before
    return mentions[i]


def _date(
    doc: Document,
    sent: tuple[int, int],
    trig: int,
    published: dt.date | None,
    status: str,
    seg_kind: str,
) -> tuple[str | None, str | None]:
    ref = published
    ref_from = "published"
    if seg_kind == "related":
        for r in _related_near(doc, trig):
            if r.summary_start <= trig < r.summary_end and r.published:
                ref, ref_from = parse_iso(r.published), "related story date"
    m = _nearest_date(doc.text, sent, trig)
    if m is not None:
        return resolve(m, ref, future=status == "planned"), doc.text[m.start : m.end]
    if ref is not None and status == "occurred":
        return ref.isoformat(), ref_from
    return None, None


def _place(
    doc: Document, ctx: Context, sent: tuple[int, int], trig: int, visit: bool = False
) -> Place | None:
    """The place of an event: the nearest place the sentence puts something in ("في جنيف");
    for a visit, the nearest place at all (its destination, "إلى موسكو")."""
    places = find_places(doc.text, sent[0], sent[1], ctx.places)
    if not places:
        return None
    return min(
        places,
        key=lambda p: (not visit and not _located(doc.text, p), abs((p.start or 0) - trig)),
    )


_IN_WORDS = frozenset({"في", "فى", "in", "at", "near", "قرب", "داخل"})


def _located(text: str, p: Place) -> bool:
    """The place is where something happens ("في جنيف", "بجنيف", "in Geneva"), not a
    destination or a title's complement ("المبعوث الخاص إلى سوريا")."""
    if p.start is None:
        return False
    before = text[max(0, p.start - 12) : p.start]
    if before.endswith("ب") and (len(before) < 2 or not before[-2].isalpha()):
        return True  # the proclitic: "بجنيف"
    if before.endswith(("وب", "فب")) and (len(before) < 3 or not before[-3].isalpha()):
        return True
    words = before.split()
    return bool(words) and before[-1:].isspace() and words[-1].lower() in _IN_WORDS


def events(doc: Document, ctx: Context) -> Document:
    found = find_events(doc, ctx)
    # link events to the quotes they sit in
    linked = []
    quotes = doc.quotes
    # quotes in order of start (as they are made): the first holding the trigger is among
    # those starting within the longest quote's length before it, found by bisection
    starts = [q.start for q in quotes]
    ordered = all(a <= b for a, b in pairwise(starts))
    longest = max((q.end - q.start for q in quotes), default=0)
    for e in found:
        pos = e.trigger.start
        near = (
            range(bisect_right(starts, pos - longest), bisect_right(starts, pos))
            if ordered
            else range(len(quotes))
        )
        q = next((i for i in near if quotes[i].start <= pos < quotes[i].end), None)
        if q is not None:
            sp = doc.quotes[q].speaker
            e = replace(e, quote=q, speaker=sp.actor if sp else None)
        linked.append(e)
    kept = _dedup(linked)
    models = ctx.models()
    if models is not None and models.keys is not None:
        kept = filter_keys(doc, kept, models.keys)
    return replace(doc, events=tuple(kept))


# What may stand between two mentions of one noun phrase: "Japan's government",
# "US President Donald Trump", "the prosecutor of the ICC".
# "Iraq's army", "army of Iraq", "authorities in the U.S.": one party, not two
# What joins two mentions of one phrase: a possessive with up to two words of its own ("Libya's
# renegade Gen. Khalifa Haftar"), "of/in the", an article.
_SAME_PHRASE = re.compile(
    r"\s*(?:['’]s\s+(?:[^\s,;:()]+\s+){0,2}|(?:of|in)\s+(?:the\s+)?|the\s+)?", re.IGNORECASE
)


def _inside_name(mentions: list[MentionRef], reach: list[int], start: int, end: int) -> bool:
    """The span lies inside a longer actor mention: part of a name, not a trigger.

    ``reach[i]`` is the furthest end among ``mentions[: i + 1]`` (sorted by start):
    only the mentions starting by ``start`` may hold the span, and none of them
    does when none reaches ``end``.
    """
    n = bisect_right(mentions, start, key=_start)
    if n == 0 or reach[n - 1] < end:
        return False
    return any(
        m.start <= start and end <= m.end and (m.end - m.start) > (end - start)
        for m in _reaching(mentions, end - 1, start + 1)
    )


def _other_actors(
    doc: Document,
    mentions: list[MentionRef],
    used: list[MentionRef],
    sent: tuple[int, int],
    trig: tuple[int, int],
    lang: str = "ar",
) -> bool:
    """The sentence names an actor that is not one of the arguments nor part of their phrase.

    An actor word inside the trigger ("suspended military aid") is not another party. In
    English, whose scope is the trigger's clause, neither is another mention of an argument
    ("the Libyan National Army (LNA)"); an Arabic sentence's scope spans its clauses, and
    the argument named again there is usually the party of another act.
    """
    taken = {m.actor if lang == "en" else (m.start, m.actor) for m in used}
    spans = [(m.start, m.end) for m in used]

    def joined(m: MentionRef) -> bool:
        for s, e in spans:
            if e <= m.start and _SAME_PHRASE.fullmatch(doc.text, e, m.start):
                return True
            if m.end <= s and _SAME_PHRASE.fullmatch(doc.text, m.end, s):
                return True
        return False

    return any(
        (m.actor if lang == "en" else (m.start, m.actor)) not in taken
        and not (m.start < trig[1] and trig[0] < m.end)
        and not joined(m)
        for m in _starting_in(mentions, *sent)
    )


def _starting_in(mentions: list[MentionRef], lo: int, hi: int) -> list[MentionRef]:
    """The mentions (sorted by start) that start in [lo, hi)."""
    return mentions[bisect_left(mentions, lo, key=_start) : bisect_left(mentions, hi, key=_start)]


def _start(m: MentionRef) -> int:
    return m.start


def _inside_any(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position lies in one of the spans: sorted once, bisected (a scan of every
    quote for each trigger grew with the square of the document)."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos

    return inside


# The longest mention of the document's list ``_mentions`` made last (kept with the list, so
# the identity holds): a mention that reaches a position starts at most that far before it.
_longest: list[tuple[list[MentionRef], int]] = []


def _longest_mention(mentions: list[MentionRef]) -> int:
    if not (_longest and _longest[0][0] is mentions):
        _longest[:] = [(mentions, max((m.end - m.start for m in mentions), default=0))]
    return _longest[0][1]


def _reaching(mentions: list[MentionRef], pos: int, before: int) -> list[MentionRef]:
    """The mentions (sorted by start) that start before ``before`` and may end after ``pos``:
    those starting within the longest mention's length of ``pos`` (the rest end by it)."""
    lo = bisect_right(mentions, pos - _longest_mention(mentions), key=_start)
    return mentions[lo : bisect_left(mentions, before, key=_start)]


def _same_party(a: ArgRef, b: ArgRef) -> bool:
    """One actor on both sides."""
    return a.actor is not None and a.actor == b.actor


def _dedup(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in events:
        key = (e.type, e.sentence, e.status, _party(e.source), _party(e.target))
        if key in seen:
            continue
        if e.source and e.target and _same_party(e.source, e.target):
            if e.type != "ASSAULT":
                continue
            # "انتحاري استهدف قوات ... مقتل قادة هذه القوات": one actor read on both sides
            # is a misreading of the parties, not a reason to doubt the act
            e = replace(e, target=None)
        seen.add(key)
        out.append(e)
    # an event with one side unnamed says less than the same event with both named
    full = {(e.type, e.sentence, e.status, _party(e.source)) for e in out if e.target}
    return [
        e for e in out if e.target or (e.type, e.sentence, e.status, _party(e.source)) not in full
    ]


def _place_span(place: Place, ts: int, te: int) -> tuple[int, int]:
    """Where a place is named, or the trigger's span when it carries no offsets."""
    if place.start is None or place.end is None:
        return ts, te
    return place.start, place.end


def _code(a: ArgRef) -> str | None:
    return a.country or a.org


def _is_person(doc: Document, m: MentionRef) -> bool:
    """The mention is a person or a delegation (who can travel and be received)."""
    if m.actor == PLACE_ACTOR:
        return False
    a = doc.actors[m.actor]
    return a.kind == "person" or (a.role or "").lower() == "delegation"


def _party(a: ArgRef | None) -> object:
    """Who an argument is, for telling events apart: its actor, or the country of a place."""
    if a is None:
        return None
    return a.actor if a.actor is not None else a.country


__all__ = ["TriggerIndex", "events", "find_events"]
