"""Places of a slice: read from the document's one pass, the same as reading the slice alone.

Every sentence here is written for the test (none is copied from a shared text).
"""

from __future__ import annotations

from hadath.context import Context
from hadath.stages.places import _places, find_places
from hadath.text.normalize import normalize
from hadath.text.sentences import split_sentences

TEXT = (
    "وصل الوفد إلى موسكو أمس. وقال مسؤول في بغداد إن المحادثات ستُعقد في دمشق.\n"
    "Talks in Geneva ended. ΟΔΟΣ near İstanbul was closed.\n"
    "في حلب اشتباكات؛ والقاهرة تراقب. قرب الموصل سقطت قذائف"
)


def test_places_slice_equals_slice_read_alone(ctx: Context) -> None:
    spans = [*split_sentences(TEXT, 0, len(TEXT)), (0, len(TEXT))]
    # cuts inside words too: the slice must then be read on its own
    spans += [(3, 40), (TEXT.index("وسكو"), TEXT.index("بغداد") + 3)]
    for s, e in spans:
        alone = _places(ctx.places, normalize(TEXT[s:e]), s, 0)
        assert find_places(TEXT, s, e, ctx.places) == alone, TEXT[s:e]
    names = [p.name for p in find_places(TEXT, 0, len(TEXT), ctx.places)]
    assert "Moscow" in names and "Geneva" in names
