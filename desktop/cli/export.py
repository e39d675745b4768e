"""``hoso export FILE.json --out DIR [--created-at ISO] [--today DATE]``: the submission package.

Writes one ZIP (documents as PDF and DOCX, dossier.json, validation report, manifest.json)
and prints its path, size and SHA-256 with the size report. Exit code 0 when written; 1 when
the dossier has errors (listed as ``hoso validate`` lists them); 2 on bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    finding_line,
    load_dossier,
    parse_date,
    summary,
)
from desktop.errors import UserError
from desktop.i18n import t


def parse_created_at(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise UserError("package.bad_created_at", value=value) from exc


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help=t("package.help.cmd_export"))
    parser.add_argument("file", help=t("cli.help.file"))
    parser.add_argument("--out", required=True, help=t("package.help.out"))
    parser.add_argument("--created-at", type=parse_created_at, default=None,
                        help=t("package.help.created_at"))
    parser.add_argument("--today", type=parse_date, help=t("cli.help.today"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.package import ExportRefused, export_package

    dossier, pack, findings = load_dossier(args.file, args.packs_dir)
    if dossier is None:  # malformed fields: nothing to export
        for finding in findings:
            print(finding_line(finding))
        print(summary(findings))
        return EXIT_ERRORS
    try:
        result = export_package(dossier, pack, args.out, created_at=args.created_at,
                                today=args.today, packs_dirs=args.packs_dir)
    except ExportRefused as exc:
        for finding in exc.findings:
            print(finding_line(finding))
        print(summary(exc.findings))
        print(exc.message())
        return EXIT_ERRORS
    for note in result.size_notes:
        print(note.message())
    print(summary(result.findings))
    print(t("package.exported", path=str(result.path)))
    print(t("package.exported_size", size=result.size_text,
            files=len(result.manifest.files) + 1))
    print(t("package.exported_sha", sha256=result.sha256))
    return EXIT_OK
