from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import values
from threatdesk.analyzers.pii_ssn import SsnAnalyzer
from threatdesk.models import Item

A = SsnAnalyzer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 401-23-8817, DOB in the file", [("401-23-8817", "401-23-8817", True)]),
        ("su seguro social es 233-71-0456", [("233-71-0456", "233-71-0456", True)]),
        ("social security number 512 48 3391", [("512 48 3391", "512-48-3391", True)]),
        ("NSS: 612408812", [("612408812", "612-40-8812", True)]),
        ("leaked sheet: 145-09-3321, 1970, Bishop St", [("145-09-3321", "145-09-3321", True)]),
        # dots, and punctuation right after the value
        ("SSN 401.23.8817.", [("401.23.8817", "401-23-8817", True)]),
        ("his SSN (233.71.0456) is out there", [("233.71.0456", "233-71-0456", True)]),
        ("SSN: 512-48-3391; DOB 1979", [("512-48-3391", "512-48-3391", True)]),
        # nine bare digits and spaces with an SSN word before, in English and Spanish
        ("su SSN es 512483391", [("512483391", "512-48-3391", True)]),
        ("número de seguro social 318 62 0471", [("318 62 0471", "318-62-0471", True)]),
        ("num. de seguro social: 318620471", [("318620471", "318-62-0471", True)]),
        ("su número de seguridad social es 233 71 0456", [("233 71 0456", "233-71-0456", True)]),
        ("SS# 274368810 and the rest", [("274368810", "274-36-8810", True)]),
        ("ssn#274 36 8810", [("274 36 8810", "274-36-8810", True)]),
        ("soc sec 274 36 8810", [("274 36 8810", "274-36-8810", True)]),
        ("Soc. Sec. No. 274.36.8810", [("274.36.8810", "274-36-8810", True)]),
        ("the deputy's social: 274368810", [("274368810", "274-36-8810", True)]),
        ("what's his social? 274368810", [("274368810", "274-36-8810", True)]),
        ("su social es 274 36 8810 jaja", [("274 36 8810", "274-36-8810", True)]),
        ("SSNs: 274 36 8810, 512 48 3391", [("274 36 8810", "274-36-8810", True), ("512 48 3391", "512-48-3391", True)]),
        # the SSN word after the value, in the same sentence
        ("274 36 8810 es su seguro social", [("274 36 8810", "274-36-8810", True)]),
        ("His SSN is 274-36-8810. Ordered 512 48 3391 units.", [("274-36-8810", "274-36-8810", True)]),
        ("401 23 8817 (S.S.N.) y su CURP", [("401 23 8817", "401-23-8817", True)]),
        ("512483391 is the judge's SSN", [("512483391", "512-48-3391", True)]),
        # line breaks: a record over several lines, a word or a value wrapped
        ("Name: R. Dorsey\nDOB: 1979\n401-23-8817\nCell: 773-555-0188", [("401-23-8817", "401-23-8817", True)]),
        ("SSN:\n512 48 3391", [("512 48 3391", "512-48-3391", True)]),
        ("número de seguro\nsocial 318 62 0471", [("318 62 0471", "318-62-0471", True)]),
        ("his SSN is 512-48-\n3391 fyi", [("512-48-\n3391", "512-48-3391", True)]),
        ("SSN 512 48\n3391", [("512 48\n3391", "512-48-3391", True)]),
        # the half-dashed forms presidio also reads, only right after an SSN word
        ("SSN: 51248-3391", [("51248-3391", "512-48-3391", True)]),
        ("seguro social 512-483391", [("512-483391", "512-48-3391", True)]),
        ("SSN: 401 - 23 - 8817", [("401 - 23 - 8817", "401-23-8817", True)]),
        ("typed with en dashes: 401\u201323\u20138817", [("401\u201323\u20138817", "401-23-8817", True)]),
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
        "SSN 955 12 4410 (an ITIN range)",  # area 9xx, even with a cue
        "código 321-00-7781 con grupo en ceros",  # group 00
        "referencia 321-45-0000",  # serial 0000
        "the ad used 078-05-1120",  # published example
        "SSN 123-45-6789 is the usual placeholder",  # published example
        "su seguro social es 123 45 6789",  # published example, spaced
        "SSN 111-11-1111",  # one digit repeated
        "format XXX-XX-XXXX please",
        "SSN: XXX-XX-8817, last four only",
        "Lot 234-56-7712 was recalled",  # a lot number, by context
        "order no. 401-23-8817 shipped",  # an order number
        "pedido #401238817 en camino",
        "case # 401-23-8817 is closed",  # a case number
        "expediente núm. 401-23-8817",
        "call 312 555 0199",  # a phone, not spaced SSN
        "call 044 81 5555 0138",  # a Mexican phone holds a 3-2-4 run inside it
        "tel. 401-23-8817",  # digits after a phone word
        "tracking 523418812 without a cue",
        "nine digits 401238817 and no word",
        "spaced 401 23 8817 with no word",
        "dotted 401.23.8817 with no word",
        "version 4.401.23.8817 of the firmware",
        "Chicago, IL 60623-1234",  # ZIP+4
        "Social Security office, 600 W Madison, Chicago IL 60661-2511",  # ZIP+4 near the words
        "the SSN rule: 401-23 8817 is mixed",  # mixed separators
        "total 401 - 23 - 8817",  # a subtraction; spaced dashes need an SSN word
        "sheet 401-23-\n8817",  # a wrapped dash form needs an SSN word too
        "NSS 12345678901",  # Mexican IMSS number, eleven digits
        "NSS del IMSS 1234-56-7890-1",
        "número de seguridad social 12 34 56 7890 1",
        "meeting on 2026 11 28, 401 people",  # dates and counts
        "due 11.28.2026",
        "social media 401 23 8817",  # "social" that is no SSN word
        "the club's social media: 401 23 8817",
        "401 23 8817 units. Social Security pays",  # the word is in the next sentence
        "SSN rules changed in 2026; 401 23 8817 tickets sold",  # ... or in the one before
        "it's social, 401238817 people came",
        "IBAN part 401 23 8817 45",  # a longer run of groups
    ],
)
def test_hard_negatives(text: str) -> None:
    assert values(A, text) == []


def test_dashed_without_a_word_is_less_certain() -> None:
    """A lone AAA-GG-SSSS is still an SSN, but the reason and confidence say no word backed it."""
    (alone,) = A(Item.from_text("sheet: 401-23-8817"))
    assert alone.confidence < 0.9 and "no SSN word" in alone.reason
