"""PDF renderer (kết xuất PDF): :class:`~desktop.documents.ir.Document` → PDF bytes, with reportlab.

Decree 30/2020/NĐ-CP layout: A4, margins and sizes from ``resources/templates/common.toml``,
the header as a borderless two-column table, the motto underlined by a rule as long as its
text, page numbers centred in the top margin from page 2. Fonts: "HoSo Serif" (dehinted
Liberation Serif 2.1.5, Times New Roman metrics) registered as a family so ``<b>``/``<i>``
work, embedded as subsets; the canvas starts in it, so the PDF references no other font.
Output is byte-stable for the same input (``invariant``), which the package export relies on.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable

from desktop.documents import charts, fmt
from desktop.documents.ir import (
    Block,
    Cell,
    Chart,
    Document,
    Footnote,
    Header,
    PageBreak,
    Paragraph,
    Recipients,
    SignatureBox,
    SignatureColumn,
    SignatureRow,
    Spacer,
    Table,
    Title,
)
from desktop.documents.templates import Template
from desktop.paths import resources_dir

rl_config.invariant = 1  # no timestamps or random ids: same input, same bytes

FONT = "HoSoSerif"
_STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


@functools.cache
def register_fonts() -> str:
    """Register the four styles of HoSo Serif once; returns the family name."""
    folder = resources_dir() / "fonts"
    for suffix, style in _STYLES.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(folder / f"HoSoSerif-{style}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold",
                                  italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic")
    return FONT


class _Rule(Flowable):
    """A centred (or left) horizontal rule with its own gaps.

    Unlike ``HRFlowable`` it keeps its gap above inside table cells, where reportlab ignores
    ``spaceBefore``, so the rule never touches the descenders of the line above.
    """

    def __init__(self, width: float, before: float = 3, after: float = 4,
                 align: str = "CENTER", thickness: float = 0.6) -> None:
        super().__init__()
        self.rule_width, self.before, self.after = width, before, after
        self.hAlign, self.thickness = align, thickness

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.rule_width = min(self.rule_width, avail_width)
        return self.rule_width, self.before + self.after

    def draw(self) -> None:
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.after, self.rule_width, self.after)


def markup(text: str) -> str:
    """Plain text → reportlab paragraph markup (escaped, line breaks kept)."""
    return escape(text).replace("\n", "<br/>")


def _balanced(text: str, style: ParagraphStyle, width: float) -> str:
    """Break a too-long centred line into lines of similar width ("ỦY BAN NHÂN DÂN" / "XÃ BẠCH
    ĐẰNG") instead of leaving one word alone on the last line."""
    def w(s: str) -> float:
        return pdfmetrics.stringWidth(s, style.fontName, style.fontSize)

    words = [word for word in text.split(" ") if word]  # no-break spaces bind words
    if "\n" in text or w(text) <= width or len(words) < 2:
        return text
    for lines in range(2, len(words) + 1):
        best = _best_split(words, lines, w)
        if max(w(line) for line in best) <= width:
            return "\n".join(best)
    return text


def balanced_lines(text: str, *, bold: bool, size: float, width: float) -> list[str]:
    """The lines the PDF header prints for ``text`` in a column ``width`` points wide (the
    DOCX renderer breaks its header at the same places)."""
    register_fonts()
    style = ParagraphStyle("measure", fontName=FONT + ("-Bold" if bold else ""),
                           fontSize=size)
    return _balanced(text, style, width).split("\n")


def _best_split(words: list[str], lines: int, w) -> list[str]:
    """Split ``words`` into ``lines`` lines minimising the widest one (small inputs only)."""
    @functools.cache
    def solve(start: int, left: int) -> tuple[float, tuple[int, ...]]:
        if left == 1:
            return w(" ".join(words[start:])), ()
        best: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for cut in range(start + 1, len(words) - left + 2):
            rest, cuts = solve(cut, left - 1)
            cand = (max(w(" ".join(words[start:cut])), rest), (cut, *cuts))
            best = min(best, cand)
        return best

    cuts = (0, *solve(0, lines)[1], len(words))
    return [" ".join(words[a:b]) for a, b in itertools.pairwise(cuts)]


class _SignatureMark(Flowable):
    """Zero-height mark at the top of a signer's name cell: when drawn, records the
    signature space above it (column width x ``gap``) as a :class:`SignatureBox`."""

    def __init__(self, role: str, gap: float, boxes: list[SignatureBox]) -> None:
        super().__init__()
        self.role, self.gap, self.boxes = role, gap, boxes

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 0

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.boxes.append(SignatureBox(self.role, self.canv.getPageNumber() - 1, x, y,
                                       x + self.width, y + self.gap))


class _Styles:
    """The named paragraph styles, sized from the template's ``[sizes]``."""

    def __init__(self, common: Template, overrides: dict[str, float] | None = None) -> None:
        s = {**common["sizes"], **(overrides or {})}
        self.sizes = s
        body, lead, after = float(s["body"]), float(s["leading"]), float(s["space_after"])
        indent = float(s["first_indent_mm"]) * mm
        base = ParagraphStyle("base", fontName=FONT, fontSize=body, leading=lead,
                              spaceAfter=after, alignment=TA_JUSTIFY)

        def style(name: str, parent: ParagraphStyle = base, **kw) -> ParagraphStyle:
            return ParagraphStyle(name, parent=parent, **kw)

        self.by_name = {
            "body": style("body", firstLineIndent=indent),
            "plain": style("plain"),
            "heading": style("heading", fontName=FONT + "-Bold", alignment=TA_LEFT,
                             keepWithNext=1),
            "item": style("item", firstLineIndent=indent),
            "italic": style("italic", fontName=FONT + "-Italic", firstLineIndent=indent),
            "center": style("center", alignment=TA_CENTER),
            "center_bold": style("center_bold", fontName=FONT + "-Bold", alignment=TA_CENTER,
                                 keepWithNext=1),
            "center_italic": style("center_italic", fontName=FONT + "-Italic",
                                   alignment=TA_CENTER),
            "addressee": style("addressee", alignment=TA_CENTER, spaceBefore=4, spaceAfter=10),
            "note": style("note", fontSize=float(s["footnote"]),
                          leading=float(s["footnote"]) + 2),
        }
        hs = float(s["header"])
        self.header = style("header", fontSize=hs, leading=hs + 2, alignment=TA_CENTER,
                            spaceAfter=0)
        self.header_bold = style("header_bold", parent=self.header, fontName=FONT + "-Bold")
        self.number = style("number", parent=self.header, fontSize=float(s["number"]),
                            leading=float(s["number"]) + 3)
        ms = float(s["motto"])
        self.motto = style("motto", fontName=FONT + "-Bold", fontSize=ms, leading=ms + 2,
                           alignment=TA_CENTER, spaceAfter=0)
        ps = float(s["place_date"])
        self.place_date = style("place_date", fontName=FONT + "-Italic", fontSize=ps,
                                leading=ps + 3, alignment=TA_CENTER, spaceAfter=0)
        ts = float(s["title"])
        self.title = style("title", fontName=FONT + "-Bold", fontSize=ts, leading=ts + 3,
                           alignment=TA_CENTER, spaceAfter=0, keepWithNext=1)
        self.subtitle = {
            "bold": style("sub_bold", parent=self.title),
            "italic": style("sub_italic", parent=self.title, fontName=FONT + "-Italic"),
            "plain": style("sub_plain", parent=self.title, fontName=FONT),
        }
        ts_, tl = float(s["table"]), float(s["table_leading"])
        self.cell = style("cell", fontSize=ts_, leading=tl, spaceAfter=0, alignment=TA_LEFT)
        rs, rl = float(s["recipients"]), float(s["recipients_label"])
        self.recipients_label = style("rec_label", fontName=FONT + "-BoldItalic", fontSize=rl,
                                      leading=rl + 2, alignment=TA_LEFT, spaceAfter=0)
        self.recipients = style("rec", fontSize=rs, leading=rs + 2, alignment=TA_LEFT,
                                spaceAfter=0)
        sg = float(s["signature"])
        self.sign = style("sign", fontName=FONT + "-Bold", fontSize=sg, leading=sg + 2,
                          alignment=TA_CENTER, spaceAfter=0)
        self._cell_styles: dict[tuple, ParagraphStyle] = {}
        self.sign_note = style("sign_note", fontName=FONT + "-Italic", fontSize=sg,
                               leading=sg + 2, alignment=TA_CENTER, spaceAfter=0)

    def lead_in(self, style: ParagraphStyle) -> ParagraphStyle:
        if getattr(style, "keepWithNext", 0):
            return style
        key = ("lead_in", style.name)
        cached = self._cell_styles.get(key)
        if cached is None:
            cached = self._cell_styles[key] = ParagraphStyle(style.name + "-lead", parent=style,
                                                              keepWithNext=1)
        return cached

    def cell_style(self, cell: Cell, size: float | None) -> ParagraphStyle:
        key = (cell.bold, cell.italic, cell.align, size)
        style = self._cell_styles.get(key)
        if style is None:
            style = self._cell_styles[key] = self._make_cell_style(cell, size)
        return style

    def _make_cell_style(self, cell: Cell, size: float | None) -> ParagraphStyle:
        font = FONT + ("-BoldItalic" if cell.bold and cell.italic else "-Bold" if cell.bold
                       else "-Italic" if cell.italic else "")
        kw = {"fontName": font, "alignment": _ALIGN[cell.align]}
        if size:
            kw |= {"fontSize": size, "leading": size + 2}
        return ParagraphStyle(f"cell-{font}-{cell.align}-{size}", parent=self.cell, **kw)


class _Renderer:
    def __init__(self, document: Document, common: Template, watermark: str | None) -> None:
        register_fonts()
        self.doc = document
        self.created = document.created or dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.common = common
        self.st = _Styles(common, document.sizes)
        self.watermark = watermark
        page = common["page"]
        self.margins = tuple(float(page[k]) * mm for k in (
            "margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm"))
        self.orientation = document.orientation
        self.boxes: list[SignatureBox] = []  # filled while drawing (signature spaces)

    # ------------------------------------------------------------ page furniture
    def _page_size(self, orientation: str) -> tuple[float, float]:
        return landscape(A4) if orientation == "landscape" else A4

    def _text_width(self, orientation: str) -> float:
        _top, _bottom, left, right = self.margins
        return self._page_size(orientation)[0] - left - right

    def text(self, text: str) -> str:
        """Markup of a text with the document's line-breaking rules (no-break spaces)."""
        return markup(fmt.keep_together(text, self.doc.keep_together))

    def _on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        # CreationDate/ModDate: the time the document stands for, never reportlab's
        # invariant 2000-01-01 (the bytes stay stable for the same dossier revision)
        stamp = fmt.pdf_date(self.created)
        canvas._doc.info._dateFormatter = lambda *_args: stamp
        width, height = canvas._pagesize
        top = self.margins[0]
        if self.watermark:
            sizes, preview = self.st.sizes, self.common["preview"]
            canvas.saveState()
            canvas.setFillGray(float(preview["grey"]))
            canvas.setFont(FONT + "-Bold", float(sizes["watermark"]))
            canvas.translate(width / 2, height / 2)
            canvas.rotate(float(preview["angle"]))
            canvas.drawCentredString(0, 0, self.watermark)
            canvas.restoreState()
        if doc.page >= 2:
            canvas.saveState()
            canvas.setFont(FONT, float(self.st.sizes["page_number"]))
            canvas.drawCentredString(width / 2, height - top / 2 - 4, str(doc.page))
            canvas.restoreState()

    def _template(self, orientation: str) -> PageTemplate:
        top, bottom, left, right = self.margins
        width, height = self._page_size(orientation)
        frame = Frame(left, bottom, width - left - right, height - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                      id=f"body-{orientation}")
        return PageTemplate(id=orientation, frames=[frame], onPage=self._on_page,
                            pagesize=(width, height))

    # ------------------------------------------------------------ blocks
    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = []
        orientation = self.orientation
        tail: int | None = None  # where the closing group (signatures, footnote) starts
        for block in self.doc.blocks:
            if isinstance(block, PageBreak):
                out = self._close_tail(out, tail)
                tail = None
                if block.orientation and block.orientation != orientation:
                    orientation = block.orientation
                    out.append(NextPageTemplate(orientation))
                out.append(RLPageBreak())
                continue
            flowables = self.block(block, orientation)
            if isinstance(block, (SignatureRow, Footnote)):
                if tail is None:
                    tail = self._tail_start(out)
                out.extend(f for f in flowables if not isinstance(f, CondPageBreak))
            elif isinstance(block, Spacer) and tail is not None:
                out.extend(flowables)
            else:
                out = self._close_tail(out, tail)
                tail = None
                if isinstance(block, (Table, Chart)) and out and isinstance(out[-1], RLParagraph):
                    out[-1].style = self.st.lead_in(out[-1].style)  # a table's sentence stays
                out.extend(flowables)
        return self._close_tail(out, tail)

    @staticmethod
    def _tail_start(out: list[Flowable]) -> int:
        """Never leave signatures, confirmation boxes or a footnote alone on a page: the
        last paragraph before them (and a heading or lead-in above it) goes with them, not
        more (a second paragraph would only leave the foot of the page before it blank)."""
        k, taken = len(out), 0
        while k > 0 and taken < 1 and isinstance(out[k - 1], (RLParagraph, RLSpacer)):
            k -= 1
            taken += isinstance(out[k], RLParagraph)
        while k > 0 and isinstance(out[k - 1], RLParagraph) \
                and getattr(out[k - 1].style, "keepWithNext", 0):
            k -= 1
        return k

    @staticmethod
    def _close_tail(out: list[Flowable], tail: int | None) -> list[Flowable]:
        if tail is None:
            return out
        group: list[Flowable] = []
        for f in out[tail:]:
            group.extend(f._content if isinstance(f, KeepTogether) else [f])
        return [*out[:tail], KeepTogether(group)]

    def block(self, block: Block, orientation: str) -> list[Flowable]:
        width = self._text_width(orientation)
        if isinstance(block, Header):
            return self.header(block, width)
        if isinstance(block, Title):
            return self.title(block, width)
        if isinstance(block, Paragraph):
            return [self.paragraph(block)]
        if isinstance(block, Table):
            return [self.table(block)]
        if isinstance(block, SignatureRow):
            return self.signature_row(block, width)
        if isinstance(block, Footnote):
            return [CondPageBreak(20 * mm),
                    _Rule(40 * mm, before=16, after=3, align="LEFT", thickness=0.5),
                    RLParagraph(self.text(f"{block.marker} {block.text}"),
                                self.st.by_name["note"])]
        if isinstance(block, Spacer):
            return [RLSpacer(1, block.height_mm * mm)]
        if isinstance(block, Chart):
            chart = charts.drawing(block, FONT, FONT + "-Bold")
            chart.hAlign = "CENTER"
            return [chart, RLSpacer(1, float(self.st.sizes["space_after"]))]
        raise TypeError(f"unknown block {block!r}")

    def paragraph(self, p: Paragraph) -> RLParagraph:
        parts = []
        for span in p.spans:
            text = self.text(span.text)
            if span.italic:
                text = f"<i>{text}</i>"
            if span.bold:
                text = f"<b>{text}</b>"
            parts.append(text)
        style = self.st.by_name[p.style]
        if p.text.rstrip().endswith(":"):  # a lead-in stays with what it introduces
            style = self.st.lead_in(style)
        return RLParagraph("".join(parts), style)

    def header(self, h: Header, width: float) -> list[Flowable]:
        st = self.st
        share = float(self.common["header"]["left_share"])
        left: list[Flowable] = []
        column = width * share - 4
        if h.parent_body:
            pstyle = st.header_bold if h.parent_bold else st.header
            left.append(RLParagraph(markup(_balanced(h.parent_body, pstyle, column)), pstyle))
        if h.issuing_body:
            left.append(RLParagraph(markup(_balanced(h.issuing_body, st.header_bold, column)),
                                    st.header_bold))
            rule = min(pdfmetrics.stringWidth(h.issuing_body, FONT + "-Bold",
                                              st.header_bold.fontSize), width * share - 8)
            left.append(_Rule(rule * float(self.common["header"]["issuer_rule_share"]),
                              before=5, after=6))
        if h.number_line:
            left.append(RLParagraph(markup(h.number_line), st.number))
        right: list[Flowable] = [
            RLParagraph(markup(h.national_title), st.header_bold),
            RLParagraph(markup(h.motto), st.motto),
            _Rule(pdfmetrics.stringWidth(h.motto, FONT + "-Bold", st.motto.fontSize),
                  before=3, after=6),
        ]
        if h.place_date:
            right.append(RLParagraph(markup(h.place_date), st.place_date))
        # splitInRow: a header of very long names continues on the next page, never a
        # LayoutError (issue 15)
        table = RLTable([[left, right]], colWidths=[width * share, width * (1 - share)],
                        splitInRow=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # else cells reference Helvetica
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        return [table, RLSpacer(1, 6 * mm)]

    def title(self, t: Title, width: float) -> list[Flowable]:
        st = self.st
        out: list[Flowable] = [RLParagraph(self.text(_balanced(line, st.title, width)), st.title)
                               for line in t.lines]
        if t.marker and out:  # the footnote marker, superscript after the last line
            last = self.text(_balanced(t.lines[-1], st.title, width - 12))
            out[-1] = RLParagraph(f"{last}<super>{markup(t.marker)}</super>", st.title)
        out += [RLParagraph(markup(_balanced(line, st.subtitle[t.subline_style], width)),
                            st.subtitle[t.subline_style]) for line in t.sublines]
        if t.rule:
            out.append(_Rule(float(self.common["header"]["title_rule_mm"]) * mm, before=6,
                             after=10))
        else:
            out.append(RLSpacer(1, 6))
        return out  # the title styles keep each line with the next one

    def table(self, t: Table) -> RLTable:
        size = t.font_size
        data, commands = [], [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("GRID", (0, 0), (-1, -1), 0.5, black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        ncols = len(t.columns)
        for r, row in enumerate((*t.header_rows, *t.rows)):
            cells, c = [], 0
            for cell in row:
                cells.append(RLParagraph(self.text(cell.text), self.st.cell_style(cell, size)))
                if cell.span > 1:
                    commands.append(("SPAN", (c, r), (c + cell.span - 1, r)))
                    cells.extend("" for _ in range(cell.span - 1))
                c += cell.span
            cells.extend("" for _ in range(ncols - len(cells)))
            data.append(cells)
        # splitInRow: a row taller than a page (a long note or evidence) continues on the
        # next page instead of failing the whole document with a LayoutError (issue 15)
        table = RLTable(data, colWidths=[c.width_mm * mm for c in t.columns],
                        repeatRows=len(t.header_rows), hAlign="CENTER", splitInRow=1)
        table.setStyle(TableStyle(commands))
        table.spaceAfter = float(self.st.sizes["space_after"])
        return table

    def _sign_head(self, col: SignatureColumn, width: float) -> list[Flowable]:
        """Authority and title lines (bold caps) and the italic note, balanced to the column."""
        st = self.st
        out: list[Flowable] = [RLParagraph(markup(_balanced(line, st.sign, width)), st.sign)
                               for line in col.lines]
        if col.note:
            out.append(RLParagraph(markup(col.note), st.sign_note))
        return out

    def _sign_name(self, col: SignatureColumn | None) -> list[Flowable]:
        if col is None or not col.name:
            return []
        return [RLParagraph(markup(col.name), self.st.sign)]

    def _recipients(self, rec: Recipients) -> list[Flowable]:
        return [RLParagraph(markup(rec.label), self.st.recipients_label),
                *(RLParagraph(markup(e), self.st.recipients) for e in rec.entries)]

    def signature_row(self, row: SignatureRow, width: float) -> list[Flowable]:
        """Ô 7 and 9b as a borderless table: titles in the first row, names in the second, so
        both signers' names stand on one line whatever the length of their titles."""
        gap = float(self.st.sizes.get("signature_space_mm", 24)) * mm
        if row.center is not None:
            cols = [width]
            head = [[self._sign_head(row.center, width - 8)]]
            names = [[[_SignatureMark("center", gap, self.boxes),
                       *self._sign_name(row.center)]]]
        else:
            share = 0.45 if isinstance(row.left, Recipients) else 0.5
            cols = [width * share, width * (1 - share)]
            if isinstance(row.left, Recipients):
                left_head = self._recipients(row.left)
            elif isinstance(row.left, SignatureColumn):
                left_head = self._sign_head(row.left, cols[0] - 8)
            else:
                left_head = []
            right_head = self._sign_head(row.right, cols[1] - 8) if row.right else []
            left_name = self._sign_name(row.left) if isinstance(row.left, SignatureColumn) \
                else []
            head = [[left_head, right_head]]
            if isinstance(row.left, SignatureColumn):
                left_name = [_SignatureMark("left", gap, self.boxes), *left_name]
            right_name = ([_SignatureMark("right", gap, self.boxes),
                           *self._sign_name(row.right)] if row.right else [])
            names = [[left_name, right_name]]
        table = RLTable(head + names, colWidths=cols, splitInRow=1)  # long Nơi nhận lists
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("TOPPADDING", (0, 1), (-1, 1), gap),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        if row.center is not None:
            return [KeepTogether([RLSpacer(1, 6 * mm), table])]
        return [KeepTogether([table])]

    # ------------------------------------------------------------ whole document
    def render(self) -> tuple[bytes, int]:
        buffer = io.BytesIO()
        first = self.orientation
        other = "landscape" if first == "portrait" else "portrait"
        doc = BaseDocTemplate(
            buffer, pagesize=self._page_size(first), title=self.doc.title_vi,
            author="HoSo", creator="HoSo", producer="HoSo (reportlab)", subject="",
            invariant=1, pageTemplates=[self._template(first), self._template(other)],
            # The canvas starts in our font, else the PDF references an unembedded Helvetica.
            initialFontName=FONT, initialFontSize=12,
        )
        doc.build(self.flowables())
        return buffer.getvalue(), doc.page


def render_pdf(document: Document, common: Template, *, watermark: str | None = None
               ) -> tuple[bytes, int]:
    """The document as PDF bytes and its page count; ``watermark`` marks every page."""
    return _Renderer(document, common, watermark).render()


def render_pdf_boxes(document: Document, common: Template, *, watermark: str | None = None
                     ) -> tuple[bytes, int, tuple[SignatureBox, ...]]:
    """:func:`render_pdf` plus where its signature spaces were drawn (desktop.signing)."""
    renderer = _Renderer(document, common, watermark)
    data, pages = renderer.render()
    return data, pages, tuple(renderer.boxes)
