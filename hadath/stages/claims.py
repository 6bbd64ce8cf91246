"""Stage: figures stated in the text, with their unit, qualifier and speaker.

A claim is a number the text asserts about the world: a share ("بأكثر من
85%"), a range ("85% إلى 90%"), a sum of money ("500 مليون دولار", "$2
billion") or a count of people ("مقتل 39 شخصا", "dozens of protesters").
Only numbers with a unit become claims, so years, dates, times, phone
numbers and article numbers, which carry none, are left alone. A claim
inside reported speech, or in a sentence whose cue has a speaker, is that
speaker's.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, replace
from importlib.resources import files

from hadath.context import Context
from hadath.model import Claim, Document
from hadath.text.normalize import fold_form, normalize
from hadath.text.spaces import after_spaces

_KEYS = frozenset({"units", "fate", "scale", "qualifiers", "numbers", "vague", "not_before"})
_NUMBER = re.compile(r"(?<![\d.,٫٬/:])\d+(?:[.,٫٬]\d+)*(?![\d/:])")
_WORD = re.compile(r"[\w%$€£]+")
# Proclitics a unit or fate word may carry: "القتلى", "بالمئة", "وجرحى".
_PREFIXES = ("وال", "بال", "لل", "فال", "ال", "و", "ب", "ل", "ف")
_RANGE = re.compile(r"\s*(?:الي|حتي|-|–|to|و|and)\s*")  # matched where a figure ends
_PEOPLE_UNITS = frozenset({"people", "soldiers", "protesters", "refugees", "displaced"})
_TIME_WORDS = frozenset({"يوم", "ايام", "يوما", "ساعه", "ساعات", "شهر", "اشهر", "شهرا", "عام",
                         "اعوام", "عاما", "سنه", "سنوات", "days", "hours", "months", "years",
                         "weeks", "minutes", "دقيقه", "دقائق", "اسبوع", "اسابيع"})  # fmt: skip
FATE_WINDOW = 3


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    units: dict[str, str]  # folded form -> unit
    fate: dict[str, str]
    scale: dict[str, float]
    qualifiers: tuple[tuple[str, str], ...]  # (folded phrase, qualifier), longest first
    numbers: dict[str, float]
    vague: dict[str, tuple[float, str]]
    not_before: frozenset[str]
    # where a whole _WORD is a vague or number word: the only words worth looking up
    number_words: re.Pattern[str] = re.compile("(?!)")


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {fold_form(form): key for key, forms in table.items() for form in forms}


@functools.cache
def claim_lexicon() -> ClaimLexicon:
    """``hadath/data/quotes/claims.toml``, loaded once per process."""
    path = files("hadath") / "data" / "quotes" / "claims.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    quals = sorted(_invert(raw["qualifiers"]).items(), key=lambda kv: -len(kv[0]))
    vague_values = {"tens of": 10.0, "dozens of": 12.0, "hundreds of": 100.0,
                    "thousands of": 1000.0, "millions of": 1e6}  # fmt: skip
    numbers = {k: float(v) for k, v in _invert(raw["numbers"]).items()}
    vague = {k: (vague_values[q], q) for k, q in _invert(raw["vague"]).items()}
    return ClaimLexicon(
        units=_invert(raw["units"]),
        fate=_invert(raw["fate"]),
        scale={k: float(v) for k, v in _invert(raw["scale"]).items()},
        qualifiers=tuple(quals),
        numbers=numbers,
        vague=vague,
        not_before=frozenset(fold_form(w) for w in raw["not_before"]["words"]),
        number_words=_whole_words([*vague, *numbers]),
    )


def _whole_words(words: list[str]) -> re.Pattern[str]:
    """A pattern for the ``_WORD`` tokens that are one of ``words``."""
    alts = "|".join(map(re.escape, sorted(w for w in words if _WORD.fullmatch(w))))
    edge = r"[\w%$€£]"  # _WORD's characters: a token never continues past the match
    return re.compile(rf"(?<!{edge})(?:{alts or '(?!)'})(?!{edge})")


@dataclass(frozen=True, slots=True)
class _Num:
    start: int  # folded-text offsets
    end: int
    value: float
    qualifier: str | None = None


def _value(s: str) -> float | None:
    """The number a digit string writes, or None for strings such as "0.1.0" (a version)."""
    s = s.replace("٬", ",").replace("٫", ".")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):
        return float(s.replace(".", ""))
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None


def _strip(word: str, table: dict[str, str] | dict[str, float]) -> str | None:
    if word in table:
        return word
    for p in _PREFIXES:
        if word.startswith(p) and word[len(p) :] in table:
            return word[len(p) :]
    return None


def _words(norm: str, pos: int, n: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(norm, pos):
        out.append((m.start(), m.end(), m.group()))
        if len(out) == n:
            break
    return out


def _words_before(norm: str, pos: int, n: int) -> list[str]:
    return [m.group() for m in _WORD.finditer(norm[max(0, pos - 80) : pos])][-n:]


def _unit_after(norm: str, pos: int, lex: ClaimLexicon) -> tuple[str | None, int, float]:
    """The unit right after a number (and its scale factor), and where it ends."""
    scale = 1.0
    # where the text goes on after the spaces: matched in place rather than by stripping a
    # copy of the rest of the document for every number
    at = after_spaces(norm, pos)
    if norm.startswith("%", at):
        return "%", at + 1, scale
    ws = _words(norm, pos, 3)
    k = 0
    if ws and norm[pos : ws[0][0]].strip() == "":
        key = _strip(ws[0][2], lex.scale)
        if key is not None:
            scale = lex.scale[key]
            pos = ws[0][1]
            k = 1
    at = after_spaces(norm, pos)  # past the scale word, if any
    for phrase, unit in lex.units.items():
        if " " in phrase and norm.startswith(phrase, at):
            return unit, at + len(phrase), scale
    if k < len(ws) and ws[k][2] == "of":
        pos = ws[k][1]  # "dozens of protesters"
        k += 1
    if k < len(ws) and norm[pos : ws[k][0]].strip() == "":
        key = _strip(ws[k][2], lex.units)
        if key is not None:
            return lex.units[key], ws[k][1], scale
        if ws[k][2] in _TIME_WORDS:
            return None, pos, scale
    return None, pos, scale


def _qualifier(norm: str, start: int, lex: ClaimLexicon) -> tuple[str | None, int]:
    before = norm[max(0, start - 40) : start].rstrip()
    for phrase, q in lex.qualifiers:
        if before.endswith(phrase):
            s = len(before) - len(phrase)
            head = before[:s]
            # at a word start, or after a proclitic glued to it ("بأكثر من")
            word = _WORD.search(head[::-1])
            glued = word.group()[::-1] if word and word.start() == 0 else ""
            if glued and glued not in {"و", "ب", "ل", "ف", "وب", "فب"}:
                continue
            return q, max(0, start - 40) + s - len(glued)
    return None, start


def _fate(norm: str, start: int, lex: ClaimLexicon) -> str | None:
    for w in reversed(_words_before(norm, start, FATE_WINDOW)):
        key = _strip(w, lex.fate)
        if key is not None:
            return lex.fate[key]
    return None


def _numbers(norm: str, lex: ClaimLexicon) -> list[_Num]:
    nums = [
        _Num(m.start(), m.end(), v)
        for m in _NUMBER.finditer(norm)
        if (v := _value(m.group())) is not None
    ]
    for m in lex.number_words.finditer(norm):
        w = m.group()
        if w in lex.vague:
            v, q = lex.vague[w]
            nums.append(_Num(m.start(), m.end(), v, q))
        elif w in lex.numbers and w not in lex.scale:
            nums.append(_Num(m.start(), m.end(), lex.numbers[w]))
    nums.sort(key=lambda n: n.start)
    return nums


def find_claims(doc: Document, lex: ClaimLexicon) -> list[Claim]:
    """Every figure of ``doc`` that has a unit, in text order."""
    norm = normalize(doc.text)
    text = norm.norm
    sent_starts = [s.start for s in doc.sentences]
    out: list[Claim] = []
    consumed = -1
    for n in _numbers(text, lex):
        if n.start < consumed:
            continue
        prev = _words_before(text, n.start, 1)
        if prev and prev[0] in lex.not_before:
            continue
        symbol = text[max(0, n.start - 1) : n.start]
        unit, end, scale = _unit_after(text, n.end, lex)
        if symbol in lex.units and unit is None:
            unit = lex.units[symbol]
        value_max = None
        r = _RANGE.match(text, end)
        if r is not None:
            m2 = _NUMBER.match(text, r.end())
            # "85 و90" is a range only after "بين"/"between"
            between = bool(prev) and prev[0] in {"بين", "between"}
            v2 = _value(m2.group()) if m2 is not None else None
            if (
                m2 is not None
                and v2 is not None
                and (between or r.group().strip() not in {"و", "and"})
            ):
                unit2, end2, scale2 = _unit_after(text, m2.end(), lex)
                if unit2 is not None or unit is not None:
                    unit = unit or unit2
                    scale = scale if unit2 is None else scale2
                    value_max = v2 * scale
                    end = max(end2, m2.end())
        fate = _fate(text, n.start, lex)
        if unit is None and fate is not None:
            nxt = _words(text, n.end, 1)
            if not nxt or nxt[0][2] not in _TIME_WORDS:
                unit = fate
        elif unit in _PEOPLE_UNITS and fate is not None:
            unit = fate
        if unit is None:
            continue
        qual, start = _qualifier(text, n.start, lex)
        qual = qual or n.qualifier
        if symbol in lex.units and start == n.start:
            start -= 1
        s, e = norm.span(start, end)
        sent = bisect_right(sent_starts, s) - 1 if sent_starts else None
        value = n.value * scale
        if value_max is not None and value_max < value:
            value, value_max = value_max, value
        out.append(Claim(s, e, value, unit, _speaker(doc, s, e, sent), qual, value_max, sent))
        consumed = end
    return out


class _Quotes:
    """A document's quotes read for claims: by start (when in that order, bounded by the
    longest quote), and the first quote with a cue and a speaker of each sentence."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        quotes = doc.quotes
        self.starts = [q.start for q in quotes]
        self.ordered = all(a <= b for a, b in itertools.pairwise(self.starts))
        self.longest = max((q.end - q.start for q in quotes), default=0)
        self.of_sentence: dict[int, int | None] = {}
        for q in quotes:
            if q.speaker is not None and q.cue is not None:
                self.of_sentence.setdefault(q.sentence, q.speaker.actor)

    def holding(self, start: int) -> range:
        """The quotes that may hold a span from ``start``, in order."""
        if not self.ordered:
            return range(len(self.starts))
        lo = bisect_right(self.starts, start - self.longest)
        return range(lo, bisect_right(self.starts, start))


# The quotes of the document ``_speaker`` read last (kept with it, so the identity holds).
_last_quotes: list[_Quotes] = []


def _speaker(doc: Document, start: int, end: int, sent: int | None) -> int | None:
    if not (_last_quotes and _last_quotes[0].doc is doc):
        _last_quotes[:] = [_Quotes(doc)]
    found = _last_quotes[0]
    for i in found.holding(start):
        q = doc.quotes[i]
        if q.start <= start and end <= q.end and q.speaker is not None:
            return q.speaker.actor
    return found.of_sentence.get(sent) if sent is not None else None


def claims(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    return replace(doc, claims=tuple(find_claims(doc, claim_lexicon())))
