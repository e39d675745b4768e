"""Message catalogs: every sentence a user reads, in Vietnamese (default) and English.

Catalogs are TOML files in ``resources/i18n/``; each table is one message key with a ``vi``
and an ``en`` text (``hint_vi``/``hint_en`` optional), formatted with ``str.format`` fields.
Code refers to messages by key only, so wording can be corrected without touching code.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.paths import cache_dir, resources_dir
from desktop.textutil import nfc

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_current = DEFAULT_LANGUAGE


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All message tables of ``resources/i18n/*.toml``, merged; a key defined twice fails.

    Parsing the TOML sources takes ~70 ms at every start (tomllib is pure Python), so the
    merged catalog is kept as JSON in the cache folder, keyed by the sources' names, sizes
    and modification times; a missing or unwritable cache only costs the parse.
    """
    paths = sorted((resources_dir() / "i18n").glob("*.toml"))
    # a checksum of the sources' names, sizes and times (zlib: hashlib would load OpenSSL,
    # ~4 ms of every start)
    key = repr([(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths]).encode()
    stamp = f"{zlib.crc32(key):08x}{len(key):x}"
    cached = cache_dir() / f"i18n-{stamp}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    merged = _parse(paths)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cached)
        for old in cached.parent.glob("i18n-*.json"):
            if old != cached:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return merged


def _parse(paths: list[Path]) -> dict[str, dict[str, str]]:
    import tomllib  # only when the cached catalog is stale (~15 ms of imports otherwise)

    merged: dict[str, dict[str, str]] = {}
    for path in paths:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for key, entry in _flatten(data):
            if key in merged:
                raise ValueError(f"{path.name}: message {key!r} is defined twice")
            merged[key] = {k: nfc(v) for k, v in entry.items()}
    return merged


def _flatten(data: dict[str, Any], prefix: str = ""):
    """Tables with a ``vi`` entry are messages; other tables are namespaces."""
    for name, value in data.items():
        if not isinstance(value, dict):
            continue
        key = f"{prefix}{name}"
        if "vi" in value:
            yield key, value
        else:
            yield from _flatten(value, key + ".")


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang


def get_language() -> str:
    return _current


def has(key: str) -> bool:
    return key in catalog()


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message ``key`` in ``lang`` (default: the current language), formatted."""
    return _text(key, lang or _current, "", params)


def hint(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The fix hint of message ``key``, or "" when it has none."""
    return _text(key, lang or _current, "hint_", params)


def _text(key: str, lang: str, field_prefix: str, params: dict[str, Any]) -> str:
    entry = catalog().get(key)
    if entry is None:
        if field_prefix:
            return ""
        raise KeyError(f"no message {key!r} in resources/i18n")
    template = entry.get(field_prefix + lang) or entry.get(field_prefix + DEFAULT_LANGUAGE, "")
    return nfc(template.format_map(_Missing(params)))
