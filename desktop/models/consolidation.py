"""Consolidation and send-back (tổng hợp hồ sơ, trả lại hồ sơ): origins, review notes, returns.

A forwarding unit (a district over its communes, a department over its sub-units, a province
board over communes) receives the packages of the units below it, takes nominees into its
own dossier and sends notes back. Nothing here names a level: the units are whatever the
packages say they are.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from desktop.models.base import Count, Identifier, Model, Text

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

#: Format tag and version of a return file (tệp trả lại hồ sơ).
RETURN_FORMAT = "hoso-return"
RETURN_FORMAT_VERSION = 1


class NomineeOrigin(Model):
    """Where a taken nominee came from (nguồn): the received package and its nominee.

    ``received_id``/``received_revision`` name the received dossier in the forwarding unit's
    inbox; the others are read from the package, so the origin stays meaningful in the
    forwarding unit's own package, away from its store.
    """

    unit_name: Text
    unit_kind: Text | None = None
    dossier_id: Identifier
    revision: Count
    nominee_id: Identifier
    package_name: Text = ""
    package_sha256: Sha256
    received_id: Count | None = None
    received_revision: Count | None = None


class NoteTarget(StrEnum):
    """What a review note is attached to."""

    FIELD = "field"  # a field: ``path`` in the form of Finding.path
    NOMINEE = "nominee"  # a nominee as a whole: ``nominee_id``
    DOCUMENT = "document"  # a document (and nominee for per-nominee ones): ``document``
    DOSSIER = "dossier"  # the dossier as a whole


class ReturnDecision(StrEnum):
    """The reviewer's overall decision (kết quả xem xét hồ sơ)."""

    ACCEPTED = "accepted"  # tiếp nhận
    RETURNED = "returned"  # trả lại để bổ sung, chỉnh sửa
    REJECTED = "rejected"  # không tiếp nhận (with a reason)


class ReviewNote(Model):
    """One note of the reviewer (ý kiến): what is wrong or missing, and where."""

    id: Identifier
    target: NoteTarget = NoteTarget.DOSSIER
    path: Text = ""
    nominee_id: Identifier | None = None
    document: Identifier | None = None
    text: Text
    #: the nominee's name or the field's label as the reviewer saw it (printed on the slip)
    label: Text = ""


class ReturnFile(Model):
    """The return file (tệp trả lại): the decision and notes on one received revision.

    Small JSON sent back with the printed "Phiếu yêu cầu bổ sung, chỉnh sửa hồ sơ". A signed
    return carries its CMS signature beside it (``….json.p7s``) over the canonical bytes of
    :func:`desktop.consolidation.returns.return_bytes`.
    """

    format: Literal["hoso-return"] = RETURN_FORMAT
    format_version: Literal[1] = RETURN_FORMAT_VERSION
    id: Identifier
    from_unit: Text
    to_unit: Text
    dossier_id: Identifier
    revision: Count
    package_sha256: Sha256
    pack_id: Identifier
    decision: ReturnDecision
    reason: Text = ""
    number: Text = ""  # số phiếu
    signer_name: Text = ""
    signer_title: Text = ""
    place: Text = ""
    date: dt.date
    created_at: dt.datetime
    notes: tuple[ReviewNote, ...] = ()


class AnsweredNote(Model):
    """A note of a return as the unit answered it (carried in its next package)."""

    id: Identifier
    text: Text
    path: Text = ""
    nominee_id: Identifier | None = None
    document: Identifier | None = None
    done: bool = False
    done_at: dt.datetime | None = None
    answer: Text = ""


class ReturnAnswers(Model):
    """``return-answers.json`` of a package: the notes of the return it answers."""

    format: Literal["hoso-return-answers"] = "hoso-return-answers"
    return_id: Identifier
    return_sha256: Sha256
    from_unit: Text
    notes: tuple[AnsweredNote, ...] = Field(default_factory=tuple)
