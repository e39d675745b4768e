"""Shared building blocks of the domain models: the frozen base class and annotated types.

The types here carry the bounds that keep the promise "a dossier that validates renders and
exports" (issue 15): every text is NFC without control characters (``clean_text``), has a
maximum length (a name fits a table cell and a DOCX core property, a free text a few pages),
every number is finite and within a range that a real dossier never leaves, every date lies
between :data:`MIN_DATE` and :data:`MAX_DATE`. Values outside are refused by pydantic with a
message naming the field (``input.<type>`` findings); control characters are removed, never
refused (they come from pasting, not from typing, and no one can see them to fix them).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from desktop.textutil import clean_text


class Model(BaseModel):
    """Base of every domain model: immutable, strict about unknown fields.

    Frozen models let the rule engine reuse results for nominees that an edit did not touch
    (an edit replaces one nominee with ``model_copy``; the others stay the same objects).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True,
                              allow_inf_nan=False)


#: Longest free text (a summary, the evidence of a criterion, a section of a report): about
#: six printed pages. A longer paste is refused with the field's name, never cut.
TEXT_MAX = 20_000
#: Longest one-line text: names (person, collective, unit, council member), titles, places,
#: numbers and symbols. 200 characters fit the narrowest table cell of the documents in a few
#: lines and, with a document title before it, DOCX's 255-character core properties.
LINE_MAX = 200

#: Every free text of a dossier or a pack: Unicode NFC, trimmed, no control characters
#: (line breaks and tabs kept), at most :data:`TEXT_MAX` characters.
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX), AfterValidator(clean_text)]

#: A one-line text (a name, a title, a number): like :data:`Text`, at most :data:`LINE_MAX`.
Line = Annotated[str, StringConstraints(max_length=LINE_MAX), AfterValidator(clean_text)]

#: A stable machine identifier (pack ids, criterion ids, nominee ids, role ids).
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]

#: A year of birth; the range keeps typing slips ("198", "19855") out.
BirthYear = Annotated[int, Field(ge=1900, le=2100)]

#: Largest amount of money, in đồng: 100 trillion (a province's budget is ~10 trillion).
VND_MAX = 10**14
#: Largest count of people, votes, members or workdays: 10 million.
COUNT_MAX = 10_000_000
#: Largest absolute value of a measured figure (percentages, amounts, counts): 10^15, so a
#: figure prints in at most 16 digits.
FIGURE_MAX = 10**15
#: Largest area, in m² (1,000 km²).
AREA_MAX = 10**9

#: An amount of money in Vietnamese đồng (whole đồng).
Vnd = Annotated[int, Field(ge=0, le=VND_MAX)]

#: A count of people, votes, workdays.
Count = Annotated[int, Field(ge=0, le=COUNT_MAX)]

#: A measured figure (finite; the pack's minimum and maximum are rules, checked later).
Figure = Annotated[float, Field(ge=-FIGURE_MAX, le=FIGURE_MAX, allow_inf_nan=False)]

#: A non-negative measured amount (workdays, a corrected report figure).
Amount = Annotated[float, Field(ge=0, le=FIGURE_MAX, allow_inf_nan=False)]

#: An area in m² (land given by a household).
Area = Annotated[float, Field(ge=0, le=AREA_MAX, allow_inf_nan=False)]

#: Dates a dossier may hold: a slip of the keyboard (year 2O23 → 223, 20233) is refused.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def _date_in_range(value: dt.date) -> dt.date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise PydanticCustomError(
            "date_out_of_range", "date outside {min}..{max}",
            {"min": MIN_DATE.strftime("%d/%m/%Y"), "max": MAX_DATE.strftime("%d/%m/%Y")})
    return value


#: A calendar date of a dossier (meeting, proposal, achievement), within MIN_DATE..MAX_DATE.
Day = Annotated[dt.date, AfterValidator(_date_in_range)]
