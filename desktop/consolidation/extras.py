"""What a package carries beyond its own documents (the export's consolidation hook).

* A consolidated dossier: for each received package its taken nominees came from, the
  files those nominees need from it (their achievement report or summary and every signed
  copy that names them) as members ``NguonNN_<file>``, and a ``sources`` entry in the
  manifest: the package's SHA-256 as received, its unit and dossier revision, the taken
  nominees and the members copied from it.
* A dossier the forwarding unit returned: ``return-answers.json``, the notes of the last
  return opened on it, each with whether it was marked done and the secretary's answer.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.errors import UserError
from desktop.models import Dossier
from desktop.models.consolidation import AnsweredNote, ReturnAnswers

if TYPE_CHECKING:
    from desktop.store import Store

_MAX_MEMBER = 100


@dataclass(frozen=True)
class Extras:
    members: list[Any] = field(default_factory=list)  # desktop.package.export.Member
    sources: tuple[Any, ...] = ()  # desktop.package.manifest.SourcePackage


def _source_name(index: int, path: str) -> str:
    name = f"Nguon{index:02d}_{path}"
    if len(name) <= _MAX_MEMBER:
        return name
    stem, dot, ext = name.rpartition(".")
    return stem[:_MAX_MEMBER - len(ext) - 1] + dot + ext


def nominee_files(received: Dossier, manifest: dict[str, Any], nominee_ids: Sequence[str],
                  store: Store) -> list[dict[str, Any]]:
    """The manifest entries of a received package that concern ``nominee_ids``: the PDF
    of each per-nominee document, the signed copies naming them, and the signed copies of
    the sending unit's own documents (its tờ trình, its council's minutes), which show the
    nominees went through its council."""
    from desktop.documents import build_documents

    wanted = set(nominee_ids)
    pack = store.campaign_pack(received.pack)
    stems: set[str] = set()
    if pack is not None:
        for document in build_documents(received, pack):
            spec = next((s for s in pack.documents if s.id == document.doc_id), None)
            if spec is not None and spec.per_nominee and set(document.nominee_ids) & wanted:
                stems.add(document.file_stem)
    out = []
    for entry in manifest.get("files", ()):
        signed = entry.get("signed_copy")
        if signed is not None:
            if signed.get("nominee_id") in wanted or signed.get("nominee_id") is None:
                out.append(entry)
        elif entry["path"].endswith(".pdf") and entry["path"][:-4] in stems:
            out.append(entry)
    return out


def export_extras(store: Store, dossier: Dossier) -> Extras:
    """The extra members and manifest sources of ``dossier``'s package (see the module)."""
    from desktop.package.export import Member
    from desktop.package.manifest import JSON_TYPE, SourcePackage

    members: list[Member] = []
    groups: dict[tuple[int, int], list[Any]] = {}
    for nominee in dossier.nominees:
        origin = nominee.origin
        if origin is None:
            continue
        # found by the package's SHA-256: the ids of another store's inbox mean nothing here
        where = store.has_received_package(origin.package_sha256)
        if where is None:
            raise UserError("consolidation.source_missing", unit=origin.unit_name,
                            package=origin.package_name or origin.package_sha256[:12])
        groups.setdefault(where, []).append(nominee)
    sources = []
    for index, ((received_id, revision), nominees) in enumerate(sorted(groups.items()), 1):
        rev = store.received_revision(received_id, revision)
        data = store.received_package(received_id, revision)
        wanted = [n.origin.nominee_id for n in nominees]
        entries = nominee_files(rev.dossier, rev.manifest, wanted, store)
        copied = []
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for entry in entries:
                name = _source_name(index, entry["path"])
                title = f"{entry['title_vi']} ({rev.unit_name})"
                members.append(Member(name, zf.read(entry["path"]), title, "source_file",
                                      entry.get("media_type") or "application/pdf"))
                copied.append(name)
        sources.append(SourcePackage(
            package_sha256=rev.package_sha256, package_name=rev.package_name,
            unit_name=rev.unit_name, dossier_id=rev.dossier.id,
            revision=rev.dossier.revision, nominee_ids=tuple(n.id for n in nominees),
            files=tuple(copied)))
    answers = return_answers(store, dossier.id)
    if answers is not None:
        from desktop.consolidation.inbox import ANSWERS_KIND, ANSWERS_NAME
        from desktop.i18n import t

        text = json.dumps(answers.model_dump(mode="json"), ensure_ascii=False, indent=2)
        members.append(Member(ANSWERS_NAME, (text + "\n").encode("utf-8"),
                              t("returns.package_title", "vi"), ANSWERS_KIND, JSON_TYPE))
    return Extras(members, tuple(sources))


def return_answers(store: Store, dossier_id: str) -> ReturnAnswers | None:
    """The notes of the last return opened on the dossier, as its next package carries
    them (None when no return was opened)."""
    latest = store.latest_opened_return(dossier_id)
    if latest is None:
        return None
    return_file, sha = latest
    notes = [n for n in store.opened_notes(dossier_id) if n.return_id == return_file.id]
    return ReturnAnswers(
        return_id=return_file.id, return_sha256=sha, from_unit=return_file.from_unit,
        notes=tuple(AnsweredNote(
            id=n.note.id, text=n.note.text, path=n.note.path, nominee_id=n.note.nominee_id,
            document=n.note.document, done=n.done,
            done_at=dt.datetime.fromisoformat(n.done_at) if n.done_at else None,
            answer=n.answer) for n in notes))
