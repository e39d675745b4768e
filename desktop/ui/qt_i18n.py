"""Language for Qt: the default ``QLocale`` and a translator answering Qt's own strings.

Qt ships no ``qtbase_vi``; :class:`CatalogTranslator` answers the strings Qt draws itself
(dialog buttons, the context menu of line edits, the file dialog) from our catalog
(``ui.qt.*``), the bridge Frescobaldi uses. Everything else calls :func:`tr`
(``desktop.i18n.t``) directly.

File dialogs (:func:`open_file_names`, :func:`existing_directory`): on Windows the system's
own dialog (it speaks the system's language); elsewhere Qt's dialog, whose words come from
the catalog and whose file list shows sizes and dates the Vietnamese way ("19,5 KB",
"07/12/2026 08:30") instead of the system locale's.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QIdentityProxyModel, QLocale, Qt, QTranslator

from desktop import i18n

#: Qt source text (with its mnemonic) -> our catalog key.
QT_STRINGS = {
    "OK": "ui.qt.ok",
    "&OK": "ui.qt.ok",
    "Cancel": "ui.qt.cancel",
    "&Cancel": "ui.qt.cancel",
    "Yes": "ui.qt.yes",
    "&Yes": "ui.qt.yes",
    "No": "ui.qt.no",
    "&No": "ui.qt.no",
    "Close": "ui.qt.close",
    "&Close": "ui.qt.close",
    "Apply": "ui.qt.apply",
    "Save": "ui.qt.save",
    "&Save": "ui.qt.save",
    "Discard": "ui.qt.discard",
    "Open": "ui.qt.open",
    "&Open": "ui.qt.open",
    "Show Details...": "ui.qt.show_details",
    "Hide Details...": "ui.qt.hide_details",
    "&Undo": "ui.qt.undo",
    "&Redo": "ui.qt.redo",
    "Cu&t": "ui.qt.cut",
    "&Copy": "ui.qt.copy",
    "&Paste": "ui.qt.paste",
    "Delete": "ui.qt.delete",
    "Select All": "ui.qt.select_all",
}


#: Strings of Qt's own file dialog, by (context, source): words like "Name" or "Type" are
#: answered only where the file dialog asks for them.
QT_CONTEXT_STRINGS = {
    ("QFileDialog", "&Look in:"): "ui.qt.fd.look_in",
    ("QFileDialog", "File &name:"): "ui.qt.fd.file_name",
    ("QFileDialog", "Files of &type:"): "ui.qt.fd.files_of_type",
    ("QFileDialog", "Directory:"): "ui.qt.fd.directory",
    ("QFileDialog", "&Choose"): "ui.qt.fd.choose",
    ("QFileDialog", "&Open"): "ui.qt.open",
    ("QFileDialog", "&Save"): "ui.qt.save",
    ("QFileDialog", "&Delete"): "ui.qt.fd.delete",
    ("QFileDialog", "&Rename"): "ui.qt.fd.rename",
    ("QFileDialog", "&New Folder"): "ui.qt.fd.new_folder_action",
    ("QFileDialog", "New Folder"): "ui.qt.fd.new_folder",
    ("QFileDialog", "Show &hidden files"): "ui.qt.fd.show_hidden",
    ("QFileDialog", "All Files (*)"): "ui.qt.fd.all_files",
    ("QFileDialog", "Back"): "ui.qt.fd.back",
    ("QFileDialog", "Go back"): "ui.qt.fd.back",
    ("QFileDialog", "Forward"): "ui.qt.fd.forward",
    ("QFileDialog", "Go forward"): "ui.qt.fd.forward",
    ("QFileDialog", "Parent Directory"): "ui.qt.fd.parent",
    ("QFileDialog", "Go to the parent directory"): "ui.qt.fd.parent",
    ("QFileDialog", "Create New Folder"): "ui.qt.fd.create_folder",
    ("QFileDialog", "Create a New Folder"): "ui.qt.fd.create_folder",
    ("QFileDialog", "List View"): "ui.qt.fd.list_view",
    ("QFileDialog", "Change to list view mode"): "ui.qt.fd.list_view",
    ("QFileDialog", "Detail View"): "ui.qt.fd.detail_view",
    ("QFileDialog", "Change to detail view mode"): "ui.qt.fd.detail_view",
    ("QFileDialog", "Sidebar"): "ui.qt.fd.sidebar",
    ("QFileDialog", "List of places and bookmarks"): "ui.qt.fd.sidebar",
    ("QFileDialog", "Files"): "ui.qt.fd.files",
    ("QFileDialog", "Directories"): "ui.qt.fd.directories",
    ("QFileDialog", "Recent Places"): "ui.qt.fd.recent",
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "ui.qt.fd.delete_confirm",
    ("QFileDialog", "Could not delete directory."): "ui.qt.fd.delete_failed",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."):
        "ui.qt.fd.file_not_found",
    ("QFileDialog",
     "%1\nDirectory not found.\nPlease verify the correct directory name was given."):
        "ui.qt.fd.dir_not_found",
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"): "ui.qt.fd.replace",
    ("QFileSystemModel", "Name"): "ui.qt.fd.col_name",
    ("QFileSystemModel", "Size"): "ui.qt.fd.col_size",
    ("QFileSystemModel", "Type"): "ui.qt.fd.col_type",
    ("QFileSystemModel", "Kind"): "ui.qt.fd.col_type",
    ("QFileSystemModel", "Date Modified"): "ui.qt.fd.col_date",
    ("QFileSystemModel", "Computer"): "ui.qt.fd.computer",
    ("QFileSystemModel", "My Computer"): "ui.qt.fd.computer",
    ("QAbstractFileIconProvider", "Folder"): "ui.qt.fd.folder",
    ("QAbstractFileIconProvider", "Drive"): "ui.qt.fd.drive",
    ("QAbstractFileIconProvider", "File"): "ui.qt.fd.file",
    ("QAbstractFileIconProvider", "%1 File"): "ui.qt.fd.typed_file",
    ("QPlatformTheme", "OK"): "ui.qt.ok",
    ("QPlatformTheme", "Cancel"): "ui.qt.cancel",
    ("QPlatformTheme", "&Yes"): "ui.qt.yes",
    ("QPlatformTheme", "&No"): "ui.qt.no",
    ("QPlatformTheme", "Open"): "ui.qt.open",
    ("QPlatformTheme", "Save"): "ui.qt.save",
}


def tr(key: str, **params: Any) -> str:
    """A UI string of the current language."""
    return i18n.t(key, **params)


class CatalogTranslator(QTranslator):
    """Answers Qt's built-in strings from the catalog in the current language."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null QString) means "not translated here": an empty string would be taken
        # as the translation and blank every other Qt string (page size names: QPageSize(A4)
        # became invalid, and the print dialog's labels empty).
        key = QT_CONTEXT_STRINGS.get((context, source)) or QT_STRINGS.get(source)
        if key is None or i18n.get_language() == "en":
            return None
        return i18n.t(key)

    def isEmpty(self) -> bool:
        return False


def apply_language(lang: str, translator: CatalogTranslator | None = None) -> None:
    """Switch the catalog language and Qt's default locale (dates, numbers)."""
    i18n.set_language(lang)
    if lang == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QCoreApplication.instance()
    if app is not None and translator is not None:
        app.removeTranslator(translator)
        app.installTranslator(translator)


# ---------------------------------------------------------------------- file dialogs


def native_file_dialogs() -> bool:
    """Windows' own file dialog speaks the system's language; Qt's needs the catalog."""
    return sys.platform == "win32"


class FileListLook(QIdentityProxyModel):
    """Qt's file list with sizes and dates written as HoSo writes them (Qt formats them with
    the system locale: "19.53 KiB" and "7 12 2026" on an English or C system)."""

    SIZE, DATE = 1, 3

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (self.SIZE, self.DATE):
            model = self.sourceModel()
            info = model.fileInfo(self.mapToSource(index))
            if index.column() == self.DATE:
                return info.lastModified().toString("dd/MM/yyyy HH:mm")
            if info.isDir():
                return ""
            from desktop.package import size_text

            text = size_text(info.size())
            return text if i18n.get_language() == "vi" else text.replace(",", ".")
        return super().data(index, role)


def file_dialog(parent, title: str, directory: str = "", name_filter: str = ""):
    """Qt's own file dialog (not the system's), in the catalog's words."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, directory, name_filter)
    dialog.setObjectName("hoso_file_dialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setProxyModel(FileListLook(dialog))
    from PySide6.QtWidgets import QHeaderView, QTreeView

    details = dialog.findChild(QTreeView, "treeView")
    if details is not None:  # whole words in the columns ("Tài…PDF", "07/12/…" otherwise)
        header = details.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
    dialog.resize(860, 500)
    return dialog


def open_file_names(parent, title: str, directory: str = "", name_filter: str = "") -> list[str]:
    """Files to open (several may be chosen); [] when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    if native_file_dialogs():
        return QFileDialog.getOpenFileNames(parent, title, directory, name_filter)[0]
    dialog = file_dialog(parent, title, directory, name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return dialog.selectedFiles() if dialog.exec() else []


def existing_directory(parent, title: str, directory: str = "") -> str:
    """A folder; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    if native_file_dialogs():
        return QFileDialog.getExistingDirectory(parent, title, directory)
    dialog = file_dialog(parent, title, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
