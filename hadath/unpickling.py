"""Reading the prebuilt files of ``hadath/data/compact`` with unpicklers that refuse code.

Kept out of the modules mypyc compiles (``[tool.hadath] mypyc``): a compiled class cannot
subclass ``pickle.Unpickler``.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

import ahocorasick


class _BuiltinsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a prebuilt lexicon names {module}.{name}")


class _AutomatonOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("ahocorasick", "Automaton"):
            return ahocorasick.Automaton
        raise pickle.UnpicklingError(f"a prebuilt automaton names {module}.{name}")


def builtins_only(data: bytes) -> Any:
    """What ``data`` holds, when it is builtin values only (UnpicklingError otherwise)."""
    return _BuiltinsOnly(io.BytesIO(data)).load()


def automaton(data: bytes) -> Any:
    """The pickled automaton ``data`` holds (UnpicklingError for any other class)."""
    return _AutomatonOnly(io.BytesIO(data)).load()
