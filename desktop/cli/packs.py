"""``hoso packs [--json]``: list the installed campaign packs."""

from __future__ import annotations

import argparse
import json

from desktop.cli.common import EXIT_OK
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("packs", help=t("cli.help.cmd_packs"))
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.packs import list_packs, load_pack_file
    from desktop.paths import installed_packs_dir

    infos = list_packs([*args.packs_dir, installed_packs_dir(args.data_dir)]
                       if args.data_dir else args.packs_dir)
    regimes = {i.path: load_pack_file(i.path).legal_regime for i in infos}
    if args.json:
        print(json.dumps([{"id": i.id, "version": i.version, "title": i.title,
                           "legal_regime": regimes[i.path],
                           "path": str(i.path), "sha256": i.sha256} for i in infos],
                         ensure_ascii=False, indent=2))
    elif not infos:
        print(t("cli.packs_none"))
    else:
        print(t("cli.packs_header"))
        for info in infos:
            print(f"  {info.id}  {info.version}  [{t('cli.packs_regime')} "
                  f"{regimes[info.path]}]  {info.title}")
    return EXIT_OK
