"""Pure pydantic domain models of HoSo: no I/O, no Qt, no SQL."""

from desktop.models.campaign import CampaignPack
from desktop.models.council import CouncilMeeting, CouncilMember, Vote, VotingMethod
from desktop.models.dossier import DOSSIER_SCHEMA_VERSION, Dossier, DossierState, PackRef
from desktop.models.finding import Finding
from desktop.models.nominee import (
    Achievement,
    Collective,
    Contribution,
    CriterionAnswer,
    Gender,
    Household,
    Individual,
    Nominee,
    NomineeKind,
    ReportForm,
    Resident,
    nominee_name,
)
from desktop.models.proposal import Proposal, SigningAuthority
from desktop.models.report import ResultReport
from desktop.models.unit import ManagingLevel, Unit, UnitKind

__all__ = [
    "DOSSIER_SCHEMA_VERSION",
    "Achievement",
    "CampaignPack",
    "Collective",
    "Contribution",
    "CouncilMeeting",
    "CouncilMember",
    "CriterionAnswer",
    "Dossier",
    "DossierState",
    "Finding",
    "Gender",
    "Household",
    "Individual",
    "ManagingLevel",
    "Nominee",
    "NomineeKind",
    "PackRef",
    "Proposal",
    "ReportForm",
    "Resident",
    "ResultReport",
    "SigningAuthority",
    "Unit",
    "UnitKind",
    "Vote",
    "VotingMethod",
    "nominee_name",
]
