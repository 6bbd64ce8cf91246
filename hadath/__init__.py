"""hadath: event data from Arabic and English news.

>>> import hadath
>>> record = hadath.read("كيري ولافروف يلتقيان في موسكو")   # a path, or a text or HTML string
>>> for result in hadath.read_many(["page.html", "articles.jsonl"]):
...     print(result.input, result.record or result.error)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hadath.errors import HadathError, InputError, StoreError
from hadath.lazy import lazy_attributes

if TYPE_CHECKING:
    from hadath.api import ReadResult, process, read, read_document, read_many
    from hadath.context import Context

__version__ = "0.1.0"

# The reading API is imported on first use, so that a command that does not read (``hadath
# events``, ``hadath --help``) or a module that only needs the errors does not pay for the
# pipeline's imports.
_LAZY = {
    "Context": "hadath.context",
    "ReadResult": "hadath.api",
    "process": "hadath.api",
    "read": "hadath.api",
    "read_document": "hadath.api",
    "read_many": "hadath.api",
}


__getattr__ = lazy_attributes("hadath", _LAZY, globals())


def compiled() -> bool:
    """Whether this install runs the pipeline compiled with mypyc (``HADATH_USE_MYPYC=1``)."""
    from hadath.stages import events

    return not (events.__file__ or "").endswith(".py")


__all__ = [
    "Context",
    "HadathError",
    "InputError",
    "ReadResult",
    "StoreError",
    "__version__",
    "compiled",
    "process",
    "read",
    "read_document",
    "read_many",
]
