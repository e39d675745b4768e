"""Kill the app (SIGKILL) right after an edit: on restart the edit is there and the app
opens the same dossier at the same step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _start(data_dir: Path, edit: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOSO_UI_TEST": "1",
           "PYTHONPATH": str(ROOT)}
    env.pop("HOSO_UI_TEST_EDIT", None)
    if edit:
        env["HOSO_UI_TEST_EDIT"] = edit
    return subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, cwd=ROOT)


def _wait_for(proc: subprocess.Popen, word: str, timeout: float = 30.0) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line.strip())
        if line.startswith(word):
            return lines
    proc.kill()
    pytest.fail(f"no {word!r} from the app: {lines}")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_edit_survives_sigkill_and_app_reopens_there(hoso_data_dir, demo_store):
    proc = _start(hoso_data_dir, "3:field_place=Thị trấn Nước Hai")
    try:
        lines = _wait_for(proc, "EDITED")
        assert lines[-2].startswith(f"READY step=0 dossier={demo_store.id}")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with Store(data_dir=hoso_data_dir) as store:
        assert store.get_dossier(demo_store.id).proposal.place == "Thị trấn Nước Hai"
    proc = _start(hoso_data_dir)
    try:
        lines = _wait_for(proc, "READY")
        assert lines[-1] == f"READY step=3 dossier={demo_store.id}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
