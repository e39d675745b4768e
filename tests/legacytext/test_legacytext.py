"""Legacy Vietnamese text: the TCVN3/VNI/VIQR tables, detection and conversion."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from desktop.legacytext import decode, detect, encode, repair_data, scan_data
from desktop.legacytext.tables import table

NAMES = Path(__file__).resolve().parents[1] / "data" / "legacy" / "vietnamese-names.txt"

TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
BASES = "aăâeêioôơuưy"


def precomposed_letters() -> list[str]:
    """The 134 precomposed Vietnamese letters: 67 lower case (66 vowels with marks + đ) and
    their capitals."""
    lower = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES]
    lower = [c for c in lower if not c.isascii()] + ["đ"]
    return lower + [c.upper() for c in lower]


LETTERS = precomposed_letters()
TCVN3_OWN_CAPITALS = set("ĂÂÊÔƠƯĐ")


def test_there_are_134_letters():
    assert len(LETTERS) == len(set(LETTERS)) == 134
    assert all(len(c) == 1 for c in LETTERS)


@pytest.mark.parametrize("encoding", ["vni", "viqr"])
def test_every_letter_round_trips(encoding):
    for letter in LETTERS:
        legacy = encode(letter, encoding)
        # VNI writes ì í Ì Í as the Windows-1252 bytes of the same glyphs
        assert legacy != letter or (encoding == "vni" and letter in "ìíÌÍ")
        assert decode(legacy, encoding) == letter, letter
        # legacy -> Unicode -> legacy
        assert encode(decode(legacy, encoding), encoding) == legacy


def test_tcvn3_letters_round_trip_with_the_case_of_the_font():
    for letter in LETTERS:
        legacy = encode(letter, "tcvn3")
        assert len(legacy) == 1 and (legacy != letter or letter in "ýÝ")  # 0xFD is ý in both
        assert 0xA1 <= ord(legacy) <= 0xFE  # one byte of the upper half, shown as cp1252
        if letter.islower() or letter in TCVN3_OWN_CAPITALS:
            assert decode(legacy, "tcvn3") == letter
        else:  # capitals share the lower-case byte: the .VnTimeH font decides
            assert decode(legacy, "tcvn3", upper=True) == letter
            assert decode(legacy, "tcvn3", upper=False) == letter.lower()
        assert encode(decode(legacy, "tcvn3", upper=letter.isupper()), "tcvn3") == legacy


def test_tcvn3_table_has_the_key_bytes_of_the_reference():
    enc = table("tcvn3").encode
    expected = {"á": 0xB8, "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "ạ": 0xB9, "ă": 0xA8, "â": 0xA9,
                "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "đ": 0xAE, "Đ": 0xA7, "ư": 0xAD}
    assert {k: ord(enc[k]) for k in expected} == expected
    # the lower-case bytes are distinct: decoding is unambiguous up to case
    lower = [enc[c] for c in LETTERS if c.islower()]
    assert len(set(lower)) == 67


def test_vni_table_has_the_key_forms_of_the_reference():
    enc = table("vni").encode
    expected = {"á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï", "ă": "aê", "â": "aâ",
                "ê": "eâ", "ô": "oâ", "ơ": "ô", "ư": "ö", "đ": "ñ", "Đ": "Ñ", "Ộ": "OÄ"}
    assert {k: enc[k] for k in expected} == expected
    assert len(set(enc.values())) == 134


@pytest.mark.parametrize(("legacy", "encoding", "unicode"), [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
    ("B¶o Th¾ng", "tcvn3", "Bảo Thắng"),
    ("M\u00adêng Kh\u00ad¬ng", "tcvn3", "Mường Khương"),
    ("Mêng Kh¬ng", "tcvn3", "Mường Khương"),  # soft hyphens (ư) stripped on the way
    ("Uû ban nh©n d©n huyÖn Hoµ An", "tcvn3", "Uỷ ban nhân dân huyện Hoà An"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
    ("Nguyeãn Thò Hoa", "vni", "Nguyễn Thị Hoa"),
    ("NGUYEÃN VAÊN TRÖÔØNG", "vni", "NGUYỄN VĂN TRƯỜNG"),
    ("Ha` No^.i, Vie^.t Nam", "viqr", "Hà Nội, Việt Nam"),
    ("Nguye^~n Va(n Ddu+'c", "viqr", "Nguyễn Văn Đức"),
    ("Ho^. kinh doanh gio?i.", "viqr", "Hộ kinh doanh giỏi."),
])
def test_real_phrases_are_detected_and_converted(legacy, encoding, unicode):
    repair = detect(legacy)
    assert repair is not None and repair.encoding == encoding
    assert repair.text == unicode
    assert unicodedata.is_normalized("NFC", repair.text)
    assert not repair.ambiguous


def test_no_false_positive_on_real_names_and_places():
    lines = [line.strip() for line in NAMES.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) >= 500
    assert [line for line in lines if detect(line) is not None] == []
    assert detect(", ".join(lines)) is None
    # decomposed input (IMEs in "Unicode tổ hợp") is the same text
    assert [line for line in lines
            if detect(unicodedata.normalize("NFD", line)) is not None] == []


def test_no_false_positive_on_administrative_prose():
    prose = Path(__file__).resolve().parents[1] / "data" / "legacy" / "vietnamese-prose.txt"
    lines = [line for line in prose.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) >= 100
    assert [line for line in lines if detect(line) is not None] == []
    assert scan_data({"text": lines}) == []


@pytest.mark.parametrize("text", [
    "I'm fine", "25°C", "A4 210 × 297 mm", "«Hà Nội»", "Ló Pèo", "Quỳnh", "© 2023",
    "email: ubnd@caobang.gov.vn", "C++", "Café", "São Paulo", "Zürich", "x^2 + y^2",
    "Điều 5. Hồ sơ đề nghị", "Bạn có đồng ý?", "Ông Ma Văn Lợi (Tày).",
    "Received dossier no. 5, package no. 2, 3 nominee(s), 0 error(s).", "Is it true? No.",
    "Hoa.", "ca' si~",
])
def test_ordinary_text_is_left_alone(text):
    assert detect(text) is None


def test_tcvn3_case_follows_the_text_and_ambiguity_is_reported():
    alone = detect("Hµ")
    assert alone.text == "Hà" and alone.ambiguous and alone.alternatives == ("HÀ",)
    # the rest of the text tells: all capitals
    assert detect("Hµ GIANG").text == "HÀ GIANG"
    assert not detect("Hµ GIANG").ambiguous
    assert detect("Hµ Giang").text == "Hà Giang"
    assert not detect("Hµ Giang").ambiguous


def test_repair_data_converts_every_string_but_ids():
    data = {"id": "d1", "unit": {"name": "Uû ban nh©n d©n x· B×nh D¬ng"},
            "nominees": [{"id": "n1", "kind": "individual", "full_name": "N«ng V¨n Th¾ng",
                          "criteria": {"c1": {"met": True, "evidence": "QuyÕt ®Þnh sè 12"}}}]}
    fixed, repairs = repair_data(data)
    assert fixed["unit"]["name"] == "Uỷ ban nhân dân xã Bình Dương"
    assert fixed["nominees"][0]["full_name"] == "Nông Văn Thắng"
    assert fixed["nominees"][0]["criteria"]["c1"]["evidence"] == "Quyết định số 12"
    assert fixed["id"] == "d1" and fixed["nominees"][0]["kind"] == "individual"
    assert {r.path for r in repairs} == {"unit.name", "nominees[0].full_name",
                                         "nominees[0].criteria[c1].evidence"}
    assert scan_data(fixed) == []
