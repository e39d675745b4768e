"""Formatting helpers: Decree 30 dates, Vietnamese numbers, document numbers, file stems."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from desktop.documents import fmt


@pytest.mark.parametrize(("date", "text"), [
    (dt.date(2023, 1, 5), "ngày 05 tháng 01 năm 2023"),
    (dt.date(2023, 2, 28), "ngày 28 tháng 02 năm 2023"),
    (dt.date(2023, 6, 28), "ngày 28 tháng 6 năm 2023"),
    (dt.date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
    (dt.date(2023, 12, 10), "ngày 10 tháng 12 năm 2023"),
    (None, "ngày … tháng … năm …"),
])
def test_date_long_follows_decree_30(date, text):
    assert fmt.date_long(date) == text


def test_place_date_and_time():
    assert fmt.place_date("Hòa An", dt.date(2023, 6, 28)) == "Hòa An, ngày 28 tháng 6 năm 2023"
    assert fmt.time_text(dt.time(8, 5)) == "08 giờ 05 phút"
    assert fmt.date_short(dt.date(2023, 1, 5)) == "05/01/2023"


@pytest.mark.parametrize(("value", "text"), [
    (1_500_000, "1.500.000 đồng"), (0, "0 đồng"), (999, "999 đồng"), (410_000_000,
                                                                      "410.000.000 đồng"),
])
def test_money(value, text):
    assert fmt.money(value) == text


@pytest.mark.parametrize(("part", "whole", "text"), [
    (4, 15, "26,7%"), (7, 7, "100%"), (8, 9, "88,9%"), (7, 9, "77,8%"), (1, 2, "50%"),
    (0, 9, "0%"), (3, 0, "—"),
])
def test_percent(part, whole, text):
    assert fmt.percent(part, whole) == text


@pytest.mark.parametrize(("value", "text"), [(27.8, "27,8"), (100.0, "100"), (1150, "1.150"),
                                             (12.5, "12,5"), (0.25, "0,25")])
def test_number(value, text):
    assert fmt.number(value) == text


def test_doc_number():
    assert fmt.doc_number("12", "TTr-UBND") == "Số: 12/TTr-UBND"
    assert fmt.doc_number("5", "BB-HĐTĐKT") == "Số: 05/BB-HĐTĐKT"
    blank = fmt.doc_number("", "TTr-UBND")
    assert blank.startswith("Số: ") and blank.endswith("/TTr-UBND")
    assert blank.replace("\u00a0", " ") == "Số:       /TTr-UBND"


def test_upper_and_ascii():
    assert fmt.upper("Ủy ban nhân dân huyện Hòa An") == "ỦY BAN NHÂN DÂN HUYỆN HÒA AN"
    decomposed = unicodedata.normalize("NFD", "Hòa An")
    assert fmt.upper(decomposed) == "HÒA AN"
    assert fmt.ascii_fold("Lưu Ỷ Mỹ Hường, ĐẶNG") == "Luu Y My Huong, DANG"
    assert fmt.ascii_stem("Xóm Nà Mè, xã Bạch Đằng") == "XomNaMeXaBachDang"
    assert fmt.ascii_stem("Phòng Nông nghiệp và Phát triển nông thôn").isascii()
    assert len(fmt.ascii_stem("Phòng Nông nghiệp và Phát triển nông thôn")) <= 24
    assert fmt.two_digits(1) == "01" and fmt.two_digits(12) == "12"
