"""Rules that come from the pack's legal regime (chế độ pháp lý) and place names.

Codes:
- ``unit.kind_not_in_regime`` (error): the unit's kind does not exist under the regime
  (a district in a two-tier dossier). Quota and routing are then not checked.
- ``address.old_district`` (warning): an address or name of the dossier names a level or a
  unit that ended before the regime took effect ("huyện Hòa An" after 01/07/2025). Under the
  older regime the same words are accepted.
- ``template.unconfirmed`` (info): documents of the dossier are made from templates whose
  source the regime marks unconfirmed (one line naming them); they print normally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from desktop.models.campaign import CampaignPack, Regime
from desktop.models.dossier import Dossier
from desktop.models.finding import Finding
from desktop.validation.messages import Reporter, field_label, fmt_date, label

#: Unit fields and nominee fields that hold a place (addresses, names of bodies).
UNIT_FIELDS = ("name", "parent_body", "address", "locality", "district")
NOMINEE_FIELDS = ("address", "workplace", "name")
#: Where the dossier says whom it goes to (routing) and where it was made.
ROUTING_FIELDS = (("proposal", "addressee"), ("proposal", "place"), ("council", "place"))


def unit_kind_known(pack: CampaignPack, dossier: Dossier) -> bool:
    """False when the unit has a kind the regime does not have (quota/routing then skip)."""
    kind = dossier.unit.kind
    return kind is None or pack.regime is None or pack.regime.unit_kind(kind) is not None


def _patterns(rep: Reporter) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, ended date) for every ended level's words and every former unit's name."""
    if "regime.patterns" not in rep.cache:
        patterns, words = _compile(rep.pack)
        rep.cache["regime.patterns"] = patterns
        rep.cache["regime.words"] = re.compile(
            "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)),
            re.IGNORECASE) if words else None
    return rep.cache["regime.patterns"]


def _compile(pack: CampaignPack) -> tuple[tuple[tuple[re.Pattern[str], str], ...], set[str]]:
    regime: Regime | None = pack.regime
    if regime is None:
        return (), set()
    out: list[tuple[re.Pattern[str], str]] = []
    words_seen: set[str] = set()
    for level in regime.ended_levels():
        if level.ended is not None and level.ended <= regime.effective_from and level.unit_words:
            words = "|".join(re.escape(w) for w in level.unit_words)
            words_seen.update(level.unit_words)
            out.append((re.compile(rf"(?<!\w)(?P<word>{words})(?!\w)(?:\s+[^,;()\n]+)?",
                                   re.IGNORECASE), fmt_date(level.ended)))
    for unit in pack.places.former_units if pack.places else ():
        if unit.ended <= regime.effective_from:
            words = "|".join(re.escape(w) for w in unit.words)
            words_seen.update(unit.words)
            out.append((re.compile(rf"(?<!\w)(?P<word>{words})\s*{re.escape(unit.name)}(?!\w)",
                                   re.IGNORECASE), fmt_date(unit.ended)))
    return tuple(out), words_seen


def _found(rep: Reporter, text: str | None) -> tuple[str, str, str] | None:
    """(the words found, the unit word in lower case, the end date) or None."""
    if not text:
        return None
    patterns = _patterns(rep)
    quick = rep.cache["regime.words"]
    if quick is None or not quick.search(text):  # most addresses: one search, no match
        return None
    for pattern, ended in patterns:
        match = pattern.search(text)
        if match:
            return match.group(0).strip(), match.group("word").lower(), ended
    return None


def _district_field(pack: CampaignPack, value: str | None) -> tuple[str, str, str] | None:
    """The unit's "district" field itself, under a regime whose district level ended."""
    ended = [lv for lv in pack.regime.ended_levels() if lv.unit_words] if pack.regime else []
    if not value or not ended:
        return None
    return value, ended[0].unit_words[0], fmt_date(ended[0].ended)


def _place_findings(rep: Reporter, dossier: Dossier) -> Iterable[Finding]:
    pack = rep.pack
    if not _patterns(rep):
        return
    unit = dossier.unit
    for name in UNIT_FIELDS:
        value = getattr(unit, name, None)
        hit = _found(rep, value) if name != "district" else _district_field(pack, value)
        if hit:
            yield rep.make("address.old_district", path=f"unit.{name}", document=None,
                           params={"found": hit[0], "word": hit[1], "ended": hit[2],
                                   "value": value},
                           texts={"where": field_label("unit", name)})
    for part, name in ROUTING_FIELDS:
        value = getattr(getattr(dossier, part), name, None)
        hit = _found(rep, value)
        if hit:
            yield rep.make("address.old_district", path=f"{part}.{name}", document=None,
                           params={"found": hit[0], "word": hit[1], "ended": hit[2],
                                   "value": value},
                           texts={"where": field_label(part, name)})
    for i, recipient in enumerate(dossier.proposal.recipients):
        hit = _found(rep, recipient)
        if hit:
            yield rep.make("address.old_district", path=f"proposal.recipients[{i}]",
                           document=None,
                           params={"found": hit[0], "word": hit[1], "ended": hit[2],
                                   "value": recipient},
                           texts={"where": field_label("proposal", "recipients")})
    # Nominees are frozen models replaced on edit: keep each one's findings while it is the
    # same object at the same place (an edit re-checks one nominee, not 10,000).
    old = rep.cache.get("regime.nominees", {})
    new: dict[int, tuple[Any, int, list[Finding]]] = {}
    for i, n in enumerate(dossier.nominees):
        hit = old.get(id(n))
        if hit is None or hit[0] is not n or hit[1] != i:
            hit = (n, i, list(_nominee_places(rep, n, i)))
        new[id(n)] = hit
        yield from hit[2]
    rep.cache["regime.nominees"] = new


def _nominee_places(rep: Reporter, n: Any, i: int) -> Iterable[Finding]:
    for name in NOMINEE_FIELDS:
        value = getattr(n, name, None)
        hit = _found(rep, value) if isinstance(value, str) else None
        if hit:
            yield rep.make("address.old_district", path=f"nominees[{i}].{name}",
                           nominee_id=n.id,
                           params={"found": hit[0], "word": hit[1], "ended": hit[2],
                                   "value": value},
                           texts={"where": field_label(str(n.kind), name)})


def _template_findings(rep: Reporter, dossier: Dossier) -> Iterable[Finding]:
    """One line naming every unconfirmed template the dossier's documents are made from."""
    pack = rep.pack
    if pack.regime is None:
        return
    forms = {n.report_form for n in dossier.nominees}
    refs = []
    for doc in pack.documents:
        if doc.per_nominee and doc.report_form not in forms:
            continue  # no nominee has this document
        ref = pack.document_template(doc)
        if ref is not None and ref.status == "unconfirmed" and ref not in refs:
            refs.append(ref)
    if refs:
        names = "; ".join(f"“{r.title}” ({r.version})" for r in refs)
        yield rep.make("template.unconfirmed", path="", document=None,
                       params={"templates": [r.id for r in refs],
                               "versions": [r.version for r in refs],
                               "count": len(refs), "regime": pack.regime.id},
                       texts={"names": (names, names)})


def check(rep: Reporter, dossier: Dossier) -> list[Finding]:
    out: list[Finding] = []
    pack = rep.pack
    if not unit_kind_known(pack, dossier):
        kind = str(dossier.unit.kind)
        known = [r.label for r in pack.regime.unit_kinds] if pack.regime else []
        out.append(rep.make("unit.kind_not_in_regime", path="unit.kind", document=None,
                            params={"unit_kind": kind, "regime": pack.regime.id,
                                    "regime_title": pack.regime.title,
                                    "known": "; ".join(known)},
                            texts={"unit_kind_label": label(f"enum.unit_kind.{kind}")}))
    out.extend(_place_findings(rep, dossier))
    return out


def check_templates(rep: Reporter, dossier: Dossier) -> list[Finding]:
    """``template.unconfirmed`` lines, one per document made from an unconfirmed template
    (run last: they are the least urgent information)."""
    return list(_template_findings(rep, dossier))
