"""py3langid's model, scored for many texts at once without a Python step per byte.

py3langid reads a text by walking its byte n-gram automaton one byte at a
time in Python, which cost more than the rest of the layout stage. Every
state of that automaton stands for a string of at most ``MAX_STATE_BYTES``
bytes, so the state reached after a byte depends only on that byte and the
few before it (in the same text). ``Identifier`` runs those few steps for
every byte of every text at once with numpy, counts each text's features in
the order py3langid meets them, and scores them with the same numpy
operations on the same types (the product of weights and model one text at
a time, the elementwise normalisation for all texts at once), so its scores
are py3langid's bit for bit and it returns the label py3langid's
``classify`` returns (tests/text/test_langid.py checks both).
"""

from __future__ import annotations

import ast
import lzma
import math
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

# The longest string a state of py3langid 0.4's automaton stands for (checked by a test).
MAX_STATE_BYTES = 6


class Identifier:
    """The labels of py3langid's ``classify``, for a ``LanguageIdentifier`` with ``norm_probs``
    (or for py3langid's model arrays, restricted to some languages: ``read_model``)."""

    def __init__(self, ident: Any, model: Model | None = None) -> None:
        self._ident = ident
        if model is not None:
            self._fast = True
            self._next, self._rowbase, self._output = model.nextmove, model.rowbase, model.output
            self._ptc, self._pc = model.ptc, model.pc
            self._classes: list[str] = list(model.classes)
            self._n_features = int(self._output.max()) + 1
            return
        try:
            self._fast = bool(
                ident._norm_probs and ident.min_confidence is None and not ident._alias_pairs
            )
            self._next = np.asarray(ident.tk_nextmove)  # a view: the table is 40 MB
            self._rowbase = np.asarray(ident._rowbase, dtype=np.intp)
            self._output = np.asarray(ident.tk_output, dtype=np.intp)
            # rows of one feature side by side: the same values, read faster
            self._ptc = np.ascontiguousarray(ident.nb_ptc)
            self._pc = ident.nb_pc
            self._classes = list(ident.nb_classes)
        except AttributeError:  # another py3langid: let it classify
            self._fast = False
        if self._fast:
            self._n_features = int(self._output.max()) + 1

    def classify(self, texts: Sequence[str]) -> list[str]:
        """The language code of each text."""
        if not self._fast:
            return [str(self._ident.classify(t)[0]) for t in texts]
        if not texts:
            return []
        return [self._classes[i] for i in self.scores(texts).argmax(axis=1).tolist()]

    def scores(self, texts: Sequence[str]) -> Any:
        """py3langid's normalised scores (``_decide``) of each text, one row per text.

        Only for the identifier's fast path (no aliases, no minimum confidence).
        """
        data = [_encode(t) for t in texts]
        sizes = np.fromiter(map(len, data), dtype=np.intp, count=len(data))
        keys, counts = self._features(b"".join(data), sizes)
        scores = self._raw_scores(keys, counts, len(texts))
        # py3langid's normalisation, one row per text (float rounding can turn near ties
        # into ties, so each step is the same operation on the same type as its own)
        scale = [1.0 / math.sqrt(size or 1) for size in sizes.tolist()]
        scores *= np.array(scale, dtype=np.float32)[:, None]
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def _raw_scores(self, keys: Any, counts: Any, n_texts: int) -> Any:
        """Each text's naive Bayes scores, one row per text: zeros (py3langid's scores for
        a text without features) or the product of its feature weights and the model."""
        # each text's features form one run of keys
        runs = np.searchsorted(keys // self._n_features, np.arange(n_texts + 1)).tolist()
        weights = np.log1p(counts.astype(np.float32))
        rows = self._ptc[keys % self._n_features]
        scores = np.zeros((n_texts, len(self._classes)), dtype=np.float32)
        featured = np.zeros(n_texts, dtype=bool)
        for i in range(n_texts):
            lo, hi = runs[i], runs[i + 1]
            if lo < hi:
                # one product per text, of a fresh vector: the call py3langid makes
                scores[i] = weights[lo:hi].copy() @ rows[lo:hi]
                featured[i] = True
        scores[featured] += self._pc
        return scores

    def _features(self, data: bytes, sizes: Any) -> tuple[Any, Any]:
        """(text number x feature count + feature, count) of each text's features, in the
        order each text first meets them, texts in order."""
        byte = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        text = np.repeat(np.arange(len(sizes)), sizes)
        offset = np.arange(len(byte)) - (np.cumsum(sizes) - sizes)[text]
        state = np.zeros(len(byte), dtype=np.intp)
        # step k feeds each byte with k bytes of its own text before it the byte k places
        # back, oldest first: the automaton's walk from the start of the text, cut short
        # (whole slices and a mask rather than the positions far enough in: no gather by index)
        for k in range(MAX_STATE_BYTES - 1, 0, -1):
            if len(byte) <= k:
                continue
            moved = self._next[self._rowbase[state[k:]] + byte[:-k]]
            state[k:] = np.where(offset[k:] >= k, moved, state[k:])
        state = self._next[self._rowbase[state] + byte]
        found = self._output[state]
        keep = found >= 0
        return _first_seen(text[keep] * self._n_features + found[keep])


def _first_seen(keys: Any) -> tuple[Any, Any]:
    """The distinct keys in the order they first appear, and how often each appears."""
    n = len(keys)
    if not n:
        return keys, keys
    if (int(keys.max()) + 1) * n < 2**62:
        # key and position in one number: a plain sort keeps each key's first position first
        both = np.sort(keys * n + np.arange(n))
        ordered, at = both // n, both % n
    else:
        at = np.argsort(keys, kind="stable")
        ordered = keys[at]
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    first = at[starts]
    counts = np.zeros(n, dtype=np.intp)
    counts[first] = np.diff(np.append(starts, n))
    # marking the first positions and reading them in text order needs no second sort
    mask = np.zeros(n, dtype=bool)
    mask[first] = True
    return keys[mask], counts[mask]


def _encode(text: str) -> bytes:
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


# -- loading py3langid's model -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Model:
    """What ``Identifier`` reads of py3langid's model, for the languages asked for."""

    nextmove: Any  # the automaton's distinct rows of 256 next states, one after the other
    rowbase: Any  # each state's row, times 256
    output: Any  # each state's feature, or -1
    ptc: Any  # each feature's weight in each language (rows of features, C order)
    pc: Any  # each language's prior
    classes: tuple[str, ...]


# py3langid 0.4's packed model: an LZMA file holding an uncompressed .npz of these arrays
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_ZIP_ENTRY = 0x04034B50
_CHUNK = 1 << 20


class _Unpacked:
    """The bytes of an LZMA file in order, without ever holding all of them."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._lzma = lzma.LZMADecompressor()

    def readinto(self, buf: memoryview) -> None:
        pos, n = 0, len(buf)
        while pos < n:
            if self._lzma.eof:
                raise ValueError("the model file ends early")
            data = self._fh.read(_CHUNK) if self._lzma.needs_input else b""
            if self._lzma.needs_input and not data:
                raise ValueError("the model file ends early")
            got = self._lzma.decompress(data, min(n - pos, _CHUNK))
            buf[pos : pos + len(got)] = got
            pos += len(got)

    def read(self, n: int) -> bytes:
        buf = bytearray(n)
        self.readinto(memoryview(buf))
        return bytes(buf)


def _entry(src: _Unpacked) -> tuple[str, int]:
    """The name and size of the next stored member of the zip file ``src`` is reading."""
    sig, _, flags, method, _, _, _, _, size, name_len, extra_len = struct.unpack(
        "<IHHHHHIIIHH", src.read(30)
    )
    if sig != _ZIP_ENTRY or method != 0 or flags & 0x8:
        raise ValueError("not a stored zip member")
    name = src.read(name_len).decode("utf-8")
    extra = src.read(extra_len)
    at = 0
    while size == 0xFFFFFFFF and at + 4 <= len(extra):  # the zip64 field holds the size
        tag, length = struct.unpack_from("<HH", extra, at)
        if tag == 1:
            size = struct.unpack_from("<Q", extra, at + 4)[0]
        at += 4 + length
    if size == 0xFFFFFFFF:
        raise ValueError(f"{name}: no size")
    return name, size


def _array(src: _Unpacked, size: int) -> Any:
    """The .npy array of ``size`` bytes ``src`` reads next."""
    start = src.read(10)
    if start[:6] != b"\x93NUMPY" or start[6] not in (1, 2, 3):
        raise ValueError("not a .npy array")
    if start[6] == 1:
        head_len, head_at = struct.unpack_from("<H", start, 8)[0], 10
    else:
        head_len, head_at = struct.unpack("<I", start[8:] + src.read(2))[0], 12
    # the header is a dict literal, read as numpy reads it
    fields = ast.literal_eval(src.read(head_len).decode("latin-1"))
    dtype = np.lib.format.descr_to_dtype(fields["descr"])
    shape = tuple(fields["shape"])
    if fields["fortran_order"] or dtype.hasobject:
        raise ValueError("an array of another layout")
    out = np.empty(shape, dtype=dtype)
    if head_at + head_len + out.nbytes != size:
        raise ValueError("an array of another size")
    if out.nbytes:
        src.readinto(out.reshape(-1).view(np.uint8).data)
    return out


def read_model(path: Path, languages: Sequence[str]) -> Model | None:
    """py3langid's packed model restricted to ``languages``, read member by member as it is
    unpacked (py3langid unpacks it to a temporary file, reads it back, and converts its tables
    to Python lists: more time and memory). None for a file of another layout or a model whose
    languages repeat a label (then py3langid's own loader and classifier are used)."""
    arrays: dict[str, Any] = {}
    try:
        with path.open("rb") as fh:
            src = _Unpacked(fh)
            while len(arrays) < len(_ARRAYS):
                name, size = _entry(src)
                key = name.removesuffix(".npy")
                if key not in _ARRAYS or key in arrays:
                    return None
                arrays[key] = _array(src, size)
    except (OSError, ValueError, KeyError, SyntaxError, struct.error, lzma.LZMAError):
        return None
    everything = [str(c) for c in arrays["classes"].tolist()]
    wanted = set(languages)
    if not wanted <= set(everything):
        return None
    keep = [i for i, c in enumerate(everything) if c in wanted]
    classes = tuple(everything[i] for i in keep)
    if len(set(classes)) != len(classes):
        return None
    ptc, pc = arrays["ptc"], arrays["pc"]
    if ptc.ndim != 2 or ptc.shape[1] != len(everything) or pc.shape != (len(everything),):
        return None
    return Model(
        nextmove=arrays["nextmove"].reshape(-1),
        rowbase=arrays["nextmove_row"].astype(np.intp) << 8,
        output=arrays["out_feat"].astype(np.intp),
        # the same selections py3langid's set_languages makes, as the same types
        ptc=np.ascontiguousarray(ptc[:, keep]),
        pc=pc[keep],
        classes=classes,
    )
