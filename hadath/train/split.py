"""Train / dev / test by a hash of the document reference, fixed before anyone reads a document.

The test part is for reporting only: no rule, lexicon entry or feature is written while reading
it, and no model is fitted or tuned on it.
"""

from __future__ import annotations

import hashlib

SPLITS = ("train", "dev", "test")
_SALT = "hadath-split-v1:"


def split_of(ref: str) -> str:
    """``train`` (70 %), ``dev`` (15 %) or ``test`` (15 %), by the SHA-1 of the reference."""
    h = int(hashlib.sha1((_SALT + ref).encode("utf-8")).hexdigest()[:8], 16) % 100
    if h < 70:
        return "train"
    return "dev" if h < 85 else "test"


def selection_order(refs: list[str]) -> list[str]:
    """The order documents of a pool are taken for annotation: by a second hash, so the first N
    are a fair sample of the pool, the same N whoever draws them."""
    return sorted(refs, key=lambda r: hashlib.sha1(("hadath-select-v1:" + r).encode()).hexdigest())
