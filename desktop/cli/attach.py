"""``hoso attach FILE.json --document ID [--nominee ID] IMAGE_OR_PDF... (--out DIR | --store)``.

Turns photos/scans (JPEG, PNG, TIFF) and scanner PDFs of a signed document into one upright
PDF under the pack's per-file limit and keeps it as the document's signed copy: with
``--out DIR`` as ``DIR/<document file>_BanKy.pdf`` (what ``hoso export --signed DIR`` reads),
with ``--store`` in the data store for the dossier with the file's id and revision (what
``hoso export --store`` and the app read). Prints pages, size and warnings. Exit code 0 when
saved (warnings allowed), 1 when the copy stays over the limit, 2 on bad input (an
unreadable file, an unknown document): nothing is saved then.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_BAD_INPUT, EXIT_ERRORS, EXIT_OK, finding_line, load_dossier
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("attach", help=t("scans.help.cmd_attach"))
    parser.add_argument("file", help=t("cli.help.file"))
    parser.add_argument("--document", required=True, help=t("scans.help.document"))
    parser.add_argument("--nominee", default=None, help=t("scans.help.nominee"))
    parser.add_argument("sources", nargs="+", help=t("scans.help.sources"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", help=t("scans.help.out"))
    where.add_argument("--store", action="store_true", help=t("scans.help.store"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.package.sizes import mb_text, size_text
    from desktop.scans import CopyTooLarge, attach, prepare_files, write_copy

    if not args.out and not args.store:
        print(t("scans.cli.where"))
        return EXIT_BAD_INPUT
    dossier, pack, findings = load_dossier(args.file, args.packs_dir)
    if dossier is None:
        for finding in findings:
            print(finding_line(finding))
        return EXIT_BAD_INPUT
    try:
        copy = prepare_files(dossier, pack, args.document, args.sources,
                             nominee_id=args.nominee)
    except CopyTooLarge as exc:
        print(exc.message())
        return EXIT_ERRORS
    if args.store:
        from desktop.store import Store

        with Store(data_dir=args.data_dir, packs_dirs=args.packs_dir) as store:
            changes = attach(store, dossier.id, copy, revision=dossier.revision)
        print(t("scans.cli.saved_store", file=copy.file_name, title=copy.target.title_vi,
                dossier_id=dossier.id, revision=changes.revision))
    else:
        print(t("scans.cli.saved_file", path=str(write_copy(args.out, copy))))
    report = copy.built.report
    how = (t("scans.cli.how_kept") if report.kept_original
           else t("scans.cli.how_images", dpi=report.dpi, quality=report.quality)
           if report.quality is not None else "")
    print(t("scans.cli.summary", pages=copy.page_count, size=size_text(copy.built.size),
            limit=mb_text(report.limit_bytes / 1_000_000), how=how))
    for note in copy.notes:
        print(t("scans.cli.warning_line", message=note.message()))
    return EXIT_OK
