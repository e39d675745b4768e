"""``hoso consolidate DOSSIER_ID --take RECEIVED_ID:NOMINEE_ID... [--export DIR]``.

Takes nominees of received dossiers (``hoso inbox list`` gives their numbers) into the
forwarding unit's own dossier in the data store, each keeping its record and its origin,
prints the dossier's findings on the combined list (quota, priority and routing of the
campaign pack, naming the unit each nominee came from), and with ``--export DIR`` writes its
package, which carries the received files the taken nominees need. Exit code 0 when done
(and exported), 1 when the dossier still has errors, 2 on bad input.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_ERRORS, EXIT_OK, finding_line, parse_date, summary
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("consolidate", help=t("consolidation.help.consolidate"))
    parser.add_argument("dossier_id", metavar="DOSSIER_ID")
    parser.add_argument("--take", nargs="+", default=[], metavar="RECEIVED_ID:NOMINEE_ID",
                        help=t("consolidation.help.take"))
    parser.add_argument("--export", metavar="DIR", help=t("consolidation.help.export"))
    parser.add_argument("--today", type=parse_date, help=t("cli.help.today"))
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.consolidation import parse_take, take_nominees
    from desktop.store import Store
    from desktop.validation import validate

    takes = [parse_take(v) for v in args.take]
    with Store(data_dir=args.data_dir, packs_dirs=args.packs_dir) as store:
        if not store.has_dossier(args.dossier_id):
            from desktop.errors import UserError

            raise UserError("store.dossier_not_found", dossier_id=args.dossier_id)
        taken_list = take_nominees(store, args.dossier_id, takes)
        out: dict = {"dossier_id": args.dossier_id, "taken": [
            {"nominee_id": x.nominee_id, "already": x.already,
             "origin": x.origin.model_dump(mode="json")} for x in taken_list]}
        for taken in taken_list if not args.json else ():
            key = "consolidation.cli.already" if taken.already else "consolidation.cli.taken"
            print(t(key, nominee_id=taken.nominee_id, unit=taken.origin.unit_name,
                    received_id=taken.origin.received_id,
                    revision=taken.origin.received_revision))
        dossier = store.get_dossier(args.dossier_id)
        pack = store.campaign_pack(dossier.pack)
        if pack is None:
            from desktop.packs import load_pack

            pack = load_pack(dossier.pack.id, dossier.pack.version, args.packs_dir)
        findings = validate(dossier, pack, today=args.today)
        out["findings"] = [f.model_dump(mode="json") for f in findings]
        if not args.json:
            for finding in findings:
                print(finding_line(finding))
            print(summary(findings))
        code = EXIT_ERRORS if any(f.blocking for f in findings) else EXIT_OK
        if args.export and code == EXIT_OK:
            from desktop.package import export_package

            result = export_package(dossier, pack, args.export, store=store, today=args.today,
                                    packs_dirs=args.packs_dir)
            out["package"] = {"path": str(result.path), "size": result.size,
                              "sha256": result.sha256, "sources": [
                                  s.model_dump(mode="json") for s in result.manifest.sources]}
            if not args.json:
                print(t("consolidation.cli.exported", path=str(result.path),
                        size=result.size_text, sha256=result.sha256,
                        sources=len(result.manifest.sources)))
    if args.json:
        import json

        print(json.dumps(out, ensure_ascii=False, indent=2))
    return code
