from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import values
from threatdesk.analyzers.pii_email import EmailAnalyzer

A = EmailAnalyzer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("his personal one is Rick.Dorsey77@example.com lol", [("Rick.Dorsey77@example.com", "rick.dorsey77@example.com", True)]),
        ("escríbele a la.jueza.m@example.org, ella sí contesta", [("la.jueza.m@example.org", "la.jueza.m@example.org", True)]),
        ("press inquiries: press@example.net", [("press@example.net", "press@example.net", False)]),
        ("Informes: ventas@example.com o en la tienda", [("ventas@example.com", "ventas@example.com", False)]),
        # written around spam filters
        ("mail him: j.doe [at] example [dot] com", [("j.doe [at] example [dot] com", "j.doe@example.com", True)]),
        ("escríbanle a jdoe (arroba) example.com ya", [("jdoe (arroba) example.com", "jdoe@example.com", True)]),
        ("su correo jdoe arroba example punto org", [("jdoe arroba example punto org", "jdoe@example.org", True)]),
        ("two: a_b+tag@example.com; c-d@sub.example.org.", [("a_b+tag@example.com", "a_b+tag@example.com", True), ("c-d@sub.example.org", "c-d@sub.example.org", True)]),
    ],
)
def test_emails_en_es(text: str, expected: list) -> None:
    assert values(A, text) == expected


@pytest.mark.parametrize(
    "text",
    ["meet @ 5 at the park", "follow @lawndale_plugg for more", "precio @ $20 c/u", "user@localhost is not an address", "a@b",
     "meet (at) home.", "we are at [the] park", "la arroba es un símbolo"],
)
def test_hard_negatives(text: str) -> None:
    assert values(A, text) == []
