"""Shared data of the document tests: packs, dossiers, rendering once, text extraction."""

from __future__ import annotations

import datetime as dt
import functools
import re
import subprocess
import unicodedata
from pathlib import Path

from desktop.demo import demo_dossiers
from desktop.documents import RenderedDocument, render_dossier
from desktop.documents.fmt import upper
from desktop.models import CampaignPack, Dossier, Gender
from desktop.packs import load_pack, load_pack_file

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2023, 7, 3)  # inside the Cao Bằng upload window
SONLAM_TODAY = dt.date(2024, 11, 6)  # inside the Sơn Lâm upload window
SONLAM_FILE = ROOT / "tests" / "packs" / "sonlam-2024-nong-thon-moi" / "pack.toml"

#: The 134 precomposed Vietnamese letters: ă â đ ê ô ơ ư and every toned vowel, both cases.
VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
VIETNAMESE_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    | set("ăâđêôơư")
)
VIETNAMESE_LETTERS += [c.upper() for c in VIETNAMESE_LETTERS]
assert len(VIETNAMESE_LETTERS) == 134

#: Names carrying every tone mark, ơ/ư/đ, both cases (tone-mark dossier).
TONE_NAMES = ("Đặng Thị Ngọc Ánh", "Lưu Ỷ Mỹ Hường", "ỨNG VĂN ỮU", "Đỗ Thị Ơn")


@functools.cache
def cao_bang() -> CampaignPack:
    return load_pack("caobang-2023-75nam")


@functools.cache
def sonlam() -> CampaignPack:
    return load_pack_file(SONLAM_FILE)


@functools.cache
def demos() -> dict[str, Dossier]:
    return {d.id: d for d in demo_dossiers()}


def tone_dossier() -> Dossier:
    """The commune demo with names carrying every Vietnamese tone mark and letter."""
    base = demos()["demo-xa-bach-dang"]
    collective, household, *others = base.nominees
    pangram = " ".join(VIETNAMESE_LETTERS)
    collective = collective.model_copy(update={
        "name": "Tổ dân phố ỨNG VĂN ỮU, xã Bạch Đằng",
        "head_name": "Đặng Thị Ngọc Ánh",
        "summary": f"Các chữ cái tiếng Việt: {pangram}.",
    })
    household = household.model_copy(update={"head_name": "Lưu Ỷ Mỹ Hường",
                                              "head_gender": Gender.FEMALE})
    council = base.council.model_copy(update={
        "secretary": "Đỗ Thị Ơn",
        "members": tuple(m.model_copy(update={"name": "Đỗ Thị Ơn"})
                         if m.name == base.council.secretary else m
                         for m in base.council.members),
    })
    dossier = base.model_copy(update={"nominees": (collective, household, *others),
                                      "council": council})
    return Dossier.model_validate(dossier.model_dump())


def sonlam_dossier() -> Dossier:
    """The district demo rewritten for the made-up Sơn Lâm pack (no hard-coded campaign)."""
    pack = sonlam()
    base = demos()["demo-huyen-trung-khanh"]
    office, farmer = base.nominees
    office = office.model_copy(update={
        "collective_type": "phong-chuyen-mon",
        "criteria": {
            "ntm-nhiem-vu": {"met": True, "evidence": "Hoàn thành 97% chỉ tiêu (Báo cáo số "
                             "88/BC-PNN ngày 25/10/2024).",
                             "figures": {"chi-tieu-hoan-thanh": 97, "chi-tieu-vuot": 12.5,
                                         "tieu-chi-ntm-dat": 17}},
            "ntm-ho-ngheo": {"met": True, "evidence": "Tỷ lệ hộ nghèo còn 4,1%.",
                             "figures": {"ty-le-ho-ngheo": 4.1}},
            "ntm-huy-dong": {"met": True},
        },
    })
    farmer = farmer.model_copy(update={"role": "nong-dan", "criteria": {
        "cn-guong-mau": {"met": True, "evidence": "Vận động 30 hộ hiến đất."},
        "cn-dong-gop": {"met": True, "evidence": "Góp 45 ngày công.",
                        "figures": {"ngay-cong": 45}},
    }})
    may, sept = dt.date(2024, 5, 2), dt.date(2024, 9, 30)
    office, farmer = (n.model_copy(update={
        "achievements": tuple(a.model_copy(update={"date_from": may, "date_to": sept})
                              for a in n.achievements),
        "contributions": tuple(c.model_copy(update={"date": dt.date(2024, 6, 1)})
                               for c in n.contributions),
    }) for n in (office, farmer))
    members = tuple(m.model_copy(update={"present": True, "absence_reason": ""})
                    for m in base.council.members)
    votes = (base.council.votes[0].model_copy(update={"votes_for": 11}),
             base.council.votes[1].model_copy(update={"votes_for": 10, "votes_against": 1}))
    dossier = base.model_copy(update={
        "pack": base.pack.model_copy(update={"id": pack.id, "version": pack.version}),
        "nominees": (office, farmer),
        "proposal": base.proposal.model_copy(update={
            "date": dt.date(2024, 11, 6), "place": "Trùng Khánh",
            "addressee": "Ủy ban nhân dân tỉnh Sơn Lâm"}),
        "council": base.council.model_copy(update={"date": dt.date(2024, 11, 4),
                                                   "members": members, "votes": votes}),
    })
    return Dossier.model_validate(dossier.model_dump(warnings=False))


@functools.cache
def rendered(dossier_key: str, fmt: str = "pdf", preview: bool = False
             ) -> tuple[RenderedDocument, ...]:
    """Render once per test session: demo ids, "tone" or "sonlam"."""
    if dossier_key == "tone":
        dossier, pack = tone_dossier(), cao_bang()
    elif dossier_key == "sonlam":
        dossier, pack = sonlam_dossier(), sonlam()
    else:
        dossier, pack = demos()[dossier_key], cao_bang()
    today = SONLAM_TODAY if dossier_key == "sonlam" else TODAY
    return tuple(render_dossier(dossier, pack, fmt=fmt, preview=preview, today=today))


_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """NFC with every run of white space as one space (lines wrap anywhere).

    Spaced dashes (" - ") become a space too: pdftotext drops a dash that ends a line
    ("(11/6/1948 -" + "11/6/2023)" → "(11/6/1948 11/6/2023)"), so both sides lose them.
    """
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", f" {text} "))
    while " - " in text:
        text = text.replace(" - ", " ")
    return text.strip()


def pdf_text(data: bytes, tmp: Path, *pages: int, layout: bool = False) -> str:
    """Text of a PDF with poppler's pdftotext (reading order, columns kept together)."""
    path = tmp / "doc.pdf"
    path.write_bytes(data)
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdf_pages(data: bytes, watermark: str = "") -> list[str]:
    """Text of each page with pypdf, in drawing order (a table cell stays in one piece).

    The page number (drawn first, in the top margin) and the preview watermark are dropped,
    so a paragraph continued on the next page reads on.
    """
    import io

    from pypdf import PdfReader

    pages = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
        lines = page.extract_text().split("\n")
        if watermark:
            lines = [line for line in lines if line.strip() != watermark]
        if number >= 2 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        pages.append("\n".join(lines))
    return pages


def header_lines(text: str) -> list[str]:
    """An upper-case header name may be broken on any word: its words, for a looser match."""
    return upper(text).split()
