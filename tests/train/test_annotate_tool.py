"""tools/annotate.py: spans found as whole words and nearest their anchor."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("annotate_tool", ROOT / "tools" / "annotate.py")
assert _spec and _spec.loader
tool = importlib.util.module_from_spec(_spec)
sys.modules["annotate_tool"] = tool
_spec.loader.exec_module(tool)


def test_annotate_cue_is_a_whole_word_with_its_proclitic() -> None:
    text = "وقالت الوزيرة كلاما. وقال الوزير إن المقال طويل."
    occ = tool._occurrences(text, "قال")
    assert [text[j - 1 : j + 3] for j in tool._whole_words(text, "قال", occ)] == ["وقال"]


def test_annotate_speaker_nearest_the_cue() -> None:
    text = "قال شكري أمس شيئا، ثم التقى الوزير وقال شكري إن المحادثات مثمرة."
    cue = text.rindex("وقال")
    start, _ = tool._near(text, "شكري", 0, len(text), "speaker", cue)
    assert start == text.rindex("شكري")


def test_annotate_mention_is_a_whole_word_where_one_is() -> None:
    text = "Officials of Nigeria met envoys of Niger and of Chad in Abuja."
    start, end = tool._near(text, "Niger", 0, len(text), "target")
    assert text[start:end] == "Niger" and text[end] == " "
    # with no whole-word occurrence, the substring still resolves
    start, end = tool._near(text, "Nige", 0, len(text), "target")
    assert text[start : start + 7] == "Nigeria"
