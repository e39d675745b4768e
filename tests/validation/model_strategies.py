"""Hypothesis strategies drawn from the models' own field types (issue 15).

:func:`typed_dossiers` starts from a valid dossier of the pack (``valid_dossier_data``) and
walks the :class:`~desktop.models.Dossier` model: for each leaf field it may replace the value
by one drawn from the field's *type*, read from its annotation and bounds (``Line``/``Text``
up to their maximum length, with control characters, long words and line breaks; counts,
money and figures up to their maximum; dates over the whole allowed range; booleans; enum
members), and it may add rows to tuples of sub-models (achievements, contributions,
recipients, council members). Identifiers and the cross references they make are kept: a
dossier whose ids no longer agree does not validate, and the invariant is about what does.

Used by ``tests/validation/test_invariant.py`` (a short run in ``make test``) and
``bench/bench_invariant.py`` (a long one in ``make bench``).
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import types
import typing
from typing import Any

from annotated_types import Ge, Le, MaxLen
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from desktop.models import CouncilMember, Dossier
from desktop.models.base import MAX_DATE, MIN_DATE
from desktop.models.nominee import Collective, Household, Individual, Resident
from desktop.textutil import clean_text

from .dossiers import valid_dossier_data

NOMINEE_CLASSES = {"collective": Collective, "individual": Individual,
                   "household": Household, "resident": Resident}

#: Text a secretary might paste: Vietnamese, punctuation, every break and control character
#: the cleaning handles, characters outside the font, a long word without spaces.
_ALPHABET = st.sampled_from([*(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụ"
    "ứừửữựýỳỷỹỵ0123456789.,;:-–—/()%&<>\"'*_[]{}#@!?+=\\"),
    "\n", "\t", "\r", "\x0b", "\x0c", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028",
    "\ufffe", "😀", "漢", "ﬁ", "\u0301", "\u200b", "\u00ad"])


def _text(max_len: int, heavy: bool = True) -> st.SearchStrategy[str]:
    """Texts up to ``max_len``: mostly short ones; now and then one at the limit (a phrase
    repeated, one long word, many short words), which costs the renderer most (less often
    when not ``heavy``)."""
    short = st.text(_ALPHABET, min_size=1, max_size=40)
    if not heavy:  # free texts up to 2,000 characters; the bench goes to TEXT_MAX
        max_len = min(max_len, 2000)
    at_limit = st.one_of(
        st.text(_ALPHABET, min_size=1, max_size=120).map(
            lambda s: (s * (max_len // len(s) + 1))[:max_len]),
        st.sampled_from("WMmi0Đ").map(lambda c: c * max_len),
        st.integers(1, max(1, max_len // 6)).map(lambda n: ("Nguyễn " * n)[:max_len]),
    )
    return st.one_of(*[short] * (6 if heavy else 14), at_limit)


def _bounds(meta: list[Any]) -> tuple[Any, Any, int | None, bool]:
    low = high = max_len = None
    is_text = False
    for m in meta:
        if isinstance(m, Ge):
            low = m.ge
        elif isinstance(m, Le):
            high = m.le
        elif isinstance(m, MaxLen):
            max_len = m.max_length
        elif getattr(m, "max_length", None) is not None:  # StringConstraints
            max_len = m.max_length
        if isinstance(m, AfterValidator) and m.func is clean_text:
            is_text = True
    return low, high, max_len, is_text


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """(base type, metadata, optional) of an annotation like ``Annotated[int, ...] | None``."""
    optional = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            annotation = args[0]
    meta: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *meta = typing.get_args(annotation)
    # ``Annotated[int, Field(ge=…)]`` keeps its bounds inside the FieldInfo
    meta = [x for m in meta for x in ([m, *m.metadata] if isinstance(m, FieldInfo) else [m])]
    return annotation, meta, optional


def leaf_strategy(annotation: Any, metadata: list[Any] = (), heavy: bool = True
                  ) -> st.SearchStrategy | None:
    """Values of a leaf field's type, or None for what is left as it is (ids, patterns)."""
    base, meta, optional = _unwrap(annotation)
    meta = [*metadata, *meta]
    low, high, max_len, is_text = _bounds(meta)
    out: st.SearchStrategy | None = None
    if base is str:
        if not is_text:
            return None  # identifiers, codes with a pattern
        out = _text(max_len or 200, heavy)
    elif base is bool:
        out = st.booleans()
    elif base is int:
        lo = 0 if low is None else int(low)
        hi = 10**6 if high is None else int(high)
        out = st.one_of(st.sampled_from([lo, hi]), st.integers(lo, hi))
    elif base is float:
        lo = -1e6 if low is None else float(low)
        hi = 1e6 if high is None else float(high)
        out = st.one_of(st.sampled_from([lo, hi, 0.0, 0.1, 99.999, 100.0]),
                        st.floats(lo, hi, allow_nan=False, allow_infinity=False))
    elif base is dt.date:
        out = st.dates(MIN_DATE, MAX_DATE).map(dt.date.isoformat)
    elif isinstance(base, type) and issubclass(base, enum.Enum):
        out = st.sampled_from([m.value for m in base])
    if out is not None and optional:
        out = st.one_of(st.none(), out)
    return out


#: Chance of replacing a leaf, by kind: texts and numbers often (they must always render),
#: dates and choices rarely (most values break a rule, and then nothing is rendered).
_RATES = {"text": 0.2, "number": 0.3, "other": 0.01}
#: Fields whose value other fields must agree with (the chair is a member, the votes fit the
#: members present): drawn rarely, or every example would stop at a rule.
_LINKED = {"chair", "secretary", "votes_for", "votes_against", "abstain", "present",
           "written_opinion", "met", "report_form", "kind", "name"}


def _rate(annotation: Any, name: str = "", model: type | None = None) -> float:
    base = _unwrap(annotation)[0]
    if name in _LINKED and (name != "name" or model is CouncilMember):
        return _RATES["other"]
    if base is str:
        return _RATES["text"]
    if base in (int, float):
        return _RATES["number"]
    return _RATES["other"]


def _mutate_model(draw, rnd, model: type[BaseModel], data: dict, heavy: bool = True) -> None:
    for name, field in model.model_fields.items():
        annotation = field.annotation
        base = _unwrap(annotation)[0]
        value = data.get(name)
        origin = typing.get_origin(base)
        if isinstance(base, type) and issubclass(base, BaseModel):
            if isinstance(value, dict):
                _mutate_model(draw, rnd, base, value, heavy)
            continue
        if origin is tuple:
            item = typing.get_args(base)[0]
            item_base = _unwrap(item)[0]
            if name == "nominees":
                for nominee in value or []:
                    _mutate_model(draw, rnd, NOMINEE_CLASSES[nominee["kind"]], nominee, heavy)
            elif isinstance(item_base, type) and issubclass(item_base, BaseModel):
                rows = list(value or [])
                for row in rows:
                    _mutate_model(draw, rnd, item_base, row, heavy)
                if rows and name in ("achievements", "contributions", "members") and \
                        rnd.random() < 0.1:
                    more = draw(st.integers(1, 30 if heavy else 3))
                    rows += [copy.deepcopy(rows[-1]) for _ in range(more)]
                data[name] = rows
            elif (strategy := leaf_strategy(item, heavy=heavy)) is not None and \
                    rnd.random() < _RATES["text"]:
                data[name] = draw(st.lists(strategy, max_size=draw(st.sampled_from([3, 40]))))
            continue
        if origin is dict:
            value_type = typing.get_args(base)[1]
            value_base, _, _ = _unwrap(value_type)
            if isinstance(value_base, type) and issubclass(value_base, BaseModel):
                for row in (value or {}).values():
                    _mutate_model(draw, rnd, value_base, row, heavy)
            elif (strategy := leaf_strategy(value_type, heavy=heavy)) is not None:
                for key in list(value or {}):
                    if rnd.random() < _rate(value_type):
                        value[key] = draw(strategy)
            continue
        strategy = leaf_strategy(annotation, field.metadata, heavy)
        if strategy is not None and rnd.random() < _rate(annotation, name, model):
            data[name] = draw(strategy)


@st.composite
def typed_dossiers(draw, pack, kinds_choices=(["individual", "household"],
                                               ["individual"], ["household"]),
                   heavy: bool = True):
    """A dossier (JSON data) of ``pack`` with values drawn from the model's field types.
    ``heavy=False`` (make test) draws texts at their limit and added rows less often, and
    free texts up to 2,000 characters, so the run stays short; the bench (``heavy``) goes
    to the 20,000 of TEXT_MAX."""
    kinds = draw(st.sampled_from(list(kinds_choices)))
    data = valid_dossier_data(pack, list(kinds), unit_kind="district")
    _mutate_model(draw, draw(st.randoms(use_true_random=True)), Dossier, data, heavy)
    data["schema_version"] = 1
    return data


#: The day the property test validates on (inside the Cao Bằng upload window).
TODAY = dt.date(2023, 7, 3)
CREATED_AT = dt.datetime(2023, 7, 3, 9, 0)


def check_invariant(pack, data: dict, out_dir) -> str:
    """Parse, validate and, when there is no error, render and export; raise on a broken
    promise. Returns what happened: ``refused`` (a field refused, each named), ``errors``
    (rule errors: nothing to render) or ``exported``."""
    from desktop.documents import render_result_report
    from desktop.package import export_package, verify_package
    from desktop.validation import parse_dossier, validate

    dossier, findings = parse_dossier(data)
    if dossier is None:
        assert findings and all(f.code.startswith("input.") and f.path for f in findings)
        return "refused"
    findings = validate(dossier, pack, today=TODAY)
    if any(f.blocking for f in findings):
        return "errors"
    result = export_package(dossier, pack, out_dir, today=TODAY, created_at=CREATED_AT)
    for fmt in ("pdf", "docx"):
        assert render_result_report([dossier], pack, fmt=fmt).data
    report = verify_package(result.path)
    assert report.ok, [p.message("en") for p in report.problems]
    result.path.unlink()
    return "exported"
