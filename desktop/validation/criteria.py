"""Criteria (tiêu chuẩn), achievements (thành tích), contributions (đóng góp), report form.

Codes: ``criterion.*``, ``achievement.*``, ``contribution.*``, ``report_form.*``,
``summary.missing``. Criterion texts, figure thresholds, the achievement period and who may
have a summary (tóm tắt thành tích) all come from the pack.
"""

from __future__ import annotations

from desktop.models.campaign import CampaignPack, Criterion, SummaryEligibility
from desktop.models.finding import Finding
from desktop.textutil import excerpt
from desktop.validation.context import NomineeContext
from desktop.validation.messages import fmt_date, fmt_number, part


def check_criteria(ctx: NomineeContext) -> list[Finding]:
    spec = ctx.spec
    if spec is None:
        return []
    out: list[Finding] = []
    answers = ctx.nominee.criteria
    doc = ctx.report_document
    for crit in spec.criteria:
        field = f"criteria.{crit.id}"
        params = _crit_params(ctx, crit)
        answer = answers.get(crit.id)
        if answer is None:
            out.append(ctx.make("criterion.missing", field, params=params, document=doc))
            continue
        if not answer.met:
            out.append(ctx.make("criterion.not_met", field, params=params, document=doc))
            continue
        if crit.requires_evidence and not answer.evidence:
            out.append(ctx.make("criterion.no_evidence", f"{field}.evidence", params=params,
                                document=doc))
        out.extend(_figures(ctx, crit, answer.figures, doc))
    known = _ids(ctx)
    for key in answers:
        if key not in known:
            out.append(ctx.make("criterion.unknown", f"criteria.{key}",
                                params={"criterion": key}, document=doc))
    return out


def _ids(ctx: NomineeContext) -> frozenset[str]:
    key = f"criteria:{ctx.nominee.kind}"
    found = ctx.rep.cache.get(key)
    if found is None:
        found = ctx.rep.cache[key] = frozenset(c.id for c in ctx.spec.criteria)
    return found


#: A percentage figure above this is a typing slip whatever the pack says (no pack maximum):
#: 1000 % leaves room for growth rates, and keeps "1e308 %" out of the documents.
PERCENT_MAX = 1000.0


def _maximum(fig) -> float | None:
    """The pack's maximum of a figure, or :data:`PERCENT_MAX` for a percentage without one."""
    if fig.max is not None:
        return fig.max
    return PERCENT_MAX if fig.unit.strip() == "%" else None


def _figures(ctx: NomineeContext, crit: Criterion, values: dict[str, float],
             doc: str) -> list[Finding]:
    out: list[Finding] = []
    for fig in crit.figures:
        path = f"criteria.{crit.id}.figures.{fig.id}"
        params = {**_crit_params(ctx, crit), "figure": fig.id, "figure_label": fig.label,
                  "unit": fig.unit}
        value = values.get(fig.id)
        if value is None:
            out.append(ctx.make("criterion.figure_missing", path, params=params, document=doc))
        elif fig.min is not None and value < fig.min:
            out.append(ctx.make("criterion.figure_below", path, document=doc, params={
                **params, "value": value, "min": fig.min,
                "value_text": fmt_number(value), "min_text": fmt_number(fig.min)}))
        elif (top := _maximum(fig)) is not None and value > top:
            out.append(ctx.make("criterion.figure_above", path, document=doc, params={
                **params, "value": value, "max": top,
                "value_text": fmt_number(value), "max_text": fmt_number(top)}))
    if values:
        known = {f.id for f in crit.figures}
        for key in values:
            if key not in known:
                out.append(ctx.make("criterion.figure_unknown",
                                    f"criteria.{crit.id}.figures.{key}", document=doc,
                                    params={**_crit_params(ctx, crit), "figure": key}))
    return out


def _crit_params(ctx: NomineeContext, crit: Criterion) -> dict:
    """How findings name a criterion: its id, its number in the kind's list and the start of
    its wording (one shared copy per criterion, computed once per pack)."""
    key = f"criterion:{ctx.nominee.kind}"
    named = ctx.rep.cache.get(key)
    if named is None:
        named = ctx.rep.cache[key] = {c.id: (n, excerpt(c.text))
                                      for n, c in enumerate(ctx.spec.criteria, 1)}
    number, text = named[crit.id]
    return {"criterion": crit.id, "criterion_no": number, "criterion_text": text}


def check_achievements(ctx: NomineeContext) -> list[Finding]:
    spec, n = ctx.spec, ctx.nominee
    if spec is None:
        return []
    out: list[Finding] = []
    period = ctx.pack.achievement_period
    doc = ctx.report_document
    pparams = {"period_start": fmt_date(period.start), "period_end": fmt_date(period.end)}
    if spec.achievements_required and not n.achievements:
        out.append(ctx.make("achievement.missing", "achievements", document=doc,
                            params=pparams))
    for j, ach in enumerate(n.achievements):
        path = f"achievements[{j}]"
        params = {"number": j + 1, "description": ach.description, **pparams,
                  "date_from": fmt_date(ach.date_from), "date_to": fmt_date(ach.date_to)}
        if not ach.description:
            out.append(ctx.make("achievement.no_description", f"{path}.description",
                                params=params, document=doc))
        first, last = ach.date_from or ach.date_to, ach.date_to or ach.date_from
        if first is None or last is None:
            out.append(ctx.make("achievement.date_missing", f"{path}.date_from",
                                params=params, document=doc))
            continue
        if first > last:
            out.append(ctx.make("achievement.dates_reversed", f"{path}.date_to",
                                params=params, document=doc))
            continue
        if last < period.start or first > period.end:
            out.append(ctx.make("achievement.date_outside_period", f"{path}.date_from",
                                params=params, document=doc))
        elif first < period.start or last > period.end:
            out.append(ctx.make("achievement.date_partly_outside", f"{path}.date_from",
                                params=params, document=doc))
    return out


def check_contributions(ctx: NomineeContext) -> list[Finding]:
    spec, n = ctx.spec, ctx.nominee
    if spec is None:
        return []
    out: list[Finding] = []
    period = ctx.pack.achievement_period
    doc = ctx.report_document
    if spec.contributions_required and not any(
        (c.workdays or 0) > 0 or (c.money_vnd or 0) > 0 or (c.land_m2 or 0) > 0
        for c in n.contributions
    ):
        out.append(ctx.make("contribution.missing", "contributions", document=doc))
    for j, con in enumerate(n.contributions):
        if con.date is not None and not period.contains(con.date):
            out.append(ctx.make("contribution.date_outside_period", f"contributions[{j}].date",
                                document=doc, params={
                                    "number": j + 1, "description": con.description,
                                    "date": fmt_date(con.date),
                                    "period_start": fmt_date(period.start),
                                    "period_end": fmt_date(period.end)}))
    return out


def summary_rule(pack: CampaignPack, nominee) -> SummaryEligibility | None:
    """The first summary-eligibility rule the nominee meets, or None."""
    for rule in pack.summary_eligibility:
        if nominee.kind not in rule.nominee_kinds:
            continue
        role = getattr(nominee, "role", None)
        if rule.roles and role not in rule.roles:
            continue
        if rule.require_no_leadership and holds_leadership(pack, nominee):
            continue
        return rule
    return None


def holds_leadership(pack: CampaignPack, nominee) -> bool:
    """Holds a leadership/management post: the flag, or a role the pack marks as such."""
    if getattr(nominee, "holds_leadership", False):
        return True
    role = getattr(nominee, "role", None)
    choice = pack.role(role) if role else None
    return bool(choice and choice.leadership)


def check_report_form(ctx: NomineeContext) -> list[Finding]:
    spec, n, pack = ctx.spec, ctx.nominee, ctx.pack
    if spec is None:
        return []
    form = str(n.report_form)
    allowed = part(f"report_form.{form}")
    if form not in spec.report_forms:
        return [ctx.make("report_form.not_allowed", "report_form",
                         params={"report_form": form, "allowed": list(spec.report_forms)},
                         texts={"form": allowed,
                                "kind_label": (spec.label, spec.label_en or spec.label)})]
    out: list[Finding] = []
    if form == "summary":
        if summary_rule(pack, n) is None:
            texts = [r.text for r in pack.summary_eligibility if n.kind in r.nominee_kinds] \
                or [r.text for r in pack.summary_eligibility]
            out.append(ctx.make("report_form.summary_not_eligible", "report_form",
                                params={"rule_text": " ".join(dict.fromkeys(texts))}))
        if not n.summary:
            out.append(ctx.make("summary.missing", "summary"))
    return out
