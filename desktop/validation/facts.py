"""Per-nominee facts the dossier-level rules need, computed once per nominee object.

The incremental :class:`~desktop.validation.engine.Validator` caches a
:class:`NomineeFacts` per nominee (models are frozen: an edit makes a new object), so the
dossier-level rules (quota, routing, priority, duplicates) stay a cheap O(n) pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models.campaign import CampaignPack, PriorityGroup, RoutingRule
from desktop.models.finding import Finding
from desktop.models.nominee import Collective, nominee_name
from desktop.textutil import fold
from desktop.validation.criteria import holds_leadership
from desktop.validation.messages import birth_year, subject


@dataclass(slots=True)
class NomineeFacts:
    nominee: Any  # kept alive so that id(nominee) stays unique while cached
    index: int
    findings: list[Finding]  # the nominee's own findings (fields, criteria, report form…)
    counts_as: str | None  # "collective" / "individual"; None when the kind is not in the pack
    route: RoutingRule | None  # first matching routing rule
    priority: tuple[str, ...]  # ids of the priority groups the nominee belongs to
    name_key: str  # folded name, "" when unnamed
    birth_year: int | None
    _who: tuple[str, str] | None = None
    #: The council's "no vote recorded" finding for this nominee, made once: it depends on
    #: the nominee alone, and a dossier of 10,000 nominees without votes would otherwise
    #: rebuild 10,000 findings at every edit (see ``council._votes``).
    vote_missing: Finding | None = None

    @property
    def who(self) -> tuple[str, str]:
        """The nominee's (vi, en) designation in messages, formatted on first use."""
        if self._who is None:
            self._who = subject(self.nominee, self.index)
        return self._who


def first_route(pack: CampaignPack, nominee: Any) -> RoutingRule | None:
    """The first routing rule whose conditions match the nominee (pack order)."""
    for rule in pack.routing_rules:
        if nominee.kind not in rule.nominee_kinds:
            continue
        if rule.roles and getattr(nominee, "role", None) not in rule.roles:
            continue
        if rule.collective_types and getattr(nominee, "collective_type", None) \
                not in rule.collective_types:
            continue
        if rule.in_emulation_group is not None and (
                not isinstance(nominee, Collective)
                or nominee.in_emulation_group != rule.in_emulation_group):
            continue
        return rule
    return None


def in_group(pack: CampaignPack, group: PriorityGroup, nominee: Any) -> bool:
    if nominee.kind not in group.nominee_kinds:
        return False
    if group.roles and getattr(nominee, "role", None) not in group.roles:
        return False
    return not (group.exclude_leadership and holds_leadership(pack, nominee))


def facts_for(pack: CampaignPack, nominee: Any, index: int,
              findings: list[Finding]) -> NomineeFacts:
    spec = pack.kind_spec(nominee.kind)
    name = nominee_name(nominee)
    return NomineeFacts(
        nominee=nominee,
        index=index,
        findings=findings,
        counts_as=spec.counts_as if spec else None,
        route=first_route(pack, nominee) if spec else None,
        priority=tuple(g.id for g in pack.priority_groups if in_group(pack, g, nominee)),
        name_key=fold(name) if name else "",
        birth_year=birth_year(nominee),
    )
