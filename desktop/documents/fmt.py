"""Formatting helpers for documents (định dạng văn bản): pure functions, tested on their own.

Dates follow Decree 30/2020/NĐ-CP (ô 4): a day below 10 and the months 1 and 2 take a leading
zero ("ngày 05 tháng 01 năm 2023", "ngày 28 tháng 6 năm 2023"). Numbers use the Vietnamese
separators: "." between thousands, "," before decimals ("1.500.000 đồng", "26,7%").
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from fractions import Fraction

from desktop.textutil import nfc

#: The blank a clerk fills by hand when a number or date is not known yet.
BLANK_NUMBER = "\u00a0" * 6
BLANK_DAY = "…"


def day_text(day: int) -> str:
    """Day of month for a date line: leading zero below 10 ("05", "28")."""
    return f"{day:02d}" if day < 10 else str(day)


def month_text(month: int) -> str:
    """Month for a date line: leading zero for January and February only ("01", "02", "6")."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_long(date: dt.date | None) -> str:
    """"ngày 05 tháng 01 năm 2023"; a dotted blank when the date is unknown."""
    if date is None:
        return "ngày … tháng … năm …"
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def date_short(date: dt.date | None) -> str:
    """"05/01/2023" style used inside tables and references ("…/…/…" when unknown)."""
    if date is None:
        return "…/…/…"
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def place_date(place: str, date: dt.date | None) -> str:
    """The italic line under the motto: "Hòa An, ngày 28 tháng 6 năm 2023"."""
    return f"{place or '……'}, {date_long(date)}"


def time_text(value: dt.time | None) -> str:
    """"08 giờ 00 phút" (blank dots when unknown)."""
    if value is None:
        return "… giờ … phút"
    return f"{value.hour:02d} giờ {value.minute:02d} phút"


def group_thousands(value: int) -> str:
    """1500000 → "1.500.000"."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def number(value: float | int, decimals: int = 2) -> str:
    """A figure in Vietnamese notation: 27.8 → "27,8", 100.0 → "100", 1150 → "1.150"."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        whole, _, frac = text.partition(".")
        return group_thousands(int(whole)) + ("," + frac if frac else "")
    return group_thousands(int(value))


def money(value: int) -> str:
    """"1.500.000 đồng"."""
    return f"{group_thousands(value)} đồng"


def percent(part: int | float | Fraction, whole: int | float | Fraction) -> str:
    """part/whole as "26,7%" (one decimal, ",0" dropped); "—" when whole is 0."""
    if not whole:
        return "—"
    return percent_value(Fraction(part) / Fraction(whole) * 100)


def percent_value(value: float | Fraction) -> str:
    """A percentage already in percent: 26.666 → "26,7%", 100 → "100%"."""
    rounded = math.floor(float(value) * 10 + 0.5) / 10
    return number(rounded, 1) + "%"


def two_digits(count: int) -> str:
    """Counts in requests are written with two digits below 10: 1 → "01"."""
    return f"{count:02d}"


def doc_number(number_: str, symbol: str, label: str = "Số") -> str:
    """"Số: 12/TTr-UBND"; with no number a blank for the clerk: "Số:      /TTr-UBND".

    A one-digit running number takes a leading zero ("05"), as Decree 30 asks.
    """
    num = number_.strip()
    if num.isdigit() and len(num) == 1:
        num = "0" + num
    return f"{label}: {num or BLANK_NUMBER}/{symbol}"


def upper(text: str) -> str:
    """Upper case for headers and titles, staying in NFC ("Hòa An" → "HÒA AN")."""
    return nfc(text.upper())


def lower_first(text: str) -> str:
    """"Tập thể" → "tập thể" (for labels used inside a sentence)."""
    return text[:1].lower() + text[1:] if text else text


_ASCII_MAP = {"đ": "d", "Đ": "D"}
_NON_WORD = re.compile(r"[^A-Za-z0-9]+")


def ascii_fold(text: str) -> str:
    """Strip Vietnamese diacritics: "Lưu Ỷ Mỹ Hường" → "Luu Y My Huong"."""
    text = "".join(_ASCII_MAP.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_stem(text: str, max_len: int = 24) -> str:
    """A short ASCII file-name part in CamelCase: "Xóm Nà Mè" → "XomNaMe"; cut between
    words, so a name never ends mid-word ("…VaPhatTri")."""
    words = [w[:1].upper() + w[1:].lower() for w in _NON_WORD.split(ascii_fold(text)) if w]
    stem = ""
    for word in words:
        if len(stem) + len(word) > max_len:
            break
        stem += word
    return stem or (words[0][:max_len] if words else "X")


NBSP = "\u00a0"
#: Dates printed as one unit: "ngày 05 tháng 01 năm 2023", "ngày 20/6/2023", "tháng 6 năm
#: 2023", "năm 2022", "11/6/1948 - 11/6/2023".
_DATES = re.compile(r"ngày \d{1,2}(?: tháng \d{1,2}(?: năm \d{4})?|/\d{1,2}/\d{4})"
                    r"|tháng \d{1,2}(?: năm \d{4})?|năm \d{4}"
                    r"|\d{1,2}/\d{1,2}/\d{4} - \d{1,2}/\d{1,2}/\d{4}")


def keep_together(text: str, phrases: tuple[str, ...] | list[str] = ()) -> str:
    """Line-breaking rules a reviewer expects, as no-break spaces: dates and date ranges stay
    on one line, a spaced dash never starts a line ("kinh tế - xã hội"), and each of
    ``phrases`` (names of places and bodies, titles) stays whole."""
    text = _DATES.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = text.replace(" - ", NBSP + "- ")
    for phrase in sorted(phrases, key=len, reverse=True):  # "tỉnh Cao Bằng" before "Cao Bằng"
        if phrase in text:
            text = text.replace(phrase, phrase.replace(" ", NBSP))
    return text


def pdf_date(value: dt.datetime) -> str:
    """A PDF date string "D:20230628094000+07'00'" (naive times taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    offset = value.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return value.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{rest:02d}'"
