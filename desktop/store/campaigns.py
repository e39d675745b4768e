"""Campaign packs recorded in the store (đợt thi đua): each (id, version) a dossier was made
with keeps its JSON so its rules stay readable after the pack is upgraded or removed."""

from __future__ import annotations

import sqlite3

from desktop.errors import PackError
from desktop.models import CampaignPack, PackRef
from desktop.store.core import StoreBase


class CampaignsMixin(StoreBase):
    """Record and read the packs dossiers were made with."""

    def _pack_sha(self, pack: CampaignPack) -> str | None:
        from desktop.packs import find_pack, load_pack_file

        try:
            info = find_pack(pack.id, pack.version, self.packs_dirs)
        except PackError:
            return None
        return info.sha256 if load_pack_file(info.path) == pack else None

    def _record_campaign(self, conn: sqlite3.Connection, ref: PackRef,
                         pack: CampaignPack | None, now: str) -> None:
        row = conn.execute("SELECT pack_json FROM campaigns WHERE pack_id=? AND pack_version=?",
                           (ref.id, ref.version)).fetchone()
        if row is not None and row[0] is not None:
            return
        if pack is None:
            pack = self._installed_pack(ref)
        values = (pack.model_dump_json() if pack else None,
                  self._pack_sha(pack) if pack else None, pack.title if pack else "")
        if row is None:
            conn.execute("INSERT INTO campaigns (pack_id, pack_version, pack_json, pack_sha256, "
                         "title, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (ref.id, ref.version, *values, now))
        elif pack is not None:
            conn.execute("UPDATE campaigns SET pack_json=?, pack_sha256=?, title=? "
                         "WHERE pack_id=? AND pack_version=?", (*values, ref.id, ref.version))

    def _installed_pack(self, ref: PackRef) -> CampaignPack | None:
        from desktop.packs import load_pack

        try:
            return load_pack(ref.id, ref.version, self.packs_dirs)
        except PackError:
            return None

    def campaign_pack(self, ref: PackRef) -> CampaignPack | None:
        """The pack a dossier was made with: installed, else the store's JSON snapshot."""
        pack = self._installed_pack(ref)
        if pack is not None:
            return pack
        rows = self._query("SELECT pack_json FROM campaigns WHERE pack_id=? AND pack_version=?",
                           (ref.id, ref.version))
        if rows and rows[0][0]:
            return CampaignPack.model_validate_json(rows[0][0])
        return None

    def record_campaign(self, pack: CampaignPack) -> None:
        """Keep a pack's JSON (once per id and version), e.g. the pack a received package
        was made with, so its rules stay readable after it is uninstalled."""
        if self._query("SELECT 1 FROM campaigns WHERE pack_id=? AND pack_version=? AND "
                       "pack_json IS NOT NULL", (pack.id, pack.version)):
            return  # kept already: no write (each write is an fsync)
        with self._write() as conn:
            self._record_campaign(conn, PackRef(id=pack.id, version=pack.version), pack,
                                  self._now())

    def list_campaigns(self) -> list[tuple[PackRef, str, str | None]]:
        """Recorded campaigns: (pack ref, title, pack sha256)."""
        rows = self._query("SELECT pack_id, pack_version, title, pack_sha256 FROM campaigns "
                           "ORDER BY pack_id, pack_version")
        return [(PackRef(id=r[0], version=r[1]), r[2], r[3]) for r in rows]
