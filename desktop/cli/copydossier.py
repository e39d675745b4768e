"""``hoso copy-dossier FILE.json --out NEW.json [--with-nominees] [--id ID] [--pack ID]``.

Starts a new dossier from an earlier one (a new campaign): new id, revision 1, draft; the
unit, the council's members, chair and secretary and the signer are kept; numbers, dates,
votes and the result report of the old campaign are cleared; nominees only with
``--with-nominees``. ``--pack ID[@VERSION]`` writes it for another installed campaign pack.
Exit code 0 when written, 2 on bad input.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, finding_line
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("copy-dossier", help=t("cli.help.cmd_copy_dossier"))
    parser.add_argument("file", help=t("cli.help.file"))
    parser.add_argument("--out", required=True, help=t("cli.help.out_file"))
    parser.add_argument("--with-nominees", action="store_true",
                        help=t("cli.help.with_nominees"))
    parser.add_argument("--id", dest="new_id", default=None, help=t("cli.help.new_id"))
    parser.add_argument("--pack", default=None, help=t("cli.help.copy_pack"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.cli.common import load_dossier
    from desktop.dossierfile import write_dossier_file
    from desktop.models import PackRef
    from desktop.packs import load_pack
    from desktop.reuse import copy_dossier

    dossier, _pack, findings = load_dossier(args.file, args.packs_dir)
    if dossier is None:
        for finding in findings:
            print(finding_line(finding))
        return EXIT_BAD_INPUT
    ref = None
    if args.pack:
        pack_id, _, version = args.pack.partition("@")
        target = load_pack(pack_id, version or None, args.packs_dir)
        ref = PackRef(id=target.id, version=target.version)
    copy = copy_dossier(dossier, new_id=args.new_id, pack=ref,
                        keep_nominees=args.with_nominees)
    write_dossier_file(copy, args.out)
    print(t("cli.copy.done", file=args.out, id=copy.id, source=dossier.id,
            nominees=len(copy.nominees), members=len(copy.council.members)))
    return EXIT_OK
