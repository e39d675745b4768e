"""The awards council meeting (họp Hội đồng Thi đua - Khen thưởng) and its votes."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from desktop.models.base import Count, Identifier, Model, Text


class VotingMethod(StrEnum):
    SHOW_OF_HANDS = "show_of_hands"  # biểu quyết
    SECRET_BALLOT = "secret_ballot"  # bỏ phiếu kín


class CouncilMember(Model):
    """A council member (thành viên Hội đồng) and whether they attended."""

    name: Text = ""
    council_role: Text = ""  # Chủ tịch, Phó Chủ tịch, Ủy viên, Ủy viên - Thư ký
    position: Text = ""  # chức vụ at the unit
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

    number: Text = ""  # e.g. "05"; symbol comes from the pack/unit ("BB-HĐTĐKT")
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: Text = ""
    members: tuple[CouncilMember, ...] = ()
    chair: Text = ""  # chủ trì / chủ tọa (a member's name)
    secretary: Text = ""  # thư ký (a member's name)
    voting_method: VotingMethod | None = None
    votes: tuple[Vote, ...] = ()
    conclusion: Text = ""
