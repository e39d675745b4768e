"""The background-job helper: results and errors on the GUI thread, progress dialog only
after the delay, cancel."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop.ui.tasks import Progress, TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner(delay_ms=500)
    seen = {}

    def job(token):
        seen["worker"] = threading.get_ident()
        yield Progress(1, 2, "a")
        yield Progress(2, 2, "b")
        return 42

    def done(value):
        seen["value"] = value
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()

    parent = QWidget()
    qtbot.addWidget(parent)
    task = runner.run(job, dialog_parent=parent, on_done=done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42 and seen["gui"]
    assert seen["worker"] != threading.get_ident()
    assert task.dialog is None  # fast jobs never show the dialog


def test_slow_job_shows_cancellable_progress(qtbot):
    runner = TaskRunner(delay_ms=50)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    steps = []

    def job(token):
        for i in range(200):
            token.check()
            steps.append(i)
            yield Progress(i, 200, "…")
            time.sleep(0.01)
        return "finished"

    results = []
    task = runner.run(job, title="x", dialog_parent=parent, on_done=results.append)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=3000)
    button = task.dialog.findChild(QPushButton)
    assert button.text() == "Hủy"
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert results == [] and len(steps) < 200
    assert task.dialog is None


def test_errors_are_delivered(qtbot):
    runner = TaskRunner()
    errors = []

    def job(token):
        yield Progress(0, 1)
        raise ValueError("hỏng")

    runner.run(job, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
