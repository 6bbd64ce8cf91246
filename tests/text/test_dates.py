"""Dates in the text: relative days resolved against the story's date (our own phrases)."""

from __future__ import annotations

import datetime as dt

import pytest

from hadath.text.dates import find_dates, resolve

TUESDAY = dt.date(2015, 6, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تبدأ المحادثات اليوم الثلاثاء", "2015-06-09"),
        ("تنظم النقابة إضرابا يوم السبت القادم", "2015-06-13"),
        ("يلتقي الوفدان الأحد المقبل", "2015-06-14"),
        ("التقى الوفدان يوم الأحد الماضي", "2015-06-07"),
        ("The talks resume next Friday", "2015-06-12"),
        ("The envoys met last Tuesday", "2015-06-02"),
        ("زار الوزير بغداد أمس", "2015-06-08"),
    ],
)
def test_dates_relative_days_resolve_against_the_story(text: str, expected: str) -> None:
    (mention,) = find_dates(text, 0, len(text))
    assert resolve(mention, TUESDAY) == expected


def test_dates_a_bare_weekday_is_the_last_one_unless_the_event_is_to_come() -> None:
    text = "اجتمع المجلس يوم الاثنين"
    (mention,) = find_dates(text, 0, len(text))
    assert resolve(mention, TUESDAY) == "2015-06-08"
    assert resolve(mention, TUESDAY, future=True) == "2015-06-15"
