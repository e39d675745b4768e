"""Peak memory of ``hoso import`` on a package whose members expand to 1 GiB (issue 15).

Builds a valid package of the demo commune whose ten documents are replaced by 100 MiB
members each (the per-member cap; ~1 GiB in all, ~10 MB on disk at a compression ratio of
~128, under the bomb limit of 200), with the manifest's sizes and SHA-256 made to match, so
every check passes and the import runs to its end. Then runs ``hoso verify``, ``hoso import``
(into a fresh data store) and ``hoso import --into`` (extraction) in subprocesses and reports
each one's peak RSS (``getrusage`` of the child; ``/usr/bin/time -v`` gives the same). The
import streams members (hashes them in chunks, holds only the JSON members and one signed
copy at a time); the signature check then reads each PDF member once, one at a time, so the
peak is the interpreter (~80 MB with the signing libraries) plus one member (at most 100 MB):
~180 MB measured, against 1.17 GB when every member was held.

    .venv/bin/python bench/bench_import_memory.py
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "data" / "hostile")]

import make_hostile  # noqa: E402

MEMBER = 100 * 1024 * 1024
TARGET_MB = 200  # peak RSS of the import must stay far below the 1 GiB it reads


def big_package(folder: Path) -> Path:
    good = make_hostile.good_package(folder / "good")
    members = make_hostile._members(good)
    manifest = json.loads(members.pop("manifest.json"))
    documents = [e for e in manifest["files"] if e["kind"] not in
                 ("dossier", "validation", "validation_report", "signed_copy")][:10]
    big = {e["path"] for e in documents}
    noise = os.urandom(8192)
    chunk = noise + bytes(1024 * 1024 - len(noise))
    path = folder / "big.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for entry in manifest["files"]:
            if entry["path"] not in big:
                zf.writestr(entry["path"], members[entry["path"]])
                continue
            info = zipfile.ZipInfo(entry["path"], date_time=(2023, 7, 3, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            digest, size = hashlib.sha256(), 0
            with zf.open(info, "w", force_zip64=True) as fh:
                while size < MEMBER:
                    fh.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            entry.update(size=size, sha256=digest.hexdigest())
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return path


def peak(args: list[str], env: dict[str, str]) -> tuple[int, float, int]:
    """(exit code, seconds, peak RSS in MB) of ``hoso args`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "import sys; from desktop.cli import main; "
                           "sys.exit(main())", *args], env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if rss <= before:  # the max over children did not grow: this child was not the largest
        rss = before
    return done.returncode, elapsed, rss // 1024


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        package = big_package(folder)
        with zipfile.ZipFile(package) as zf:
            expanded = sum(i.file_size for i in zf.infolist())
        print(f"package: {package.stat().st_size / 1e6:.1f} MB on disk, "
              f"members expand to {expanded / 2**30:.2f} GiB")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HOSO_DATA_DIR": str(folder / "data")}
        worst = 0
        for label, args in (("verify", ["verify", str(package)]),
                            ("import (store)", ["import", str(package)]),
                            ("import --into", ["import", str(package), "--into",
                                               str(folder / "into")])):
            code, seconds, rss = peak(args, env)
            worst = max(worst, rss)
            print(f"hoso {label:<15} exit {code}  {seconds:5.1f} s  peak RSS <= {rss} MB")
            if code != 0:
                return 1
    print(f"target: peak RSS < {TARGET_MB} MB -> {'ok' if worst < TARGET_MB else 'FAILED'}")
    return 0 if worst < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
