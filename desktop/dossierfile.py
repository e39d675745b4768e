"""Dossier files (``*.json``): the exchange format of ``hoso demo``/``validate`` and packages.

A dossier file is the JSON form of :class:`desktop.models.Dossier` with a ``schema_version``;
its JSON Schema is ``resources/schemas/dossier.schema.json``. Reading is split in two: this
module turns bytes into a dict and refuses what is not a dossier file at all (missing file,
malformed JSON, wrong schema version, no pack reference) with a :class:`UserError`;
field-level problems are left to ``desktop.validation.parse_dossier`` so that they reach the
user as findings naming each field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.fsutil import JsonRefused, loads_bounded, read_limited, write_atomic
from desktop.models import DOSSIER_SCHEMA_VERSION, Dossier


def read_dossier_data(path: Path | str) -> dict[str, Any]:
    """The parsed JSON of a dossier file, checked for format version and pack reference."""
    path = Path(path)
    raw = read_limited(path)  # a regular file of bounded size (no device, no FIFO)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError("file.not_utf8", file=str(path)) from exc
    try:
        data = loads_bounded(text)
    except json.JSONDecodeError as exc:
        raise UserError("file.bad_json", file=str(path), line=exc.lineno, column=exc.colno) from exc
    except JsonRefused as exc:
        raise UserError(exc.key, file=str(path), **exc.params) from exc
    if not isinstance(data, dict):
        raise UserError("dossier.not_object", file=str(path))
    version = data.get("schema_version")
    if version != DOSSIER_SCHEMA_VERSION:
        raise UserError("dossier.schema_version", file=str(path),
                        found="—" if version is None else version,
                        supported=DOSSIER_SCHEMA_VERSION)
    pack = data.get("pack")
    if not (isinstance(pack, dict) and isinstance(pack.get("id"), str)
            and isinstance(pack.get("version"), str)):
        raise UserError("dossier.no_pack", file=str(path))
    return data


def dossier_json(dossier: Dossier) -> str:
    """Canonical JSON text of a dossier: UTF-8, indented, fields in model order."""
    return dossier.model_dump_json(indent=2) + "\n"


def write_dossier_file(dossier: Dossier, path: Path | str) -> Path:
    """Write atomically (see :func:`desktop.fsutil.write_atomic`)."""
    return write_atomic(path, dossier_json(dossier).encode("utf-8"))
