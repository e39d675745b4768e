"""Kill -9 at random moments: every edit whose save returned is in the file afterwards."""

from __future__ import annotations

import crashkit


def test_every_returned_edit_survives_sigkill(tmp_path):
    stats = crashkit.run_trials(tmp_path, trials=50, lanes=4)
    assert len(stats.trials) == 50
    assert stats.corrupt == 0, [t.integrity for t in stats.trials if t.integrity]
    assert stats.lost == 0, [t.lost for t in stats.trials if t.lost]
    assert stats.edits > 500  # the children really were editing when killed
