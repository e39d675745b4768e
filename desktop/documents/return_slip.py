"""Phiếu yêu cầu bổ sung, chỉnh sửa hồ sơ: the printable side of a return file.

A forwarding unit that returns a received dossier prints this slip in the Decree 30/2020
layout of the other documents (header of the reviewing unit, title, addressee, the decision,
one table row per note naming the nominee or document it concerns, the closing sentence
that asks for everything at once, recipients and signature). Wording:
``resources/templates/return-slip.toml``.
"""

from __future__ import annotations

from desktop.documents import fmt
from desktop.documents.ir import (
    Cell,
    Column,
    Document,
    Header,
    Paragraph,
    Recipients,
    SignatureColumn,
    SignatureRow,
    Table,
    Title,
)
from desktop.documents.templates import _merged, common
from desktop.models import CampaignPack, Unit
from desktop.models.consolidation import NoteTarget, ReturnFile, ReviewNote

TEMPLATE = "return-slip"
KIND = "return_slip"


def _header(unit: Unit, number_line: str, place_date: str, regime: str) -> Header:
    """The reviewing unit's header: the same rule as on its other documents."""
    from desktop.documents.build import header_block

    return header_block(common(regime), unit.parent_body or "", unit.name, number_line,
                        place_date)


def _where(note: ReviewNote, tpl) -> str:
    if note.label:
        return note.label
    if note.target == NoteTarget.DOCUMENT and note.document:
        return tpl.text("where_document", document=note.document)
    if note.target == NoteTarget.DOSSIER:
        return tpl.text("where_dossier")
    return note.path or note.nominee_id or tpl.text("where_dossier")


def build_return_slip(return_file: ReturnFile, pack: CampaignPack, reviewer: Unit, *,
                      package_name: str, received_revision: int) -> Document:
    """The slip's IR for a return file made by ``reviewer`` (the forwarding unit)."""
    tpl = _merged(TEMPLATE, pack.legal_regime)
    symbol = f"{tpl['number_symbol']}-{reviewer.symbol}" if reviewer.symbol \
        else tpl["number_symbol"]
    header = _header(reviewer, fmt.doc_number(return_file.number, symbol),
                     fmt.place_date(return_file.place or reviewer.locality or "",
                                    return_file.date), pack.legal_regime)
    unit = return_file.to_unit
    reviewer_name = reviewer.name or return_file.from_unit
    blocks: list = [
        header,
        Title((tpl["type_name"],), (tpl.text("subject", campaign=pack.short_title),)),
        Paragraph.of(tpl.text("addressee", unit=unit), "addressee"),
        Paragraph.of(tpl.text("intro", unit=unit, package=package_name,
                              revision=received_revision,
                              dossier_revision=return_file.revision,
                              reviewer=reviewer_name)),
        Paragraph.labelled(tpl["decision_label"], tpl["decision"][return_file.decision.value]),
    ]
    if return_file.reason:
        blocks.append(Paragraph.labelled(tpl["reason_label"], return_file.reason))
    if return_file.notes:
        blocks.append(Paragraph.of(tpl["notes_heading"], "heading"))
        rows = tuple((Cell(str(i), align="center"), Cell(_where(n, tpl)), Cell(n.text))
                     for i, n in enumerate(return_file.notes, 1))
        blocks.append(Table(
            (Column(12, "center"), Column(58), Column(95)),
            ((Cell(tpl["col_number"], bold=True, align="center"),
              Cell(tpl["col_where"], bold=True, align="center"),
              Cell(tpl["col_note"], bold=True, align="center")),),
            rows))
    elif return_file.decision.value == "returned":
        blocks.append(Paragraph.of(tpl["no_notes"]))
    blocks.append(Paragraph.of(tpl.text(f"closing_{return_file.decision.value}", unit=unit,
                                        reviewer=reviewer_name)))
    signer_title = fmt.upper(return_file.signer_title or tpl["signer_default"])
    blocks.append(SignatureRow(
        left=Recipients(tpl["recipients_label"], tuple(tpl["recipients"])),
        right=SignatureColumn((signer_title,), tpl["signer_note"],
                              return_file.signer_name)))
    return Document(KIND, KIND, tpl["type_name"].capitalize(),
                    f"{tpl['file_stem']}_{fmt.ascii_stem(unit)}", tuple(blocks))


def render_return_slip(return_file: ReturnFile, pack: CampaignPack, reviewer: Unit, *,
                       package_name: str, received_revision: int):
    """The slip as a PDF :class:`~desktop.documents.RenderedDocument`."""
    from desktop.documents import render_document

    document = build_return_slip(return_file, pack, reviewer, package_name=package_name,
                                 received_revision=received_revision)
    return render_document(document, pack, fmt="pdf")
