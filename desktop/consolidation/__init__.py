"""Consolidation and send-back (tổng hợp và trả lại hồ sơ) for any forwarding unit.

A unit that forwards the nominations of the units below it (a district over its communes, a
department over its sub-units, a province board over communes) receives their packages into
an inbox, takes nominees into its own dossier, and returns what needs fixing. Nothing here
names a level: the rules that apply to the combined list are the campaign pack's.

Public API::

    receive_package(store, path, *, packs_dirs=(), today=None) -> Received
    receive_packages(store, paths, …) -> (received, [(path, error)])
    take_nominees(store, dossier_id, [(received_id, nominee_id)]) -> [Taken]
    release_nominees(store, dossier_id, nominee_ids)
    make_return(store, received_id, spec, out_dir, *, reviewer) -> MadeReturn
    apply_return_file(store, path) -> AppliedReturn
    dossier_differences(old, new) / finding_changes(made, current) / note_changes(...)
    export_extras(store, dossier)     # the export's hook: received files, answered notes
"""

from desktop.consolidation.consolidate import (
    Taken,
    parse_take,
    release_nominees,
    take_nominees,
)
from desktop.consolidation.diff import dossier_differences, finding_changes, note_changes
from desktop.consolidation.extras import export_extras, return_answers
from desktop.consolidation.inbox import Received, receive_package, receive_packages, sender_key
from desktop.consolidation.returns import (
    AppliedReturn,
    MadeReturn,
    apply_return_file,
    make_return,
    parse_notes,
    read_notes_file,
    read_return_file,
    return_bytes,
)

__all__ = [
    "AppliedReturn",
    "MadeReturn",
    "Received",
    "Taken",
    "apply_return_file",
    "dossier_differences",
    "export_extras",
    "finding_changes",
    "make_return",
    "note_changes",
    "parse_notes",
    "parse_take",
    "read_notes_file",
    "read_return_file",
    "receive_package",
    "receive_packages",
    "release_nominees",
    "return_answers",
    "return_bytes",
    "sender_key",
    "take_nominees",
]
