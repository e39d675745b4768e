"""The awards council meeting (họp Hội đồng Thi đua - Khen thưởng) and its votes."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from desktop.models.base import Count, Day, Identifier, Line, Model, Text


class VotingMethod(StrEnum):
    SHOW_OF_HANDS = "show_of_hands"  # biểu quyết
    SECRET_BALLOT = "secret_ballot"  # bỏ phiếu kín


class CouncilMember(Model):
    """A council member (thành viên Hội đồng) and whether they attended."""

    name: Line = ""
    council_role: Line = ""  # Chủ tịch, Phó Chủ tịch, Ủy viên, Ủy viên - Thư ký
    position: Line = ""  # chức vụ at the unit
    present: bool = True
    absence_reason: Text = ""
    written_opinion: bool = False  # absent but answered in writing


class Vote(Model):
    """Votes for one nominee: đồng ý / không đồng ý / không biểu quyết."""

    nominee_id: Identifier
    votes_for: Count = 0
    votes_against: Count = 0
    abstain: Count = 0


class CouncilMeeting(Model):
    """Biên bản họp Hội đồng Thi đua - Khen thưởng: when, where, who, and the votes."""

    number: Line = ""  # e.g. "05"; symbol comes from the pack/unit ("BB-HĐTĐKT")
    date: Day | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: Line = ""
    members: tuple[CouncilMember, ...] = ()
    chair: Line = ""  # chủ trì / chủ tọa (a member's name)
    secretary: Line = ""  # thư ký (a member's name)
    voting_method: VotingMethod | None = None
    votes: tuple[Vote, ...] = ()
    conclusion: Text = ""
