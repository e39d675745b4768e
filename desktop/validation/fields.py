"""Field rules: required fields, pick-list values, the nominee kind.

Codes: ``field.required``, ``field.invalid_choice``, ``field.award_form_kind``,
``field.too_long`` (a name over the pack's ``name_max_length``),
``nominee.kind_not_in_campaign``. Which fields are required comes from the pack
(``nominee_kinds[].required_fields``, ``dossier_required_fields``); ``unit.kind`` is always
required because quotas and routing depend on it.
"""

from __future__ import annotations

from typing import Any

from desktop.models.campaign import CampaignPack
from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.validation.context import NomineeContext
from desktop.validation.messages import Reporter, field_label, label, part

#: The names a pack's ``name_max_length`` bounds (what the forms print in a table cell).
_NAME_FIELDS = ("name", "full_name", "head_name")

#: Dossier paths the engine needs whatever the pack says.
ENGINE_REQUIRED = ("unit.kind",)

#: First path segment of a dossier field -> catalog model key and document id.
_SECTIONS = {
    "unit": ("unit", "proposal"),
    "proposal": ("proposal", "proposal"),
    "council": ("council", "council_minutes"),
    "pack": ("pack_ref", None),
}


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (tuple, list, dict)):
        return not value
    return False


def check_nominee(ctx: NomineeContext) -> list[Finding]:
    """Kind known to the pack, required fields filled, pick-list values valid."""
    n, pack, spec = ctx.nominee, ctx.pack, ctx.spec
    model = str(n.kind)
    if spec is None:
        return [ctx.make("nominee.kind_not_in_campaign", "kind",
                         texts={"kind_label": label(f"enum.nominee_kind.{model}")})]
    out: list[Finding] = []
    for name in spec.required_fields:
        if is_empty(getattr(n, name, None)):
            out.append(ctx.make("field.required", name, params={"field": name},
                                texts={"field": field_label(model, name)}))
    if (limit := pack.name_max_length) is not None:
        for name in _NAME_FIELDS:
            value = getattr(n, name, None)
            if isinstance(value, str) and len(value) > limit:
                out.append(ctx.make("field.too_long", name, params={
                    "field": name, "length": len(value), "limit": limit},
                    texts={"field": field_label(model, name)}))
    choices = _choices(ctx.rep)
    for name, allowed in (("role", choices.roles), ("collective_type", choices.ctypes),
                          ("ethnicity", choices.ethnic)):
        value = getattr(n, name, None)
        if value is not None and allowed and value not in allowed:
            out.append(ctx.make("field.invalid_choice", name,
                                params={"field": name, "value": value},
                                texts={"field": field_label(model, name)}))
    form_id = n.award_form or pack.default_award_form
    form = pack.award_form(form_id)
    if form is None:
        out.append(ctx.make("field.invalid_choice", "award_form",
                            params={"field": "award_form", "value": form_id},
                            texts={"field": field_label(model, "award_form")}))
    elif n.kind not in form.nominee_kinds:
        out.append(ctx.make("field.award_form_kind", "award_form",
                            params={"award_form": form.id, "award_form_name": form.name},
                            texts={"kind_label": (spec.label, spec.label_en or spec.label)}))
    return out


class _Choices:
    __slots__ = ("ctypes", "ethnic", "roles")

    def __init__(self, pack: CampaignPack) -> None:
        self.roles = frozenset(r.id for r in pack.individual_roles)
        self.ctypes = frozenset(c.id for c in pack.collective_types)
        self.ethnic = frozenset(g.id for g in pack.ethnic_groups)


def _choices(rep: Reporter) -> _Choices:
    found = rep.cache.get("choices")
    if found is None:
        found = rep.cache["choices"] = _Choices(rep.pack)
    return found


def resolve(obj: Any, dotted: str) -> Any:
    """The value at ``dotted`` (``proposal.date``) or None when a step is missing."""
    for step in dotted.split("."):
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    return obj


def check_dossier(rep: Reporter, dossier: Dossier) -> list[Finding]:
    """Dossier-level required fields (``pack.dossier_required_fields`` + ``unit.kind``)."""
    out: list[Finding] = []
    paths = list(dict.fromkeys((*rep.pack.dossier_required_fields, *ENGINE_REQUIRED)))
    for dotted in paths:
        if not is_empty(resolve(dossier, dotted)):
            continue
        steps = dotted.split(".")
        model, document = _SECTIONS.get(steps[0], ("dossier", None))
        if len(steps) == 1:
            model = "dossier"
        out.append(rep.make(
            "field.required", path=dotted, document=document, params={"field": dotted},
            texts={"who": part(f"section.{model}"), "field": field_label(model, steps[-1])},
        ))
    return out
