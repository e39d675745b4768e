"""Where HoSo finds its resources and keeps the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "HoSo"

#: Environment variables that override the defaults (tests and administrators use them).
ENV_DATA_DIR = "HOSO_DATA_DIR"
ENV_PACKS_PATH = "HOSO_PACKS_PATH"
ENV_CACHE_DIR = "HOSO_CACHE_DIR"  # extra folders with campaign packs, os.pathsep-separated


def resources_dir() -> Path:
    """The ``resources/`` folder: next to the package in a checkout, inside a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def campaigns_dir() -> Path:
    return resources_dir() / "campaigns"


def extra_pack_dirs() -> list[Path]:
    raw = os.environ.get(ENV_PACKS_PATH, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: ``override``, else ``$HOSO_DATA_DIR``, else the platform's."""
    if override:
        return Path(override)
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def installed_packs_dir(data: str | os.PathLike[str] | None = None) -> Path:
    """Campaign packs installed from ``.hosopack`` files: ``<data folder>/packs``."""
    return data_dir(data) / "packs"


def cache_dir() -> Path:
    """Disposable caches (compiled message catalogs): ``$HOSO_CACHE_DIR`` or the platform's."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))
