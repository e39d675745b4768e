"""PAdES signatures on the package's PDFs (ký số văn bản), with pyHanko.

:func:`sign_pdf` adds one PAdES baseline signature (B-B; B-T when a timestamp server is
given and answers) as an incremental update, so the signed bytes are the rendered bytes
plus the signature. With a signature space (the block the document already has, recorded by
the PDF renderer) the widget shows the unit's signature and seal pictures there (Decree 30);
without one the document is signed as an attachment: text only, top right of page 1.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.errors import UserError
from desktop.i18n import t
from desktop.signing import appearance

if TYPE_CHECKING:
    from desktop.signing.identity import OpenedIdentity

FIELD_NAME = "HoSo-ChuKySo"
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class SignatureSpace:
    """A signature space of a rendered PDF (same fields as desktop.documents' box)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, box: Any) -> SignatureSpace:
        return cls(box.page, box.x0, box.y0, box.x1, box.y1)


def unit_space(boxes: Any) -> SignatureSpace | None:
    """The unit's own signature space among a document's boxes: the centred one (Mẫu 07's
    "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG") if any, else the right column (ô 7), else none."""
    boxes = list(boxes or ())
    for role in ("center", "right"):
        found = [b for b in boxes if b.role == role]
        if found:
            return SignatureSpace.of(found[-1])
    return None


def timestamper_for(url: str | None):
    """A pyHanko timestamper for ``url`` when it answers now, else None (B-B: offline is
    normal, never an error)."""
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    stamper = HTTPTimeStamper(url, timeout=5)
    try:
        import asyncio
        import hashlib

        asyncio.run(stamper.async_timestamp(hashlib.sha256(b"HoSo").digest(), "sha256"))
    except Exception:  # unreachable, refused, bad answer: sign B-B
        return None
    return stamper


def _page_size(data: bytes, page: int) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(data)).pages[page].mediabox
    return float(box.width), float(box.height)


def _free_field_name(writer) -> str:
    """``HoSo-ChuKySo``, or ``HoSo-ChuKySo-2``… when a PDF (a signed copy that was
    itself signed) already has a field of that name."""
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(writer)}
    name, k = FIELD_NAME, 2
    while name in taken:
        name, k = f"{FIELD_NAME}-{k}", k + 1
    return name


def sign_pdf(data: bytes, opened: OpenedIdentity, *, space: SignatureSpace | None = None,
             attachment: bool = False, timestamper: Any = None,
             signing_time: dt.datetime | None = None, name: str = "") -> bytes:
    """``data`` signed by ``opened``; ``space`` → the Decree 30 pictures there,
    ``attachment`` (or no space) → text at the top right of page 1. ``name`` is the file,
    for messages."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    identity = opened.identity
    info = opened.info
    when = (signing_time or dt.datetime.now(VIETNAM)).astimezone(VIETNAM).replace(
        microsecond=0)
    style = None
    box: tuple[float, float, float, float]
    page = 0
    try:
        if space is not None and not attachment and (identity.signature_image or
                                                     identity.seal_image):
            image, box = appearance.block_appearance(
                (space.x0, space.y0, space.x1, space.y1), identity.signature_image,
                identity.seal_image)
            style = appearance.image_stamp_style(image)
            page = space.page
        else:
            text = t("signing.stamp.text", "vi", signer=info.display_name,
                     time=when.isoformat())
            if space is not None and not attachment:  # a block but no pictures: the text
                box, page = (space.x0, space.y0, space.x1, space.y1), space.page
            else:
                box = appearance.attachment_box(_page_size(data, 0))
            style = appearance.text_stamp_style(text)
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        field = _free_field_name(writer)
        meta = signers.PdfSignatureMetadata(
            field_name=field, md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=t("signing.reason", "vi"), name=info.common_name or None,
            location=None)
        pdf_signer = signers.PdfSigner(
            meta, signer=opened.signer, timestamper=timestamper, stamp_style=style,
            new_field_spec=fields.SigFieldSpec(field, on_page=page,
                                               box=tuple(round(v, 2) for v in box)))
        out = pdf_signer.sign_pdf(writer)
    except UserError:
        raise
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise UserError("signing.pdf_failed", file=name or "PDF", reason=str(exc)) from exc
    return out.getvalue()
