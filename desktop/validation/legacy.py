"""Text typed in a legacy Vietnamese encoding (TCVN3/ABC, VNI-Windows, VIQR).

Code: ``text.legacy_encoding`` (warning). Text that reads "Céng hoµ x· héi chñ nghÜa ViÖt
Nam" validates as text but prints as garbage; the finding carries the suggested Unicode text
in its parameters (``suggestion``, with ``encoding``, ``original``, ``ambiguous`` and
``alternatives``) so that the window and ``hoso fix-text`` can offer it. Per-nominee checks
are cached with the nominee's other findings; the unit, council, proposal and result report
are re-checked on every run (a few dozen strings).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from desktop.legacytext import detect
from desktop.legacytext.convert import SKIP_KEYS
from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.validation.context import NomineeContext
from desktop.validation.messages import Reporter, field_label, part

CODE = "text.legacy_encoding"

#: Model class name -> catalog model key of its field labels.
_MODELS = {"Achievement": "achievement", "Contribution": "contribution",
           "CriterionAnswer": "criterion_answer", "CouncilMember": "council_member",
           "Unit": "unit", "CouncilMeeting": "council", "Proposal": "proposal",
           "ResultReport": "result_report", "Vote": "vote"}


#: Fields that hold no free text (the council's votes: one row per nominee).
_NO_TEXT = frozenset({"votes", "figure_overrides"})


def _strings(model: BaseModel, path: str, model_key: str
             ) -> Iterator[tuple[str, str, str, str]]:
    """(path, model key, field name, text) of every free text inside ``model`` (enum
    values, ids and numbers are skipped; fields are read from the instance's ``__dict__``:
    this walk runs over every nominee when a dossier opens)."""
    for name, value in vars(model).items():
        if (name in SKIP_KEYS and name != "criteria") or name in _NO_TEXT:
            continue
        yield from _walk(value, f"{path}.{name}" if path else name, model_key, name)


def _walk(value: Any, path: str, model_key: str, name: str
          ) -> Iterator[tuple[str, str, str, str]]:
    kind = type(value)
    if kind is str:
        if value:
            yield path, model_key, name, value
    elif kind is tuple:
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]", model_key, name)
    elif kind is dict:
        for key, item in value.items():
            yield from _walk(item, f"{path}[{key}]", model_key, name)
    elif isinstance(value, BaseModel):
        yield from _strings(value, path, _MODELS.get(kind.__name__, model_key))


def _params(repair) -> dict[str, Any]:
    return {"original": repair.original, "suggestion": repair.text,
            "encoding": repair.encoding, "encoding_name": repair.encoding_name,
            "ambiguous": repair.ambiguous, "alternatives": list(repair.alternatives)}


def check_nominee(ctx: NomineeContext) -> list[Finding]:
    out = []
    model = str(ctx.nominee.kind)
    for path, model_key, name, text in _strings(ctx.nominee, "", model):
        repair = detect(text)
        if repair is None:
            continue
        key = model if model_key == model else model_key
        out.append(ctx.make(CODE, path, params={"field": path, **_params(repair)},
                            texts={"field": field_label(key, name)}))
    return out


def check_dossier(rep: Reporter, dossier: Dossier) -> list[Finding]:
    """The dossier's own texts: title, unit, council, proposal, result report."""
    out = []
    sections = (("unit", "unit"), ("council", "council"), ("proposal", "proposal"),
                ("result_report", "result_report"))
    items: list[tuple[str, str, str, str]] = []
    if dossier.title:
        items.append(("title", "dossier", "title", dossier.title))
    for attr, key in sections:
        items.extend(_strings(getattr(dossier, attr), attr, key))
    for path, model_key, name, text in items:
        repair = detect(text)
        if repair is None:
            continue
        section = path.split(".", 1)[0].split("[", 1)[0]
        who = part(f"section.{section}") if section in ("unit", "council", "proposal") \
            else part("section.dossier")
        out.append(rep.make(CODE, path=path, params={"field": path, **_params(repair)},
                            texts={"who": who, "field": field_label(model_key, name)}))
    return out
