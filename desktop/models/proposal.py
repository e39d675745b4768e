"""The proposal (tờ trình đề nghị khen thưởng) that carries the dossier."""

from __future__ import annotations

from enum import StrEnum

from desktop.models.base import Day, Identifier, Line, Model, Text


class SigningAuthority(StrEnum):
    """Prefix of the signature block (Decree 30/2020, ô 7a)."""

    DIRECT = "direct"  # the head signs in own name: "CHỦ TỊCH", "GIÁM ĐỐC"
    ON_BEHALF = "TM"  # thay mặt a collective body: "TM. ỦY BAN NHÂN DÂN"
    SIGNED_FOR = "KT"  # ký thay the head: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    ACTING = "Q"  # quyền
    BY_ORDER = "TL"  # thừa lệnh
    BY_AUTHORISATION = "TUQ"  # thừa ủy quyền


class Proposal(Model):
    """Tờ trình đề nghị khen thưởng, with its list of nominees (danh sách đề nghị).

    ``nominee_ids`` is the order of the attached list; every nominee of the dossier must be
    on it (cross-document consistency is checked by the rule engine).
    """

    number: Line = ""  # running number in the year, e.g. "12"
    symbol: Line = ""  # e.g. "TTr-UBND"
    date: Day | None = None
    place: Line = ""  # locality of the date line
    addressee: Line = ""  # Kính gửi: …
    signer_name: Line = ""
    signer_title: Line = ""  # CHỦ TỊCH, PHÓ CHỦ TỊCH, GIÁM ĐỐC…
    authority: SigningAuthority = SigningAuthority.DIRECT
    authority_body: Line = ""  # for TM.: "ỦY BAN NHÂN DÂN"; for KT.: the head's title
    recipients: tuple[Line, ...] = ()  # Nơi nhận
    nominee_ids: tuple[Identifier, ...] = ()
    body: Text = ""  # optional extra paragraph (results of the campaign)
    # Date of the achievement reports and summaries (ngày báo cáo thành tích): written before
    # the council sits; empty = the day before the council meeting.
    report_date: Day | None = None
