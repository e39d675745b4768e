"""``hoso return RECEIVED_ID --notes FILE --out DIR [--dossier ID] [--revision N]
[--sign-with pkcs11:LIB:LABEL|p12:PATH]``.

Writes the return file (``TraLai_….json``: the decision and the notes, each attached to a
field, nominee or document of the received dossier) and the printable "Phiếu yêu cầu bổ
sung, chỉnh sửa hồ sơ" (``….pdf``) into DIR, and records the decision in the inbox. The
notes file is JSON (see :mod:`desktop.consolidation.returns`); the slip's header is the
unit of the reviewer's own dossier (``--dossier``; by default the latest dossier of the
same campaign in the data store). ``--sign-with`` also writes ``….json.p7s``, the CMS
signature of the return file (the PIN from ``HOSO_PIN`` or a prompt). Exit code 0 when
written, 2 on bad input (the message names the note or field).
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("return", help=t("consolidation.help.return"))
    parser.add_argument("received_id", type=int, metavar="RECEIVED_ID")
    parser.add_argument("--notes", required=True, metavar="FILE",
                        help=t("consolidation.help.notes"))
    parser.add_argument("--out", required=True, metavar="DIR", help=t("package.help.out"))
    parser.add_argument("--dossier", metavar="DOSSIER_ID", help=t("consolidation.help.dossier"))
    parser.add_argument("--revision", type=int, help=t("consolidation.help.revision"))
    parser.add_argument("--sign-with", metavar="pkcs11:LIB:LABEL|p12:PATH",
                        help=t("signing.help.sign_with"))
    parser.set_defaults(run=run, signature_image=None, seal_image=None, timestamp_url=None)


def reviewer_unit(store, pack_id: str, dossier_id: str | None):
    """The reviewing unit: that of ``dossier_id``, else of the latest dossier of the
    campaign in the store, else an empty unit."""
    from desktop.models import Unit

    if dossier_id:
        return store.get_dossier(dossier_id).unit
    for summary in store.list_dossiers():
        if summary.pack.id == pack_id:
            return store.get_dossier(summary.id).unit
    return Unit()


def run(args: argparse.Namespace) -> int:
    from desktop.cli.signing import open_signing
    from desktop.consolidation import make_return, read_notes_file
    from desktop.store import Store

    spec = read_notes_file(args.notes)
    with Store(data_dir=args.data_dir, packs_dirs=args.packs_dir) as store:
        rev = store.received_revision(args.received_id, args.revision)
        reviewer = reviewer_unit(store, rev.dossier.pack.id, args.dossier)
        signing = open_signing(args)  # --sign-with: the PIN from HOSO_PIN or a prompt
        try:
            made = make_return(store, args.received_id, spec, args.out, reviewer=reviewer,
                               revision=args.revision,
                               signing=signing.opened if signing else None)
        finally:
            if signing is not None:
                signing.opened.close()
    rf = made.return_file
    print(t("consolidation.cli.returned", unit=rf.to_unit,
            decision=t(f"consolidation.decision.{rf.decision.value}"), notes=len(rf.notes),
            json_path=str(made.json_path), pdf_path=str(made.pdf_path or "—")))
    if made.signature_path is not None:
        print(t("consolidation.cli.return_signed", path=str(made.signature_path)))
    return EXIT_OK
