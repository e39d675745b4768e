"""Priority groups (đối tượng ưu tiên): the plan asks to favour some nominees.

Codes: ``priority.summary`` (info, how many are in each group), ``priority.none`` (info,
none is, quoting ``pack.priority_note``). :func:`priority_counts` is the pure count the
campaign result report reuses.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.models.campaign import CampaignPack
from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.validation.facts import NomineeFacts, in_group
from desktop.validation.messages import Reporter, two


def priority_counts(dossier: Dossier, pack: CampaignPack) -> dict[str, int]:
    """Number of nominees in each priority group of the pack, by group id (zeros included).

    A nominee may belong to several groups; it is counted in each.
    """
    return {g.id: sum(1 for n in dossier.nominees if in_group(pack, g, n))
            for g in pack.priority_groups}


def check(rep: Reporter, facts: Sequence[NomineeFacts]) -> list[Finding]:
    pack = rep.pack
    if not pack.priority_groups or not facts:
        return []
    counts = {g.id: 0 for g in pack.priority_groups}
    members = 0
    for f in facts:
        if f.priority:
            members += 1
            for gid in f.priority:
                counts[gid] += 1
    if members == 0:
        note = pack.priority_note or "; ".join(g.label for g in pack.priority_groups)
        return [rep.make("priority.none", path="nominees",
                         params={"total": len(facts), "note": note})]
    groups = "; ".join(f"{g.label}: {two(counts[g.id])}" for g in pack.priority_groups
                       if counts[g.id])
    return [rep.make("priority.summary", path="nominees",
                     params={"count": members, "total": len(facts), "counts": counts,
                             "groups": groups})]
