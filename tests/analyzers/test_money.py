"""The money analyzer: a table of English and Spanish amounts, and of numbers that are not money."""

from __future__ import annotations

import pytest

from threatdesk.analyzers.money import MoneyAnalyzer
from threatdesk.models import Item

ANALYZER = MoneyAnalyzer()


def money(text: str) -> list[tuple[int, str | None, str]]:
    return [
        (s.value["amount"], s.value["currency"], text[s.start : s.end])
        for s in ANALYZER(Item.from_text(text))
        if s.kind == "money"
    ]


@pytest.mark.parametrize(
    ("text", "amount", "currency", "span"),
    [
        # English: digits, signs, slang multipliers and words
        ("2k to whoever gets me pics", 2000, None, "2k"),
        ("10 racks for the address", 10000, None, "10 racks"),
        ("green light on the chief, 50 bands when it's done", 50000, None, "50 bands"),
        ("a stack for whoever finds where he parks", 1000, None, "a stack"),
        ("ten grand if somebody handles it", 10000, None, "ten grand"),
        ("I'll pay $2,000 for the plate", 2000, "USD", "$2,000"),
        ("1.5k in cash when it's done", 1500, None, "1.5k"),
        ("twenty five thousand dollars on his head", 25000, "USD", "twenty five thousand dollars"),
        ("USD 5,000 wired once it's over", 5000, "USD", "USD 5,000"),
        ("$500 in gift cards for his schedule", 500, "USD", "$500"),
        ("two hundred dollars for his photo", 200, "USD", "two hundred dollars"),
        # Spanish and Spanglish
        ("Pago 5 mil al que levante al jefe", 5000, None, "5 mil"),
        ("diez mil pesos por su dirección", 10000, "MXN", "diez mil pesos"),
        ("2 mil dólares por las placas", 2000, "USD", "2 mil dólares"),
        ("3 mil verdes pal que lo ubique", 3000, "USD", "3 mil verdes"),
        ("veinte mil al que le dé piso", 20000, None, "veinte mil"),
        ("treinta y cinco mil por el comandante", 35000, None, "treinta y cinco mil"),
        ("$10.000 pesos por la foto de su casa", 10000, "MXN", "$10.000 pesos"),
        ("un millón de dólares por su cabeza", 1_000_000, "USD", "un millón de dólares"),
        ("doscientos mil pesos al que lo traiga", 200_000, "MXN", "doscientos mil pesos"),
        ("mil dólares por el address del juez", 1000, "USD", "mil dólares"),
        ("5 millones de pesos de recompensa", 5_000_000, "MXN", "5 millones de pesos"),
        # slang multipliers of a hundred, and a dollar sum paid in crypto
        ("5 bills for the cop's home address", 500, None, "5 bills"),
        ("7 hundred to smack him", 700, None, "7 hundred"),
        ("$3k in btc to whoever does it", 3000, "USD", "$3k in btc"),
        # bare numbers that an offer frames as money
        ("600 to whoever throws him in the river", 600, None, "600"),
        ("900 to follow the van back to the hotel", 900, None, "900"),
        ("700 for the ice boss's license plate", 700, None, "700"),
        ("Will pay 1200 to whoever jumps him", 1200, None, "1200"),
        ("pago 1500 por la placa del agente", 1500, None, "1500"),
        ("te doy 300 si me mandas su ubicación", 300, None, "300"),
    ],
)
def test_amounts(text: str, amount: int, currency: str | None, span: str) -> None:
    assert money(text) == [(amount, currency, span)]


@pytest.mark.parametrize(
    "text",
    [
        "meet me at 5pm by the bridge",
        "they live at 2400 S Pulaski, second floor",
        "Rivera's team took them down 3-1 in the final",
        "call 312-555-0147 after 10:30",
        "he was first elected in 2019",
        "I ran a 5k run this morning",
        "we hit 10k followers today",
        "a grand jury indicted him on Tuesday",
        "nos vemos a las 5 en la plaza",
        "llegaron 2 mil personas a la marcha",
        "vive en la calle Pirul 118, colonia Centro",
        "ganamos 4 a 1 el domingo",
        # bare numbers without an offer around them, or years, times and small counts in one
        "the 2400 to 2600 block of Pulaski is closed",
        "he paid 2019 for that season's dues",
        "we got 12 for the team photo",
        "pay 40 at the door",
        "te doy 10 a las 8",
        "a bill to fund the schools passed",
    ],
)
def test_not_money(text: str) -> None:
    assert money(text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [("le doy una feria al que me diga dónde vive", "una feria"), ("a bag for whoever catches him", "a bag"), ("se paga bien, pregunten", "se paga bien")],
)
def test_unstated_sums_are_vague_not_invented(text: str, cue: str) -> None:
    signals = ANALYZER(Item.from_text(text))
    assert [s.value["cue"] for s in signals if s.kind == "money_vague"] == [cue]
    assert not [s for s in signals if s.kind == "money"]
