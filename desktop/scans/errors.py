"""Errors of the signed copies: each names the file it concerns, in Vietnamese by default."""

from __future__ import annotations

from desktop.errors import UserError


class ScanInputError(UserError):
    """A source file that is not a readable PDF or image (nothing was changed)."""


class CopyTooLarge(UserError):
    """The signed copy is over the portal's per-file limit, even after compression."""
