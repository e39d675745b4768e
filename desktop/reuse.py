"""Reuse what was typed last time (dùng lại thông tin hồ sơ trước).

A unit files a dossier every campaign with the same particulars, the same awards council and
the same signer. :func:`previous_dossier` finds the unit's latest other dossier in the store;
:func:`offer` lists what it can fill in the current one (only what is still empty or
different); :func:`apply_offer` fills it. :func:`copy_dossier` starts a new dossier as a copy
of an earlier one: a new id and revision lineage (revision 1, draft), the unit, council
members, chair, secretary and signer kept, the numbers, dates, votes and report of the old
campaign cleared, nominees optional (their criteria answers kept only for the same pack).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.models import CouncilMeeting, Dossier, DossierState, PackRef, Proposal, Unit
from desktop.models.report import ResultReport
from desktop.textutil import fold

if TYPE_CHECKING:
    from desktop.store import Store

#: The signer's fields of the proposal (tờ trình).
SIGNER_FIELDS = ("signer_name", "signer_title", "authority", "authority_body", "addressee",
                 "recipients", "place", "symbol")


def previous_dossier(store: Store, current: Dossier) -> Dossier | None:
    """The latest other dossier of the same unit (by name), else of any unit when the current
    one has no unit name yet (an office keeps one unit's dossiers)."""
    name = fold(current.unit.name or "")
    for summary in store.list_dossiers():  # newest first
        if summary.id == current.id:
            continue
        if name and fold(summary.unit_name or "") != name:
            continue
        return store.get_dossier(summary.id)
    return None


@dataclass(frozen=True)
class Offer:
    """What an earlier dossier can fill in the current one; empty parts are None/()."""

    source_id: str
    source_title: str
    unit: Unit | None = None
    members: tuple = ()
    chair: str = ""
    secretary: str = ""
    signer: dict = field(default_factory=dict)  # proposal field -> value

    @property
    def empty(self) -> bool:
        return self.unit is None and not self.members and not self.signer


def offer(previous: Dossier, current: Dossier) -> Offer:
    """The parts of ``previous`` worth offering: those that differ from ``current`` and
    would fill something (a current unit/council/signer already typed is not overwritten
    without the user choosing it: the window shows both)."""
    unit = previous.unit if previous.unit != Unit() and previous.unit != current.unit else None
    council = previous.council
    members = council.members if council.members and council.members != \
        current.council.members else ()
    signer = {f: getattr(previous.proposal, f) for f in SIGNER_FIELDS
              if getattr(previous.proposal, f) and
              getattr(previous.proposal, f) != getattr(current.proposal, f)}
    return Offer(previous.id, previous.title or previous.unit.name or previous.id, unit,
                 members, council.chair if members else "", council.secretary if members else "",
                 signer)


def offer_changes(found: Offer, *, unit: bool = True, members: bool = True,
                  signer: bool = True) -> list[tuple[str, object]]:
    """(path, JSON value) pairs of the chosen parts: one undoable edit in the window."""
    changes: list[tuple[str, object]] = []
    if unit and found.unit is not None:
        for name, value in found.unit.model_dump(mode="json").items():
            changes.append((f"unit.{name}", value))
    if members and found.members:
        changes.append(("council.members", [m.model_dump(mode="json") for m in found.members]))
        changes.append(("council.chair", found.chair))
        changes.append(("council.secretary", found.secretary))
    if signer:
        changes.extend((f"proposal.{k}", list(v) if isinstance(v, tuple) else v)
                       for k, v in found.signer.items())
    return changes


def apply_offer(current: Dossier, found: Offer, *, unit: bool = True, members: bool = True,
                signer: bool = True) -> Dossier:
    """``current`` with the chosen parts of the offer filled in."""
    update: dict[str, object] = {}
    if unit and found.unit is not None:
        update["unit"] = found.unit
    if members and found.members:
        update["council"] = current.council.model_copy(update={
            "members": found.members, "chair": found.chair, "secretary": found.secretary})
    if signer and found.signer:
        update["proposal"] = current.proposal.model_copy(update=dict(found.signer))
    return current.model_copy(update=update)


def new_dossier_id(today: dt.date | None = None) -> str:
    """A fresh id like the window's: ``hs-20240605-1a2b3c``."""
    return f"hs-{(today or dt.date.today()):%Y%m%d}-{uuid.uuid4().hex[:6]}"


def copy_dossier(source: Dossier, *, new_id: str | None = None, pack: PackRef | None = None,
                 title: str | None = None, keep_nominees: bool = False) -> Dossier:
    """A new dossier (revision 1, draft) started from ``source`` for a new campaign."""
    pack = pack or source.pack
    same_pack = pack.id == source.pack.id
    nominees: tuple = ()
    if keep_nominees:
        nominees = source.nominees if same_pack else tuple(
            n.model_copy(update={"criteria": {}, "award_form": None})
            for n in source.nominees)
    old = source.council
    council = CouncilMeeting(place=old.place, members=old.members, chair=old.chair,
                             secretary=old.secretary, voting_method=old.voting_method)
    proposal = Proposal(**{f: getattr(source.proposal, f) for f in SIGNER_FIELDS},
                        nominee_ids=tuple(n.id for n in nominees))
    return Dossier(id=new_id or new_dossier_id(), revision=1, state=DossierState.DRAFT,
                   pack=pack, title=source.title if title is None else title,
                   unit=source.unit, nominees=nominees, council=council, proposal=proposal,
                   result_report=ResultReport())
