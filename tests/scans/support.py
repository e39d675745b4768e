"""Generated inputs of the signed-copy tests: phone photos, a noisy photo, a scanner PDF."""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw

#: Upright size of the phone photo of an A4 page (portrait, 3:4).
PHONE_SIZE = (1500, 2000)
BLOCK = 300  # the black block in the upright photo's top-left corner


def phone_jpeg(path: Path, *, orientation: int = 6, seal: bool = False) -> Path:
    """A phone photo of a page: upright it has a black block in the top-left corner (and,
    with ``seal``, a red ring). Stored turned, with the EXIF orientation that turns it back
    (6: the viewer turns it 90° clockwise)."""
    page = Image.new("RGB", PHONE_SIZE, (238, 236, 230))  # paper under a warm lamp
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, BLOCK, BLOCK), fill="black")
    for y in range(500, 1800, 60):
        draw.line((200, y, 1300, y), fill=(40, 40, 40), width=6)  # lines of text
    if seal:
        draw.ellipse((900, 1500, 1300, 1900), outline=(200, 20, 30), width=24)
    stored = {6: page.transpose(Image.Transpose.ROTATE_90),
              8: page.transpose(Image.Transpose.ROTATE_270),
              3: page.transpose(Image.Transpose.ROTATE_180), 1: page}[orientation]
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, "JPEG", quality=90, exif=exif)
    return path


def noisy_photo(path: Path, size: tuple[int, int] = (4000, 3000), seed: int = 7) -> Path:
    """A 4000×3000 colour photo full of sensor noise (JPEG compresses it badly)."""
    rng = random.Random(seed)
    base = Image.merge("RGB", [Image.linear_gradient("L").resize(size),
                               Image.radial_gradient("L").resize(size),
                               Image.linear_gradient("L").rotate(90).resize(size)])
    noise = Image.merge("RGB", [Image.effect_noise(size, 40 + rng.randint(0, 10))
                                for _ in range(3)])
    photo = Image.blend(base, noise, 0.5)
    photo.save(path, "JPEG", quality=95)
    return path


def scan_pdf(path: Path, pages: int = 3) -> Path:
    """A scanner PDF (reportlab): page k (1-based) is a scanned image with a black bar
    k × 100 pt from the left edge, the marker the order tests read back."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for k in range(1, pages + 1):
        scan = Image.new("L", (1654, 2339), 255)
        x = round(k * 100 / 72 * 200)
        ImageDraw.Draw(scan).rectangle((x, 400, x + 120, 1900), fill=0)
        c.drawImage(ImageReader(scan), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return path


def render_pages(pdf: bytes, tmp: Path, dpi: int = 20) -> list[Image.Image]:
    """Every page rendered by pdftoppm (greyscale), in order."""
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / "render.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(src), str(tmp / "page")],
                   check=True)
    return [Image.open(p).copy() for p in sorted(tmp.glob("page-*.pgm"))]


def dark(image: Image.Image, x: float, y: float) -> bool:
    """Is the pixel at the fractions (x, y) of the page dark?"""
    return image.getpixel((int(x * (image.width - 1)), int(y * (image.height - 1)))) < 80


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "PNG"
        return im.size
