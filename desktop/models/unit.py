"""The proposing unit (đơn vị): the office whose secretary builds the dossier."""

from __future__ import annotations

from enum import StrEnum

from desktop.models.base import Line, Model


class UnitKind(StrEnum):
    """Kind of proposing unit; campaign packs key quotas and routing on it."""

    PROVINCIAL_DEPARTMENT = "provincial_department"  # sở, ban, ngành, đoàn thể tỉnh
    DISTRICT = "district"  # huyện, thành phố (UBND cấp huyện)
    EDUCATION_DEPARTMENT = "education_department"  # Sở Giáo dục và Đào tạo
    HEALTH_DEPARTMENT = "health_department"  # Sở Y tế
    COMMUNE = "commune"  # xã, phường, thị trấn
    ENTERPRISE = "enterprise"  # doanh nghiệp
    COOPERATIVE = "cooperative"  # hợp tác xã
    OTHER = "other"


class ManagingLevel(StrEnum):
    """Administrative level the unit belongs to (cấp quản lý)."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Unit(Model):
    """Đơn vị: the proposing unit, as printed in the header of its documents.

    ``parent_body`` is the upper line of the header (cơ quan chủ quản, e.g. "UBND TỈNH CAO
    BẰNG"), ``name`` the issuing body (e.g. "SỞ Y TẾ" or "Ủy ban nhân dân xã Bình Dương"),
    ``symbol`` the issuer code used in document numbers ("UBND", "SYT"), ``locality`` the
    place name of the date line ("Hòa An, ngày … tháng … năm …").
    """

    name: Line = ""
    kind: UnitKind | None = None
    managing_level: ManagingLevel | None = None
    emulation_group: Line | None = None  # khối/cụm thi đua thuộc tỉnh, when a member
    parent_body: Line | None = None
    symbol: Line | None = None
    locality: Line | None = None
    province: Line | None = None
    district: Line | None = None
    address: Line | None = None
    phone: Line | None = None
    email: Line | None = None
    head_name: Line | None = None  # thủ trưởng đơn vị
    head_title: Line | None = None
