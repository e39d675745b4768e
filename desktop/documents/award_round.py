"""Documents of a unit's own Giấy khen round: the decision, its list and the certificates.

* **Quyết định khen thưởng** (``award-decision.toml``): Decree 30/2020 layout of a decision
  the head signs in his own name; Căn cứ lines from the local government law (template data),
  the campaign pack's grounds and the unit's regulation; Điều 1 the award (list attached);
  Điều 2 the bonus per kind, coefficient × base salary of the decision's date (round data,
  :mod:`desktop.validation.award_round`); Điều 3 implementation; Nơi nhận; signature with the
  regime's titles.
* **Danh sách** (``award-list.toml``): the awardees by kind with their bonus and book number.
* **Giấy khen** (``certificate.toml``): one page per awardee at fixed positions, on blank
  A4/A3 paper (everything, with a frame) or onto pre-printed certificate paper (only the
  fields not already printed), shifted by the printer's offsets; and a calibration page that
  marks where each field starts. PDF (reportlab canvas) and DOCX (one section per page,
  each line placed by its spacing and indent).

The council minutes of the round are the Bằng khen's minutes (``build_council_minutes``)
with the round's template (``round-minutes.toml``) and award name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from typing import Literal

from desktop.documents import fmt
from desktop.documents.build import (
    AnyNominee,
    Context,
    authority_lines,
    fmt_label,
    header_block,
    nominee_counts,
    person_value,
)
from desktop.documents.ir import (
    Block,
    Cell,
    Column,
    Document,
    Paragraph,
    Recipients,
    SignatureColumn,
    SignatureRow,
    Span,
    Table,
    Title,
)
from desktop.documents.templates import Template
from desktop.models import Collective, Gender, Household, Individual, SigningAuthority
from desktop.models.campaign import DocumentSpec
from desktop.validation.award_round import (
    Bonus,
    achievement_text,
    award_name,
    bonus,
    fund_text,
)

MM = 72 / 25.4
Paper = Literal["A4", "A3"]
_PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape


# ---------------------------------------------------------------------------- shared


def _bonuses(ctx: Context) -> dict[str, Bonus | None]:
    day = ctx.dossier.proposal.date
    return {str(n.kind): bonus(ctx.pack, str(n.kind), day) for n in ctx.nominees}


def _book_number(ctx: Context, index: int) -> str:
    rules = ctx.dossier.own_rules
    prefix = rules.book_prefix if rules is not None else ""
    return f"{prefix}/{index:03d}" if prefix else f"{index:03d}"


def _decision_number(ctx: Context) -> str:
    p = ctx.dossier.proposal
    return fmt.doc_number(p.number, p.symbol, "").removeprefix(": ").strip()


def _signature(ctx: Context) -> SignatureColumn:
    p = ctx.dossier.proposal
    return SignatureColumn(authority_lines(ctx, p.authority, p.authority_body, p.signer_title),
                           "", p.signer_name)


def _head_caps(ctx: Context) -> str:
    """The head's title for the decider line: the signer's own when signing in his name,
    else the regime's for the unit kind ("CHỦ TỊCH")."""
    p = ctx.dossier.proposal
    if p.authority == SigningAuthority.DIRECT and p.signer_title:
        return fmt.upper(p.signer_title)
    rule = ctx.pack.unit_rule(ctx.dossier.unit.kind)
    return fmt.upper(rule.signature.head) if rule else fmt.upper(p.signer_title)


def amount_words(tpl: Template, amount: int) -> str:
    """A sum of money in Vietnamese words, first letter capital: 3240000 → "Ba triệu hai trăm
    bốn mươi nghìn đồng". The words are template data (``digits``, ``groups``)."""
    digits, groups = list(tpl["digits"]), list(tpl["groups"])
    if amount == 0:
        words = digits[0]
    else:
        parts: list[str] = []
        chunks = []
        n = amount
        while n:
            chunks.append(n % 1000)
            n //= 1000
        for g in range(len(chunks) - 1, -1, -1):
            chunk = chunks[g]
            if chunk == 0:
                continue
            full = g < len(chunks) - 1  # a group after a higher one reads all three digits
            parts.append(_three(digits, chunk, full))
            if g and g < len(groups):
                parts.append(groups[g])
        words = " ".join(p for p in parts if p)
    text = f"{words} {tpl['currency']}"
    return text[:1].upper() + text[1:]


def _three(d: list[str], n: int, full: bool) -> str:
    h, t, u = n // 100, n // 10 % 10, n % 10
    out: list[str] = []
    if h or full:
        out += [d[h], "trăm"]
    if t == 0:
        if u and (h or full):
            out.append("linh")
    elif t == 1:
        out.append("mười")
    else:
        out += [d[t], "mươi"]
    if u:
        if u == 1 and t >= 2:
            out.append("mốt")
        elif u == 5 and t >= 1:
            out.append("lăm")
        elif u == 4 and t >= 2:
            out.append("tư")
        else:
            out.append(d[u])
    return " ".join(out)


# ---------------------------------------------------------------------------- the decision


def build_award_decision(ctx: Context, spec: DocumentSpec) -> Document:
    """Quyết định khen thưởng: Căn cứ, Điều 1–3, Nơi nhận, signature."""
    tpl = ctx.template(spec)
    d, p, c = ctx.dossier, ctx.dossier.proposal, ctx.common
    unit = d.unit
    award = award_name(ctx.pack, d)
    campaign = fmt.lower_first(ctx.pack.title)
    blocks: list[Block] = [
        header_block(c, unit.parent_body or "", unit.name,
                     fmt.doc_number(p.number, p.symbol, c["header"]["number_label"]),
                     fmt.place_date(ctx.place, p.date)),
        Title((tpl["type_name"],), (tpl.text("subject", award_short=tpl["award_short"],
                                             campaign=campaign),)),
        Paragraph.of(tpl.text("decider", head=_head_caps(ctx), unit=fmt.upper(unit.name)),
                     "center_bold"),
    ]
    grounds = [*tpl["local_government"], *ctx.pack.plan.grounds]
    if d.own_rules is not None and d.own_rules.regulation:
        grounds.append(d.own_rules.regulation)
    for ground in grounds:
        blocks.append(Paragraph.of(fmt_label(c, "ground", text=ground), "italic"))
    council = d.council
    from desktop.documents.build import _minutes_symbol

    number = fmt.doc_number(council.number, _minutes_symbol(ctx), "").removeprefix(": ")
    unit_short = _unit_short(unit.name)
    blocks.append(Paragraph.of(tpl.text("council_ground", unit_short=unit_short,
                                        number=number.strip(),
                                        date=fmt.date_long(council.date)), "italic"))
    blocks.append(Paragraph.of(tpl["decides"], "center_bold"))
    achievement = achievement_text(ctx.pack, d)
    blocks.append(_article(tpl, 1, tpl.text(
        "article1", award=award, counts=short_counts(ctx, tpl),
        achievement_lower=fmt.lower_first(achievement).rstrip(". "))))
    blocks.extend(_article2(ctx, tpl))
    executors = dict(tpl["executors"])
    who = executors.get(str(unit.kind), executors.get("default", ""))
    blocks.append(_article(tpl, 3, tpl.text("article3", executors=who)))
    blocks.append(SignatureRow(
        left=Recipients(fmt_label(c, "recipients"), tuple(f"- {r}" for r in p.recipients)),
        right=_signature(ctx)))
    return Document(spec.id, "award_decision", spec.title, str(tpl["file_stem"]),
                    tuple(blocks), "portrait", tuple(n.id for n in ctx.nominees),
                    **ctx.doc_extras)


def short_counts(ctx: Context, tpl: Template) -> str:
    """"01 tập thể, 02 hộ gia đình và 02 cá nhân": the awardees by kind with the template's
    short names (a resident is a "cá nhân" in a decision); kinds sharing a name add up."""
    labels = dict(tpl.get("labels", {}))
    counts: dict[str, int] = {}
    for spec in ctx.pack.nominee_kinds:
        n = sum(1 for x in ctx.nominees if x.kind == spec.kind)
        if n:
            label = fmt.lower_first(labels.get(str(spec.kind), spec.label))
            counts[label] = counts.get(label, 0) + n
    if not counts:
        return nominee_counts(ctx)
    items = [fmt_label(ctx.common, "count_item", count=fmt.two_digits(n), label=label)
             for label, n in counts.items()]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def _unit_short(name: str) -> str:
    """"Ủy ban nhân dân xã Bạch Đằng" → "xã Bạch Đằng" (the council is the locality's)."""
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _article(tpl: Template, n: int, text: str) -> Paragraph:
    return Paragraph((Span(tpl.text("article", n=n), bold=True), Span(" " + text)), "body")


def _article2(ctx: Context, tpl: Template) -> list[Block]:
    bonuses = _bonuses(ctx)
    fund = fund_text(ctx.dossier)
    if not ctx.nominees or any(b is None for b in bonuses.values()):
        return [_article(tpl, 2, tpl.text("article2_unknown", fund=fund))]
    salary = next(b for b in bonuses.values() if b is not None).base_salary
    out: list[Block] = [_article(tpl, 2, tpl.text("article2_intro",
                                                  base_salary=fmt.group_thousands(salary)))]
    words, labels = dict(tpl["unit_words"]), dict(tpl.get("labels", {}))
    total = 0
    for spec in ctx.pack.nominee_kinds:
        count = sum(1 for n in ctx.nominees if n.kind == spec.kind)
        b = bonuses.get(str(spec.kind))
        if not count or b is None:
            continue
        total += b.amount * count
        out.append(Paragraph.of(tpl.text(
            "article2_item", label=labels.get(str(spec.kind), spec.label),
            amount=fmt.group_thousands(b.amount),
            unit_word=words.get(str(spec.kind), ""),
            coefficient=fmt.number(b.coefficient), count=fmt.two_digits(count),
            subtotal=fmt.group_thousands(b.amount * count)), "item"))
    out.append(Paragraph.of(tpl.text("article2_total", total=fmt.group_thousands(total),
                                     words=amount_words(tpl, total), fund=fund)))
    return out


# ---------------------------------------------------------------------------- the list


def build_award_list(ctx: Context, spec: DocumentSpec) -> Document:
    """Danh sách được tặng Giấy khen, attached to the decision."""
    tpl = ctx.template(spec)
    d, c = ctx.dossier, ctx.common
    award = award_name(ctx.pack, d)
    decider = f"{fmt.lower_first(_head_caps(ctx).capitalize())} {d.unit.name}"
    blocks: list[Block] = [
        header_block(c, d.unit.parent_body or "", d.unit.name, "", ""),
        Title((tpl.text("title", award_upper=fmt.upper(award)),),
              (tpl.text("attached", number=_decision_number(ctx),
                        date=fmt.date_long(d.proposal.date), decider=decider[:1].upper()
                        + decider[1:]),), subline_style="italic"),
    ]
    columns = tpl["columns"]
    header = tuple(Cell(col["header"], bold=True, align="center") for col in columns)
    bonuses = _bonuses(ctx)
    rows: list[tuple[Cell, ...]] = []
    index, total, known = 0, 0, True
    groups: list[tuple[str, list[AnyNominee]]] = []
    for n in ctx.nominees:
        if groups and groups[-1][0] == n.kind:
            groups[-1][1].append(n)
        else:
            groups.append((n.kind, [n]))
    for g, (kind, members) in enumerate(groups):
        rows.append((Cell(tpl.text("group", roman=ctx.roman(g),
                                   label=fmt.upper(ctx.kind_label(kind))),
                          bold=True, span=len(columns)),))
        for n in members:
            index += 1
            b = bonuses.get(str(n.kind))
            if b is None:
                known = False
            else:
                total += b.amount
            rows.append(tuple(Cell(_list_value(ctx, col["field"], n, index, b),
                                   align=col.get("align", "left")) for col in columns))
    blocks.append(Table(tuple(Column(float(col["width_mm"]), col.get("align", "left"))
                              for col in columns), (header,), tuple(rows)))
    blocks.append(Paragraph.of(
        tpl.text("total", count=fmt.two_digits(index), amount=fmt.group_thousands(total))
        if known else tpl.text("total_unknown", count=fmt.two_digits(index)), "plain",
        bold=True))
    return Document(spec.id, "award_list", spec.title, str(tpl["file_stem"]), tuple(blocks),
                    tpl.get("orientation", "landscape"), tuple(n.id for n in ctx.nominees),
                    **ctx.doc_extras)


def _list_value(ctx: Context, field_id: str, n: AnyNominee, index: int,
                b: Bonus | None) -> str:
    shared = person_value(ctx, field_id, n, index)
    if shared is not None:
        return shared
    if field_id == "address":
        if isinstance(n, Individual) and n.workplace:
            return n.workplace
        return n.address
    if field_id == "bonus":
        return fmt.group_thousands(b.amount) if b is not None else ""
    if field_id == "book_number":
        return _book_number(ctx, index)
    raise ValueError(f"unknown list column field {field_id!r}")


# ---------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class PrintLayout:
    """How certificates are printed: paper, pre-printed or blank, the printer's offsets
    (mm; positive = right / down) and the printer's name (for the calibration page)."""

    paper: Paper = "A4"
    preprinted: bool = False
    dx_mm: float = 0.0
    dy_mm: float = 0.0
    printer: str = ""


@dataclass(frozen=True)
class CertificatePage:
    """The texts of one certificate, by field id (see ``certificate.toml``)."""

    nominee_id: str
    values: tuple[tuple[str, str], ...]

    def value(self, key: str) -> str:
        return dict(self.values).get(key, "")


@dataclass(frozen=True)
class CertificateSet(Document):
    """The certificates of a round: one page each, laid out by :func:`render_certificates`."""

    pages: tuple[CertificatePage, ...] = ()
    layout: PrintLayout = field(default_factory=PrintLayout)
    legal_regime: str = ""


def _person_name(tpl: Template, name: str, gender: Gender | None) -> str:
    if gender == Gender.MALE:
        return tpl.text("person_male", name=name)
    if gender == Gender.FEMALE:
        return tpl.text("person_female", name=name)
    return name


def build_certificates(ctx: Context, spec: DocumentSpec,
                       layout: PrintLayout | None = None) -> CertificateSet:
    """One :class:`CertificatePage` per awardee, in the list's order."""
    tpl = ctx.template(spec)
    d, p = ctx.dossier, ctx.dossier.proposal
    decider = f"{_head_caps(ctx)} {fmt.upper(d.unit.name)}"
    achievement = achievement_text(ctx.pack, d)
    decision = tpl.text("decision_ref", number=_decision_number(ctx),
                        date=fmt.date_short(p.date))
    sign = authority_lines(ctx, p.authority, p.authority_body, p.signer_title)
    pages = []
    for i, n in enumerate(ctx.nominees, 1):
        if isinstance(n, Collective):
            name, line2 = n.name, ""
        elif isinstance(n, Household):
            name, line2 = ctx.display_name(n), n.address
        else:
            name = _person_name(tpl, n.full_name, n.gender)
            line2 = (n.position + ", " + n.workplace if isinstance(n, Individual)
                     and n.position and n.workplace else n.address)
        values = {"decider": decider, "name": name, "line2": line2,
                  "achievement": achievement, "decision": decision,
                  "book": tpl.text("book_ref", book=_book_number(ctx, i)),
                  "place_date": fmt.place_date(ctx.place, p.date),
                  "sign_title": " ".join(sign), "signer": p.signer_name}
        pages.append(CertificatePage(n.id, tuple(values.items())))
    return CertificateSet(spec.id, "certificate", spec.title, str(tpl["file_stem"]), (),
                          "landscape", tuple(n.id for n in ctx.nominees),
                          **ctx.doc_extras, pages=tuple(pages),
                          layout=layout or PrintLayout(), legal_regime=ctx.pack.legal_regime)


@dataclass(frozen=True)
class PlacedLine:
    """One line of a certificate at its final place: baseline ``y_mm`` from the top and
    ``x_mm`` (centre or left edge per ``align``), offsets included."""

    field_id: str
    text: str
    x_mm: float
    y_mm: float
    size: float
    bold: bool
    italic: bool
    align: str
    colour: tuple[float, float, float]


def _font_name(bold: bool, italic: bool) -> str:
    from desktop.documents.pdf import FONT, register_fonts

    register_fonts()
    return FONT + {(False, False): "", (True, False): "-Bold", (False, True): "-Italic",
                   (True, True): "-BoldItalic"}[(bold, italic)]


def place_fields(tpl: Template, page: CertificatePage | None, layout: PrintLayout
                 ) -> list[PlacedLine]:
    """Every line of a certificate (``page``) or of the calibration page (``page=None``:
    each field's name at its place) with the layout's scale and offsets applied."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.documents.pdf import register_fonts

    register_fonts()
    scale = float(tpl["a3_scale"]) if layout.paper == "A3" else 1.0
    gap = float(tpl["line_gap"])
    out: list[PlacedLine] = []
    for spec in tpl["fields"]:
        if layout.preprinted and spec.get("preprinted", False):
            continue
        if page is None:
            text = str(spec.get("label", spec["id"]))
        else:
            text = str(spec["text"]).format(**dict(page.values)).strip()
        if not text:
            continue
        size = float(spec["size"]) * scale
        bold, italic = bool(spec.get("bold", False)), bool(spec.get("italic", False))
        colour = tuple(tpl["colour_title"]) if spec.get("colour") == "title" \
            and not layout.preprinted else tuple(tpl["colour_text"])
        width = float(spec.get("width_mm", 0)) * scale * MM
        font = _font_name(bold, italic)
        lines = [text]
        if width and page is not None:
            lines = _wrap(text, font, size, width, stringWidth)
            limit = int(spec.get("max_lines", 0))
            while limit and len(lines) > limit and size > 8:  # shrink rather than overflow
                size -= 0.5
                lines = _wrap(text, font, size, width, stringWidth)
        x = float(spec["x_mm"]) * scale + layout.dx_mm
        y = float(spec["y_mm"]) * scale + layout.dy_mm
        for k, line in enumerate(lines):
            out.append(PlacedLine(spec["id"], line, x, y + k * size * gap / MM, size, bold,
                                  italic, spec.get("align", "center"), colour))
    return out


def _wrap(text: str, font: str, size: float, width: float, measure) -> list[str]:
    """Greedy line breaks, then balanced so the last line is not a stub."""
    words = text.split()
    lines = _wrap_at(words, font, size, width, measure)
    if len(lines) > 1:  # balance: the narrowest width that keeps the same line count
        lo, hi = width / 2, width
        for _ in range(12):
            mid = (lo + hi) / 2
            trial = _wrap_at(words, font, size, mid, measure)
            if len(trial) <= len(lines):
                hi = mid
            else:
                lo = mid
        lines = _wrap_at(words, font, size, hi, measure)
    return lines


def _wrap_at(words: list[str], font: str, size: float, width: float, measure) -> list[str]:
    lines: list[str] = []
    current = ""
    for w in words:
        trial = f"{current} {w}".strip()
        if current and measure(trial, font, size) > width:
            lines.append(current)
            current = w
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _draw_frame(canvas, tpl: Template, w: float, h: float, scale: float) -> None:
    inset = float(tpl["border_inset_mm"]) * scale * MM
    gap = float(tpl["border_gap_mm"]) * scale * MM
    canvas.setStrokeColorRGB(*tpl["colour_title"])
    canvas.setLineWidth(2.2 * scale)
    canvas.rect(inset, inset, w - 2 * inset, h - 2 * inset)
    canvas.setLineWidth(0.7 * scale)
    canvas.rect(inset + gap, inset + gap, w - 2 * (inset + gap), h - 2 * (inset + gap))


def _draw_lines(canvas, lines: list[PlacedLine], h: float) -> None:
    for line in lines:
        canvas.setFillColorRGB(*line.colour)
        canvas.setFont(_font_name(line.bold, line.italic), line.size)
        x, y = line.x_mm * MM, h - line.y_mm * MM
        if line.align == "left":
            canvas.drawString(x, y, line.text)
        else:
            canvas.drawCentredString(x, y, line.text)


def render_certificates_pdf(doc: CertificateSet, tpl: Template,
                            watermark: str | None = None) -> tuple[bytes, int]:
    from reportlab.pdfgen.canvas import Canvas

    layout = doc.layout
    w_mm, h_mm = _PAPER_MM[layout.paper]
    w, h = w_mm * MM, h_mm * MM
    scale = float(tpl["a3_scale"]) if layout.paper == "A3" else 1.0
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(w, h), invariant=1)
    canvas.setTitle(doc.title_vi)
    canvas.setAuthor("HoSo")
    for page in doc.pages:
        if not layout.preprinted:
            _draw_frame(canvas, tpl, w, h, scale)
        _draw_lines(canvas, place_fields(tpl, page, layout), h)
        if watermark:
            _watermark(canvas, watermark, w, h)
        canvas.showPage()
    canvas.save()
    return buf.getvalue(), len(doc.pages)


def _watermark(canvas, text: str, w: float, h: float) -> None:
    canvas.saveState()
    canvas.setFillGray(0.8)
    canvas.setFont(_font_name(True, False), 34)
    canvas.translate(w / 2, h / 2)
    canvas.rotate(30)
    canvas.drawCentredString(0, 0, text)
    canvas.restoreState()


def calibration_pdf(tpl: Template, layout: PrintLayout) -> bytes:
    """The calibration page: a millimetre ruler on two edges, a + where each printed field
    starts (offsets applied) with its name, and how to measure and enter the offsets."""
    from reportlab.pdfgen.canvas import Canvas

    w_mm, h_mm = _PAPER_MM[layout.paper]
    w, h = w_mm * MM, h_mm * MM
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(w, h), invariant=1)
    canvas.setTitle(str(tpl["calibration"]["title"]))
    canvas.setLineWidth(0.3)
    canvas.setFont(_font_name(False, False), 6)
    for mm in range(0, int(w_mm) + 1):  # rulers along the top and left edges
        tick = 4 if mm % 10 == 0 else (2.5 if mm % 5 == 0 else 1.2)
        canvas.line(mm * MM, h, mm * MM, h - tick * MM)
        if mm % 10 == 0 and mm:
            canvas.drawCentredString(mm * MM, h - 7 * MM, str(mm))
    for mm in range(0, int(h_mm) + 1):
        tick = 4 if mm % 10 == 0 else (2.5 if mm % 5 == 0 else 1.2)
        canvas.line(0, h - mm * MM, tick * MM, h - mm * MM)
        if mm % 10 == 0 and mm:
            canvas.drawString(5 * MM, h - mm * MM - 2, str(mm))
    for line in place_fields(tpl, None, replace(layout, preprinted=True)):
        x, y = line.x_mm * MM, h - line.y_mm * MM
        canvas.setLineWidth(0.5)
        canvas.line(x - 4 * MM, y, x + 4 * MM, y)
        canvas.line(x, y - 4 * MM, x, y + 4 * MM)
        canvas.setFont(_font_name(False, False), 8)
        canvas.drawString(x + 1.5 * MM, y + 1.2 * MM, line.text)
    cal = tpl["calibration"]
    canvas.setFont(_font_name(True, False), 14)
    canvas.drawCentredString(w / 2, h - 18 * MM, str(cal["title"]))
    canvas.setFont(_font_name(False, False), 10)
    canvas.drawCentredString(w / 2, h - 24 * MM, str(cal["printer"]).format(
        printer=layout.printer or "—", paper=layout.paper,
        dx=fmt.number(layout.dx_mm, 1), dy=fmt.number(layout.dy_mm, 1)))
    y = float(cal["steps_y_mm"])
    for step in cal["steps"]:
        canvas.drawString(20 * MM, (h_mm - y) * MM, str(step))
        y += 5
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def render_certificates_docx(doc: CertificateSet, tpl: Template) -> bytes:
    """The certificates as a Word file: one section per certificate with the sheet's size
    and no margins; each line a paragraph whose space before puts its baseline at the
    template's place (offsets included) and whose indent centres it on its x."""
    from docx import Document as new_document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt, RGBColor

    from desktop.documents.docx import FONT, _set_family, _set_language

    layout = doc.layout
    w_mm, h_mm = _PAPER_MM[layout.paper]
    word = new_document()
    _set_family(word.styles["Normal"])  # Times New Roman, as the other Word files
    _set_language(word)
    scale = float(tpl["a3_scale"]) if layout.paper == "A3" else 1.0
    for i, page in enumerate(doc.pages):
        section = word.sections[0] if i == 0 else word.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(w_mm), Mm(h_mm)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(0))
        if not layout.preprinted and i == 0:
            _page_border(section, tpl, scale)
        lines = sorted(place_fields(tpl, page, layout), key=lambda li: (li.y_mm, li.x_mm))
        cursor_mm = 0.0
        for line in lines:
            para = word.add_paragraph()
            fmt_ = para.paragraph_format
            # the line's box is ~1.2 × size tall with its baseline ~0.95 × size from the top
            line_mm = line.size * 1.2 / MM
            top = line.y_mm - line.size * 0.95 / MM
            fmt_.space_before = Mm(max(0.0, top - cursor_mm))
            fmt_.space_after = Mm(0)
            fmt_.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt_.line_spacing = Pt(line.size * 1.2)
            cursor_mm = max(cursor_mm, top) + line_mm
            if line.align == "left":
                para.alignment = WD_ALIGN_PARAGRAPH.LEFT
                fmt_.left_indent = Mm(line.x_mm)
            else:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                half = min(line.x_mm, w_mm - line.x_mm)
                fmt_.left_indent = Mm(line.x_mm - half)
                fmt_.right_indent = Mm(w_mm - line.x_mm - half)
            run = para.add_run(line.text)
            run.font.name = FONT
            run.font.size = Pt(line.size)
            run.font.bold = line.bold
            run.font.italic = line.italic
            run.font.color.rgb = RGBColor(*(int(c * 255) for c in line.colour))
    buf = io.BytesIO()
    word.core_properties.title = doc.title_vi
    word.save(buf)
    return buf.getvalue()


def _page_border(section, tpl: Template, scale: float) -> None:
    """Blank paper: the double red frame as a page border (w:pgBorders), as far from the
    edge as the PDF's (``border_inset_mm``); later sections inherit it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    colour = "".join(f"{int(c * 255):02X}" for c in tpl["colour_title"])
    inset_pt = min(31, round(float(tpl["border_inset_mm"]) * scale * MM))
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "double")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), str(inset_pt))
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    sect = section._sectPr
    anchor = sect.find(qn("w:cols"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        sect.append(borders)


#: Template kinds of a round's documents → builder (used by ``build.build_documents``).
ROUND_BUILDERS = {
    "award_decision": build_award_decision,
    "award_list": build_award_list,
    "certificate": build_certificates,
}
