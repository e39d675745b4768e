"""Helpers shared by the ``hoso`` commands: reading a dossier with its pack, printing findings."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import i18n
from desktop.errors import UserError
from desktop.i18n import t

if TYPE_CHECKING:  # ``hoso`` (the GUI) parses its arguments without loading the models
    from desktop.models import CampaignPack, Dossier, Finding

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2


#: argparse's own English (its ``_()`` calls, Python 3.11–3.13) -> our catalog key. A string
#: missing here stays English.
ARGPARSE_STRINGS = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positional",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "show program's version number and exit": "cli.argparse.version",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "one of the arguments %s is required": "cli.argparse.one_of",
    "not allowed with argument %s": "cli.argparse.not_allowed",
}


def _argparse_text(message: str) -> str:
    key = ARGPARSE_STRINGS.get(message)
    return t(key) if key is not None else message


def localize_argparse() -> None:
    """Make argparse's own words (usage, option help, its errors) follow the current
    language: argparse looks each one up through its module's ``_`` at the time it is used."""
    argparse._ = _argparse_text  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the current language (exit code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError("cli.usage_error", detail=message)


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UserError("cli.bad_date", value=value) from exc


def load_dossier(path: str | Path, packs_dirs: Sequence[str] = ()
                 ) -> tuple[Dossier | None, CampaignPack, list[Finding]]:
    """Read a dossier file and its pack.

    Returns the dossier (None when fields are malformed) with the input findings naming those
    fields. A file that is no dossier at all, or an unknown pack, raises ``UserError``/
    ``PackError`` (exit code 2).
    """
    from desktop.dossierfile import read_dossier_data
    from desktop.packs import load_pack
    from desktop.validation import parse_dossier

    data = read_dossier_data(path)
    pack = load_pack(data["pack"]["id"], data["pack"]["version"], packs_dirs)
    dossier, findings = parse_dossier(data)
    return dossier, pack, findings


def finding_line(finding: Finding) -> str:
    """One finding as a console line (and an indented hint line), in the current language."""
    vi = i18n.get_language() == "vi"
    message = finding.message_vi if vi else finding.message_en
    hint = finding.hint_vi if vi else finding.hint_en
    line = f"{t(f'cli.severity.{finding.severity}'):<10} [{finding.code}] {finding.path or '-'}: "
    line += message
    if hint:
        line += "\n" + " " * 11 + t("cli.hint", hint=hint)
    return line


def summary(findings: Iterable[Finding]) -> str:
    """"Kết quả: 2 lỗi, 1 cảnh báo, 0 thông tin. …" """
    findings = list(findings)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    key = "cli.summary_errors" if counts["error"] else "cli.summary_ok"
    return t(key, errors=counts["error"], warnings=counts["warning"], infos=counts["info"])


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.blocking for f in findings)
