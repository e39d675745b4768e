"""``hoso validate FILE.json [--json]``: check a dossier against its campaign's rules.

Exit code 0 without errors (warnings allowed), 1 with errors of the rules, 2 when the input
cannot be read as a dossier: not a file, not JSON, or fields of the wrong type or out of
bounds (each such field is printed as a finding).
"""

from __future__ import annotations

import argparse
import json

from desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_ERRORS,
    EXIT_OK,
    finding_line,
    has_errors,
    load_dossier,
    parse_date,
    summary,
)
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help=t("cli.help.cmd_validate"))
    parser.add_argument("file", help=t("cli.help.file"))
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))
    parser.add_argument("--today", type=parse_date, help=t("cli.help.today"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.validation import validate

    dossier, pack, findings = load_dossier(args.file, args.packs_dir)
    if dossier is not None:
        findings = validate(dossier, pack, today=args.today)
    if args.json:
        print(json.dumps([f.model_dump(mode="json") for f in findings],
                         ensure_ascii=False, indent=2))
    else:
        if dossier is not None:
            print(t("cli.dossier_header", title=dossier.title or dossier.id,
                    unit=dossier.unit.name or "—", pack_id=pack.id, pack_version=pack.version))
        for finding in findings:
            print(finding_line(finding))
        print(summary(findings))
    if dossier is None:
        return EXIT_BAD_INPUT
    return EXIT_ERRORS if has_errors(findings) else EXIT_OK
