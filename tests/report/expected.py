"""Expected figures of the result report, counted here from the dossiers by hand-written
loops that share no code with ``desktop.report`` (so a bug there cannot hide in both)."""

from __future__ import annotations

from desktop.models import CampaignPack, Dossier


def _role_leads(pack: CampaignPack, nominee) -> bool:
    role = pack.role(getattr(nominee, "role", None) or "")
    return bool(getattr(nominee, "holds_leadership", False) or (role and role.leadership))


def expected(dossiers: list[Dossier], pack: CampaignPack) -> dict[str, float]:
    nominees = [n for d in dossiers for n in d.nominees]
    out: dict[str, float] = {"nominees.total": len(nominees)}
    for spec in pack.nominee_kinds:
        out[f"nominees.kind.{spec.kind}"] = len([n for n in nominees if n.kind == spec.kind])
    kind_counts = {spec.kind: spec.counts_as for spec in pack.nominee_kinds}
    out["nominees.collective"] = len([n for n in nominees
                                      if kind_counts[n.kind] == "collective"])
    out["nominees.individual"] = len([n for n in nominees
                                      if kind_counts[n.kind] == "individual"])
    members = set()
    for group in pack.priority_groups:
        count = 0
        for i, n in enumerate(nominees):
            if n.kind not in group.nominee_kinds:
                continue
            if group.roles and getattr(n, "role", None) not in group.roles:
                continue
            if group.exclude_leadership and _role_leads(pack, n):
                continue
            count += 1
            members.add(i)
        out[f"priority.{group.id}"] = count
    out["priority.total"] = len(members)
    for n in nominees:
        code = getattr(n, "ethnicity", None)
        if code:
            out[f"ethnic.{code}"] = out.get(f"ethnic.{code}", 0) + 1
    start, end = pack.achievement_period.start, pack.achievement_period.end
    # out of the achievement period: not counted (undated: counted)
    contributions = [c for n in nominees for c in n.contributions
                     if c.date is None or start <= c.date <= end]
    out["contributions.workdays"] = sum(c.workdays or 0 for c in contributions)
    out["contributions.money_vnd"] = sum(c.money_vnd or 0 for c in contributions)
    out["contributions.land_m2"] = sum(c.land_m2 or 0 for c in contributions)
    achievements = 0
    for n in nominees:
        for a in n.achievements:
            first = a.date_from or a.date_to
            last = a.date_to or a.date_from
            if first is None or (first <= end and last >= start):
                achievements += 1
    out["achievements.total"] = achievements
    works = 0
    for n in nominees:
        spec = pack.kind_spec(n.kind)
        tagged = {c.id for c in spec.criteria if "works" in c.tags}
        if any(a.met for cid, a in n.criteria.items() if cid in tagged):
            works += 1
    out["works.total"] = works
    for form in pack.award_forms:
        out[f"awards.{form.id}"] = len([n for n in nominees
                                        if (n.award_form or pack.default_award_form) == form.id])
    return out
