"""Crash bench of the local store: 1,000 SIGKILLs at random moments, count lost edits.

Each trial starts a child process that edits a dossier in a loop (one transaction per edit,
the edit's id printed only after its save returned) and kills it with SIGKILL after a random
delay; the file is then opened, integrity-checked and searched for every acknowledged edit.
Target: 0 lost edits, 0 damaged files.

    .venv/bin/python bench/bench_store_crash.py [TRIALS] [LANES]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))

import crashkit


def main() -> int:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    lanes = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with tempfile.TemporaryDirectory(prefix="hoso-crash-") as folder:
        start = time.perf_counter()
        stats = crashkit.run_trials(Path(folder), trials, lanes)
        wall = time.perf_counter() - start
    opens = [t.open_s * 1000 for t in stats.trials]
    checks = [t.check_s * 1000 for t in stats.trials]
    alive = sum(t.kill_after_s for t in stats.trials)
    print(f"trials                 {len(stats.trials)} ({lanes} data files in parallel)")
    print(f"acknowledged edits     {stats.edits}")
    print(f"lost edits             {stats.lost}")
    print(f"damaged files          {stats.corrupt}")
    print(f"wall time              {wall:.1f} s")
    print(f"edits per second       {stats.edits / alive:.0f} per child while it ran "
          "(synchronous=FULL: one fsync per edit)")
    print(f"reopen after kill      median {statistics.median(opens):.1f} ms, "
          f"max {max(opens):.1f} ms")
    print(f"integrity + load check median {statistics.median(checks):.1f} ms, "
          f"max {max(checks):.1f} ms")
    return 1 if stats.lost or stats.corrupt else 0


if __name__ == "__main__":
    raise SystemExit(main())
