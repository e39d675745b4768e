"""Background jobs (công việc chạy nền): the one helper for work off the GUI thread.

A job is a plain generator function ``job(token) -> Generator[Progress, None, result]``:
it yields :class:`~desktop.progress.Progress` between steps, calls ``token.check()`` (a
:class:`~desktop.progress.CancelToken`) and returns its result; services such as
``desktop.package.export_steps`` are jobs already.
:class:`TaskRunner` runs it in ``QThreadPool`` through a ``QRunnable``; progress, the result
and errors arrive on the GUI thread through a signals object. A progress dialog (with
Cancel) appears only when the job is still running after ``delay_ms`` (0.5 s).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.progress import Cancelled, CancelToken, Progress
from desktop.ui.qt_i18n import tr

__all__ = ["CancelToken", "Cancelled", "Progress", "Task", "TaskRunner"]


Job = Callable[[CancelToken], Generator[Progress, None, Any]]


class _Signals(QObject):
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, job: Job, signals: _Signals, cancel: CancelToken) -> None:
        super().__init__()
        self.job, self.signals, self.cancel = job, signals, cancel

    def run(self) -> None:
        try:
            gen = self.job(self.cancel)
            while True:
                step = next(gen)
                if self.cancel.cancelled:
                    gen.close()
                    self.signals.cancelled.emit()
                    return
                self.signals.progress.emit(step)
        except StopIteration as stop:
            if self.cancel.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(stop.value)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # delivered to the GUI thread, shown there
            self.signals.failed.emit(exc)


class Task(QObject):
    """A running job. Its slots run on the GUI thread (the task lives there), so the
    signals below and the callbacks fire on the GUI thread."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()  # after any of finished / failed / cancelled

    def __init__(self, runner: TaskRunner, title: str, dialog_parent: QWidget | None,
                 on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None) -> None:
        super().__init__(runner)
        self._runner = runner
        self._cancel = CancelToken()
        self._title = title
        self._dialog_parent = dialog_parent
        self._on_done, self._on_error = on_done, on_error
        self._last: Progress | None = None
        self.running = True
        self.dialog: QProgressDialog | None = None
        self.signals = _Signals()
        self.signals.progress.connect(self._progress)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.signals.cancelled.connect(self._cancelled)

    def cancel(self) -> None:
        self._cancel.cancel()

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running or self._dialog_parent is None:
            return
        title = self._title or tr("ui.task.working")
        dlg = QProgressDialog(title, tr("ui.qt.cancel"), 0, 0, self._dialog_parent)
        dlg.setWindowTitle(title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        self.dialog = dlg
        if self._last is not None:
            self._progress(self._last)
        dlg.show()

    @Slot(object)
    def _progress(self, step: Progress) -> None:
        self._last = step
        if self.dialog is not None:
            self.dialog.setMaximum(max(step.total, 1))
            self.dialog.setValue(step.done)
            self.dialog.setLabelText(step.label or self._title)
        self.progress.emit(step)

    def _end(self) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self._runner._tasks.discard(self)
        self.done.emit()

    @Slot(object)
    def _finished(self, value: Any) -> None:
        self._end()
        if self._on_done is not None:
            self._on_done(value)
        self.finished.emit(value)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._end()
        if self._on_error is not None:
            self._on_error(exc)
        self.failed.emit(exc)

    @Slot()
    def _cancelled(self) -> None:
        self._end()
        self.cancelled.emit()


class TaskRunner(QObject):
    """Starts jobs on a thread pool; one ``TaskRunner`` per window."""

    def __init__(self, parent: QObject | None = None, *, delay_ms: int = 500,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.delay_ms = delay_ms
        self.pool = pool or QThreadPool.globalInstance()
        self._tasks: set[Task] = set()

    def run(self, job: Job, *, title: str = "", dialog_parent: QWidget | None = None,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> Task:
        task = Task(self, title, dialog_parent, on_done, on_error)
        self._tasks.add(task)
        QTimer.singleShot(self.delay_ms, task._show_dialog)
        self.pool.start(_Runnable(job, task.signals, task._cancel))
        return task

    def busy(self) -> bool:
        return bool(self._tasks)

    def wait_all(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
