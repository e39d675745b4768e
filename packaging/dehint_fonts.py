"""One-off: make HoSo's PDF font from Liberation Serif 2.x (run again to redo it).

    .venv/bin/pip install fonttools          # a tool for this script only, not a dependency
    .venv/bin/python packaging/dehint_fonts.py [/usr/share/fonts/truetype/liberation2]

Reads the four Liberation Serif styles (Debian package ``fonts-liberation2``), removes the
TrueType hinting (instructions, fpgm/prep/cvt/hdmx/LTSH/VDMX tables) — screen hinting is
useless in a printed PDF and makes each embedded subset about twice as large — and renames
the family to "HoSo Serif": the SIL OFL 1.1 forbids a Modified Version to use the Reserved
Font Name "Liberation". Writes ``resources/fonts/HoSoSerif-*.ttf``. Glyph outlines and
metrics are unchanged, so the text keeps Times New Roman's metrics.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}
FAMILY = "HoSo Serif"
OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def dehint(src: Path, dst: Path, style: str) -> None:
    font = TTFont(src)
    version = font["head"].fontRevision
    options = Options()
    options.hinting = False  # drop glyph programs and the hinting tables
    options.glyph_names = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.legacy_kern = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    for table in ("hdmx", "LTSH", "VDMX"):
        if table in font:
            del font[table]
    label = STYLES[style]
    ps_name = f"HoSoSerif-{style}"
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (16, 17, 21, 22):  # typographic family/subfamily: not needed
            names.removeNames(nameID=rec.nameID)
    fields = {
        1: FAMILY,
        2: label,
        3: f"HoSo: {ps_name} {version:.3f} (dehinted from Liberation Serif)",
        4: f"{FAMILY} {label}",
        6: ps_name,
    }
    for name_id, text in fields.items():
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    font.save(dst)


def main() -> int:
    src_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
    OUT.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        src = src_dir / f"LiberationSerif-{style}.ttf"
        dst = OUT / f"HoSoSerif-{style}.ttf"
        dehint(src, dst, style)
        print(f"{src.name} ({src.stat().st_size} B) -> {dst.name} ({dst.stat().st_size} B)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
