"""What changed between two versions of a campaign pack (thay đổi quy định của đợt thi đua).

Compares the rules a dossier answers to: criteria (text, figures and thresholds), quotas,
routing, council rules, dates, award forms and required fields. Each rule becomes a flat
``section/key -> JSON value`` entry; the diff lists entries added, removed or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from desktop.models import CampaignPack


@dataclass(frozen=True)
class RuleChange:
    """One changed rule: ``section`` (criteria, quota_rules…), ``key`` (e.g. ``individual/
    work_results``), ``change`` and the old/new values as plain JSON data."""

    section: str
    key: str
    change: Literal["added", "removed", "changed"]
    old: Any = None
    new: Any = None


def _rules(pack: CampaignPack) -> dict[tuple[str, str], Any]:
    out: dict[tuple[str, str], Any] = {}
    for spec in pack.nominee_kinds:
        for crit in spec.criteria:
            out["criteria", f"{spec.kind.value}/{crit.id}"] = crit.model_dump(
                mode="json", exclude={"source"})
        out["required_fields", spec.kind.value] = list(spec.required_fields)
    for section in ("quota_rules", "routing_rules", "award_forms", "priority_groups"):
        for item in getattr(pack, section):
            out[section, item.id] = item.model_dump(mode="json", exclude={"source"})
    out["council", "rules"] = pack.council.model_dump(mode="json", exclude={"source"})
    out["dates", "achievement_period"] = pack.achievement_period.model_dump(mode="json")
    out["dates", "upload_window"] = pack.upload_window.model_dump(mode="json")
    out["dates", "result_report_deadline"] = pack.result_report.deadline.isoformat()
    out["dossier", "required_fields"] = list(pack.dossier_required_fields)
    out["dossier", "severity_overrides"] = dict(pack.severity_overrides)
    # The legal regime and the template (with its version and status) of each document.
    out["regime", "legal_regime"] = pack.legal_regime
    for doc in pack.documents:
        ref = pack.regime.template(doc.template) if pack.regime and doc.template else None
        out["documents", doc.id] = {"template": doc.template,
                                    "version": ref.version if ref else doc.template_version,
                                    "status": ref.status if ref else None}
    return out


def diff_packs(old: CampaignPack, new: CampaignPack) -> list[RuleChange]:
    """The rule changes from ``old`` to ``new``, sorted by section and key."""
    before, after = _rules(old), _rules(new)
    changes = []
    for section, key in sorted(before.keys() | after.keys()):
        a, b = before.get((section, key)), after.get((section, key))
        if (section, key) not in before:
            changes.append(RuleChange(section, key, "added", None, b))
        elif (section, key) not in after:
            changes.append(RuleChange(section, key, "removed", a, None))
        elif a != b:
            changes.append(RuleChange(section, key, "changed", a, b))
    return changes
