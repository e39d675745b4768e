"""Text helpers shared by every layer: Unicode NFC at the boundary, folding for comparisons.

HoSo stores and prints text as Unicode NFC. Input methods (Unikey/EVKey in "Unicode tổ hợp"
mode, macOS pasteboards) may send decomposed (NFD) text, and reportlab misplaces combining
marks, so every string is normalised where it enters: model fields, pack files, CLI
arguments, pasted text and ZIP entry names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_SPACES = re.compile(r"\s+")
#: Line and page breaks other than "\n" (Windows and old Mac line ends, Word's manual line
#: break \x0b and page break \x0c, NEL, Unicode line/paragraph separators).
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
#: What XML 1.0 (DOCX) cannot hold and no one types: C0/C1 controls but tab and newline,
#: lone surrogates (from JSON "\\ud800"), the non-characters U+FFFE and U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Old ("hoà", "thuỷ") and new ("hòa", "thủy") tone placement; folded for comparison only.
_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(map(re.escape, _TONE_PLACEMENT)))


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (never NFKC: that would rewrite characters in names)."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, trimmed, inner runs of white space kept as they are typed (line breaks matter)."""
    return nfc(text).strip()


def strip_controls(text: str) -> str:
    """``text`` with its line breaks as "\\n" and without control characters (tab kept)."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


def clean_text(text: str) -> str:
    """A model's text field: no control characters (:func:`strip_controls`), NFC, trimmed."""
    return clean(strip_controls(text))


def fold(text: str) -> str:
    """A comparison key: NFC, case-folded, single spaces, one tone placement.

    "Nguyễn Văn  Hoà" and "nguyễn văn hòa" fold to the same key. Used to find duplicate
    nominees; never stored or printed.
    """
    key = _SPACES.sub(" ", nfc(text).casefold().strip())
    return _TONE_RE.sub(lambda m: _TONE_PLACEMENT[m.group(0)], key)


def nfc_deep(value: Any) -> Any:
    """NFC every string inside parsed data (TOML/JSON: dicts, lists, keys included)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k) if isinstance(k, str) else k: nfc_deep(v) for k, v in value.items()}
    return value


def excerpt(text: str, limit: int = 70) -> str:
    """The start of a long text: whole clauses or words, at most ``limit`` characters, then
    "…". Findings and the achievement summary name a criterion this way (its full wording is
    in the checklist and the plan); quoting it whole made every message of a large dossier,
    and a one-page summary, several lines longer per criterion."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    clause = max(cut.rfind(", "), cut.rfind("; "))  # end at a clause when one ends late enough
    space = cut.rfind(" ")
    if clause > limit // 2:
        cut = cut[:clause]
    elif space > limit // 2:
        cut = cut[:space]
    else:
        cut = cut[:limit]
    return cut.rstrip(" ,;:.-–") + "…"
