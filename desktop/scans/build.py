"""One PDF from the draft's pages (ghép bản ký): upright, about 200 dpi, under the file limit.

Images are turned by their EXIF orientation and the page's rotation, scaled to fit A4 at
:data:`DPI` (portrait or landscape, following the image), kept in colour only when they
have colour (a red seal, blue ink: :func:`has_colour`), JPEG-compressed by Pillow, and
placed centred on A4 pages by pypdf. The JPEG quality steps down (then the resolution) until
the whole file fits ``limit_bytes``. Scanner PDF pages are copied as they are; one scanner
PDF left untouched is returned byte for byte.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

from PIL import Image

from desktop.scans.draft import SignedCopyDraft, page_image, turn
from desktop.scans.errors import CopyTooLarge, ScanInputError
from desktop.scans.sources import pdf_reader

MB = 1_000_000
#: The per-file limit used when the pack gives none (the Cao Bằng pack's own default).
DEFAULT_LIMIT_MB = 10.0
DPI = 200
A4_MM = (210.0, 297.0)
A4_PT = (A4_MM[0] / 25.4 * 72, A4_MM[1] / 25.4 * 72)
#: (dpi, JPEG quality) tried in turn until the copy fits.
LADDER = ((200, 85), (200, 75), (200, 65), (200, 55), (200, 45), (200, 35),
          (150, 45), (150, 35), (100, 35))
#: A pixel counts as coloured from this HSV saturation and value (0-255)…
SATURATION, VALUE = 90, 60
#: …and an image keeps its colour when this share of its pixels is coloured.
COLOUR_SHARE = 0.001


@dataclass(frozen=True)
class PageNote:
    """How one page was stored: its pixel size, colour mode (``L`` or ``RGB``) or ``pdf``."""

    source: str
    index: int
    mode: str
    size: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class BuildReport:
    """How the copy was made: the limit (and whether the pack gave it), the JPEG quality
    and resolution that fitted, and each page."""

    limit_bytes: int
    limit_from_pack: bool
    quality: int | None
    dpi: int | None
    kept_original: bool
    pages: tuple[PageNote, ...] = ()


@dataclass(frozen=True)
class BuiltCopy:
    data: bytes = field(repr=False)
    page_count: int
    report: BuildReport

    @property
    def size(self) -> int:
        return len(self.data)


def limit_bytes(max_file_mb: float | None) -> tuple[int, bool]:
    """The per-file limit in bytes (decimal MB, as the package size report counts) and
    whether the pack gave it (else :data:`DEFAULT_LIMIT_MB`)."""
    if max_file_mb is None:
        return int(DEFAULT_LIMIT_MB * MB), False
    return int(max_file_mb * MB), True


def has_colour(image: Image.Image) -> bool:
    """True when enough pixels are clearly coloured (seal, ink), not a tint of the paper."""
    small = image.convert("RGB")
    small.thumbnail((512, 512))
    _, s, v = small.convert("HSV").split()
    coloured = Image.eval(s, lambda x: 255 if x >= SATURATION else 0)
    bright = Image.eval(v, lambda x: 255 if x >= VALUE else 0)
    both = Image.composite(coloured, Image.new("L", small.size, 0), bright)
    count = both.histogram()[255]
    return count >= COLOUR_SHARE * small.width * small.height


def _flatten(image: Image.Image) -> Image.Image:
    """An ``L`` or ``RGB`` image (transparency on white; bilevel and 16-bit to grey)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency"
                                                in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba).convert("RGB")
    if image.mode in ("1", "I;16", "I;16B", "I;16L", "I", "F"):
        return image.convert("L")
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    if image.mode == "RGB" and not has_colour(image):
        return image.convert("L")
    return image


def fit_a4(size: tuple[int, int], dpi: int) -> tuple[int, int]:
    """``size`` scaled down (never up) to fit A4 at ``dpi``, keeping its aspect."""
    w, h = size
    short, long_ = (round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi))
    box = (long_, short) if w > h else (short, long_)
    scale = min(1.0, box[0] / w, box[1] / h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def _prepared(draft: SignedCopyDraft, position: int) -> Image.Image:
    page = draft.pages[position]
    source = draft.source_of(page)
    try:
        image = page_image(draft, position, max(fit_a4((10**5, 10**5), DPI)))
        assert image is not None
        image = _flatten(image)
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ScanInputError("scans.source.image_corrupt", file=source.name) from exc
    target = fit_a4(image.size, DPI)
    if target != image.size:
        image = image.resize(target, Image.Resampling.LANCZOS)
    return image


def _image_page(image: Image.Image, dpi: int, quality: int):
    """The image as a one-page PDF by Pillow (JPEG inside), then placed on A4 by pypdf."""
    from pypdf import PageObject, PdfReader, Transformation

    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=float(dpi), quality=quality, optimize=True)
    src = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    w, h = float(src.mediabox.width), float(src.mediabox.height)
    width, height = (A4_PT[1], A4_PT[0]) if w > h else A4_PT
    scale = min(width / w, height / h)
    page = PageObject.create_blank_page(width=width, height=height)
    page.merge_transformed_page(src, Transformation().scale(scale).translate(
        (width - w * scale) / 2, (height - h * scale) / 2))
    return page


def _scaled(image: Image.Image, dpi: int) -> Image.Image:
    if dpi == DPI:
        return image
    size = (max(1, round(image.width * dpi / DPI)), max(1, round(image.height * dpi / DPI)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _assemble(draft: SignedCopyDraft, images: dict[int, Image.Image], dpi: int,
              quality: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    readers: dict[int, object] = {}
    for position, page in enumerate(draft.pages):
        if position in images:
            writer.add_page(_image_page(_scaled(images[position], dpi), dpi, quality))
            continue
        reader = readers.get(page.source)
        if reader is None:
            reader = readers[page.source] = pdf_reader(draft.source_of(page).data)
        added = writer.add_page(reader.pages[page.index])  # type: ignore[attr-defined]
        if page.rotation:
            added.rotate(page.rotation)
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_pdf(draft: SignedCopyDraft, limit: int, *, name: str = "",
              limit_from_pack: bool = True) -> BuiltCopy:
    """The signed copy as PDF bytes under ``limit`` bytes; raises :class:`CopyTooLarge`
    naming ``name`` (default: the first source) and the smallest size reached."""
    from desktop.package.sizes import mb_text, size_text

    if not draft.pages:
        raise ScanInputError("scans.draft_empty", file=name or "—")
    name = name or draft.sources[draft.pages[0].source].name
    limit_mb = limit / MB
    if draft.is_untouched_pdf:
        source = draft.sources[0]
        if len(source.data) > limit:
            raise CopyTooLarge("scans.pdf_too_large", file=source.name,
                               size=size_text(len(source.data)), limit=mb_text(limit_mb))
        report = BuildReport(limit, limit_from_pack, None, None, True, tuple(
            PageNote(source.name, k, "pdf") for k in range(source.page_count)))
        return BuiltCopy(source.data, source.page_count, report)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        images = {i: _prepared(draft, i) for i, p in enumerate(draft.pages)
                  if draft.source_of(p).kind == "image"}
        ladder = LADDER if images else ((DPI, LADDER[0][1]),)
        smallest = None
        for dpi, quality in ladder:
            data = _assemble(draft, images, dpi, quality)
            smallest = len(data) if smallest is None else min(smallest, len(data))
            if len(data) <= limit:
                notes = tuple(
                    PageNote(draft.source_of(p).name, p.index, images[i].mode,
                             _scaled(images[i], dpi).size) if i in images
                    else PageNote(draft.source_of(p).name, p.index, "pdf")
                    for i, p in enumerate(draft.pages))
                report = BuildReport(limit, limit_from_pack, quality if images else None,
                                     dpi if images else None, False, notes)
                return BuiltCopy(data, len(draft.pages), report)
    key = "scans.copy_too_large" if images else "scans.pdf_too_large"
    raise CopyTooLarge(key, file=name, size=size_text(smallest or 0), limit=mb_text(limit_mb))


__all__ = ["BuildReport", "BuiltCopy", "PageNote", "build_pdf", "has_colour", "limit_bytes",
           "turn"]
