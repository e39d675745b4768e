"""Screenshots of every step on the demo data: ``python -m desktop.ui.screenshots OUTDIR``.

Run it on a real display (e.g. ``Xvfb :99 -screen 0 1366x800x24 &`` and ``DISPLAY=:99``);
``QT_SCALE_FACTOR=1.5`` gives the 150 % set (files get a ``-150`` suffix). Each step is
grabbed with ``QWidget.grab()`` after the preview has rendered.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtWidgets import QApplication

from desktop.ui.app import launch
from desktop.ui.main_window import STEP_KEYS


def _settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/screenshots")
    lang = argv[1] if len(argv) > 1 else "vi"
    out.mkdir(parents=True, exist_ok=True)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    suffix = "" if scale in ("", "1") else f"-{round(float(scale) * 100)}"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    data = tempfile.mkdtemp(prefix="hoso-shots-")
    controller = launch(SimpleNamespace(demo=True, data_dir=data, packs_dir=[], lang=lang), app)
    window = controller.window
    window.resize(1366, 800)
    _settle(app, 0.5)
    names = []
    for step, key in enumerate(STEP_KEYS):
        window.go(step)
        _settle(app, 3.0 if key == "preview" else 0.4)
        name = f"{step + 1:02d}-{key}{suffix}{'' if lang == 'vi' else '-' + lang}.png"
        window.grab().save(str(out / name))
        names.append(name)
    from desktop.ui.start import StartPage

    page = StartPage(controller.store, [])
    page.resize(900, 560)
    page.show()
    _settle(app, 0.3)
    page.grab().save(str(out / f"00-start{suffix}.png"))
    page.close()
    window.close()
    controller.close_store()
    # the window of a later start, before its dossier has loaded (the staged start)
    again = launch(SimpleNamespace(demo=True, data_dir=data, packs_dir=[], lang=lang), app,
                   staged=True)
    again.window.resize(1366, 800)
    app.processEvents()
    if not again.ready:
        name = f"00-opening{suffix}{'' if lang == 'vi' else '-' + lang}.png"
        again.window.grab().save(str(out / name))
        names.append(name)
    while not again.ready:
        _settle(app, 0.05)
    again.window.close()
    again.close_store()
    print("\n".join(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
