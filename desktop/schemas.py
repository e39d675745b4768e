"""JSON Schemas of the campaign pack (gói đợt thi đua) and of dossier files (hồ sơ).

Pack authors point their editor at ``resources/schemas/campaign-pack.schema.json`` to get
completion and checks while writing ``pack.toml`` (through a TOML language server) or JSON;
other tools read dossier files with ``resources/schemas/dossier.schema.json``. Both are
generated from the pydantic models, which stay the single source of truth:

    python -m desktop.schemas            # rewrite both files
    python -m desktop.schemas --check    # exit 1 if a file is out of date

A test regenerates them in memory and compares, so a model change without a regenerated
schema fails the suite.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from desktop.models import CampaignPack, Dossier
from desktop.models.campaign import Regime
from desktop.paths import resources_dir

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: File name in ``resources/schemas/`` → the model it describes.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "campaign-pack.schema.json": CampaignPack,
    "dossier.schema.json": Dossier,
    "regime.schema.json": Regime,
}


def schemas_dir() -> Path:
    return resources_dir() / "schemas"


#: A local time of day as pydantic writes and reads it ("08:00:00", "14:30"). JSON Schema's
#: ``"format": "time"`` means RFC 3339 *full-time*, which requires a UTC offset: strict
#: validators (jsonschema with its format checker) would refuse every dossier HoSo writes.
LOCAL_TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$"


def _local_times(node: Any) -> Any:
    """Replace ``"format": "time"`` by :data:`LOCAL_TIME_PATTERN` everywhere in a schema."""
    if isinstance(node, list):
        return [_local_times(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _local_times(value) for key, value in node.items()}
    if out.get("format") == "time" and out.get("type") == "string":
        del out["format"]
        out["pattern"] = LOCAL_TIME_PATTERN
    return out


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of ``model`` for input (``mode="validation"``), with its dialect."""
    schema = _local_times(model.model_json_schema(mode="validation"))
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def campaign_pack_schema() -> dict[str, Any]:
    """JSON Schema of :class:`CampaignPack`, the content of a ``pack.toml``."""
    return model_schema(CampaignPack)


def regime_schema() -> dict[str, Any]:
    """JSON Schema of :class:`Regime`, the content of a ``resources/regimes/*.toml``."""
    return model_schema(Regime)


def dossier_schema() -> dict[str, Any]:
    """JSON Schema of :class:`Dossier`, the content of a dossier ``*.json`` file."""
    return model_schema(Dossier)


def render(schema: dict[str, Any]) -> str:
    """The committed text form: indented, sorted keys, UTF-8 as is, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def rendered_schemas() -> dict[str, str]:
    """File name → the text that file must hold."""
    makers: dict[str, Callable[[], dict[str, Any]]] = {
        "campaign-pack.schema.json": campaign_pack_schema,
        "dossier.schema.json": dossier_schema,
        "regime.schema.json": regime_schema,
    }
    assert makers.keys() == SCHEMA_MODELS.keys()
    return {name: render(make()) for name, make in makers.items()}


def stale_files(folder: Path | None = None) -> list[Path]:
    """The schema files in ``folder`` that are missing or differ from the models."""
    folder = folder or schemas_dir()
    stale = []
    for name, text in rendered_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
    return stale


def write_schemas(folder: Path | None = None) -> list[Path]:
    """(Re)write every schema file into ``folder``; returns the paths written."""
    folder = folder or schemas_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.schemas", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a schema file is out of date")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder to write to (default: resources/schemas)")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.out)
        for path in stale:
            print(f"out of date: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
