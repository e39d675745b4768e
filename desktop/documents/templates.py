"""Template data (mẫu văn bản): wording and layout of the legal forms, from ``resources/templates``.

``template(template_id, legal_regime)`` returns the merged table of one template file (its
``[regime."<legal_regime>"]`` overrides applied); ``common(legal_regime)`` the shared layout and
labels. Missing files or keys raise :class:`TemplateError` naming them.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.errors import HosoError
from desktop.paths import resources_dir
from desktop.textutil import nfc, nfc_deep

KINDS = ("proposal", "nomination_list", "council_minutes", "achievement_report",
         "achievement_summary", "result_report",
         # a unit's own Giấy khen round (desktop.documents.award_round)
         "award_decision", "award_list", "certificate")


class TemplateError(HosoError):
    """A template file named by the pack is missing or lacks an entry."""


def templates_dir():
    return resources_dir() / "templates"




def _load(name: str) -> dict[str, Any]:
    path = templates_dir() / f"{name}.toml"
    if not path.is_file():
        # A regime's or a pack's own template (desktop.packs.regimes.template_file).
        from desktop.packs.regimes import template_file

        path = template_file(name) or path
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise TemplateError("documents.template_missing", template=name, file=str(path)) from exc
    return _read(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """A template file's table (cached while the file is unchanged); ``extends`` merged."""
    try:
        with path.open("rb") as fh:
            data = nfc_deep(tomllib.load(fh))
    except FileNotFoundError as exc:
        raise TemplateError("documents.template_missing", template=path.stem,
                            file=str(path)) from exc
    base = data.pop("extends", None)
    if base:  # a template that changes a few entries of another one
        merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in _load(base).items()}
        for key, value in data.items():
            if key == "regime" and isinstance(value, dict):
                regimes = merged.setdefault("regime", {})
                for regime, table in value.items():
                    # a new table: the base's (cached, shared) one is never written to
                    regimes[regime] = {**regimes.get(regime, {}), **table}
            else:
                merged[key] = value
        data = merged
    return data


class Template:
    """One template's entries; ``t["key"]`` raises a readable error when the key is missing."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data

    def __getitem__(self, key: str) -> Any:
        try:
            return self.data[key]
        except KeyError:
            raise TemplateError("documents.template_key", template=self.name, key=key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def text(self, key: str, **params: Any) -> str:
        """The entry ``key`` formatted with ``params`` (NFC)."""
        return nfc(str(self[key]).format(**params))


def _merged(name: str, legal_regime: str) -> Template:
    from desktop.packs.regimes import template_variants

    data = dict(_load(name))
    tables = data.pop("regime", {})
    for key in template_variants(legal_regime):  # e.g. "2022/ND98" then "2022/ND152"
        data.update(tables.get(key, {}))
    return Template(name, data)


def template(template_id: str, legal_regime: str) -> Template:
    """The template file ``<template_id>.toml`` for a legal regime."""
    tpl = _merged(template_id, legal_regime)
    if tpl.get("kind") not in KINDS:
        raise TemplateError("documents.template_key", template=template_id, key="kind")
    return tpl


def common(legal_regime: str) -> Template:
    return _merged("common", legal_regime)
