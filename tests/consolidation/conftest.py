"""Communes, a district and their packages for the consolidation tests.

Three communes build their dossiers from the demo commune (other names, the same nominee
ids, so that taking them into one dossier must rename one). A newer version of the pack
("1.1.0", in a packs folder of the test) also requires a household's number of members:
commune C's household lacks it, so C's package, valid when made, fails the current rules.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from desktop.demo import demo_dossier
from desktop.models import Dossier
from desktop.packs import find_pack, load_pack
from desktop.store import Store

TODAY = dt.date(2023, 7, 10)
PACK_ID = "caobang-2023-75nam"


def newer_pack_dir(root: Path) -> Path:
    """A packs folder with version 1.1.0 of the campaign pack: households need
    ``members_count`` too."""
    source = find_pack(PACK_ID, "1.0.0").path
    text = source.read_text(encoding="utf-8")
    text = text.replace('version = "1.0.0"', 'version = "1.1.0"', 1)
    text, count = re.subn(
        r'required_fields = \["head_name", "head_birth_year", "ethnicity", "address", '
        r'"occupation"\]',
        'required_fields = ["head_name", "head_birth_year", "ethnicity", "address", '
        '"occupation", "members_count"]', text)
    assert count == 1
    folder = root / "packs" / PACK_ID
    folder.mkdir(parents=True)
    (folder / "pack.toml").write_text(text, encoding="utf-8")
    return root / "packs"


def two_nominees(base: Dossier) -> Dossier:
    """The demo commune with its hamlet and its household only (its proposal list and
    votes to match), whatever else the demo grows."""
    keep = [next(n for n in base.nominees if n.kind == kind)
            for kind in ("collective", "household")]
    ids = tuple(n.id for n in keep)
    return base.model_copy(update={
        "nominees": tuple(keep),
        "proposal": base.proposal.model_copy(update={"nominee_ids": ids}),
        "council": base.council.model_copy(update={"votes": tuple(
            v for v in base.council.votes if v.nominee_id in ids)})})


def commune_dossier(letter: str, *, members_count: int | None = 5) -> Dossier:
    base = two_nominees(demo_dossier("demo-xa-bach-dang"))
    name = f"Ủy ban nhân dân xã Thử {letter}"
    nominees = []
    for n in base.nominees:
        if n.kind == "household":
            n = n.model_copy(update={"head_name": f"Nông Văn {letter}",
                                     "members_count": members_count})
        else:
            n = n.model_copy(update={"name": f"Xóm Nà {letter}"})
        nominees.append(n)
    return base.model_copy(update={
        "id": f"xa-thu-{letter.lower()}", "title": f"Hồ sơ khen thưởng xã Thử {letter}",
        "unit": base.unit.model_copy(update={"name": name}), "nominees": tuple(nominees)})


@pytest.fixture
def world(tmp_path):
    """Folders, the newer pack and a store opener."""
    packs = newer_pack_dir(tmp_path)

    class World:
        root = tmp_path
        packs_dir = packs
        pack = load_pack(PACK_ID, "1.0.0")

        def store(self, name: str) -> Store:
            return Store(tmp_path / name / "hoso.db", packs_dirs=[packs], daily_backup=False)

    return World()


def export(store: Store, dossier_id: str, out: Path, pack, *, minutes: int = 0) -> Path:
    from desktop.package import export_package

    dossier = store.get_dossier(dossier_id)
    result = export_package(dossier, pack, out, store=store, today=TODAY, formats=("pdf",),
                            created_at=dt.datetime(2023, 7, 10, 9, minutes))
    return result.path


def commune_a_package(world, out: Path) -> Path:
    """Commune A's dossier made in its own store ("xa") and exported to ``out`` (the store
    closed again): the package a district receives in most tests."""
    commune = world.store("xa")
    commune.create_dossier(commune_dossier("A"))
    package = export(commune, "xa-thu-a", out, world.pack)
    commune.close()
    return package


def altered_package(package: Path, out: Path, old: str, new: str) -> Path:
    """A copy of ``package`` at ``out`` whose ``dossier.json`` says ``new`` where it said
    ``old`` (every other member as it was): a package changed after export."""
    import zipfile

    with zipfile.ZipFile(package) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "dossier.json":
                data = data.replace(old.encode(), new.encode())
            dst.writestr(info, data)
    return out
