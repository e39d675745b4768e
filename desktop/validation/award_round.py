"""A unit's own Giấy khen round: the rules the unit set, as a campaign pack the engine reads.

Codes: ``round.rules_missing``, ``round.quota_exceeded``, ``round.criteria_empty``.

The unit's rules (``Dossier.own_rules``) are applied by deriving the pack the round is checked
and rendered against (:func:`round_pack`): the campaign pack with the unit's criteria, period,
award form, document set and required fields. Every other rule (fields, criteria answers,
achievement dates, duplicates, the council's quorum and vote) then works as for the Bằng
khen; the quota is the unit's (total and per nominee kind, :func:`check`), and there is no
routing: the unit awards its own. What HoSo needs besides the unit's rules (the award's
wording, the documents, the bonus coefficients and base salaries) is data:
``resources/award_rounds/giay-khen.toml``.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.models.award_round import GIAY_KHEN, KindCriteria, OwnRules
from desktop.models.campaign import (
    AwardForm,
    CampaignPack,
    DocumentSpec,
    Period,
    RoutingRule,
)
from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.paths import resources_dir
from desktop.textutil import nfc_deep
from desktop.validation.facts import NomineeFacts
from desktop.validation.messages import Reporter, join, label, part, two

ROUND_FILE = "giay-khen.toml"
_NO_DEADLINE = dt.date(9999, 12, 31)


@cache
def round_data() -> dict[str, Any]:
    """The parsed ``resources/award_rounds/giay-khen.toml``."""
    with (resources_dir() / "award_rounds" / ROUND_FILE).open("rb") as fh:
        return nfc_deep(tomllib.load(fh))


def head_title(pack: CampaignPack, dossier: Dossier) -> str:
    """The head's title as in a sentence ("Chủ tịch", "Giám đốc"): the unit's own, else the
    regime's for the unit's kind."""
    rule = pack.unit_rule(dossier.unit.kind)
    title = rule.signature.head if rule is not None else (dossier.unit.head_title or "")
    title = title.strip()
    return title[:1].upper() + title[1:].lower() if title else ""


def award_name(pack: CampaignPack, dossier: Dossier) -> str:
    """"Giấy khen của Chủ tịch Ủy ban nhân dân xã Bạch Đằng": the unit's wording, else the
    round data's pattern."""
    rules = dossier.own_rules
    if rules is not None and rules.award_name:
        return rules.award_name
    return str(round_data()["award_name"]).format(head=head_title(pack, dossier),
                                                  unit=dossier.unit.name).strip()


def campaign_phrase(pack: CampaignPack) -> str:
    title = pack.title
    return title[:1].lower() + title[1:] if title else ""


def achievement_text(pack: CampaignPack, dossier: Dossier) -> str:
    """What the awardees did, printed in the decision and on each certificate."""
    rules = dossier.own_rules
    if rules is not None and rules.achievement:
        return rules.achievement
    return str(round_data()["achievement"]).format(campaign=campaign_phrase(pack))


def fund_text(dossier: Dossier) -> str:
    rules = dossier.own_rules
    if rules is not None and rules.fund:
        return rules.fund
    return str(round_data()["fund"]).format(unit=dossier.unit.name)


def round_pack(pack: CampaignPack, dossier: Dossier) -> CampaignPack:
    """The pack a dossier is checked and rendered against: ``pack`` itself for a Bằng khen
    dossier; for a unit's own round, ``pack`` with the unit's rules applied."""
    rules = dossier.own_rules
    if rules is None:
        return pack
    return _derive(pack, dossier, rules)


def _derive(pack: CampaignPack, dossier: Dossier, rules: OwnRules) -> CampaignPack:
    data = round_data()
    kinds = []
    for spec in pack.nominee_kinds:
        own = rules.kind_criteria(spec.kind)
        kinds.append(spec if own is None else spec.model_copy(update={"criteria": own}))
    all_kinds = tuple(spec.kind for spec in pack.nominee_kinds)
    period = pack.achievement_period
    if rules.period_start and rules.period_end and rules.period_start <= rules.period_end:
        period = Period(start=rules.period_start, end=rules.period_end)
    window = Period(start=period.start, end=_NO_DEADLINE)  # nothing is uploaded
    unit_kinds = (dossier.unit.kind,) if dossier.unit.kind is not None else ()
    name = award_name(pack, dossier)
    return pack.model_copy(update={
        "award_forms": (AwardForm(id=GIAY_KHEN, name=name, nominee_kinds=all_kinds),),
        "default_award_form": GIAY_KHEN,
        "nominee_kinds": tuple(kinds),
        "achievement_period": period,
        "upload_window": window,
        "upload_channel": "",
        "quota_rules": (),
        "routing_rules": (RoutingRule(id="own-round", nominee_kinds=all_kinds,
                                      submitter_unit_kinds=unit_kinds,
                                      text=name),),
        "documents": tuple(DocumentSpec.model_validate(d) for d in data["documents"]),
        "dossier_required_fields": tuple(data["dossier_required_fields"]),
    })


def start_rules(pack: CampaignPack) -> OwnRules:
    """The rules a new round starts from: the campaign's criteria for every nominee kind and
    its achievement period, to edit; no quota (the unit must set it: ``round.rules_missing``
    says so until it does)."""
    period = pack.achievement_period
    return OwnRules(period_start=period.start, period_end=period.end,
                    criteria=tuple(KindCriteria(kind=s.kind, criteria=s.criteria)
                                   for s in pack.nominee_kinds))


def start_round(dossier: Dossier, pack: CampaignPack) -> Dossier:
    """A new dossier made the unit's own Giấy khen round: :func:`start_rules`, a title
    naming the award, and a decision signed by the head in his own name (symbol
    "QĐ-<unit's symbol>")."""
    from desktop.models.proposal import SigningAuthority

    d = dossier.model_copy(update={"own_rules": start_rules(pack)})
    name = award_name(pack, d)
    rule = pack.unit_rule(d.unit.kind)
    head = rule.signature.head if rule is not None else d.proposal.signer_title
    symbol = f"QĐ-{d.unit.symbol}" if d.unit.symbol else d.proposal.symbol
    proposal = d.proposal.model_copy(update={
        "symbol": symbol, "authority": SigningAuthority.DIRECT, "authority_body": "",
        "signer_title": head, "addressee": ""})
    title = str(round_data()["title"]).format(award=name)
    return d.model_copy(update={"proposal": proposal, "title": title})


# ---------------------------------------------------------------------------- the rules


def check(rep: Reporter, dossier: Dossier, facts: Sequence[NomineeFacts]) -> list[Finding]:
    """The unit's own rules: period and quota set, quota kept, criteria for each kind used."""
    rules = dossier.own_rules
    if rules is None:
        return []
    out: list[Finding] = []
    missing = []
    if rules.period_start is None:
        missing.append(("own_rules.period_start", "period_start"))
    if rules.period_end is None:
        missing.append(("own_rules.period_end", "period_end"))
    if rules.period_start and rules.period_end and rules.period_end < rules.period_start:
        missing.append(("own_rules.period_end", "period_order"))
    if not rules.quota.is_set:
        missing.append(("own_rules.quota", "quota"))
    for path, what in missing:
        out.append(rep.make("round.rules_missing", path=path, params={"what": what},
                            texts={"what_text": part(f"round.missing_{what}")}))
    counts: dict[str, int] = {}
    for f in facts:
        counts[str(f.nominee.kind)] = counts.get(str(f.nominee.kind), 0) + 1
    total = sum(counts.values())
    breakdown = join((part("round.count_kind", count=two(c),
                           kind=_kind_label(rep.pack, k)[0].lower()) for k, c in counts.items()),
                     sep=", ")
    base = {"total": two(total), "award": award_name(rep.pack, dossier)}
    if rules.quota.total is not None and total > rules.quota.total:
        out.append(rep.make("round.quota_exceeded", path="nominees", params={
            **base, "limit": "total", "max": two(rules.quota.total), "count": two(total)},
            texts={"breakdown": breakdown, "limit_text": part(
                "round.limit_total", max=two(rules.quota.total))}))
    for kind, limit in rules.quota.per_kind.items():
        count = counts.get(str(kind), 0)
        if count > limit:
            kind_label = _kind_label(rep.pack, kind)
            out.append(rep.make("round.quota_exceeded", path=f"own_rules.quota.per_kind.{kind}",
                                params={**base, "limit": str(kind), "max": two(limit),
                                        "count": two(count)},
                                texts={"breakdown": breakdown, "limit_text": part(
                                    "round.limit_kind", max=two(limit),
                                    kind=kind_label[0].lower()) if limit else part(
                                    "round.limit_none", kind=kind_label[0].lower())}))
    for kind in counts:
        own = rules.kind_criteria(kind)
        if own is not None and not own:
            out.append(rep.make("round.criteria_empty", path="own_rules.criteria",
                                params={"kind": kind, "count": two(counts[kind])},
                                texts={"kind_label": _kind_label(rep.pack, kind)}))
    out.extend(_bonus_note(rep, dossier, counts))
    return out


def _bonus_note(rep: Reporter, dossier: Dossier, counts: dict[str, int]) -> list[Finding]:
    bonuses = {k: bonus(rep.pack, k, dossier.proposal.date) for k in counts}
    known = {k: b for k, b in bonuses.items() if b is not None}
    if not known or all(b.confirmed for b in known.values()):
        return []
    first = next(iter(known.values()))
    coefficients = " và ".join(sorted({f"{b.coefficient:g}".replace(".", ",")
                                       for b in known.values()}))
    return [rep.make("round.bonus_unconfirmed", path="proposal.date", params={
        "coefficients": coefficients, "base_salary": f"{first.base_salary:,}".replace(",", "."),
        "law_article": first.law_article, "source": first.source})]


def _kind_label(pack: CampaignPack, kind: object) -> tuple[str, str]:
    spec = pack.kind_spec(str(kind))
    if spec is not None:
        return (spec.label, spec.label_en or spec.label)
    return label(f"enum.nominee_kind.{kind}")


# ---------------------------------------------------------------------------- the bonus


@dataclass(frozen=True)
class Bonus:
    """Tiền thưởng of one award: coefficient × base salary, rounded up; ``confirmed``
    False when the coefficient's source is not checked (printed normally, listed by Kiểm
    tra with the template notes)."""

    coefficient: float
    base_salary: int
    amount: int
    confirmed: bool
    source: str
    law_article: str


def _bonus_table(regime_id: str) -> dict[str, Any]:
    tables = round_data()["bonus"]
    table = dict(tables.get(regime_id, {}))
    seen = {regime_id}
    while "extends" in table:
        parent = table.pop("extends")
        if parent in seen:
            break
        seen.add(parent)
        table = {**tables.get(parent, {}), **table}
    return table


def base_salary(day: dt.date | None) -> tuple[int, str] | None:
    """Mức lương cơ sở in force on ``day`` (vnd, source), or None before the first entry."""
    if day is None:
        return None
    best = None
    for entry in round_data()["base_salary"]:
        if entry["from"] <= day and (best is None or entry["from"] >= best["from"]):
            best = entry
    return (int(best["vnd"]), str(best.get("source", ""))) if best else None


def bonus(pack: CampaignPack, kind: str, day: dt.date | None) -> Bonus | None:
    """The bonus of a Giấy khen to a nominee of ``kind`` decided on ``day`` (None: unknown)."""
    table = _bonus_table(pack.legal_regime)
    salary = base_salary(day)
    if kind not in table or salary is None:
        return None
    coefficient = float(table[kind])
    step = int(table.get("rounding_vnd", 1000)) or 1
    amount = math.ceil(round(coefficient * salary[0], 6) / step) * step
    return Bonus(coefficient, salary[0], amount, table.get("status") == "confirmed",
                 str(table.get("source", "")), str(table.get("law_article", "")))
