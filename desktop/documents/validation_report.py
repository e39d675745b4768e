"""The one-page validation report (phiếu kết quả kiểm tra hồ sơ) that goes into a package.

It says, in Vietnamese and in the Decree 30/2020 layout of the other documents (same fonts,
margins and header), that the dossier passed HoSo's checks: which dossier and revision,
which campaign pack (version and SHA-256 of its file), when, with which app version, and
the warnings and notices that remained. Wording comes from ``resources/i18n/package.toml``
(``package.report.*``); the full list of findings is in ``validation.json`` next to it.
"""

from __future__ import annotations

import datetime as dt

from desktop import i18n
from desktop.documents import fmt
from desktop.documents.ir import (
    Cell,
    Column,
    Document,
    Header,
    Paragraph,
    SignatureColumn,
    SignatureRow,
    Table,
    Title,
)
from desktop.documents.templates import common
from desktop.models import CampaignPack, Dossier, Finding

FILE_STEM = "validation"
KIND = "validation_report"
#: Rows of the findings table that still fit on one A4 page (the rest: see validation.json).
MAX_ROWS = 5
MAX_MESSAGE_CHARS = 180


def _t(key: str, **params: object) -> str:
    return i18n.t(f"package.report.{key}", "vi", **params)


def _header(dossier: Dossier, pack: CampaignPack, day: dt.date) -> Header:
    """The unit's header by the one rule every document of the unit follows."""
    from desktop.documents.build import header_block

    unit = dossier.unit
    place = dossier.proposal.place or unit.locality or ""
    return header_block(common(pack.legal_regime), unit.parent_body or "", unit.name, "",
                        fmt.place_date(place, day))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS - 1] + "…"


def build_validation_report(dossier: Dossier, pack: CampaignPack, findings: list[Finding], *,
                            validated_at: dt.datetime, pack_sha256: str,
                            app_version: str, today: dt.date | None = None) -> Document:
    """The IR of the report; ``findings`` are those of the export's validation (no errors).
    Its date line is ``today`` (the day the rules were checked at, ``--today``) when given."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    blocks: list = [
        _header(dossier, pack, today or validated_at.date()),
        Title((_t("title"),), (_t("subtitle", campaign=pack.short_title),)),
        Paragraph.labelled(_t("dossier_label"), _t("dossier_value", title=dossier.title or
                                                      dossier.id, id=dossier.id,
                                                      revision=dossier.revision)),
        Paragraph.labelled(_t("unit_label"), dossier.unit.name or "—"),
        Paragraph.labelled(_t("pack_label"), _t("pack_value", title=pack.title, id=pack.id,
                                                   version=pack.version)),
        Paragraph.labelled(_t("sha_label"), ""),
        Paragraph.of(pack_sha256, "center"),  # one long word: justified, it would be spread
        Paragraph.labelled(_t("time_label"), _t(
            "time_value", time=fmt.time_text(validated_at.time()),
            date=fmt.date_long(validated_at.date()))),
        Paragraph.labelled(_t("app_label"), _t("app_value", version=app_version)),
        Paragraph.labelled(_t("result_label"), _t("result_value", errors=counts["error"],
                                                     warnings=counts["warning"],
                                                     infos=counts["info"])),
    ]
    # The template-status line is about HoSo's forms, not the dossier: validation.json has it.
    listed = [f for f in findings if f.severity != "error" and f.code != "template.unconfirmed"]
    shown = listed[:MAX_ROWS]
    if shown:
        severity = {"warning": _t("warning"), "info": _t("info")}
        rows = tuple((Cell(str(i), align="center"), Cell(severity.get(f.severity, f.severity)),
                      Cell(_short(f.message_vi)))
                     for i, f in enumerate(shown, 1))
        blocks.append(Table(
            (Column(12, "center"), Column(25), Column(128)),
            ((Cell(_t("col_number"), bold=True, align="center"),
              Cell(_t("col_level"), bold=True, align="center"),
              Cell(_t("col_message"), bold=True, align="center")),),
            rows, font_size=11))
        rest = len(listed) - len(shown)
        if rest > 0:
            blocks.append(Paragraph.of(_t("more", count=rest), "note"))
    blocks.append(Paragraph.of(_t("note"), "italic"))
    blocks.append(SignatureRow(right=SignatureColumn((_t("signer"),), _t("signer_note"))))
    return Document(KIND, KIND, _t("document_title"), FILE_STEM, tuple(blocks),
                    created=validated_at)


def render_validation_report(dossier: Dossier, pack: CampaignPack, findings: list[Finding], *,
                             validated_at: dt.datetime, pack_sha256: str, app_version: str,
                             today: dt.date | None = None):
    """The report as a PDF :class:`~desktop.documents.RenderedDocument` (byte-stable)."""
    from desktop.documents import render_document

    document = build_validation_report(dossier, pack, findings, validated_at=validated_at,
                                       pack_sha256=pack_sha256, app_version=app_version,
                                       today=today)
    return render_document(document, pack, fmt="pdf")
