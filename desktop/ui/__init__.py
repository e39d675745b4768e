"""The desktop app (ứng dụng): the only package that imports PySide6.

A thin layer over the store, the packs, the rule engine and the documents: forms collect
input, every committed edit goes through :class:`desktop.ui.session.Session` (store write +
undo command + re-validation), long work runs through :mod:`desktop.ui.tasks`. Every visible
string comes from ``resources/i18n/ui.toml`` (keys ``ui.*``) or the shared field labels.
"""

# Start-up: this package imports no domain code (pydantic models, store, rule engine) at
# start; the app shows its window first and loads them on a background thread (see
# ``desktop.ui.app``).


def _pin_none() -> None:
    """Work around a PySide6 6.12 reference-count bug that frees ``None``.

    Several PySide6 6.12 calls drop a reference to ``None`` they never took:
    ``QModelIndex.data()`` on a role the model answers with ``None``,
    ``QComboBox.addItem``, ``QListWidget.addItem``, ``QTableWidget.setItem``,
    ``QStandardItemModel.appendRow``, ``QObject.property`` of an unset property, … (one per
    call; ``sys.getrefcount(None)`` falls by 100 over 100 calls). After some thousands of
    them CPython 3.11 deallocates ``None`` and aborts ("Fatal Python error: none_dealloc"),
    at exit or in the middle of a session. CPython 3.12+ makes ``None`` immortal (PEP 683),
    so the bug is harmless there; on 3.11 give ``None`` the same protection: a reference
    count no program can exhaust.
    """
    import sys

    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field
    refcnt.value += 1 << 40


_pin_none()
