from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import found
from threatdesk.analyzers.pii_address import AddressAnalyzer, normalize_address

A = AddressAnalyzer()


def addrs(text: str) -> list[tuple[str, str, bool]]:
    return [(text[s.start : s.end], s.value["type"], s.restricted) for s in found(A, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he lives at 1234 W 18th St with his mom", [("1234 W 18th St", "address", True)]),
        ("moved to 5521 N Marigold Ave Apt 3, Chicago, IL 60625 last year", [("5521 N Marigold Ave Apt 3, Chicago, IL 60625", "address", True)]),
        ("the house at 818 South Fennel Court", [("818 South Fennel Court", "address", True)]),
        ("vive en la 4410 S Calle Rosal", [("4410 S Calle Rosal", "address", True)]),
        ("Domicilio: Calle Jacaranda 55, col. Las Palmas, Zapopan", [("Calle Jacaranda 55, col. Las Palmas, Zapopan", "address", True)]),
        ("Av. Vallarta 3040, int. 7, en Guadalajara", [("Av. Vallarta 3040, int. 7", "address", True)]),
        ("Priv. Los Olmos 9, Fracc. Real del Sol", [("Priv. Los Olmos 9, Fracc. Real del Sol", "address", True)]),
        ("the corner of 31st and Kedzie", [("the corner of 31st and Kedzie", "intersection", False)]),
        ("parks on Cermak and Central Park every day", [("Cermak and Central Park", "intersection", False)]),
        ("lo vieron en la 26 y Pulaski", [("la 26 y Pulaski", "intersection", False)]),
        ("nos vemos en Damen y la 18", [("Damen y la 18", "intersection", False)]),
        ("Our office is at 210 W Randolph St, Suite 400", [("210 W Randolph St, Suite 400", "address", False)]),
        ("Visit our store at 3300 W 26th St, open daily", [("3300 W 26th St", "address", False)]),
    ],
)
def test_addresses_en_es(text: str, expected: list) -> None:
    assert addrs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3 blocks down the road from the park",
        "the 18th Street mural tour leaves at 2",
        "la calle 26 estará cerrada",
        "Sons and Lovers was published in 1913",
        "Jackson and Madison were presidents",
        "finished 1st and 2nd in the race",
        "Zip code 60623 had the highest turnout",
        "Take I-55 to exit 286, Route 66 for 12 miles",
        "Room 2816, checkout at 11:00",
        "Nació el 5 de mayo de 1985 en Zacatecas",
        "between 3 and 4 pm",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert addrs(text) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2816 W Tamarind Ct, Chicago, IL 60623", "2816 West Tamarind Court"),
        ("4419 W Brantwood Ln", "4419 w brantwood lane"),
        ("1147 N Quillfeather St", "1147 North Quillfeather Street, Apt 2"),
    ],
)
def test_normalisation_makes_one_home_one_form(a: str, b: str) -> None:
    assert normalize_address(a) == normalize_address(b)
