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
        ("la esposa del comandante sale a las 7", [("la esposa del comandante", "family")]),
        ("la señora del comandante va al mercado", [("la señora del comandante", "family")]),
        ("su señora trabaja en el banco", [("su señora", "family")]),
        ("su marido maneja la troca", [("su marido", "family")]),
        ("that's his baby mama, she lives by the park", [("his baby mama", "family")]),
        ("the wife of the judge walks the dog at 6", [("the wife of the judge", "family")]),
        ("that cops wife works at the hospital", [("that cops wife", "family")]),
        ("vive con su jefa en la casa de la 26", [("su jefa", "family")]),
        ("his daughter plays at Kelly Park every saturday", [("his daughter plays at Kelly Park", "school")]),
        ("his kids go to the school on 47th", [("his kids go to the school on 47th", "school")]),
        ("the officer's kids go to whitman elementary", [("the officer's kids go to whitman elementary", "school")]),
        ("sus hijos estudian en la primaria benito juarez y salen a las 2", [("sus hijos estudian en la primaria benito juarez", "school")]),
        ("sus chamacos van a la secu de la 26", [("sus chamacos van a la secu de la 26", "school")]),
        ("su hija juega en el parque Harrison", [("su hija juega en el parque Harrison", "school")]),
        ("su hijo entrena en el Deportivo Benito Juárez los sábados", [("su hijo entrena en el Deportivo Benito Juárez", "school")]),
        ("his daughter is in 3rd grade at Birchwood Elementary", [("his daughter is in 3rd grade at Birchwood Elementary", "school")]),
        ("the detective's kids go to school", [("the detective's kids", "family")]),
        ("the wife of Officer Dunmore works at the bank", [("the wife of Officer Dunmore", "family")]),
        ("officer dunmore's wife drives a van", [("officer dunmore's wife", "family")]),
        ("her son is a student at Lane Tech", [("her son is a student at Lane Tech", "school")]),
        ("su hija estudia en la UNAM", [("su hija estudia en la UNAM", "school")]),
        ("his kids go to Whitman", [("his kids", "family")]),  # "go to" a name alone: maybe not a school
        ("la vieja de ese vato vive en la 26", [("la vieja de ese vato", "family")]),
        ("su hijo va en la secundaria 14", [("su hijo va en la secundaria 14", "school")]),
        ("la hija del juez va al kinder Rayito de Sol", [("la hija del juez va al kinder Rayito de Sol", "school")]),
        ("su esposa e hijos viven ahí", [("su esposa e hijos", "family")]),
        ("te marco del cel de mi jefa", [("mi jefa", "family")]),
        ("his pregnant wife is home alone", [("his pregnant wife", "family")]),
        ("her 8-year-old son walks to school", [("her 8-year-old son", "family")]),
        ("su única hija vive sola", [("su única hija", "family")]),
        ("his lady works at the bank", [("his lady", "family")]),
        ("my friend's wife called", [("my friend's wife", "family")]),
        ("Officer Ruiz's son goes to Curie High", [("Officer Ruiz's son goes to Curie High", "school")]),
        ("his daughter goes to school at Whitman Elementary", [("his daughter goes to school at Whitman Elementary", "school")]),
        ("his son's Little League team", [("his son", "family")]),
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
        "la jefa dijo que no hay junta hoy",  # a boss: nothing about home or family near it
        "la jefa del comandante ya sabe",
        "mi jefe dice que terminemos antes del viernes",
        "Ese policía merece la cárcel. Y su jefe también, por encubrirlo.",
        "chinga tu madre",
        "me vale madre lo que digas",
        "el hijo de la chingada",
        "la madre de todas las batallas",
        "the boys go to practice at 5",
        "te acabaste mis papas y ni me avisaste",
        "today's kids are soft",
        "my mother's day plans",
        "God's children",
        "the son of a bitch ran",
        "the mother of the bride",
        "the lady at the store",
        "it's baby time",
        "he's family to me",
        "she's mother of three",
        "what's mom doing",
        "who's daddy",
        "He's family, leave him alone",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert refs(text) == []


def test_lower_casing_keeps_letter_class_for_one_to_one_characters() -> None:
    """The kin prefilter reads letter runs of the lower-cased text in place of the text's own.

    That holds when every character that lower-cases to one character stays a letter or a
    non-letter; checked over every code point that has a case mapping (all below U+20000).
    """
    import re

    letter = re.compile(r"[^\W\d_]")
    changed = [
        hex(i) for i in range(0x20000)
        if len(chr(i).lower()) == 1 and bool(letter.fullmatch(chr(i))) != bool(letter.fullmatch(chr(i).lower()))
    ]
    assert changed == []


@pytest.mark.parametrize(
    "text",
    [
        "Rivera's team took them down 3-1",
        "MY SON-IN-LAW picks up the KIDS at 3",
        "la ESPOSA del Jefe vive en la Villita",
        "ΣΟΦΊΑ's brother",
        "İstanbul'daki kardeşim, his MOTHER",
        "no kin words here at all",
        "the old man and the sea",
        "mi tío y mis primos",
    ],
)
def test_kin_prefilter_agrees_with_the_word_look_up(text: str) -> None:
    """Where the prefilter finds no kin token, the per-word look-up finds no kin word either."""
    from threatdesk.analyzers import pii_family

    lower = text.lower()
    words = [m.group().lower() for m in pii_family._LETTERS.finditer(text)]
    has_kin_word = any(w in pii_family._KIN_TOKENS for w in words)
    if len(lower) == len(text):
        assert bool(pii_family._KIN_RUN.search(lower)) == has_kin_word
