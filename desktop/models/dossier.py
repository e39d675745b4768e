"""The dossier (hồ sơ đề nghị khen thưởng): everything one unit sends for one campaign."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from desktop.models.award_round import OwnRules
from desktop.models.base import Count, Identifier, Line, Model
from desktop.models.council import CouncilMeeting
from desktop.models.nominee import Nominee
from desktop.models.proposal import Proposal
from desktop.models.report import ResultReport
from desktop.models.unit import Unit

#: Version of the dossier JSON format. Bump with a migration when the shape changes.
DOSSIER_SCHEMA_VERSION = 1


class DossierState(StrEnum):
    DRAFT = "draft"  # may hold errors
    VALIDATED = "validated"  # frozen snapshot with zero errors
    EXPORTED = "exported"  # a package was made from it


class PackRef(Model):
    """Which campaign pack (and version) the dossier is written against."""

    id: Identifier
    version: Line


class Dossier(Model):
    """Hồ sơ đề nghị khen thưởng: unit, nominees, council meeting and proposal.

    With ``own_rules`` the dossier is the unit's own Giấy khen round: ``proposal`` then holds
    the decision (Quyết định khen thưởng) the head signs.

    ``result_report`` (báo cáo kết quả đợt thi đua) is written after the campaign; it has a
    default, so dossier files without it still load (the file format stays version 1).
    """

    schema_version: Literal[1] = DOSSIER_SCHEMA_VERSION
    id: Identifier
    revision: Count = 1
    state: DossierState = DossierState.DRAFT
    pack: PackRef
    title: Line = ""
    unit: Unit = Field(default_factory=Unit)
    nominees: tuple[Nominee, ...] = ()
    council: CouncilMeeting = Field(default_factory=CouncilMeeting)
    proposal: Proposal = Field(default_factory=Proposal)
    result_report: ResultReport = Field(default_factory=ResultReport)
    # A unit's own Giấy khen round (desktop.models.award_round): the unit's quota, period and
    # criteria; None for a Bằng khen dossier sent up to the province.
    own_rules: OwnRules | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @model_serializer(mode="wrap")
    def _drop_unset_own_rules(self, handler: SerializerFunctionWrapHandler):
        data = handler(self)  # a Bằng khen dossier's JSON stays as it was
        if isinstance(data, dict) and data.get("own_rules", 0) is None:
            del data["own_rules"]
        return data

    @property
    def is_own_round(self) -> bool:
        """A unit's own Giấy khen round (the unit decides; nothing goes up)."""
        return self.own_rules is not None

    def nominee(self, nominee_id: str):
        """The nominee with this id, or None."""
        return next((n for n in self.nominees if n.id == nominee_id), None)
