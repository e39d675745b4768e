"""Unreadable inputs: a clear Vietnamese message naming the file, and nothing stored."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from PIL import Image

from desktop.cli import main
from desktop.demo import demo_dossiers
from desktop.dossierfile import write_dossier_file
from desktop.scans import ScanInputError, SignedCopyDraft, open_source
from desktop.store import Store

from .support import phone_jpeg

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")


def _corrupt_jpeg(path):
    buf = io.BytesIO()
    Image.effect_noise((800, 600), 50).save(buf, "JPEG")
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 3])  # cut short mid-copy
    return path


def _docx_as_jpg(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return path


MESSAGES = {
    "corrupt": ("trang-1.jpg", _corrupt_jpeg,
                "Ảnh trang-1.jpg bị hỏng hoặc chưa được chép hết, HoSo không đọc được. "
                "Hãy chép lại hoặc chụp lại trang này."),
    "docx": ("to-trinh.jpg", _docx_as_jpg,
             "Tệp to-trinh.jpg không phải ảnh (JPEG, PNG, TIFF) hay tệp PDF đọc được. "
             "Hãy chọn đúng tệp ảnh chụp hoặc bản quét."),
    "empty": ("trong.pdf", lambda p: (p.write_bytes(b""), p)[1],
              "Tệp trong.pdf rỗng (0 byte). Hãy chép lại tệp từ điện thoại hoặc máy quét."),
    "pdf": ("hong.pdf", lambda p: (p.write_bytes(b"%PDF-1.7\n1 0 obj <<"), p)[1],
            "Tệp hong.pdf không phải ảnh (JPEG, PNG, TIFF) hay tệp PDF đọc được. "
            "Hãy chọn đúng tệp ảnh chụp hoặc bản quét."),
}


@pytest.mark.parametrize("case", sorted(MESSAGES))
def test_bad_file_has_a_clear_message(case, tmp_path):
    name, make, message = MESSAGES[case]
    path = make(tmp_path / name)
    with pytest.raises(ScanInputError) as caught:
        open_source(path)
    assert caught.value.message("vi") == message
    good = phone_jpeg(tmp_path / "good.jpg")
    with pytest.raises(ScanInputError):  # one bad file among good ones refuses the draft
        SignedCopyDraft.from_files([good, path])


def _store_state(data_dir):
    with Store(data_dir=data_dir, daily_backup=False) as store:
        copies = [(c.key, c.sha256) for d in store.list_dossiers()
                  for c in store.signed_copies(d.id)]
        return copies, [(a.id, a.path) for a in store.audit_log()]


@pytest.mark.parametrize("case", ["corrupt", "docx"])
def test_attach_with_a_bad_file_changes_nothing(case, tmp_path, capsys, hoso_data_dir):
    dossier = demo_dossiers()[0]
    file = write_dossier_file(dossier, tmp_path / "xa.json")
    with Store(data_dir=hoso_data_dir, daily_backup=False) as store:
        store.create_dossier(dossier)
    good = phone_jpeg(tmp_path / "good.jpg")
    assert main(["attach", str(file), "--document", "proposal", str(good), "--store"]) == 0
    before = _store_state(hoso_data_dir)
    assert len(before[0]) == 1
    capsys.readouterr()
    name, make, message = MESSAGES[case]
    bad = make(tmp_path / name)
    code = main(["attach", str(file), "--document", "proposal", str(good), str(bad),
                 "--store"])
    out = capsys.readouterr()
    assert code == 2
    assert out.err.strip() == message
    assert _store_state(hoso_data_dir) == before
    out_dir = tmp_path / "out"
    assert main(["attach", str(file), "--document", "proposal", str(bad), "--out",
                 str(out_dir)]) == 2
    assert not out_dir.exists()


def test_unknown_document_and_missing_nominee(tmp_path, capsys):
    dossier = demo_dossiers()[0]
    file = write_dossier_file(dossier, tmp_path / "xa.json")
    good = phone_jpeg(tmp_path / "good.jpg")
    assert main(["attach", str(file), "--document", "achievement_report", str(good),
                 "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Văn bản “achievement_report” lập riêng cho từng đối tượng: "
                          "hãy chọn đối tượng bằng --nominee (")
    assert main(["attach", str(file), "--document", "khong-co", str(good),
                 "--out", str(tmp_path)]) == 2
    assert "Hồ sơ không có văn bản “khong-co”. Các văn bản có: proposal" in \
        capsys.readouterr().err
    assert json.loads(file.read_text("utf-8"))["id"] == dossier.id
