"""Header rows and column mapping: which column of a sheet fills which field.

The header names HoSo knows are data (``resources/sheets/columns.toml``). Headers are folded
(lower case, no diacritics, punctuation as spaces) so "Họ và tên", "HỌ VÀ TÊN" and "Ho va ten"
match alike. Merged header cells and two-row headers ("Năm sinh" over "Nam" | "Nữ") are read
as one label per column ("nam sinh nam"). A mapping the user confirmed is remembered per
file layout (the folded header labels) in ``sheet-layouts.json`` of the data folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desktop.fsutil import write_atomic
from desktop.paths import data_dir, resources_dir
from desktop.sheets.reader import Sheet

TARGETS = ("nominees", "members")
IGNORE = "ignore"
_PUNCT = re.compile(r"[^\w/]+")
_SCAN_ROWS = 20  # header rows are looked for among the first rows


def fold_ascii(text: Any) -> str:
    """"Họ và tên (ghi đủ)" -> "ho va ten ghi du": lower case, no marks, đ -> d."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub(" ", bare).replace("_", " ").split())


@cache
def config() -> dict[str, Any]:
    import tomllib

    with (resources_dir() / "sheets" / "columns.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def _synonyms(target: str) -> tuple[tuple[str, str], ...]:
    """(folded header name, field) of a target, longest names first."""
    pairs = [(fold_ascii(name), fld) for fld, names in config()[target].items()
             for name in names]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def fields(target: str) -> list[str]:
    """The fields a column may fill, in the order of the data file (``ignore`` first)."""
    return list(config()[target])


def match_header(label: str, target: str) -> str | None:
    """The field a header label names: exact folded match, else the longest known name the
    label starts with ("ho va ten ghi day du" -> full_name)."""
    folded = fold_ascii(label)
    if not folded:
        return None
    for name, fld in _synonyms(target):
        if folded == name:
            return fld
    for name, fld in _synonyms(target):
        if len(name) >= 3 and folded.startswith(name + " "):
            return fld
    return None


@dataclass(frozen=True)
class Header:
    """Where the header is and what each column is called."""

    row: int  # 0-based index of the (first) header row
    depth: int  # 1, or 2 for a two-row header
    labels: tuple[str, ...]  # one label per column ("" for an unnamed column)

    @property
    def data_start(self) -> int:
        return self.row + self.depth


def header_at(sheet: Sheet, row: int) -> Header:
    """The header starting at ``row``: merged cells spread over their columns, and a second
    row of sub-headers joined to its parent."""
    rows, width = sheet.rows, sheet.width
    if not 0 <= row < len(rows):
        return Header(row, 1, ())
    top = [str(c) if c != "" else "" for c in rows[row]] + [""] * (width - len(rows[row]))
    spread = list(top)
    horizontal = False
    for (r1, c1), (r2, c2) in sheet.merged:
        if r1 <= row <= r2 and c2 > c1:
            horizontal = horizontal or r1 == row
            for c in range(c1, min(c2, width - 1) + 1):
                spread[c] = top[c1] if r1 == row else spread[c]
    nxt = rows[row + 1] if row + 1 < len(rows) else []
    sub = [c if isinstance(c, str) else "" for c in nxt] + [""] * (width - len(nxt))
    numbers = any(isinstance(c, (int, float)) and not isinstance(c, bool) for c in nxt)
    # a second header row: text under a spread (merged) parent, or under an empty top cell
    # following a named one ("Năm sinh" | "" over "Nam" | "Nữ"), and no numbers in it
    filled = list(spread)
    for c in range(1, width):
        if not filled[c] and sub[c] and filled[c - 1] and not top[c]:
            filled[c] = filled[c - 1]
    two_rows = not numbers and any(
        sub[c] and (filled[c] != top[c] or (horizontal and filled[c] == spread[c] != ""))
        for c in range(width)) and any(sub)
    if not two_rows:
        return Header(row, 1, tuple(spread))
    labels = []
    for c in range(width):
        parent, child = filled[c], sub[c]
        labels.append(f"{parent} {child}".strip() if parent != child else parent)
    return Header(row, 2, tuple(labels))


def find_header(sheet: Sheet, target: str) -> Header:
    """The header row that names the most known columns among the first rows."""
    best, best_score = Header(0, 1, ()), -1
    for row in range(min(_SCAN_ROWS, len(sheet.rows))):
        header = header_at(sheet, row)
        score = sum(1 for label in header.labels
                    if label and match_header(label, target) not in (None, IGNORE))
        if score > best_score:
            best, best_score = header, score
    return best if best_score > 0 else header_at(sheet, 0)


def propose_mapping(header: Header, target: str) -> dict[int, str]:
    """Column index -> field, from the header labels; each field filled by one column."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for col, label in enumerate(header.labels):
        fld = match_header(label, target) if label else None
        if fld is None or fld == IGNORE or fld in used:
            continue
        # one name column: a household list's "Họ và tên chủ hộ" fills head_name only
        mapping[col] = fld
        used.add(fld)
    return mapping


# --------------------------------------------------------------------------- memory

def layout_key(header: Header, target: str) -> str:
    """The same file layout (folded labels) gives the same key, whatever the rows."""
    folded = "|".join(fold_ascii(label) for label in header.labels)
    return hashlib.sha256(f"{target}:{folded}".encode()).hexdigest()[:20]


class LayoutMemory:
    """Confirmed mappings per file layout, kept in a small JSON file."""

    FILE = "sheet-layouts.json"

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else data_dir() / self.FILE

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def recall(self, header: Header, target: str) -> dict[int, str] | None:
        entry = self._load().get(layout_key(header, target))
        if not isinstance(entry, dict):
            return None
        allowed = set(fields(target))
        mapping = {int(c): f for c, f in entry.get("mapping", {}).items()
                   if str(c).isdigit() and f in allowed and f != IGNORE}
        return mapping

    def remember(self, header: Header, target: str, mapping: dict[int, str]) -> None:
        data = self._load()
        data[layout_key(header, target)] = {
            "labels": list(header.labels),
            "mapping": {str(c): f for c, f in sorted(mapping.items())},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode())
