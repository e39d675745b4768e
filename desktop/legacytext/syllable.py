"""Is a word a plausible Vietnamese syllable? The test that keeps detection honest.

A legacy reading is only proposed when it turns words that are *not* Vietnamese syllables
into words that are. Spelling rules: an onset (phụ âm đầu), a rhyme (vần) from the list
below, and at most one tone mark. The list is generous (it accepts a few rhymes that only
occur in loanwords and minority place names, e.g. "Đắk", "boong") because a rejected real
word could make valid text look like legacy text.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
          "ng", "ngh", "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x")

_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay ak
ăc ăm ăn ăng ăp ăt ăk
âc âm ân âng âp ât âu ây âk
e ec em en eng eo ep et ek
ê êch êm ên ênh êp êt êu êk
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu ik
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oăk oc oe oen
oeo oet oi om on ong oong ooc op ot ok oach oen
ô ôc ôi ôm ôn ông ôp ôt ôk ôông
ơ ơi ơm ơn ơp ơt ơk
u ua uân uâng uât uây uc uê uêch uênh uy uya uych uyên uyêt uyn uynh uyp uyt uyu ui um
un ung uôc uôi uôm uôn uông uôt up ut uơ uk uăng uơn
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu ưk
y yêm yên yêt yêu
"""
RHYMES = frozenset(_RHYMES.split())


def strip_tone(word: str) -> tuple[str, int]:
    """The word without its tone mark(s), and how many there were."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    bare = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones


@cache
def is_syllable(word: str) -> bool:
    """Whether ``word`` (one syllable, any case) is spelled like a Vietnamese syllable."""
    if not word:
        return False
    bare, tones = strip_tone(word.lower())
    if tones > 1:
        return False
    for onset in ONSETS:
        if bare.startswith(onset) and bare[len(onset):] in RHYMES:
            return True
    return False


def is_vietnamese_letter(char: str) -> bool:
    """ASCII letters and the precomposed Vietnamese letters (with đ)."""
    if char.isascii():
        return char.isalpha()
    base, _ = strip_tone(char.lower())
    return base in "ăâêôơưđ" or (len(base) == 1 and base in "aeiouy")
