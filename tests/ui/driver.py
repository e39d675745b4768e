"""A secretary's hands for the journey tests: find widgets by what the screen shows (a label,
a button's text, a column title), click and type with real key and mouse events, and count
the actions.

An action is one click, one key chord, one scroll gesture, or one field's text with the Tab
(or Enter) that leaves it. Nothing here calls the session or the store: the only way in is
the events a person makes, on widgets a person can see. A widget hidden under a scroll area's
edge is scrolled into view with the mouse wheel first (one action); a widget that is hidden,
disabled or outside the window fails the test with what the screen showed instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def clean(text: str) -> str:
    """A label as a person reads it: no mnemonic '&', no trailing ' *' or ':', NFC."""
    text = unicodedata.normalize("NFC", text or "").replace("&&", "\0").replace("&", "")
    text = text.replace("\0", "&")
    text = re.sub(r"<[^>]+>", "", text)  # rich-text labels
    return re.sub(r"\s*[*:]\s*$", "", text.strip()).strip()


class Blocked(AssertionError):
    """The journey cannot go on the way a person would: what was wanted, what was there."""


class Driver:
    """Drives the app's current top-level window (a modal dialog first) and counts."""

    def __init__(self, qtbot, top=None, shots: Path | None = None) -> None:
        self.qtbot = qtbot
        self._top = top  # callable returning the main top-level widget
        self.actions = 0
        self.log: list[str] = []
        self.shots = shots
        self._shot_number = 0
        self.strict = True  # False: note where a person's way is blocked and work round it
        self.blocked: list[str] = []

    def block(self, message: str) -> None:
        """The window stands in the way: fail, or (measuring) note it and go on."""
        if self.strict:
            raise Blocked(message)
        self.blocked.append(f"at action {self.actions}: {message}")

    # ------------------------------------------------------------------ counting

    def count(self, what: str, n: int = 1) -> None:
        self.actions += n
        self.log.append(f"{self.actions:3d} {what}")

    # ------------------------------------------------------------------ where

    def top(self) -> QWidget:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            return modal
        return self._top()

    def wm(self) -> None:
        """Do what a window manager does: when a pop-up has closed, its window gets the
        keyboard back. (The offscreen platform leaves a closed completer list as the
        active window, and then Tab moves nothing.)"""
        popup = QApplication.activePopupWidget()
        if popup is not None and popup.isVisible():
            return
        top = self.top()
        active = QApplication.activeWindow()
        if active is not top and (active is None or not active.isVisible()
                                  or not active.isModal()):
            intended = QApplication.focusWidget()  # where the last key moved the focus
            top.activateWindow()
            for _ in range(40):
                QApplication.processEvents()
                if QApplication.activeWindow() is top and QApplication.focusWidget():
                    break
                QTest.qWait(5)
            # the keyboard comes back where the last key moved it (on a real display the
            # pop-up never takes the window's activation, so the focus moved for real)
            if intended is None or intended.window() is not top:
                intended = top.focusWidget()
            if intended is not None and QApplication.focusWidget() is not intended:
                intended.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
                QApplication.processEvents()

    def close_popup(self) -> None:
        """A pop-up left open (a completer's list) hides the form: Escape closes it."""
        popup = QApplication.activePopupWidget()
        if popup is not None and popup.isVisible():
            self.block(f"a pop-up stayed open ({type(popup).__name__}); Escape closes it")
            self.count("key Escape (close the pop-up)")
            QTest.keyClick(popup, Qt.Key.Key_Escape)
            self.settle()

    def settle(self, ms: int = 0) -> None:
        QApplication.processEvents()
        if ms:
            QTest.qWait(ms)
        QApplication.processEvents()

    @staticmethod
    def visible_rect(widget: QWidget) -> QRect:
        """The part of ``widget`` (its own coordinates) not cut by its ancestors."""
        if not widget.isVisible():
            return QRect()
        rect = widget.rect()
        w = widget
        offset = QPoint(0, 0)
        while w.parentWidget() is not None and not w.isWindow():
            offset += w.pos()
            parent = w.parentWidget()
            rect = rect.intersected(parent.rect().translated(-offset))
            w = parent
        return rect

    def shown(self, widget: QWidget) -> bool:
        return not self.visible_rect(widget).isEmpty()

    def _candidates(self, root: QWidget, label: str, kind) -> list[QWidget]:
        want = clean(label)
        found: list[QWidget] = []
        for w in root.findChildren(QWidget):
            if not w.isVisible() or not w.isEnabled():
                continue
            target = None
            if isinstance(w, QLabel) and clean(w.text()) == want and w.buddy() is not None:
                target = w.buddy()
            elif isinstance(w, QAbstractButton) and clean(w.text()) == want:
                target = w
            elif isinstance(w, QGroupBox) and clean(w.title()) == want:
                target = w
            elif w.accessibleName() and clean(w.accessibleName()) == want:
                target = w
            if target is not None and target.isVisible() and (
                    kind is None or isinstance(target, kind)):
                found.append(target)
        return list(dict.fromkeys(found))

    def find(self, label: str, kind=None, *, root: QWidget | None = None,
             nth: int = 0) -> QWidget:
        """The visible, enabled widget the screen names ``label``."""
        root = root or self.top()
        found = self._candidates(root, label, kind)
        if not found:
            raise Blocked(f"no visible widget labelled {label!r} on "
                          f"{root.windowTitle() or root.objectName()!r}; "
                          f"visible labels: {self.visible_texts(root)[:40]}")
        if len(found) <= nth:
            raise Blocked(f"only {len(found)} widgets labelled {label!r}")
        return found[nth]

    def has(self, label: str, kind=None) -> bool:
        return bool(self._candidates(self.top(), label, kind))

    def visible_texts(self, root: QWidget | None = None) -> list[str]:
        root = root or self.top()
        out = []
        for w in root.findChildren(QWidget):
            if not self.shown(w):
                continue
            if isinstance(w, QLabel | QAbstractButton):
                text = clean(w.text())
                if text:
                    out.append(text)
        return out

    def messages(self, root: QWidget | None = None) -> list[str]:
        """The red messages on screen (labels whose colour is the error red)."""
        root = root or self.top()
        return [clean(w.text()) for w in root.findChildren(QLabel)
                if self.shown(w) and w.text() and "b00020" in (w.styleSheet() or "")]

    # ------------------------------------------------------------------ scrolling

    def _scroll_area(self, widget: QWidget) -> QAbstractScrollArea | None:
        w = widget.parentWidget()
        while w is not None and not w.isWindow():
            if isinstance(w, QScrollArea):
                return w
            w = w.parentWidget()
        return None

    def into_view(self, widget: QWidget, rect: QRect | None = None) -> None:
        """One scroll gesture with the wheel, as a person makes it: when ``rect`` of
        ``widget`` is not on screen, the page moves until it is in the upper part of the
        view (what follows it comes into view with it)."""
        rect = rect or widget.rect()
        if self.visible_rect(widget).contains(rect.center()) and \
                self.visible_rect(widget).height() >= min(rect.height(), 12):
            return
        area = self._scroll_area(widget)
        if area is None:
            raise Blocked(f"{self.describe(widget)} is outside the window")
        viewport = area.viewport()
        bar = area.verticalScrollBar()
        self.count(f"scroll to {self.describe(widget)}")
        for _ in range(200):
            center = widget.mapTo(viewport, rect.center()).y()
            if viewport.height() * 0.1 <= center <= viewport.height() * 0.4 and \
                    self.visible_rect(widget).contains(rect.center()):
                break
            down = center > viewport.height() * 0.4
            before = bar.value()
            pos = QPointF(viewport.width() / 2, viewport.height() / 2)
            event = QWheelEvent(pos, QPointF(viewport.mapToGlobal(pos.toPoint())),
                                QPoint(0, 0), QPoint(0, -120 if down else 120),
                                Qt.MouseButton.NoButton, NO_MOD,
                                Qt.ScrollPhase.NoScrollPhase, False)
            QApplication.sendEvent(viewport, event)
            QApplication.processEvents()
            if bar.value() == before:
                break
        if not self.visible_rect(widget).contains(rect.center()):
            raise Blocked(f"cannot scroll {self.describe(widget)} into view")

    # ------------------------------------------------------------------ hands

    @staticmethod
    def describe(widget: QWidget) -> str:
        name = widget.objectName() or type(widget).__name__
        text = getattr(widget, "text", None)
        if callable(text) and isinstance(widget, QAbstractButton | QLabel):
            return f"{name} “{clean(text())}”"
        return name

    def click(self, target, *, what: str | None = None, pos: QPoint | None = None,
              widget_kind=None) -> QWidget:
        """Click ``target`` (a label the screen shows, or a widget) once, in its middle."""
        self.close_popup()
        self.wm()
        widget = self.find(target, widget_kind) if isinstance(target, str) else target
        if not widget.isEnabled():
            raise Blocked(f"{self.describe(widget)} is disabled")
        self.into_view(widget)
        visible = self.visible_rect(widget)
        point = pos if pos is not None else visible.center()
        if isinstance(widget, QAbstractButton) and pos is None:
            point = visible.center()
        self.count(what or f"click {target if isinstance(target, str) else self.describe(widget)}")
        QTest.mouseClick(widget, LEFT, NO_MOD, point)
        self.settle()
        return widget

    def double_click(self, widget: QWidget, pos: QPoint, *, what: str) -> None:
        """One double-click as the mouse makes it: press, release, press (a double-click
        event), release. (QTest.mouseDClick alone sends only the double-click event, which
        an item view takes for a first press.)"""
        self.into_view(widget)
        self.count(what)
        QTest.mouseClick(widget, LEFT, NO_MOD, pos)
        QTest.mouseDClick(widget, LEFT, NO_MOD, pos)
        QTest.mouseRelease(widget, LEFT, NO_MOD, pos)
        self.settle()

    def key(self, key: Qt.Key, modifiers=NO_MOD, *, what: str | None = None,
            widget: QWidget | None = None) -> None:
        """One key chord, sent where the keyboard focus is."""
        target = widget or self._focus()
        self.count(what or f"key {key_name(key, modifiers)}")
        QTest.keyClick(target, key, modifiers)
        self.settle()

    def _focus(self) -> QWidget:
        """Where a key goes: an open pop-up first (a completer's list gets the keys and
        passes the letters on to its field, as on a real display), else the focus."""
        self.wm()
        popup = QApplication.activePopupWidget()
        if popup is not None and popup.isVisible():
            return popup
        focus = QApplication.focusWidget()
        if focus is None:
            top = self.top()
            top.activateWindow()
            QApplication.processEvents()
            focus = QApplication.focusWidget() or top
        return focus

    def focused(self) -> QWidget | None:
        return QApplication.focusWidget()

    def type(self, text: str, *, then: Qt.Key | None = Qt.Key.Key_Tab,
             what: str | None = None) -> None:
        """Type ``text`` where the focus is (as Unikey sends it) and leave with ``then``:
        one action."""
        self.count(what or f"type {text!r}" + (f" + {key_name(then)}" if then else ""))
        for char in text:
            send_char(self._focus(), char)
        if then is not None:
            QTest.keyClick(self._focus(), then)
        self.settle()

    def fill(self, label: str, text: str, *, then: Qt.Key | None = Qt.Key.Key_Tab) -> QWidget:
        """Click into the field labelled ``label`` unless the focus is there already, then
        type ``text`` and leave it."""
        self.wm()
        widget = self.find(label)
        if not has_focus_within(widget):
            self.click(widget, what=f"click into {clean(label)!r}")
        self.type(text, then=then, what=f"type {clean(label)!r} = {text!r}")
        return widget

    def fill_next(self, label: str, text: str, *,
                  then: Qt.Key | None = Qt.Key.Key_Tab) -> QWidget:
        """Type into the field labelled ``label``, which the last Tab must have reached."""
        self.wm()
        widget = self.find(label)
        if not has_focus_within(widget):
            focus = self.focused()
            self.block(f"Tab did not reach {clean(label)!r}; the focus is on "
                       f"{self.describe(focus) if focus else None}")
            return self.fill(label, text, then=then)
        self.type(text, then=then, what=f"type {clean(label)!r} = {text!r}")
        return widget

    def choose(self, label: str, item: str) -> QComboBox:
        """Open the drop-down labelled ``label`` and click ``item`` (two clicks)."""
        combo = self.find(label, QComboBox)
        self.click(combo, what=f"open {clean(label)!r}")
        view = combo.view()
        self.qtbot.waitUntil(lambda: view.isVisible(), timeout=2000)
        model = combo.model()
        row = next((r for r in range(model.rowCount())
                    if clean(model.index(r, combo.modelColumn()).data()) == clean(item)), -1)
        if row < 0:
            raise Blocked(f"{clean(label)!r} offers no {item!r}: "
                          f"{[model.index(r, 0).data() for r in range(model.rowCount())]}")
        index = model.index(row, combo.modelColumn())
        view.scrollTo(index)
        rect = view.visualRect(index)
        self.count(f"pick {item!r}")
        QTest.mouseMove(view.viewport(), rect.center())  # the pointer travels to the item
        QApplication.processEvents()
        if QApplication.platformName() != "offscreen":
            # on a display the list ignores a release that comes as fast as a double-click
            QTest.qWait(QApplication.doubleClickInterval() + 50)
        QTest.mouseClick(view.viewport(), LEFT, NO_MOD, rect.center())
        self.settle()
        if combo.currentIndex() != row:
            raise Blocked(f"{clean(label)!r}: clicking {item!r} did not choose it")
        return combo

    def choose_typed(self, label: str, item: str, typed: str, *,
                     then: Qt.Key | None = Qt.Key.Key_Tab) -> QComboBox:
        """Pick ``item`` of the drop-down labelled ``label`` by typing its first letters
        (``typed``) where the focus is (the last Tab must have reached it): one action."""
        self.wm()
        combo = self.find(label, QComboBox)
        if not has_focus_within(combo):
            self.block(f"Tab did not reach {clean(label)!r}")
            self.click(combo, what=f"open {clean(label)!r}")
            QTest.keyClick(QApplication.focusWidget() or combo, Qt.Key.Key_Escape)
        self.count(f"type {typed!r} in {clean(label)!r}" + (" + Tab" if then else ""))
        for char in typed:
            QTest.keyClicks(self._focus(), char)
        if clean(combo.currentText()) != clean(item):
            raise Blocked(f"{clean(label)!r}: typing {typed!r} chose {combo.currentText()!r}")
        if then is not None:
            QTest.keyClick(self._focus(), then)
        self.settle()
        return combo

    # ------------------------------------------------------------------ tables

    def column(self, view: QAbstractItemView, title: str) -> int:
        model = view.model()
        for c in range(model.columnCount()):
            if clean(str(model.headerData(c, Qt.Orientation.Horizontal))) == clean(title):
                return c
        raise Blocked(f"{view.objectName()} has no column {title!r}")

    def cell(self, view: QAbstractItemView, row: int, title: str, *,
             click: bool = True) -> None:
        """Click the cell of column ``title`` in ``row`` (scrolling the table if needed)."""
        col = self.column(view, title)
        index = view.model().index(row, col)
        rect = view.visualRect(index)
        if not view.viewport().rect().contains(rect.center()):
            self.count(f"scroll table to {title!r}")
            view.scrollTo(index)
            QApplication.processEvents()
            rect = view.visualRect(index)
        self.into_view(view.viewport(), rect)
        if click:
            self.count(f"click cell {row + 1}/{clean(title)!r}")
            QTest.mouseClick(view.viewport(), LEFT, NO_MOD, rect.center())
            self.settle()

    def check_cell(self, view: QAbstractItemView, row: int, title: str) -> None:
        """Click the check box of a cell (a tick box is drawn near the cell's left edge)."""
        col = self.column(view, title)
        index = view.model().index(row, col)
        view.scrollTo(index)
        rect = view.visualRect(index)
        self.into_view(view.viewport(), rect)
        style = view.style()
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        option = QStyleOptionViewItem()
        option.rect = rect
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
        point = box.center() if box.isValid() and not box.isEmpty() else rect.center()
        self.count(f"tick cell {row + 1}/{clean(title)!r}")
        QTest.mouseClick(view.viewport(), LEFT, NO_MOD, point)
        self.settle()

    # ------------------------------------------------------------------ looking

    def shot(self, name: str, widget: QWidget | None = None) -> None:
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        self._shot_number += 1
        self.settle()
        (widget or self._top()).grab().save(
            str(self.shots / f"{self._shot_number:02d}-{name}.png"), "PNG", 0)


def has_focus_within(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    while focus is not None:
        if focus is widget:
            return True
        focus = focus.parentWidget()
    return False


def send_char(widget: QWidget, char: str) -> None:
    """One typed character: ASCII through QTest; a Vietnamese letter the way an input method
    (Unikey, EVKey) sends it: the base letter, a backspace, then the composed letter."""
    if char == "\n":
        QTest.keyClick(widget, Qt.Key.Key_Return)
        return
    if char.isascii():
        QTest.keyClicks(widget, char)
        return
    base = unicodedata.normalize("NFD", char)[0]
    if base.isascii() and base != char:
        QTest.keyClicks(widget, base)
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, NO_MOD, char))


def key_name(key: Qt.Key | None, modifiers=NO_MOD) -> str:
    if key is None:
        return ""
    name = key.name.replace("Key_", "")
    mods = [m for m, flag in (("Ctrl", Qt.KeyboardModifier.ControlModifier),
                              ("Alt", Qt.KeyboardModifier.AltModifier),
                              ("Shift", Qt.KeyboardModifier.ShiftModifier))
            if modifiers & flag]
    return "+".join([*mods, name])


def texts(widgets: Iterable[QWidget]) -> list[str]:
    return [clean(w.text()) for w in widgets]


__all__ = ["Blocked", "Driver", "QTabBar", "clean", "has_focus_within", "send_char"]
