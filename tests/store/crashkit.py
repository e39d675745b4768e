"""Crash harness: a child process edits in a loop and is killed with SIGKILL at random.

Run as a script (``python crashkit.py DB PREFIX``) it is the child: it opens the store,
prints ``ready``, then makes edits forever, printing each edit's token only after the save
returned (unbuffered write to stdout). :func:`run_trials` is the parent side, shared by
``tests/store/test_store_crash.py`` (50 trials) and ``bench/bench_store_crash.py`` (1,000).

Edits alternate between adding a nominee (id = token) and setting the title (value =
token), so every acknowledged edit is checkable afterwards: the nominee exists, the title
change is in the audit log.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DOSSIER_ID = "crash-test"
HERE = Path(__file__).resolve()


def child(db: str, prefix: str) -> None:
    from desktop.models import Dossier, Individual, PackRef
    from desktop.store import Store

    store = Store(db, daily_backup=False)
    if not store.has_dossier(DOSSIER_ID):
        store.create_dossier(Dossier(id=DOSSIER_ID, pack=PackRef(id="crash", version="1.0")))
    os.write(1, b"ready\n")
    i = 0
    while True:
        i += 1
        token = f"{prefix}-{i}"
        if i % 2:
            store.save_nominee(DOSSIER_ID, Individual(id=token, full_name=f"Nguyễn Thị Ánh {i}",
                                                      note="ghi chú " * 20))
        else:
            store.update_field(DOSSIER_ID, "title", token)
        os.write(1, f"{token}\n".encode())


@dataclass
class TrialResult:
    acknowledged: int
    lost: list[str]
    integrity: list[str]
    kill_after_s: float
    open_s: float
    check_s: float


@dataclass
class Stats:
    trials: list[TrialResult] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return sum(len(t.lost) for t in self.trials)

    @property
    def corrupt(self) -> int:
        return sum(1 for t in self.trials if t.integrity)

    @property
    def edits(self) -> int:
        return sum(t.acknowledged for t in self.trials)


def one_trial(db: Path, prefix: str, rng: random.Random, max_delay: float = 0.3) -> TrialResult:
    """Start the child, kill it with SIGKILL at a random moment, check the file."""
    from desktop.store import Store

    proc = subprocess.Popen([sys.executable, str(HERE), str(db), prefix],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    early = rng.random() < 0.1  # sometimes kill during start-up (open, WAL recovery)
    delay = rng.uniform(0, 0.5 if early else max_delay)
    if not early:
        line = proc.stdout.readline()
        if line != b"ready\n":
            proc.kill()
            raise AssertionError(f"child failed: {line!r} {proc.stderr.read()!r}")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out = proc.stdout.read().decode()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    tokens = [t for t in out.split() if t.startswith(prefix)]
    if proc.returncode != -signal.SIGKILL or "Traceback" in err:
        raise AssertionError(f"child ended on its own ({proc.returncode}): {err}")

    # The raw file first: integrity_check straight through sqlite3, before HoSo opens it.
    conn = sqlite3.connect(db)
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    conn.close()
    t0 = time.perf_counter()
    store = Store(db, daily_backup=False)
    open_s = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        integrity += store.integrity_check()
        if store.has_dossier(DOSSIER_ID):  # a kill during the very first start may beat it
            nominees = {n.id for n in store.get_dossier(DOSSIER_ID).nominees}
            titles = {e.new for e in store.audit_log(DOSSIER_ID) if e.path == "title"}
        else:
            nominees, titles = set(), set()
        check_s = time.perf_counter() - t0
    finally:
        store.close()
    lost = [t for i, t in enumerate(tokens, 1)
            if (t not in nominees if i % 2 else t not in titles)]
    return TrialResult(len(tokens), lost, integrity, delay, open_s, check_s)


def run_trials(folder: Path, trials: int, lanes: int = 4, seed: int = 20230703,
               max_delay: float = 0.3) -> Stats:
    """``trials`` kills spread over ``lanes`` data files worked in parallel."""
    stats = Stats()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def lane(n: int) -> None:
        rng = random.Random(seed + n)
        db = folder / f"lane{n}" / "hoso.db"
        db.parent.mkdir(parents=True, exist_ok=True)
        for k in range(n, trials, lanes):
            try:
                result = one_trial(db, f"t{k}", rng, max_delay)
            except BaseException as exc:
                with lock:
                    errors.append(exc)
                return
            with lock:
                stats.trials.append(result)

    threads = [threading.Thread(target=lane, args=(n,)) for n in range(lanes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return stats


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
