"""``hoso import PKG.zip [--into DIR]``: safely read another unit's package.

By default the dossier goes into the data store of the data folder (``--data-dir``), keeping
its id, or under a new id when the store already holds it (never overwriting); with
``--into DIR`` the files are extracted into a new folder inside DIR instead. Nothing is
written unless every check of ``hoso verify`` passes. Exit code 0 when imported, 1 when the
package is refused (each problem printed, naming its entry), 2 on unreadable input.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_ERRORS, EXIT_OK
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help=t("package.help.cmd_import"))
    parser.add_argument("package", help=t("package.help.package_file"))
    parser.add_argument("--into", metavar="DIR", help=t("package.help.into"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.package import ImportRefused, import_package

    try:
        if args.into:
            result = import_package(args.package, target_dir=args.into,
                                    packs_dirs=args.packs_dir)
        else:
            from desktop.store import Store, default_path

            path = default_path(args.data_dir)
            with Store(path, packs_dirs=args.packs_dir) as store:
                result = import_package(args.package, store=store, packs_dirs=args.packs_dir)
    except ImportRefused as exc:
        for problem in exc.problems:
            print(t("package.verify.error_line", message=problem.message()))
        print(exc.message())
        return EXIT_ERRORS
    for warning in result.report.warnings:
        print(t("package.verify.warning_line", message=warning.message()))
    from desktop.cli.signing import print_import_signer

    print_import_signer(result.report)
    dossier = result.report.dossier
    if result.dossier_id is not None:
        if result.renamed:
            print(t("package.imported_renamed", original_id=result.original_id,
                    dossier_id=result.dossier_id))
        print(t("package.imported_store", dossier_id=result.dossier_id,
                revision=dossier.revision, nominees=len(dossier.nominees),
                store=str(path)))
    if result.folder is not None:
        print(t("package.imported_folder", files=len(result.report.manifest.files) + 1,
                folder=str(result.folder)))
    return EXIT_OK
