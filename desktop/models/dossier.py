"""The dossier (hồ sơ đề nghị khen thưởng): everything one unit sends for one campaign."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

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
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    def nominee(self, nominee_id: str):
        """The nominee with this id, or None."""
        return next((n for n in self.nominees if n.id == nominee_id), None)
