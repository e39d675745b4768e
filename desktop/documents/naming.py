"""The file names HoSo gives documents, as patterns: what a package member may be called.

``build_documents`` names a document ``<template file_stem>`` (tờ trình, danh sách, biên bản)
or, per nominee, ``<template file_stem>_<ascii_stem(name)>`` with ``_<n>`` added when two
nominees fold to the same name; the renderer adds ``.pdf`` or ``.docx``. Import
(``desktop.package.names``) accepts only such names, so these patterns follow the naming code:
change one, change the other (``tests/package/test_member_names.py`` exports the demo dossiers
and checks every name against them).
"""

from __future__ import annotations

import re

from desktop.documents.fmt import ascii_stem
from desktop.documents.templates import template
from desktop.models import CampaignPack

#: The characters and length :func:`~desktop.documents.fmt.ascii_stem` gives a name part.
NAME_PART = rf"[A-Za-z0-9]{{1,{len(ascii_stem('x' * 200))}}}"
#: The suffixes a repeated stem gets (``build._unique_stem``, then the export for names that
#: differ in case only).
UNIQUE_SUFFIX = r"(?:_[0-9]{1,4}){0,2}"
#: Extensions of rendered documents.
EXTENSIONS = ("pdf", "docx")


def document_stem_patterns(pack: CampaignPack) -> dict[str, list[str]]:
    """Document kind → regular expressions (without extension) of the stems its files get."""
    out: dict[str, list[str]] = {}
    for spec in pack.documents:
        tpl = template(spec.template, pack.legal_regime)
        stem, kind = re.escape(str(tpl["file_stem"])), str(tpl["kind"])
        pattern = f"{stem}_{NAME_PART}{UNIQUE_SUFFIX}" if spec.per_nominee else stem
        out.setdefault(kind, []).append(pattern)
    return out
