"""The desktop app (ứng dụng): the only package that imports PySide6.

A thin layer over the store, the packs, the rule engine and the documents: forms collect
input, every committed edit goes through :class:`desktop.ui.session.Session` (store write +
undo command + re-validation), long work runs through :mod:`desktop.ui.tasks`. Every visible
string comes from ``resources/i18n/ui.toml`` (keys ``ui.*``) or the shared field labels.
"""

# PySide6 installs an import hook that inspects modules as they load; pydantic's lazy
# attribute imports then fail with a circular import. Load the models (and with them
# pydantic) completely before any PySide6 import. Start-up: every module imported after
# PySide6 also passes through that hook (~25 ms for the store and sqlite-utils alone); the
# app always needs the store, packs and catalog, so they are loaded first too.
import desktop.i18n
import desktop.models
import desktop.packs
import desktop.store
import desktop.validation  # noqa: F401
