"""The dossier's lifecycle (vòng đời): validate (freeze a draft with zero errors), record
the exported package, and re-check drafts against a newer version of their pack."""

from __future__ import annotations

import datetime as dt
import re

from desktop.errors import PackError, UserError
from desktop.models import CampaignPack, DossierState, Finding, PackRef
from desktop.store.dossiers import _FINDINGS, DossiersMixin
from desktop.store.errors import DossierHasErrorsError, DossierNotFoundError, LifecycleError
from desktop.store.packdiff import diff_packs
from desktop.store.results import (
    ChangeSet,
    DossierPackReport,
    PackRevalidationReport,
    ValidationRecord,
)


class LifecycleMixin(DossiersMixin):
    """Validate, mark exported, move to / re-check against another pack version."""

    # ------------------------------------------------------------------ lifecycle

    def _pack_for(self, ref: PackRef, pack: CampaignPack | None) -> CampaignPack:
        if pack is not None:
            return pack
        found = self.campaign_pack(ref)
        if found is None:
            from desktop.packs import find_pack

            find_pack(ref.id, ref.version, self.packs_dirs)  # raises the Vietnamese PackError
            raise PackError("pack.version_not_found", pack_id=ref.id, version=ref.version,
                            available="—")
        return found

    def validate(self, dossier_id: str, pack: CampaignPack | None = None, *,
                 today: dt.date | None = None) -> ValidationRecord:
        """Check the current draft; with zero errors freeze it as ``validated``.

        The frozen snapshot (full dossier JSON), the pack id, version and SHA-256 and the
        findings are stored. With errors nothing changes and :class:`DossierHasErrorsError`
        carries them. A validated or exported revision returns its stored findings.
        """
        from desktop.validation import validate

        row = self._revision_row(dossier_id)
        if row["state"] != DossierState.DRAFT:
            return ValidationRecord(ChangeSet(dossier_id=dossier_id, revision=row["revision"]),
                                    self._info(row).findings)
        dossier = self._assemble(row)
        pack = self._pack_for(dossier.pack, pack)
        findings = validate(dossier, pack, today=today)
        errors = [f for f in findings if f.blocking]
        if errors:
            raise DossierHasErrorsError("store.has_errors", findings=errors, count=len(errors),
                                        dossier_id=dossier_id)
        sha = self._pack_sha(pack)
        frozen = dossier.model_copy(update={"state": DossierState.VALIDATED})
        now = self._now()
        with self._write() as conn:
            current = conn.execute("SELECT state, updated_at FROM revisions WHERE "
                                   "dossier_id=? AND revision=?",
                                   (dossier_id, row["revision"])).fetchone()
            if current is None or tuple(current) != (DossierState.DRAFT.value,
                                                     row["updated_at"]) or conn.execute(
                    "SELECT current_revision FROM dossiers WHERE id=?",
                    (dossier_id,)).fetchone()[0] != row["revision"]:
                raise LifecycleError("store.changed_meanwhile", dossier_id=dossier_id)
            self._record_campaign(conn, dossier.pack, pack, now)
            conn.execute(
                "UPDATE revisions SET state='validated', snapshot=?, pack_sha256=?, "
                "validation=?, validated_at=? WHERE dossier_id=? AND revision=?",
                (frozen.model_dump_json(), sha,
                 _FINDINGS.dump_json(findings).decode("utf-8"), now, dossier_id,
                 row["revision"]))
            conn.execute("UPDATE dossiers SET updated_at=? WHERE id=?", (now, dossier_id))
            audit = self._audit(conn, dossier_id, row["revision"], "state", "draft",
                                {"state": "validated", "pack": dossier.pack.model_dump(),
                                 "pack_sha256": sha}, now)
        return ValidationRecord(ChangeSet(dossier=True, state=True, dossier_id=dossier_id,
                                          revision=row["revision"], audit_ids=(audit,)),
                                tuple(findings))

    def mark_exported(self, dossier_id: str, package_name: str,
                      package_sha256: str) -> ChangeSet:
        """Record the exported package (tên tệp gói, SHA-256) of a validated revision.
        Take ``backup("before-export")`` before writing the package."""
        if not re.fullmatch(r"[0-9a-f]{64}", package_sha256):
            raise UserError("store.bad_sha256", value=package_sha256)
        now = self._now()
        with self._write() as conn:
            row = conn.execute("SELECT r.revision, r.state, r.package_name, r.package_sha256 "
                               "FROM revisions r JOIN dossiers d ON d.id = r.dossier_id AND "
                               "d.current_revision = r.revision WHERE d.id = ?",
                               (dossier_id,)).fetchone()
            if row is None:
                raise DossierNotFoundError("store.dossier_not_found", dossier_id=dossier_id)
            revision, state, old_name, old_sha = row
            if state == DossierState.DRAFT:
                raise LifecycleError("store.export_needs_validation", dossier_id=dossier_id)
            conn.execute("UPDATE revisions SET state='exported', package_name=?, "
                         "package_sha256=?, exported_at=? WHERE dossier_id=? AND revision=?",
                         (package_name, package_sha256, now, dossier_id, revision))
            conn.execute("UPDATE dossiers SET updated_at=? WHERE id=?", (now, dossier_id))
            audit = self._audit(conn, dossier_id, revision, "state",
                                {"state": state, "package_name": old_name,
                                 "package_sha256": old_sha},
                                {"state": "exported", "package_name": package_name,
                                 "package_sha256": package_sha256}, now)
        return ChangeSet(state=True, dossier=True, dossier_id=dossier_id, revision=revision,
                         audit_ids=(audit,))

    # ------------------------------------------------------------------ pack revisions

    def move_to_pack(self, dossier_id: str, pack: CampaignPack) -> ChangeSet:
        """Write the dossier against another version of its pack (an edit, audited)."""
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            old = conn.execute("SELECT pack_id, pack_version FROM revisions WHERE "
                               "dossier_id=? AND revision=?", (dossier_id, revision)).fetchone()
            if old[0] != pack.id:
                raise UserError("store.other_pack", dossier_id=dossier_id, pack_id=pack.id)
            self._record_campaign(conn, PackRef(id=pack.id, version=pack.version), pack, now)
            conn.execute("UPDATE revisions SET pack_version=? WHERE dossier_id=? AND "
                         "revision=?", (pack.version, dossier_id, revision))
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision, "pack.version", old[1],
                                      pack.version, now))
        return ChangeSet(dossier=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    def revalidate_for_pack(self, new_pack: CampaignPack, *, move: bool = False,
                            today: dt.date | None = None) -> PackRevalidationReport:
        """Re-check the drafts made under older versions of ``new_pack``'s campaign.

        Reports the rule changes per old version (old rules from the installed pack, else
        the store's JSON copy) and, per draft, the findings the new rules add (answers that
        became invalid) or clear. Nothing is deleted; drafts move to the new version only
        with ``move=True`` (or later with :meth:`move_to_pack`).
        """
        from desktop.validation import validate

        now = self._now()
        with self._write() as conn:
            self._record_campaign(conn, PackRef(id=new_pack.id, version=new_pack.version),
                                  new_pack, now)
        rows = self._query(
            "SELECT r.dossier_id, r.revision, r.pack_version FROM revisions r JOIN dossiers d "
            "ON d.id = r.dossier_id AND d.current_revision = r.revision WHERE r.pack_id=? AND "
            "r.pack_version<>? AND r.state='draft' ORDER BY r.dossier_id",
            (new_pack.id, new_pack.version))
        old_packs: dict[str, CampaignPack | None] = {}
        for _, _, version in rows:
            if version not in old_packs:
                old_packs[version] = self.campaign_pack(PackRef(id=new_pack.id, version=version))
        rule_changes = {v: tuple(diff_packs(p, new_pack)) for v, p in old_packs.items() if p}
        reports = []
        new_ref = PackRef(id=new_pack.id, version=new_pack.version)
        for dossier_id, revision, version in rows:
            dossier = self.get_revision(dossier_id, revision)
            old_pack = old_packs[version]
            before = validate(dossier, old_pack, today=today) if old_pack else []
            after = validate(dossier.model_copy(update={"pack": new_ref}), new_pack,
                             today=today)

            def key(f: Finding) -> tuple:
                return (f.code, f.severity, f.path, f.nominee_id, f.document)

            before_keys, after_keys = {key(f) for f in before}, {key(f) for f in after}
            moved = False
            if move:
                self.move_to_pack(dossier_id, new_pack)
                moved = True
            reports.append(DossierPackReport(
                dossier_id, revision, version,
                tuple(f for f in after if key(f) not in before_keys),
                tuple(f for f in before if key(f) not in after_keys),
                tuple(after), moved))
        return PackRevalidationReport(
            new_pack.id, new_pack.version, rule_changes,
            tuple(sorted(v for v, p in old_packs.items() if p is None)), tuple(reports))
