from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import spans
from threatdesk.analyzers.pii_vehicle import VehicleAnalyzer

A = VehicleAnalyzer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("drives a black Chevy Tahoe to work", ["a black Chevy Tahoe"]),
        ("it was a silver 2018 Honda Accord", ["a silver 2018 Honda Accord"]),
        ("look for a lifted white Ford F-250", ["a lifted white Ford F-250"]),
        ("their blue Kia Sorento is outside", ["blue Kia Sorento"]),
        ("a maroon Dodge Grand Caravan minivan", ["a maroon Dodge Grand Caravan minivan"]),
        ("2014 Nissan Altima, no front plate", ["2014 Nissan Altima"]),
        ("trae una camioneta Tahoe negra", ["una camioneta Tahoe negra"]),
        ("un Versa 2017 gris", ["un Versa 2017 gris"]),
        ("una Hilux blanca del 2012", ["una Hilux blanca del 2012"]),
        ("un Jetta de color azul", ["un Jetta de color azul"]),
        ("una moto Italika roja", ["una moto Italika roja"]),
        ("una van gris de carga", ["una van gris de carga"]),
        # lower case, as chats write them
        ("a black tahoe with tinted windows", ["a black tahoe"]),
        ("he drives a white f-150", ["a white f-150"]),
        ("trae una suburban negra", ["una suburban negra"]),
        ("un nissan blanco 2015", ["un nissan blanco 2015"]),
        ("a 2019 toyota camry", ["a 2019 toyota camry"]),
    ],
)
def test_vehicles_en_es(text: str, expected: list) -> None:
    assert spans(A, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we drove up to Lake Tahoe last summer",
        "a white suburban mom",
        "a black mustang ran across the field",
        "the red rogue wave",
        "a blue accord was signed",
        "dodge the cops",
        "the Jaguars covered the spread",
        "el jaguar del zoológico",
        "El camión 9 pasa cada 15 minutos",
        "the family car is in the shop",
        "his truck again",
        "our pilot said we'd land early",
        "Escape room tickets at $20",
        "un lobo gris en el bosque",
        "marzo y abril fueron lluviosos",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert spans(A, text) == []
