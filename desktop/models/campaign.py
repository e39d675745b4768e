"""Campaign pack schema (gói đợt thi đua): every rule of a campaign, as data.

A pack is one TOML file under ``resources/campaigns/<id>/pack.toml``. The next campaign,
another province or the templates of Decree 98/2023 need a new pack, not a new release.
``source`` fields say where a value comes from ("Kế hoạch, mục IV.2", or "unknown: …" for
values the plan does not fix and a pack author must confirm).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, model_validator

from desktop.models.base import Identifier, Model, Text
from desktop.models.council import VotingMethod
from desktop.models.finding import Severity
from desktop.models.nominee import NomineeKind
from desktop.models.unit import UnitKind

PACK_FORMAT = 1


def _fraction(value: object) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("expected a fraction such as \"2/3\" or \"0.7\"")
    try:
        frac = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"not a fraction: {value!r}") from exc
    if not 0 < frac <= 1:
        raise ValueError("a fraction must be greater than 0 and at most 1")
    return frac


#: A share written as "2/3" or "0.7" in the pack, kept exact (required votes round up).
Share = Annotated[
    Fraction,
    BeforeValidator(_fraction),
    PlainSerializer(lambda f: f"{f.numerator}/{f.denominator}", return_type=str),
]


class Sourced(Model):
    source: Text = ""  # where the value comes from; "unknown: …" when not confirmed


class PlanReference(Model):
    """The campaign plan (kế hoạch phát động) the pack transcribes."""

    title: Text
    number: Text = ""  # e.g. "1234/KH-UBND"; empty if not known
    date: dt.date | None = None
    issuer: Text = ""  # e.g. "Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng"
    grounds: tuple[Text, ...] = ()  # căn cứ quoted in documents


class Period(Model):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class AwardForm(Model):
    """Hình thức khen thưởng, e.g. Bằng khen của Chủ tịch UBND tỉnh."""

    id: Identifier
    name: Text
    nominee_kinds: tuple[NomineeKind, ...]


class FigureSpec(Model):
    """A figure a criterion asks for, with its threshold (e.g. ≥ 100 % of planned tasks)."""

    id: Identifier
    label: Text
    unit: Text = "%"
    min: float | None = None
    max: float | None = None


class Criterion(Model):
    """Tiêu chuẩn: one criterion in the plan's exact wording."""

    id: Identifier
    text: Text
    requires_evidence: bool = True
    figures: tuple[FigureSpec, ...] = ()
    source: Text = ""
    # Marks for reports: "works" = the criterion asks for works or activities dedicated to the
    # campaign (công trình, phần việc chào mừng); the result report counts its "met" answers.
    tags: tuple[Identifier, ...] = ()


class Choice(Model):
    """An entry of a pick list defined by the pack (individual roles, collective types)."""

    id: Identifier
    label: Text
    leadership: bool = False  # for roles: a leadership/management post
    label_en: Text = ""


class NomineeKindSpec(Model):
    """What a nominee kind needs in this campaign."""

    kind: NomineeKind
    label: Text  # Vietnamese name, e.g. "Tập thể"
    label_en: Text = ""
    counts_as: Literal["collective", "individual"]  # for quotas
    required_fields: tuple[Identifier, ...]
    criteria: tuple[Criterion, ...]
    report_forms: tuple[Literal["full_report", "summary"], ...]
    achievements_required: bool = True
    contributions_required: bool = False

    @model_validator(mode="after")
    def _unique_criteria(self) -> NomineeKindSpec:
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate criterion id in {self.kind}")
        return self


class QuotaRule(Sourced):
    """Số lượng: how many nominees a kind of unit may propose.

    ``emulation_group``: True = only units in a provincial block/cluster, False = only units
    outside one, None = any. ``max_total`` with ``max_collective = max_individual = 1`` and
    ``max_total = 1`` expresses "01 tập thể hoặc 01 cá nhân". A rule without limits says
    that this kind of unit has no quota of its own (its nominees are consolidated upstream).
    """

    id: Identifier
    unit_kinds: tuple[UnitKind, ...]
    emulation_group: bool | None = None
    max_total: int | None = Field(default=None, ge=1)
    max_collective: int | None = Field(default=None, ge=0)
    max_individual: int | None = Field(default=None, ge=0)
    text: Text  # the plan's wording, shown in messages


class RoutingRule(Sourced):
    """Tuyến trình: which kind of unit submits which nominees to the province.

    Rules are tried in order; the first whose conditions match a nominee applies.
    ``submitter_unit_kinds`` submit directly; ``preparer_unit_kinds`` may include the
    nominee but the dossier goes up through a submitter (e.g. a commune through its
    district). ``requires_managed_by_unit``: the unit must manage the nominee's staffing and
    payroll.
    """

    id: Identifier
    nominee_kinds: tuple[NomineeKind, ...]
    roles: tuple[Identifier, ...] = ()  # individual roles; empty = any
    collective_types: tuple[Identifier, ...] = ()  # empty = any
    in_emulation_group: bool | None = None  # collectives only; None = any
    submitter_unit_kinds: tuple[UnitKind, ...]
    preparer_unit_kinds: tuple[UnitKind, ...] = ()
    requires_managed_by_unit: bool = False
    text: Text


class PriorityGroup(Model):
    """Đối tượng ưu tiên: the plan asks to favour these nominees."""

    id: Identifier
    label: Text
    nominee_kinds: tuple[NomineeKind, ...]
    roles: tuple[Identifier, ...] = ()  # for individuals; empty = any of the kinds
    exclude_leadership: bool = False


class SummaryEligibility(Sourced):
    """Who may have a short summary (tóm tắt thành tích) instead of a Mẫu 07 report."""

    nominee_kinds: tuple[NomineeKind, ...]
    roles: tuple[Identifier, ...] = ()
    require_no_leadership: bool = False
    text: Text


class CouncilRules(Sourced):
    """Quorum and vote threshold of the unit's awards council.

    ``approval_base``: the votes are counted against all members, the members present, or
    the members present plus those who answered in writing. Required votes round up:
    70 % of 9 = 6.3 → 7.
    """

    quorum: Share
    approval: Share
    approval_base: Literal["total_members", "present", "present_plus_written"]
    voting_methods: tuple[VotingMethod, ...] = (VotingMethod.SHOW_OF_HANDS,
                                                VotingMethod.SECRET_BALLOT)
    rule_text: Text  # printed in the minutes


class DocumentSpec(Model):
    """A document of the dossier (tờ trình, biên bản, báo cáo thành tích…)."""

    id: Identifier
    title: Text
    per_nominee: bool = False
    report_form: Literal["full_report", "summary"] | None = None  # for per-nominee documents
    template: Text = ""  # template id, e.g. "nd91-mau07"
    required: bool = True
    # The final upload package needs a signed copy (bản ký, đóng dấu, quét) of this document:
    # printed, signed, stamped, then scanned or photographed (desktop.scans).
    signed_copy_required: bool = False


#: Figure tables of the result report (desktop.report): nominees by kind, priority groups,
#: ethnic groups, contributions (workdays, money, land), achievements and works, awards.
FigureTable = Literal["nominees", "priority", "ethnic_groups", "contributions",
                      "achievements", "awards"]


class OutlineItem(Model):
    """A heading of the campaign result report outline (đề cương báo cáo).

    ``figure_tables``: the tables of figures HoSo computes from the dossiers, printed under
    this heading (with their charts) in the order given.
    """

    number: Text  # "I", "1"
    title: Text
    children: tuple[OutlineItem, ...] = ()
    figure_tables: tuple[FigureTable, ...] = ()


class ResultReport(Model):
    deadline: dt.date
    addressee: Text
    title: Text
    outline: tuple[OutlineItem, ...]


class PortalLimits(Sourced):
    """Limits of the province's online service; unknown ones stay configurable."""

    max_file_mb: float | None = None
    max_package_mb: float | None = None
    accepted_extensions: tuple[Text, ...] = ()


class CampaignPack(Model):
    """A campaign pack: the rules of one emulation campaign (đợt thi đua), as data."""

    pack_format: Literal[1] = PACK_FORMAT
    id: Identifier
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: Text
    short_title: Text
    province: Text
    legal_regime: Text  # "2003/ND91" or "2022/ND98"
    plan: PlanReference
    achievement_period: Period
    upload_window: Period
    upload_channel: Text = ""
    award_forms: tuple[AwardForm, ...]
    default_award_form: Identifier
    nominee_kinds: tuple[NomineeKindSpec, ...]
    individual_roles: tuple[Choice, ...]
    collective_types: tuple[Choice, ...]
    quota_rules: tuple[QuotaRule, ...]
    routing_rules: tuple[RoutingRule, ...]
    priority_groups: tuple[PriorityGroup, ...] = ()
    priority_note: Text = ""
    summary_eligibility: tuple[SummaryEligibility, ...] = ()
    council: CouncilRules
    documents: tuple[DocumentSpec, ...]
    result_report: ResultReport
    ethnic_code_system: Identifier  # e.g. "tctk-121-1979"; the list is shared reference data
    ethnic_groups: tuple[Choice, ...] = ()  # filled by the pack loader from resources/reference
    ethnic_common: tuple[Identifier, ...] = ()  # codes listed first in pickers
    portal: PortalLimits = Field(default_factory=PortalLimits)
    dossier_required_fields: tuple[Text, ...] = ()  # dotted paths, e.g. "proposal.date"
    severity_overrides: dict[Text, Severity] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> CampaignPack:
        forms = {f.id for f in self.award_forms}
        if self.default_award_form not in forms:
            raise ValueError(f"default_award_form {self.default_award_form!r} is not an award form")
        kinds = [k.kind for k in self.nominee_kinds]
        if len(kinds) != len(set(kinds)):
            raise ValueError("a nominee kind is described twice")
        roles = {r.id for r in self.individual_roles}
        ctypes = {c.id for c in self.collective_types}
        for rule in self.routing_rules:
            for role in rule.roles:
                if role not in roles:
                    raise ValueError(f"routing rule {rule.id}: unknown role {role!r}")
            for ctype in rule.collective_types:
                if ctype not in ctypes:
                    raise ValueError(f"routing rule {rule.id}: unknown collective type {ctype!r}")
        for group in self.priority_groups:
            for role in group.roles:
                if role not in roles:
                    raise ValueError(f"priority group {group.id}: unknown role {role!r}")
        for rule in self.summary_eligibility:
            for role in rule.roles:
                if role not in roles:
                    raise ValueError(f"summary rule: unknown role {role!r}")
        return self

    def kind_spec(self, kind: NomineeKind | str) -> NomineeKindSpec | None:
        return next((k for k in self.nominee_kinds if k.kind == kind), None)

    def award_form(self, form_id: str) -> AwardForm | None:
        return next((f for f in self.award_forms if f.id == form_id), None)

    def role(self, role_id: str) -> Choice | None:
        return next((r for r in self.individual_roles if r.id == role_id), None)
