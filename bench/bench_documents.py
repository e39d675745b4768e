"""Benchmark of the document renderer (issue C), in one run:

1. One full dossier (tờ trình + danh sách + biên bản + 2 báo cáo/tóm tắt: the district demo)
   rendered to PDF by HoSo, against LibreOffice headless converting the equivalent DOCX files
   (one warm ``soffice`` call for the batch; a second call, as the first one starts cold).
   Target: HoSo ≥ 30× faster. Also checks that both give the same page counts.
2. A 200-nominee district batch: the nomination list, minutes and 200 per-nominee
   documents. Target: ≤ 5 s.

    .venv/bin/python bench/bench_documents.py

LibreOffice is not a HoSo dependency. Without ``soffice`` the comparison is skipped; install
it with ``apt-get install -y --no-install-recommends libreoffice-writer-nogui``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.demo import demo_dossier
from desktop.documents import build_documents, render_document, render_documents
from desktop.packs import load_pack

TARGET_RATIO = 30
TARGET_BATCH_S = 5.0


def hoso_full(dossier, pack) -> tuple[float, list]:
    start = time.perf_counter()
    rendered = [render_document(d, pack) for d in build_documents(dossier, pack)]
    return time.perf_counter() - start, rendered


def libreoffice(docx_dir: Path, out_dir: Path, profile: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir),
                    *sorted(str(p) for p in docx_dir.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HOME": str(profile.parent)})
    return time.perf_counter() - start


def big_district(base, count: int):
    """The district demo with ``count`` nominees (alternating the office and the farmer)."""
    office, farmer = base.nominees
    nominees = []
    for i in range(count):
        template = office if i % 2 == 0 else farmer
        name_field = "name" if i % 2 == 0 else "full_name"
        nominees.append(template.model_copy(update={
            "id": f"n-{i:03d}", name_field: f"{getattr(template, name_field)} số {i + 1}"}))
    votes = tuple(base.council.votes[i % 2].model_copy(update={"nominee_id": n.id})
                  for i, n in enumerate(nominees))
    return base.model_copy(update={
        "nominees": tuple(nominees),
        "council": base.council.model_copy(update={"votes": votes}),
        "proposal": base.proposal.model_copy(update={"nominee_ids": tuple(n.id for n in nominees)}),
    })


def main() -> int:
    try:
        import _rl_accel  # noqa: F401
        accel = "active"
    except ImportError:
        accel = "absent (pip install rl_accel: ~1.5x faster)"
    print(f"reportlab {__import__('reportlab').Version}, C accelerator rl_accel: {accel}")
    pack = load_pack("caobang-2023-75nam")
    dossier = demo_dossier("demo-huyen-trung-khanh")
    hoso_full(dossier, pack)  # warm: fonts registered, templates read, modules imported
    runs = [hoso_full(dossier, pack) for _ in range(5)]
    hoso_s = statistics.median(t for t, _ in runs)
    rendered = runs[0][1]
    print(f"HoSo, full dossier ({len(rendered)} documents, "
          f"{sum(r.page_count for r in rendered)} pages): {hoso_s * 1000:.0f} ms (median of 5)")
    for r in rendered:
        print(f"  {r.file_name:42s} {r.page_count} p  {len(r.data) / 1024:5.1f} KB")

    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) not found: comparison skipped. Install it with\n"
              "  apt-get install -y --no-install-recommends libreoffice-writer-nogui")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            docx_dir = tmp_path / "docx"
            docx_dir.mkdir()
            for d in build_documents(dossier, pack):
                r = render_document(d, pack, fmt="docx")
                (docx_dir / r.file_name).write_bytes(r.data)
            profile = tmp_path / "profile"
            cold = libreoffice(docx_dir, tmp_path / "lo-cold", profile)
            warm = libreoffice(docx_dir, tmp_path / "lo", profile)
            # One call per document, as a secretary's "save as PDF" does (the spike's basis).
            per_doc = 0.0
            for i, path in enumerate(sorted(docx_dir.glob("*.docx"))):
                single = tmp_path / f"single-{i}"
                single.mkdir()
                shutil.copy(path, single / path.name)
                per_doc += libreoffice(single, tmp_path / "lo-single", profile)
            from pypdf import PdfReader

            same = True
            for r in rendered:
                lo_pdf = tmp_path / "lo" / f"{r.file_stem}.pdf"
                lo_pages = len(PdfReader(str(lo_pdf)).pages)
                same &= lo_pages == r.page_count
                print(f"  LibreOffice {lo_pdf.name:42s} {lo_pages} p  "
                      f"{lo_pdf.stat().st_size / 1024:5.1f} KB")
            ratio, ratio_batch = per_doc / hoso_s, warm / hoso_s
            print(f"LibreOffice, same dossier from DOCX: one call per document {per_doc * 1000:.0f}"
                  f" ms; all in one call {warm * 1000:.0f} ms (first, cold call "
                  f"{cold * 1000:.0f} ms)")
            print(f"Ratio LibreOffice/HoSo: {ratio:.0f}x with one call per document (target ≥ "
                  f"{TARGET_RATIO}x) {'OK' if ratio >= TARGET_RATIO else 'BELOW TARGET'}; "
                  f"{ratio_batch:.0f}x against one batch call; "
                  f"page counts {'equal' if same else 'DIFFER'}")

    big = big_district(dossier, 200)
    start = time.perf_counter()
    batch = list(render_documents(build_documents(big, pack), pack))  # on every core
    batch_s = time.perf_counter() - start
    print(f"200-nominee district batch: {len(batch)} PDFs, "
          f"{sum(r.page_count for r in batch)} pages, "
          f"{sum(len(r.data) for r in batch) / 1e6:.1f} MB in {batch_s:.2f} s "
          f"(target ≤ {TARGET_BATCH_S:.0f} s) {'OK' if batch_s <= TARGET_BATCH_S else 'SLOW'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
