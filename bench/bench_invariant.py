"""The invariant of issue 15 at length: what validates renders (PDF, DOCX) and exports.

Runs the property of ``tests/validation/test_invariant.py`` with many more examples (dossiers
built from the models' field types, ``tests/validation/model_strategies.py``) and reports how
many were tried, how many were refused field by field, stopped by a rule, or exported, and
the time. ``make test`` runs 60 examples; this runs 300 (``--examples N``).

    .venv/bin/python bench/bench_invariant.py [--examples N]
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from validation.dossiers import CAO_BANG  # noqa: E402
from validation.model_strategies import check_invariant, typed_dossiers  # noqa: E402

from desktop.packs import load_pack  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=300)
    args = parser.parse_args()
    pack = load_pack(CAO_BANG)
    outcomes: collections.Counter[str] = collections.Counter()
    failures: list[str] = []

    # every example runs (a failure is recorded, not raised, and not shrunk: the test in
    # make test shrinks), so the count is of the whole run
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    @given(typed_dossiers(pack))
    def run(data):
        with tempfile.TemporaryDirectory() as tmp:
            try:
                outcomes[check_invariant(pack, data, Path(tmp))] += 1
            except Exception:
                failures.append(traceback.format_exc(limit=-3))

    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    for text in dict.fromkeys(f.strip().splitlines()[-1][:300] for f in failures):
        print("FAILED:", text)
    if failures:
        print(failures[0])
    tried = sum(outcomes.values()) + len(failures)
    print(f"invariant: {tried} dossiers tried in {elapsed:.1f} s "
          f"({elapsed / max(tried, 1):.2f} s each): {outcomes['exported']} exported "
          f"(PDF + DOCX + package verified), {outcomes['errors']} stopped by a rule, "
          f"{outcomes['refused']} refused field by field, {len(failures)} broke the invariant")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
