"""How a signature looks on the page (hình thức chữ ký số), Decree 30/2020 Appendix I.

* A document signed by the unit: the head's signature image (blue) centred in the
  signature space between the title lines and the name; the unit's seal image (red) at true
  size, its centre level with the signature's, covering about a third of the signature image
  on its left. The two are composed with Pillow into one transparent picture, the widget's
  appearance.
* An attachment (phụ lục, bản sao, báo cáo kiểm tra): no image; the unit's name and the
  signing time (ISO 8601, Vietnam time) in HoSo Serif 10 pt at the top right of page 1.

Sizes not fixed by the decree (seal diameter when the PNG carries no DPI, the signature's
height share, the attachment box) come from ``resources/signing/appearance.toml``.
pyHanko lays text with widths in 1/1000 em, so the shipped TrueType font (2048 units per
em) is scaled to 1000 units per em with fontTools once, in memory, before it is used.
"""

from __future__ import annotations

import functools
import io
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.paths import resources_dir

MM = 72 / 25.4  # points per millimetre


@functools.cache
def settings() -> dict[str, Any]:
    with (resources_dir() / "signing" / "appearance.toml").open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Placement:
    """Where the appearance goes: 0-based page and box in PDF points."""

    page: int
    box: tuple[float, float, float, float]


def _open_png(path: str, what: str):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
        image.load()
    except (OSError, UnidentifiedImageError) as exc:
        raise UserError("signing.image_unreadable", what=what, file=path) from exc
    return image


def _size_mm(image, default_width_mm: float) -> tuple[float, float]:
    """The picture's true size from its DPI, else ``default_width_mm`` wide."""
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and dpi[0] > 30:
        return image.width / float(dpi[0]) * 25.4, image.height / float(dpi[1] or dpi[0]) * 25.4
    return default_width_mm, default_width_mm * image.height / image.width


def block_appearance(space: tuple[float, float, float, float], signature_image: str,
                     seal_image: str):
    """The composed picture and its box (points) for a signature space ``space``.

    Returns ``(PIL image, (x0, y0, x1, y1))``; either image may be "" (left out).
    """
    from PIL import Image

    conf = settings()["block"]
    x0, y0, x1, y1 = space
    width, gap = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    parts = []  # (image, box in points)
    sig_box = None
    if signature_image:
        sig = _open_png(signature_image, "signature").convert("RGBA")
        h = gap * float(conf["signature_height_share"])
        w = h * sig.width / sig.height
        max_w = width * float(conf["signature_max_width_share"])
        if w > max_w:
            w, h = max_w, max_w * sig.height / sig.width
        sig_box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        parts.append((sig, sig_box))
    if seal_image:
        seal = _open_png(seal_image, "seal").convert("RGBA")
        w_mm, h_mm = _size_mm(seal, float(conf["seal_default_mm"]))
        w, h = w_mm * MM, h_mm * MM
        if sig_box is not None:  # right edge on the first third of the signature
            right = sig_box[0] + (sig_box[2] - sig_box[0]) * float(conf["seal_cover_share"])
        else:
            right = cx + w / 2
        parts.insert(0, (seal, (right - w, cy - h / 2, right, cy + h / 2)))
    if not parts:
        return None, space
    bx0 = min(b[0] for _i, b in parts)
    by0 = min(b[1] for _i, b in parts)
    bx1 = max(b[2] for _i, b in parts)
    by1 = max(b[3] for _i, b in parts)
    scale = float(conf["dpi"]) / 72  # pixels per point
    canvas = Image.new("RGBA", (max(1, round((bx1 - bx0) * scale)),
                                max(1, round((by1 - by0) * scale))), (255, 255, 255, 0))
    # the signature over the seal? Decree 30: the seal covers the signature
    for image, (ix0, iy0, ix1, iy1) in reversed(parts):
        size = (max(1, round((ix1 - ix0) * scale)), max(1, round((iy1 - iy0) * scale)))
        resized = image.resize(size, Image.LANCZOS)
        canvas.alpha_composite(resized, (round((ix0 - bx0) * scale),
                                         round((by1 - iy1) * scale)))
    # Ink has few colours: 16 are plenty for the colour plane, while the alpha plane keeps
    # the smooth edges. The PDF's image then compresses ~35 % smaller.
    colours = canvas.convert("RGB").quantize(colors=16, method=Image.Quantize.MEDIANCUT)
    canvas = Image.merge("RGBA", (*colours.convert("RGB").split(), canvas.getchannel("A")))
    return canvas, (bx0, by0, bx1, by1)


def attachment_box(page_size: tuple[float, float]) -> tuple[float, float, float, float]:
    """Top right of the first page, inside the top margin."""
    conf = settings()["attachment"]
    w, h = float(conf["width_mm"]) * MM, float(conf["height_mm"]) * MM
    right, top = float(conf["right_mm"]) * MM, float(conf["top_mm"]) * MM
    pw, ph = page_size
    return (pw - right - w, ph - top - h, pw - right, ph - top)


@functools.cache
def font_bytes_1000upem() -> bytes:
    """HoSo Serif Regular scaled to 1000 units per em (pyHanko's assumption)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(resources_dir() / "fonts" / "HoSoSerif-Regular.ttf"))
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def text_stamp_style(text: str):
    """pyHanko style for an attachment: ``text`` in HoSo Serif 10 pt, no border, no image."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    class _MemoryFont(GlyphAccumulatorFactory):
        def create_font_engine(self, writer, obj_stream=None):
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(font_bytes_1000upem()),
                                    font_size=self.font_size, bcp47_lang_code="vi",
                                    obj_stream=obj_stream)

    conf = settings()["attachment"]
    return TextStampStyle(
        stamp_text=text.replace("%", "%%"),
        text_box_style=TextBoxStyle(font=_MemoryFont("HoSoSerif-Regular.ttf",
                                                     font_size=int(conf["font_size"])),
                                    leading=int(conf["font_size"]) + 2),
        border_width=0,
        inner_content_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MAX,
                                                 y_align=AxisAlignment.ALIGN_MAX,
                                                 margins=Margins(0, 0, 0, 0)),
    )


def image_stamp_style(image):
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(
        background=PdfImage(image), border_width=0, background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MID,
                                              y_align=AxisAlignment.ALIGN_MID,
                                              margins=Margins(0, 0, 0, 0)))


def png_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def read_png(path: Path | str) -> bytes:
    return Path(path).read_bytes()
