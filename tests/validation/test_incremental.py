"""Validator.run gives what validate gives, after any edit, reusing untouched nominees."""

from __future__ import annotations

import datetime as dt

from desktop.models import Dossier
from desktop.validation import Validator, validate

from .dossiers import add_nominee, nominee_data, valid_dossier_data


def _dossier(pack) -> Dossier:
    data = valid_dossier_data(pack, [pack.nominee_kinds[0].kind.value])
    for i, spec in enumerate(pack.nominee_kinds * 2, start=1):
        data = add_nominee(data, nominee_data(pack, spec.kind.value, i + 10, "district"))
    return Dossier.model_validate(data)


def _same(a, b) -> bool:
    return [f.model_dump() for f in a] == [f.model_dump() for f in b]


def test_edits_match_a_full_run(pack):
    today = pack.upload_window.start
    v = Validator(pack, today=today)
    dossier = _dossier(pack)
    assert _same(v.run(dossier), validate(dossier, pack, today=today))
    nominees = list(dossier.nominees)
    # edit one nominee: a required field emptied, then restored
    first = nominees[1]
    blank = {"name": ""} if first.kind == "collective" else (
        {"head_name": ""} if first.kind == "household" else {"full_name": ""})
    nominees[1] = first.model_copy(update=blank)
    edited = dossier.model_copy(update={"nominees": tuple(nominees)})
    assert _same(v.run(edited), validate(edited, pack, today=today))
    # delete, reorder
    shorter = edited.model_copy(update={"nominees": tuple(nominees[2:])})
    assert _same(v.run(shorter), validate(shorter, pack, today=today))
    reordered = edited.model_copy(update={"nominees": tuple(reversed(nominees))})
    assert _same(v.run(reordered), validate(reordered, pack, today=today))
    # unit change re-checks quota and routing with cached nominees
    unit = edited.unit.model_copy(update={"kind": "commune"})
    moved = edited.model_copy(update={"unit": unit})
    assert _same(v.run(moved), validate(moved, pack, today=today))


def test_untouched_nominees_are_reused(cao_bang):
    v = Validator(cao_bang, today=dt.date(2023, 7, 3))
    dossier = _dossier(cao_bang)
    bad = dossier.nominees[0].model_copy(update={"criteria": {}})
    dossier = dossier.model_copy(update={"nominees": (bad, *dossier.nominees[1:])})
    first = v.run(dossier)
    again = v.run(dossier)
    assert [id(f) for f in first if f.nominee_id == bad.id and f.code.startswith("criterion")] \
        == [id(f) for f in again if f.nominee_id == bad.id and f.code.startswith("criterion")]
    fixed = dossier.model_copy(update={"nominees": (dossier.nominees[0].model_copy(
        update={"criteria": _dossier(cao_bang).nominees[0].criteria}), *dossier.nominees[1:])})
    assert not [f for f in v.run(fixed) if f.code == "criterion.missing"]


def test_missing_votes_follow_edits_and_are_reused(cao_bang):
    """Without votes, every nominee has a "no vote" finding: an edit renames only its own,
    the others are the same findings as before (10,000 nominees: no rebuilding at each edit)."""
    today = dt.date(2023, 7, 3)
    v = Validator(cao_bang, today=today)
    dossier = _dossier(cao_bang)
    dossier = dossier.model_copy(update={"council": dossier.council.model_copy(
        update={"votes": ()})})
    first = {f.nominee_id: f for f in v.run(dossier) if f.code == "council.vote_missing"}
    assert len(first) == len(dossier.nominees)
    nominees = list(dossier.nominees)
    k = next(i for i, n in enumerate(nominees) if n.kind == "individual")
    nominees[k] = renamed = nominees[k].model_copy(update={"full_name": "Lò Thị Mới"})
    edited = dossier.model_copy(update={"nominees": tuple(nominees)})
    result = v.run(edited)
    assert _same(result, validate(edited, cao_bang, today=today))
    again = {f.nominee_id: f for f in result if f.code == "council.vote_missing"}
    assert all(again[n.id] is first[n.id] for i, n in enumerate(nominees) if i != k)
    assert "Lò Thị Mới" in again[renamed.id].message_vi
    assert again[renamed.id] is not first[renamed.id]
