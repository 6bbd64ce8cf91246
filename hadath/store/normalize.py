"""Folding for search: the core's normalised view, so index and matcher agree."""

from __future__ import annotations

from hadath.text.normalize import fold, normalize

__all__ = ["fold", "fold_with_map"]


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original one."""
    n = normalize(text)
    return n.norm, list(n.kept) if n.kept else list(range(len(n.norm)))
