"""Progress of long work (tiến độ): plain Python, shared by the services and the GUI's runner.

Long jobs (render, export) are generators that yield :class:`Progress` between steps and call
``cancel.check()`` there; the generator's ``return`` value is the job's result. The GUI's
job runner drives such a generator off the GUI thread and cancels through the same
:class:`CancelToken`; the CLI and tests simply call :func:`run_to_end`::

    def export_steps(..., cancel: CancelToken | None = None) -> Iterator[Progress]:
        token = cancel or CancelToken()
        for i, doc in enumerate(docs):
            token.check()
            yield Progress(i, len(docs), label)
            ...
        return result

    result = run_to_end(export_steps(...))

No Qt, no I/O: cancelling only sets a flag; the job stops at its next step and cleans up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Progress:
    """One step of a long job: ``done`` of ``total`` steps, and what is being done now."""

    done: int
    total: int
    label: str = ""

    @property
    def fraction(self) -> float:
        """0.0 … 1.0 (1.0 when there is nothing to do)."""
        if self.total <= 0:
            return 1.0
        return min(max(self.done / self.total, 0.0), 1.0)


class Cancelled(Exception):
    """The job stopped because its cancel token was set; it left nothing half-written."""


class CancelToken:
    """A thread-safe cancel flag: the GUI thread sets it, the worker checks it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled


def run_to_end(job: Generator[Progress, None, R],
               on_progress: Callable[[Progress], None] | None = None) -> R:
    """Drive a job generator to its end and return its result (calling ``on_progress``)."""
    while True:
        try:
            step = next(job)
        except StopIteration as stop:
            return stop.value
        if on_progress is not None:
            on_progress(step)
