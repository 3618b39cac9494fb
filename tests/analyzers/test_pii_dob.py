from __future__ import annotations

from datetime import UTC, datetime

import pytest

from threatdesk.analyzers.pii_dob import DobAnalyzer
from threatdesk.models import Item

A = DobAnalyzer()
POSTED = datetime(2026, 11, 1, tzinfo=UTC)


def dobs(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    item = Item.from_text(text, lang=lang, posted_at=POSTED)
    return [(text[s.start : s.end], s.value["normalized"]) for s in A(item)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("DOB 04/17/1979, lives alone", "en", [("04/17/1979", "1979-04-17")]),
        ("born March 9, 1985 in Cicero", "en", [("March 9, 1985", "1985-03-09")]),
        ("nacido el 3 de marzo del 79", "es", [("3 de marzo del 79", "1979-03-03")]),
        ("born May 5, '79 in Berwyn", "en", [("May 5, '79", "1979-05-05")]),
        ("date of birth: 1990-12-02", "en", [("1990-12-02", "1990-12-02")]),
        ("her birthday is 22 Aug 1974", "en", [("22 Aug 1974", "1974-08-22")]),
        ("b. 6/3/81, retired", "en", [("6/3/81", "1981-06-03")]),
        ("nació el 14 de noviembre de 1983", "es", [("14 de noviembre de 1983", "1983-11-14")]),
        ("Fecha de nacimiento: 03/04/1977", "es", [("03/04/1977", "1977-04-03")]),
        ("F. nac. 25/12/1969", "es", [("25/12/1969", "1969-12-25")]),
        ("hoja filtrada: 401-23-8817, 11/06/1972, domicilio", "es", [("11/06/1972", "1972-06-11")]),
    ],
)
def test_birth_dates_en_es(text: str, lang: str, expected: list) -> None:
    assert dobs(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the hearing on 11/18/2025 was continued to 01/09/2026",
        "la reunión del 14/03/2026 es a las 10",
        "la reunión del 3 de marzo del 26",
        "Happy birthday to our shop, 10 years on 05/02/2024!",
        "Born in the U.S.A. came out in 1984",
        "el sismo del 19 de septiembre de 2017",
        "invoice dated 1988-02-03 found in the archive",
        "DOB column is empty",
        "born on 02/30/1980",  # no such day
        "born 12/12/2031",  # in the future
    ],
)
def test_hard_negatives(text: str) -> None:
    assert dobs(text) == []
