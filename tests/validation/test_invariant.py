"""The invariant of issue 15: a dossier that validates without errors renders (PDF and DOCX)
and exports without an exception, and its package verifies.

Dossiers are built from the models' own field types (``model_strategies``), not from the
demo: names and texts at their maximum length, with control characters and words longer
than a table cell; counts, money and figures at their bounds; dates anywhere in the allowed
range. ``make bench`` runs the same check with many more examples (bench/bench_invariant.py).
"""

from __future__ import annotations

import collections
import os

from hypothesis import HealthCheck, given, settings

from desktop.packs import load_pack

from .dossiers import CAO_BANG
from .model_strategies import check_invariant, typed_dossiers

PACK = load_pack(CAO_BANG)
#: Examples in ``make test`` (about 0.6 s of CPU each); the bench runs hundreds.
EXAMPLES = int(os.environ.get("HOSO_INVARIANT_EXAMPLES", "60"))
OUTCOMES: collections.Counter[str] = collections.Counter()


# derandomize: the same examples at every run, so the run's time is the same too (a few
# dossiers with many 20,000-character texts take seconds each); the bench draws new ones
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=typed_dossiers(PACK, heavy=False))
def test_what_validates_renders_and_exports(data, tmp_path):
    OUTCOMES[check_invariant(PACK, data, tmp_path)] += 1


def test_the_property_run_exported_enough():
    """The run above is worth something only if many of its dossiers reached the export."""
    if not OUTCOMES:  # run alone (-k): nothing to check
        return
    print(f"invariant: {dict(OUTCOMES)}")  # shown with pytest -s
    assert OUTCOMES["exported"] >= EXAMPLES // 4, dict(OUTCOMES)
