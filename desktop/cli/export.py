"""``hoso export FILE.json --out DIR [--created-at ISO] [--today DATE]``: the submission package.

Writes one ZIP (documents as PDF and DOCX, dossier.json, validation report, manifest.json)
and prints its path, size and SHA-256 with the size report. Exit code 0 when written; 1 when
the dossier has errors (listed as ``hoso validate`` lists them); 2 on bad input.

Signed copies (``[--signed DIR] [--store]``: written by ``hoso attach --out DIR``, or kept in
the data store) go into the package. By default it is a preview package, which names the
documents still lacking their signed copy; ``--final`` makes the upload package and exits 1,
naming them, while one the campaign pack requires is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.cli.common import (
    EXIT_BAD_INPUT,
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
    parser.add_argument("--final", action="store_true", help=t("scans.help.final"))
    parser.add_argument("--signed", metavar="DIR", help=t("scans.help.signed"))
    parser.add_argument("--store", action="store_true", help=t("scans.help.export_store"))
    from desktop.cli.signing import add_export_options

    add_export_options(parser)
    parser.set_defaults(run=run)


def _signed_copies(args: argparse.Namespace, dossier, pack) -> list | None:
    """The signed copies named by ``--signed``/``--store`` (None when neither is given)."""
    if not args.signed and not args.store:
        return None
    copies: dict = {}
    if args.store:
        from desktop.store import Store

        with Store(data_dir=args.data_dir, packs_dirs=args.packs_dir) as store:
            if store.has_dossier(dossier.id):
                for copy in store.signed_copies(dossier.id, dossier.revision):
                    copies[copy.key] = copy
    if args.signed:
        from desktop.scans import load_copies

        for loaded in load_copies(args.signed, dossier, pack):  # a folder wins over the store
            copies[(loaded.document_id, loaded.nominee_id)] = loaded
    return list(copies.values())


def _passes(args: argparse.Namespace, dossier, pack) -> bool:
    """Whether the export's own check will pass (only asked before a PIN is: a dossier
    with errors is refused without unlocking the token)."""
    if not getattr(args, "sign_with", None):
        return True
    from desktop.package.manifest import vietnam_time
    from desktop.validation import validate

    today = args.today or vietnam_time(args.created_at).date()
    return not any(f.blocking for f in validate(dossier, pack, today=today))


def run(args: argparse.Namespace) -> int:
    from desktop.package import ExportRefused, SignedCopiesMissing, export_package
    from desktop.package.manifest import signed_copy_name

    dossier, pack, findings = load_dossier(args.file, args.packs_dir)
    if dossier is None:  # malformed fields: nothing to export
        for finding in findings:
            print(finding_line(finding))
        print(summary(findings))
        return EXIT_BAD_INPUT  # the input cannot be read as a dossier (README: exit codes)
    from desktop.cli.signing import open_signing, print_signed

    signing = open_signing(args) if _passes(args, dossier, pack) else None  # no PIN in vain
    try:
        result = export_package(dossier, pack, args.out, created_at=args.created_at,
                                today=args.today, packs_dirs=args.packs_dir,
                                signed_copies=_signed_copies(args, dossier, pack),
                                final=args.final, signing=signing)
    except SignedCopiesMissing as exc:
        print(exc.message())
        return EXIT_ERRORS
    except ExportRefused as exc:
        for finding in exc.findings:
            print(finding_line(finding))
        print(summary(exc.findings))
        print(exc.message())
        return EXIT_ERRORS
    finally:
        if signing is not None:
            signing.opened.close()
    for note in result.size_notes:
        print(note.message())
    for missing in result.missing_signed:
        print(t("scans.export.missing_line", title=missing.title_vi,
                file=signed_copy_name(missing.file_stem)))
    if result.final:
        print(t("scans.export.final"))
    print(summary(result.findings))
    print(t("package.exported", path=str(result.path)))
    print(t("package.exported_size", size=result.size_text,
            files=len(result.manifest.files) + 1))
    print(t("package.exported_sha", sha256=result.sha256))
    print_signed(result)
    return EXIT_OK
