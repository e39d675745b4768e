"""Quota (số lượng khen thưởng): how many nominees the proposing unit may put forward.

Codes: ``quota.exceeded``, ``quota.no_rule``, ``quota.consolidated``. Nominees count as
collectives or individuals by the pack's ``counts_as``; the unit's rule is the first
``quota_rules`` entry matching its kind and its membership of a provincial block/cluster.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.models.campaign import CampaignPack, QuotaRule
from desktop.models.finding import Finding
from desktop.models.unit import Unit
from desktop.validation.facts import NomineeFacts
from desktop.validation.messages import Reporter, join, part, two, unit_kind_label


def in_emulation_group(unit: Unit) -> bool:
    return bool(unit.emulation_group and unit.emulation_group.strip())


def quota_rule(pack: CampaignPack, unit: Unit) -> QuotaRule | None:
    """The first quota rule for the unit's kind and block/cluster membership."""
    member = in_emulation_group(unit)
    for rule in pack.quota_rules:
        if unit.kind in rule.unit_kinds and rule.emulation_group in (None, member):
            return rule
    return None


def _limit_phrase(rule: QuotaRule, which: str) -> tuple[str, str]:
    if which == "total":
        if rule.max_total == 1 and (rule.max_collective is None or rule.max_collective >= 1) \
                and (rule.max_individual is None or rule.max_individual >= 1):
            return part("quota.either_or")
        return part("quota.max_total", max=two(rule.max_total or 0))
    limit = rule.max_collective if which == "collective" else rule.max_individual
    if limit == 0:
        return part(f"quota.none_{which}")
    return part(f"quota.max_{which}", max=two(limit or 0))


def _with_origins(breakdown: tuple[str, str], facts: Sequence[NomineeFacts]
                  ) -> tuple[str, str]:
    """A consolidated dossier's count names where its nominees came from (the units whose
    packages they were taken from, and the unit's own)."""
    origins: dict[str, int] = {}
    own = 0
    for f in facts:
        origin = getattr(f.nominee, "origin", None)
        if f.counts_as is None:
            continue
        if origin is None:
            own += 1
        else:
            origins[origin.unit_name] = origins.get(origin.unit_name, 0) + 1
    if not origins:
        return breakdown
    items = [part("quota.from_unit", unit=u, count=two(c)) for u, c in origins.items()]
    if own:
        items.append(part("quota.from_own", count=two(own)))
    where = join(items, sep="; ")
    return (f"{breakdown[0]}: {where[0]}", f"{breakdown[1]}: {where[1]}")


def check(rep: Reporter, unit: Unit, facts: Sequence[NomineeFacts]) -> list[Finding]:
    if unit.kind is None or not facts:
        return []
    pack = rep.pack
    kind_label = unit_kind_label(rep.pack, unit.kind)
    rule = quota_rule(pack, unit)
    if rule is None:
        group = (part("quota.group_member", group=unit.emulation_group or "")
                 if in_emulation_group(unit) else part("quota.group_none"))
        return [rep.make("quota.no_rule", path="unit.kind",
                         params={"unit_kind": str(unit.kind),
                                 "emulation_group": unit.emulation_group},
                         texts={"unit_kind_label": kind_label, "group": group})]
    base = {"rule": rule.id, "rule_text": rule.text, "unit_kind": str(unit.kind)}
    if rule.max_total is None and rule.max_collective is None and rule.max_individual is None:
        return [rep.make("quota.consolidated", path="unit.kind", params=base,
                         texts={"unit_kind_label": kind_label})]
    collectives = sum(1 for f in facts if f.counts_as == "collective")
    individuals = sum(1 for f in facts if f.counts_as == "individual")
    total = collectives + individuals
    for which, count, limit in (("total", total, rule.max_total),
                                ("collective", collectives, rule.max_collective),
                                ("individual", individuals, rule.max_individual)):
        if limit is not None and count > limit:
            return [rep.make(
                "quota.exceeded", path="nominees",
                params={**base, "limit": which, "max": limit, "count": count,
                        "total": two(total), "collectives": two(collectives),
                        "individuals": two(individuals)},
                texts={"limit_text": _limit_phrase(rule, which),
                       "breakdown": _with_origins(
                           join((part(f"quota.count_{k}", count=two(c))
                                 for k, c in (("collective", collectives),
                                              ("individual", individuals)) if c), sep=", "),
                           facts)},
            )]
    return []
