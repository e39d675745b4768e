"""Screenshots of every step on the demo data, at the screen sizes of office laptops.

``python -m desktop.ui.screenshots [OUTDIR] [--lang en] [--size 1366x768] [--all]``

Run it on a real display (``Xvfb :12 -screen 0 1366x768x24 -nolisten tcp &`` and
``DISPLAY=:12``). One run takes one set: the window at ``--size`` (default 1366×768)
at the scale of ``QT_SCALE_FACTOR`` (1.25 = Windows' 125 %: the window is then
1093×614 device-independent pixels and the PNG is 1366×768). ``--all`` takes the four sets
the issue asks for, one process per scale (Qt reads the factor at start):

* ``OUTDIR/`` — 1366×768 at 100 % (with the start page, the opening window and the file
  dialog);
* ``OUTDIR/1280x720/``, ``OUTDIR/1366x768@125/``, ``OUTDIR/1280x720@125/`` — every step.

Each shot is checked for what a person would see cut: a horizontal scroll bar, a label
whose text does not fit (it is elided or runs under the next widget), a widget that reaches
past its page's right edge. The findings are printed and written to ``OUTDIR/clipping.txt``
(empty when nothing is cut); look at the PNGs all the same.

The journey's own screenshots (one per step of the 2-nominee dossier typed by hand) come from
the journey test: ``HOSO_JOURNEY_SHOTS=docs/screenshots/journey pytest
tests/ui/test_journey.py`` on the same display.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QWidget,
)

from desktop.ui.app import launch
from desktop.ui.main_window import STEP_KEYS

SIZES = ((1366, 768), (1280, 720))
SCALES = ("1", "1.25")


def _settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def set_name(size: tuple[int, int], scale: str) -> str:
    """The folder of one set ("" for the main set: 1366×768 at 100 %)."""
    base = f"{size[0]}x{size[1]}"
    percent = round(float(scale or 1) * 100)
    if size == SIZES[0] and percent == 100:
        return ""
    return base if percent == 100 else f"{base}@{percent}"


def clipped(root: QWidget) -> list[str]:
    """What is cut in ``root`` as shown: horizontal scroll bars, labels whose text does not
    fit, widgets past the right edge of the window."""
    out: list[str] = []
    right = root.mapToGlobal(root.rect().topRight()).x()
    for w in root.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        name = w.objectName() or type(w).__name__
        if isinstance(w, QAbstractScrollArea) and w.horizontalScrollBar().isVisible():
            out.append(f"horizontal scroll bar: {name}")
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            need = w.fontMetrics().horizontalAdvance(w.text().split("\n")[0].replace("&", ""))
            if need > w.contentsRect().width() + 1:
                out.append(f"label cut ({need} px in {w.contentsRect().width()}): "
                           f"“{w.text()[:60]}”")
        if isinstance(w, QComboBox) and w.currentText():
            need = w.fontMetrics().horizontalAdvance(w.currentText()) + 40
            if need > w.width() + 1:
                out.append(f"drop-down text cut: {name} “{w.currentText()[:60]}”")
        if isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal \
                and w.model() is not None:
            for section in range(w.count()):
                if w.isSectionHidden(section):
                    continue
                text = str(w.model().headerData(section, Qt.Orientation.Horizontal) or "")
                need = w.fontMetrics().horizontalAdvance(text) + 8
                if text and need > w.sectionSize(section):
                    out.append(f"column title cut: {w.parentWidget().objectName()} “{text}”")
        edge = w.mapToGlobal(w.rect().topRight()).x()
        if edge > right + 1 and not _inside_scrolled(w):
            out.append(f"past the right edge by {edge - right} px: {name}")
    return list(dict.fromkeys(out))


def _inside_scrolled(w: QWidget) -> bool:
    """True for the insides of a list, table or scroll area (they scroll, not cut)."""
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def take_set(out: Path, size: tuple[int, int], lang: str = "vi") -> list[str]:
    """Every step of the demo dossier in a window of ``size`` (device pixels)."""
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    main_set = set_name(size, str(scale)) == ""
    folder = out / set_name(size, str(scale))
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "vi" else f"-{lang}"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    data = tempfile.mkdtemp(prefix="hoso-shots-")
    controller = launch(SimpleNamespace(demo=True, data_dir=data, packs_dir=[], lang=lang), app)
    window = controller.window
    logical = (round(size[0] / scale), round(size[1] / scale))
    window.resize(*logical)
    _settle(app, 0.5)
    names: list[str] = []
    report: list[str] = []

    def shot(name: str, widget: QWidget) -> None:
        file = f"{name}{suffix}.png"
        widget.grab().save(str(folder / file), "PNG", 0)  # 0: smallest file
        names.append(str(Path(set_name(size, str(scale))) / file))
        report.extend(f"{names[-1]}: {line}" for line in clipped(widget))

    for step, key in enumerate(STEP_KEYS):
        window.go(step)
        _settle(app, 3.0 if key == "preview" else 0.4)
        shot(f"{step + 1:02d}-{key}", window)
        if key == "nominees":  # the other kind of form: a household on a summary
            page = window.pages[step]
            household = next((n.id for n in controller.session.dossier.nominees
                              if n.kind.value == "household"), None)
            if household is not None:
                page.select(household)
                _settle(app, 0.4)
                shot(f"{step + 1:02d}b-{key}-household", window)
    if main_set:
        from desktop.ui.qt_i18n import file_dialog
        from desktop.ui.start import StartPage

        scans = Path(data) / "Bản quét"  # what a secretary's scanner folder holds
        scans.mkdir()
        for name, nbytes in (("bien-ban-hop-hoi-dong.pdf", 19_500),
                             ("to-trinh-da-ky.jpg", 850_000)):
            (scans / name).write_bytes(b"\0" * nbytes)
        dialog = file_dialog(window, "Thêm ảnh hoặc bản quét", str(scans),
                             "Ảnh, PDF (*.pdf *.jpg *.png)")
        dialog.show()
        _settle(app, 0.5)
        shot("09-file-dialog", dialog)
        dialog.close()
        from desktop.packs import list_packs

        page = StartPage(controller.store, list_packs(controller.packs_dirs))
        page.resize(*logical)
        page.show()
        _settle(app, 0.3)
        shot("00-start", page)
        page.close()
    window.close()
    controller.close_store()
    if main_set:
        # the window of a later start, before its dossier has loaded (the staged start)
        again = launch(SimpleNamespace(demo=True, data_dir=data, packs_dir=[], lang=lang),
                       app, staged=True)
        again.window.resize(*logical)
        app.processEvents()
        if not again.ready:
            shot("00-opening", again.window)
        while not again.ready:
            _settle(app, 0.05)
        again.window.close()
        again.close_store()
    (folder / "clipping.txt").write_text("".join(f"{line}\n" for line in report),
                                         encoding="utf-8")
    print("\n".join(names))
    if report:
        print("clipped:\n  " + "\n  ".join(report))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.ui.screenshots")
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("lang", nargs="?", default="vi")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--all", action="store_true",
                        help="1366×768 and 1280×720, each at 100 % and 125 %")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    out = Path(args.out)
    if args.all:
        failed = 0
        for scale in SCALES:
            for w, h in SIZES:
                env = {**os.environ, "QT_SCALE_FACTOR": scale}
                failed |= subprocess.call([sys.executable, "-m", "desktop.ui.screenshots",
                                           str(out), args.lang, "--size", f"{w}x{h}"],
                                          env=env)
        return failed
    w, h = (int(v) for v in args.size.lower().split("x"))
    take_set(out, (w, h), args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
