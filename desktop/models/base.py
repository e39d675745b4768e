"""Shared building blocks of the domain models: the frozen base class and annotated types."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from desktop.textutil import clean


class Model(BaseModel):
    """Base of every domain model: immutable, strict about unknown fields.

    Frozen models let the rule engine reuse results for nominees that an edit did not touch
    (an edit replaces one nominee with ``model_copy``; the others stay the same objects).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


#: Every free text of a dossier or a pack: Unicode NFC, trimmed.
Text = Annotated[str, AfterValidator(clean)]

#: A stable machine identifier (pack ids, criterion ids, nominee ids, role ids).
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]

#: A year of birth; the range keeps typing slips ("198", "19855") out.
BirthYear = Annotated[int, Field(ge=1900, le=2100)]


#: An amount of money in Vietnamese đồng (whole đồng).
Vnd = Annotated[int, Field(ge=0)]

#: A count of people, votes, workdays.
Count = Annotated[int, Field(ge=0)]
