"""hadath: event data from Arabic and English news.

>>> import hadath
>>> record = hadath.read("كيري ولافروف يلتقيان في موسكو")   # a path, or a text or HTML string
>>> for result in hadath.read_many(["page.html", "articles.jsonl"]):
...     print(result.input, result.record or result.error)
"""

from hadath.api import ReadResult, process, read, read_document, read_many
from hadath.context import Context
from hadath.errors import HadathError, InputError, StoreError

__version__ = "0.1.0"


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
