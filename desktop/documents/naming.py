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

#: The longest name part of a per-nominee file name (characters of ``ascii_stem``).
NAME_MAX = 50
#: The characters and length :func:`~desktop.documents.fmt.ascii_stem` gives a name part.
NAME_PART = rf"[A-Za-z0-9]{{1,{len(ascii_stem('x' * 200, max_len=NAME_MAX))}}}"
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
        if spec.per_nominee:
            prefix, _, rest = str(tpl["file_stem"]).partition("_")
            stem = (f"{re.escape(prefix)}-[0-9]{{1,4}}_{re.escape(rest)}_{NAME_PART}"
                    f"{UNIQUE_SUFFIX}")
        out.setdefault(kind, []).append(stem)
    return out


def nominee_stem(template_stem: str, number: int, name: str) -> str:
    """A per-nominee file name: numbered within its kind, readable and Windows-safe
    ("04-1_BCTT_XomNaMeXaBachDang", "05-2_TTTT_NongVanThuan"): ASCII letters, digits, "-"
    and "_" only, the name cut between words (import checks names against
    :func:`document_stem_patterns`, so the two are kept here together)."""
    prefix, _, rest = template_stem.partition("_")
    return f"{prefix}-{number}_{rest}_{ascii_stem(name, max_len=NAME_MAX)}"
