"""Photos and scans → one upright, ordered PDF under the limit; the page list the GUI edits."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image
from pypdf import PdfReader

from desktop.package.sizes import size_text
from desktop.scans import (
    CopyTooLarge,
    SignedCopyDraft,
    build_pdf,
    has_colour,
    limit_bytes,
    open_source,
    thumbnail,
)

from .support import dark, noisy_photo, phone_jpeg, png_size, render_pages, scan_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")

MB = 1_000_000


@pytest.fixture
def inputs(tmp_path):
    return {"phone": phone_jpeg(tmp_path / "IMG_0001.jpg"),
            "scan": scan_pdf(tmp_path / "scan.pdf"),
            "photo": noisy_photo(tmp_path / "IMG_0002.jpg")}


def _check_order(pages):
    """phone photo (block top-left), scan pages 1-3 (bar k), noisy photo (landscape)."""
    phone, *scans, photo = pages
    assert phone.width < phone.height
    assert dark(phone, 0.05, 0.08)  # the block is top-left: upright
    assert not dark(phone, 0.95, 0.08) and not dark(phone, 0.05, 0.95)
    assert not dark(phone, 0.95, 0.95)
    for k, page in enumerate(scans, 1):
        for bar in (1, 2, 3):
            assert dark(page, (bar * 100 + 20) / 595, 0.5) == (bar == k), (k, bar)
    assert photo.width > photo.height


def test_phone_scan_and_photo_make_one_ordered_upright_pdf(inputs, tmp_path):
    assert Image.open(inputs["phone"]).size == (2000, 1500)  # stored sideways
    draft = SignedCopyDraft.from_files([inputs["phone"], inputs["scan"], inputs["photo"]])
    assert len(draft) == 5
    limit, from_pack = limit_bytes(10)
    built = build_pdf(draft, limit)
    assert from_pack and built.size <= 10 * MB and built.page_count == 5
    reader = PdfReader(io.BytesIO(built.data))
    boxes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages]
    assert boxes == [(595, 842)] * 4 + [(842, 595)]  # A4, the photo's page landscape
    _check_order(render_pages(built.data, tmp_path))
    # the embedded photo of page 1 is upright, ≤ 200 dpi for A4 and greyscale (black text)
    [phone] = reader.pages[0].images
    assert phone.image.size == (1500, 2000) and phone.image.mode == "L"
    assert phone.image.getpixel((50, 50)) < 60 and phone.image.getpixel((1450, 50)) > 180
    [photo] = reader.pages[4].images
    assert photo.image.size == (2205, 1654) and photo.image.mode == "RGB"  # ≈ 200 dpi
    modes = [p.mode for p in built.report.pages]
    assert modes == ["L", "pdf", "pdf", "pdf", "RGB"]


def test_noisy_photo_steps_quality_down_to_fit(inputs):
    source = open_source(inputs["photo"])
    assert source.page_count == 1 and len(source.data) > 5 * MB
    draft = SignedCopyDraft.from_sources([source])
    roomy = build_pdf(draft, 10 * MB)
    tight = build_pdf(draft, 300_000)
    assert roomy.report.quality == 85 and roomy.size <= 10 * MB
    assert tight.size <= 300_000 and tight.report.quality < 85
    assert tight.size < roomy.size < len(source.data)
    print(f"4000x3000 noisy photo {len(source.data)} B -> q{roomy.report.quality} "
          f"{roomy.size} B; under 300 KB: q{tight.report.quality}/{tight.report.dpi} dpi "
          f"{tight.size} B")


def test_copy_still_too_large_names_file_and_size(inputs):
    draft = SignedCopyDraft.from_files([inputs["photo"]])
    with pytest.raises(CopyTooLarge) as caught:
        build_pdf(draft, 5_000, name="01_ToTrinh_BanKy.pdf")
    message = caught.value.message("vi")
    assert message.startswith("Bản ký 01_ToTrinh_BanKy.pdf vẫn nặng ")
    assert "vượt giới hạn 0,005 MB mỗi tệp của cổng dịch vụ công" in message


def test_scanner_pdf_is_kept_byte_for_byte_or_refused_when_over(inputs):
    data = inputs["scan"].read_bytes()
    draft = SignedCopyDraft.from_files([inputs["scan"]])
    built = build_pdf(draft, 10 * MB)
    assert built.data == data and built.page_count == 3 and built.report.kept_original
    limit = len(data) - 1
    with pytest.raises(CopyTooLarge) as caught:
        build_pdf(draft, limit)
    assert caught.value.message("vi").startswith(
        f"Tệp PDF scan.pdf nặng {size_text(len(data))}, vượt giới hạn ")


def test_message_in_the_issue_wording(tmp_path):
    """"… 12,4 MB, vượt giới hạn 10 MB …" (a scanner PDF of 12.4 MB)."""
    from desktop.scans.errors import CopyTooLarge as Err

    err = Err("scans.pdf_too_large", file="bien-ban.pdf", size="12,4 MB", limit="10 MB")
    assert "bien-ban.pdf nặng 12,4 MB, vượt giới hạn 10 MB" in err.message("vi")


def test_reorder_rotate_remove_then_build(inputs, tmp_path):
    draft = SignedCopyDraft.from_files([inputs["scan"], inputs["phone"]])
    # the GUI: phone photo first, scan pages 3, 2, 1; page 1 turned twice, then back
    draft = draft.reorder([3, 2, 1, 0]).rotate(0, 90).rotate(0, 270)
    assert [(p.source, p.index) for p in draft.pages] == [(1, 0), (0, 2), (0, 1), (0, 0)]
    assert draft.pages[0].rotation == 0
    pages = render_pages(build_pdf(draft, 10 * MB).data, tmp_path)
    assert dark(pages[0], 0.05, 0.08)
    assert [next(b for b in (1, 2, 3) if dark(p, (b * 100 + 20) / 595, 0.5))
            for p in pages[1:]] == [3, 2, 1]
    # turn the photo 180°: the block goes bottom-right; remove two scan pages
    turned = draft.rotate(0, 180).remove(1).remove(1).move(1, 0)
    assert len(turned) == 2
    out = render_pages(build_pdf(turned, 10 * MB).data, tmp_path / "t")
    assert dark(out[1], 0.95, 0.92) and not dark(out[1], 0.05, 0.08)
    assert not turned.is_untouched_pdf


def test_scan_page_rotation_sets_rotate(inputs):
    draft = SignedCopyDraft.from_files([inputs["scan"]]).rotate(1, 90)
    reader = PdfReader(io.BytesIO(build_pdf(draft, 10 * MB).data))
    assert [p.rotation for p in reader.pages] == [0, 90, 0]


def test_thumbnails_are_small_upright_pngs(inputs):
    draft = SignedCopyDraft.from_files([inputs["phone"], inputs["scan"]])
    first = thumbnail(draft, 0, max_px=200)
    assert png_size(first) == (150, 200)
    with Image.open(io.BytesIO(first)) as im:
        grey = im.convert("L")
        assert grey.getpixel((5, 5)) < 60 and grey.getpixel((145, 5)) > 180
    assert max(png_size(thumbnail(draft, 1, max_px=128))) == 128  # the scan's own image
    assert png_size(thumbnail(draft.rotate(0, 90), 0, max_px=200)) == (200, 150)


def test_colour_kept_for_a_red_seal_only(tmp_path):
    plain = phone_jpeg(tmp_path / "plain.jpg", orientation=1)
    sealed = phone_jpeg(tmp_path / "sealed.jpg", orientation=1, seal=True)
    assert not has_colour(Image.open(plain))  # warm paper is not colour
    assert has_colour(Image.open(sealed))
    built = build_pdf(SignedCopyDraft.from_files([plain, sealed]), 10 * MB)
    assert [p.mode for p in built.report.pages] == ["L", "RGB"]


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_png_and_multi_page_tiff(tmp_path, fmt):
    frames = [Image.new("L", (1240, 1754), 255) for _ in range(2)]
    for k, frame in enumerate(frames):
        frame.paste(0, (100 + 600 * k, 100, 300 + 600 * k, 300))
    path = tmp_path / f"scan.{fmt.lower()}"
    if fmt == "TIFF":
        frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:],
                       compression="tiff_deflate")
        expected = 2
    else:
        frames[0].save(path, "PNG")
        expected = 1
    draft = SignedCopyDraft.from_files([path])
    assert len(draft) == expected
    built = build_pdf(draft, 10 * MB)
    assert built.page_count == expected
    assert len(PdfReader(io.BytesIO(built.data)).pages) == expected
