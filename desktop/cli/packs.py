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
    from desktop.packs import list_packs

    infos = list_packs(args.packs_dir)
    if args.json:
        print(json.dumps([{"id": i.id, "version": i.version, "title": i.title,
                           "path": str(i.path), "sha256": i.sha256} for i in infos],
                         ensure_ascii=False, indent=2))
    elif not infos:
        print(t("cli.packs_none"))
    else:
        print(t("cli.packs_header"))
        for info in infos:
            print(f"  {info.id}  {info.version}  {info.title}")
    return EXIT_OK
