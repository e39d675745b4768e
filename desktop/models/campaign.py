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

from pydantic import BeforeValidator, ConfigDict, Field, PlainSerializer, model_validator

from desktop.models.base import Identifier, Model, Text
from desktop.models.council import VotingMethod
from desktop.models.finding import Severity
from desktop.models.nominee import NomineeKind
from desktop.models.proposal import SigningAuthority
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


class PlanReference(Sourced):
    """The campaign plan (kế hoạch phát động) the pack transcribes (``source``: "example: …"
    for a pack that is an example, not a real plan's transcription)."""

    title: Text
    number: Text = ""  # e.g. "1234/KH-UBND"; empty if not known
    date: dt.date | None = None
    issuer: Text = ""  # e.g. "Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng"
    grounds: tuple[Text, ...] = ()  # căn cứ quoted in documents
    # True: the loader puts the regime's grounds (law, decree) before these (packs written
    # for a regime then list only the campaign's own grounds: the plan, a decision).
    regime_grounds: bool = False


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


def _optional_in_file(*names: str):
    """json_schema_extra: fields a pack file may leave to its regime (the loader fills them
    in, desktop.packs.regimes.complete_from_regime) are not required in the file's schema."""
    def edit(schema: dict) -> None:
        schema["required"] = [n for n in schema.get("required", []) if n not in names]
    return edit


class NomineeKindSpec(Model):
    """What a nominee kind needs in this campaign (``report_forms``: the regime's default
    for the kind when the pack file leaves it out)."""

    model_config = ConfigDict(**Model.model_config,
                              json_schema_extra=_optional_in_file("report_forms"))

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
    # The template version the pack was written for; empty = the regime's current one.
    # `hoso pack check` refuses a pack whose pinned version the regime does not have.
    template_version: Text = ""
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


# ---------------------------------------------------------------------------- legal regime

ReportForm = Literal["full_report", "summary"]


class AdminLevel(Model):
    """An administrative level of the regime (cấp tỉnh, cấp huyện, cấp xã).

    ``submits_to``: the level a unit of this level files with (None: the deciding level).
    ``unit_words``: the words that name a unit of this level in an address ("huyện",
    "thị xã"); a level that has ``ended`` flags them in dossiers of later regimes.
    """

    id: Identifier
    label: Text
    label_en: Text = ""
    submits_to: Identifier | None = None
    unit_words: tuple[Text, ...] = ()
    ended: dt.date | None = None  # the level ceased to exist (districts: 01/07/2025)


class SignatureTitles(Model):
    """Ô 7a of a unit kind's documents: prefix, collective body and the head's titles."""

    authority: SigningAuthority = SigningAuthority.DIRECT  # TM. for a People's Committee
    body: Text = ""  # for TM.: "ỦY BAN NHÂN DÂN"
    head: Text  # "CHỦ TỊCH", "GIÁM ĐỐC"
    deputy: Text = ""  # signs KT. (ký thay): "PHÓ CHỦ TỊCH", "PHÓ GIÁM ĐỐC"


class UnitKindRule(Sourced):
    """A kind of proposing unit under the regime: its level, header and signature.

    ``superior`` is the header's upper line (cơ quan chủ quản, ô 2) as a pattern with
    ``{province}`` and ``{district}``; empty when the unit's own name stands alone
    ("ỦY BAN NHÂN DÂN" / "XÃ …").
    """

    kind: UnitKind
    level: Identifier
    label: Text
    label_en: Text = ""
    superior: Text = ""
    signature: SignatureTitles


class TemplateRef(Sourced):
    """A document template of the regime, with its version and the status of its source.

    ``status = "unconfirmed"``: the wording follows a form HoSo could not check against the
    official text (Công báo); documents print normally, Kiểm tra names the template.
    """

    id: Identifier  # file resources/templates/<id>.toml, or templates/<id>.toml in the pack
    version: Annotated[str, Field(pattern=r"^\d+(\.\d+)*$")]
    status: Literal["confirmed", "unconfirmed"]
    title: Text  # e.g. "Mẫu số 07, Nghị định số 91/2017/NĐ-CP"


class Regime(Sourced):
    """The legal regime (chế độ pháp lý) a campaign is run under, as data.

    Law and decree, administrative levels and how they route, the kinds of units with their
    header and signature, the document templates with version and status, the default
    document set, report forms per nominee kind and council rules. Files live in
    ``resources/regimes/`` (or ``regimes/`` inside a pack folder); a pack names one with
    ``legal_regime``.
    """

    id: Text  # "2003/ND91", "2022/ND98", "2022/ND152"
    title: Text
    law: Text
    decree: Text
    effective_from: dt.date
    effective_to: dt.date | None = None
    grounds: tuple[Text, ...] = ()  # law and decree as quoted after "Căn cứ"
    levels: tuple[AdminLevel, ...]
    deciding_level: Identifier  # whose head awards the campaign's Bằng khen
    unit_kinds: tuple[UnitKindRule, ...]
    templates: tuple[TemplateRef, ...]
    # Keys of the ``[regime."…"]`` override tables of template files applied, in order (a
    # later regime can reuse the wording of an earlier one, e.g. "theo chuyên đề").
    template_variants: tuple[Text, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()  # default document set of a pack
    report_forms: dict[NomineeKind, tuple[ReportForm, ...]] = Field(default_factory=dict)
    council: CouncilRules | None = None  # default quorum and threshold

    @model_validator(mode="after")
    def _consistent(self) -> Regime:
        levels = {lv.id for lv in self.levels}
        if len(levels) != len(self.levels):
            raise ValueError("a level is described twice")
        if self.deciding_level not in levels:
            raise ValueError(f"deciding_level {self.deciding_level!r} is not a level")
        for lv in self.levels:
            if lv.submits_to is not None and lv.submits_to not in levels:
                raise ValueError(f"level {lv.id}: submits_to {lv.submits_to!r} is not a level")
        for rule in self.unit_kinds:
            if rule.level not in levels:
                raise ValueError(f"unit kind {rule.kind}: unknown level {rule.level!r}")
        kinds = [r.kind for r in self.unit_kinds]
        if len(kinds) != len(set(kinds)):
            raise ValueError("a unit kind is described twice")
        ids = [t.id for t in self.templates]
        if len(ids) != len(set(ids)):
            raise ValueError("a template is listed twice")
        for doc in self.documents:
            if doc.template and doc.template not in ids:
                raise ValueError(f"document {doc.id}: template {doc.template!r} is not listed")
        self.chain(self.deciding_level)  # no cycle
        return self

    def level(self, level_id: str) -> AdminLevel | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def unit_kind(self, kind: UnitKind | str | None) -> UnitKindRule | None:
        return next((r for r in self.unit_kinds if r.kind == kind), None)

    def template(self, template_id: str) -> TemplateRef | None:
        return next((t for t in self.templates if t.id == template_id), None)

    def chain(self, level_id: str) -> tuple[str, ...]:
        """The levels a dossier passes from ``level_id`` up to the deciding level."""
        out = [level_id]
        current = self.level(level_id)
        while current is not None and current.submits_to is not None:
            if current.submits_to in out:
                raise ValueError(f"levels submit in a circle: {[*out, current.submits_to]}")
            out.append(current.submits_to)
            current = self.level(current.submits_to)
        return tuple(out)

    def route_for(self, kind: UnitKind | str | None) -> tuple[str, ...]:
        """The route of a unit kind's dossier, level by level (empty for an unknown kind)."""
        rule = self.unit_kind(kind)
        return self.chain(rule.level) if rule else ()

    def ended_levels(self) -> tuple[AdminLevel, ...]:
        """Levels that no longer exist under this regime (e.g. districts since 01/07/2025)."""
        return tuple(lv for lv in self.levels if lv.ended is not None)


class FormerUnit(Model):
    """A former administrative unit (a district, a town), by its name and when it ended.

    Dossiers of a regime in force from ``ended`` on are flagged when they name it.
    """

    name: Text  # "Hòa An"
    words: tuple[Text, ...]  # "huyện"; "thành phố", "TP."; "thị trấn"
    ended: dt.date


class PlaceNames(Sourced):
    """Place names of a province across the reform (resources/places/<id>.toml)."""

    id: Identifier
    province: Text
    former_units: tuple[FormerUnit, ...] = ()


class CampaignPack(Model):
    """A campaign pack: the rules of one emulation campaign (đợt thi đua), as data.

    ``council`` and ``documents`` may be left to the regime in the pack file.
    """

    model_config = ConfigDict(**Model.model_config,
                              json_schema_extra=_optional_in_file("council", "documents"))

    pack_format: Literal[1] = PACK_FORMAT
    id: Identifier
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: Text
    short_title: Text
    province: Text
    legal_regime: Text = "2003/ND91"  # a file of resources/regimes ("2003/ND91", "2022/ND152")
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
    # The longest name (nominee, head of household) the campaign's forms hold, when shorter
    # than HoSo's own bound (LINE_MAX, 200): a longer one is the error field.too_long.
    name_max_length: int | None = Field(default=None, ge=10, le=200)
    # Filled by the pack loader: the regime named by ``legal_regime`` (its file, unless the
    # pack writes it inline) and the place names named by ``place_names``. A dossier's
    # stored pack copy keeps both, so an old dossier keeps its regime.
    regime: Regime | None = None
    place_names: Identifier | None = None
    places: PlaceNames | None = None

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
        if self.regime is not None:
            self._consistent_with_regime(self.regime)
        return self

    def _consistent_with_regime(self, regime: Regime) -> None:
        if regime.id != self.legal_regime:
            raise ValueError(f"regime {regime.id!r} is not legal_regime {self.legal_regime!r}")
        known = {r.kind for r in regime.unit_kinds}
        for rule in self.quota_rules:
            for kind in rule.unit_kinds:
                if kind not in known:
                    raise ValueError(f"quota rule {rule.id}: unit kind {kind!r} does not "
                                     f"exist under regime {regime.id}")
        for rule in self.routing_rules:
            for kind in (*rule.submitter_unit_kinds, *rule.preparer_unit_kinds):
                if kind not in known:
                    raise ValueError(f"routing rule {rule.id}: unit kind {kind!r} does not "
                                     f"exist under regime {regime.id}")
        for doc in self.documents:
            if not doc.template:
                continue
            ref = regime.template(doc.template)
            if ref is None:
                raise ValueError(f"document {doc.id}: template {doc.template!r} is not a "
                                 f"template of regime {regime.id}")
            if doc.template_version and doc.template_version != ref.version:
                raise ValueError(f"document {doc.id}: template {doc.template} version "
                                 f"{doc.template_version} (regime {regime.id} has {ref.version})")

    def unit_rule(self, kind: UnitKind | str | None) -> UnitKindRule | None:
        """The regime's rule for a unit kind (level, header, signature), if any."""
        return self.regime.unit_kind(kind) if self.regime else None

    def route_for(self, kind: UnitKind | str | None) -> tuple[str, ...]:
        """Levels from a unit kind up to the deciding level ("commune", "province")."""
        return self.regime.route_for(kind) if self.regime else ()

    def superior_line(self, kind: UnitKind | str | None, *, district: str = "") -> str:
        """The header's upper line for a unit kind from the regime ("" if it stands alone)."""
        rule = self.unit_rule(kind)
        if rule is None or not rule.superior:
            return ""
        if "{district}" in rule.superior and not district:
            return ""
        return rule.superior.format(province=self.province, district=district)

    def document_template(self, doc: DocumentSpec) -> TemplateRef | None:
        return self.regime.template(doc.template) if self.regime and doc.template else None

    def kind_spec(self, kind: NomineeKind | str) -> NomineeKindSpec | None:
        return next((k for k in self.nominee_kinds if k.kind == kind), None)

    def award_form(self, form_id: str) -> AwardForm | None:
        return next((f for f in self.award_forms if f.id == form_id), None)

    def role(self, role_id: str) -> Choice | None:
        return next((r for r in self.individual_roles if r.id == role_id), None)
