"""Benchmark of digital signatures (issue 16): what signing costs a secretary.

For each demo dossier: export unsigned and signed with the demo identity (p12, pictures),
the time and package size of each, then ``verify_package`` on both (the signed one checks
the CMS and every PDF's PAdES signature, offline). Also one PDF signed in the document's
signature block (pictures) and one as an attachment (text), per signature.

    .venv/bin/python bench/bench_signing.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.demo import demo_dossiers
from desktop.documents import render_dossier
from desktop.package import export_package, verify_package
from desktop.packs import load_pack
from desktop.signing import Identity, SigningOptions, open_identity, sign_pdf, unit_space
from desktop.signing.demo import DEMO_PIN, write_demo_identity

CREATED = dt.datetime(2023, 7, 3, 10, 15)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        dossiers = demo_dossiers()
        demo = write_demo_identity(root / "id", dossiers[0].unit.name)
        identity = Identity("p12", str(demo.p12), "", str(demo.signature), str(demo.seal))
        with open_identity(identity, DEMO_PIN) as opened:
            pack = load_pack(dossiers[0].pack.id, dossiers[0].pack.version)
            docs = render_dossier(dossiers[0], pack)
            with_box = next(d for d in docs if unit_space(d.signature_boxes))
            space = unit_space(with_box.signature_boxes)
            block = [timed(sign_pdf, with_box.data, opened, space=space)[0] for _ in range(5)]
            attach = [timed(sign_pdf, with_box.data, opened, attachment=True)[0]
                      for _ in range(5)]
            print(f"one PDF signed in its block (pictures): "
                  f"{statistics.median(block) * 1000:.0f} ms median of 5; as attachment "
                  f"(text): {statistics.median(attach) * 1000:.0f} ms")
            print(f"{'dossier':28} {'PDFs':>4} {'export':>8} {'signed':>8} {'size':>9} "
                  f"{'signed':>9} {'verify':>7} {'signed':>7}")
            for d in dossiers:
                pack = load_pack(d.pack.id, d.pack.version)
                t_plain, plain = timed(export_package, d, pack, root / "plain",
                                       created_at=CREATED)
                t_signed, signed = timed(export_package, d, pack, root / "signed",
                                         created_at=CREATED, signing=SigningOptions(opened))
                t_vp, rp = timed(verify_package, plain.path)
                t_vs, rs = timed(verify_package, signed.path)
                assert rp.ok and rs.ok and rs.signature.status == "valid"
                pdfs = sum(1 for f in signed.manifest.files if f.path.endswith(".pdf"))
                print(f"{d.id:28} {pdfs:>4} {t_plain:>7.2f}s {t_signed:>7.2f}s "
                      f"{plain.size / 1024:>7.0f}KB {signed.size / 1024:>7.0f}KB "
                      f"{t_vp:>6.2f}s {t_vs:>6.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
