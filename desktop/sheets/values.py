"""Cell values as lists write them: years, dates, genders, ethnic groups, yes/no.

Each parser returns the field value, or raises :class:`CellError` with a message key of
``resources/i18n/importing.toml`` and its parameters (the caller names the row and column).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from desktop.models.campaign import CampaignPack
from desktop.sheets.columns import config, fold_ascii

#: Excel's day 0 (serial 1 = 1900-01-01, with Lotus' phantom 29/02/1900: hence 30/12/1899).
EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_MY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YEAR = re.compile(r"^(?:năm\s*)?(\d{4})(?:\.0+)?$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")


class CellError(ValueError):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def is_empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text(cell: Any) -> str:
    """A cell as text: whole numbers without ".0", dates as dd/mm/yyyy."""
    if isinstance(cell, bool):
        return "x" if cell else ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    return str(cell).strip()


def to_date(cell: Any) -> dt.date | int:
    """A date, or a bare year (int) when only the year is written.

    Accepts a date cell, an Excel serial number (1–109,574: up to 9999), "dd/mm/yyyy"
    (also with . or -), "mm/yyyy", ISO dates and a four-digit year ("1975", 1975.0)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value = float(cell)
        if value.is_integer() and 1900 <= value <= 2100:
            return int(value)  # a year typed as a number
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError("sheets.cell.bad_date", value=text(cell))
    raw = str(cell).strip()
    if m := _YEAR.match(raw):
        return int(m.group(1))
    if m := _DMY.match(raw):
        day, month, year = (int(g) for g in m.groups())
        if year < 100:
            year += 1900 if year > 30 else 2000
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise CellError("sheets.cell.bad_date", value=raw) from exc
    if m := _MY.match(raw):
        return int(m.group(2))
    if m := _ISO.match(raw):
        try:
            return dt.date(*(int(g) for g in m.groups()))
        except ValueError as exc:
            raise CellError("sheets.cell.bad_date", value=raw) from exc
    if raw.replace(".", "", 1).isdigit():
        return to_date(float(raw))
    raise CellError("sheets.cell.bad_date", value=raw)


def to_year(cell: Any) -> int:
    value = to_date(cell)
    return value if isinstance(value, int) else value.year


@cache
def _lookup(section: str) -> dict[str, str]:
    return {fold_ascii(v): key for key, values in config()[section].items() for v in values}


def _looked_up(cell: Any, section: str, error_key: str) -> str:
    """The key the cell's word stands for in ``section``; an unknown word raises ``error_key``."""
    found = _lookup(section).get(fold_ascii(text(cell)))
    if found is None:
        raise CellError(error_key, value=text(cell))
    return found


def to_gender(cell: Any) -> str:
    return _looked_up(cell, "genders", "sheets.cell.bad_gender")


def to_kind(cell: Any) -> str:
    return _looked_up(cell, "kinds", "sheets.cell.bad_kind")


def to_present(cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    folded = fold_ascii(text(cell))
    table = _lookup("present")
    if folded in table:
        return table[folded] == "yes"
    raise CellError("sheets.cell.bad_present", value=text(cell))


def to_count(cell: Any) -> int:
    raw = text(cell).replace(".", "").replace(",", "").replace(" ", "")
    if not raw.isdigit():
        raise CellError("sheets.cell.bad_number", value=text(cell))
    return int(raw)


def _ethnic_keys(name: str) -> list[str]:
    """"HMông (Mèo)" -> ["hmong meo", "hmong", "meo"] and the same without spaces."""
    keys = [fold_ascii(name)]
    main, _, rest = name.partition("(")
    keys.append(fold_ascii(main))
    if rest:
        keys.append(fold_ascii(rest.rstrip(")")))
    keys += [k.replace(" ", "") for k in keys]
    return [k for k in dict.fromkeys(keys) if k]


def ethnic_index(pack: CampaignPack) -> dict[str, str]:
    """Folded name, alias or code -> the pack's ethnic group code."""
    index: dict[str, str] = {}
    codes = {g.id for g in pack.ethnic_groups}
    for group in pack.ethnic_groups:
        for key in _ethnic_keys(group.label):
            index.setdefault(key, group.id)
    for alias, code in config().get("ethnic_aliases", {}).items():
        if code in codes:
            index.setdefault(fold_ascii(alias), code)
            index.setdefault(fold_ascii(alias).replace(" ", ""), code)
    return index


def to_ethnicity(cell: Any, index: dict[str, str]) -> str:
    raw = text(cell)
    if raw.isdigit():
        code = f"{int(raw):02d}"
        if code in index.values():
            return code
        raise CellError("sheets.cell.bad_ethnicity", value=raw)
    folded = fold_ascii(raw)
    found = index.get(folded) or index.get(folded.replace(" ", ""))
    if found is None:
        raise CellError("sheets.cell.bad_ethnicity", value=raw)
    return found
