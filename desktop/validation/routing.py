"""Routing (tuyến trình): which kind of unit may put each nominee forward.

Codes: ``routing.wrong_level``, ``routing.not_managed``, ``routing.no_rule``,
``routing.via_submitter``. The first routing rule of the pack matching the nominee applies
(see :func:`desktop.validation.facts.first_route`); the unit must be one of its submitters
or preparers, and manage the nominee when the rule says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.models.finding import Finding
from desktop.models.unit import Unit
from desktop.validation.facts import NomineeFacts
from desktop.validation.messages import Reporter, join, short_name, unit_kind_label


def _kinds(pack, kinds) -> tuple[str, str]:
    return join((unit_kind_label(pack, k) for k in kinds), sep="; ")


def check(rep: Reporter, unit: Unit, facts: Sequence[NomineeFacts]) -> list[Finding]:
    if unit.kind is None:
        return []
    out: list[Finding] = []
    via: list[NomineeFacts] = []
    submitters: set[str] | None = None  # submitter kinds common to the via rules
    kind_label = unit_kind_label(rep.pack, unit.kind)
    for f in facts:
        if f.counts_as is None:
            continue  # kind not in the campaign: reported by the field rules
        n = f.nominee
        rule = f.route
        path = f"nominees[{f.index}]"
        if rule is None:
            out.append(rep.make("routing.no_rule", path=f"{path}.kind", nominee_id=n.id,
                                params={"kind": str(n.kind)}, texts={"who": f.who}))
            continue
        params = {"rule": rule.id, "rule_text": rule.text, "unit_kind": str(unit.kind)}
        if unit.kind in rule.submitter_unit_kinds:
            pass
        elif unit.kind in rule.preparer_unit_kinds:
            via.append(f)
            kinds = set(rule.submitter_unit_kinds)
            submitters = kinds if submitters is None else (submitters & kinds or submitters)
        else:
            out.append(rep.make(
                "routing.wrong_level", path=path, nominee_id=n.id,
                params={**params, "submitters": [str(k) for k in rule.submitter_unit_kinds]},
                texts={"who": f.who, "unit_kind_label": kind_label,
                       "submitters_text": _kinds(rep.pack, rule.submitter_unit_kinds)}))
            continue
        if rule.requires_managed_by_unit and getattr(n, "managed_by_unit", True) is False:
            out.append(rep.make("routing.not_managed", path=f"{path}.managed_by_unit",
                                nominee_id=n.id, params=params, texts={"who": f.who}))
    if via:
        order = [k for r in rep.pack.routing_rules for k in r.submitter_unit_kinds]
        submitters = list(dict.fromkeys(k for k in order if k in (submitters or ())))
        out.append(rep.make(
            "routing.via_submitter", path="nominees",
            params={"count": len(via), "nominee_ids": [f.nominee.id for f in via],
                    "submitters": [str(k) for k in submitters]},
            texts={"submitters_text": _kinds(rep.pack, submitters),
                   "names": join((short_name(f.nominee, f.index) for f in via), sep=", ")}))
    return out
