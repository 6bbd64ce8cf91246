"""Module attributes imported on first use (PEP 562), for packages whose names pull in heavy
modules that many importers never touch."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(
    package: str, table: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name of ``table`` is imported from the
    module it maps to when first asked for, then kept in ``namespace`` (the package's
    ``globals()``) so that later lookups do not come back here."""

    def __getattr__(name: str) -> Any:
        if name in table:
            value = getattr(importlib.import_module(table[name]), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
