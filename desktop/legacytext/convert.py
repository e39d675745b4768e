"""Detect legacy Vietnamese text (TCVN3, VNI-Windows, VIQR) and convert it to Unicode NFC.

Text typed in the ``.VnTime`` (TCVN3/ABC) or ``VNI-Times`` fonts and pasted into a Unicode
program reads "Céng hoµ x· héi chñ nghÜa ViÖt Nam" or "Coäng hoøa xaõ hoäi chuû nghóa Vieät
Nam". :func:`detect` proposes a reading only when it turns words that are *not* Vietnamese
syllables into words that are, and more words gain than lose; text that is already valid
Vietnamese Unicode has no such words and is never touched.

TCVN3 has bytes for only seven capitals (Ă Â Ê Ô Ơ Ư Đ); other capitals were written with the
lower-case bytes in a capitals-only font (``.VnTimeH``). A word's own ASCII letters tell its
case ("CéNG" → "CỘNG", "Céng" → "Cộng"); a word that cannot tell ("Hµ": "Hà" or "HÀ") follows
the rest of the text, and when the text cannot tell either the repair is marked
``ambiguous`` with the capitals reading among its ``alternatives``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from desktop.legacytext.syllable import is_syllable, is_vietnamese_letter, strip_tone
from desktop.legacytext.tables import ENCODINGS, table
from desktop.textutil import nfc

ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows", "viqr": "VIQR"}
_VIQR_MARKS = "^(+`~'?."
_VIQR_HINT = re.compile(r"[AaEeIiOoUuYy][\^(+`~'?.]|\bdd|\bDD")


@dataclass(frozen=True)
class Repair:
    """A proposed conversion of one text."""

    original: str
    encoding: str  # tcvn3 | vni | viqr
    text: str  # the suggested Unicode NFC text
    evidence: int  # words that become Vietnamese syllables
    ambiguous: bool = False  # TCVN3 capitals: the text does not tell the case
    alternatives: tuple[str, ...] = field(default=())  # other readings (capitals)

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES[self.encoding]


# --------------------------------------------------------------------------- tokens

@cache
def _word_chars(encoding: str) -> frozenset[str]:
    chars = {c for key in table(encoding).decode for c in key}
    if encoding == "viqr":
        chars |= set(_VIQR_MARKS) | {"\\"}
    return frozenset(chars)


def _tokens(text: str, encoding: str, strict: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each word: letters plus the encoding's own characters."""
    extra = _word_chars(encoding)
    spans, start = [], None
    for i, c in enumerate(text):
        inside = c.isalpha() or c in extra
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    if encoding == "viqr":  # marks around a word that follow no letter are punctuation
        fixed = []
        for s, e in spans:
            core = e
            while core > s and text[core - 1] in ".?(":
                core -= 1
            # a trailing "." or "?" is a tone only in a word already marked ("ho^.",
            # "Vie^.t"): "no." and "nominee(s)" stay English
            marked = not strict or any(c in "^(+`~'" for c in text[s:core])
            while e > s and text[e - 1] in ".?(" and not (
                    text[e - 2:e - 1] in ("a", "A") if text[e - 1] == "(" else
                    marked and text[e - 2] in "aeiouyAEIOUY^(+"):
                e -= 1
            while s < e and not text[s].isalpha():
                s += 1
            if s < e:
                fixed.append((s, e))
        spans = fixed
    return spans


def _plausible(word: str) -> bool:
    """A Vietnamese syllable, or a run of syllables joined without marks (never empty)."""
    return bool(word) and all(is_vietnamese_letter(c) for c in word) and is_syllable(word)


# --------------------------------------------------------------------------- decoding

def _decode_word(word: str, encoding: str) -> str:
    """One word read as ``encoding``; a TCVN3 word that lost its ư (the soft hyphen 0xAD,
    stripped by many programs: "Kh¬ng") gets it back when that alone makes it a syllable."""
    decoded = _decode_letters(word, encoding)
    if encoding == "tcvn3" and decoded != word and not _plausible(decoded):
        for i, c in enumerate(decoded):
            if i and _bare(c) == "ơ" and decoded[i - 1].lower() not in "uư":
                fixed = decoded[:i] + ("Ư" if c.isupper() else "ư") + decoded[i:]
                if _plausible(fixed):
                    return fixed
    return decoded


def _bare(char: str) -> str:
    """The letter without its tone, lower case ("Ờ" -> "ơ")."""
    return strip_tone(char.lower())[0]


def _decode_letters(word: str, encoding: str) -> str:
    """Longest-match decoding of one word (TCVN3: accented letters come out lower-case)."""
    tab = table(encoding)
    out, i, n = [], 0, len(word)
    while i < n:
        if encoding == "viqr" and word[i] == "\\" and i + 1 < n:
            out.append(word[i + 1])  # RFC 1456: a backslash keeps a mark literal ("Hoa\\.")
            i += 2
            continue
        for size in range(min(tab.longest, n - i), 0, -1):
            piece = word[i:i + size]
            letter = tab.decode.get(piece)
            if letter is None:
                continue
            if encoding == "viqr":
                if piece in ("dd", "DD", "Dd", "dD") and i != 0:
                    continue
                if size == 1:
                    continue  # a lone mark is not a letter
            out.append(letter)
            i += size
            break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


_TCVN3_CAPITALS = frozenset("ĂÂÊÔƠƯĐ")


def _own_case(word: str, decoded: str) -> str | None:
    """"upper"/"lower" when a TCVN3 word's own letters tell its case, else None."""
    letters = [c for c in word if c.isascii() and c.isalpha()]
    letters += [c for c in decoded if c in _TCVN3_CAPITALS]
    if any(c.islower() for c in letters):
        return "lower"
    if len(letters) >= 2:
        return "upper"
    return None


def _apply_case(decoded: str, case: str, word: str) -> str:
    if case == "upper":
        return decoded.upper()
    return decoded


def decode(text: str, encoding: str, *, upper: bool | None = None) -> str:
    """``text`` read as ``encoding``, in Unicode NFC.

    ``upper`` (TCVN3 only): True reads the shared codes as capitals (a ``.VnTimeH`` font),
    False as lower case; None lets each word's own letters, then the rest of the text, tell.
    """
    return _convert(nfc(text), encoding, upper, strict=False)[0]


def _convert(text: str, encoding: str, upper: bool | None, *, strict: bool = True
             ) -> tuple[str, bool, int, int]:
    """(converted text, case ambiguous, evidence, counter-evidence); ``strict``: VIQR tones
    at the end of an unmarked word are punctuation (detection), else tones (``decode``)."""
    spans = _tokens(text, encoding, strict)
    words = []
    evidence = counter = 0
    for s, e in spans:
        word = text[s:e]
        decoded = _decode_word(word, encoding)
        if decoded != word:
            if _plausible(decoded):
                # a lone symbol ("×" is ì) proves nothing: a word needs a plain letter
                if not _plausible(word) and any(c.isascii() and c.isalpha() for c in word):
                    evidence += 1
            else:
                counter += 1
        words.append((s, e, word, decoded))
    ambiguous = False
    if encoding == "tcvn3":
        cases = [_own_case(w, d) for _, _, w, d in words]
        ups, lows = cases.count("upper"), cases.count("lower")
        if upper is True:
            default = "upper"
        elif upper is False:
            default = "lower"
        elif ups > lows:
            default = "upper"
        else:
            default = "lower"
        fixed = []
        for (s, e, w, d), case in zip(words, cases, strict=True):
            if d != w or upper is True:  # a .VnTimeH font shows every letter as a capital
                chosen = case if upper is None and case is not None else default
                if case is None and upper is None and not ups and not lows and \
                        d.lower() != d.upper():
                    ambiguous = True
                d = _apply_case(d, chosen, w)
            fixed.append((s, e, w, d))
        words = fixed
    out, pos = [], 0
    for s, e, _w, d in words:
        out.append(text[pos:s])
        out.append(d)
        pos = e
    out.append(text[pos:])
    return nfc("".join(out)), ambiguous, evidence, counter


def encode(text: str, encoding: str) -> str:
    """Unicode text written in ``encoding`` (TCVN3 capitals without a byte of their own take
    the lower-case byte, as in a ``.VnTimeH`` font)."""
    tab = table(encoding)
    return "".join(tab.encode.get(c, c) for c in nfc(text))


# --------------------------------------------------------------------------- detection

@cache
def _suspect_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A character that is neither ASCII nor a Vietnamese letter (TCVN3 symbols, VNI
    modifiers), and a vowel followed by a VNI modifier that is itself a Vietnamese letter
    ("Nguyeãn", "Ngoâ")."""
    letters = "".join(sorted(table("vni").encode))
    unsafe = re.compile(f"[^\\x00-\\x7f{re.escape(letters)}]")
    pair = re.compile("[aeouyAEOUY][âàáãêéèúùõÂÀÁÃÊÉÈÚÙÕ]")
    return unsafe, pair


def _worth_checking(text: str) -> bool:
    """Cheap pre-test (every text field of 10,000 nominees passes through it): plain ASCII
    without VIQR marks, and text of ASCII and Vietnamese letters without a VNI letter pair,
    are taken as they are."""
    if text.isascii():
        return bool(_VIQR_HINT.search(text))
    unsafe, pair = _suspect_patterns()
    if unsafe.search(text):
        return True
    # "Quân", "hoà", "Thuý" hold such pairs too: only a word that is no syllable counts
    return any(not _plausible(word) for word in _WORD.findall(text) if pair.search(word))


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8192)  # dossiers repeat their texts (addresses, evidence, roles)
def detect(text: str) -> Repair | None:
    """The most likely legacy reading of ``text``, or None when it reads fine as it is."""
    if not text or not _worth_checking(text):
        return None
    text = nfc(text)
    best: Repair | None = None
    for encoding in ENCODINGS:
        if encoding == "viqr" and not _VIQR_HINT.search(text):
            continue
        if encoding != "viqr" and text.isascii():
            continue
        converted, ambiguous, evidence, counter = _convert(text, encoding, None)
        if evidence == 0 or evidence <= counter or converted == text:
            continue
        if encoding == "viqr" and not _viqr_convincing(text):
            continue
        if best is None or evidence - counter > best.evidence:
            alternatives: tuple[str, ...] = ()
            if encoding == "tcvn3":
                upper_text = _convert(text, encoding, True)[0]
                if ambiguous and upper_text != converted:
                    alternatives = (upper_text,)
            best = Repair(text, encoding, converted, evidence - counter,
                          ambiguous and bool(alternatives), alternatives)
    return best


_VIQR_MARK = re.compile(r"[Aa]\(|[AaEeOo]\^|[OoUu]\+|\b[Dd][Dd][aeiouyAEIOUY]")
_VIQR_TONE = re.compile(r"[aeiouyAEIOUY][`~'?.][A-Za-z]")


def _viqr_convincing(text: str) -> bool:
    """VIQR needs a vowel mark (^ ( +) or a ``dd``, or two tones inside words: one
    apostrophe inside an English word ("I'm") must not turn text into Vietnamese."""
    return bool(_VIQR_MARK.search(text)) or len(_VIQR_TONE.findall(text)) >= 2


# --------------------------------------------------------------------------- JSON data

#: Keys whose values are machine values (ids, codes, enum values), never converted.
SKIP_KEYS = frozenset({"id", "nominee_id", "nominee_ids", "pack", "schema_version", "state",
                       "kind", "role", "collective_type", "award_form", "report_form",
                       "ethnicity", "gender", "head_gender", "voting_method", "unit_kind",
                       "managing_level", "criteria"})


def chosen_text(repair: Repair, *, capitals: bool = False) -> str:
    """The suggested text, or its capitals reading when asked for and ambiguous."""
    if capitals and repair.ambiguous and repair.alternatives:
        return repair.alternatives[0]
    return repair.text


@dataclass(frozen=True)
class FieldRepair:
    path: str
    repair: Repair


def scan_data(data: Any, path: str = "") -> list[FieldRepair]:
    """Every string of a dossier's JSON data that reads as legacy text, with its path
    (``nominees[2].full_name``)."""
    found: list[FieldRepair] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in SKIP_KEYS and key != "criteria":
                continue
            if key == "criteria" and isinstance(value, dict):
                for cid, answer in value.items():
                    found += scan_data(answer, f"{path}.criteria[{cid}]")
                continue
            found += scan_data(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += scan_data(value, f"{path}[{i}]")
    elif isinstance(data, str):
        repair = detect(data)
        if repair is not None:
            found.append(FieldRepair(path, repair))
    return found


def repair_data(data: Any, *, capitals: bool = False) -> tuple[Any, list[FieldRepair]]:
    """A copy of ``data`` with every legacy string replaced by its suggested Unicode text
    (``capitals``: the capitals reading where TCVN3 text does not tell its case)."""
    repairs = scan_data(data)
    by_path = {r.path: chosen_text(r.repair, capitals=capitals) for r in repairs}

    def walk(value: Any, path: str) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == "criteria" and isinstance(item, dict):
                    out[key] = {cid: walk(a, f"{path}.criteria[{cid}]")
                                for cid, a in item.items()}
                elif key in SKIP_KEYS:
                    out[key] = item
                else:
                    out[key] = walk(item, f"{path}.{key}" if path else key)
            return out
        if isinstance(value, list):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, str):
            return by_path.get(path, value)
        return value

    return walk(data, ""), repairs
