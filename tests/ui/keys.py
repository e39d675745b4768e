"""Typing Vietnamese in tests: QTest only knows ASCII keys, so other letters are sent as
key events carrying their text, the way an input method (Unikey, EVKey) delivers them:
the base letter first, then a backspace and the composed letter."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def _send_text(widget, char: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                 char))


def type_text(qtbot, widget, text: str) -> None:
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base.isascii() and base != char:  # IME style: base letter, backspace, composed
            qtbot.keyClicks(widget, base)
            qtbot.keyClick(widget, Qt.Key.Key_Backspace)
        _send_text(widget, char)


def activate(qtbot, window) -> None:
    """Make ``window`` the active window (keys go to it) and wait until it is."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def alt(qtbot, window, number: int) -> None:
    """Press Alt+number in the (activated) window: the stepper's shortcut."""
    activate(qtbot, window)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
