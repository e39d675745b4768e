"""The store's bulk add/remove of nominees (one transaction: the sheet import and its undo)."""

from __future__ import annotations

from desktop.demo import demo_dossiers
from desktop.models import Resident
from desktop.store import Store


def test_add_and_remove_many_nominees(tmp_path):
    dossier = demo_dossiers()[0]
    new = [Resident(id=f"resident-x{i}", full_name=f"Người dân {i}") for i in range(50)]
    with Store(tmp_path / "h.db", daily_backup=False) as store:
        store.create_dossier(dossier)
        store.add_nominees(dossier.id, new)
        got = store.get_dossier(dossier.id)
        assert got.nominees == (*dossier.nominees, *new)  # appended, in order
        audit = store.audit_log(dossier.id)
        assert [e.path for e in audit[-50:]] == [f"nominees[id={n.id}]" for n in new]
        store.remove_nominees(dossier.id, [n.id for n in new])
        assert store.get_dossier(dossier.id).nominees == dossier.nominees
