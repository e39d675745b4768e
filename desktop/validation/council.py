"""The awards council meeting (họp Hội đồng Thi đua - Khen thưởng) and its votes.

Codes: ``council.*``. Quorum and vote threshold come from ``pack.council`` as exact
fractions; the number required always rounds up (70 % of 9 = 6.3 → 7). Votes are counted
against all members, the members present, or those present plus written opinions
(``approval_base``). Names are compared folded (case, spacing, tone placement).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.textutil import fold
from desktop.validation.facts import NomineeFacts
from desktop.validation.messages import Reporter, fmt_share, label, short_name


def required(share: Fraction, base: int) -> int:
    """Members needed: ⌈share × base⌉."""
    return math.ceil(share * base)


def check(rep: Reporter, dossier: Dossier, facts: Sequence[NomineeFacts]) -> list[Finding]:
    rules = rep.pack.council
    meeting = dossier.council
    out: list[Finding] = []
    members = meeting.members
    total = len(members)
    present_names = set()
    present = written = 0
    for i, m in enumerate(members):
        if not m.name:
            out.append(rep.make("council.member_unnamed", path=f"council.members[{i}].name",
                                params={"number": i + 1}))
        if m.present:
            present += 1
            present_names.add(fold(m.name))
        elif m.written_opinion:
            written += 1
    if total == 0:
        out.append(rep.make("council.no_members", path="council.members"))
    else:
        need = required(rules.quorum, total)
        if present < need:
            out.append(rep.make("council.no_quorum", path="council.members", params={
                "present": present, "total": total, "required": need,
                "quorum": fmt_share(rules.quorum), "rule_text": rules.rule_text}))
        for role in ("chair", "secretary"):
            name = getattr(meeting, role)
            if name and fold(name) not in present_names:
                out.append(rep.make(f"council.{role}_not_member", path=f"council.{role}",
                                    params={"person": name}))
    method = meeting.voting_method
    if method is not None and method not in rules.voting_methods:
        out.append(rep.make(
            "council.method_not_allowed", path="council.voting_method",
            params={"method": str(method), "allowed": [str(m) for m in rules.voting_methods]},
            texts={"method_label": label(f"enum.voting_method.{method}"),
                   "allowed_text": _join_labels(rules.voting_methods)}))
    out.extend(_votes(rep, dossier, facts, total, present, written))
    return out


def _join_labels(methods) -> tuple[str, str]:
    pairs = [label(f"enum.voting_method.{m}") for m in methods]
    return (", ".join(p[0] for p in pairs), ", ".join(p[1] for p in pairs))


def _votes(rep: Reporter, dossier: Dossier, facts: Sequence[NomineeFacts], total: int,
           present: int, written: int) -> list[Finding]:
    rules = rep.pack.council
    out: list[Finding] = []
    by_id = {f.nominee.id: f for f in facts}
    base_kind = rules.approval_base
    base = {"total_members": total, "present": present,
            "present_plus_written": present + written}[base_kind]
    voters = present if base_kind == "present" else present + written
    need = required(rules.approval, base)
    seen: set[str] = set()
    base_label = label(f"enum.approval_base.{base_kind}")
    for j, vote in enumerate(dossier.council.votes):
        path = f"council.votes[{j}]"
        f = by_id.get(vote.nominee_id)
        if f is None:
            out.append(rep.make("council.vote_unknown_nominee", path=f"{path}.nominee_id",
                                nominee_id=vote.nominee_id,
                                params={"nominee_id": vote.nominee_id}))
            continue
        if vote.nominee_id in seen:
            out.append(rep.make("council.vote_duplicate", path=path, nominee_id=vote.nominee_id,
                                texts={"who": f.who}))
            continue
        seen.add(vote.nominee_id)
        cast = vote.votes_for + vote.votes_against + vote.abstain
        if total and cast > voters:
            out.append(rep.make("council.votes_exceed_voters", path=path,
                                nominee_id=vote.nominee_id,
                                params={"cast": cast, "voters": voters,
                                        "votes_for": vote.votes_for,
                                        "votes_against": vote.votes_against,
                                        "abstain": vote.abstain},
                                texts={"who": f.who}))
        elif total and vote.votes_for < need:
            out.append(rep.make("council.vote_below_threshold", path=f"{path}.votes_for",
                                nominee_id=vote.nominee_id,
                                params={"votes_for": vote.votes_for, "required": need,
                                        "base": base, "approval_base": base_kind,
                                        "approval": fmt_share(rules.approval),
                                        "rule_text": rules.rule_text},
                                texts={"who": f.who, "base_label": base_label}))
    for f in facts:
        if f.nominee.id in seen:
            continue
        if f.vote_missing is None:  # kept on the nominee's cached facts (findings are frozen)
            f.vote_missing = rep.make("council.vote_missing", path="council.votes",
                                      nominee_id=f.nominee.id,
                                      params={"nominee_id": f.nominee.id},
                                      texts={"who": f.who,
                                             "short": short_name(f.nominee, f.index)})
        out.append(f.vote_missing)
    return out
