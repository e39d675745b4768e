"""Benchmark of consolidation (issue M), in one run:

1. 160 commune packages (about the number of communes of Cao Bằng before 2025), 2 nominees
   each (a hamlet and a household, PDF + DOCX documents as ``hoso export`` makes them),
   received into a district's inbox: each verified (ZIP safety, manifest, every file's
   SHA-256), re-validated with the pack version it was made with (1.0.0) and with the
   current one (a 1.1.0 installed beside it, so both validations really run), compared
   with the unit's previous package, stored; then the inbox listed. Target: ≤ 10 s.
2. The district takes the nominees of 20 of them (40 nominees) into its dossier, records
   its council's votes, and exports its package (which carries the 40 nominees' received
   files and names their 20 source packages). Reported, no target.

    .venv/bin/python bench/bench_consolidation.py [--keep DIR] [--communes N]

Making the 160 packages is not timed (``--keep DIR`` keeps them for the next run). The
bench's 1.1.0 pack lets a district put forward 60 nominees, so that 40 can be exported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.consolidation import receive_packages, take_nominees
from desktop.demo import demo_dossier
from desktop.package import export_package, verify_package
from desktop.packs import find_pack, load_pack
from desktop.store import Store
from desktop.validation import validate

TARGET_INBOX_S = 10.0
TODAY = dt.date(2023, 7, 10)
PACK_ID = "caobang-2023-75nam"


def newer_pack(root: Path) -> Path:
    text = find_pack(PACK_ID, "1.0.0").path.read_text(encoding="utf-8")
    text = text.replace('version = "1.0.0"', 'version = "1.1.0"', 1)
    text = re.sub(r'(id = "huyen-sgd-syt"\nunit_kinds = \[[^\]]*\]\nmax_total = )2',
                  r"\g<1>60", text)
    folder = root / PACK_ID
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    return root


def commune(k: int):
    base = demo_dossier("demo-xa-bach-dang")
    base = base.model_copy(update={"nominees": tuple(  # a hamlet and a household
        next(n for n in base.nominees if n.kind == kind) for kind in ("collective", "household"))})
    nominees = []
    for n in base.nominees:
        if n.kind == "household":
            n = n.model_copy(update={"id": f"ho-{k:03d}", "head_name": f"Nông Văn Số {k}"})
        else:
            n = n.model_copy(update={"id": f"xom-{k:03d}", "name": f"Xóm Nà Số {k}"})
        nominees.append(n)
    votes = tuple(v.model_copy(update={"nominee_id": n.id})
                  for v, n in zip(base.council.votes, nominees, strict=False))
    unit = base.unit.model_copy(update={"name": f"Ủy ban nhân dân xã Số {k}"})
    ids = tuple(n.id for n in nominees)
    return base.model_copy(update={
        "id": f"xa-so-{k:03d}", "unit": unit, "nominees": tuple(nominees),
        "proposal": base.proposal.model_copy(update={"nominee_ids": ids}),
        "council": base.council.model_copy(update={"votes": votes})})


def make_packages(folder: Path, count: int) -> list[Path]:
    pack = load_pack(PACK_ID, "1.0.0")
    folder.mkdir(parents=True, exist_ok=True)
    have = sorted(folder.glob("*.zip"))
    if len(have) >= count:
        return have[:count]
    start = time.perf_counter()
    for k in range(len(have) + 1, count + 1):
        dossier = commune(k)
        assert not [f for f in validate(dossier, pack, today=TODAY) if f.blocking]
        export_package(dossier, pack, folder, today=TODAY,
                       created_at=dt.datetime(2023, 7, 10, 8, 0))
    print(f"made {count} packages in {time.perf_counter() - start:.0f} s (not timed)")
    return sorted(folder.glob("*.zip"))[:count]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--communes", type=int, default=160)
    parser.add_argument("--take", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-consolidation-"))
    try:
        packages = make_packages(args.keep or tmp / "packages", args.communes)
        packs = newer_pack(tmp / "packs")
        size = sum(p.stat().st_size for p in packages)
        print(f"{len(packages)} packages, {size / 1e6:.1f} MB")
        store = Store(tmp / "huyen" / "hoso.db", packs_dirs=[packs], daily_backup=False)

        start, cpu = time.perf_counter(), time.process_time()
        received, failed = receive_packages(store, packages, packs_dirs=[packs], today=TODAY)
        rows = store.list_received()
        inbox_s, inbox_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert not failed and len(rows) == len(packages)
        assert all(r.errors_current == 0 for r in rows)
        assert all(r.current_pack_version == "1.1.0" for r in received)
        verdict = "OK" if inbox_s <= TARGET_INBOX_S else "OVER TARGET"
        print(f"1. inbox: {len(packages)} packages received (verified, validated with 1.0.0 "
              f"and 1.1.0, stored) and listed in {inbox_s:.2f} s "
              f"({inbox_s / len(packages) * 1000:.0f} ms each, {inbox_cpu:.2f} s of CPU; load "
              f"average {os.getloadavg()[0]:.1f}); target ≤ {TARGET_INBOX_S:.0f} s: {verdict}")

        district = demo_dossier("demo-huyen-trung-khanh")
        district = district.model_copy(update={
            "pack": district.pack.model_copy(update={"version": "1.1.0"}), "nominees": (),
            "proposal": district.proposal.model_copy(update={"nominee_ids": ()}),
            "council": district.council.model_copy(update={"votes": ()})})
        pack = load_pack(PACK_ID, "1.1.0", [packs])
        store.create_dossier(district, pack=pack)
        chosen = received[:args.take]
        takes = [(r.received_id, n.id) for r in chosen
                 for n in store.received_revision(r.received_id).dossier.nominees]
        start = time.perf_counter()
        take_nominees(store, district.id, takes)
        dossier = store.get_dossier(district.id)
        template = demo_dossier("demo-huyen-trung-khanh").council.votes[0]
        store.set_council(district.id, dossier.council.model_copy(update={"votes": tuple(
            template.model_copy(update={"nominee_id": n.id}) for n in dossier.nominees)}))
        take_s = time.perf_counter() - start
        dossier = store.get_dossier(district.id)
        start, cpu = time.perf_counter(), time.process_time()
        result = export_package(dossier, pack, tmp / "out", store=store, today=TODAY,
                                packs_dirs=[packs])
        export_s, export_cpu = time.perf_counter() - start, time.process_time() - cpu
        report = verify_package(result.path, packs_dirs=[packs])
        assert report.ok, [p.message() for p in report.problems]
        carried = sum(len(s.files) for s in result.manifest.sources)
        print(f"2. consolidation: {len(takes)} nominees of {len(chosen)} packages taken and "
              f"voted in {take_s:.2f} s; package exported in {export_s:.2f} s "
              f"({export_cpu:.2f} s of CPU in this process; documents render on worker "
              f"processes) "
              f"({result.size / 1e6:.1f} MB, {len(result.manifest.files)} files, {carried} "
              f"from {len(result.manifest.sources)} received packages); verifies: "
              f"{report.ok}")
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
