"""``hoso db …``: the data file, for administrators and support.

    hoso db path                 where the data file is
    hoso db check                open it (quick check, migrations) and run a full integrity check
    hoso db list                 the dossiers it holds
    hoso db backup               a backup now
    hoso db backups              the backups, newest first, numbered
    hoso db restore N            restore backup number N (the current data is backed up first)
    hoso db import FILE.json     import a dossier file
    hoso db export ID FILE.json  write a dossier as a file

Exit code 0 when all is well, 1 when the check finds problems, 2 for errors a person can fix.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_ERRORS, EXIT_OK
from desktop.errors import UserError
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help=t("cli.help.cmd_db"))
    actions = parser.add_subparsers(dest="db_action", required=True, parser_class=type(parser),
                                    help=t("cli.help.db_action"))
    for name in ("path", "check", "list", "backup", "backups"):
        actions.add_parser(name).set_defaults(run=run)
    restore = actions.add_parser("restore")
    restore.add_argument("number", type=int, help=t("cli.help.db_number"))
    restore.set_defaults(run=run)
    imp = actions.add_parser("import")
    imp.add_argument("file", help=t("cli.help.file"))
    imp.set_defaults(run=run)
    exp = actions.add_parser("export")
    exp.add_argument("dossier_id")
    exp.add_argument("file", help=t("cli.help.file"))
    exp.set_defaults(run=run)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def run(args: argparse.Namespace) -> int:
    from desktop.store import Store, default_path, list_backups

    path = default_path(args.data_dir)
    action = args.db_action
    if action == "path":
        print(path)
        return EXIT_OK
    if action == "backups":
        backups = list(reversed(list_backups(path.parent / "backups")))
        if not backups:
            print(t("cli.db.backups_none"))
            return EXIT_OK
        print(t("cli.db.backups_header"))
        for number, info in enumerate(backups, 1):
            print(f"{number:>2}  {info.time:%Y-%m-%d %H:%M:%S}  {info.reason:<17}  "
                  f"{_size(info.size):>9}  {info.name}")
        return EXIT_OK
    with Store(path, packs_dirs=args.packs_dir) as store:
        if action == "check":
            problems = store.integrity_check()
            if problems:
                print(t("cli.db.check_failed", file=str(path)))
                for problem in problems:
                    print(f"  {problem}")
                return EXIT_ERRORS
            print(t("cli.db.check_ok", file=str(path), version=store.schema_version(),
                    dossiers=len(store.list_dossiers())))
        elif action == "list":
            summaries = store.list_dossiers()
            if not summaries:
                print(t("cli.db.list_none"))
            for s in summaries:
                print(f"  {s.id}  r{s.revision}  {s.state.value:<9}  {s.nominee_count:>5}  "
                      f"{s.title}")
        elif action == "backup":
            print(t("cli.db.backup_done", file=str(store.backup("manual").path)))
        elif action == "restore":
            backups = store.list_backups()
            if not 1 <= args.number <= len(backups):
                raise UserError("store.backup_not_found", number=args.number)
            chosen = backups[args.number - 1]
            store.restore(chosen)
            print(t("cli.db.restored", file=str(chosen.path)))
        elif action == "import":
            changes = store.import_dossier_file(args.file)
            print(t("cli.db.imported", dossier_id=changes.dossier_id, file=args.file))
        elif action == "export":
            written = store.export_dossier_file(args.dossier_id, args.file)
            print(t("cli.db.exported", dossier_id=args.dossier_id, file=str(written)))
    return EXIT_OK
