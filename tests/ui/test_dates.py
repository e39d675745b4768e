"""The date and time reader behind every date field and cell (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.ui.dates import Impossible, Unreadable, format_date, parse_date, parse_time


@pytest.mark.parametrize("text", ["25/06/2023", "25062023", "25-6-2023", "25.6.2023",
                                  " 25 / 6 / 23 ", "250623", "2023-06-25"])
def test_usual_ways_of_typing_a_day(text):
    assert parse_date(text) == dt.date(2023, 6, 25)
    assert format_date(parse_date(text)) == "25/06/2023"


def test_empty_is_no_date():
    assert parse_date("") is None and parse_date("   ") is None


@pytest.mark.parametrize(("text", "shown"), [("30/02/2023", "30/02/2023"),
                                             ("29/2/2023", "29/02/2023"),
                                             ("32012023", "32/01/2023"),
                                             ("1/13/2023", "01/13/2023")])
def test_impossible_days_are_named(text, shown):
    with pytest.raises(Impossible) as err:
        parse_date(text)
    assert err.value.shown == shown


@pytest.mark.parametrize("text", ["abc", "2506", "25/06", "1/2/3/4", "—5062023"])
def test_unreadable_dates(text):
    with pytest.raises(Unreadable):
        parse_date(text)


@pytest.mark.parametrize(("text", "time"), [("8h", "08:00"), ("8:00", "08:00"),
                                            ("08.00", "08:00"), ("8h30", "08:30"),
                                            ("8 giờ 30", "08:30"), ("0830", "08:30"),
                                            ("14h15p", "14:15"), ("8", "08:00")])
def test_usual_ways_of_typing_a_time(text, time):
    assert parse_time(text) == time


def test_times_that_cannot_be():
    with pytest.raises(Impossible):
        parse_time("25:00")
    with pytest.raises(Impossible):
        parse_time("8h75")
    with pytest.raises(Unreadable):
        parse_time("sáng")
    assert parse_time("") is None
