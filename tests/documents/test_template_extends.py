"""A template that ``extends`` another (the Giấy khen round's minutes extend the Bằng khen
minutes) never changes the template it extends: after the round's minutes were read, a
Bằng khen dossier's minutes under the same regime still say what they said."""

from __future__ import annotations

from desktop.documents.templates import template

REGIME = "2022/ND98"


def test_extending_template_leaves_its_base_unchanged():
    before = template("council-minutes", REGIME)["proceedings"]
    round_minutes = template("round-minutes", REGIME)["proceedings"]
    assert "Giấy khen" in round_minutes
    after = template("council-minutes", REGIME)["proceedings"]
    assert after == before
    assert "Giấy khen" not in after
