"""Benchmark of the submission package export (issue D).

A 200-nominee district dossier (built as in ``bench_documents.py``) exported to one ZIP:
validation, 2 × ~205 documents (PDF and DOCX twin), the validation report, manifest and
SHA-256 of every member, deterministic ZIP, fsync and rename. Then ``verify_package`` on the
result (reopen, rehash, re-validate). Prints seconds and sizes.

    .venv/bin/python bench/bench_package.py

The Cao Bằng pack allows a district 2 nominees; the benchmark lifts the quotas in memory
(the pack file, and so its SHA-256 in the manifest, is the installed one).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_documents import big_district

from desktop.demo import demo_dossier
from desktop.package import export_package, size_text, verify_package
from desktop.packs import load_pack

NOMINEES = 200
CREATED = dt.datetime(2023, 7, 3, 10, 15)


def main() -> int:
    pack = load_pack("caobang-2023-75nam")
    pack = pack.model_copy(update={"quota_rules": tuple(
        r.model_copy(update={"max_total": None, "max_collective": None, "max_individual": None})
        for r in pack.quota_rules)})
    dossier = big_district(demo_dossier("demo-huyen-trung-khanh"), NOMINEES)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        export_package(demo_dossier("demo-huyen-trung-khanh"), pack, out / "warm",
                       created_at=CREATED)  # fonts registered, templates read
        start = time.perf_counter()
        result = export_package(dossier, pack, out, created_at=CREATED)
        export_s = time.perf_counter() - start
        with zipfile.ZipFile(result.path) as zf:
            infos = zf.infolist()
        unpacked = sum(i.file_size for i in infos)
        biggest = max(infos, key=lambda i: i.file_size)
        json_ratio = max(i.file_size / max(i.compress_size, 1) for i in infos
                         if i.filename.endswith((".json", ".docx", ".pdf")))
        print(f"Export, {NOMINEES}-nominee district dossier: {export_s:.2f} s")
        print(f"  {result.path.name}")
        print(f"  {len(infos)} members, package {size_text(result.size)} "
              f"({result.size:,} bytes), unpacked {size_text(unpacked)}")
        print(f"  largest member {biggest.filename} {size_text(biggest.file_size)}; "
              f"highest compression ratio {json_ratio:.1f}:1")
        for note in result.size_notes:
            print(f"  {note.message()}")
        start = time.perf_counter()
        report = verify_package(result.path)
        verify_s = time.perf_counter() - start
        # The installed pack keeps its quota of 2, so the re-validation finds quota.exceeded
        # (and only that): files, hashes and manifest must all hold.
        codes = sorted({p.code for p in report.problems})
        expected = codes == ["package.dossier.errors"] and "quota.exceeded" in str(
            report.problems[0].params.get("codes"))
        print(f"Verify (reopen, rehash, re-validate): {verify_s:.2f} s, "
              f"{'files and hashes OK' if expected else 'FAILED: ' + ', '.join(codes)}"
              " (re-validation with the installed pack: quota.exceeded, as expected)")
        again = export_package(dossier, pack, out / "again", created_at=CREATED)
        same = again.path.read_bytes() == result.path.read_bytes()
        print(f"Second export byte-identical: {'yes' if same else 'NO'}")
    return 0 if expected and same else 1


if __name__ == "__main__":
    raise SystemExit(main())
