"""Benchmark of the rule engine on a 1,000-nominee dossier (targets: full ≤ 200 ms,
incremental re-run after one edit ≤ 16 ms, on a 2-core machine).

Plain script: ``.venv/bin/python bench/bench_validation.py``. The dossier is valid, with
collectives, individuals, households and residents from a district, checked against the Cao
Bằng pack with the district quota raised in memory (the shipped pack is not modified).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from validation.dossiers import CAO_BANG, nominee_data, valid_dossier_data  # noqa: E402

from desktop.models import Dossier  # noqa: E402
from desktop.packs import load_pack  # noqa: E402
from desktop.validation import Validator, validate  # noqa: E402

N = 1000
TODAY = dt.date(2023, 7, 3)
KINDS = ["individual", "household", "resident", "collective"]


def permissive_pack():
    pack = load_pack(CAO_BANG)
    rules = tuple(r.model_copy(update={"max_total": N * 10}) if r.max_total else r
                  for r in pack.quota_rules)
    return pack.model_copy(update={"quota_rules": rules})


def big_dossier(pack) -> Dossier:
    data = valid_dossier_data(pack, ["individual"], unit_kind="district")
    nominees = []
    for i in range(N):
        n = nominee_data(pack, KINDS[i % len(KINDS)], i, "district")
        n["id"] = f"n-{i:04d}"
        key = {"collective": "name", "household": "head_name"}.get(n["kind"], "full_name")
        n[key] = f"{n[key]} {i}"
        nominees.append(n)
    data["nominees"] = nominees
    data["proposal"]["nominee_ids"] = [n["id"] for n in nominees]
    row = data["council"]["votes"][0]
    data["council"]["votes"] = [{**row, "nominee_id": n["id"]} for n in nominees]
    return Dossier.model_validate(data)


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:7.2f} ms  " \
           f"(min {min(samples) * 1000:.2f}, max {max(samples) * 1000:.2f}, n={len(samples)})"


def main() -> int:
    pack = permissive_pack()
    dossier = big_dossier(pack)
    findings = validate(dossier, pack, today=TODAY)
    blocking = [f for f in findings if f.severity != "info"]
    assert not blocking, [f.message_en for f in blocking[:5]]

    full = []
    for _ in range(20):
        start = time.perf_counter()
        validate(dossier, pack, today=TODAY)
        full.append(time.perf_counter() - start)

    validator = Validator(pack, today=TODAY)
    validator.run(dossier)
    incremental = []
    for i in range(50):
        nominees = list(dossier.nominees)
        k = (i * 37) % N
        nominees[k] = nominees[k].model_copy(update={"note": f"sửa lần {i}"})
        dossier = dossier.model_copy(update={"nominees": tuple(nominees)})
        start = time.perf_counter()
        validator.run(dossier)
        incremental.append(time.perf_counter() - start)

    print(f"rule engine, {N} nominees, {len(findings)} findings (info only)")
    print(f"  validate (full)            {ms(full)}   target ≤ 200 ms")
    print(f"  Validator.run (one edit)   {ms(incremental)}   target ≤ 16 ms")
    ok = statistics.median(full) <= 0.200 and statistics.median(incremental) <= 0.016
    print("  OK" if ok else "  OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
