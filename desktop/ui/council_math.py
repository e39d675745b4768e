"""Quorum and vote threshold arithmetic for the council step, shown live (pure, no Qt).

Uses the pack's council rule and the rule engine's own rounding (``required``: ⌈share ×
base⌉), so the numbers the form shows are the numbers the check applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models import CampaignPack, CouncilMeeting
from desktop.validation.council import required
from desktop.validation.messages import fmt_share


@dataclass(frozen=True)
class CouncilTally:
    total: int
    present: int
    written: int
    quorum_needed: int
    quorum_share: str  # "2/3"
    approval_share: str  # "7/10"
    approval_base: str  # total_members | present | present_plus_written
    base: int
    votes_needed: int

    @property
    def has_quorum(self) -> bool:
        return self.total > 0 and self.present >= self.quorum_needed

    @property
    def voters(self) -> int:
        return self.present if self.approval_base == "present" else self.present + self.written


def tally(pack: CampaignPack, council: CouncilMeeting) -> CouncilTally:
    rules = pack.council
    total = len(council.members)
    present = sum(1 for m in council.members if m.present)
    written = sum(1 for m in council.members if not m.present and m.written_opinion)
    base = {"total_members": total, "present": present,
            "present_plus_written": present + written}[rules.approval_base]
    return CouncilTally(total, present, written, required(rules.quorum, total),
                        fmt_share(rules.quorum), fmt_share(rules.approval),
                        rules.approval_base, base, required(rules.approval, base))
