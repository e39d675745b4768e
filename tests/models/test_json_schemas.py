"""The committed JSON Schemas match the models, and every pack satisfies its schema."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import tomllib
from pathlib import Path

import pytest

from desktop import schemas
from desktop.models import CampaignPack, Dossier
from desktop.packs import PACK_FILE
from desktop.packs.regimes import complete_from_regime
from desktop.paths import campaigns_dir

TEST_PACKS = Path(__file__).resolve().parents[1] / "packs"
PACK_FILES = sorted(campaigns_dir().glob(f"*/{PACK_FILE}")) + sorted(
    TEST_PACKS.glob(f"*/{PACK_FILE}")
)

# jsonschema is optional: installed system-wide, maybe not in the venv. Without it the packs
# are still checked, through the pydantic model the schema is generated from.
HAS_JSONSCHEMA = importlib.util.find_spec("jsonschema") is not None


def _json_compatible(value):
    """TOML data as JSON would carry it: dates and times become ISO strings."""
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_compatible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_compatible(item) for item in value]
    return value


def _pack_data(path: Path) -> dict:
    with path.open("rb") as fh:
        data = _json_compatible(tomllib.load(fh))
    return json.loads(json.dumps(data))  # only JSON types survive


def _validator(schema: dict):
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("name", sorted(schemas.SCHEMA_MODELS))
def test_committed_schema_is_up_to_date(name):
    path = schemas.schemas_dir() / name
    assert path.is_file(), f"{path} missing: run `python -m desktop.schemas`"
    expected = schemas.rendered_schemas()[name]
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path.name} is out of date with the models: run `python -m desktop.schemas`"
    )


def test_schema_text_format():
    for name, text in schemas.rendered_schemas().items():
        assert text.endswith("}\n"), name
        data = json.loads(text)
        assert data["$schema"] == schemas.JSON_SCHEMA_DIALECT
        assert data["additionalProperties"] is False, name
        assert schemas.render(data) == text  # sorted keys, stable
    pack_text = schemas.rendered_schemas()["campaign-pack.schema.json"]
    assert "Tiêu chuẩn" in pack_text  # Vietnamese kept as is (ensure_ascii=False)


def test_schemas_describe_their_models():
    assert schemas.campaign_pack_schema()["title"] == CampaignPack.__name__
    assert schemas.dossier_schema()["title"] == Dossier.__name__
    assert set(schemas.dossier_schema()["properties"]) == set(Dossier.model_fields)


def test_write_and_check(tmp_path, capsys):
    assert schemas.main(["--check", "--out", str(tmp_path)]) == 1
    assert schemas.main(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schemas.SCHEMA_MODELS)
    assert schemas.main(["--check", "--out", str(tmp_path)]) == 0
    assert schemas.stale_files(tmp_path) == []
    (tmp_path / "dossier.schema.json").write_text("{}\n", encoding="utf-8")
    assert schemas.stale_files(tmp_path) == [tmp_path / "dossier.schema.json"]
    capsys.readouterr()


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.parent.name)
def test_pack_satisfies_the_pack_schema(path):
    data = _pack_data(path)
    completed = json.loads(json.dumps(data))
    complete_from_regime(completed, path)  # what the pack leaves to its regime
    CampaignPack.model_validate(completed)  # the model the schema is generated from
    if HAS_JSONSCHEMA:
        errors = list(_validator(schemas.campaign_pack_schema()).iter_errors(data))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.skipif(not HAS_JSONSCHEMA, reason="jsonschema is not installed in this venv")
def test_pack_schema_rejects_unknown_keys_and_bad_types():
    data = _pack_data(PACK_FILES[0])
    validator = _validator(schemas.campaign_pack_schema())
    assert not list(validator.iter_errors(data))
    assert list(validator.iter_errors({**data, "unexpected": 1}))
    assert list(validator.iter_errors({**data, "quota_rules": [{"id": "x"}]}))


def test_demo_dossiers_satisfy_the_dossier_schema():
    from desktop.demo import demo_dossiers

    schema = schemas.dossier_schema()
    for dossier in demo_dossiers():
        data = json.loads(dossier.model_dump_json())
        assert Dossier.model_validate(data) == dossier
        if HAS_JSONSCHEMA:
            errors = list(_validator(schema).iter_errors(data))
            assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize(
    ("text", "valid"),
    [("08:00:00", True), ("14:30", True), ("08:00:00.5", True), ("08:00:00+07:00", True),
     ("08:00:00Z", True), ("24:00", False), ("8:00", False), ("08:61", False), ("", False)],
)
def test_local_time_pattern_agrees_with_the_model(text, valid):
    """Council times are local: the schema must accept what pydantic accepts and writes."""
    import re

    from pydantic import ValidationError

    from desktop.models import CouncilMeeting

    assert bool(re.match(schemas.LOCAL_TIME_PATTERN, text)) is valid
    try:
        CouncilMeeting(start_time=text)
    except ValidationError:
        assert not valid
    else:
        assert valid
    assert '"format": "time"' not in schemas.rendered_schemas()["dossier.schema.json"]
