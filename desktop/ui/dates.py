"""Reading dates and times as a secretary types them (ngày, giờ) — plain Python, no Qt.

:func:`parse_date` takes ``25/06/2023``, ``25062023``, ``25-6-2023``, ``25.6.23``,
``2023-06-25``; :func:`parse_time` takes ``8h``, ``8:00``, ``08.00``, ``8h30``, ``8 giờ 30``,
``0830``. Both raise :class:`Unreadable` (the text is not a date/time at all) or
:class:`Impossible` (it reads, but there is no such day: ``30/02/2023``); the window turns
these into a message naming the field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


class DateTextError(ValueError):
    """``text`` (as typed) cannot be used; ``shown`` is how the message quotes it."""

    def __init__(self, text: str, shown: str = "") -> None:
        super().__init__(text)
        self.text = text
        self.shown = shown or text


class Unreadable(DateTextError):
    pass


class Impossible(DateTextError):
    pass


_SEP = re.compile(r"\s*[/\-.,\s]\s*")


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:  # 23 -> 2023 (the office dates this app sees are all after 2000)
        year += 2000
    return year


def parse_date(text: str) -> dt.date | None:
    """The date in ``text`` (day first), or None for an empty text."""
    raw = unicodedata.normalize("NFC", text or "").strip()
    if not raw:
        return None
    parts = [p for p in _SEP.split(raw) if p]
    if not all(p.isdigit() for p in parts):
        raise Unreadable(raw)
    if len(parts) == 1:
        digits = parts[0]
        if len(digits) == 8:
            parts = [digits[:2], digits[2:4], digits[4:]]
        elif len(digits) == 6:
            parts = [digits[:2], digits[2:4], digits[4:]]
        else:
            raise Unreadable(raw)
    if len(parts) != 3:
        raise Unreadable(raw)
    if len(parts[0]) == 4:  # ISO order 2023-06-25
        year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    else:
        if len(parts[2]) not in (2, 4) or len(parts[0]) > 2 or len(parts[1]) > 2:
            raise Unreadable(raw)
        day, month, year = int(parts[0]), int(parts[1]), _year(parts[2])
    shown = f"{day:02d}/{month:02d}/{year}"
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        raise Impossible(raw, shown)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Impossible(raw, shown) from None


def format_date(day: dt.date | str | None) -> str:
    """dd/mm/yyyy ("" for None); accepts ISO text as stored."""
    if day in (None, ""):
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


_TIME = re.compile(
    r"^(?P<h>\d{1,2})\s*(?:(?:h|g|giờ|gio|:|\.|,)\s*(?P<m>\d{1,2})?\s*(?:p|ph|phút|phut|')?)?$",
    re.IGNORECASE)


def parse_time(text: str) -> str | None:
    """``HH:MM`` for the time in ``text``, or None for an empty text."""
    raw = unicodedata.normalize("NFC", text or "").strip()
    if not raw:
        return None
    compact = raw.replace(" ", "")
    if compact.isdigit() and len(compact) in (3, 4):  # 830, 0830
        hours, minutes = int(compact[:-2]), int(compact[-2:])
    else:
        m = _TIME.match(raw)
        if m is None:
            raise Unreadable(raw)
        hours, minutes = int(m.group("h")), int(m.group("m") or 0)
    shown = f"{hours:02d}:{minutes:02d}"
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise Impossible(raw, shown)
    return shown
