"""Smoke test of the built Linux bundle (dist/HoSo, made by `make dist`).

Runs only when the bundle exists or HOSO_TEST_BUNDLE=1 (then a missing bundle fails).
HOSO_BUNDLE_DIR points at another bundle folder. Every run of the bundle gets an empty
environment except PATH (the bundle folder only), HOME, QT_QPA_PLATFORM=offscreen and a
temporary HOSO_DATA_DIR: no PYTHONHOME, no PYTHONPATH, no python on PATH. That no Python of
the machine is used is checked on the running GUI process: every Python library it has
mapped (libpython, the C extension modules) comes from the bundle folder.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("HOSO_BUNDLE_DIR") or ROOT / "dist" / "HoSo")
EXE = BUNDLE / ("hoso-cli.exe" if sys.platform == "win32" else "hoso")
WANTED = os.environ.get("HOSO_TEST_BUNDLE") == "1"
TODAY = "2023-07-03"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not WANTED and not EXE.exists(),
                       reason="no bundle in dist/HoSo (make dist-test builds and tests it)"),
    pytest.mark.skipif(sys.platform != "linux", reason="the bundle smoke test is Linux-only"),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    assert EXE.is_file(), f"{EXE} is missing: run `make dist` first"
    return BUNDLE


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {
        "PATH": str(BUNDLE),
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "HOSO_DATA_DIR": str(tmp_path / "data"),
    }


def hoso(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    # "hoso" is looked up on env's PATH (the bundle folder) as a shell would.
    done = subprocess.run([shutil.which("hoso", path=env["PATH"]) or "hoso", *args], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    if check:
        assert done.returncode == 0, f"hoso {' '.join(args)}: {done.returncode}\n" \
                                     f"{done.stdout}\n{done.stderr}"
    return done


def write_demo(env, folder: Path) -> list[Path]:
    hoso(env, "demo", "--out", str(folder))
    files = sorted(folder.glob("*.json"))
    assert files, "hoso demo wrote no dossier"
    return files


def test_environment_has_no_python(bundle, env):
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    assert not {"PYTHONHOME", "PYTHONPATH"} & env.keys()


def test_version_is_the_source_version(bundle, env):
    assert hoso(env, "--version").stdout.strip() == f"HoSo {__version__}"


def test_demo_dossiers_validate_clean(bundle, env, tmp_path):
    for dossier in write_demo(env, tmp_path / "demo"):
        done = hoso(env, "validate", str(dossier), "--today", TODAY)
        assert "0 lỗi" in done.stdout


def test_render_pdf_and_docx(bundle, env, tmp_path):
    dossier = write_demo(env, tmp_path / "demo")[0]
    hoso(env, "render", str(dossier), "--out", str(tmp_path / "docs"), "--format", "both",
         "--today", TODAY)
    pdfs = sorted((tmp_path / "docs").glob("*.pdf"))
    docxs = sorted((tmp_path / "docs").glob("*.docx"))
    assert pdfs and len(pdfs) == len(docxs)
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF-")
    for docx in docxs:
        assert zipfile.is_zipfile(docx)


def test_export_and_verify_a_package(bundle, env, tmp_path):
    if "export" not in hoso(env, "--help").stdout:
        pytest.skip("this build has no `hoso export`")
    dossier = write_demo(env, tmp_path / "demo")[0]
    hoso(env, "export", str(dossier), "--out", str(tmp_path / "out"), "--today", TODAY)
    packages = sorted((tmp_path / "out").glob("*.zip"))
    assert len(packages) == 1
    hoso(env, "verify", str(packages[0]))
    with zipfile.ZipFile(packages[0]) as archive:
        manifests = [n for n in archive.namelist() if n.endswith("manifest.json")]
        assert manifests
        assert __version__ in archive.read(manifests[0]).decode("utf-8")


def _python_files_mapped(pid: int) -> list[str]:
    """Paths of the Python runtime files the process has mapped (libpython, extensions)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    paths = {line.split(None, 5)[5] for line in maps.splitlines() if len(line.split(None, 5)) == 6}
    pattern = re.compile(r"libpython|\.cpython-|\.abi3\.so|/python3[.\d]*/")
    return sorted(p for p in paths if p.startswith("/") and pattern.search(p))


def test_gui_starts_offscreen_from_the_bundle(bundle, env):
    """`hoso --demo` (no subcommand: the window) opens offscreen and reports READY.

    HOSO_UI_TEST=1 is desktop.ui.app's test hook: once the first window is up it prints
    ``READY step=… dossier=…``. The app has no way to be told to quit from outside, so the
    test ends it with SIGTERM, then checks that its data file is intact with `hoso db check`.
    """
    gui_env = {**env, "HOSO_UI_TEST": "1"}
    process = subprocess.Popen([str(EXE), "--demo"], env=gui_env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        ready, output = _wait_for(process, "READY", timeout=60)
        assert ready, f"the window did not report READY:\n{output}\n{_drain(process)}"
        assert "dossier=demo-" in output
        mapped = _python_files_mapped(process.pid)
        real_bundle = str(BUNDLE.resolve())
        assert any("libpython" in p for p in mapped), mapped
        outside = [p for p in mapped if not p.startswith(real_bundle + os.sep)]
        assert outside == [], f"Python files loaded from outside the bundle: {outside}"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    demo_store = Path(env["HOSO_DATA_DIR"]) / "demo"
    assert (demo_store / "hoso.db").is_file()
    hoso(env, "--data-dir", str(demo_store), "db", "check")
    # The second start is the staged one (the demo's settings remember the dossier): the
    # window first, then the domain code imported on a background thread of the frozen app.
    again = subprocess.run([str(EXE), "--demo"], env={**gui_env, "HOSO_UI_TEST_QUIT": "1"},
                           capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert again.returncode == 0, again.stderr[-2000:]
    words = [line.split(" ", 1)[0] for line in again.stdout.splitlines()]
    assert words[:2] == ["SHOWN", "READY"], again.stdout
    assert "dossier=demo-" in again.stdout
    assert "Traceback" not in again.stderr, again.stderr[-2000:]


def _wait_for(process: subprocess.Popen, marker: str, timeout: float) -> tuple[bool, str]:
    """Read the app's output until a line starts with ``marker``. Raw reads of the pipe:
    several lines can arrive at once (SHOWN, then READY), and a buffered ``readline`` would
    leave the second in Python's buffer where ``select`` does not see it."""
    text = ""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if selector.select(timeout=0.5):
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            text += chunk.decode("utf-8", "replace")
            if any(line.startswith(marker) for line in text.splitlines()):
                return True, text
    return False, text


def _drain(process: subprocess.Popen) -> str:
    if process.poll() is None:
        return "(still running)"
    return (process.stderr.read() or "") if process.stderr else ""


def test_bundle_holds_what_the_app_needs(bundle):
    internal = bundle / "_internal"
    for sub in ("campaigns", "fonts", "templates", "i18n", "reference", "schemas"):
        assert any((internal / "resources" / sub).iterdir()), sub
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqoffscreen.so", "platforms/libqxcb.so",
                   "imageformats/libqpdf.so"):
        assert (plugins / plugin).is_file(), plugin
    assert list(internal.glob("PySide6/QtPdfWidgets.*"))
    assert list(internal.glob("PySide6/QtPrintSupport.*"))  # printing (issue H)
    # trimmed away: Qt translations, Wayland/EGLFS platforms, QtNetwork's Python module
    assert not list(internal.glob("PySide6/Qt/translations/*"))
    assert not list(plugins.glob("platforms/*wayland*"))
    assert not list(internal.glob("PySide6/QtNetwork.*"))
    assert not list(internal.glob("**/tkinter")) and not list(internal.glob("**/unittest"))


def test_manifest_of_the_archive_names_the_version(bundle):
    archives = list((ROOT / "dist").glob(f"HoSo-{__version__}-linux-*.tar.gz"))
    if BUNDLE != ROOT / "dist" / "HoSo":
        pytest.skip("HOSO_BUNDLE_DIR set: no archive to look at")
    assert archives, "make dist writes dist/HoSo-<version>-linux-<arch>.tar.gz"


def test_json_output_from_the_bundle(bundle, env, tmp_path):
    dossier = write_demo(env, tmp_path / "demo")[0]
    done = hoso(env, "validate", str(dossier), "--json", "--today", TODAY)
    json.loads(done.stdout)


def test_a_district_batch_renders_on_worker_processes(bundle, env, tmp_path):
    """Enough documents to start worker processes (desktop.documents.render_documents):
    in the frozen bundle they re-run the executable, which freeze_support() must catch —
    a worker that ran the CLI instead would print a usage error on stderr."""
    from desktop.documents import PARALLEL_MIN_DOCUMENTS

    demo = json.loads(write_demo(env, tmp_path / "demo")[0].read_text(encoding="utf-8"))
    base = demo["nominees"]
    nominees = []
    for i in range(PARALLEL_MIN_DOCUMENTS):
        nominee = json.loads(json.dumps(base[i % len(base)]))
        nominee["id"] = f"n-{i:03d}"
        nominees.append(nominee)
    demo["nominees"] = nominees
    demo["proposal"]["nominee_ids"] = [n["id"] for n in nominees]
    big = tmp_path / "big.json"
    big.write_text(json.dumps(demo, ensure_ascii=False), encoding="utf-8")
    done = hoso(env, "render", str(big), "--out", str(tmp_path / "out"), "--preview")
    assert done.stderr == ""
    assert len(list((tmp_path / "out").glob("*.pdf"))) >= PARALLEL_MIN_DOCUMENTS


def test_signed_export_and_verify_with_the_demo_identity(bundle, env, tmp_path):
    """Signing in the frozen app (pyHanko, its HarfBuzz/fontTools stamp text, cryptography):
    the demo identity signs a package (PIN from HOSO_PIN) that verifies as signed."""
    if "--sign-with" not in hoso(env, "export", "--help").stdout:
        pytest.skip("this build has no `hoso export --sign-with`")
    folder = tmp_path / "demo"
    dossier = write_demo(env, folder)[0]
    signing_env = {**env, "HOSO_PIN": "1234"}
    done = hoso(signing_env, "export", str(dossier), "--out", str(tmp_path / "out"),
                "--today", TODAY, "--sign-with", f"p12:{folder / 'demo-signer.p12'}",
                "--signature-image", str(folder / "demo-signature.png"),
                "--seal-image", str(folder / "demo-seal.png"))
    assert "(PAdES B-B)" in done.stdout
    package = next((tmp_path / "out").glob("*.zip"))
    done = hoso(env, "--lang", "en", "verify", str(package), "--trust",
                str(folder / "demo-ca.pem"), "--require-signature")
    assert "Package signature: VALID." in done.stdout
    assert "Certificate chain: reaches a trusted root." in done.stdout
