"""Báo cáo kết quả đợt thi đua: the campaign result report, with figures and charts.

:func:`build_result_report` lays out the pack's outline (``CampaignPack.result_report``) in
order, each heading followed by the secretary's text (``ResultReport.sections``, keyed by
the number path "I.3") and the figure tables the pack places under it
(``OutlineItem.figure_tables``), with bar charts drawn by reportlab. A district passes its own
dossier first and the commune dossiers after it: the figures are summed and the
contributions get one chart per commune. :func:`render_result_report` renders it as PDF or
DOCX (the service the GUI and ``hoso report`` call).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.documents import fmt
from desktop.documents.build import (
    Context,
    _unit_header,
    authority_lines,
    fmt_label,
    plan_reference,
)
from desktop.documents.ir import (
    Block,
    Cell,
    Chart,
    Column,
    Document,
    Paragraph,
    Recipients,
    SignatureColumn,
    SignatureRow,
    Table,
    Title,
)
from desktop.documents.templates import Template, template
from desktop.models import CampaignPack, Dossier
from desktop.models.campaign import OutlineItem
from desktop.report import ReportFigures, Row, compute_figures

TEMPLATE = "result-report"
DOC_ID = "result_report"


def _count(value: float) -> str:
    """Counts as administrative documents write them (01, 02 … 10); other numbers as is."""
    if float(value).is_integer() and 0 <= value < 10:
        return fmt.two_digits(int(value))
    return fmt.number(value)


def _table(tpl: Template, section: str, header: list[str], rows: list[list[Cell]]) -> Table:
    widths = [float(w) for w in tpl[section]["width_mm"]]
    return Table(tuple(Column(w) for w in widths),
                 (tuple(Cell(h, bold=True, align="center") for h in header),),
                 tuple(tuple(r) for r in rows))


def _count_rows(rows: Sequence[Row], extra: int = 0) -> list[list[Cell]]:
    return [[Cell(str(i), align="center"), Cell(r.label), Cell(fmt.number(r.value),
                                                               align="center"),
             *[Cell("") for _ in range(extra)]] for i, r in enumerate(rows, 1)]


def _chart(title: str, rows: Sequence[Row]) -> Chart:
    return Chart(title, tuple(r.label for r in rows), tuple(float(r.value) for r in rows),
                 tuple(fmt.number(r.value) for r in rows))


def _nominees(tpl: Template, fig: ReportFigures) -> list[Block]:
    t, c = tpl["nominees"], tpl["columns"]
    rows = _count_rows(fig.nominees_by_kind)
    rows.append([Cell(""), Cell(c["total"], bold=True),
                 Cell(fmt.number(fig.nominees_total.value), bold=True, align="center")])
    return [
        Paragraph.of(t["heading"], "plain", italic=True),
        Paragraph.of(t["sentence"].format(total=_count(fig.nominees_total.value),
                                          collectives=_count(fig.collectives.value),
                                          individuals=_count(fig.individuals.value))),
        _table(tpl, "nominees", [c["index"], t["label"], c["count"]], rows),
        _chart(t["chart"], fig.nominees_by_kind),
    ]


def _priority(tpl: Template, fig: ReportFigures) -> list[Block]:
    t, c = tpl["priority"], tpl["columns"]
    total = fig.nominees_total.value
    rows = [[Cell(str(i), align="center"), Cell(r.label),
             Cell(fmt.number(r.value), align="center"),
             Cell(fmt.percent(r.value, total), align="center")]
            for i, r in enumerate(fig.priority, 1)]
    return [
        Paragraph.of(t["heading"], "plain", italic=True),
        Paragraph.of(t["sentence"].format(count=_count(fig.priority_total.value),
                                          total=_count(total),
                                          percent=fmt.percent(fig.priority_total.value, total))),
        _table(tpl, "priority", [c["index"], t["label"], c["count"], c["share"]], rows),
        _chart(t["chart"], fig.priority),
    ]


def _ethnic(tpl: Template, fig: ReportFigures) -> list[Block]:
    t, c = tpl["ethnic_groups"], tpl["columns"]
    if not fig.ethnic_groups:
        return [Paragraph.of(t["heading"], "plain", italic=True), Paragraph.of(t["none"])]
    groups = ", ".join(f"{r.label} {_count(r.value)}" for r in fig.ethnic_groups)
    return [
        Paragraph.of(t["heading"], "plain", italic=True),
        Paragraph.of(t["sentence"].format(count=_count(len(fig.ethnic_groups)), groups=groups)),
        _table(tpl, "ethnic_groups", [c["index"], t["label"], c["count"]],
               _count_rows(fig.ethnic_groups)),
    ]


def _contributions(tpl: Template, fig: ReportFigures) -> list[Block]:
    t, c = tpl["contributions"], tpl["columns"]
    workdays, money, land = fig.contributions
    rows = [[Cell(str(i), align="center"), Cell(u.unit), Cell(fmt.number(u.workdays),
                                                              align="right"),
             Cell(fmt.number(u.money_vnd), align="right"),
             Cell(fmt.number(u.land_m2), align="right")]
            for i, u in enumerate(fig.contributions_by_unit, 1)]
    totals = (workdays, money, land)
    if any(r.overridden for r in totals):
        # The unit corrected a total by hand: show the difference as its own row, so the
        # rows still add up to the total a reviewer reads.
        rows.append([Cell(""), Cell(c["adjustment"], italic=True),
                     *(Cell(fmt.number(r.value - r.computed) if r.overridden else "",
                            italic=True, align="right") for r in totals)])
    rows.append([Cell(""), Cell(c["total"], bold=True),
                 *(Cell(fmt.number(r.value), bold=True, align="right") for r in totals)])
    blocks: list[Block] = [
        Paragraph.of(t["heading"], "plain", italic=True),
        Paragraph.of(t["sentence"].format(workdays=fmt.number(workdays.value),
                                          money=fmt.money(int(money.value)),
                                          land=fmt.number(land.value))),
        _table(tpl, "contributions",
               [c["index"], c["unit"], c["workdays"], c["money"], c["land"]], rows),
    ]
    if fig.by_unit:
        for key, attr in (("chart_workdays", "workdays"), ("chart_money", "money_vnd"),
                          ("chart_land", "land_m2")):
            values = [getattr(u, attr) for u in fig.contributions_by_unit]
            if any(values):
                blocks.append(Chart(t[key], tuple(u.unit for u in fig.contributions_by_unit),
                                    tuple(float(v) for v in values),
                                    tuple(fmt.number(v) for v in values)))
    return blocks


def _achievements(tpl: Template, fig: ReportFigures) -> list[Block]:
    t, c = tpl["achievements"], tpl["columns"]
    rows = [[Cell("1", align="center"), Cell(t["achievements"]),
             Cell(fmt.number(fig.achievements.value), align="center")],
            [Cell("2", align="center"), Cell(t["works"]),
             Cell(fmt.number(fig.works.value), align="center")]]
    return [Paragraph.of(t["heading"], "plain", italic=True),
            _table(tpl, "achievements", [c["index"], t["label"], c["count"]], rows)]


def _awards(tpl: Template, fig: ReportFigures) -> list[Block]:
    t, c = tpl["awards"], tpl["columns"]
    return [Paragraph.of(t["heading"], "plain", italic=True),
            _table(tpl, "awards", [c["index"], t["label"], c["count"]], _count_rows(fig.awards))]


_TABLES = {"nominees": _nominees, "priority": _priority, "ethnic_groups": _ethnic,
           "contributions": _contributions, "achievements": _achievements, "awards": _awards}


def section_paths(outline: Sequence[OutlineItem], prefix: str = "") -> list[str]:
    """Every outline item's number path in reading order ("I", "I.1", … "IV")."""
    out: list[str] = []
    for item in outline:
        path = f"{prefix}.{item.number}" if prefix else item.number
        out.append(path)
        out.extend(section_paths(item.children, path))
    return out


def _outline(tpl: Template, items: Sequence[OutlineItem], sections: dict[str, str],
             fig: ReportFigures, prefix: str = "", depth: int = 0) -> list[Block]:
    formats = tpl["heading_formats"]
    blocks: list[Block] = []
    for item in items:
        path = f"{prefix}.{item.number}" if prefix else item.number
        heading = formats[min(depth, len(formats) - 1)].format(number=item.number,
                                                               title=item.title)
        blocks.append(Paragraph.of(heading, "heading"))
        text = sections.get(path, "").strip()
        paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
        if paragraphs:
            blocks.extend(Paragraph.of(p) for p in paragraphs)
        elif not item.children and not item.figure_tables:
            blocks.append(Paragraph.of(tpl["blank_section"]))
        for table in item.figure_tables:
            blocks.extend(_TABLES[table](tpl, fig))
        blocks.extend(_outline(tpl, item.children, sections, fig, path, depth + 1))
    return blocks


def build_result_report(dossiers: Sequence[Dossier], pack: CampaignPack, *,
                        figures: ReportFigures | None = None) -> Document:
    """The report of ``dossiers[0]``'s unit; later dossiers (communes) are summed in."""
    own = dossiers[0]
    ctx = Context(own, pack)
    tpl = template(TEMPLATE, pack.legal_regime)
    spec = pack.result_report
    report = own.result_report
    fig = figures or compute_figures(dossiers, pack)
    unit = own.unit
    symbol = report.symbol or f"{tpl['symbol_prefix']}-{unit.symbol or ''}".rstrip("-")
    place = report.place or own.proposal.place or unit.locality or ""
    blocks: list[Block] = [
        _unit_header(ctx, fmt.doc_number(report.number, symbol,
                                         ctx.common["header"]["number_label"]),
                     fmt.place_date(place, report.date)),
        Title((str(tpl["type_name"]),), (spec.title,)),
        Paragraph.of(tpl.text("intro", plan=plan_reference(ctx.common, pack), unit=unit.name)),
    ]
    if len(dossiers) > 1:
        blocks.append(Paragraph.of(tpl.text("summed", units="; ".join(fig.units)), "note"))
    blocks.extend(_outline(tpl, spec.outline, dict(report.sections), fig))
    # A unit that only forwards (the pack's routing) reports to the body it files with,
    # the addressee of its proposal; a submitting unit to the pack's addressee.
    first = own.proposal.addressee if ctx.forwards and own.proposal.addressee \
        else spec.addressee
    entries = [first, *report.recipients, str(tpl["archive"])]
    entries = [e.rstrip(";.") for e in _unique_entries(entries) if e]
    recipients = tuple(f"- {e}{'.' if i == len(entries) - 1 else ';'}"
                       for i, e in enumerate(entries))
    blocks.append(SignatureRow(
        left=Recipients(fmt_label(ctx.common, "recipients"), recipients),
        right=SignatureColumn(_signature_lines(ctx), "", report.signer_name
                              or own.proposal.signer_name or unit.head_name or ""),
    ))
    return Document(DOC_ID, "result_report", f"{tpl['type_name'].capitalize()} {spec.title}",
                    str(tpl["file_stem"]), tuple(blocks), "portrait",
                    tuple(n.id for d in dossiers for n in d.nominees), **ctx.doc_extras)


def _unique_entries(entries: list[str]) -> list[str]:
    seen: list[str] = []
    for e in entries:
        if e and e.rstrip(";.") not in [x.rstrip(";.") for x in seen]:
            seen.append(e)
    return seen


def _signature_lines(ctx: Context) -> tuple[str, ...]:
    """Ô 7a of the report: its own authority when set, else the proposal's (a report numbered
    "BC-UBND" is signed "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" as the unit's proposal is)."""
    report, proposal, unit = ctx.dossier.result_report, ctx.dossier.proposal, ctx.dossier.unit
    if report.authority.value != "direct" or report.authority_body:
        authority, body = report.authority, report.authority_body
    else:
        authority, body = proposal.authority, proposal.authority_body
    title = report.signer_title or proposal.signer_title or unit.head_title or ""
    return authority_lines(ctx, authority, body, title)


def render_result_report(dossiers: Sequence[Dossier], pack: CampaignPack, *,
                         fmt: str = "pdf", figures: ReportFigures | None = None,
                         watermark: str | None = None):
    """The result report of ``dossiers[0]`` (communes after it for a district) as one
    :class:`~desktop.documents.RenderedDocument` in ``fmt`` ("pdf" or "docx").

    No validation gate: the report is written after the dossier was sent, and it never
    carries the dossier's errors.
    """
    from desktop.documents import render_document

    return render_document(build_result_report(dossiers, pack, figures=figures), pack,
                           fmt=fmt, watermark=watermark)  # type: ignore[arg-type]
