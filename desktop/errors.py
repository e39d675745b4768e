"""Errors a person can act on carry a message key; everything else is a bug."""

from __future__ import annotations

from typing import Any

from desktop import i18n


class HosoError(Exception):
    """Base of HoSo's own errors. ``key`` names a message in ``resources/i18n``."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(f"{key}: {params}")

    def message(self, lang: str | None = None) -> str:
        return i18n.t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class UserError(HosoError):
    """Bad input from the user: a missing file, malformed JSON, a wrong schema version."""


class PackError(HosoError):
    """A campaign pack cannot be found or does not follow the pack schema."""
