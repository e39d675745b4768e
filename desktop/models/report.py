"""The campaign result report (báo cáo kết quả đợt thi đua) a unit writes after the campaign.

The outline (đề cương) and the deadline come from the campaign pack
(``CampaignPack.result_report``); this model keeps what the secretary adds: the text of each
outline section, the document's number, date and signer, figures she corrected by hand, and
the day the report was sent. Every field has a default, so dossiers written before the report
existed still load.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from desktop.models.base import Amount, Day, Line, Model, Text
from desktop.models.proposal import SigningAuthority

#: A section of the outline by its number path: "I", "I.3", "II.2.a".
SectionKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9đĐ]+(\.[A-Za-z0-9đĐ]+)*$",
                                  max_length=32)]

#: A figure of the report by its key ("nominees.total", "contributions.money_vnd"…).
FigureKey = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.:-]*$", max_length=96)]


class ResultReport(Model):
    """Báo cáo kết quả đợt thi đua: the secretary's part of the campaign result report.

    ``sections`` maps an outline number path ("I.3") to the text typed under that heading;
    ``figure_overrides`` replaces a computed figure by the value the secretary entered
    (keys from :mod:`desktop.report.figures`); ``sent_on`` is the day the report was sent
    (the deadline rule stays quiet once it is set).
    """

    number: Line = ""  # running number in the year, e.g. "25"
    symbol: Line = ""  # e.g. "BC-UBND"
    date: Day | None = None
    place: Line = ""  # locality of the date line; empty = the proposal's or the unit's
    signer_name: Line = ""
    signer_title: Line = ""  # CHỦ TỊCH, GIÁM ĐỐC…
    authority: SigningAuthority = SigningAuthority.DIRECT
    authority_body: Line = ""  # for TM.: "ỦY BAN NHÂN DÂN"
    recipients: tuple[Line, ...] = ()  # Nơi nhận, besides the pack's addressee
    sections: dict[SectionKey, Text] = Field(default_factory=dict)
    figure_overrides: dict[FigureKey, Amount] = Field(default_factory=dict)
    sent_on: Day | None = None
