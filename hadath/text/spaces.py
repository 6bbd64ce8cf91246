"""Where a run of spaces ends, found in place.

``text[pos:].lstrip()`` copies the rest of a document to look at its first
few characters; stages that ask this for every number or cue of a long page
spent their time copying.
"""

from __future__ import annotations

import re

# ``\s`` of a str pattern is ``str.isspace``, the set ``lstrip`` strips.
_SPACES = re.compile(r"\s*")


def after_spaces(text: str, pos: int) -> int:
    """The first position from ``pos`` on that is not a space.

    For ``pos`` inside the text: ``len(text) - len(text[pos:].lstrip())``.
    """
    m = _SPACES.match(text, pos)
    return m.end() if m is not None else pos
