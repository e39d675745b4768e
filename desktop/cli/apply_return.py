"""``hoso apply-return RETURN_FILE [--trust FILE]``: open a return file on its dossier.

The dossier in the data store then shows each note on the field it concerns and in Kiểm
tra as its own section until the secretary marks it done; its next package carries the list
of notes answered. A signature beside it (``….json.p7s``) must cover its bytes; its signer
is printed with the decision and the notes. Exit code 0 when opened, 2 on bad input (not a
return file, a signature that does not match, a dossier this computer does not have).
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("apply-return", help=t("consolidation.help.apply_return"))
    parser.add_argument("return_file", metavar="RETURN_FILE")
    parser.add_argument("--trust", metavar="FILE", action="append", default=[],
                        help=t("signing.help.trust"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.consolidation import apply_return_file
    from desktop.store import Store

    with Store(data_dir=args.data_dir, packs_dirs=args.packs_dir) as store:
        applied = apply_return_file(store, args.return_file, trust_files=tuple(args.trust))
    rf = applied.return_file
    print(t("consolidation.cli.applied", dossier_id=rf.dossier_id, unit=rf.from_unit,
            decision=t(f"consolidation.decision.{rf.decision.value}"), notes=len(rf.notes)))
    if applied.signed_by:
        print(t("consolidation.cli.return_signer", signer=applied.signed_by, trusted=t(
            "consolidation.cli.return_trusted") if applied.trusted else ""))
    else:
        print(t("consolidation.cli.return_unsigned"))
    if rf.reason:
        print(t("consolidation.cli.reason", reason=rf.reason))
    for note in rf.notes:
        print(t("consolidation.cli.note_line", label=note.label or note.path or "—",
                text=note.text))
    if not applied.matches_export:
        print(t("consolidation.cli.other_package"))
    return EXIT_OK
