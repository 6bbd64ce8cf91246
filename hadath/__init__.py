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
__all__ = [
    "Context",
    "HadathError",
    "InputError",
    "ReadResult",
    "StoreError",
    "__version__",
    "process",
    "read",
    "read_document",
    "read_many",
]
