"""Child side of the environment tests: open a store and report what happened.

    python envkit.py DB        -> prints "opened <n dossiers>" or "error <key>\n<message>"
    python envkit.py DB hold   -> opens, prints "ready", then sleeps (holds the lock)
"""

from __future__ import annotations

import ctypes
import os
import sys
import time

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def drop_root_file_powers() -> None:
    """preexec_fn: make root obey file permission bits in the child.

    Dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set before exec
    leaves the child's root without them, so ``chmod 555`` on a folder stops it as it stops
    a secretary's account. Needs CAP_SETPCAP (root in CI has it).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def can_drop_root_file_powers() -> bool:
    if os.geteuid() != 0:
        return True  # not root: chmod works as is
    import subprocess

    probe = "import os; print(open('/proc/self/status').read())"
    try:
        out = subprocess.run([sys.executable, "-c", probe], preexec_fn=drop_root_file_powers,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    eff = int(out.split("CapEff:")[1].split()[0], 16)
    return not eff & ((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH))


def main(db: str, mode: str = "open") -> int:
    from desktop.errors import HosoError
    from desktop.store import Store

    try:
        store = Store(db)
    except HosoError as exc:
        print(f"error {exc.key}\n{exc.message('vi')}", flush=True)
        return 3
    if mode == "hold":
        print("ready", flush=True)
        time.sleep(600)
    print(f"opened {len(store.list_dossiers())}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
