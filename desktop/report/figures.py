"""Figures of the campaign result report, computed from one or several dossiers.

A commune or a department reports on its own dossier; a district sums its own dossier and the
commune dossiers it received (``dossiers[0]`` is the reporting unit's own). A nominee that
appears in several of them (a commune prepares a household, the district submits it) is
counted once, for the first dossier after the own one that has it: the commune where it was
prepared.

Every figure has a stable key; ``ResultReport.figure_overrides`` uses these keys to replace
a computed value by the one the secretary typed (both are kept: ``Row.value`` and
``Row.computed``):

=============================  ===============================================================
key                            figure
=============================  ===============================================================
nominees.total                 nominees proposed
nominees.kind.<kind>           nominees of a kind of the pack (collective, individual…)
nominees.collective            nominees that count as collectives (the pack's ``counts_as``)
nominees.individual            nominees that count as individuals
priority.<group id>            nominees in a priority group of the pack
priority.total                 nominees in at least one priority group
ethnic.<code>                  persons and households of an ethnic group (pack's labels)
contributions.workdays         workdays contributed (ngày công)
contributions.money_vnd        money contributed, in đồng
contributions.land_m2          land given, in m²
achievements.total             achievements (thành tích) entered for the nominees
works.total                    nominees with works dedicated to the campaign (the criterion
                               the pack tags "works", answered met)
awards.<award form id>         nominees proposed for an award form
awards.giay_khen               awardees of the units' own Giấy khen rounds (dossiers with
                               ``own_rules`` among ``dossiers``: counted here only)
=============================  ===============================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, get_args

from desktop.models import CampaignPack, Dossier, nominee_name
from desktop.models.campaign import FigureTable
from desktop.textutil import fold
from desktop.validation import priority_counts
from desktop.validation.facts import in_group
from desktop.validation.messages import birth_year

#: The figure tables a pack's outline can place (``OutlineItem.figure_tables``).
FIGURE_TABLES: tuple[str, ...] = get_args(FigureTable)
WORKS_TAG = "works"


@dataclass(frozen=True)
class Row:
    """One figure: its key, its label from the pack ("" when the document names it), the
    value printed and the value computed from the dossiers (they differ when overridden)."""

    key: str
    label: str
    value: float
    computed: float

    @property
    def overridden(self) -> bool:
        return self.value != self.computed


@dataclass(frozen=True)
class UnitContributions:
    """Contributions raised in one unit (a commune of a district report)."""

    unit: str
    nominees: int
    workdays: float
    money_vnd: float
    land_m2: float


@dataclass(frozen=True)
class ReportFigures:
    """Everything the result report prints as figures, in print order."""

    units: tuple[str, ...]  # unit names of the dossiers summed, own unit first
    nominees_total: Row
    nominees_by_kind: tuple[Row, ...]
    collectives: Row
    individuals: Row
    priority: tuple[Row, ...]
    priority_total: Row
    ethnic_groups: tuple[Row, ...]
    contributions: tuple[Row, ...]  # workdays, money, land
    contributions_by_unit: tuple[UnitContributions, ...]
    achievements: Row
    works: Row
    awards: tuple[Row, ...]

    def rows(self) -> tuple[Row, ...]:
        """Every figure row (for the GUI's editable table and for overrides)."""
        return (self.nominees_total, *self.nominees_by_kind, self.collectives,
                self.individuals, *self.priority, self.priority_total, *self.ethnic_groups,
                *self.contributions, self.achievements, self.works, *self.awards)

    def values(self) -> dict[str, float]:
        return {row.key: row.value for row in self.rows()}

    @property
    def by_unit(self) -> bool:
        """True when several dossiers are summed (a district): the per-commune chart."""
        return len(self.contributions_by_unit) > 1


def _identity(nominee: Any) -> tuple[str, str, int | None]:
    return (str(nominee.kind), fold(nominee_name(nominee)), birth_year(nominee))


def _counted(dossiers: Sequence[Dossier]) -> list[tuple[Dossier, list[Any]]]:
    """Each dossier with the nominees it counts (duplicates across dossiers counted once)."""
    if not dossiers:  # only Giấy khen rounds were given: nothing proposed
        return []
    claimed: set[tuple[str, str, int | None]] = set()
    out: dict[int, list[Any]] = {}
    for i in [*range(1, len(dossiers)), 0]:
        kept = []
        for nominee in dossiers[i].nominees:
            key = _identity(nominee)
            if key[1] and key in claimed:
                continue
            claimed.add(key)
            kept.append(nominee)
        out[i] = kept
    return [(d, out[i]) for i, d in enumerate(dossiers)]


def _row(key: str, label: str, value: float) -> Row:
    return Row(key, label, value, value)


def _number(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def compute_figures(dossiers: Sequence[Dossier], pack: CampaignPack, *,
                    overrides: Mapping[str, float] | None = None) -> ReportFigures:
    """The report's figures for ``dossiers`` (own dossier first) under ``pack``.

    ``overrides`` (default: the own dossier's ``result_report.figure_overrides``) replace
    computed values by key; unknown keys are ignored.
    """
    if not dossiers:
        raise ValueError("compute_figures needs at least the reporting unit's dossier")
    # A unit's own Giấy khen rounds are awards the unit gave, not nominees it proposed.
    rounds = [d for d in dossiers if d.own_rules is not None]
    dossiers = [d for d in dossiers if d.own_rules is None]
    if overrides is None:
        overrides = (dossiers or rounds)[0].result_report.figure_overrides
    counted = _counted(dossiers)
    nominees = [n for _, kept in counted for n in kept]

    kinds = [_row(f"nominees.kind.{spec.kind}", spec.label,
                  sum(1 for n in nominees if n.kind == spec.kind))
             for spec in pack.nominee_kinds]
    counts_as = {spec.kind: spec.counts_as for spec in pack.nominee_kinds}
    collectives = sum(1 for n in nominees if counts_as.get(n.kind) == "collective")
    individuals = sum(1 for n in nominees if counts_as.get(n.kind) == "individual")

    groups = {g.id: 0 for g in pack.priority_groups}
    for dossier, kept in counted:
        part = dossier.model_copy(update={"nominees": tuple(kept)})
        for gid, count in priority_counts(part, pack).items():
            groups[gid] += count
    priority = [_row(f"priority.{g.id}", g.label, groups[g.id]) for g in pack.priority_groups]
    in_any = sum(1 for n in nominees if any(in_group(pack, g, n) for g in pack.priority_groups))

    labels = {g.id: g.label for g in pack.ethnic_groups}
    ethnic: dict[str, int] = {}
    for n in nominees:
        code = getattr(n, "ethnicity", None)
        if code:
            ethnic[code] = ethnic.get(code, 0) + 1
    ethnic_rows = [_row(f"ethnic.{code}", labels.get(code, code), count)
                   for code, count in sorted(ethnic.items(), key=lambda kv: (-kv[1], kv[0]))]

    def in_period(start, end) -> bool:
        """Only what falls in the campaign's achievement period counts (undated: counts)."""
        if start is None and end is None:
            return True
        first, last = start or end, end or start
        period = pack.achievement_period
        return first <= period.end and last >= period.start

    by_unit = []
    for dossier, kept in counted:
        items = [c for n in kept for c in n.contributions if in_period(c.date, c.date)]
        by_unit.append(UnitContributions(
            dossier.unit.name, len(kept),
            _number(sum(c.workdays or 0 for c in items)),
            _number(sum(c.money_vnd or 0 for c in items)),
            _number(sum(c.land_m2 or 0 for c in items))))
    contributions = [
        _row("contributions.workdays", "", _number(sum(u.workdays for u in by_unit))),
        _row("contributions.money_vnd", "", _number(sum(u.money_vnd for u in by_unit))),
        _row("contributions.land_m2", "", _number(sum(u.land_m2 for u in by_unit))),
    ]

    works_ids = {(spec.kind, c.id) for spec in pack.nominee_kinds for c in spec.criteria
                 if WORKS_TAG in c.tags}
    works = sum(1 for n in nominees
                if any(answer.met and (n.kind, cid) in works_ids
                       for cid, answer in n.criteria.items()))
    achievements = sum(1 for n in nominees for a in n.achievements
                       if in_period(a.date_from, a.date_to))

    forms = {f.id: 0 for f in pack.award_forms}
    for n in nominees:
        form = n.award_form or pack.default_award_form
        forms[form] = forms.get(form, 0) + 1
    names = {f.id: f.name for f in pack.award_forms}
    awards = [_row(f"awards.{fid}", names.get(fid, fid), count) for fid, count in forms.items()]
    if rounds:
        awards.append(_round_row(rounds, pack))

    figures = ReportFigures(
        units=(*(d.unit.name for d in dossiers),
               *dict.fromkeys(d.unit.name for d in rounds
                              if d.unit.name not in {x.unit.name for x in dossiers})),
        nominees_total=_row("nominees.total", "", len(nominees)),
        nominees_by_kind=tuple(kinds),
        collectives=_row("nominees.collective", "", collectives),
        individuals=_row("nominees.individual", "", individuals),
        priority=tuple(priority),
        priority_total=_row("priority.total", "", in_any),
        ethnic_groups=tuple(ethnic_rows),
        contributions=tuple(contributions),
        contributions_by_unit=tuple(by_unit),
        achievements=_row("achievements.total", "", achievements),
        works=_row("works.total", "", works),
        awards=tuple(awards),
    )
    return _apply(figures, overrides) if overrides else figures


def _round_row(rounds: Sequence[Dossier], pack: CampaignPack) -> Row:
    """Awardees of the units' own Giấy khen rounds: one row, named by the award when every
    round gives the same one ("Giấy khen của Chủ tịch UBND xã …"), else by the round data."""
    from desktop.models.award_round import GIAY_KHEN
    from desktop.validation.award_round import award_name, round_data

    names = {award_name(pack, d) for d in rounds}
    label = names.pop() if len(names) == 1 else str(round_data()["report_label"])
    return _row(f"awards.{GIAY_KHEN}", label, sum(len(d.nominees) for d in rounds))


def _apply(figures: ReportFigures, overrides: Mapping[str, float]) -> ReportFigures:
    def fix(row: Row) -> Row:
        if row.key in overrides:
            return replace(row, value=_number(overrides[row.key]))
        return row

    def fix_all(rows: tuple[Row, ...]) -> tuple[Row, ...]:
        return tuple(fix(r) for r in rows)

    return replace(
        figures,
        nominees_total=fix(figures.nominees_total),
        nominees_by_kind=fix_all(figures.nominees_by_kind),
        collectives=fix(figures.collectives),
        individuals=fix(figures.individuals),
        priority=fix_all(figures.priority),
        priority_total=fix(figures.priority_total),
        ethnic_groups=fix_all(figures.ethnic_groups),
        contributions=fix_all(figures.contributions),
        achievements=fix(figures.achievements),
        works=fix(figures.works),
        awards=fix_all(figures.awards),
    )
