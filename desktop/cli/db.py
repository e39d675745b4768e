"""``hoso db …``: the data file, for administrators and support.

    hoso db path                 where the data file is
    hoso db check                open it (quick check, migrations) and run a full integrity check
    hoso db list                 the dossiers it holds
    hoso db backup               a backup now
    hoso db backups              the backups, newest first, numbered
    hoso db restore N            restore backup number N (the current data is backed up first;
                                 a damaged data file is kept beside, renamed)
    hoso db recover              a damaged data file: keep it beside, renamed, and restore the
                                 newest good backup, or start an empty data file (--empty, or
                                 when there is no good backup)
    hoso db import FILE.json     import a dossier file
    hoso db export ID FILE.json  write a dossier as a file

Exit codes (README): 0 all is well; 1 ``db check`` finds the data file damaged (it cannot be
opened, or the integrity check lists problems: each is printed, with the way out,
``hoso db recover``); 2 a command cannot run (the file is in use by another HoSo, a folder
cannot be written, no backup number N, a file of a newer HoSo to write to).
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
    recover = actions.add_parser("recover")
    recover.add_argument("--empty", action="store_true", help=t("cli.help.db_recover_empty"))
    recover.set_defaults(run=run)
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


def _print_leftovers(store) -> None:
    for path in store.leftover_temp:
        print(t("cli.db.temp_left", file=str(path)))
    if store.newer_schema:
        print(t("store.newer_schema", file=str(store.path),
                migrations=", ".join(store.newer_schema)))


def _recovered(result) -> None:
    if result.kept_as is not None:
        print(t("cli.db.damaged_kept", file=str(result.kept_as)))
    if result.restored is not None:
        print(t("cli.db.recovered_from", file=str(result.restored.path)))
    else:
        print(t("cli.db.started_empty"))


def run(args: argparse.Namespace) -> int:
    from desktop.store import (
        Store,
        StoreDamagedError,
        default_path,
        list_backups,
        recover_data_file,
    )

    path = default_path(args.data_dir)
    action = args.db_action
    if action == "path":
        print(path)
        return EXIT_OK
    if action == "backups":
        backups = list(reversed(list_backups(path.parent / "backups")))
        from desktop.store.backups import TEMP_PATTERNS

        folder = path.parent / "backups"
        for pattern in TEMP_PATTERNS:  # left by an interrupted backup (removed at next open)
            for left in sorted(folder.glob(pattern)) if folder.is_dir() else ():
                print(t("cli.db.temp_found", file=str(left)))
        if not backups:
            print(t("cli.db.backups_none"))
            return EXIT_OK
        print(t("cli.db.backups_header"))
        for number, info in enumerate(backups, 1):
            print(f"{number:>2}  {info.time:%Y-%m-%d %H:%M:%S}  {info.reason:<17}  "
                  f"{_size(info.size):>9}  {info.name}")
        return EXIT_OK
    try:
        store = Store(path, packs_dirs=args.packs_dir)
    except StoreDamagedError as exc:
        if action == "check":
            print(exc.message())
            print(t("cli.db.recover_hint"))
            return EXIT_ERRORS
        if action == "recover":
            _recovered(recover_data_file(path, use_backup=not args.empty))
            with Store(path, packs_dirs=args.packs_dir) as store:  # opens, or starts empty
                print(t("cli.db.check_ok", file=str(path), version=store.schema_version(),
                        dossiers=len(store.list_dossiers())))
            return EXIT_OK
        if action == "restore":  # the command line's way back from a damaged file
            backups = list(reversed(list_backups(path.parent / "backups")))
            if not 1 <= args.number <= len(backups):
                raise UserError("store.backup_not_found", number=args.number) from exc
            _recovered(recover_data_file(path, backups[args.number - 1]))
            return EXIT_OK
        raise
    with store:
        _print_leftovers(store)
        if action == "recover":
            print(t("cli.db.recover_not_needed", file=str(path)))
        elif action == "check":
            problems = store.integrity_check()
            if problems:
                print(t("cli.db.check_failed", file=str(path)))
                for problem in problems:
                    print(f"  {problem}")
                print(t("cli.db.recover_hint"))
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
