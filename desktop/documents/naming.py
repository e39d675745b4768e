"""The file names HoSo gives documents, as patterns: what a package member may be called.

``build_documents`` names a document ``<template file_stem>`` (tờ trình, danh sách, biên bản)
or, per nominee, :func:`~desktop.documents.build.nominee_stem` (``04-1_BCTT_XomNaMe``: the
nominee's number and name) with ``_<n>`` added when two stems are the same; the renderer
adds ``.pdf`` or ``.docx``. The patterns are made by calling ``nominee_stem`` itself with
placeholders. Import
(``desktop.package.names``) accepts only such names, so these patterns follow the naming code:
change one, change the other (``tests/package/test_member_names.py`` exports the demo dossiers
and checks every name against them).
"""

from __future__ import annotations

import re

from desktop.documents.templates import template
from desktop.models import CampaignPack

#: A name part (``ascii_stem``: ASCII letters and digits; the manifest caps names at 100).
NAME_PART = r"[A-Za-z0-9]{1,90}"
_NUMBER, _NAME = 98765, "Qzqz"  # placeholders, replaced by patterns
#: The suffixes a repeated stem gets (``build._unique_stem``, then the export for names that
#: differ in case only).
UNIQUE_SUFFIX = r"(?:_[0-9]{1,4}){0,2}"
#: Extensions of rendered documents.
EXTENSIONS = ("pdf", "docx")


def document_stem_patterns(pack: CampaignPack) -> dict[str, list[str]]:
    """Document kind → regular expressions (without extension) of the stems its files get."""
    from desktop.documents.build import nominee_stem

    out: dict[str, list[str]] = {}
    for spec in pack.documents:
        tpl = template(spec.template, pack.legal_regime)
        stem, kind = str(tpl["file_stem"]), str(tpl["kind"])
        if spec.per_nominee:
            sample = re.escape(nominee_stem(stem, _NUMBER, _NAME))
            pattern = sample.replace(str(_NUMBER), "[0-9]{1,5}").replace(_NAME, NAME_PART)
            out.setdefault(kind, []).append(pattern + UNIQUE_SUFFIX)
        else:
            out.setdefault(kind, []).append(re.escape(stem))
    return out
