"""``hoso inbox add PKG...`` / ``hoso inbox list [--json]``: the inbox of received packages.

``add`` verifies each package (files and hashes; a package whose files were altered is
refused), re-validates its dossier with the pack version it was made with and the current
one, and keeps it in the data store: a second package from the same unit is the next
revision of the same received dossier, printed with what changed (nominees added or
removed, fields changed) and the notes it answers. Exit code 0 when every package was
received, 1 when one was refused, 2 on unreadable input. ``list`` prints each received
dossier at its latest revision.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from desktop import i18n
from desktop.cli.common import EXIT_ERRORS, EXIT_OK, finding_line, parse_date
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("inbox", help=t("consolidation.help.inbox"))
    actions = parser.add_subparsers(dest="inbox_action", required=True)
    add = actions.add_parser("add", help=t("consolidation.help.inbox_add"))
    add.add_argument("packages", nargs="+", metavar="PKG", help=t("package.help.package_file"))
    add.add_argument("--today", type=parse_date, help=t("cli.help.today"))
    add.add_argument("--json", action="store_true", help=t("cli.help.json"))
    add.add_argument("--trust", metavar="FILE", action="append", default=[],
                     help=t("signing.help.trust"))
    add.set_defaults(run=run_add)
    listing = actions.add_parser("list", help=t("consolidation.help.inbox_list"))
    listing.add_argument("--json", action="store_true", help=t("cli.help.json"))
    listing.set_defaults(run=run_list)


def _store(args: argparse.Namespace):
    from desktop.store import Store

    return Store(data_dir=args.data_dir, packs_dirs=args.packs_dir)


def print_received(received) -> None:
    from desktop.consolidation import finding_changes

    print(t("consolidation.cli.received", package=received.path.name,
            received_id=received.received_id, revision=received.revision,
            unit=received.unit_name, nominees=received.nominee_count,
            errors="?" if received.errors is None else received.errors))
    from desktop.consolidation.inbox import signature_text

    print("  " + signature_text(received.signature_info))
    for problem in received.problems:
        print("  " + problem["message_vi" if i18n.get_language() == "vi" else "message_en"])
    added, resolved = finding_changes(received.findings_made, received.findings_current)
    if added or resolved:
        print(t("consolidation.cli.pack_changes", version=received.current_pack_version,
                added=len(added), resolved=len(resolved)))
    for finding in (received.findings_current or received.findings_made or []):
        if finding.blocking:
            print("  " + finding_line(finding))
    print_differences(received.differences, received.dossier)


def print_differences(differences: dict, dossier=None) -> None:
    from desktop.consolidation.diff import describe_path

    if not differences:
        return
    for n in differences.get("nominees_added", ()):
        print(t("consolidation.cli.nominee_added", nominee_id=n["id"], name=n["name"]))
    for n in differences.get("nominees_removed", ()):
        print(t("consolidation.cli.nominee_removed", nominee_id=n["id"], name=n["name"]))
    for change in differences.get("fields", ()):
        path = change["path"] if dossier is None else describe_path(
            dossier, change["path"], i18n.get_language())
        print(t("consolidation.cli.field_changed", path=path,
                old=json.dumps(change["old"], ensure_ascii=False),
                new=json.dumps(change["new"], ensure_ascii=False)))


def run_add(args: argparse.Namespace) -> int:
    from desktop.consolidation import note_changes, receive_packages
    from desktop.package import ImportRefused

    with _store(args) as store:
        done, failed = receive_packages(store, args.packages, packs_dirs=args.packs_dir,
                                        today=args.today, trust_files=args.trust)
        if args.json:
            print(json.dumps(_as_json(store, done, failed), ensure_ascii=False, indent=2))
            return EXIT_ERRORS if failed else EXIT_OK
        for received in done:
            print_received(received)
            rev = store.received_revision(received.received_id, received.revision)
            for note in (rev.answers or {}).get("notes", ()):
                state = t("consolidation.cli.note_done" if note.get("done")
                          else "consolidation.cli.note_open")
                print(t("consolidation.cli.answered_note", state=state, text=note["text"],
                        answer=note.get("answer") or "—"))
                for change in note_changes(rev.differences, note.get("path", ""),
                                           note.get("nominee_id")):
                    print("      " + t("consolidation.cli.field_changed", path=change["path"],
                                       old=json.dumps(change["old"], ensure_ascii=False),
                                       new=json.dumps(change["new"], ensure_ascii=False)))
    for path, exc in failed:
        if isinstance(exc, ImportRefused):
            for problem in exc.problems:
                print(t("package.verify.error_line", message=problem.message()))
        print(t("consolidation.cli.refused", package=path.name, reason=exc.message()))
    return EXIT_ERRORS if failed else EXIT_OK


def _as_json(store, done, failed) -> dict:
    from desktop.package import ImportRefused

    def findings(found):
        return None if found is None else [f.model_dump(mode="json") for f in found]

    return {
        "received": [{
            "package": r.path.name, "received_id": r.received_id, "revision": r.revision,
            "unit_name": r.unit_name, "nominee_count": r.nominee_count, "errors": r.errors,
            "pack_version": r.dossier.pack.version,
            "current_pack_version": r.current_pack_version,
            "findings_made": findings(r.findings_made),
            "findings_current": findings(r.findings_current),
            "differences": r.differences, "problems": r.problems, "signature": r.signature_info,
            "answers": store.received_revision(r.received_id, r.revision).answers}
            for r in done],
        "refused": [{
            "package": path.name, "message": exc.message(),
            "problems": [p.as_json() for p in exc.problems]
            if isinstance(exc, ImportRefused) else []} for path, exc in failed],
    }


def run_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        rows = store.list_received()
    if args.json:
        out = []
        for r in rows:
            item = asdict(r)
            item["decision"] = r.decision.value if r.decision else None
            out.append(item)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(t("consolidation.cli.inbox_empty"))
        return EXIT_OK
    print(t("consolidation.cli.list_header"))
    for r in rows:
        decision = t(f"consolidation.decision.{r.decision.value}") if r.decision \
            else t("consolidation.decision.none")
        errors = "—" if r.errors_current is None else str(r.errors_current)
        print(t("consolidation.cli.list_line", received_id=r.id, revision=r.revision,
                unit=r.unit_name, nominees=r.nominee_count,
                names=", ".join(r.nominee_names), errors=errors,
                received_at=r.received_at[:16].replace("T", " "), decision=decision))
    return EXIT_OK
