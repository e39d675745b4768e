"""Shared pytest set-up for HoSo's tests."""

import os

# Before anything imports Qt: tests never need a display (the GUI tests run offscreen).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def hoso_data_dir(tmp_path, monkeypatch):
    """Point HoSo's user data folder (and the XDG folders) at this test's tmp_path.

    No test reads or writes the real user's data. The folder itself is not created:
    the app must create it, as it must for a new user. Request this fixture by name to
    get the path.
    """
    data_dir = tmp_path / "hoso-data"
    monkeypatch.setenv("HOSO_DATA_DIR", str(data_dir))
    # platformdirs and QSettings/QStandardPaths read these on Linux.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return data_dir
