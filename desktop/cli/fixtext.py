"""``hoso fix-text FILE.json --out NEW.json [--capitals]``: legacy text to Unicode.

Every text of the dossier file that reads as TCVN3 (ABC), VNI-Windows or VIQR is replaced by
its Unicode NFC reading; ids, codes and dates are left alone. Each change is printed (with
the other reading when TCVN3 does not tell capitals from lower case). The input file is never
changed. Exit code 0 when written, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.cli.common import EXIT_OK
from desktop.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("fix-text", help=t("cli.help.cmd_fix_text"))
    parser.add_argument("file", help=t("cli.help.file"))
    parser.add_argument("--out", required=True, help=t("cli.help.out_file"))
    parser.add_argument("--capitals", action="store_true", help=t("cli.help.capitals"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.dossierfile import read_dossier_data
    from desktop.fsutil import write_atomic
    from desktop.legacytext import chosen_text, repair_data

    data = read_dossier_data(args.file)
    fixed, repairs = repair_data(data, capitals=args.capitals)
    for item in repairs:
        r = item.repair
        print(t("cli.fix_text.change", path=item.path, original=r.original,
                text=chosen_text(r, capitals=args.capitals), encoding=r.encoding_name))
        if r.ambiguous and r.alternatives:
            other = r.text if args.capitals else r.alternatives[0]
            print(t("cli.fix_text.ambiguous", alternative=other))
    out = Path(args.out)
    write_atomic(out, (json.dumps(fixed, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    key = "cli.fix_text.summary" if repairs else "cli.fix_text.none"
    print(t(key, count=len(repairs), file=str(out)))
    return EXIT_OK
