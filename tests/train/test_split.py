"""The split of annotated documents: fixed by the reference, about 70/15/15."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hadath.train.docs import all_refs
from hadath.train.split import selection_order, split_of


def test_split_is_fixed_by_the_reference() -> None:
    assert split_of("pool:X") == split_of("pool:X")
    assert {split_of(f"pool:{i}") for i in range(200)} == {"train", "dev", "test"}


def test_split_shares_of_the_pool(shared: Path) -> None:
    refs = all_refs(shared, "pool")
    shares = Counter(split_of(r) for r in refs)
    assert 0.66 < shares["train"] / len(refs) < 0.74
    assert 0.12 < shares["test"] / len(refs) < 0.18


def test_split_selection_order_is_a_permutation(shared: Path) -> None:
    refs = all_refs(shared, "pool")
    order = selection_order(refs)
    assert sorted(order) == sorted(refs) and order != refs
    assert selection_order(list(reversed(refs))) == order
