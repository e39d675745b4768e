"""A provincial reviewer's reading of a dossier's documents (kiểm tra như cán bộ thẩm định).

The checks read the rendered PDF (poppler's ``pdftotext -layout``, page by page) and the DOCX
(python-docx: every paragraph and table cell, in order) the way a reviewer at the provincial
emulation board reads them, and return :class:`Fault` records instead of asserting, so a test
can count them. The document IR is used only as an oracle of *which* printed strings are
headings, signature blocks or footnotes; every check reads printed text.

Checks (names are the ``Fault.check`` values):

- ``doubled``: a word or a two-word phrase printed twice in a row ("thi đua Thi đua");
- ``capital``: a capital letter after a comma or after a lower-case word, unless the word is
  one of the proper nouns the dossier, the pack or the forms hold in the middle of a phrase;
- ``punctuation``: a period before a bracket, a cut phrase before a colon ("…:"), doubled
  stops;
- ``blank_number``: "Số:" with no number where the dossier is meant to be complete;
- ``stranded``: a page whose last line is a heading or a lead-in ending in ":";
- ``lonely``: a page holding only signatures, confirmation boxes, footnotes (and no whole
  body paragraph of two lines or more: a closing line or the tail of a broken one);
- ``routing``: the request and closing sentences name the deciding authority as deciding
  and a forwarding body as forwarding (from the pack's routing rules);
- ``header``: the header block (ô 2) is the same on every document the unit issues, and a
  report headed by the nominee's unit repeats no locality;
- ``dates``: every report's date ≤ the council's date ≤ the proposal's date;
- ``broken``: a body name, a place name or a date broken across two lines, or a line that
  starts with a spaced dash ("- xã hội").
"""

from __future__ import annotations

import itertools
import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.documents.ir import (
    Document,
    Footnote,
    Header,
    Paragraph,
    SignatureRow,
    Title,
    block_texts,
)
from desktop.models import CampaignPack, Dossier

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SPACE = re.compile(r"[\s\u00a0]+")
PHRASE_BREAK = re.compile(r"[,.;:()\[\]“”\"!?/–—…]| - ")
DATE_LINE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
#: Dates a reviewer reads as one unit: "ngày 05 tháng 01 năm 2023", "ngày 20/6/2023",
#: "năm 2022", "(11/6/1948 - 11/6/2023)".
DATES = re.compile(r"ngày \d{1,2}(?: tháng \d{1,2}(?: năm \d{4})?|/\d{1,2}/\d{4})"
                   r"|tháng \d{1,2}(?: năm \d{4})?|năm \d{4}"
                   r"|\d{1,2}/\d{1,2}/\d{4} - \d{1,2}/\d{1,2}/\d{4}")
#: Names of documents, capitalised by convention after "Căn cứ", "theo", "của"…
DOCUMENT_NAMES = {"Luật", "Nghị", "Quyết", "Thông", "Kế", "Biên", "Tờ", "Báo", "Hợp",
                  "Chỉ", "Công", "Hướng"}
#: Genuine repetitions of Vietnamese ("Đảng bộ bộ phận": Party committee of a section).
ALLOWED_DOUBLES = {"bộ bộ phận"}


@dataclass(frozen=True)
class Fault:
    document: str  # file name
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.document}: [{self.check}] {self.detail}"


@dataclass(frozen=True)
class Rendered:
    """One document of a dossier in both formats, with its IR."""

    document: Document
    pdf: bytes
    docx: bytes

    @property
    def name(self) -> str:
        return self.document.file_stem


def norm(text: str) -> str:
    return SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


# ---------------------------------------------------------------- reading the files


def pdf_pages(data: bytes) -> list[list[str]]:
    """Lines of each page (``pdftotext -layout``), the page number line dropped."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
                             capture_output=True, check=True).stdout.decode("utf-8")
    pages = []
    for number, page in enumerate(out.split("\f")[:-1] or [out], 1):
        lines = [line.rstrip().replace("\u00a0", " ") for line in page.splitlines()]
        lines = [line for line in lines if line.strip()]
        if number >= 2 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        pages.append(lines)
    return pages


def pdf_left_header(data: bytes, landscape: bool = False) -> list[str]:
    """The left header column (ô 2–3) of page 1, cropped by coordinates, "Số:" left out."""
    width = 842 if landscape else 595
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.pdf"
        path.write_bytes(data)
        # from the left margin (30 mm) over 40 % of the text width, top 45 mm
        text_width = width - (30 + 15) * 72 / 25.4
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", "-x", "80", "-y", "40",
             "-W", str(int(text_width * 0.40) + 6), "-H", "90", str(path), "-"],
            capture_output=True, check=True).stdout.decode("utf-8")
    lines = [norm(line) for line in out.replace("\f", "").splitlines()]
    return [line for line in lines if line and not line.startswith("Số")]


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph of the body and of table cells, in document order."""
    import io

    from docx import Document as open_docx
    from docx.oxml.ns import qn

    doc = open_docx(io.BytesIO(data))
    out: list[str] = []
    for p in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.strip():
            out.append(norm(text))
    return out


# ---------------------------------------------------------------- proper nouns


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def proper_nouns(dossier: Dossier, pack: CampaignPack, extra: Iterable[str] = ()) -> set[str]:
    """Capitalised words the sources hold inside a phrase (after a lower-case word), plus
    every word of a person's or body's name: the words a reviewer accepts capitalised."""
    allowed: set[str] = set(DOCUMENT_NAMES)
    sources = [*_strings(dossier.model_dump(mode="json")), *_strings(pack.model_dump(mode="json")),
               *extra]
    for text in sources:
        for phrase in PHRASE_BREAK.split(text):
            words = WORD.findall(phrase)
            for prev, word in itertools.pairwise(words):
                if word[:1].isupper() and prev[:1].islower():
                    allowed.add(word)
    people = [dossier.unit.head_name or "", dossier.council.chair, dossier.council.secretary,
              dossier.proposal.signer_name, *(m.name for m in dossier.council.members)]
    bodies = [dossier.unit.name]
    for n in dossier.nominees:
        people += [getattr(n, a, "") or "" for a in ("full_name", "head_name")]
        bodies.append(getattr(n, "name", "") or "")
    people += [g.label for g in pack.ethnic_groups]
    # titles printed after a name ("Nguyễn Văn A, Phó Chủ tịch Hội đồng")
    people += [f"{m.council_role} {m.position}" for m in dossier.council.members]
    for name in people:
        allowed.update(w for w in WORD.findall(name) if w[:1].isupper())
    for name in bodies:  # "Xóm Nà Mè": the proper part, not the common noun in front
        allowed.update(w for w in WORD.findall(name)[1:] if w[:1].isupper())
    return allowed


# ---------------------------------------------------------------- wording checks


def check_wording(name: str, texts: Sequence[str], allowed: set[str]) -> list[Fault]:
    faults: list[Fault] = []
    for text in texts:
        for phrase in PHRASE_BREAK.split(text):
            words = WORD.findall(phrase)
            low = [w.lower() for w in words]
            for n in (1, 2):
                for i in range(len(low) - 2 * n + 1):
                    trigram = " ".join(low[i:i + 3])
                    if low[i:i + n] == low[i + n:i + 2 * n] and len(low[i]) > 1 \
                            and trigram not in ALLOWED_DOUBLES:
                        faults.append(Fault(name, "doubled", f"{' '.join(words[i:i + 2 * n])!r}"
                                            f" in {text[:90]!r}"))
            for prev, word in itertools.pairwise(words):
                if (word[:1].isupper() and not word.isupper() and prev[:1].islower()
                        and word not in allowed):
                    faults.append(Fault(name, "capital", f"{prev} {word!r} in {text[:90]!r}"))
        for m in re.finditer(r", ([^\W\d_]+)", text):
            word = m.group(1)
            if word[:1].isupper() and not word.isupper() and word not in allowed:
                faults.append(Fault(name, "capital", f"', {word}' in {text[:90]!r}"))
        for pattern, what in ((r"\.\s\(", "period before a bracket"),
                              (r"…\s*:", "phrase cut before a colon"),
                              (r"(?<!\.)\.\.(?!\.)", "doubled period"),
                              (r"\s[,.;:](?!\.)", "space before punctuation")):
            if re.search(pattern, text):
                faults.append(Fault(name, "punctuation", f"{what}: {text[:90]!r}"))
    return faults


def check_numbers(name: str, texts: Sequence[str]) -> list[Fault]:
    return [Fault(name, "blank_number", repr(t)) for t in texts
            if re.match(r"^Số:\s*/", t)]


# ---------------------------------------------------------------- page checks


def _furniture(doc: Document) -> list[str]:
    """Texts of signature rows, confirmation boxes and footnotes."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, (SignatureRow, Footnote)):
            out.extend(norm(t) for t in block_texts(block) if t.strip())
    return out


def _headings(doc: Document) -> list[str]:
    out = []
    for block in doc.blocks:
        if isinstance(block, Paragraph) and (block.style in ("heading", "center_bold")
                                             or block.text.rstrip().endswith(":")):
            out.append(norm(block.text))
    return out


def check_pages(name: str, doc: Document, pages: list[list[str]], fmt: str = "PDF"
                ) -> list[Fault]:
    faults: list[Fault] = []
    headings = _headings(doc)
    furniture = " \n ".join(_furniture(doc))
    starts = {norm(b.text)[:24] for b in doc.blocks
              if isinstance(b, Paragraph) and len(norm(b.text)) >= 6}
    for number, lines in enumerate(pages, 1):
        if not lines:
            continue
        if number < len(pages):
            last = norm(lines[-1])
            if last.endswith(":") or (len(last) >= 6 and any(
                    h.endswith(last) or h == last for h in headings)):
                faults.append(Fault(name, "stranded",
                                    f"{fmt} page {number} ends with {last!r}"))
        if number >= 2:
            chunks = [norm(c) for line in lines for c in re.split(r"\s{3,}", line.strip())
                      if norm(c)]
            other = [c for c in chunks if c not in furniture]
            whole = any(c[:24] in starts for c in other)  # a paragraph starts on this page
            if chunks and (not whole or len(other) < 2) and len(other) < len(chunks):
                faults.append(Fault(name, "lonely", f"{fmt} page {number} holds only "
                                    f"signatures/footnotes and {other!r}"))
    return faults


# ---------------------------------------------------------------- line breaks


def protected_phrases(dossier: Dossier, pack: CampaignPack) -> list[str]:
    """Names and dates a reviewer wants on one line."""
    unit = dossier.unit
    out = [pack.province, unit.district or "", unit.locality or ""]
    out += ["Chủ tịch", "Ủy ban nhân dân"]
    out += [f"tỉnh {pack.province}"]
    return [p for p in out if p and " " in p]


def check_breaks(name: str, pages: list[list[str]], phrases: Sequence[str],
                 fmt: str = "PDF") -> list[Fault]:
    faults: list[Fault] = []
    for page in pages:
        for line, following in itertools.pairwise(page):
            # two-column lines: compare the last column with the next line's first column
            end = norm(re.split(r"\s{3,}", line.strip())[-1])
            start = norm(re.split(r"\s{3,}", following.strip())[0])
            if not end or not start:
                continue
            if start.startswith("- ") and not re.match(r"^- [A-ZĐÀ-Ỹ\d(“]", start) \
                    and not end.endswith((":", ";", ".")):
                faults.append(Fault(name, "broken", f"{fmt}: line starts with a dash: "
                                    f"{end[-30:]!r} / {start[:30]!r}"))
            joined = f"{end} {start}"
            for m in DATES.finditer(joined):
                if m.start() < len(end) < m.end():
                    faults.append(Fault(name, "broken", f"{fmt}: date broken: "
                                        f"{joined[m.start():len(end)]!r} / "
                                        f"{joined[len(end) + 1:m.end()]!r}"))
            joined = f"{end} {start}"
            for phrase in phrases:
                words = phrase.split()
                for k in range(1, len(words)):
                    head, tail = " ".join(words[:k]), " ".join(words[k:])
                    if end.endswith(" " + head) or end == head:
                        if start.startswith(tail) and phrase in joined:
                            faults.append(Fault(name, "broken", f"{fmt}: {head!r} / {tail!r}"))
    return faults


# ---------------------------------------------------------------- dossier-wide checks


def forwards(dossier: Dossier, pack: CampaignPack) -> bool:
    """True when the unit only prepares: its addressee forwards to the deciding authority
    (the pack's routing rules name the unit's kind as a preparer, not a submitter)."""
    kind = dossier.unit.kind
    for n in dossier.nominees:
        for rule in pack.routing_rules:
            if n.kind in rule.nominee_kinds and (kind in rule.preparer_unit_kinds
                                                 or kind in rule.submitter_unit_kinds):
                if kind in rule.submitter_unit_kinds:
                    return False
                return True
    return False


def check_routing(bundle: Sequence[Rendered], dossier: Dossier, pack: CampaignPack
                  ) -> list[Fault]:
    faults: list[Fault] = []
    forwarding = forwards(dossier, pack)
    for item in bundle:
        kind = item.document.kind
        texts = docx_texts(item.docx)
        if kind == "proposal":
            request = [t for t in texts if "(có danh sách kèm theo)" in t]
            closing = [t for t in texts if t.startswith("Kính đề nghị")]
            for t in request + closing:
                says_forward = "xem xét, trình" in t
                says_decide = "quyết định" in t or re.search(r"xem xét, tặng", t)
                if forwarding and (not says_forward or says_decide):
                    faults.append(Fault(item.name, "routing",
                                        f"the addressee only forwards: {t[:110]!r}"))
                if not forwarding and says_forward:
                    faults.append(Fault(item.name, "routing",
                                        f"the addressee decides: {t[:110]!r}"))
        if kind == "result_report" and forwarding:
            if any(pack.result_report.addressee in t for t in texts):
                faults.append(Fault(item.name, "routing", "report of a forwarding unit "
                                    f"addressed to {pack.result_report.addressee!r}"))
    return faults


def check_headers(bundle: Sequence[Rendered]) -> list[Fault]:
    faults: list[Fault] = []
    unit_headers: dict[str, tuple[str, ...]] = {}
    for item in bundle:
        doc = item.document
        if not any(isinstance(b, Header) for b in doc.blocks):
            continue
        titles = [norm(t) for b in doc.blocks if isinstance(b, Title) for t in b.lines]
        lines = []
        for line in pdf_left_header(item.pdf, doc.orientation == "landscape"):
            if any(t.startswith(line) for t in titles) or "/" in line:
                break
            lines.append(line)
        words = " ".join(lines).split()
        pairs = [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]
        repeated = {p for p in pairs if pairs.count(p) > 1}
        if repeated:
            faults.append(Fault(item.name, "header", f"repeats {sorted(repeated)} in {lines}"))
        if len(lines) > 4:
            faults.append(Fault(item.name, "header", f"{len(lines)} lines: {lines}"))
        if doc.kind == "achievement_report":
            continue  # headed by the nominee's unit where the form asks for it
        unit_headers[item.name] = tuple(" ".join(lines).split())
    variants = set(unit_headers.values())
    if len(variants) > 1:
        faults.append(Fault("(dossier)", "header", "different header blocks: " + "; ".join(
            f"{k}={' '.join(v)!r}" for k, v in unit_headers.items())))
    return faults


def _first_date(lines: Sequence[str]):
    import datetime as dt

    for line in lines[:8]:
        m = DATE_LINE.search(norm(line))
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def check_dates(bundle: Sequence[Rendered]) -> list[Fault]:
    dates: dict[str, list] = {"report": [], "council": [], "proposal": []}
    for item in bundle:
        kind = item.document.kind
        role = {"achievement_report": "report", "achievement_summary": "report",
                "council_minutes": "council", "proposal": "proposal"}.get(kind)
        if role:
            day = _first_date(pdf_pages(item.pdf)[0])
            if day:
                dates[role].append((item.name, day))
    faults = []
    for council_name, council in dates["council"]:
        for name, day in dates["report"]:
            if day > council:
                faults.append(Fault(name, "dates", f"report dated {day} after the council "
                                    f"({council_name}, {council})"))
        for name, day in dates["proposal"]:
            if day < council:
                faults.append(Fault(name, "dates", f"proposal dated {day} before the council"))
    return faults


# ---------------------------------------------------------------- all together


def review(bundle: Sequence[Rendered], dossier: Dossier, pack: CampaignPack, *,
           complete: bool = True, extra_sources: Iterable[str] = ()) -> list[Fault]:
    """Every fault a reviewer finds in the dossier's documents (PDF and DOCX).

    ``complete``: the dossier is meant to be final (a demo), so a blank "Số:" is a fault.
    """
    allowed = proper_nouns(dossier, pack, extra_sources)
    phrases = protected_phrases(dossier, pack)
    faults: list[Fault] = []
    for item in bundle:
        texts = docx_texts(item.docx)
        faults += check_wording(item.name, texts, allowed)
        if complete:
            faults += check_numbers(item.name, texts)
        pages = pdf_pages(item.pdf)
        faults += check_pages(item.name, item.document, pages)
        faults += check_breaks(item.name, pages, phrases)
    faults += check_routing(bundle, dossier, pack)
    faults += check_headers(bundle)
    faults += check_dates(bundle)
    return faults
