from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import values
from threatdesk.analyzers.pii_plate import PlateAnalyzer

A = PlateAnalyzer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plate is QK 40192, parks it out front", [("QK 40192", "QK40192")]),
        ("plate abc1234 on a gray civic", [("abc1234", "ABC1234")]),
        ("sus placas son jkl-12-34", [("jkl-12-34", "JKL1234")]),
        ("IL tag ck 55019", [("ck 55019", "CK55019")]),
        ("Illinois plate 3B 8812 on a gray sedan", [("3B 8812", "3B8812")]),
        ("tag ZRT 5521 seen twice", [("ZRT 5521", "ZRT5521")]),
        ("the license plate of his truck, 911KPL", [("911KPL", "911KPL")]),
        ("trae placas PZT-44-12 de Jalisco", [("PZT-44-12", "PZT4412")]),
        ("placas de Illinois KD 77301, camioneta gris", [("KD 77301", "KD77301")]),
        ("matrícula WRD-519-B, la dejó en la esquina", [("WRD-519-B", "WRD519B")]),
    ],
)
def test_plates_en_es(text: str, expected: list) -> None:
    assert [(s, n) for s, n, _ in values(A, text)] == expected
    assert not any(r for _, _, r in values(A, text))


@pytest.mark.parametrize(
    "text",
    [
        "Plate the chicken and add salsa",
        "home plate in the 9th inning",
        "stepped on the plate and won 5-4",
        "el agente de la placa 4471 que golpeó a la señora",  # a badge number
        "the dinner plate special is $12",
        "he stepped on home plate in the 9th",
        "Tag your friends for a chance to win $50",
        "renew your plate sticker by June",
        "un plato hondo de pozole",
        "la placa base AB 1234 de la computadora",  # motherboard
        "placas de video RTX 4070 en oferta",  # graphics cards
        "le dieron una placa conmemorativa en 2019",
        "la matrícula del semestre cuesta $3,500",
        "Flight UA 1547 is delayed",
        "ZK 55019 was the code on the box",  # plate-shaped, no plate word
    ],
)
def test_hard_negatives(text: str) -> None:
    assert values(A, text) == []
