"""``hoso demo --out DIR``: write the built-in demo dossiers as JSON files, and a demo
signing identity to try signatures with (demo CA, signer .p12 with PIN 1234, pictures)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from desktop.cli.common import EXIT_OK, summary
from desktop.errors import UserError
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help=t("cli.help.cmd_demo"))
    parser.add_argument("--out", required=True, help=t("cli.help.out"))
    parser.add_argument("--two-tier", action="store_true", help=t("cli.help.demo_two_tier"))
    parser.set_defaults(run=lambda args: write_demo(Path(args.out), args.packs_dir,
                                                    two_tier=args.two_tier))


def write_demo(folder: Path, packs_dirs: Sequence[str] = (), *, two_tier: bool = False) -> int:
    """Write every demo dossier to ``folder`` and print one checked line per dossier
    (``two_tier``: the Cao Bằng 2026 ward and department, desktop.demo.caobang2026)."""
    if two_tier:
        from desktop.demo.caobang2026 import demo_dossiers
    else:
        from desktop.demo import demo_dossiers
    from desktop.dossierfile import write_dossier_file
    from desktop.packs import load_pack
    from desktop.validation import validate

    dossiers = demo_dossiers()
    lines = []
    for dossier in dossiers:
        target = folder / f"{dossier.id}.json"
        try:
            write_dossier_file(dossier, target)
        except OSError as exc:
            raise UserError("file.cannot_write", file=str(target),
                            reason=exc.strerror or str(exc)) from exc
        pack = load_pack(dossier.pack.id, dossier.pack.version, packs_dirs)
        lines.append(t("cli.demo_line", file=target.name, title=dossier.unit.name,
                       nominees=len(dossier.nominees), result=summary(validate(dossier, pack))))
    print(t("cli.demo_written", count=len(dossiers), folder=str(folder)))
    print("\n".join(lines))
    write_demo_signing(folder, dossiers[0].unit.name)
    return EXIT_OK


def write_demo_signing(folder: Path, unit_name: str) -> None:
    """The demo identity (desktop.signing.demo) beside the dossiers, and how to use it."""
    from desktop.signing.demo import write_demo_identity

    try:
        demo = write_demo_identity(folder, unit_name)
    except OSError as exc:
        raise UserError("file.cannot_write", file=str(folder),
                        reason=exc.strerror or str(exc)) from exc
    print(t("signing.demo_written", p12=demo.p12.name, pin=demo.pin, ca=demo.ca.name,
            signature=demo.signature.name, seal=demo.seal.name))
