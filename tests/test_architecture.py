"""Architecture checks: the import contracts in pyproject.toml (guide 3.5) hold."""

import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Each forbidden contract below must list every top-level module of desktop except its owner.
OWNERS = {
    "Qt only in desktop.ui": "desktop.ui",
    "SQLite only in desktop.store": "desktop.store",
    "reportlab/python-docx only in desktop.documents": "desktop.documents",
}


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _top_level_modules() -> set[str]:
    """desktop's direct submodules and subpackages, except the `python -m desktop` shim."""
    return {
        f"desktop.{info.name}"
        for info in pkgutil.iter_modules([str(ROOT / "desktop")])
        if info.name != "__main__"
    }


def test_import_contracts_hold():
    """`lint-imports` (from this venv) keeps every contract."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, (
        f"lint-imports not found next to {sys.executable}; run `make test` "
        "(or pip install -e '.[dev]')"
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [lint_imports],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
        check=False,
    )
    output = f"{result.stdout}\n{result.stderr}".strip()
    print(output)
    if result.returncode != 0:
        pytest.fail(f"lint-imports exited {result.returncode}:\n{output}", pytrace=False)


@pytest.mark.parametrize("name", sorted(OWNERS))
def test_contract_lists_every_top_level_module(name):
    """A new module under desktop/ must be added to the contracts' source lists."""
    listed = set(_contracts()[name]["source_modules"])
    expected = _top_level_modules() - {OWNERS[name]}
    if listed != expected:
        pytest.fail(
            f"[tool.importlinter] contract {name!r} in pyproject.toml: "
            f"modules under desktop/ missing from source_modules: {sorted(expected - listed)}; "
            f"listed but not found under desktop/: {sorted(listed - expected)}",
            pytrace=False,
        )
