"""A district's batch rendered on worker processes gives the same files as one process."""

from __future__ import annotations

from desktop.documents import PARALLEL_MIN_DOCUMENTS, build_documents, render_documents
from documents.support import cao_bang, demos


def _district(count: int):
    base = demos()["demo-huyen-trung-khanh"]
    office, farmer = base.nominees
    nominees = tuple(
        (office if i % 2 == 0 else farmer).model_copy(update={
            "id": f"n-{i:03d}",
            ("name" if i % 2 == 0 else "full_name"): f"Đối tượng số {i + 1}"})
        for i in range(count))
    votes = tuple(base.council.votes[i % 2].model_copy(update={"nominee_id": n.id})
                  for i, n in enumerate(nominees))
    return base.model_copy(update={
        "nominees": nominees,
        "council": base.council.model_copy(update={"votes": votes}),
        "proposal": base.proposal.model_copy(
            update={"nominee_ids": tuple(n.id for n in nominees)})})


def test_workers_render_the_same_bytes_in_the_same_order():
    documents = build_documents(_district(PARALLEL_MIN_DOCUMENTS), cao_bang())
    assert len(documents) >= PARALLEL_MIN_DOCUMENTS  # the parallel path is taken
    serial = list(render_documents(documents, cao_bang(), workers=1))
    parallel = list(render_documents(documents, cao_bang(), workers=2))
    assert [r.file_name for r in parallel] == [r.file_name for r in serial]
    assert [r.data for r in parallel] == [r.data for r in serial]


def test_closing_the_batch_early_stops_cleanly():
    documents = build_documents(_district(PARALLEL_MIN_DOCUMENTS), cao_bang())
    batch = render_documents(documents, cao_bang(), workers=2)
    first = next(batch)
    batch.close()  # what a cancelled export does
    assert first.file_name == documents[0].file_stem + ".pdf"
