"""Legacy Vietnamese text: TCVN3 (ABC), VNI-Windows and VIQR to Unicode NFC.

    detect(text) -> Repair | None        the likely legacy reading, never for valid Unicode
    decode(text, encoding, upper=None)   read text as one encoding
    encode(text, encoding)               the reverse (tests, round trips)
    scan_data(json) / repair_data(json)  every legacy string of a dossier's JSON data

The charset tables are data: ``resources/legacy/{tcvn3,vni,viqr}.tsv``.
"""

from desktop.legacytext.convert import (
    ENCODING_NAMES,
    FieldRepair,
    Repair,
    chosen_text,
    decode,
    detect,
    encode,
    repair_data,
    scan_data,
)
from desktop.legacytext.tables import ENCODINGS

__all__ = ["ENCODINGS", "ENCODING_NAMES", "FieldRepair", "Repair", "chosen_text", "decode",
           "detect", "encode", "repair_data", "scan_data"]
