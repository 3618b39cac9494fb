from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import values
from threatdesk.analyzers.pii_phone import PhoneAnalyzer, normalize_phone

A = PhoneAnalyzer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("text him at 312-555-0161 after 9", [("312-555-0161", "+13125550161", True)]),
        ("his cell is (773) 555-0142", [("(773) 555-0142", "+17735550142", True)]),
        ("home line 872.555.0119, don't call before noon", [("872.555.0119", "+18725550119", True)]),
        ("reach her on +1 708 555 0133", [("+1 708 555 0133", "+17085550133", True)]),
        ("number: 1-630-555-0178", [("1-630-555-0178", "+16305550178", True)]),
        ("Su celular es 55 5555 0142, márquenle", [("55 5555 0142", "+525555550142", True)]),
        ("cel. +52 33 5555 0161", [("+52 33 5555 0161", "+523355550161", True)]),
        ("el número viejo era 044 55 5555 0104", [("044 55 5555 0104", "+525555550104", True)]),
        ("marcar al +52 1 81 5555 0187", [("+52 1 81 5555 0187", "+528155550187", True)]),
        ("tel (81) 5555-0111 o 312-555-0122", [("(81) 5555-0111", "+528155550111", True), ("312-555-0122", "+13125550122", True)]),
        # business lines are found but not restricted
        ("Call us for a free estimate: 773-555-0177, Mon-Sat", [("773-555-0177", "+17735550177", False)]),
        ("Taquería El Güero, pedidos al 33 5555 0120, horario de 9 a 9", [("33 5555 0120", "+523355550120", False)]),
        ("Toll-free 1-800-555-0199", [("1-800-555-0199", "+18005550199", False)]),
    ],
)
def test_phones_en_es(text: str, expected: list) -> None:
    assert values(A, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Order 555-0147 shipped yesterday",
        "Folio 7731-5550-19 rechazado",
        "call 911 or 311 for city services",
        "Marque 089 para denuncia anónima",
        "tracking number 9400 1118 9922 3810 4455 66",
        "ISBN 978-0-14-243723-0",
        "the score was 3-1, then 27-20",
        "invoice no. 3125550181 is overdue",
        "Número de guía 5512 3456 7890 1234",
        "Price $1,250 and $3,412.50",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert values(A, text) == []


def test_normalize_rejects_non_numbers() -> None:
    assert normalize_phone("123-456-7890") is None
    assert normalize_phone("312 555 0101") == "+13125550101"
