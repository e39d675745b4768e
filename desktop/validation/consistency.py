"""Cross-document consistency: the proposal's list against the nominees; duplicates.

Codes: ``proposal.nominee_missing``, ``proposal.unknown_nominee``,
``proposal.duplicate_entry``, ``nominee.duplicate``, ``nominee.duplicate_id``. (Nominees
without a vote row in the minutes are ``council.vote_missing``, in ``council.py``.)
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.validation.facts import NomineeFacts
from desktop.validation.messages import Reporter


def check_proposal(rep: Reporter, dossier: Dossier,
                   facts: Sequence[NomineeFacts]) -> list[Finding]:
    out: list[Finding] = []
    listed: set[str] = set()
    known = {f.nominee.id for f in facts}
    for j, nid in enumerate(dossier.proposal.nominee_ids):
        path = f"proposal.nominee_ids[{j}]"
        if nid in listed:
            out.append(rep.make("proposal.duplicate_entry", path=path, nominee_id=nid,
                                params={"nominee_id": nid, "position": j + 1}))
        elif nid not in known:
            out.append(rep.make("proposal.unknown_nominee", path=path, nominee_id=nid,
                                params={"nominee_id": nid, "position": j + 1}))
        listed.add(nid)
    for f in facts:
        if f.nominee.id not in listed:
            out.append(rep.make("proposal.nominee_missing", path="proposal.nominee_ids",
                                nominee_id=f.nominee.id,
                                texts={"who": f.who}))
    return out


def check_duplicates(rep: Reporter, facts: Sequence[NomineeFacts]) -> list[Finding]:
    out: list[Finding] = []
    ids: dict[str, NomineeFacts] = {}
    names: dict[tuple[str, str], list[NomineeFacts]] = {}
    for f in facts:
        n = f.nominee
        first = ids.get(n.id)
        if first is not None:
            out.append(rep.make("nominee.duplicate_id", path=f"nominees[{f.index}].id",
                                nominee_id=n.id,
                                params={"nominee_id": n.id, "position": f.index + 1,
                                        "first_position": first.index + 1}))
        else:
            ids[n.id] = f
        if not f.name_key:
            continue
        group = names.setdefault((str(n.kind), f.name_key), [])
        for other in group:
            if f.birth_year is None or other.birth_year is None \
                    or f.birth_year == other.birth_year:
                out.append(rep.make(
                    "nominee.duplicate", path=f"nominees[{f.index}]", nominee_id=n.id,
                    params={"other_id": other.nominee.id, "position": f.index + 1,
                            "first_position": other.index + 1},
                    texts={"who": f.who}))
                break
        group.append(f)
    return out
