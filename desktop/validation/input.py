"""Pydantic errors → findings and sentences (guide §3.7).

Errors are translated by their ``type`` and ``ctx`` (never by matching pydantic's English
``msg``) with the sentences of ``resources/i18n/pydantic.toml`` (``pydantic.<type>``, or
``pydantic.default``), and placed with the field labels of ``fields.toml``: the location
``("nominees", 2, "individual", "birth_year")`` reads "Đối tượng “Nguyễn Thị Hoa”, Năm sinh".
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from desktop import i18n
from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.models.nominee import NomineeKind
from desktop.validation.messages import LANGS, field_label

#: (model, field) -> model of the values inside that field.
_CHILD = {
    ("dossier", "pack"): "pack_ref",
    ("dossier", "unit"): "unit",
    ("dossier", "council"): "council",
    ("dossier", "proposal"): "proposal",
    ("dossier", "nominees"): "nominee",
    ("council", "members"): "council_member",
    ("council", "votes"): "vote",
    ("nominee", "achievements"): "achievement",
    ("nominee", "contributions"): "contribution",
    ("nominee", "criteria"): "criterion_answer",
}
_KINDS = {k.value for k in NomineeKind}
_DOCUMENTS = {"nominees": "nomination_list", "council": "council_minutes",
              "proposal": "proposal", "unit": "proposal"}
_NAME_KEYS = ("name", "full_name", "head_name")


def _get(data: Any, key: Any) -> Any:
    try:
        return data[key]
    except (KeyError, IndexError, TypeError):
        return None


class _Place:
    """Where an error is: path, the steps a reader sees, the field's model and name."""

    def __init__(self, loc: tuple[Any, ...], data: Any) -> None:
        self.path = ""
        self.steps: list[tuple[str, dict[str, Any]]] = []  # (validation.<key>, params)
        self.model = "dossier"
        self.field: str | None = None
        self.nominee_id: str | None = None
        node = data
        parts = list(loc)
        i = 0
        while i < len(parts):
            part = parts[i]
            i += 1
            if isinstance(part, int):
                self.path += f"[{part}]"
                node = _get(node, part)
                item_model = _CHILD.get((_generic(self.model), self.field or ""))
                if item_model == "nominee":
                    kind = _get(node, "kind")
                    if i < len(parts) and parts[i] in _KINDS:  # discriminator tag
                        kind = parts[i]
                        i += 1
                    self.model = kind if kind in _KINDS else "nominee"
                    name = next((v for k in _NAME_KEYS
                                 if isinstance(v := _get(node, k), str) and v.strip()), "")
                    nid = _get(node, "id")
                    self.nominee_id = nid if isinstance(nid, str) else None
                    self.steps.append(("where.nominee_named" if name else "where.nominee",
                                       {"name": name.strip(), "number": part + 1}))
                elif item_model:
                    self.model = item_model
                    self.steps.append((f"where.{item_model}", {"number": part + 1}))
                self.field = None
                continue
            part = str(part)
            if self.field is not None:
                # entering a sub-model, or a dict key (criteria id, figure id)
                child = _CHILD.get((_generic(self.model), self.field))
                if child == "criterion_answer":
                    self.steps.append(("where.criterion", {"criterion": part}))
                    self.model, self.field = child, None
                    self.path += f".{part}"
                    node = _get(node, part)
                    continue
                if child:
                    self.steps.append((f"where.{child}", {}))
                    self.model = child
                elif self.field == "figures":
                    self.steps.append(("where.figure", {"figure": part}))
                    self.path += f".{part}"
                    node = _get(node, part)
                    continue
            self.field = part
            self.path += f".{part}" if self.path else part
            node = _get(node, part)
        if _generic(self.model) == "nominee" and self.field is None:
            self.field = "kind"  # a bad or missing discriminator

    def where(self, lang: str) -> str:
        return ", ".join(i18n.t(f"validation.{key}", lang, **params)
                         for key, params in self.steps)

    def label(self, lang: str) -> str:
        if self.field is None:
            return ""
        pair = field_label(self.model, self.field)
        if pair[0] == f"field.{self.model}.{self.field}":
            return f"“{self.field}”"
        return pair[LANGS.index(lang)]


def _generic(model: str) -> str:
    return "nominee" if model in _KINDS else model


_ENUM_REPR = re.compile(r"<\w+\.\w+: '([^']*)'>")


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = _ENUM_REPR.sub(r"'\1'", text)
    return text if len(text) <= 60 else text[:57] + "…"


def _sentence(err: dict[str, Any], place: _Place, lang: str) -> str:
    etype = err.get("type", "")
    key = f"pydantic.{etype}" if i18n.has(f"pydantic.{etype}") else "pydantic.default"
    ctx = {k: _shown(v) for k, v in (err.get("ctx") or {}).items()}
    field = place.label(lang) or i18n.t("validation.where.value", lang)
    sentence = i18n.t(key, lang, field=field, input=_shown(err.get("input")), type=etype,
                      **ctx)
    where = place.where(lang) or (i18n.t("validation.section.dossier", lang)
                                  if place.model == "dossier" else "")
    return f"{where}: {sentence}" if where else sentence


def translate_pydantic_error(err: dict[str, Any], lang: str = "vi", *,
                             data: Any = None) -> str:
    """One pydantic error dict (``exc.errors()``) as a sentence in ``lang``.

    ``data`` (the input that failed) lets the sentence name the nominee.
    """
    return _sentence(err, _Place(tuple(err.get("loc", ())), data), lang)


def input_finding(err: dict[str, Any], data: Any = None) -> Finding:
    place = _Place(tuple(err.get("loc", ())), data)
    etype = err.get("type", "unknown")
    key = f"pydantic.{etype}" if i18n.has(f"pydantic.{etype}") else "pydantic.default"
    params = {"type": etype, "field": place.path, "input": _shown(err.get("input"))}
    params.update({k: _shown(v) for k, v in (err.get("ctx") or {}).items()})
    top = str(err.get("loc", ("",))[0]) if err.get("loc") else ""
    return Finding.model_construct(
        code=f"input.{etype}",
        severity="error",
        path=place.path,
        nominee_id=place.nominee_id,
        document=_DOCUMENTS.get(top),
        params=params,
        message_vi=_sentence(err, place, "vi"),
        message_en=_sentence(err, place, "en"),
        hint_vi=i18n.hint(key, "vi"),
        hint_en=i18n.hint(key, "en"),
    )


def parse_dossier(data: Any) -> tuple[Dossier | None, list[Finding]]:
    """Build a :class:`Dossier` from JSON data; on failure, one finding per pydantic error."""
    try:
        return Dossier.model_validate(data), []
    except ValidationError as exc:
        return None, [input_finding(e, data) for e in exc.errors(include_url=False)]
