"""The finding factory: the only place in the engine that turns a code into sentences.

Rules call :meth:`Reporter.make` with a code, where it points and its parameters; the
reporter looks the messages up in the catalogs (``finding.<code>`` in
``resources/i18n/findings.toml``), applies the pack's severity overrides and builds the
:class:`~desktop.models.finding.Finding`. Parameters that read differently per language
(field labels, the nominee's designation, unit kinds) are passed as ``texts``: a mapping of
parameter name to a ``(vi, en)`` pair; they format the messages but are not stored in
``params`` (which keeps machine values: ids, numbers, names, dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from desktop import i18n
from desktop.models.campaign import CampaignPack
from desktop.models.finding import Finding
from desktop.models.nominee import Collective, Household, nominee_name
from desktop.validation.codes import CODES

LANGS = ("vi", "en")
Texts = Mapping[str, tuple[str, str]]
_UNSET: Any = object()


def label(key: str) -> tuple[str, str]:
    """A (vi, en) label from the catalogs, e.g. ``field.individual.birth_year``."""
    entry = i18n.catalog().get(key)
    if entry is None:
        return (key, key)
    return (entry["vi"], entry.get("en") or entry["vi"])


def unit_kind_label(pack: CampaignPack, kind: object) -> tuple[str, str]:
    """A unit kind as the pack's legal regime names it (``commune`` is "xã, phường, đặc khu"
    under two tiers), else as the catalog does."""
    rule = pack.unit_rule(kind) if pack.regime is not None else None
    if rule is not None:
        return (rule.label, rule.label_en or rule.label)
    return label(f"enum.unit_kind.{kind}")


def field_label(model: str, field: str) -> tuple[str, str]:
    """The label of ``field`` of ``model`` (``individual``, ``proposal``, ``unit``…)."""
    return label(f"field.{model}.{field}")


def part(key: str, **params: Any) -> tuple[str, str]:
    """A phrase of ``validation.<key>`` in both languages, formatted."""
    return (i18n.t(f"validation.{key}", "vi", **params),
            i18n.t(f"validation.{key}", "en", **params))


def join(pairs: Iterable[tuple[str, str]], sep: str = "; ") -> tuple[str, str]:
    items = list(pairs)
    return (sep.join(p[0] for p in items), sep.join(p[1] for p in items))


def quoted(items: Iterable[str]) -> str:
    return ", ".join(f"“{s}”" for s in items)


def subject(nominee: Any, index: int) -> tuple[str, str]:
    """How a message names a nominee: by name, or by its number in the list."""
    name = nominee_name(nominee) if hasattr(nominee, "kind") else ""
    if name:
        return _with_origin(part("subject.named", name=name), nominee)
    return _with_origin(part("subject.unnamed", number=index + 1), nominee)


def _with_origin(who: tuple[str, str], nominee: Any) -> tuple[str, str]:
    """A nominee taken from a received package is named with the unit it came from
    (“… (do Ủy ban nhân dân xã A đề nghị)”)."""
    origin = getattr(nominee, "origin", None)
    if origin is None:
        return who
    return (i18n.t("validation.subject.origin", "vi", who=who[0], unit=origin.unit_name),
            i18n.t("validation.subject.origin", "en", who=who[1], unit=origin.unit_name))


def short_name(nominee: Any, index: int) -> tuple[str, str]:
    """A nominee inside a list: “name”, or its number when unnamed."""
    name = nominee_name(nominee)
    if name:
        return _with_origin((f"“{name}”", f"“{name}”"), nominee)
    return _with_origin(part("subject.unnamed_short", number=index + 1), nominee)


def nominee_model(nominee: Any) -> str:
    """Catalog key of the nominee's model for field labels (its kind)."""
    return str(nominee.kind)


def birth_year(nominee: Any) -> int | None:
    if isinstance(nominee, Household):
        return nominee.head_birth_year
    if isinstance(nominee, Collective):
        return None
    return getattr(nominee, "birth_year", None)


def fmt_number(value: float | int) -> str:
    """Vietnamese number: decimal comma, no trailing zeros (95.0 → "95", 95.5 → "95,5")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def fmt_share(share: Fraction) -> str:
    """7/10 → "70%", 2/3 → "2/3"."""
    pct = share * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    return f"{share.numerator}/{share.denominator}"


def two(n: int) -> str:
    """Counts as administrative documents write them: 01, 02 … 10, 11."""
    return f"{n:02d}"


#: Every finding sets every field, so they can share one "fields set" (pydantic otherwise
#: makes a new set per instance: ~700 bytes, a third of a finding at 50,000 findings).
_FIELDS_SET = set(Finding.model_fields)


class Reporter:
    """Builds findings for one pack (severity overrides, message catalogs)."""

    def __init__(self, pack: CampaignPack) -> None:
        self.pack = pack
        self.cache: dict[str, Any] = {}  # per-pack lookups computed once (sets, labels)
        self._severity = {code: pack.severity_overrides.get(code, info.severity)
                          for code, info in CODES.items()}
        self._hints: dict[str, str] = {}  # hints repeat across nominees: keep one copy each

    def make(
        self,
        code: str,
        *,
        path: str = "",
        nominee_id: str | None = None,
        document: str | None = _UNSET,
        params: dict[str, Any] | None = None,
        texts: Texts | None = None,
        message: str | None = None,
    ) -> Finding:
        """A finding for ``code``; ``message`` names a variant message key if not the default."""
        params = params or {}
        key = f"finding.{message or code}"
        msgs: dict[str, str] = {}
        for n, lang in enumerate(LANGS):
            values = dict(params)
            if texts:
                for name, pair in texts.items():
                    values[name] = pair[n]
            msgs[f"message_{lang}"] = i18n.t(key, lang, **values)
            hint = i18n.hint(key, lang, **values)
            msgs[f"hint_{lang}"] = self._hints.setdefault(hint, hint)  # one copy per text
        if document is _UNSET:
            document = CODES[code].document
        return Finding.model_construct(
            _FIELDS_SET,
            code=code,
            severity=self._severity[code],
            path=path,
            nominee_id=nominee_id,
            document=document,
            params=params,
            **msgs,
        )
