"""Nominees (đối tượng đề nghị khen thưởng): four kinds, one discriminated union.

Fields are optional so that a draft can be saved half-typed; which fields a kind needs is
campaign data (``NomineeKindSpec.required_fields`` in the pack) checked by the rule engine.
Pydantic only rejects what can never be right (a year of "19a5", a negative amount).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from desktop.models.base import (
    Amount,
    Area,
    BirthYear,
    Count,
    Day,
    Figure,
    Identifier,
    Line,
    Model,
    Text,
    Vnd,
)
from desktop.models.consolidation import NomineeOrigin


class NomineeKind(StrEnum):
    COLLECTIVE = "collective"  # tập thể
    INDIVIDUAL = "individual"  # cá nhân
    HOUSEHOLD = "household"  # hộ gia đình
    RESIDENT = "resident"  # cá nhân là người dân trong cộng đồng dân cư


class Gender(StrEnum):
    MALE = "male"  # nam
    FEMALE = "female"  # nữ


class ReportForm(StrEnum):
    """Which achievement document the nominee gets."""

    FULL_REPORT = "full_report"  # báo cáo thành tích, Mẫu số 07 (Decree 91/2017)
    SUMMARY = "summary"  # tóm tắt thành tích, written by the proposing unit


class CriterionAnswer(Model):
    """The answer to one criterion (tiêu chuẩn) of the pack: met or not, evidence, figures.

    ``figures`` holds the measured values the pack asks for, keyed by the figure id of the
    criterion (e.g. ``tasks_completed_pct`` → 100, ``tasks_exceeded_pct`` → 25).
    """

    met: bool = False
    evidence: Text = ""
    figures: dict[Identifier, Figure] = Field(default_factory=dict)


class Achievement(Model):
    """One achievement (thành tích) with its dates, figures and evidence."""

    description: Text = ""
    date_from: Day | None = None
    date_to: Day | None = None
    figures: Text = ""  # e.g. "Thu ngân sách đạt 112% dự toán"
    evidence: Text = ""  # e.g. "Báo cáo số 45/BC-UBND ngày 30/6/2023"


class Contribution(Model):
    """A resident's or household's contribution (đóng góp): workdays, money, land."""

    description: Text = ""
    date: Day | None = None
    workdays: Amount | None = None  # ngày công
    money_vnd: Vnd | None = None  # tiền, đồng
    land_m2: Area | None = None  # hiến đất, m²


class NomineeBase(Model):
    id: Identifier
    award_form: Identifier | None = None  # id of an award form of the pack; None = pack default
    report_form: ReportForm = ReportForm.FULL_REPORT
    criteria: dict[Identifier, CriterionAnswer] = Field(default_factory=dict)
    achievements: tuple[Achievement, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    summary: Text = ""  # tóm tắt thành tích (short text) or the report's narrative
    note: Text = ""  # ghi chú in the nomination list
    #: set on nominees a forwarding unit took from a received package (nguồn: which unit,
    #: which package); absent from the JSON of every other nominee
    origin: NomineeOrigin | None = None

    @model_serializer(mode="wrap")
    def _drop_unset_origin(self, handler: SerializerFunctionWrapHandler):
        data = handler(self)
        if isinstance(data, dict) and data.get("origin", 0) is None:
            del data["origin"]
        return data


class Collective(NomineeBase):
    """Tập thể: an agency, locality, sub-unit, enterprise, cooperative, hamlet…"""

    kind: Literal[NomineeKind.COLLECTIVE] = NomineeKind.COLLECTIVE
    name: Line = ""
    collective_type: Identifier | None = None  # id from the pack's collective types
    address: Line = ""
    phone: Line = ""
    head_name: Line = ""  # thủ trưởng
    staff_count: Count | None = None
    functions: Text = ""  # chức năng, nhiệm vụ
    in_emulation_group: bool = False  # member of a provincial block/cluster itself
    managed_by_unit: bool = True  # under the proposing unit's staffing and payroll


class PersonFields(NomineeBase):
    full_name: Line = ""
    birth_year: BirthYear | None = None
    gender: Gender | None = None
    ethnicity: Annotated[str, Field(pattern=r"^\d{2}$")] | None = None  # code, 01–54, 99
    address: Line = ""  # nơi ở / xóm, tổ dân phố, xã


class Individual(PersonFields):
    """Cá nhân: official, public employee, worker, soldier, student…"""

    kind: Literal[NomineeKind.INDIVIDUAL] = NomineeKind.INDIVIDUAL
    alias: Line = ""
    role: Identifier | None = None  # id from the pack's individual roles
    holds_leadership: bool = False  # giữ chức vụ lãnh đạo, quản lý
    position: Line = ""  # chức vụ
    workplace: Line = ""  # đơn vị công tác
    hometown: Line = ""  # quê quán
    occupation: Line = ""  # nghề nghiệp
    managed_by_unit: bool = True


class Household(NomineeBase):
    """Hộ gia đình, named by its head (chủ hộ)."""

    kind: Literal[NomineeKind.HOUSEHOLD] = NomineeKind.HOUSEHOLD
    head_name: Line = ""
    head_birth_year: BirthYear | None = None
    head_gender: Gender | None = None
    ethnicity: Annotated[str, Field(pattern=r"^\d{2}$")] | None = None
    address: Line = ""
    members_count: Count | None = None
    occupation: Line = ""  # ngành nghề sản xuất, kinh doanh
    annual_income_vnd: Vnd | None = None
    jobs_created: Count | None = None


class Resident(PersonFields):
    """Cá nhân là người dân trong cộng đồng dân cư (xóm, tổ dân phố)."""

    kind: Literal[NomineeKind.RESIDENT] = NomineeKind.RESIDENT
    occupation: Line = ""


Nominee = Annotated[Collective | Individual | Household | Resident, Field(discriminator="kind")]


def nominee_name(nominee: Collective | Individual | Household | Resident) -> str:
    """The name a person reads: collective name, person's full name or household head."""
    if isinstance(nominee, Collective):
        return nominee.name
    if isinstance(nominee, Household):
        return nominee.head_name
    return nominee.full_name
