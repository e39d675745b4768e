"""Differences between two revisions of a received dossier (so sánh hai lần gửi).

Nominees are matched by id: added, removed, and for the others each changed field by its
path (``nominees[id=n1].birth_year``, ``council.date``) with the old and new value.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.models import Dossier, Finding, nominee_name

_SECTIONS = ("title", "unit", "council", "proposal", "result_report")


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict) and value:
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list) and value and any(isinstance(v, dict | list) for v in value):
        for i, item in enumerate(value):
            _flatten(item, f"{prefix}[{i}]", out)
    else:
        out[prefix] = value


def _flat(model_json: str, prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _flatten(json.loads(model_json), prefix, out)
    return out


def _changes(old: dict[str, Any], new: dict[str, Any], nominee_id: str | None
             ) -> list[dict[str, Any]]:
    out = []
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a != b:
            out.append({"path": path, "old": a, "new": b, "nominee_id": nominee_id})
    return out


def dossier_differences(old: Dossier, new: Dossier) -> dict[str, Any]:
    """What changed from ``old`` to ``new``; an empty dict when nothing did."""
    before = {n.id: n for n in old.nominees}
    after = {n.id: n for n in new.nominees}
    added = [{"id": i, "name": nominee_name(n)} for i, n in after.items() if i not in before]
    removed = [{"id": i, "name": nominee_name(n)} for i, n in before.items() if i not in after]
    fields: list[dict[str, Any]] = []
    for section in _SECTIONS:
        a, b = getattr(old, section), getattr(new, section)
        if a == b:
            continue
        if isinstance(a, str):
            fields.append({"path": section, "old": a, "new": b, "nominee_id": None})
        else:
            fields += _changes(_flat(a.model_dump_json(), section),
                               _flat(b.model_dump_json(), section), None)
    for nominee_id, nominee in after.items():
        earlier = before.get(nominee_id)
        if earlier is None or earlier == nominee:
            continue
        prefix = f"nominees[id={nominee_id}]"
        fields += _changes(_flat(earlier.model_dump_json(), prefix),
                           _flat(nominee.model_dump_json(), prefix), nominee_id)
    if not (added or removed or fields):
        return {}
    return {"nominees_added": added, "nominees_removed": removed, "fields": fields}


def _key(f: Finding) -> tuple:
    return (f.code, f.severity, f.path, f.nominee_id, f.document)


def finding_changes(made: tuple[Finding, ...] | list[Finding] | None,
                    current: tuple[Finding, ...] | list[Finding] | None
                    ) -> tuple[list[Finding], list[Finding]]:
    """Findings the current pack adds and those it no longer makes, compared with the pack
    the package was made with (both empty when either is unknown)."""
    if made is None or current is None:
        return [], []
    before, after = {_key(f) for f in made}, {_key(f) for f in current}
    return ([f for f in current if _key(f) not in before],
            [f for f in made if _key(f) not in after])


def note_changes(differences: dict[str, Any], path: str, nominee_id: str | None
                 ) -> list[dict[str, Any]]:
    """The changed fields a note concerns: its field and what lies under it, or every field
    of its nominee."""
    out = []
    for change in differences.get("fields", ()):
        if path and (change["path"] == path or change["path"].startswith(path + ".")
                     or change["path"].startswith(path + "[")):
            out.append(change)
        elif not path and nominee_id and change.get("nominee_id") == nominee_id:
            out.append(change)
    return out


def describe_path(dossier: Dossier, path: str, lang: str = "vi") -> str:
    """A changed field as a person reads it: “Nông Văn A — Năm sinh của chủ hộ”,
    “Họp Hội đồng — Ngày họp”; the path itself when no label is known."""
    import re

    from desktop.validation.messages import field_label

    which = 0 if lang == "vi" else 1
    match = re.match(r"^nominees\[id=([^\]]+)\]\.([A-Za-z_]+)", path)
    if match:
        nominee = dossier.nominee(match.group(1))
        if nominee is None:
            return path
        label = field_label(str(nominee.kind), match.group(2))[which]
        who = nominee_name(nominee) or nominee.id
        rest = path[match.end():]
        return f"{who} — {label}{rest}" if not label.startswith("field.") else f"{who} — " \
            f"{match.group(2)}{rest}"
    match = re.match(r"^(unit|council|proposal|result_report)\.([A-Za-z_]+)", path)
    if match:
        label = field_label(match.group(1), match.group(2))[which]
        if not label.startswith("field."):
            return label + path[match.end():]
    return path
