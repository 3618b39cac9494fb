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
        # lower case and sloppy forms, as chats write them
        ("he stays at 1234 w 18th st now", [("1234 w 18th st", "address", True)]),
        ("moved to 2231 s hoyne ave apt 2 last month", [("2231 s hoyne ave apt 2", "address", True)]),
        ("she lives at 2231 n. hoyne, 2nd floor", [("2231 n. hoyne, 2nd floor", "address", True)]),
        ("found him: 4419 w brantwood ln unit 3", [("4419 w brantwood ln unit 3", "address", True)]),
        ("the van sits outside 818 kedzie ave every night", [("818 kedzie ave", "address", True)]),
        ("1402 S VINEWOOD AVE, BASEMENT", [("1402 S VINEWOOD AVE, BASEMENT", "address", True)]),
        ("meet at 18th & blue island", [("18th & blue island", "intersection", False)]),
        ("estan en la 26 y kedzie", [("la 26 y kedzie", "intersection", False)]),
        ("he's always on 47th by the walgreens", [("47th by the walgreens", "intersection", False)]),
        ("se para en la 26 por el oxxo", [("la 26 por el oxxo", "intersection", False)]),
        ("vive en calle hoyne #2231", [("calle hoyne #2231", "address", True)]),
        ("vive en la hoyne #2231", [("la hoyne #2231", "address", True)]),
        ("su casa: calle Fresno 9, col. Centro", [("calle Fresno 9, col. Centro", "address", True)]),
        ("en la privada Los Olivos #12 vive el juez", [("privada Los Olivos #12", "address", True)]),
        ("meet at 47th n ashland", [("47th n ashland", "intersection", False)]),
        ("they hang at 47th/ashland every night", [("47th/ashland", "intersection", False)]),
        ("Cermak & Western again", [("Cermak & Western", "intersection", False)]),
        ("parks on Ashland near 47th", [("Ashland near 47th", "intersection", False)]),
        ("vive en Mz. 3 Lt. 12, col. Las Flores", [("Mz. 3 Lt. 12, col. Las Flores", "address", True)]),
        ("su casa está en la 2231 de la Hoyne", [("2231 de la Hoyne", "address", True)]),
        ("vive en 2231 s hoyne ave, depa 2", [("2231 s hoyne ave, depa 2", "address", True)]),
        ("he lives at 2231 S Hoyne Ave 3rd fl", [("2231 S Hoyne Ave 3rd fl", "address", True)]),
        ("2231 S Hoyne Ave unit B-2, ring twice", [("2231 S Hoyne Ave unit B-2", "address", True)]),
        ("2231 S Hoyne Ave, depa en renta", [("2231 S Hoyne Ave", "address", True)]),  # no unit number: not a unit
        ("vive en Hoyne 2231", [("Hoyne 2231", "address", True)]),
        ("vive por la 26 y la Kedzie", [("la 26 y la Kedzie", "intersection", False)]),
        ("en la 26th y Pulaski", [("la 26th y Pulaski", "intersection", False)]),
        ("meet at 26 & pulaski", [("26 & pulaski", "intersection", False)]),
        ("w 26th st & s pulaski rd", [("w 26th st & s pulaski rd", "intersection", False)]),
        ("Av. Revolución esquina con Calle 12", [("Av. Revolución esquina con Calle 12", "intersection", False)]),
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
        # times, scores, prices, years, codes and counts in lower case
        "it's a 5 minute drive from here",
        "we won 3 to 1 on the east side",
        "the 2200 block of S Hoyne Ave was closed",
        "model 4410 w series ave edition",
        "I paid 150 bucks for the ct scan",
        "meet me at 7 w the boys",
        "see you at 10 on state st",
        "at 3 pm on 26th st",
        "2019 was a good year for the st louis cardinals",
        "he ran 26 miles down lake shore dr",
        "la calle tiene 20 baches",
        "el 15 de septiembre en la 26",
        "the 100 best places to eat",
        "Hay una recompensa privada de 50 mil para quien lo entregue",
        "LE PEGUE AL CARRO DEL JUEZ EN LA CARRETERA COBRA 20 MIL.",
        "the 3 kids went to the park by the school",
        "tag MP 81243 on Archer",
        "the 26th/27th of May",
        "split it 50/50 with the boys",
        "en Western 2019 fue campeón",
        "top 10 and Western movies",
        "we won 3 and Kedzie lost",
        "the party runs from 2 to 8 at Hermitage Hall",
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
        ("1234 W 18TH ST", "1234 w 18th st"),
        ("1234 w. 18th st.", "1234 West 18th Street, 2nd floor"),
        ("2231 S HOYNE AVE #3", "2231 s hoyne ave apt 2"),
    ],
)
def test_normalisation_makes_one_home_one_form(a: str, b: str) -> None:
    assert normalize_address(a) == normalize_address(b)
