"""Fixtures of the package tests: one export per session, copied where a test changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from documents.support import cao_bang, demos, sonlam, sonlam_dossier

from desktop.package import export_package

from .support import CREATED, SONLAM_CREATED, TEST_PACKS


@pytest.fixture(scope="session")
def exported(tmp_path_factory):
    """The commune demo exported once (ExportResult)."""
    out = tmp_path_factory.mktemp("exported")
    return export_package(demos()["demo-xa-bach-dang"], cao_bang(), out, created_at=CREATED)


@pytest.fixture
def package(exported, tmp_path) -> Path:
    """A private copy of the exported package."""
    target = tmp_path / exported.path.name
    shutil.copyfile(exported.path, target)
    return target


@pytest.fixture(scope="session")
def sonlam_exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("sonlam")
    return export_package(sonlam_dossier(), sonlam(), out, created_at=SONLAM_CREATED,
                          packs_dirs=[TEST_PACKS])
