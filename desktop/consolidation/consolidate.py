"""Consolidation (tổng hợp hồ sơ): the forwarding unit's dossier takes received nominees.

Each taken nominee is copied into the unit's own dossier with its whole record (criteria,
achievements, summary or report text, evidence) and an ``origin`` naming the received
revision and package it came from; its signed copies stay in the received package and go
into the unit's package by reference (see :mod:`desktop.consolidation.extras`). The pack's
quota, priority and routing rules then apply to the combined list like to any other, and
their findings name the unit each nominee came from. The taken nominees join the
proposal's list, so the council step lists them for the unit's own vote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.errors import UserError
from desktop.models.consolidation import NomineeOrigin, ReturnDecision

if TYPE_CHECKING:
    from desktop.store import ChangeSet, Store

_TAKE = re.compile(r"^\s*(\d+)\s*:\s*(\S+)\s*$")
_MAX_ID = 64


@dataclass(frozen=True)
class Taken:
    """One nominee taken: its id in the unit's dossier and where it came from."""

    nominee_id: str
    origin: NomineeOrigin
    already: bool = False  # taken before: left as it was


def parse_take(text: str) -> tuple[int, str]:
    """``"3:n1"`` → (3, "n1"): received dossier id and nominee id."""
    match = _TAKE.match(text)
    if match is None:
        raise UserError("consolidation.bad_take", value=text)
    return int(match.group(1)), match.group(2)


def _free_id(wanted: str, taken: set[str], received_id: int) -> str:
    if wanted not in taken:
        return wanted
    base = f"r{received_id}-{wanted}"[:_MAX_ID]
    candidate, k = base, 2
    while candidate in taken:
        suffix = f"-{k}"
        candidate, k = base[:_MAX_ID - len(suffix)] + suffix, k + 1
    return candidate


def take_nominees(store: Store, dossier_id: str, takes: Iterable[tuple[int, str]]
                  ) -> list[Taken]:
    """Copy the named nominees of received dossiers (their latest received revision) into
    ``dossier_id`` and put them on its proposal list. A nominee taken before (same
    received package and nominee) is left as it is. A received dossier the unit decided
    not to accept gives :class:`UserError`, as does an unknown nominee."""
    dossier = store.get_dossier(dossier_id)
    ids = {n.id for n in dossier.nominees}
    have = {(n.origin.package_sha256, n.origin.nominee_id): n.id
            for n in dossier.nominees if n.origin is not None}
    revisions = {}
    resolved = []
    for received_id, nominee_id in takes:  # check every take before writing any
        rev = revisions.get(received_id)
        if rev is None:
            rev = revisions[received_id] = store.received_revision(received_id)
        if rev.decision == ReturnDecision.REJECTED:
            raise UserError("consolidation.rejected", unit=rev.unit_name,
                            received_id=received_id)
        nominee = rev.dossier.nominee(nominee_id)
        if nominee is None:
            raise UserError("consolidation.no_nominee", nominee_id=nominee_id,
                            unit=rev.unit_name, received_id=received_id,
                            available=", ".join(n.id for n in rev.dossier.nominees) or "—")
        resolved.append((rev, nominee))
    out: list[Taken] = []
    order = list(dossier.proposal.nominee_ids)
    changed = False
    for rev, nominee in resolved:
        origin = NomineeOrigin(
            unit_name=rev.unit_name, unit_kind=rev.unit_kind, dossier_id=rev.dossier.id,
            revision=rev.dossier.revision, nominee_id=nominee.id,
            package_name=rev.package_name, package_sha256=rev.package_sha256,
            received_id=rev.id, received_revision=rev.revision)
        known = have.get((rev.package_sha256, nominee.id))
        if known is not None:
            out.append(Taken(known, origin, already=True))
            continue
        new_id = _free_id(nominee.id, ids, rev.id)
        ids.add(new_id)
        store.save_nominee(dossier_id, nominee.model_copy(update={"id": new_id,
                                                                  "origin": origin}))
        have[(rev.package_sha256, nominee.id)] = new_id
        if new_id not in order:
            order.append(new_id)
            changed = True
        out.append(Taken(new_id, origin))
    if changed:
        proposal = store.get_dossier(dossier_id).proposal
        store.set_proposal(dossier_id, proposal.model_copy(update={"nominee_ids": tuple(order)}))
    return out


def release_nominees(store: Store, dossier_id: str, nominee_ids: Sequence[str]
                     ) -> list[ChangeSet]:
    """Take nominees out of the consolidated dossier again (the checkbox cleared): they
    leave the list and the proposal; the received package keeps them."""
    dossier = store.get_dossier(dossier_id)
    changes = []
    for nominee_id in nominee_ids:  # check every one before removing any
        nominee = dossier.nominee(nominee_id)
        if nominee is None or nominee.origin is None:
            raise UserError("consolidation.not_taken", nominee_id=nominee_id)
    drop = set(nominee_ids)
    for nominee_id in nominee_ids:
        changes.append(store.remove_nominee(dossier_id, nominee_id))
    if drop:
        proposal = store.get_dossier(dossier_id).proposal
        changes.append(store.set_proposal(dossier_id, proposal.model_copy(update={
            "nominee_ids": tuple(i for i in proposal.nominee_ids if i not in drop)})))
    return changes
