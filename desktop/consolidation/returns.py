"""Send-back (trả lại hồ sơ): notes on a received dossier, the return file and its slip.

The reviewer's notes come from the window or a notes file (JSON)::

    {"decision": "returned",               # accepted | returned | rejected
     "reason": "…",                        # required for rejected
     "number": "15", "signer_name": "…", "signer_title": "…", "place": "…",
     "notes": [
        {"path": "nominees[id=n1].birth_year", "text": "Năm sinh không khớp với báo cáo"},
        {"nominee_id": "n2", "text": "…"},
        {"document": "council_minutes", "text": "Thiếu bản ký của biên bản"},
        {"text": "…"}]}

:func:`make_return` checks every note against the received dossier (the field, nominee or
document must exist), writes the return file (small canonical JSON; :func:`return_bytes` is
what a signature will cover once issue L lands) and the printable slip, and records both.
:func:`apply_return_file` opens a return file on the sending unit's side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from desktop.errors import UserError
from desktop.models import Dossier, Unit, nominee_name
from desktop.models.consolidation import (
    NoteTarget,
    ReturnDecision,
    ReturnFile,
    ReviewNote,
)

if TYPE_CHECKING:
    from desktop.store import Store

_INDEX_PATH = re.compile(r"^nominees\[(\d+)\](.*)$")
_ID_PATH = re.compile(r"^nominees\[id=([^\]]+)\](.*)$")


SIGNATURE_SUFFIX = ".p7s"  # TraLai_….json.p7s: CMS signature of the return file's bytes


@dataclass(frozen=True)
class MadeReturn:
    return_file: ReturnFile
    json_path: Path
    pdf_path: Path | None
    sha256: str
    signature_path: Path | None = None


@dataclass(frozen=True)
class AppliedReturn:
    return_file: ReturnFile
    sha256: str
    matches_export: bool  # the package it answers is one this dossier exported
    signed_by: str = ""  # the signer of a signed return file ("" when not signed)
    trusted: bool = False


def return_bytes(return_file: ReturnFile) -> bytes:
    """The canonical bytes of a return file: UTF-8 JSON, indented, fields in model order.
    A signature (``….json.p7s``, desktop.signing) covers exactly these bytes."""
    return (json.dumps(return_file.model_dump(mode="json"), ensure_ascii=False, indent=2)
            + "\n").encode("utf-8")


def _field_exists(dossier: Dossier, path: str) -> bool:
    data: Any = json.loads(dossier.model_dump_json())
    tokens = re.findall(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]", path)
    for name, index in tokens:
        if name:
            if not isinstance(data, dict) or name not in data:
                return False
            data = data[name]
        elif index.startswith("id="):
            if not isinstance(data, list):
                return False
            data = next((x for x in data if isinstance(x, dict) and x.get("id") == index[3:]),
                        None)
            if data is None:
                return False
        elif isinstance(data, list) and index.isdigit() and int(index) < len(data):
            data = data[int(index)]
        elif isinstance(data, dict) and index in data:
            data = data[index]
        else:
            return False
    return bool(tokens)


def _label(dossier: Dossier, note: ReviewNote, documents: dict[str, str]) -> str:
    """What the slip prints in the "where" column: the nominee's name and the field."""
    from desktop.validation.messages import field_label

    nominee = dossier.nominee(note.nominee_id) if note.nominee_id else None
    who = nominee_name(nominee) if nominee is not None else ""
    if note.target == NoteTarget.FIELD and note.path:
        leaf = re.split(r"[.\[]", note.path.rsplit(".", 1)[-1])[0]
        model = str(nominee.kind) if nominee is not None else note.path.split(".")[0]
        vi = field_label(model, leaf)[0]
        if vi.startswith("field."):
            vi = leaf
        return f"{who}: {vi}" if who else vi
    if note.target == NoteTarget.DOCUMENT and note.document:
        title = documents.get(note.document, note.document)
        return f"{title}{' — ' + who if who else ''}"
    return who


def parse_notes(raw: Any, dossier: Dossier, documents: dict[str, str]) -> list[ReviewNote]:
    """Notes of a notes file checked against the received dossier (``documents``: the
    pack's document ids and titles); a bad one raises a :class:`UserError` naming it
    (``notes[2].path``)."""
    document_ids = set(documents)
    if not isinstance(raw, list):
        raise UserError("returns.bad_notes_field", field="notes")
    out = []
    for i, item in enumerate(raw):
        where = f"notes[{i}]"
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            raise UserError("returns.note_no_text", field=f"{where}.text")
        path = str(item.get("path") or "").strip()
        nominee_id = item.get("nominee_id")
        document = item.get("document")
        match = _INDEX_PATH.match(path)
        if match:  # by index as in Finding.path: keep it by id, which survives re-ordering
            index = int(match.group(1))
            if index >= len(dossier.nominees):
                raise UserError("returns.note_bad_path", field=f"{where}.path", path=path)
            nominee_id = dossier.nominees[index].id
            path = f"nominees[id={nominee_id}]{match.group(2)}"
        match = _ID_PATH.match(path)
        if match:
            nominee_id = match.group(1)
        if path and not _field_exists(dossier, path):
            raise UserError("returns.note_bad_path", field=f"{where}.path", path=path)
        if nominee_id is not None and dossier.nominee(str(nominee_id)) is None:
            raise UserError("returns.note_bad_nominee", field=f"{where}.nominee_id",
                            nominee_id=nominee_id)
        if document is not None and str(document) not in document_ids:
            raise UserError("returns.note_bad_document", field=f"{where}.document",
                            document=document, known=", ".join(sorted(document_ids)))
        target = (NoteTarget.FIELD if path else NoteTarget.DOCUMENT if document
                  else NoteTarget.NOMINEE if nominee_id else NoteTarget.DOSSIER)
        try:
            note = ReviewNote(id=str(item.get("id") or f"n{i + 1}"), target=target, path=path,
                              nominee_id=nominee_id, document=document, text=item["text"])
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            raise UserError("returns.bad_notes_field",
                            field=f"{where}.{err['loc'][0] if err['loc'] else 'id'}") from exc
        out.append(note.model_copy(update={"label": _label(dossier, note, documents)}))
    return out


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file raises a :class:`UserError` naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError("file.not_found", file=str(path)) from exc
    except OSError as exc:
        raise UserError("file.unreadable", file=str(path),
                        reason=exc.strerror or str(exc)) from exc


def read_notes_file(path: Path | str) -> dict[str, Any]:
    """The notes file (JSON object) of ``hoso return --notes``."""
    path = Path(path)
    try:
        text = _read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError("file.not_utf8", file=str(path)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError("file.bad_json", file=str(path), line=exc.lineno,
                        column=exc.colno) from exc
    if isinstance(data, list):
        data = {"notes": data}
    if not isinstance(data, dict):
        raise UserError("returns.bad_notes_field", field="notes")
    return data


def make_return(store: Store, received_id: int, spec: dict[str, Any], out_dir: Path | str, *,
                reviewer: Unit, revision: int | None = None, pdf: bool = True,
                now: dt.datetime | None = None, signing: Any = None) -> MadeReturn:
    """Check the notes (``spec`` as in the module docstring; unsent notes already stored on
    the revision join them), write ``<stem>.json`` and the slip ``<stem>.pdf`` into
    ``out_dir`` and record the return. With ``signing`` (an unlocked identity of
    :mod:`desktop.signing`), ``<stem>.json.p7s`` is the CMS signature of the file's bytes."""
    from desktop.fsutil import write_atomic
    from desktop.package.export import unit_stem
    from desktop.package.manifest import vietnam_time

    rev = store.received_revision(received_id, revision)
    pack = store.campaign_pack(rev.dossier.pack)
    documents = {d.id: d.title for d in pack.documents} if pack is not None else {}
    try:
        decision = ReturnDecision(spec.get("decision", "returned"))
    except ValueError as exc:
        raise UserError("returns.bad_decision", field="decision",
                        value=spec.get("decision")) from exc
    reason = str(spec.get("reason") or "").strip()
    if decision == ReturnDecision.REJECTED and not reason:
        raise UserError("returns.reason_required", field="reason")
    notes = parse_notes(spec.get("notes", []), rev.dossier, documents)
    given = {n.id for n in notes}
    stored = [s.note for s in store.review_notes(received_id, rev.revision, unsent_only=True)
              if s.note.id not in given]
    notes = stored + notes
    if decision == ReturnDecision.RETURNED and not notes:
        raise UserError("returns.notes_required", field="notes")
    count = len(store.returns_for(received_id)) + 1
    made = vietnam_time(now)
    try:
        return_file = ReturnFile(
            id=f"r{received_id}.{rev.revision}.{count}", from_unit=reviewer.name or "—",
            to_unit=rev.unit_name, dossier_id=rev.dossier.id, revision=rev.dossier.revision,
            package_sha256=rev.package_sha256, pack_id=rev.dossier.pack.id,
            decision=decision, reason=reason, number=str(spec.get("number") or ""),
            signer_name=str(spec.get("signer_name") or ""),
            signer_title=str(spec.get("signer_title") or ""),
            place=str(spec.get("place") or reviewer.locality or ""), date=made.date(),
            created_at=made, notes=tuple(notes))
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise UserError("returns.bad_notes_field",
                        field=".".join(str(p) for p in err["loc"])) from exc
    data = return_bytes(return_file)
    sha = hashlib.sha256(data).hexdigest()
    out = Path(out_dir)
    stem = f"TraLai_{unit_stem(rev.unit_name)}_r{rev.revision}_{count}"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("package.cannot_write", folder=str(out),
                        reason=exc.strerror or str(exc)) from exc
    json_path = write_atomic(out / f"{stem}.json", data)
    signature_path = None
    if signing is not None:
        from desktop.signing import sign_manifest

        signature_path = write_atomic(out / f"{stem}.json{SIGNATURE_SUFFIX}",
                                      sign_manifest(data, signing))
    pdf_path = None
    if pdf and pack is not None:
        from desktop.documents.return_slip import render_return_slip

        slip = render_return_slip(return_file, pack, reviewer, package_name=rev.package_name,
                                  received_revision=rev.revision)
        pdf_path = write_atomic(out / f"{stem}.pdf", slip.data)
    store.record_return(received_id, rev.revision, return_file, sha)
    return MadeReturn(return_file, json_path, pdf_path, sha, signature_path)


def read_return_file(path: Path | str) -> tuple[ReturnFile, str]:
    """A return file and the SHA-256 of its bytes; a file that is not one raises a
    :class:`UserError` naming the field."""
    path = Path(path)
    data = _read_bytes(path)
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError("returns.not_return_file", file=str(path)) from exc
    if not isinstance(raw, dict) or raw.get("format") != "hoso-return":
        raise UserError("returns.not_return_file", file=str(path))
    try:
        return_file = ReturnFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise UserError("returns.bad_return_field", file=str(path),
                        field=".".join(str(p) for p in err["loc"]) or "-") from exc
    return return_file, hashlib.sha256(data).hexdigest()


def check_return_signature(path: Path, trust_files: tuple[str, ...] = ()
                           ) -> tuple[str, bool]:
    """(signer, trusted) of ``<path>.p7s`` over the return file's bytes; ("", False) when
    there is none. A signature that does not cover these bytes raises :class:`UserError`."""
    signature = path.with_name(path.name + SIGNATURE_SUFFIX)
    if not signature.is_file():
        return "", False
    from desktop.signing.package import SignatureReport, _check_cms
    from desktop.signing.trust import trust_roots

    report = SignatureReport()
    signed = _check_cms(signature.read_bytes(), report, trust_roots(trust_files))
    if signed is None or signed != path.read_bytes():
        raise UserError("returns.bad_signature", file=str(path), signature=signature.name)
    return (report.signer.display_name if report.signer else ""), bool(report.trusted)


def apply_return_file(store: Store, path: Path | str, *, trust_files: tuple[str, ...] = ()
                      ) -> AppliedReturn:
    """Open a return file on the dossier it names (see :meth:`Store.apply_return`); a
    signature beside it (``….json.p7s``) must cover its bytes."""
    return_file, sha = read_return_file(path)
    signer, trusted = check_return_signature(Path(path), tuple(trust_files))
    if not store.has_dossier(return_file.dossier_id):
        raise UserError("returns.dossier_missing", dossier_id=return_file.dossier_id,
                        unit=return_file.to_unit)
    store.apply_return(return_file, sha)
    exported = {info.package_sha256 for info in store.list_revisions(return_file.dossier_id)}
    return AppliedReturn(return_file, sha, return_file.package_sha256 in exported, signer,
                         trusted)
