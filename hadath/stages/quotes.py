"""Stage: who said what. Direct quotes in marks, indirect speech, and their speakers.

Arabic and English news report speech the same few ways: a verb of saying
with its subject on either side and the content after a complementizer
("وقال كيري إن ...", "Kerry said that ..."); the same verb before or after
words in quote marks; a participle carrying on the speaker's turn ("مشيرا
إلى أن", "adding that"); and a source phrase ("بحسب دبلوماسيين", "according
to officials"). The cue words are data (``hadath/data/quotes``); this module
reads the text around them. Quote marks around a name or a single word
("نجاح", على "تويتر") and marks in a title are not quotes.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from importlib.resources import files
from typing import NamedTuple

from hadath.context import Context
from hadath.model import ArgRef, Document, Quote, Span
from hadath.text.match import ENCLITICS, Matcher, word_bounds
from hadath.text.normalize import NormText, fold_form, normalize
from hadath.text.sentences import split_sentences
from hadath.text.spaces import after_spaces

_KEYS = frozenset(
    {"speech", "participle", "source", "relay", "describe", "complementizers", "stops",
     "pronouns", "name_before"}
)  # fmt: skip
_CUE_KINDS = ("speech", "participle", "source", "relay", "describe")
# Segments whose quote marks are not speech: headlines, page furniture, bylines.
_NO_QUOTES = frozenset({"title", "furniture", "credit", "source"})
# Proclitics a verb of saying may carry (conjunctions, the future prefix).
_VERB_PREFIXES = frozenset({"", "و", "ف", "س", "وس", "فس"})
_OPENERS = {"«": "»", "“": "”", "„": "“", '"': '"', "‘": "’", "'": "'", "”": "”", "»": "»"}
_MARKS = frozenset(_OPENERS) | frozenset(_OPENERS.values())
_MARK_OR_LINE = re.compile("[\n" + re.escape("".join(sorted(_MARKS))) + "]")
_CLAUSE_END = re.compile(r"[!?؟;؛\n]|\.(?=\s|$)")
_BREAK = re.compile(r"[.!?؟;؛\n,،:«»\"“”„]")
# Words after a comma that hand the turn to a quote: "...، لكن "..."".
_TURN = frozenset({"لكن", "ولكن", "لكنه", "لكنها", "بل", "ثم", "but", "and", "then"})
# An indefinite participle opening a clause after a comma (Arabic حال): "مجددا", "مستبعدا".
_HAL = re.compile(r"^م[\u0621-\u064a]{3,}ا$")
_TRAIL = ".,،;؛:!?؟ \t\n…-–—"
# How far (in words) a cue may stand from its subject, content or quote.
SUBJECT_GAP = 4
CONTENT_WINDOW = 20
MIN_QUOTE_WORDS = 2
CONTINUATION_WORDS = 5
MAX_QUOTES_PER_SENTENCE = 24  # quotes kept from one sentence (see _per_sentence)


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Cue words of one language, folded for matching."""

    lang: str
    cues: dict[str, str]  # folded form -> cue kind
    complementizers: frozenset[str]
    stops: tuple[tuple[str, ...], ...]  # folded word sequences
    pronouns: frozenset[str]
    name_before: frozenset[str]


@dataclass(frozen=True, slots=True)
class QuoteCues:
    """Both languages' cue lexicons, compiled once per process."""

    langs: dict[str, QuoteLexicon]
    matcher: Matcher[tuple[str, str]]  # value: (lang, kind)


def load_quote_lexicon(lang: str) -> QuoteLexicon:
    """Read ``hadath/data/quotes/{lang}.toml``; unknown keys are an error naming the file."""
    path = files("hadath") / "data" / "quotes" / f"{lang}.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    cues: dict[str, str] = {}
    for kind in _CUE_KINDS:
        for form in raw.get(kind, []):
            key = fold_form(form)
            if key in cues and cues[key] != kind:
                raise ValueError(f"{path}: {form!r} listed as {cues[key]} and {kind}")
            cues[key] = kind
    return QuoteLexicon(
        lang=lang,
        cues=cues,
        complementizers=frozenset(fold_form(w) for w in raw.get("complementizers", [])),
        stops=tuple(tuple(fold_form(w).split()) for w in raw.get("stops", [])),
        pronouns=frozenset(fold_form(w) for w in raw.get("pronouns", [])),
        name_before=frozenset(fold_form(w) for w in raw.get("name_before", [])),
    )


@functools.cache
def quote_cues() -> QuoteCues:
    """The cue lexicons, loaded once per process (immutable once built)."""
    langs = {lang: load_quote_lexicon(lang) for lang in ("ar", "en")}
    entries = [
        (form, (lang, kind)) for lang, lex in langs.items() for form, kind in lex.cues.items()
    ]
    return QuoteCues(langs, Matcher(entries, enclitics=True))


# --- quote marks -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marked:
    """Words between quote marks: ``start``/``end`` exclude the marks and outer blanks."""

    open: int
    close: int
    start: int
    end: int


def _is_apostrophe(text: str, i: int, closing: bool) -> bool:
    """An apostrophe, not a mark: "Kerry’s", "don't", and "the rebels' position"."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    # an English plural possessive, unless a single quote is open and this closes it
    return not closing and before.isascii() and before.isalpha() and text[i] != "‘"


def find_marked(text: str) -> list[Marked]:
    """Outermost spans between matching quote marks; a quote may run over paragraphs."""
    out: list[Marked] = []
    stack: list[tuple[str, int]] = []
    i = 0
    n = len(text)
    # only line ends and marks change anything: jump from one to the next
    while (found := _MARK_OR_LINE.search(text, i)) is not None:
        i = found.start()
        c = text[i]
        if c == "\n":
            if stack:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                # a quote running over paragraphs re-opens each one with a mark
                if len(stack) == 1 and j < n and text[j] == stack[0][0]:
                    i = j + 1
                    continue
                stack.clear()
            i += 1
            continue
        closing = bool(stack) and c == _OPENERS[stack[-1][0]]
        if c not in _MARKS or (c in "'’‘" and _is_apostrophe(text, i, closing)):
            i += 1
            continue
        if stack and c == _OPENERS[stack[-1][0]]:
            _, pos = stack.pop()
            if not stack:
                _add_marked(text, pos, i, out)
        elif c in _OPENERS and not (c in "”»" and stack):
            stack.append((c, i))
        i += 1
    return out


def _add_marked(text: str, open_pos: int, close_pos: int, out: list[Marked]) -> None:
    s, e = open_pos + 1, close_pos
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    if e > s:
        out.append(Marked(open_pos, close_pos, s, e))


# --- the document as words ------------------------------------------------------------------


class Word(NamedTuple):
    """A word of the document (a named tuple: a page has thousands, built for every read)."""

    start: int  # original offsets
    end: int
    norm: str


class _Words:
    """The document's words as ``Word`` records, each built when it is read.

    A page has thousands of words and the cues look at a few dozen of them.
    """

    __slots__ = ("_folded", "_kept", "_spans", "starts")

    def __init__(self, norm: NormText, spans: list[tuple[int, int]]) -> None:
        self._folded = norm.norm
        self._kept = norm.kept
        self._spans = spans
        kept = norm.kept
        self.starts = [kept[s] for s, _ in spans] if kept else [s for s, _ in spans]

    def __len__(self) -> int:
        return len(self._spans)

    def norm(self, k: int) -> str:
        s, e = self._spans[k]
        return self._folded[s:e]

    def end(self, k: int) -> int:
        e = self._spans[k][1]
        return self._kept[e - 1] + 1 if self._kept else e

    def __getitem__(self, k: int) -> Word:
        s, e = self._spans[k]
        if self._kept:
            # NormText.span: a word is never empty
            return Word(self._kept[s], self._kept[e - 1] + 1, self._folded[s:e])
        return Word(s, e, self._folded[s:e])


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int
    end: int
    word: int  # index of the word holding the cue (its last word for multi-word cues)
    lang: str
    kind: str
    prefix: str


@dataclass
class _Reader:
    """One document read for speech: its words, cues, marks, sentences and actor mentions."""

    doc: Document
    cues: QuoteCues
    words: _Words = field(init=False)
    starts: list[int] = field(default_factory=list)
    hits: list[CueHit] = field(default_factory=list)
    marked: list[Marked] = field(default_factory=list)
    sents: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, actor
    spoken: list[tuple[int, ArgRef]] = field(default_factory=list)  # cue start, speaker
    spoken_sorted: bool = True  # ``spoken`` in order of cue start (cues are read in order)
    # derived once, read for every cue
    sent_starts: list[int] = field(default_factory=list)
    opens: list[int] = field(default_factory=list)  # of ``marked``, increasing
    closes: list[int] = field(default_factory=list)  # of ``marked``, increasing too
    cue_at: dict[int, CueHit] = field(default_factory=dict)  # word index -> last cue on it
    quote_marks: dict[Marked, bool] = field(default_factory=dict)  # is_quote, as computed
    quote_after: dict[int, int] = field(default_factory=dict)  # index -> next_quote(index)
    complementizers: frozenset[str] = frozenset()
    seg_starts: list[int] | None = None  # the segments' starts, when they are in order, apart
    # per language: word index -> the first word from there on where the reporter takes
    # over (_hands_over), or the first word of the next sentence when none does
    handovers: dict[str, dict[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        text = self.doc.text
        norm = normalize(text)
        bounds = word_bounds(norm.norm)
        self.words = _Words(norm, bounds.words())
        self.starts = self.words.starts
        for h in self.cues.matcher.find(norm.norm, bounds):
            lang, kind = h.value
            if lang == "ar" and h.prefix not in _VERB_PREFIXES:
                continue
            if kind == "source" and h.prefix.startswith("ف"):
                continue  # فحسب: "only"
            s, e = norm.span(h.start, h.end)
            k = bisect_right(self.starts, e - 1) - 1
            self.hits.append(CueHit(s, e, k, lang, kind, h.prefix))
        self.hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        self.hits = _longest(self.hits)
        self.cue_at = {h.word: h for h in self.hits}
        self.marked = find_marked(text)
        self.opens = [m.open for m in self.marked]
        self.closes = [m.close for m in self.marked]
        if self.doc.sentences:
            self.sents = [(s.start, s.end) for s in self.doc.sentences]
        else:
            self.sents = split_sentences(text, 0, len(text))
        self.sent_starts = [s for s, _ in self.sents]
        self.complementizers = frozenset().union(
            *(lex.complementizers for lex in self.cues.langs.values())
        )
        for i, a in enumerate(self.doc.actors):
            for m in a.mentions:
                self.mentions.append((m.start, m.end, i))
        self.mentions.sort()
        segs = self.doc.segments
        if all(a.start <= a.end <= b.start for a, b in itertools.pairwise(segs)):
            self.seg_starts = [seg.start for seg in segs]

    # positions

    def sentence(self, pos: int) -> int:
        k = bisect_right(self.sent_starts, pos) - 1
        return max(k, 0)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        if not self.sents:
            return 0, len(self.doc.text)
        s, e = self.sents[self.sentence(pos)]
        return (s, e) if pos < e else (pos, pos)

    def hits_from(self, lo: int, hi: int) -> list[CueHit]:
        """The cue hits starting in ``[lo, hi)``, in order (``hits`` is sorted by start)."""
        return self.hits[
            bisect_left(self.hits, lo, key=_hit_start) : bisect_left(self.hits, hi, key=_hit_start)
        ]

    def segment_kind(self, pos: int) -> str | None:
        if self.seg_starts is not None:  # in order and apart: the last one starting by pos
            k = bisect_right(self.seg_starts, pos) - 1
            seg = self.doc.segments[k] if k >= 0 else None
            return seg.kind if seg is not None and pos < seg.end else None
        for seg in self.doc.segments:
            if seg.start <= pos < seg.end:
                return seg.kind
        return None

    def word_at(self, pos: int) -> int:
        """The index of the first word starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def word_before_mark(self, m: Marked) -> str:
        k = self.word_at(m.open) - 1
        if k < 0:
            return ""
        gap = self.doc.text[self.words[k].end : m.open]
        return self.words[k].norm if gap.strip(" ـ\t") == "" else ""

    def n_words(self, start: int, end: int) -> int:
        return self.word_at(end) - self.word_at(start)

    def is_quote(self, m: Marked) -> bool:
        """Words in marks that can be speech: not a single word, not a name after its noun."""
        known = self.quote_marks.get(m)
        if known is None:
            known = self.quote_marks[m] = self._is_quote(m)
        return known

    def _is_quote(self, m: Marked) -> bool:
        if self.n_words(m.start, m.end) < MIN_QUOTE_WORDS:
            return False
        if self.segment_kind(m.start) in _NO_QUOTES:
            return False
        before = self.word_before_mark(m)
        return not any(before in lex.name_before for lex in self.cues.langs.values())

    def inside_quote(self, pos: int) -> bool:
        # marked spans do not overlap: only the last one opening before pos can hold it
        k = bisect_left(self.opens, pos) - 1
        return k >= 0 and pos < self.marked[k].close and self.is_quote(self.marked[k])

    def quote_opening(self, lo: int, hi: int) -> int | None:
        """The first quote (index into ``marked``) whose mark opens in [lo, hi)."""
        k = bisect_left(self.opens, lo)
        while k < len(self.opens) and self.opens[k] < hi:
            if self.is_quote(self.marked[k]):
                return k
            k += 1
        return None

    def next_quote(self, k: int) -> int:
        """The first of ``marked`` from index ``k`` on that is a quote (``is_quote``), else
        ``len(marked)``. Each mark is read once: later calls jump over the ones read."""
        n = len(self.marked)
        read = []
        while k < n:
            known = self.quote_after.get(k)
            if known is not None:
                k = known
                break
            read.append(k)
            if self.is_quote(self.marked[k]):
                break
            k += 1
        for j in read:
            self.quote_after[j] = k
        return k

    def next_handover(self, lex: QuoteLexicon, k: int, sent_end: int) -> int:
        """The first word from ``k`` on, before ``sent_end``, where the reporter takes over
        (``_hands_over``), else the first word at or past ``sent_end``. Each word is read
        once per language: later calls jump over the words an earlier one has read."""
        memo = self.handovers.setdefault(lex.lang, {})
        n = len(self.words)
        read = []
        while k < n and self.starts[k] < sent_end:
            known = memo.get(k)
            if known is not None:
                k = known
                break
            read.append(k)
            if _hands_over(self, lex, k):
                break
            k += 1
        for j in read:
            memo[j] = k
        return k

    # speakers

    def ref(self, mention: tuple[int, int, int]) -> ArgRef:
        s, e, i = mention
        a = self.doc.actors[i]
        return ArgRef(i, a.country, a.sector, a.org, s, e)

    def mention_after(self, pos: int, limit: int = SUBJECT_GAP) -> ArgRef | None:
        k = bisect_left(self.mentions, (pos, -1, -1))
        if k >= len(self.mentions):
            return None
        m = self.mentions[k]
        # the words counted (bisection) before the gap is read: a mention far on costs nothing
        if self.n_words(pos, m[0]) > limit or _BREAK.search(self.doc.text, pos, m[0]):
            return None
        if any(
            self.words[j].norm in self.comps() for j in range(self.word_at(pos), self.word_at(m[0]))
        ):
            return None
        return self.ref(m)

    def apposition_after(self, pos: int, limit: int = 4) -> ArgRef | None:
        """ "قال جمال حسن، القاضي اليمني": a name the lexicon lacks, then its title."""
        text = self.doc.text
        # a comma past the start of the word ``limit`` words on is too far: not searched
        w = self.word_at(pos) + limit
        stop = self.starts[w] + 1 if w < len(self.starts) else len(text)
        found = (text.find("،", pos, stop), text.find(",", pos, stop))
        comma = min((i for i in found if i >= 0), default=-1)
        if comma < 0 or not 1 <= self.n_words(pos, comma) <= limit:
            return None
        if _BREAK.search(text[pos:comma]) or any(
            pos <= h.start < comma for h in self.hits_from(pos, comma)
        ):
            return None
        k = bisect_left(self.mentions, (comma, -1, -1))
        if k >= len(self.mentions):
            return None
        m = self.mentions[k]
        if text[comma + 1 : m[0]].strip() or self.doc.actors[m[2]].kind != "person":
            return None
        return self.ref(m)

    def mention_before(self, pos: int, limit: int = 1) -> ArgRef | None:
        k = bisect_left(self.mentions, (pos, -1, -1)) - 1
        while k >= 0 and self.mentions[k][1] > pos:
            k -= 1
        if k < 0:
            return None
        m = self.mentions[k]
        if self.n_words(m[1], pos) > limit or _BREAK.search(self.doc.text, m[1], pos):
            return None
        return self.ref(m)

    def comps(self) -> frozenset[str]:
        return self.complementizers

    def last_speaker(self, pos: int, sentences_back: int = 6) -> ArgRef | None:
        sent = self.sentence(pos)
        for at, sp in reversed(self.spoken):
            if at < pos:
                return sp if sent - self.sentence(at) <= sentences_back else None
        return None

    def sentence_subject(self, pos: int) -> ArgRef | None:
        """The actor opening the sentence, subject of its first verb ("وأسف كوتاريلي ..., وقال")."""
        s, _ = self.sentence_span(pos)
        k = bisect_left(self.mentions, (s, -1, -1))
        if (
            k < len(self.mentions)
            and self.mentions[k][1] <= pos
            and self.n_words(s, self.mentions[k][0]) <= 1
        ):
            return self.ref(self.mentions[k])
        return None

    def speaker(self, hit: CueHit) -> ArgRef | None:
        lex = self.cues.langs[hit.lang]
        nxt = self.words[hit.word + 1].norm if hit.word + 1 < len(self.words) else ""
        prev = self.words[hit.word - 1].norm if hit.word > 0 else ""
        if hit.kind == "participle":
            if self.spoken_sorted:
                # the speakers before the cue in its sentence are the run just before it
                i = bisect_left(self.spoken, hit.start, key=_spoken_at) - 1
                same = (
                    [self.spoken[i][1]]
                    if i >= 0 and self.sentence(self.spoken[i][0]) == self.sentence(hit.start)
                    else []
                )
            else:
                same = [
                    sp
                    for at, sp in self.spoken
                    if self.sentence(at) == self.sentence(hit.start) and at < hit.start
                ]
            return (
                same[-1]
                if same
                else self.sentence_subject(hit.start) or self.last_speaker(hit.start)
            )
        if hit.lang == "en":
            inverted = nxt in lex.pronouns and not _en_clause_subject(self, hit.word + 1, lex)
            if prev in lex.pronouns or inverted:
                return self.last_speaker(hit.start)
            return self.mention_before(hit.start) or self.mention_after(hit.end)
        after = self.mention_after(hit.end) or self.apposition_after(hit.end)
        if after is not None:
            return after
        if not hit.prefix and nxt not in lex.pronouns:
            before = self.mention_before(hit.start)
            if before is not None:
                return before
        return self.sentence_subject(hit.start) or self.last_speaker(hit.start)


def _longest(hits: list[CueHit]) -> list[CueHit]:
    out: list[CueHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


# --- reading each cue --------------------------------------------------------------------


def _hit_start(h: CueHit) -> int:
    return h.start


def _hit_word(h: CueHit) -> int:
    return h.word


def _spoken_at(entry: tuple[int, ArgRef]) -> int:
    return entry[0]


@dataclass
class _Found:
    indirect: list[Quote] = field(default_factory=list)
    direct: dict[int, Quote] = field(default_factory=dict)  # index into marked -> quote
    cue_starts: set[int] = field(default_factory=set)  # of the direct quotes given a cue


def _is_comp(word: str, comps: frozenset[str]) -> bool:
    return word in _comp_forms(comps)


@functools.cache
def _comp_forms(comps: frozenset[str]) -> frozenset[str]:
    """Every written form of the complementizers: with an enclitic, after و, ف or ب."""
    return frozenset(p + c + e for c in comps for e in ENCLITICS for p in ("", "و", "ف", "ب"))


def _content_start(r: _Reader, hit: CueHit, after: int) -> tuple[int | None, int | None]:
    """Where the reported content begins after a cue, or the quote (index) it introduces."""
    lex = r.cues.langs[hit.lang]
    text = r.doc.text
    _, sent_end = r.sentence_span(hit.start)
    k = r.word_at(after)
    last = after
    english_bare = hit.lang == "en" and hit.kind == "speech"
    for n in range(CONTENT_WINDOW):
        if k >= len(r.words) or r.starts[k] >= sent_end:
            return None, None
        w = r.words[k]
        gap = text[last : w.start]
        mi = r.quote_opening(last, w.start)
        if mi is not None:
            return None, mi
        if _CLAUSE_END.search(gap):
            return None, None
        if ":" in gap:
            return (w.end if _is_comp(w.norm, lex.complementizers) else w.start), None
        if _is_comp(w.norm, lex.complementizers):
            return w.end, None
        if n == 0 and english_bare and not gap.strip() and w.norm not in _EN_NOT_CONTENT:
            # "officials said the talks ...": the content follows the verb directly
            j = k
            while j < len(r.words) and r.words[j].norm in _EN_TIME:
                j += 1
            return r.words[j].start if j < len(r.words) else None, None
        if n == 0 and hit.lang == "en" and not gap.strip() and _en_clause_subject(r, k, lex):
            # "Maduro announced he would ...", "..., saying she is not afraid"
            return w.start, None
        if (
            n == 0
            and hit.lang == "en"
            and hit.kind == "participle"
            and not gap.strip()
            and w.norm not in _EN_NOT_CONTENT
        ):
            return w.start, None  # "..., saying the talks had failed"
        last = w.end
        k += 1
    return None, None


_EN_NOT_CONTENT = frozenset(
    {"he", "she", "they", "it", "in", "on", "at", "to", "by", "of", "for", "with", "after",
     "before", "reporters", "journalists", "that", "during", "from", "via", "and",
     "but", "when", "while", "told", "said", "as", "earlier", "later", "last", "late", "early",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
     "today", "tonight", "so", "only", "not", "also", "nothing", "no", "little", "much"}
)  # fmt: skip
_EN_TIME = frozenset({"on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday", "yesterday", "today", "earlier", "later"})  # fmt: skip


def _en_clause_subject(r: _Reader, k: int, lex: QuoteLexicon) -> bool:
    """Word ``k`` is a pronoun opening a clause ("he would", "it had", "they are"), not the
    speaker of an inverted cue ('"...," said he.'): another word follows in its sentence with
    nothing but a space between."""
    if r.words[k].norm not in lex.pronouns or k + 1 >= len(r.words):
        return False
    gap = r.doc.text[r.words[k].end : r.words[k + 1].start]
    _, sent_end = r.sentence_span(r.words[k].start)
    return not gap.strip() and r.words[k + 1].start < sent_end


# what may follow a cue that closes its sentence ("..., officials said on Tuesday.")
_EN_CLOSING = _EN_TIME | {
    "in", "a", "an", "the", "statement", "interview", "news", "conference", "briefing", "late",
    "last", "night", "week", "told", "reporters", "journalists", "afp", "reuters", "ap", "by",
    "phone", "telephone",
}  # fmt: skip
FINAL_SPEAKER_WORDS = 8  # the longest speaker between the comma and a closing cue


def _read_final(r: _Reader, found: _Found, hit: CueHit) -> None:
    """ "Armed forces captured the leader, police said." / "..., the official agency
    reported": a cue closing its sentence after a comma reports the clause before the comma;
    the speaker is the mention between the comma and the cue."""
    text = r.doc.text
    s0, s1 = r.sentence_span(hit.start)
    k = hit.word + 1
    while k < len(r.words) and r.words[k].start < s1:
        if r.words[k].norm not in _EN_CLOSING:
            return  # the sentence goes on: not a closing cue
        k += 1
    comma = text.rfind(",", s0, hit.start)
    if comma < 0 or not 1 <= r.n_words(comma, hit.start) <= FINAL_SPEAKER_WORDS:
        return
    if _CLAUSE_END.search(text[comma : hit.start]) or '"' in text[comma : hit.start]:
        return
    if any(comma < h.start < hit.start for h in r.hits_from(comma, hit.start)):
        return
    start = s0
    for mark in ("--", " - ", ":"):
        at = text.rfind(mark, s0, comma)
        if at >= 0:
            start = max(start, at + len(mark))
    sp = None
    k = bisect_left(r.mentions, (comma, -1, -1))
    while k < len(r.mentions) and r.mentions[k][1] <= hit.start:
        sp = r.ref(r.mentions[k])  # the last mention before the cue: "a senior Israeli official"
        k += 1
    _emit_indirect(r, found, hit, sp, start, comma)


def _content_end(r: _Reader, hit: CueHit, start: int) -> int:
    """Where the reported clause ends: the sentence end, or where the reporter takes over.

    The first word after ``start`` where the reporter takes over (``_hands_over``) ends
    the clause. Past the second word whether one does depends on the word alone, so
    those are found by ``_Reader.next_handover``, which reads each word of a language
    once per document: cues opening clauses that run to one sentence end ("said that"
    1,000 times) cost one pass over the sentence, not one per cue.
    """
    text = r.doc.text
    lex = r.cues.langs[hit.lang]
    _, sent_end = r.sentence_span(start)
    first = r.word_at(start)
    n = len(r.words)
    # the word after the first: every hand-over but a new turn ("... وأضاف")
    k = first + 1
    if k < n and r.starts[k] < sent_end and _hands_over(r, lex, k, turn=False):
        return r.words.end(k - 1)
    k = r.next_handover(lex, first + 2, sent_end)
    if k < n and r.starts[k] < sent_end:
        return r.words.end(k - 1)
    return min(sent_end, len(text))


def _hands_over(r: _Reader, lex: QuoteLexicon, k: int, turn: bool = True) -> bool:
    """Whether the reporter takes over at word ``k`` (not the clause's first word), which
    then ends the reported clause; ``turn``: a speech or source cue with a prefix too."""
    h = r.cue_at.get(k)
    gap = r.doc.text[r.words.end(k - 1) : r.starts[k]]
    if "," in gap or "،" in gap:
        words = [r.words.norm(j) for j in range(k, min(k + 4, len(r.words)))]
        if any(tuple(words[: len(s)]) == s for s in lex.stops):
            return True
        if any(words[0] == "و" + s[0] and tuple(words[1 : len(s)]) == s[1:] for s in lex.stops):
            return True
        if h is not None and h.kind in {"speech", "participle", "source"}:
            return True
        if _is_comp(words[0], lex.complementizers) and words[0][:1] in "وف":
            return True  # ", وأنه ...": a second content of the same speaker
        if _HAL.match(words[0]):
            return True  # ", مستبعدا أن ...": a circumstantial clause of the reporter's
    if h is None:
        return False
    if h.kind == "participle":
        return True  # "... مشيرا إلى أن": a new content of the same speaker
    if turn and h.kind in {"speech", "source"} and h.prefix:
        return True  # "... وأضاف": a new turn
    return h.kind == "source"  # "... وفق قوله", "..., according to officials"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "ـ:" or "\u064b" <= text[s] <= "\u065f"):
        s += 1
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    return s, e


def _emit_indirect(
    r: _Reader, found: _Found, hit: CueHit, sp: ArgRef | None, start: int, end: int
) -> None:
    text = r.doc.text
    # each ", وأن ...": the same speaker goes on (a loop: a sentence may chain thousands)
    while True:
        s, e = _trim(text, start, end)
        # a quote in marks inside the content: the marks win (the first quote opening in
        # [s, e); ``next_quote`` reads each mark once, not once per content holding it)
        mi = r.next_quote(bisect_left(r.opens, s))
        if mi < len(r.marked) and r.marked[mi].open < e:
            m = r.marked[mi]
            _give(r, found, mi, hit, sp)
            cut = max(text.rfind(",", s, m.open), text.rfind("،", s, m.open))
            if cut <= s or r.words[r.word_at(cut)].norm not in _TURN:
                return  # the quote belongs to the content: the marks say it all
            s, e = _trim(text, s, cut)
        if r.n_words(s, e) < MIN_QUOTE_WORDS or r.inside_quote(s):
            return
        found.indirect.append(
            Quote(sp, "indirect", s, e, Span(hit.start, hit.end), r.sentence(hit.start))
        )
        nxt = r.word_at(end)
        comps = r.cues.langs[hit.lang].complementizers
        if not (
            nxt < len(r.words)
            and _is_comp(r.words[nxt].norm, comps)
            and r.words[nxt].start < r.sentence_span(hit.start)[1]
        ):
            return
        start = r.words[nxt].end
        end = _content_end(r, hit, start)


def _give(r: _Reader, found: _Found, mi: int, hit: CueHit, sp: ArgRef | None) -> None:
    if mi in found.direct:
        return
    m = r.marked[mi]
    found.direct[mi] = Quote(
        sp, "direct", m.start, m.end, Span(hit.start, hit.end), r.sentence(hit.start)
    )
    found.cue_starts.add(hit.start)


def _read_source(r: _Reader, found: _Found, hit: CueHit, sp: ArgRef | None) -> None:
    text = r.doc.text
    s_start, s_end = r.sentence_span(hit.start)
    nxt = r.words[hit.word + 1].norm if hit.word + 1 < len(r.words) else ""
    if nxt.startswith("قول"):
        # "... " وفق قوله": the words in marks just before are the last speaker's
        # marks do not overlap: they close in order, and the ones within a word of the cue
        # are the last ones closing before it
        last = bisect_right(r.closes, hit.start)
        near = last
        while near > 0 and r.n_words(r.marked[near - 1].close, hit.start) <= 1:
            near -= 1
        for mi in range(near, last):
            if r.is_quote(r.marked[mi]):
                _give(r, found, mi, hit, r.last_speaker(hit.start))
        return
    lead = text[s_start : hit.start].strip(" \t،,")
    if r.n_words(s_start, hit.start) <= 1 and len(lead) <= 2:
        # "بحسب القرار فإن ...", "وحسب صحيفة X، نشر ...": the content follows the source
        k = hit.word + 1
        while k < len(r.words) and r.words[k].start < s_end and k <= hit.word + 10:
            w = r.words[k]
            gap = text[r.words[k - 1].end : w.start]
            if _is_comp(w.norm, r.cues.langs[hit.lang].complementizers):
                start = w.end
                break
            if "," in gap or "،" in gap:
                start = w.start
                break
            k += 1
        else:
            return
        if k >= len(r.words) or r.words[k].start >= s_end:
            return
        _emit_indirect(r, found, hit, sp, start, _content_end(r, hit, start))
        return
    # "... في سوريا بحسب دبلوماسيين": the content is the clause before the source
    clause = max(text.rfind(":", s_start, hit.start) + 1, s_start)
    if any(
        clause <= h.start < hit.start and h.kind != "describe"
        for h in r.hits_from(clause, hit.start)
    ):
        return  # "أعلن X نقلا عن بيان أن ...": the source backs another cue's content
    _emit_indirect(r, found, hit, sp, clause, hit.start)


def _read_cue(r: _Reader, found: _Found, hit: CueHit) -> None:
    if r.segment_kind(hit.start) in _NO_QUOTES or r.inside_quote(hit.start):
        return
    sp = r.speaker(hit)
    after = hit.end
    if hit.kind == "relay":
        # "نقلت وكالة رويترز عن شهود عيان": the words come from whoever follows "عن"
        for k in range(hit.word + 1, min(hit.word + 8, len(r.words))):
            if r.words[k].norm in {"عن", "from"}:
                sp = r.mention_after(r.words[k].end, 2) or sp
                after = r.words[k].end
                break
    if hit.kind == "source":
        # "بحسب القرار": a source that is no actor gives no speaker, not the last one
        sp = r.mention_after(hit.end, 2)
        _read_source(r, found, hit, sp)
    else:
        start, mi = _content_start(r, hit, after)
        if mi is not None:
            _give(r, found, mi, hit, sp)
        elif start is not None and _first_char(r.doc.text, start) in _MARKS:
            # "إن "..."", "بأنه "..."": the content is the quote
            for j in range(bisect_left(r.opens, start), bisect_right(r.opens, start + 2)):
                if r.is_quote(r.marked[j]):
                    _give(r, found, j, hit, sp)
                    break
        elif start is not None and hit.kind != "describe":
            _emit_indirect(r, found, hit, sp, start, _content_end(r, hit, start))
        elif start is None and hit.lang == "en" and hit.kind == "speech":
            _read_final(r, found, hit)
    gave = hit.start in found.cue_starts  # a direct quote given this cue
    if sp is not None and (hit.kind != "describe" or gave):
        if r.spoken and hit.start < r.spoken[-1][0]:
            r.spoken_sorted = False
        r.spoken.append((hit.start, sp))


def _first_char(text: str, pos: int) -> str:
    """The first character from ``pos`` on that is not a space ("" at the end)."""
    at = after_spaces(text, pos)
    return text[at : at + 1]


def _after_quote_cue(r: _Reader, m: Marked) -> CueHit | None:
    """'"...," said Kerry' / '"...," he said' / '"..."، قال كيري'."""
    k = r.word_at(m.close)
    _, sent_end = r.sentence_span(m.close)
    if _CLAUSE_END.search(
        r.doc.text[m.close + 1 : r.words[k].start if k < len(r.words) else m.close + 1]
    ):
        return None
    # hits are in text order, so their words too: those on words k .. k + 3 are one run
    first = bisect_left(r.hits, k, key=_hit_word)
    for h in itertools.takewhile(lambda h: h.word <= k + 3, r.hits[first:]):
        if (
            h.kind in {"speech", "source"}
            and h.start < sent_end
            and not _CLAUSE_END.search(r.doc.text[m.close + 1 : h.start])
        ):
            return h
    return None


def find_quotes(doc: Document, cues: QuoteCues) -> list[Quote]:
    """Every direct and indirect quote of ``doc``, in text order."""
    r = _Reader(doc, cues)
    found = _Found()
    for hit in r.hits:
        _read_cue(r, found, hit)
    for mi, m in enumerate(r.marked):
        if mi in found.direct or not r.is_quote(m):
            continue
        h = _after_quote_cue(r, m)
        if h is not None:
            sp = r.speaker(h)
            if sp is None or (h.lang == "en" and r.mention_after(h.end, 0) is not None):
                sp = r.mention_after(h.end, 1) or r.mention_before(h.start, 2) or sp
            _give(r, found, mi, h, sp)
            continue
        # a paragraph of quoted words after the speaker's last turn
        if r.n_words(m.start, m.end) >= CONTINUATION_WORDS:
            sp = r.last_speaker(m.open, 2)
            if sp is not None:
                found.direct[mi] = Quote(sp, "direct", m.start, m.end, None, r.sentence(m.start))
    quotes = list(found.direct.values()) + found.indirect
    quotes.sort(key=lambda q: (q.start, q.end))
    return _per_sentence(_dedupe(quotes))


def _per_sentence(quotes: list[Quote]) -> list[Quote]:
    """The first ``MAX_QUOTES_PER_SENTENCE`` quotes of each sentence (by its cue's sentence).

    News sentences report a few turns (at most 9 in one sentence of the 2,833 corpus
    records); a sentence of 1,000 "said that" nests 1,000 quotes, and the speaker model
    weighs every mention of the sentence for each: the cap keeps that work linear.
    """
    kept: list[Quote] = []
    seen: dict[int | None, int] = {}
    for q in quotes:
        n = seen[q.sentence] = seen.get(q.sentence, 0) + 1
        if n <= MAX_QUOTES_PER_SENTENCE:
            kept.append(q)
    return kept


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for q in quotes:
        if (q.start, q.end) in seen:
            continue
        seen.add((q.start, q.end))
        out.append(q)
    return out


def quotes(doc: Document, ctx: Context) -> Document:
    found = find_quotes(doc, quote_cues())
    models = ctx.models()
    if models is not None:
        # the rules found the quotes and a speaker each; the speaker model decides who speaks
        from hadath.stages.speakers import decide

        found = decide(doc, found, models.speaker, ctx.explain)
        if models.quotes is not None:
            from hadath.stages.keys import filter_quotes

            found = filter_quotes(doc, found, models.quotes)
    return replace(doc, quotes=tuple(found))
