"""Text enters the models as Unicode NFC (architecture guide §5), whatever the input method sent."""

from __future__ import annotations

import types
import typing
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel

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
    Proposal,
    Resident,
    Unit,
)
from desktop.models.base import LINE_MAX, TEXT_MAX
from desktop.textutil import clean, clean_text, fold, nfc

#: Names carrying every Vietnamese tone mark (huyền, sắc, hỏi, ngã, nặng) and the letters
#: ă â đ ê ô ơ ư, upper and lower case.
NAMES = ("Nguyễn Thị Ánh Hồng", "Đặng Quốc Bảo", "Lưu Ỷ Lan", "Hoàng Văn Ữ",
         "Trần Thị Thuỷ Tiên", "Lý Ngọc Ẩn", "Ơn Ước Ợi", "Ấu Ầm Ậu Ẵng")
NAME = " ".join(NAMES)

#: Every model a secretary types into, with its text fields detected from the annotations.
TYPED_MODELS: tuple[type[BaseModel], ...] = (
    Collective, Individual, Household, Resident, Achievement, Contribution, CriterionAnswer,
    Unit, CouncilMember, CouncilMeeting, Proposal, Dossier,
)


def _is_text(annotation) -> bool:
    """``Text``/``Line`` (str with the ``clean_text`` validator), maybe ``| None``, in a tuple."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return base is str and any(
            isinstance(m, AfterValidator) and m.func is clean_text for m in meta
        )
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, tuple):
        return any(_is_text(arg) for arg in typing.get_args(annotation) if arg is not ...)
    return False


def text_fields(model: type[BaseModel]) -> dict[str, bool]:
    """Field name → True for a tuple of texts, False for a single text."""
    out = {}
    for name, field in model.model_fields.items():
        # pydantic moves the metadata of a bare ``Text`` into ``field.metadata``.
        if field.annotation is str and any(
            isinstance(m, AfterValidator) and m.func is clean_text for m in field.metadata
        ):
            out[name] = False
        elif _is_text(field.annotation):
            out[name] = typing.get_origin(field.annotation) is tuple
    return out


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _required(model: type[BaseModel]) -> dict:
    if issubclass(model, Dossier):
        return {"id": "d1", "pack": {"id": "p", "version": "1.0"}}
    if model in (Collective, Individual, Household, Resident):
        return {"id": "n1"}
    return {}


def test_nfd_really_differs():
    assert _nfd(NAME) != NAME
    assert nfc(_nfd(NAME)) == NAME
    # huyền, sắc, hỏi, ngã, nặng; breve (ă), circumflex (â ê ô), horn (ơ ư); and đ.
    for mark in "\u0300\u0301\u0309\u0303\u0323\u0306\u0302\u031b":
        assert mark in _nfd(NAME), hex(ord(mark))
    assert "đ" in NAME.lower()


def test_text_fields_are_detected():
    assert {"name", "address", "head_name", "functions", "phone", "summary", "note"} <= set(
        text_fields(Collective)
    )
    assert {"full_name", "position", "workplace", "hometown", "alias"} <= set(
        text_fields(Individual)
    )
    assert text_fields(Proposal)["recipients"] is True
    assert "ethnicity" not in text_fields(Individual)  # a code, not free text
    assert "id" not in text_fields(Individual)
    for model in TYPED_MODELS:
        assert text_fields(model), model.__name__


def test_every_string_field_is_text_or_a_code():
    """A plain ``str`` field would let NFD text in: only codes and identifiers may be plain."""
    for model in TYPED_MODELS:
        texts = text_fields(model)
        for name, field in model.model_fields.items():
            if name in texts:
                continue
            annotation = field.annotation
            args = typing.get_args(annotation)
            is_str = annotation is str or str in args
            if not is_str:
                continue
            constrained = any(getattr(m, "pattern", None) for m in field.metadata) or any(
                getattr(m, "pattern", None)
                for arg in args
                for m in getattr(arg, "__metadata__", ())
            )
            assert constrained, f"{model.__name__}.{name} is free text without NFC"


@pytest.mark.parametrize("model", TYPED_MODELS, ids=lambda m: m.__name__)
def test_nfd_input_comes_back_nfc(model):
    fields = text_fields(model)
    data = _required(model)
    for name, is_tuple in fields.items():
        data[name] = (_nfd(NAME), _nfd(NAMES[0])) if is_tuple else _nfd(f"  {NAME}\n")
    obj = model.model_validate(data)
    for name, is_tuple in fields.items():
        expected = (NAME, NAMES[0]) if is_tuple else NAME
        assert getattr(obj, name) == expected, f"{model.__name__}.{name}"
    # The JSON form carries NFC too.
    assert _nfd(NAME) not in obj.model_dump_json()


def test_nested_text_is_nfc():
    dossier = Dossier.model_validate({
        "id": "d1",
        "pack": {"id": "p", "version": "1.0"},
        "unit": {"name": _nfd("Ủy ban nhân dân xã Bạch Đằng")},
        "nominees": [{
            "kind": "household", "id": "h1", "head_name": _nfd("Nông Văn Thuận"),
            "criteria": {"hgd-san-xuat": {"met": True, "evidence": _nfd("Thu nhập ổn định")}},
            "contributions": [{"description": _nfd("Hiến đất làm đường")}],
        }],
        "council": {"members": [{"name": _nfd("Lưu Ỷ Lan")}]},
        "proposal": {"recipients": [_nfd("Như trên;"), _nfd("Lưu: VT.")]},
    })
    assert dossier.unit.name == "Ủy ban nhân dân xã Bạch Đằng"
    household = dossier.nominees[0]
    assert household.head_name == "Nông Văn Thuận"
    assert household.criteria["hgd-san-xuat"].evidence == "Thu nhập ổn định"
    assert household.contributions[0].description == "Hiến đất làm đường"
    assert dossier.council.members[0].name == "Lưu Ỷ Lan"
    assert dossier.proposal.recipients == ("Như trên;", "Lưu: VT.")


vietnamese_text = st.text(
    alphabet=st.sampled_from(list(NAME + _nfd(NAME) + " \t\n.,-/0123456789\u0300\u0301\u0303"))
    | st.characters(codec="utf-8"),
    max_size=40,
)


@given(vietnamese_text)
def test_cleaning_twice_changes_nothing(text):
    once = clean(text)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(vietnamese_text)
def test_model_text_is_stable(text):
    first = Collective(id="c1", name=text)
    again = Collective(id="c1", name=first.name)
    assert again == first
    assert Collective(id="c1", name=_nfd(text)) == first


@given(vietnamese_text)
def test_nfd_and_nfc_input_give_equal_models(text):
    assert Individual(id="i1", full_name=_nfd(text)) == Individual(id="i1", full_name=nfc(text))


@given(vietnamese_text)
def test_fold_is_idempotent_and_ignores_normal_form(text):
    assert fold(fold(text)) == fold(text)
    assert fold(_nfd(text)) == fold(text)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Hoà", "Hòa"),
        ("Thuỷ", "Thủy"),
        ("huyện Hoà An", "HUYỆN HÒA AN"),
        ("Nguyễn  Văn   Hoà ", " nguyễn văn hòa"),
        ("Lưu Ỷ Lan", "lưu ỷ lan"),
        ("Hoạ sĩ Khoẻ", "họa sĩ khỏe"),
        ("Nguyễn Thị Ánh Hồng", _nfd("nguyễn thị ánh hồng")),
        ("Quý", "Qúy"),  # "uy" after q: both placements fold together
    ],
)
def test_fold_equates(left, right):
    assert fold(left) == fold(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [("Hòa", "Hoa"), ("Thủy", "Thùy"), ("Đặng", "Dặng"), ("Lan", "Lân")],
)
def test_fold_keeps_distinct_names_apart(left, right):
    assert fold(left) != fold(right)


# ---------------------------------------------------------------- issue 15: what DOCX can hold


@pytest.mark.parametrize("model", TYPED_MODELS, ids=lambda m: m.__name__)
def test_control_characters_never_reach_a_model(model):
    """Pasted text may carry Word's line break (\\x0b), a page break, NUL, a bell or a lone
    surrogate: breaks become newlines, the rest is removed, so every text is XML-safe."""
    fields = text_fields(model)
    data = _required(model)
    dirty = "Nguyễn\x0bThị\x0cHoa\x00\x07\x1b\x7f\x85 An\r\nB\tC\ufffe"
    for name, is_tuple in fields.items():
        data[name] = (dirty,) if is_tuple else dirty
    obj = model.model_validate(data)
    for name, is_tuple in fields.items():
        value = getattr(obj, name)[0] if is_tuple else getattr(obj, name)
        assert value == "Nguyễn\nThị\nHoa\n An\nB\tC", name


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60))
def test_clean_text_is_xml_safe_and_idempotent(text):
    out = clean_text(text)
    assert clean_text(out) == out
    assert all(c in "\t\n" or (0x20 <= ord(c) < 0x7f) or (0x9f < ord(c) < 0xd800)
               or (0xe000 <= ord(c) < 0xfffe) or ord(c) > 0xffff for c in out)


def test_names_and_texts_have_a_length_limit():
    import pydantic

    assert len(Individual(id="i1", full_name="A" * LINE_MAX).full_name) == LINE_MAX
    with pytest.raises(pydantic.ValidationError, match="string_too_long"):
        Individual(id="i1", full_name="A" * (LINE_MAX + 1))
    with pytest.raises(pydantic.ValidationError, match="string_too_long"):
        Individual(id="i1", summary="A" * (TEXT_MAX + 1))


def test_a_lone_surrogate_is_refused_naming_the_field():
    from desktop.validation import parse_dossier

    _, findings = parse_dossier({"id": "d1", "pack": {"id": "p", "version": "1"},
                                 "unit": {"name": "Xã \ud800"}})
    assert [f.code for f in findings] == ["input.string_unicode"]
    assert "Tên đơn vị" in findings[0].message_vi or "unit" in findings[0].path
