"""A unit's own award round (đợt xét tặng Giấy khen của thủ trưởng đơn vị) within a campaign.

The campaign plan (Cao Bằng 2023, III.2) leaves the Giấy khen to each body's head, who
"decides the number and criteria suited to the unit" from the law and the campaign. These
are the unit's own data, kept in its dossier (versioned with it), never a pack edit: the
award's name, the achievement period, the quota (in total and per nominee kind) and the
criteria per nominee kind (copied from the campaign's, then edited). A dossier with
``own_rules`` is a Giấy khen round: its council considers the nominees, its head signs the
decision (Quyết định khen thưởng, with ``Dossier.proposal`` holding the decision's number,
date, signer and recipients) and the certificates are printed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from desktop.models.base import Count, Day, Line, Model, Text
from desktop.models.campaign import Criterion
from desktop.models.nominee import NomineeKind

#: Award form id of a unit's own round (the campaign pack's forms are the province's).
GIAY_KHEN = "giay_khen"


class RoundQuota(Model):
    """Số lượng Giấy khen the unit sets: in total and per nominee kind (None = no limit)."""

    total: Count | None = None
    per_kind: dict[NomineeKind, Count] = Field(default_factory=dict)

    @property
    def is_set(self) -> bool:
        return self.total is not None or bool(self.per_kind)


class KindCriteria(Model):
    """The unit's criteria (tiêu chuẩn) for one nominee kind, in its own wording."""

    kind: NomineeKind
    criteria: tuple[Criterion, ...] = ()


class OwnRules(Model):
    """The rules a unit sets for its own Giấy khen round.

    ``award_name`` empty: "Giấy khen của {head} {unit}" from the round's data and the regime's
    titles. ``criteria``: one entry per nominee kind the unit wrote criteria for; a kind
    without an entry keeps the campaign's. ``regulation``: the unit's own regulation quoted
    after "Căn cứ" in the decision (Quy chế thi đua, khen thưởng of the unit).
    ``achievement``: what the certificate and the decision say the awardees did ("Đã có
    thành tích xuất sắc trong …"); empty = from the campaign's title.
    """

    award_form: Literal["giay_khen"] = GIAY_KHEN
    award_name: Line = ""
    period_start: Day | None = None
    period_end: Day | None = None
    quota: RoundQuota = Field(default_factory=RoundQuota)
    criteria: tuple[KindCriteria, ...] = ()
    regulation: Text = ""
    achievement: Text = ""
    fund: Line = ""  # nguồn tiền thưởng; empty = the round data's default wording
    book_prefix: Line = ""  # số vào sổ khen thưởng: prefix before the running number

    def kind_criteria(self, kind: NomineeKind | str) -> tuple[Criterion, ...] | None:
        """The unit's criteria for a kind, or None when it keeps the campaign's."""
        entry = next((k for k in self.criteria if k.kind == kind), None)
        return entry.criteria if entry is not None else None
