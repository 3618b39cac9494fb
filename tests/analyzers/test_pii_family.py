from __future__ import annotations

import pytest

from tests.analyzers.pii_helpers import found
from threatdesk.analyzers.pii_family import FamilyAnalyzer

A = FamilyAnalyzer()


def refs(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.value["type"]) for s in found(A, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("his wife works nights", [("his wife", "family")]),
        ("her kids go to Larchmont Elementary", [("her kids go to Larchmont Elementary", "school")]),
        ("the deputy's son plays travel ball", [("the deputy's son", "family")]),
        ("their daughter's daycare is on Archer", [("their daughter's daycare", "school")]),
        ("Both of his boys", [("Both of his boys", "family")]),
        ("his wife and three kids", [("his wife and three kids", "family")]),
        ("su esposa sale a las 7", [("su esposa", "family")]),
        ("sus hijos estudian en la Primaria Ignacio Zaragoza", [("sus hijos estudian en la Primaria Ignacio Zaragoza", "school")]),
        ("la hija del comandante", [("la hija del comandante", "family")]),
        ("la escuela de sus hijos", [("la escuela de sus hijos", "school")]),
        ("su hija va al Kinder Pasitos", [("su hija va al Kinder Pasitos", "school")]),
        ("mi hermano y yo", [("mi hermano", "family")]),
    ],
)
def test_family_en_es(text: str, expected: list) -> None:
    assert refs(text) == expected
    assert not any(s.restricted for s in found(A, text))


@pytest.mark.parametrize(
    "text",
    [
        "El padre Tomás da misa a las 12",
        "le pusieron las esposas al detenido",
        "Mother's Day brunch at 11",
        "Sons of Anarchy marathon tonight",
        "Los hijos de Sánchez es un clásico",
        "The Wife of Bath's Tale",
        "the kids played hard tonight",
        "El Padrino se estrenó en 1972",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert refs(text) == []
