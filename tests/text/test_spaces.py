from hypothesis import given
from hypothesis import strategies as st

from hadath.text.spaces import after_spaces

_SPACEY = st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2003\u3000\u200bxب%"), max_size=12)


@given(_SPACEY, st.integers(min_value=0, max_value=12))
def test_after_spaces_is_where_lstrip_stops(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert after_spaces(text, pos) == len(text) - len(text[pos:].lstrip())
