"""Source files of a signed copy (tệp nguồn): photos, scans (JPEG, PNG, TIFF) and scanner PDFs.

:func:`open_source` reads a file into memory and checks that every page decodes (Pillow for
images, pypdf for PDFs), so a broken file is reported, naming it, before anything is built
or stored. No format is parsed by hand.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from desktop.scans.errors import ScanInputError

#: Image formats a phone or scanner writes that HoSo takes (MPO: some phones' JPEG).
IMAGE_FORMATS = ("JPEG", "MPO", "PNG", "TIFF")
#: A source file larger than this is refused before it is decoded (no real scan is).
MAX_SOURCE_BYTES = 200 * 1000 * 1000

SourceKind = Literal["image", "pdf"]


@dataclass(frozen=True)
class Source:
    """One input file, in memory: ``page_count`` pages (TIFF frames, PDF pages)."""

    name: str
    kind: SourceKind
    format: str
    page_count: int
    data: bytes = field(repr=False)


_IMAGE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError,
                 Image.DecompressionBombError, ZeroDivisionError, MemoryError)


def open_source(path: str | Path, *, data: bytes | None = None,
                name: str | None = None) -> Source:
    """Read and check a source file (or ``data`` under ``name``). Raises
    :class:`ScanInputError` naming the file when it is empty, unreadable, or not a PDF or
    an image HoSo takes."""
    path = Path(path)
    name = name or path.name
    if data is None:
        try:
            if path.is_dir():
                raise ScanInputError("scans.source.not_a_file", file=name)
            size = path.stat().st_size
            if size > MAX_SOURCE_BYTES:
                raise ScanInputError("scans.source.too_big", file=name)
            from desktop.errors import UserError
            from desktop.fsutil import read_limited

            try:  # a regular file only: a FIFO or a device would block or never end
                data = read_limited(path, MAX_SOURCE_BYTES)
            except UserError as exc:
                raise ScanInputError("scans.source.cannot_read", file=name,
                                     reason=exc.message()) from exc
        except FileNotFoundError as exc:
            raise ScanInputError("scans.source.not_found", file=str(path)) from exc
        except OSError as exc:
            raise ScanInputError("scans.source.cannot_read", file=name,
                                 reason=exc.strerror or str(exc)) from exc
    if not data:
        raise ScanInputError("scans.source.empty", file=name)
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        return _open_pdf(name, data)
    except Image.DecompressionBombError as exc:
        raise ScanInputError("scans.source.too_many_pixels", file=name) from exc
    except _IMAGE_ERRORS as exc:
        raise ScanInputError("scans.source.image_corrupt", file=name) from exc
    with image:
        if image.format not in IMAGE_FORMATS:
            raise ScanInputError("scans.source.image_format", file=name,
                                 format=image.format or "?")
        fmt = image.format
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                frames = 0
                for frame in ImageSequence.Iterator(image):
                    frame.load()
                    frames += 1
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ScanInputError("scans.source.too_many_pixels", file=name) from exc
        except _IMAGE_ERRORS as exc:
            raise ScanInputError("scans.source.image_corrupt", file=name) from exc
    if frames < 1:
        raise ScanInputError("scans.source.image_corrupt", file=name)
    if fmt == "MPO":  # the first frame is the photo; the others are previews
        frames, fmt = 1, "JPEG"
    return Source(name, "image", fmt, frames, data)


def pdf_reader(data: bytes):
    """A pypdf reader of ``data`` (decrypted when it opens with an empty password)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise PermissionError("encrypted")
    return reader


def _open_pdf(name: str, data: bytes) -> Source:
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pdf_reader(data)
            count = len(reader.pages)
            for page in reader.pages:
                page.mediabox  # noqa: B018 - every page must have a readable size
    except PermissionError as exc:
        raise ScanInputError("scans.source.pdf_encrypted", file=name) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError, AssertionError, IndexError) as exc:
        raise ScanInputError("scans.source.unreadable", file=name) from exc
    if count < 1:
        raise ScanInputError("scans.source.unreadable", file=name)
    return Source(name, "pdf", "PDF", count, data)


def load_frame(source: Source, index: int, *, draft_size: tuple[int, int] | None = None
               ) -> Image.Image:
    """Frame ``index`` of an image source, upright (EXIF/TIFF orientation applied)."""
    image = Image.open(io.BytesIO(source.data))
    if index:
        image.seek(index)
    if draft_size is not None and image.format == "JPEG":
        image.draft("RGB" if image.mode not in ("L", "1") else "L", draft_size)
    image.load()
    frame = image.copy() if index else image
    upright = ImageOps.exif_transpose(frame)
    return upright if upright is not None else frame
