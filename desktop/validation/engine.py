"""The rule engine: runs every rule family over a dossier and sorts the findings.

Per-nominee rules (fields, criteria, achievements, contributions, report form) depend only
on the nominee and the pack; :class:`Validator` caches their findings and derived facts by
nominee object (models are frozen: an edit replaces one nominee with ``model_copy``). The
dossier-level rules (quota, routing, priority, council, proposal list, duplicates, dates)
re-run every time; they are O(n) over the cached facts.
"""

from __future__ import annotations

import datetime as dt

from desktop.models.campaign import CampaignPack
from desktop.models.dossier import Dossier
from desktop.models.finding import SEVERITY_ORDER, Finding
from desktop.validation import (
    award_round,
    consistency,
    council,
    criteria,
    dates,
    fields,
    legacy,
    priority,
    quota,
    regime,
    report,
    routing,
)
from desktop.validation.context import NomineeContext
from desktop.validation.facts import NomineeFacts, facts_for
from desktop.validation.messages import Reporter

#: Rules that need the nominee's kind spec (they run only when the pack knows the kind).
_KIND_RULES = (
    criteria.check_criteria,
    criteria.check_achievements,
    criteria.check_contributions,
    criteria.check_report_form,
)


def nominee_findings(rep: Reporter, nominee, index: int) -> list[Finding]:
    """The findings of one nominee on its own (no other nominee, no unit)."""
    ctx = NomineeContext.of(rep, nominee, index)
    out = fields.check_nominee(ctx)
    if ctx.spec is not None:
        for rule in _KIND_RULES:
            out.extend(rule(ctx))
    out.extend(legacy.check_nominee(ctx))
    return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; stable within a severity."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


class Validator:
    """Validates dossiers against one pack, reusing per-nominee results between runs.

    ``today=None`` means the current date at each run.
    """

    def __init__(self, pack: CampaignPack, *, today: dt.date | None = None) -> None:
        self.pack = pack
        self.today = today
        self._rep = Reporter(pack)
        self._cache: dict[int, NomineeFacts] = {}
        self._round_key: tuple | None = None  # (own_rules, unit) the reporter was made for

    def _use_round(self, dossier: Dossier) -> None:
        """A unit's own Giấy khen round is checked against the pack with its own rules
        applied (desktop.validation.award_round); a change of those rules starts afresh."""
        key = (dossier.own_rules, dossier.unit) if dossier.own_rules is not None else None
        if key == self._round_key:
            return
        self._round_key = key
        self._rep = Reporter(award_round.round_pack(self.pack, dossier))
        self._cache = {}

    def _facts(self, dossier: Dossier) -> list[NomineeFacts]:
        old, new = self._cache, {}
        out = []
        for i, n in enumerate(dossier.nominees):
            f = old.get(id(n))
            if f is None or f.nominee is not n or f.index != i:
                f = facts_for(self._rep.pack, n, i, nominee_findings(self._rep, n, i))
            new[id(n)] = f
            out.append(f)
        self._cache = new
        return out

    def run(self, dossier: Dossier) -> list[Finding]:
        self._use_round(dossier)
        rep = self._rep
        today = self.today or dt.date.today()
        facts = self._facts(dossier)
        out: list[Finding] = []
        out.extend(dates.check_pack(rep, dossier))
        if not facts:
            out.append(rep.make("dossier.empty", path="nominees"))
        out.extend(fields.check_dossier(rep, dossier))
        for f in facts:
            out.extend(f.findings)
        out.extend(consistency.check_duplicates(rep, facts))
        out.extend(regime.check(rep, dossier))
        if dossier.own_rules is not None:  # the unit's own quota; it awards its own
            out.extend(award_round.check(rep, dossier, facts))
        elif regime.unit_kind_known(rep.pack, dossier):  # else the regime's finding says why
            out.extend(quota.check(rep, dossier.unit, facts))
            out.extend(routing.check(rep, dossier.unit, facts))
        out.extend(consistency.check_proposal(rep, dossier, facts))
        out.extend(council.check(rep, dossier, facts))
        out.extend(dates.check(rep, dossier, today))
        out.extend(dates.check_plan(rep))
        out.extend(priority.check(rep, facts))
        if dossier.own_rules is None:  # a Giấy khen round has no result report of its own
            out.extend(report.check(rep, dossier, today))
        out.extend(legacy.check_dossier(rep, dossier))
        out.extend(regime.check_templates(rep, dossier))
        return sort_findings(out)


def validate(dossier: Dossier, pack: CampaignPack, *,
             today: dt.date | None = None) -> list[Finding]:
    """Every finding of ``dossier`` under ``pack``, errors first (see :mod:`codes`)."""
    return Validator(pack, today=today).run(dossier)
