"""Property tests: random dossiers (Vietnamese text, NFD input too) round-trip unchanged
through the store and through its JSON files."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import (
    Achievement,
    Collective,
    CouncilMeeting,
    CouncilMember,
    CriterionAnswer,
    Dossier,
    DossierState,
    Household,
    Individual,
    PackRef,
    Proposal,
    Resident,
    Unit,
    UnitKind,
    Vote,
)
from desktop.store import Store

LETTERS = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
           "ùúủũụừứửữựỳýỷỹỵ")
ALPHABET = LETTERS + LETTERS.upper() + " 0123456789.,;:-/%()“”\n'\"\\{}[]"
texts = st.text(alphabet=ALPHABET, max_size=25)
any_text = texts | texts.map(lambda s: unicodedata.normalize("NFD", s))
identifiers = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,10}", fullmatch=True)
dates = st.none() | st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31))
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
zones = st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=7))])
stamps = st.none() | st.builds(
    lambda d, tz: d.replace(tzinfo=tz),
    st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2030, 1, 1)), zones)

answers = st.dictionaries(identifiers, st.builds(
    CriterionAnswer, met=st.booleans(), evidence=any_text,
    figures=st.dictionaries(identifiers, finite, max_size=2)), max_size=3)
achievements = st.lists(st.builds(Achievement, description=any_text, date_from=dates,
                                  date_to=dates, figures=any_text), max_size=2).map(tuple)
common = {"id": identifiers, "criteria": answers, "achievements": achievements,
          "summary": any_text, "note": any_text}
nominees = st.one_of(
    st.builds(Collective, name=any_text, staff_count=st.none() | st.integers(0, 10**4),
              **common),
    st.builds(Individual, full_name=any_text, birth_year=st.none() | st.integers(1900, 2100),
              position=any_text, holds_leadership=st.booleans(), **common),
    st.builds(Household, head_name=any_text, annual_income_vnd=st.none() | st.integers(0, 10**12),
              **common),
    st.builds(Resident, full_name=any_text, ethnicity=st.none() | st.sampled_from(["01", "99"]),
              **common),
)
dossiers = st.builds(
    Dossier, id=identifiers, revision=st.integers(0, 50),
    state=st.sampled_from(["draft", "validated", "exported"]),
    pack=st.builds(PackRef, id=identifiers, version=st.sampled_from(["1.0.0", "2.1"])),
    title=any_text,
    unit=st.builds(Unit, name=any_text, kind=st.none() | st.sampled_from(list(UnitKind)),
                   locality=st.none() | any_text),
    nominees=st.lists(nominees, max_size=5).map(tuple),  # ids may repeat: drafts keep them
    council=st.builds(CouncilMeeting, place=any_text, date=dates,
                      start_time=st.none() | st.times(),
                      members=st.lists(st.builds(CouncilMember, name=any_text,
                                                 present=st.booleans()), max_size=3).map(tuple),
                      votes=st.lists(st.builds(Vote, nominee_id=identifiers,
                                               votes_for=st.integers(0, 9)),
                                     max_size=2).map(tuple)),
    proposal=st.builds(Proposal, number=any_text, date=dates, body=any_text,
                       recipients=st.lists(any_text, max_size=2).map(tuple)),
    created_at=stamps, updated_at=stamps,
)

_ids = itertools.count()


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("roundtrip") / "hoso.db", daily_backup=False) as store:
        yield store


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossier=dossiers)
def test_store_round_trip(shared_store, dossier):
    dossier = dossier.model_copy(update={"id": f"d{next(_ids)}-{dossier.id}"[:64]})
    shared_store.create_dossier(dossier)
    got = shared_store.get_dossier(dossier.id)
    assert got == dossier
    assert got.model_dump_json() == dossier.model_dump_json()
    assert shared_store.get_revision(dossier.id, dossier.revision) == dossier


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossier=dossiers)
def test_json_file_round_trip(shared_store, tmp_path_factory, dossier):
    dossier = dossier.model_copy(update={"id": f"j{next(_ids)}-{dossier.id}"[:64]})
    shared_store.create_dossier(dossier)
    path = shared_store.export_dossier_file(dossier.id, tmp_path_factory.mktemp("j") / "d.json")
    assert Dossier.model_validate_json(path.read_text(encoding="utf-8")) == dossier
    with Store(tmp_path_factory.mktemp("other") / "hoso.db", daily_backup=False) as other:
        other.import_dossier_file(path)
        assert other.get_dossier(dossier.id) == dossier


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossier=dossiers, text=any_text, new=nominees)
def test_edits_land_as_models_would_have_them(shared_store, dossier, text, new):
    """NFD typed into a field is stored NFC; the audit row holds old and new values."""
    dossier = dossier.model_copy(update={"id": f"e{next(_ids)}-{dossier.id}"[:64],
                                         "state": DossierState.DRAFT})
    shared_store.create_dossier(dossier)
    shared_store.update_field(dossier.id, "council.place", text)
    shared_store.save_nominee(dossier.id, new)
    got = shared_store.get_dossier(dossier.id)
    assert got.council.place == unicodedata.normalize("NFC", text).strip()
    assert got.nominee(new.id) == (new if dossier.nominee(new.id) is None
                                   else got.nominee(new.id))
    assert new in got.nominees
    place, saved = shared_store.audit_log(dossier.id)[-2:]
    assert (place.path, place.old, place.new) == (
        "council.place", dossier.council.place, got.council.place)
    assert saved.new == json.loads(new.model_dump_json())
