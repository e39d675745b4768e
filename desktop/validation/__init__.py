"""The rule engine (kiểm tra hồ sơ): dossier × campaign pack → findings. Pure Python.

Public API::

    validate(dossier, pack, *, today=None) -> list[Finding]
    Validator(pack, *, today=None).run(dossier) -> list[Finding]   # incremental, for the GUI
    parse_dossier(data) -> (Dossier | None, list[Finding])         # pydantic errors -> findings
    translate_pydantic_error(err, lang) -> str
    priority_counts(dossier, pack) -> dict[str, int]
    CODES                                                          # code -> default severity

Every number and wording comes from the pack; every sentence from the catalogs
``resources/i18n/findings.toml``, ``pydantic.toml`` and ``fields.toml``. The codes and their
severities are listed in :mod:`desktop.validation.codes`.
"""

from desktop.validation.codes import CODES, INPUT_TYPES, CodeInfo
from desktop.validation.engine import Validator, sort_findings, validate
from desktop.validation.input import parse_dossier, translate_pydantic_error
from desktop.validation.priority import priority_counts

__all__ = [
    "CODES",
    "INPUT_TYPES",
    "CodeInfo",
    "Validator",
    "parse_dossier",
    "priority_counts",
    "sort_findings",
    "translate_pydantic_error",
    "validate",
]
