"""DOCX renderer (kết xuất Word): the same :class:`~desktop.documents.ir.Document` as python-docx.

The DOCX twin lets a secretary make a last-mile edit in Word. Same A4 page, margins and sizes
as the PDF (``resources/templates/common.toml``); header and signature areas as borderless
tables; the list's header row repeats on each page; page numbers centred at the top from
page 2 (different first page + a PAGE field).

The font is named **Times New Roman**, not the HoSo Serif we embed in PDFs: Word on the
secretary's PC has Times New Roman (the font Decree 30/2020 names), reviewers expect it, and
a DOCX does not carry its fonts — naming a font the PC lacks would make Word substitute one.
Liberation Serif has the same metrics, so line breaks match the PDF closely.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from desktop.documents import fmt
from desktop.documents.ir import (
    Block,
    Chart,
    Document,
    Footnote,
    Header,
    PageBreak,
    Paragraph,
    Recipients,
    SignatureColumn,
    SignatureRow,
    Spacer,
    Table,
    Title,
)
from desktop.documents.templates import Template
from desktop.textutil import excerpt

FONT = "Times New Roman"
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
#: Document language: Word spell-checks Vietnamese as Vietnamese.
LANGUAGE = "vi-VN"


def _set_font(run_or_style, size: float | None = None, *, bold: bool | None = None,
              italic: bool | None = None, underline: bool | None = None) -> None:
    """Size and emphasis of a run; the font family is set once on the Normal style.

    Runs inherit the family from their paragraph style (all based on Normal); setting it on
    every run cost a third of the DOCX rendering time. Only truthy emphasis is written:
    False is the inherited default, so writing it only adds XML.
    """
    font = run_or_style.font
    if size is not None:
        font.size = Pt(size)
    if bold:
        font.bold = True
    if italic:
        font.italic = True
    if underline:
        font.underline = True


def _set_family(style) -> None:
    """The document's font family on a style, for every script slot Word looks at."""
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _set_language(doc) -> None:
    """vi-VN for every script slot, on the document defaults and the Normal style."""
    styles = doc.styles.element
    targets = [doc.styles["Normal"].element.get_or_add_rPr()]
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            targets.append(rpr_default.find(qn("w:rPr")))
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), LANGUAGE)


def _set_application(doc) -> None:
    """docProps/app.xml names HoSo, not the template's "Microsoft Macintosh Word"."""
    for rel in doc.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            part = rel.target_part
            text = part.blob.decode("utf-8")
            import re

            text = re.sub(r"<Application>.*?</Application>", "<Application>HoSo</Application>",
                          text)
            text = re.sub(r"<Company>.*?</Company>", "<Company></Company>", text)
            part._blob = text.encode("utf-8")


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    """Column widths in the grid (LibreOffice reads these) and on every cell (Word does)."""
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _page_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


_CORE_PROPERTY_MAX = 255


class _Renderer:
    def __init__(self, document: Document, common: Template, watermark: str | None) -> None:
        self.doc = document
        self.common = common
        self.sizes = {**common["sizes"], **document.sizes}
        self.watermark = watermark
        self.out = new_document()
        props = self.out.core_properties
        # DOCX core properties hold at most 255 characters (a title with a long name: issue 15)
        props.title = excerpt(document.title_vi, _CORE_PROPERTY_MAX - 1)
        props.author, props.comments = "HoSo", ""
        # the time the document stands for (the dossier's revision), else now
        created = document.created or dt.datetime.now(dt.UTC).replace(microsecond=0)
        if created.tzinfo is not None:  # python-docx writes the clock time with a "Z"
            created = created.astimezone(dt.UTC)
        props.created = props.modified = created
        props.last_modified_by = "HoSo"
        props.revision = 1
        _set_application(self.out)
        normal = self.out.styles["Normal"]
        _set_family(normal)
        _set_language(self.out)
        _set_font(normal, float(self.sizes["body"]))
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(float(self.sizes["space_after"]))
        fmt.line_spacing = Pt(float(self.sizes["leading"]))
        self._setup_section(self.out.sections[0], document.orientation)

    # ------------------------------------------------------------ sections
    def _setup_section(self, section, orientation: str) -> None:
        page = self.common["page"]
        short, long_ = Mm(210), Mm(297)
        if orientation == "landscape":
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = long_, short
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = short, long_
        section.top_margin = Mm(float(page["margin_top_mm"]))
        section.bottom_margin = Mm(float(page["margin_bottom_mm"]))
        section.left_margin = Mm(float(page["margin_left_mm"]))
        section.right_margin = Mm(float(page["margin_right_mm"]))
        section.header_distance = Mm(float(page["margin_top_mm"]) / 2)
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        para = header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not para._p.findall(qn("w:fldSimple")):
            _page_field(para)
            for run in para.runs:
                _set_font(run, float(self.sizes["page_number"]))
        if self.watermark:
            for hdr in (section.header, section.first_page_header):
                hdr.is_linked_to_previous = False
                mark = hdr.add_paragraph()
                mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = mark.add_run(self.watermark)
                _set_font(run, 20, bold=True)
                run.font.color.rgb = RGBColor(0xB0, 0xB0, 0xB0)

    def _text_width_mm(self, orientation: str) -> float:
        page = self.common["page"]
        width = 297 if orientation == "landscape" else 210
        return width - float(page["margin_left_mm"]) - float(page["margin_right_mm"])

    # ------------------------------------------------------------ helpers
    def text(self, text: str) -> str:
        """The document's line-breaking rules as no-break spaces (as in the PDF)."""
        return fmt.keep_together(text, self.doc.keep_together)

    def _lines(self, container, text: str, *, size: float, bold: bool, width_mm: float):
        """A header name broken where the PDF breaks it (balanced lines), never mid-name."""
        from desktop.documents.pdf import balanced_lines

        lines = balanced_lines(text, bold=bold, size=size, width=width_mm * 72 / 25.4 - 4)
        para = self._para(container, size=size)
        for i, line in enumerate(lines):
            run = para.add_run(line)
            _set_font(run, size, bold=bold)
            if i < len(lines) - 1:
                run.add_break()
        return para

    def _para(self, container, text: str = "", *, size: float | None = None,
              bold: bool = False, italic: bool = False, underline: bool = False,
              align: str = "center", space_after: float = 0, indent_mm: float = 0):
        para = container.add_paragraph()
        para.alignment = _ALIGN[align]
        para.paragraph_format.space_after = Pt(space_after)
        para.paragraph_format.first_line_indent = Mm(indent_mm) if indent_mm else None
        para.paragraph_format.line_spacing = Pt((size or float(self.sizes["body"])) + 2.5)
        if text:
            run = para.add_run(text)
            _set_font(run, size, bold=bold, italic=italic, underline=underline)
        return para

    def _rule(self, container, length_mm: float, size: float = 13):
        """A short rule: an underlined run of no-break spaces (moves with the text in Word)."""
        para = container.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(4)
        para.paragraph_format.line_spacing = Pt(4)
        count = max(1, round(length_mm / (size * 0.25 * 0.3528)))
        run = para.add_run("\u00a0" * count)
        _set_font(run, size, underline=True)
        return para

    def _clear(self, cell) -> None:
        """Drop the empty paragraph a new cell starts with (we add our own after it)."""
        for p in cell.paragraphs[:1]:
            p._p.getparent().remove(p._p)

    # ------------------------------------------------------------ blocks
    def render(self) -> bytes:
        orientation = self.doc.orientation
        for block in self.doc.blocks:
            if isinstance(block, PageBreak):
                if block.orientation and block.orientation != orientation:
                    orientation = block.orientation
                    section = self.out.add_section(WD_SECTION.NEW_PAGE)
                    self._setup_section(section, orientation)
                else:
                    self.out.add_page_break()
                continue
            self.block(block, orientation)
        buffer = io.BytesIO()
        self.out.save(buffer)
        return buffer.getvalue()

    def block(self, block: Block, orientation: str) -> None:
        width = self._text_width_mm(orientation)
        s = self.sizes
        if isinstance(block, Header):
            self.header(block, width)
        elif isinstance(block, Title):
            for i, line in enumerate(block.lines):
                para = self._para(self.out, self.text(line), size=float(s["title"]), bold=True)
                para.paragraph_format.keep_with_next = True
                if block.marker and i == len(block.lines) - 1:
                    run = para.add_run(block.marker)
                    _set_font(run, float(s["title"]), bold=True)
                    run.font.superscript = True
            for line in block.sublines:
                para = self._para(self.out, self.text(line), size=float(s["title"]),
                                  bold=block.subline_style == "bold",
                                  italic=block.subline_style == "italic")
                para.paragraph_format.keep_with_next = True
            if block.rule:
                self._rule(self.out, float(self.common["header"]["title_rule_mm"]))
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self._keep_last_with_next()
            self.table(block)
        elif isinstance(block, SignatureRow):
            self.signature_row(block, width)
        elif isinstance(block, Footnote):
            self._para(self.out, "\u00a0" * 30, size=8, underline=True, align="left")
            self._para(self.out, self.text(f"{block.marker} {block.text}"),
                       size=float(s["footnote"]), align="justify")
        elif isinstance(block, Spacer):
            self._para(self.out, "", space_after=0).paragraph_format.space_before = \
                Mm(block.height_mm)
        elif isinstance(block, Chart):
            self._keep_last_with_next()
            self.chart(block, width)

    def _keep_last_with_next(self) -> None:
        """The paragraph introducing a table or a chart stays on its page (as in the PDF)."""
        last = self.out.element.body[-1] if len(self.out.element.body) else None
        if last is not None and last.tag == qn("w:sectPr"):
            last = last.getprevious()
        if last is not None and last.tag == qn("w:p") and "".join(
                t.text or "" for t in last.iter(qn("w:t"))).strip():
            DocxParagraph(last, self.out._body).paragraph_format.keep_with_next = True

    def chart(self, chart: Chart, width: float) -> None:
        """A native Word chart of the same data as the PDF's drawing, as high as it."""
        from desktop.documents import charts
        from desktop.documents.docx_chart import add_chart

        para = self._para(self.out, space_after=float(self.sizes["space_after"]))
        para.paragraph_format.line_spacing = 1.0  # "auto": the drawing sets the line height
        add_chart(self.out, para, chart, min(chart.width_mm, width), charts.height_pt(chart))

    def paragraph(self, p: Paragraph) -> None:
        s = self.sizes
        indent = float(s["first_indent_mm"])
        style = p.style
        align = {"center": "center", "center_bold": "center", "center_italic": "center",
                 "addressee": "center", "heading": "left"}.get(style, "justify")
        para = self.out.add_paragraph()
        para.alignment = _ALIGN[align]
        para.paragraph_format.space_after = Pt(float(s["space_after"]))
        if style in ("body", "item", "italic"):
            para.paragraph_format.first_line_indent = Mm(indent)
        size = float(s["footnote"]) if style == "note" else float(s["body"])
        if style in ("heading", "center_bold") or p.text.rstrip().endswith(":"):
            para.paragraph_format.keep_with_next = True  # never the last line of a page
        for span in p.spans:
            run = para.add_run(self.text(span.text))
            _set_font(run, size, bold=span.bold or style in ("heading", "center_bold"),
                      italic=span.italic or style in ("italic", "center_italic"))

    def header(self, h: Header, width: float) -> None:
        s = self.sizes
        share = float(self.common["header"]["left_share"])
        table = self.out.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _no_borders(table)
        _widths(table, [width * share, width * (1 - share)])
        left, right = table.rows[0].cells
        hs = float(s["header"])
        column = width * share
        if h.parent_body:
            self._lines(left, h.parent_body, size=hs, bold=h.parent_bold, width_mm=column)
        if h.issuing_body:
            self._lines(left, h.issuing_body, size=hs, bold=True, width_mm=column)
            self._rule(left, 25)
        if h.number_line:
            self._para(left, h.number_line, size=float(s["number"]))
        self._para(right, h.national_title, size=hs, bold=True)
        self._para(right, h.motto, size=float(s["motto"]), bold=True, underline=True,
                   space_after=6)
        if h.place_date:
            self._para(right, h.place_date, size=float(s["place_date"]), italic=True)
        self._clear(left)
        self._clear(right)
        self._para(self.out, "", space_after=6)

    def table(self, t: Table) -> None:
        s = self.sizes
        size = t.font_size or float(s["table"])
        ncols = len(t.columns)
        table = self.out.add_table(rows=0, cols=ncols)
        table.style = self.out.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for r, cells in enumerate((*t.header_rows, *t.rows)):
            row = table.add_row()
            if r < len(t.header_rows):
                _repeat_header(row)
            c = 0
            for cell in cells:
                target = row.cells[c]
                if cell.span > 1:
                    target = target.merge(row.cells[c + cell.span - 1])
                para = target.paragraphs[0]
                para.alignment = _ALIGN[cell.align]
                para.paragraph_format.space_after = Pt(0)
                para.paragraph_format.first_line_indent = None
                run = para.add_run(self.text(cell.text))
                _set_font(run, size, bold=cell.bold, italic=cell.italic)
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                c += cell.span
        _widths(table, [col.width_mm for col in t.columns])
        self._para(self.out, "", space_after=0).paragraph_format.line_spacing = Pt(6)

    def _sign_head(self, cell, col: SignatureColumn | None) -> None:
        size = float(self.sizes["signature"])
        if col is None:
            return
        for line in col.lines:
            self._para(cell, line, size=size, bold=True)
        if col.note:
            self._para(cell, col.note, size=size, italic=True)

    def _sign_name(self, cell, col, gap_mm: float) -> None:
        """The signer's name under the signing space; a box without a name (the "cấp trình
        khen thưởng" confirmation) keeps its signing space all the same (as in the PDF)."""
        if isinstance(col, SignatureColumn):
            para = self._para(cell, col.name or "\u00a0", size=float(self.sizes["signature"]),
                              bold=True)
            para.paragraph_format.space_before = Mm(gap_mm)

    def signature_row(self, row: SignatureRow, width: float) -> None:
        """Titles in the first row, names in the second: both names stand on one line."""
        s = self.sizes
        gap = float(s.get("signature_space_mm", 24))
        # the last paragraph before the signatures (and the spacer) stays with them: never
        # more, or a long signature group leaves the foot of the page before it blank
        body = self.out.element.body
        for element in reversed(list(body.iterchildren(qn("w:p"), qn("w:tbl")))):
            if element.tag != qn("w:p"):
                break
            para = DocxParagraph(element, self.out._body)
            para.paragraph_format.keep_with_next = True
            if para.text.strip():
                break
        columns = [row.center] if row.center is not None else [row.left, row.right]
        share = 0.45 if isinstance(row.left, Recipients) else 0.5
        widths = [width] if row.center is not None else [width * share, width * (1 - share)]
        table = self.out.add_table(rows=2, cols=len(columns))
        table.autofit = False
        _no_borders(table)
        _widths(table, widths)
        for i, col in enumerate(columns):
            head, name = table.rows[0].cells[i], table.rows[1].cells[i]
            if isinstance(col, Recipients):
                self._para(head, col.label, size=float(s["recipients_label"]), bold=True,
                           italic=True, align="left")
                for entry in col.entries:
                    self._para(head, entry, size=float(s["recipients"]), align="left")
            else:
                self._sign_head(head, col)
                if row.center is not None:  # a box of its own: air above it (PDF: 6 mm)
                    head.paragraphs[-len(col.lines) - bool(col.note)].paragraph_format \
                        .space_before = Mm(6)
            self._sign_name(name, col, gap)
            for cell in (head, name):
                if len(cell.paragraphs) > 1:
                    self._clear(cell)
        for tr in table.rows:  # rows never split, the block never leaves its last row alone
            tr_pr = tr._tr.get_or_add_trPr()
            tr_pr.insert(0, OxmlElement("w:cantSplit"))  # first child: schema order
            for cell in tr.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


def render_docx(document: Document, common: Template, *, watermark: str | None = None) -> bytes:
    """The document as DOCX bytes (Times New Roman, Decree 30 page set-up)."""
    return _Renderer(document, common, watermark).render()
