"""``hoso verify PKG.zip [--json]``: is the package whole, untouched, and does it still pass?

Exit code 0 when every check holds (warnings allowed), 1 when one fails (each problem is
printed with the file it concerns), 2 when the input is no readable ZIP.
"""

from __future__ import annotations

import argparse
import json

from desktop.cli.common import EXIT_ERRORS, EXIT_OK
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("verify", help=t("package.help.cmd_verify"))
    parser.add_argument("package", help=t("package.help.package_file"))
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))
    from desktop.cli.signing import add_verify_options

    add_verify_options(parser)
    parser.set_defaults(run=run)


def print_report(report) -> None:
    for problem in report.problems:
        print(t("package.verify.error_line", message=problem.message()))
    for warning in report.warnings:
        print(t("package.verify.warning_line", message=warning.message()))
    if report.manifest is not None:  # a consolidated dossier: where its nominees came from
        for source in report.manifest.sources:
            print(t("consolidation.cli.source_line", unit=source.unit_name,
                    dossier_id=source.dossier_id, revision=source.revision,
                    sha256=source.package_sha256[:16], nominees=", ".join(source.nominee_ids)))
    if report.ok:
        m = report.manifest
        print(t("package.verify.ok", package=report.path.name, files=len(m.files),
                dossier_id=m.dossier.id, revision=m.dossier.revision, pack_id=m.pack.id,
                pack_version=m.pack.version))
    else:
        print(t("package.verify.failed", package=report.path.name,
                count=len(report.problems)))
    from desktop.cli.signing import print_signature

    print_signature(report)


def run(args: argparse.Namespace) -> int:
    from desktop.package import verify_package

    report = verify_package(args.package, packs_dirs=args.packs_dir,
                            trust_files=tuple(args.trust),
                            require_signature=args.require_signature)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print_report(report)
    return EXIT_OK if report.ok else EXIT_ERRORS
