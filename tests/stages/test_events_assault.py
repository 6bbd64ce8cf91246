"""Arabic attack forms: the sentences are written for the test (none is copied from a corpus)."""

from __future__ import annotations

import hadath


def test_events_gunshots_named_as_rounds_are_an_attack() -> None:
    record = hadath.read("أطلق مسلحون أعيرة نارية على سيارة السفير الأمريكي في صنعاء أمس.")
    assert any(e["type"] == "ASSAULT" for e in record["events"])


def test_events_dual_attack_verb_is_an_attack() -> None:
    text = "قال مسؤول في الشرطة إن مهندسين تركيين اختطفا على يد مسلحين في جنوب ليبيا أمس."
    assert any(e["type"] == "ASSAULT" for e in hadath.read(text)["events"])
