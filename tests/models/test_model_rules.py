"""What pydantic itself refuses or guarantees: the nominee union, frozen models, extra keys,
birth years, and the dossier's JSON round trip (hypothesis over random dossiers)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from desktop.models import (
    Achievement,
    Collective,
    Contribution,
    CouncilMeeting,
    CouncilMember,
    CriterionAnswer,
    Dossier,
    Household,
    Individual,
    Nominee,
    PackRef,
    Proposal,
    Resident,
    Unit,
    Vote,
    nominee_name,
)
from desktop.models.unit import ManagingLevel, UnitKind

NOMINEES = TypeAdapter(Nominee)
PACK = {"id": "caobang-2023-75nam", "version": "1.0.0"}


# ---------------------------------------------------------------- the nominee union


@pytest.mark.parametrize(
    ("kind", "cls", "name_field"),
    [
        ("collective", Collective, "name"),
        ("individual", Individual, "full_name"),
        ("household", Household, "head_name"),
        ("resident", Resident, "full_name"),
    ],
)
def test_union_picks_the_class_by_kind(kind, cls, name_field):
    nominee = NOMINEES.validate_python({"kind": kind, "id": "n1", name_field: "Hoàng Văn Ữ"})
    assert type(nominee) is cls
    assert nominee.kind == kind
    assert nominee_name(nominee) == "Hoàng Văn Ữ"
    dossier = Dossier(id="d1", pack=PackRef(**PACK), nominees=(nominee,))
    again = Dossier.model_validate_json(dossier.model_dump_json())
    assert type(again.nominees[0]) is cls


def test_union_rejects_unknown_or_missing_kind():
    with pytest.raises(ValidationError) as info:
        NOMINEES.validate_python({"kind": "robot", "id": "n1"})
    assert info.value.errors()[0]["type"] == "union_tag_invalid"
    with pytest.raises(ValidationError) as info:
        NOMINEES.validate_python({"id": "n1"})
    assert info.value.errors()[0]["type"] == "union_tag_not_found"


def test_fields_of_another_kind_are_rejected():
    """A household has no ``full_name``: the kind decides which fields exist."""
    with pytest.raises(ValidationError) as info:
        NOMINEES.validate_python({"kind": "household", "id": "n1", "full_name": "Lưu Ỷ Lan"})
    error = info.value.errors()[0]
    assert error["type"] == "extra_forbidden"
    assert error["loc"] == ("household", "full_name")


# ---------------------------------------------------------------- frozen, extra keys


@pytest.mark.parametrize(
    ("obj", "field", "value"),
    [
        (Collective(id="c1"), "name", "Xóm Nà Mè"),
        (Individual(id="i1"), "birth_year", 1980),
        (Household(id="h1"), "head_name", "Nông Văn Thuận"),
        (Resident(id="r1"), "full_name", "Lưu Ỷ Lan"),
        (Unit(), "name", "Sở Y tế"),
        (CouncilMeeting(), "chair", "Đặng Quốc Bảo"),
        (Proposal(), "number", "12"),
        (Dossier(id="d1", pack=PackRef(**PACK)), "title", "Hồ sơ"),
        (CriterionAnswer(), "met", True),
    ],
)
def test_models_are_frozen(obj, field, value):
    with pytest.raises(ValidationError) as info:
        setattr(obj, field, value)
    assert info.value.errors()[0]["type"] == "frozen_instance"
    assert obj.model_copy(update={field: value}) != obj  # the way to edit


def test_nested_tuples_are_immutable():
    proposal = Proposal(recipients=["Như trên;"])
    assert isinstance(proposal.recipients, tuple)
    with pytest.raises(AttributeError):
        proposal.recipients.append("Lưu: VT.")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (Collective, {"id": "c1", "ten": "Xóm Nà Mè"}),
        (Individual, {"id": "i1", "fullname": "Lưu Ỷ Lan"}),
        (Household, {"id": "h1", "head_birthyear": 1970}),
        (Resident, {"id": "r1", "role": "farmer"}),
        (Unit, {"ten_don_vi": "Sở Y tế"}),
        (CouncilMember, {"name": "A", "vote": True}),
        (CouncilMeeting, {"president": "A"}),
        (Vote, {"nominee_id": "n1", "yes": 3}),
        (Proposal, {"so": "12"}),
        (Achievement, {"year": 2023}),
        (Contribution, {"money": 1000}),
        (CriterionAnswer, {"ok": True}),
        (PackRef, {"id": "p", "version": "1", "sha": "x"}),
        (Dossier, {"id": "d1", "pack": PACK, "nominee": []}),
    ],
)
def test_extra_keys_are_rejected(cls, data):
    with pytest.raises(ValidationError) as info:
        cls.model_validate(data)
    assert [e["type"] for e in info.value.errors()] == ["extra_forbidden"]


# ---------------------------------------------------------------- field checks


@pytest.mark.parametrize("year", [1899, 2101, 198, 19855, -1])
@pytest.mark.parametrize(
    ("cls", "field"),
    [(Individual, "birth_year"), (Resident, "birth_year"), (Household, "head_birth_year")],
)
def test_birth_year_out_of_range_is_rejected(cls, field, year):
    with pytest.raises(ValidationError) as info:
        cls.model_validate({"id": "n1", field: year})
    [error] = info.value.errors()
    assert error["loc"] == (field,)
    assert error["type"] in ("greater_than_equal", "less_than_equal")


@pytest.mark.parametrize("year", [1900, 1958, 2100])
def test_birth_year_in_range(year):
    assert Individual(id="i1", birth_year=year).birth_year == year


@pytest.mark.parametrize("value", ["19a5", 1985.5, "nineteen"])
def test_birth_year_must_be_a_whole_number(value):
    with pytest.raises(ValidationError):
        Individual.model_validate({"id": "i1", "birth_year": value})


@pytest.mark.parametrize("code", ["1", "001", "Tày", "7a"])
def test_ethnicity_is_a_two_digit_code(code):
    with pytest.raises(ValidationError):
        Individual.model_validate({"id": "i1", "ethnicity": code})


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (Contribution, {"money_vnd": -1}),
        (Contribution, {"workdays": -0.5}),
        (Contribution, {"land_m2": -10}),
        (Household, {"id": "h1", "members_count": -2}),
        (Vote, {"nominee_id": "n1", "votes_for": -1}),
        (Collective, {"id": "Xóm 1"}),  # ids are machine identifiers
        (Dossier, {"id": "d1", "pack": PACK, "schema_version": 2}),
    ],
)
def test_impossible_values_are_rejected(cls, data):
    with pytest.raises(ValidationError):
        cls.model_validate(data)


# ---------------------------------------------------------------- JSON round trip

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ" \
          "ùúủũụừứửữựỳýỷỹỵ"
ALPHABET = LETTERS + LETTERS.upper() + " 0123456789.,;:-/%()“”\n"

texts = st.text(alphabet=ALPHABET, max_size=30)
nfd_texts = texts.map(lambda s: unicodedata.normalize("NFD", s))
any_text = texts | nfd_texts
identifiers = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,12}", fullmatch=True)
dates = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2024, 12, 31))
years = st.none() | st.integers(1900, 2100)
counts = st.none() | st.integers(0, 10_000)
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
ethnicity = st.none() | st.sampled_from(["01", "02", "07", "08", "09", "54", "99"])
gender = st.none() | st.sampled_from(["male", "female"])

answers = st.dictionaries(
    identifiers,
    st.builds(CriterionAnswer, met=st.booleans(), evidence=any_text,
              figures=st.dictionaries(identifiers, finite, max_size=3)),
    max_size=4,
)
achievements = st.lists(
    st.builds(Achievement, description=any_text, date_from=st.none() | dates,
              date_to=st.none() | dates, figures=any_text, evidence=any_text),
    max_size=3,
).map(tuple)
contributions = st.lists(
    st.builds(Contribution, description=any_text, date=st.none() | dates,
              workdays=st.none() | st.floats(0, 1e4, allow_nan=False),
              money_vnd=st.none() | st.integers(0, 10**12),
              land_m2=st.none() | st.floats(0, 1e6, allow_nan=False)),
    max_size=2,
).map(tuple)


def _common(**extra):
    return {"id": identifiers, "criteria": answers, "achievements": achievements,
            "contributions": contributions, "summary": any_text, "note": any_text,
            "report_form": st.sampled_from(["full_report", "summary"]), **extra}


nominees = st.one_of(
    st.builds(Collective, **_common(name=any_text, address=any_text, head_name=any_text,
                                    staff_count=counts, functions=any_text,
                                    in_emulation_group=st.booleans(),
                                    collective_type=st.none() | identifiers)),
    st.builds(Individual, **_common(full_name=any_text, birth_year=years, gender=gender,
                                    ethnicity=ethnicity, role=st.none() | identifiers,
                                    holds_leadership=st.booleans(), position=any_text,
                                    workplace=any_text, hometown=any_text)),
    st.builds(Household, **_common(head_name=any_text, head_birth_year=years,
                                   ethnicity=ethnicity, address=any_text,
                                   members_count=counts, annual_income_vnd=counts,
                                   jobs_created=counts)),
    st.builds(Resident, **_common(full_name=any_text, birth_year=years, gender=gender,
                                  ethnicity=ethnicity, address=any_text, occupation=any_text)),
)
members = st.builds(CouncilMember, name=any_text, council_role=any_text, position=any_text,
                    present=st.booleans(), absence_reason=any_text,
                    written_opinion=st.booleans())
councils = st.builds(
    CouncilMeeting, number=any_text, date=st.none() | dates, start_time=st.none() | st.times(),
    end_time=st.none() | st.times(), place=any_text,
    members=st.lists(members, max_size=5).map(tuple), chair=any_text, secretary=any_text,
    voting_method=st.none() | st.sampled_from(["show_of_hands", "secret_ballot"]),
    votes=st.lists(st.builds(Vote, nominee_id=identifiers, votes_for=st.integers(0, 20),
                             votes_against=st.integers(0, 20), abstain=st.integers(0, 20)),
                   max_size=3).map(tuple),
    conclusion=any_text,
)
proposals = st.builds(
    Proposal, number=any_text, symbol=any_text, date=st.none() | dates, place=any_text,
    addressee=any_text, signer_name=any_text, signer_title=any_text,
    authority=st.sampled_from(["direct", "TM", "KT", "Q", "TL", "TUQ"]),
    recipients=st.lists(any_text, max_size=4).map(tuple),
    nominee_ids=st.lists(identifiers, max_size=4).map(tuple), body=any_text,
)
units = st.builds(
    Unit, name=any_text, kind=st.none() | st.sampled_from(list(UnitKind)),
    managing_level=st.none() | st.sampled_from(list(ManagingLevel)),
    emulation_group=st.none() | any_text, parent_body=st.none() | any_text,
    symbol=st.none() | any_text, locality=st.none() | any_text, head_name=st.none() | any_text,
)
dossiers = st.builds(
    Dossier, id=identifiers, revision=st.integers(0, 1000),
    state=st.sampled_from(["draft", "validated", "exported"]),
    pack=st.builds(PackRef, id=identifiers, version=st.sampled_from(["1.0.0", "2.1"])),
    title=any_text, unit=units, nominees=st.lists(nominees, max_size=4).map(tuple),
    council=councils, proposal=proposals,
    created_at=st.none() | st.datetimes(min_value=dt.datetime(2023, 1, 1),
                                        max_value=dt.datetime(2030, 1, 1)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers)
def test_dossier_json_round_trip(dossier):
    text = dossier.model_dump_json()
    again = Dossier.model_validate_json(text)
    assert again == dossier
    assert again.model_dump_json() == text
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=30, deadline=None)
@given(dossiers)
def test_dossier_python_round_trip(dossier):
    assert Dossier.model_validate(dossier.model_dump()) == dossier
    assert Dossier.model_validate(dossier.model_dump(mode="json")) == dossier


def test_round_trip_keeps_vietnamese_unescaped():
    dossier = Dossier(id="d1", pack=PackRef(**PACK), title="Hồ sơ đề nghị khen thưởng",
                      nominees=(Household(id="h1", head_name="Nông Văn Thuận"),))
    text = dossier.model_dump_json()
    assert "Hồ sơ đề nghị khen thưởng" in text
    assert Dossier.model_validate_json(text) == dossier
