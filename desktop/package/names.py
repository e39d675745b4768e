"""Import accepts only the member names HoSo gives (tên tệp trong gói).

A package comes from another office; HoSo writes every member under a name it chooses:
``manifest.json``, ``dossier.json``, ``validation.json``, ``validation.pdf``, each document
as ``<stem>.pdf``/``<stem>.docx`` with the stems of :mod:`desktop.documents.naming` (from the
pack's templates, the same code that names them at export), each signed copy as
``<document stem>_BanKy.pdf``. Anything else (an executable, a Windows reserved name such
as ``CON.pdf``, a document under another kind's name, a name with a trailing dot) is refused
and named, before the member is read.
"""

from __future__ import annotations

import re

from desktop.models import CampaignPack
from desktop.package.manifest import (
    DOSSIER_NAME,
    JSON_TYPE,
    REPORT_JSON_NAME,
    REPORT_PDF_NAME,
    SIGNED_COPY_KIND,
    SIGNED_COPY_SUFFIX,
    ManifestFile,
)
from desktop.package.problems import Problem

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES = {"pdf": PDF_TYPE, "docx": DOCX_TYPE, "json": JSON_TYPE}

#: Names Windows reserves for devices, with any extension (``CON.pdf`` opens the console).
WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                              *(f"COM{i}" for i in "0123456789¹²³"),
                              *(f"LPT{i}" for i in "0123456789¹²³")})
#: Extensions that run something when opened (never written by HoSo; named in the message).
EXECUTABLE = frozenset({
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "sys", "drv", "ocx",
    "vbs", "vbe", "js", "jse", "wsf", "wsh", "ps1", "psm1", "hta", "jar", "lnk", "url", "reg",
    "inf", "sh", "bash", "py", "pyw", "pl", "rb", "app", "elf", "run", "bin", "appimage",
    "docm", "dotm", "xlsm", "pptm", "iso", "img", "vhd", "vhdx", "chm"})

#: The fixed members: name -> (kind, media type).
FIXED = {DOSSIER_NAME: ("dossier", JSON_TYPE), REPORT_JSON_NAME: ("validation", JSON_TYPE),
         # the notes of a return this package answers (desktop.consolidation.inbox)
         "return-answers.json": ("return_answers", JSON_TYPE),
         REPORT_PDF_NAME: ("validation_report", PDF_TYPE)}


#: Files of received packages that a consolidated package carries
#: (desktop.consolidation.extras): ``NguonNN_<the received member's name>``.
SOURCE_FILE_KIND = "source_file"
SOURCE_FILE = re.compile(r"Nguon[0-9]{2}_[A-Za-z0-9][A-Za-z0-9_-]*\.(?:pdf|docx)")


def _windows_problem(name: str) -> Problem | None:
    base = name.split(".", 1)[0].upper().rstrip(" ")
    if base in WINDOWS_RESERVED:
        return Problem("package.entry.reserved_name", name, {"reserved": base})
    if name.endswith((".", " ")):
        return Problem("package.entry.bad_name", name)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in EXECUTABLE:
        return Problem("package.entry.executable", name, {"extension": ext})
    return None


class MemberNames:
    """The names HoSo gives members for one pack: ``problem(entry)`` is None when the
    manifest entry's path, kind and media type are what export writes."""

    def __init__(self, pack: CampaignPack | None) -> None:
        from desktop.documents.naming import EXTENSIONS, document_stem_patterns

        self.pack_known = pack is not None
        self.by_kind: dict[str, re.Pattern[str]] = {}
        every: list[str] = [] if pack is not None else [r"[A-Za-z0-9][A-Za-z0-9_-]*"]
        # without the pack (not installed: refused for that) only the shape is checked
        self.generic = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_-]*\.(?:{'|'.join(EXTENSIONS)})")
        if pack is not None:
            for kind, stems in document_stem_patterns(pack).items():
                alternatives = "|".join(stems)
                every += stems
                self.by_kind[kind] = re.compile(
                    rf"(?:{alternatives})\.(?:{'|'.join(EXTENSIONS)})")
        self.signed = re.compile(
            rf"(?:{'|'.join(every) or '(?!)'}){re.escape(SIGNED_COPY_SUFFIX)}(?:_[0-9]{{1,4}})?"
            r"\.pdf")

    def problem(self, entry: ManifestFile) -> Problem | None:
        name = entry.path
        found = _windows_problem(name)
        if found is not None:
            return found
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        expected_type = MEDIA_TYPES.get(ext)
        if name in FIXED:
            kind, media = FIXED[name]
            ok = entry.kind == kind and entry.media_type == media
        elif entry.kind == SOURCE_FILE_KIND:  # a received package's file a consolidation carries
            ok = bool(SOURCE_FILE.fullmatch(name)) and entry.media_type == expected_type
        elif entry.kind == SIGNED_COPY_KIND:
            ok = bool(self.signed.fullmatch(name)) and entry.media_type == PDF_TYPE
        else:
            pattern = self.by_kind.get(entry.kind) if self.pack_known else self.generic
            ok = (pattern is not None and bool(pattern.fullmatch(name))
                  and entry.media_type == expected_type)
        if not ok:
            return Problem("package.entry.unexpected_name", name,
                           {"kind": entry.kind, "media_type": entry.media_type})
        return None
