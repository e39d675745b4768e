"""The result report's figures match the dossiers: each demo dossier, the made-up pack,
a district summing its commune, overrides, and a nominee counted once across dossiers."""

from __future__ import annotations

import datetime as dt

import pytest
from documents.support import cao_bang, demos, sonlam, sonlam_dossier

from desktop.models import ResultReport
from desktop.report import FIGURE_TABLES, compute_figures

from .expected import expected

DEMOS = ["demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt"]


@pytest.mark.parametrize("key", DEMOS)
def test_figures_of_each_demo_dossier(key):
    dossier = demos()[key]
    assert compute_figures([dossier], cao_bang()).values() == expected([dossier], cao_bang())


def test_figures_under_the_made_up_pack():
    dossier, pack = sonlam_dossier(), sonlam()
    values = compute_figures([dossier], pack).values()
    assert values == expected([dossier], pack)
    assert values["works.total"] == 1  # the made-up pack tags another criterion "works"
    assert values["awards.giay-khen-so-nn"] == 0


def test_the_demo_figures_themselves():
    """A few figures read off demo.toml by eye, so the expected loops are checked too."""
    commune = compute_figures([demos()["demo-xa-bach-dang"]], cao_bang()).values()
    assert commune["nominees.total"] == 3
    assert commune["nominees.kind.collective"] == commune["nominees.kind.household"] == 1
    assert commune["nominees.kind.individual"] == 1
    assert commune["achievements.total"] == 3 + 2 + 2  # hamlet, household, civil servant
    assert commune["priority.ho-gia-dinh"] == 1 and commune["ethnic.02"] == 2  # Tày
    assert (commune["contributions.workdays"], commune["contributions.money_vnd"],
            commune["contributions.land_m2"]) == (25, 5_000_000, 120)


def test_district_sums_its_commune_with_a_row_per_unit():
    district, commune = demos()["demo-huyen-trung-khanh"], demos()["demo-xa-bach-dang"]
    figures = compute_figures([district, commune], cao_bang())
    assert figures.values() == expected([district, commune], cao_bang())
    assert figures.by_unit
    assert [u.unit for u in figures.contributions_by_unit] == [district.unit.name,
                                                                commune.unit.name]
    assert [(u.workdays, u.money_vnd, u.land_m2) for u in figures.contributions_by_unit] == [
        (18, 0, 80), (25, 5_000_000, 120)]
    assert figures.values()["contributions.workdays"] == 43


def test_a_nominee_in_both_dossiers_counts_once_for_the_commune():
    district, commune = demos()["demo-huyen-trung-khanh"], demos()["demo-xa-bach-dang"]
    household = commune.nominees[1]
    district = district.model_copy(update={"nominees": (*district.nominees, household)})
    figures = compute_figures([district, commune], cao_bang())
    assert figures.values()["nominees.total"] == 5
    assert [u.nominees for u in figures.contributions_by_unit] == [2, 3]


def test_overrides_replace_values_and_keep_the_computed_ones():
    dossier = demos()["demo-xa-bach-dang"]
    dossier = dossier.model_copy(update={"result_report": ResultReport(
        figure_overrides={"achievements.total": 12, "contributions.money_vnd": 7_500_000})})
    figures = compute_figures([dossier], cao_bang())
    assert figures.achievements.value == 12 and figures.achievements.computed == 7
    assert figures.achievements.overridden
    assert figures.values()["contributions.money_vnd"] == 7_500_000
    assert not figures.works.overridden


def test_out_of_period_achievements_and_contributions_are_not_counted():
    """Only what falls in the pack's achievement period (01/01–30/6/2023) is counted."""
    dossier = demos()["demo-xa-bach-dang"]
    hamlet, household, person = dossier.nominees
    old = dt.date(2022, 11, 20)
    hamlet = hamlet.model_copy(update={"achievements": (
        *hamlet.achievements, hamlet.achievements[0].model_copy(
            update={"date_from": dt.date(2022, 9, 1), "date_to": old}))})
    household = household.model_copy(update={"contributions": (
        *household.contributions, household.contributions[0].model_copy(
            update={"date": old, "land_m2": 500}))})
    dossier = dossier.model_copy(update={"nominees": (hamlet, household, person)})
    figures = compute_figures([dossier], cao_bang())
    assert figures.achievements.value == 7
    assert figures.values()["contributions.land_m2"] == 120
    assert figures.values() == expected([dossier], cao_bang())


def _placed(items):
    for item in items:
        yield from item.figure_tables
        yield from _placed(item.children)


def test_every_pack_places_known_tables_once():
    for pack in (cao_bang(), sonlam()):
        placed = list(_placed(pack.result_report.outline))
        assert placed and set(placed) <= set(FIGURE_TABLES)
        assert len(placed) == len(set(placed))
