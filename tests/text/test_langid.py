"""The batch identifier gives py3langid's own labels.

The texts are ours, plus the lines of the shared corpus when it is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import py3langid.langid as langid
import pytest

from hadath.context import LANGUAGES
from hadath.text.langid import MAX_STATE_BYTES, Identifier, _first_seen, read_model

OURS = [
    "",
    " ",
    "a",
    "ab",
    "12:05 ت م",
    "THE TALKS ENDED WITHOUT AN AGREEMENT",
    "قال المتحدث إن الوفد سيصل غدا إلى العاصمة لإجراء محادثات.",
    "گفت که مذاکرات فردا ادامه خواهد یافت",
    "Die Gespräche wurden am Montag fortgesetzt.",
    "Les discussions reprendront demain à Genève.",
    "وزير الخارجية (Foreign Minister) said on Monday",
    "\ud800 broken surrogate",
    "e\u0301te\u0301",  # not NFC
]


def _paragraphs(shared: Path, articles: int) -> list[str]:
    """The paragraphs of the first ``articles`` articles of the shared Arabic news sample."""
    out: list[str] = []
    with (shared / "corpus" / "arabic_news_sample.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= articles:
                break
            out += [p.strip() for p in json.loads(line)["text"].split("\n") if p.strip()]
    return out


@pytest.fixture(scope="module")
def library() -> langid.LanguageIdentifier:
    ident = langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )
    ident.set_languages(list(LANGUAGES))
    return ident


def test_langid_states_are_short(library: langid.LanguageIdentifier) -> None:
    # breadth first from the start state: a state's depth is the length of its string
    nxt = np.asarray(library.tk_nextmove)
    rowbase = np.asarray(library._rowbase, dtype=np.intp)
    depth = np.full(len(rowbase), -1)
    depth[0] = 0
    frontier = np.array([0])
    level = 0
    while frontier.size:
        level += 1
        reached = []
        for chunk in np.array_split(frontier, max(1, frontier.size // 4096)):
            reached.append(nxt[(rowbase[chunk][:, None] + np.arange(256)).ravel()])
        states = np.unique(np.concatenate(reached))
        frontier = states[depth[states] < 0]
        depth[frontier] = level
    assert (depth >= 0).all()
    assert depth.max() <= MAX_STATE_BYTES


def test_langid_labels_are_py3langids(library: langid.LanguageIdentifier, shared: Path) -> None:
    texts = OURS + _paragraphs(shared, 60)
    fast = Identifier(library)
    expected = [library.classify(t)[0] for t in texts]
    assert fast.classify(texts) == expected
    assert [fast.classify([t])[0] for t in OURS] == expected[: len(OURS)]
    assert fast.classify([]) == []


def test_langid_scores_are_py3langids_bit_for_bit(
    library: langid.LanguageIdentifier, shared: Path
) -> None:
    # scored together, each text's row is what py3langid computes for it alone
    texts = OURS + _paragraphs(shared, 20)
    rows = Identifier(library).scores(texts)
    for text, row in zip(texts, rows, strict=True):
        expected = library._decide(text)
        assert row.dtype == expected.dtype
        assert row.tobytes() == expected.tobytes(), text


def test_langid_first_seen_keeps_order_and_counts() -> None:
    for big in (9, 2**61):  # the second cannot be packed with its position
        keys, counts = _first_seen(np.array([big, 5, big, 5, 7, 5]))
        assert keys.tolist() == [big, 5, 7] and counts.tolist() == [2, 3, 1]


def test_langid_model_read_as_it_unpacks_gives_the_same_labels(
    library: langid.LanguageIdentifier, shared: Path
) -> None:
    model = read_model(langid.MODEL_DIR / langid.MODEL_FILE, LANGUAGES)
    assert model is not None
    assert list(model.classes) == list(library.nb_classes)
    assert np.array_equal(model.ptc, library.nb_ptc)
    assert np.array_equal(model.nextmove, np.asarray(library.tk_nextmove))
    texts = OURS + _paragraphs(shared, 60)
    expected = [library.classify(t)[0] for t in texts]
    assert Identifier(None, model).classify(texts) == expected


def test_langid_model_of_another_layout_is_left_to_py3langid(tmp_path: Path) -> None:
    import lzma

    bad = tmp_path / "model.npz.xz"
    bad.write_bytes(lzma.compress(b"PK\x03\x04 not a model"))
    assert read_model(bad, LANGUAGES) is None
    assert read_model(tmp_path / "missing.xz", LANGUAGES) is None
    short = tmp_path / "short.npz.xz"
    with lzma.open(langid.MODEL_DIR / langid.MODEL_FILE) as fh:
        start = fh.read(1 << 20)  # the model cut inside its first array
    short.write_bytes(lzma.compress(start))
    assert read_model(short, LANGUAGES) is None
