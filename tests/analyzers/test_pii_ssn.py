from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import values
from threatdesk.analyzers.pii_ssn import SsnAnalyzer

A = SsnAnalyzer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 401-23-8817, DOB in the file", [("401-23-8817", "401-23-8817", True)]),
        ("su seguro social es 233-71-0456", [("233-71-0456", "233-71-0456", True)]),
        ("social security number 512 48 3391", [("512 48 3391", "512-48-3391", True)]),
        ("NSS: 612408812", [("612408812", "612-40-8812", True)]),
        ("leaked sheet: 145-09-3321, 1970, Bishop St", [("145-09-3321", "145-09-3321", True)]),
    ],
)
def test_valid_numbers_en_es(text: str, expected: list) -> None:
    assert values(A, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the field rejected 000-41-2231",  # area 000
        "sample 666-20-1187 failed",  # area 666
        "Staff ID 955-12-4410",  # area 9xx
        "código 321-00-7781 con grupo en ceros",  # group 00
        "referencia 321-45-0000",  # serial 0000
        "the ad used 078-05-1120",  # published example
        "format XXX-XX-XXXX please",
        "Lot 234-56-7712 was recalled",  # a lot number, by context
        "call 312 555 0199",  # a phone, not spaced SSN
        "tracking 523418812 without a cue",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert values(A, text) == []
