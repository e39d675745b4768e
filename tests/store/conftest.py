"""Store test fixtures: a template database built once per session, copied per test."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desktop.demo import demo_dossiers
from desktop.store import Store


class Clock:
    """A settable clock for backup names, daily backups and retention."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2023, 7, 3, 10, 15, 0))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A store holding the three demo dossiers (Anki's trick: build once, copy per test)."""
    path = tmp_path_factory.mktemp("template") / "hoso.db"
    with Store(path, daily_backup=False) as store:
        for dossier in demo_dossiers():
            store.create_dossier(dossier)
    return path


@pytest.fixture
def demo_db(template_db, tmp_path) -> Path:
    """A fresh copy of the template in this test's own data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(template_db, folder / "hoso.db")
    return folder / "hoso.db"


@pytest.fixture
def store(demo_db, clock):
    with Store(demo_db, clock=clock) as opened:
        yield opened
