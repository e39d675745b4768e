"""The intermediate description of a document (mô tả văn bản), shared by the PDF and DOCX renderers.

Builders (``desktop.documents.build``) turn a dossier, its campaign pack and the template data
into a :class:`Document`; renderers only lay it out. Every string here is final text in
Unicode NFC — no markup: each renderer escapes what its format needs. Sizes are in points
and millimetres, read from template data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from desktop.textutil import nfc

#: Paragraph styles the renderers know (sizes in ``resources/templates/common.toml``).
ParaStyle = Literal[
    "body",        # 14 pt, justified, first-line indent
    "plain",       # 14 pt, justified, no indent
    "heading",     # 14 pt bold, no indent (I. …, 1. …)
    "item",        # 14 pt, justified, hanging list item ("- …", "a) …")
    "italic",      # 14 pt italic, justified, first-line indent
    "center",      # centred
    "center_bold",
    "center_italic",
    "addressee",   # "Kính gửi: …", centred block
    "note",        # 12 pt, justified (notes under tables, footnotes)
]
Orientation = Literal["portrait", "landscape"]
Align = Literal["left", "center", "right", "justify"]


def _nfc_all(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(nfc(v) for v in values)


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis, inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", nfc(self.text))


@dataclass(frozen=True)
class Paragraph:
    """Đoạn văn: one paragraph of spans in a named style."""

    spans: tuple[Span, ...]
    style: ParaStyle = "body"

    @classmethod
    def of(cls, text: str, style: ParaStyle = "body", *, bold: bool = False,
           italic: bool = False) -> Paragraph:
        return cls((Span(text, bold=bold, italic=italic),), style)

    @classmethod
    def labelled(cls, label: str, value: str, style: ParaStyle = "plain") -> Paragraph:
        """"Label: value" with the label in bold."""
        return cls((Span(label, bold=True), Span(" " + value if value else "")), style)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Header:
    """Phần đầu văn bản (Decree 30, ô 1–4): two borderless columns.

    Left: parent body (cơ quan chủ quản, not bold), issuing body (cơ quan ban hành, bold, short
    rule under it), number/symbol. Right: national title, motto (underlined by a rule as long
    as the motto), italic place-date line. Empty strings are left out.
    """

    parent_body: str
    issuing_body: str
    number_line: str
    national_title: str
    motto: str
    place_date: str
    parent_bold: bool = False  # one body written on two lines ("ỦY BAN NHÂN DÂN" / "HUYỆN …")

    def __post_init__(self) -> None:
        for name in ("parent_body", "issuing_body", "number_line", "national_title", "motto",
                     "place_date"):
            object.__setattr__(self, name, nfc(getattr(self, name)))


@dataclass(frozen=True)
class Title:
    """Tên loại và trích yếu (ô 5a): bold centred lines, then lighter lines, then a short rule."""

    lines: tuple[str, ...]
    sublines: tuple[str, ...] = ()
    subline_style: Literal["bold", "italic", "plain"] = "bold"
    rule: bool = True
    marker: str = ""  # a footnote marker printed superscript after the last line ("(1)")

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _nfc_all(self.lines))
        object.__setattr__(self, "sublines", _nfc_all(self.sublines))


@dataclass(frozen=True)
class Cell:
    """A table cell; ``span`` > 1 joins cells to the right (group rows)."""

    text: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    span: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", nfc(self.text))


@dataclass(frozen=True)
class Column:
    width_mm: float
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """Bảng: bordered, header rows repeat on every page, widths in millimetres."""

    columns: tuple[Column, ...]
    header_rows: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    font_size: float | None = None  # None: the template's table size


@dataclass(frozen=True)
class SignatureColumn:
    """Chữ ký (ô 7): authority prefix and title lines (bold caps), a note, the signer's name."""

    lines: tuple[str, ...]
    note: str = ""  # "(Ký, đóng dấu)", italic
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _nfc_all(self.lines))
        object.__setattr__(self, "note", nfc(self.note))
        # the signer's name stands on one line under the signature: a name typed or pasted
        # with line breaks (Word's \x0b, \x0c become "\n") would otherwise print as a
        # column of lines, a signature block taller than a page that cannot be laid out
        object.__setattr__(self, "name", " ".join(nfc(self.name).split()))


@dataclass(frozen=True)
class Recipients:
    """Nơi nhận (ô 9b): "Nơi nhận:" 12 pt bold italic, entries 11 pt, each "- …"."""

    label: str
    entries: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", nfc(self.label))
        object.__setattr__(self, "entries", _nfc_all(self.entries))


@dataclass(frozen=True)
class SignatureRow:
    """The bottom area: left (recipients or a signature) and right (a signature) columns.

    With only ``center`` it is one centred signature (e.g. "XÁC NHẬN CỦA CẤP TRÌNH KHEN
    THƯỞNG" under the two columns of Mẫu 07).
    """

    left: SignatureColumn | Recipients | None = None
    right: SignatureColumn | None = None
    center: SignatureColumn | None = None


@dataclass(frozen=True)
class PageBreak:
    """Start a new page, optionally turning it (a wide list may be landscape)."""

    orientation: Orientation | None = None


@dataclass(frozen=True)
class Footnote:
    """Chú thích: printed after a short rule at the end of the document."""

    marker: str
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", nfc(self.text))


@dataclass(frozen=True)
class Spacer:
    height_mm: float = 4.0


@dataclass(frozen=True)
class Chart:
    """Biểu đồ: a horizontal bar chart of labelled values (one bar per label).

    The PDF draws it as vector graphics (reportlab.graphics); the DOCX embeds a PNG of the
    same drawing, or a table of the same numbers when no bitmap backend is installed.
    ``value_texts`` are the formatted values printed at the end of the bars.
    """

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    value_texts: tuple[str, ...]
    width_mm: float = 150.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", nfc(self.title))
        object.__setattr__(self, "labels", _nfc_all(self.labels))
        object.__setattr__(self, "value_texts", _nfc_all(self.value_texts))


Block = Header | Title | Paragraph | Table | SignatureRow | PageBreak | Footnote | Spacer | Chart


@dataclass(frozen=True)
class Document:
    """Văn bản: one document of the dossier, ready to render.

    ``kind`` is the template kind (``proposal``, ``nomination_list``, ``council_minutes``,
    ``achievement_report``, ``achievement_summary``); ``doc_id`` the pack's document id;
    ``file_stem`` a short unique ASCII name ("01_ToTrinh", "04-1_BCTT_XomNaMe").
    """

    doc_id: str
    kind: str
    title_vi: str
    file_stem: str
    blocks: tuple[Block, ...]
    orientation: Orientation = "portrait"
    nominee_ids: tuple[str, ...] = field(default=())
    #: Phrases never broken across lines (names of places and bodies, titles): both
    #: renderers print their spaces as no-break spaces; dates are kept together anyway.
    keep_together: tuple[str, ...] = ()
    #: The time the document stands for (PDF CreationDate, DOCX core "created"): the
    #: dossier's last revision, so the same dossier gives the same bytes; None = now.
    created: dt.datetime | None = None
    #: Sizes replacing ``common.toml`` ``[sizes]`` for this document (template data, e.g. the
    #: one-page summary at 13 pt, which Decree 30 allows for the body).
    sizes: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title_vi", nfc(self.title_vi))

    def texts(self) -> list[str]:
        """Every text of the document in reading order (tests compare renderers with it)."""
        out: list[str] = []
        for block in self.blocks:
            out.extend(block_texts(block))
        return [t for t in out if t]


def block_texts(block: Block) -> list[str]:
    if isinstance(block, Header):
        return [block.parent_body, block.issuing_body, block.number_line,
                block.national_title, block.motto, block.place_date]
    if isinstance(block, Title):
        return [*block.lines, *block.sublines]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Table):
        return [c.text for row in (*block.header_rows, *block.rows) for c in row]
    if isinstance(block, SignatureRow):
        out: list[str] = []
        for col in (block.left, block.right, block.center):
            if isinstance(col, SignatureColumn):
                out.extend([*col.lines, col.note, col.name])
            elif isinstance(col, Recipients):
                out.extend([col.label, *col.entries])
        return out
    if isinstance(block, Footnote):
        return [f"{block.marker} {block.text}"]
    if isinstance(block, Chart):
        return [block.title, *block.labels, *block.value_texts]
    return []


@dataclass(frozen=True)
class SignatureBox:
    """Where a rendered PDF has a signature space (hook for desktop.signing).

    ``page`` is 0-based; ``x0, y0, x1, y1`` in PDF points from the page's bottom-left: the
    column's width, from the top of the signer's name line up by the signature gap (between
    the title lines and the name, ô 7b). ``role``: "left", "right" or "center" column.
    """

    role: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
