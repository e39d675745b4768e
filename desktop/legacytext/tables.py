"""The legacy charset tables, read from ``resources/legacy/*.tsv`` (data, not code).

Each table maps a precomposed Vietnamese letter to its legacy form: byte values (shown as the
Windows-1252 glyphs a Unicode program displays after a paste) for TCVN3 and VNI-Windows, an
ASCII sequence for VIQR. The encode maps go letter -> legacy text; the decode maps go legacy
text -> letter, and a decoder matches the longest sequence first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from desktop.paths import resources_dir

ENCODINGS = ("tcvn3", "vni", "viqr")


@dataclass(frozen=True)
class Table:
    name: str
    encode: dict[str, str]  # letter -> legacy text
    decode: dict[str, str]  # legacy text -> letter
    longest: int  # longest legacy sequence, in characters


def _read(name: str) -> list[tuple[str, str]]:
    path = resources_dir() / "legacy" / f"{name}.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        letter, code = cells[0], cells[1]
        if name == "viqr":
            legacy = code
        else:
            legacy = bytes(int(h, 16) for h in code.split()).decode("cp1252")
        rows.append((letter, legacy))
    return rows


@cache
def table(name: str) -> Table:
    """The table of one encoding (``tcvn3``, ``vni`` or ``viqr``)."""
    if name not in ENCODINGS:
        raise KeyError(name)
    rows = _read(name)
    encode = dict(rows)
    decode: dict[str, str] = {}
    for letter, legacy in rows:
        decode.setdefault(legacy, letter)
    if name == "tcvn3":
        # capitals without a byte of their own are written with the lower-case byte
        for letter, legacy in rows:
            upper = letter.upper()
            if upper != letter and upper not in encode:
                encode[upper] = legacy
    if name == "vni":
        # a capital base with a lower-case modifier (and back) still reads as the letter
        for letter, legacy in rows:
            if len(legacy) == 2 and legacy[0].isascii():
                decode.setdefault(legacy[0] + legacy[1].swapcase(), letter)
    if name == "viqr":
        decode.setdefault("Dd", "Đ")  # "Ddu+'c" (Đức) as often typed
    return Table(name, encode, decode, max(len(k) for k in decode))
