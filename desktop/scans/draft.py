"""The page list of a signed copy before it is saved (bản nháp): what the GUI shows and edits.

A :class:`SignedCopyDraft` holds the source files and an ordered tuple of :class:`DraftPage`
(source, page index, extra clockwise rotation). Every edit returns a new draft, so the GUI
can keep the previous one for undo::

    draft = SignedCopyDraft.from_files(paths)        # ScanInputError names a bad file
    draft = draft.move(3, 0).rotate(0, 90).remove(2)
    png = thumbnail(draft, 0, max_px=200)            # PNG bytes of the first page
    built = build_pdf(draft, limit_bytes)            # desktop.scans.build
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from desktop.scans.sources import Source, load_frame, open_source, pdf_reader

ROTATIONS = (0, 90, 180, 270)


@dataclass(frozen=True)
class DraftPage:
    """One page of the copy: page ``index`` of source ``source`` (an index into
    ``draft.sources``), turned ``rotation`` degrees clockwise on top of its own orientation."""

    source: int
    index: int
    rotation: int = 0


@dataclass(frozen=True)
class SignedCopyDraft:
    """Sources and pages in the order they will be saved."""

    sources: tuple[Source, ...]
    pages: tuple[DraftPage, ...]

    @classmethod
    def from_sources(cls, sources: Iterable[Source]) -> SignedCopyDraft:
        sources = tuple(sources)
        pages = tuple(DraftPage(i, k) for i, s in enumerate(sources) for k in range(s.page_count))
        return cls(sources, pages)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> SignedCopyDraft:
        """Every page of every file, in the order given (each file checked first)."""
        return cls.from_sources(open_source(p) for p in paths)

    def add_files(self, paths: Iterable[str | Path]) -> SignedCopyDraft:
        more = SignedCopyDraft.from_files(paths)
        base = len(self.sources)
        return SignedCopyDraft(self.sources + more.sources, self.pages + tuple(
            replace(p, source=p.source + base) for p in more.pages))

    def __len__(self) -> int:
        return len(self.pages)

    def source_of(self, page: DraftPage | int) -> Source:
        if isinstance(page, int):
            page = self.pages[page]
        return self.sources[page.source]

    def move(self, old: int, new: int) -> SignedCopyDraft:
        """Page ``old`` moved to position ``new`` (clamped to the list)."""
        pages = list(self.pages)
        page = pages.pop(old)
        pages.insert(max(0, min(new, len(pages))), page)
        return replace(self, pages=tuple(pages))

    def reorder(self, order: Iterable[int]) -> SignedCopyDraft:
        """Pages in the order of ``order`` (positions in the current list, each once)."""
        order = list(order)
        if sorted(order) != list(range(len(self.pages))):
            raise ValueError("reorder needs every page position exactly once")
        return replace(self, pages=tuple(self.pages[i] for i in order))

    def rotate(self, position: int, degrees: int = 90) -> SignedCopyDraft:
        """Turn a page clockwise by ``degrees`` (a multiple of 90)."""
        if degrees % 90:
            raise ValueError("pages turn by multiples of 90 degrees")
        pages = list(self.pages)
        page = pages[position]
        pages[position] = replace(page, rotation=(page.rotation + degrees) % 360)
        return replace(self, pages=tuple(pages))

    def remove(self, position: int) -> SignedCopyDraft:
        pages = list(self.pages)
        del pages[position]
        return replace(self, pages=tuple(pages))

    @property
    def is_untouched_pdf(self) -> bool:
        """One scanner PDF, every page in its order, none turned: kept byte for byte."""
        return (len(self.sources) == 1 and self.sources[0].kind == "pdf"
                and self.pages == tuple(DraftPage(0, k)
                                        for k in range(self.sources[0].page_count)))


def turn(image: Image.Image, rotation: int) -> Image.Image:
    """``image`` turned ``rotation`` degrees clockwise."""
    ops = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
           270: Image.Transpose.ROTATE_90}
    return image.transpose(ops[rotation]) if rotation in ops else image


def page_image(draft: SignedCopyDraft, position: int, max_px: int | None = None
               ) -> Image.Image | None:
    """The page as an upright image (rotation applied), or None for a PDF page without one
    embedded image (a vector PDF: the GUI renders it with its PDF viewer)."""
    page = draft.pages[position]
    source = draft.source_of(page)
    if source.kind == "image":
        size = (max_px, max_px) if max_px else None
        image = load_frame(source, page.index, draft_size=size)
        return turn(image, page.rotation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pdf_page = pdf_reader(source.data).pages[page.index]
        try:
            images = list(pdf_page.images)
        except Exception:  # an image pypdf cannot decode: no thumbnail
            images = []
        if not images:
            return None
        biggest = max(images, key=lambda im: im.image.width * im.image.height
                      if im.image is not None else 0)
        image = biggest.image
    if image is None:
        return None
    own = int(pdf_page.get("/Rotate", 0) or 0) % 360
    return turn(image, (own + page.rotation) % 360)


def thumbnail(draft: SignedCopyDraft, position: int, max_px: int = 256) -> bytes:
    """PNG bytes of page ``position`` fitting ``max_px`` × ``max_px`` (a plain A4-shaped
    placeholder for a PDF page without an embedded image)."""
    image = page_image(draft, position, max_px)
    if image is None:
        landscape = _pdf_page_landscape(draft, position)
        w, h = (297, 210) if landscape else (210, 297)
        scale = max_px / max(w, h)
        image = Image.new("L", (max(1, round(w * scale)), max(1, round(h * scale))), 235)
    image = image.convert("RGB") if image.mode not in ("L", "RGB") else image
    image.thumbnail((max_px, max_px))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def _pdf_page_landscape(draft: SignedCopyDraft, position: int) -> bool:
    page = draft.pages[position]
    pdf_page = pdf_reader(draft.source_of(page).data).pages[page.index]
    box = pdf_page.mediabox
    turned = (int(pdf_page.get("/Rotate", 0) or 0) + page.rotation) % 180 == 90
    return (float(box.width) > float(box.height)) != turned
