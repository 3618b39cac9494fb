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
        ("whoever tells me where he lives gets a band", 1000, None, "a band"),
        ("a rack a head on anybody in a vest", 1000, None, "a rack"),
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
        ("450 for pics of the deputy's garage", 450, None, "450"),
        ("900 for anybody who follows her home", 900, None, "900"),
        ("900 to follow the van back to the hotel", 900, None, "900"),
        ("700 for the ice boss's license plate", 700, None, "700"),
        ("Will pay 1200 to whoever jumps him", 1200, None, "1200"),
        ("pago 1500 por la placa del agente", 1500, None, "1500"),
        ("te doy 300 si me mandas su ubicación", 300, None, "300"),
        # written-out sums, EN and ES, with the rest after the thousands
        ("cinco mil al que le dé piso al comandante", 5000, None, "cinco mil"),
        ("dos mil quinientos al que lo baje", 2500, None, "dos mil quinientos"),
        ("five thousand five hundred dollars for the address", 5500, "USD", "five thousand five hundred dollars"),
        ("medio millón de pesos por su cabeza", 500_000, "MXN", "medio millón de pesos"),
        # hundreds in slang and in words, a unit with no number opening a sentence, diminutive dollars
        ("5 hunnid for the opp's new spot", 500, None, "5 hunnid"),
        ("fifteen hunnid to whoever finds him", 1500, None, "fifteen hunnid"),
        ("twenty five hundred to whoever rams the sergeant's truck", 2500, None, "twenty five hundred"),
        ("band for the addy of the agent with the tattoo", 1000, None, "band"),
        ("who got eyes on him? rack for a location tonight", 1000, None, "rack"),
        ("mil dolaritos al que le ponga alas", 1000, "USD", "mil dolaritos"),
        # slang money words state no currency (docs/intent.md, "Label conventions")
        ("diez mil varos pal que lo ubique", 10000, None, "diez mil varos"),
        ("500 bolas al que me pase su placa", 500, None, "500 bolas"),
        ("Me debes 50 baros del partido", 50, None, "50 baros"),
        # a bare "mil" before the hundreds that finish the sum
        ("Mil doscientos dólares al que me diga dónde duerme", 1200, "USD", "Mil doscientos dólares"),
        ("mil y quinientos pesos pal que lo baje", 1500, "MXN", "mil y quinientos pesos"),
        ("5.000 dólares por la foto de su casa", 5000, "USD", "5.000 dólares"),
        ("$5,000 for the plate", 5000, "USD", "$5,000"),
        ("2,5k al que lo calienta", 2500, None, "2,5k"),
        ("$15 K if u catch him lacking", 15000, "USD", "$15 K"),
        ("5000$ por la foto del agente", 5000, "USD", "5000$"),
        # half a slang unit, "bans", and sums written as an adjective
        ("half a band to whoever clips him", 500, None, "half a band"),
        ("half a mil for the judge", 500_000, None, "half a mil"),
        ("2 bans if u catch him lacking", 2000, None, "2 bans"),
        ("a ban to whoever finds his crib", 1000, None, "a ban"),
        ("Million-dollar bounty on the head of the agent", 1_000_000, "USD", "Million-dollar"),
        ("a 10,000-dollar reward for his head", 10000, "USD", "10,000-dollar"),
        # "20 mil de mi bolsa" is money; "de" is followed by no count noun
        ("recibe 20 mil de mi bolsa", 20000, None, "20 mil"),
        # a dollar sum paid in crypto, with or without the sign; a coin amount is not dollars
        ("3k in btc to whoever does it", 3000, "USD", "3k in btc"),
        ("2 btc if u run him off the road", 2, "BTC", "2 btc"),
        # bare numbers in more offer frames
        ("te pago mil por la dirección", 1000, None, "mil"),
        ("800 por una foto de la casa del agente", 800, None, "800"),
        ("1500 al q le dé una calentada", 1500, None, "1500"),
        ("home addy? 500 in crypto, fast", 500, None, "500"),
        ("500 in visa gift cards to whoever catches him", 500, None, "500"),
        ("paying him 300. need anything else on her?", 300, None, "300"),
        ("ill sell u the agent's address for 500. u want it or not", 500, None, "500"),
        ("who wants to earn a quick 200? just need his schedule", 200, None, "200"),
        ("500 por hora a quien me pase la ubicación", 500, None, "500"),
        ("2500 to pistol whip the CO", 2500, None, "2500"),
        ("400 to get a pic of the cop's house", 400, None, "400"),
        ("who tryna make 2.5 tonight, need the opp handled", 2500, None, "2.5"),
        ("fotos de la casa del periodista, fachada y carros, 1500", 1500, None, "1500"),
        ("5.000 al que le prenda fuego a la camioneta", 5000, None, "5.000"),
        ("two and a half pal que se quiebre al oficial", 2500, None, "two and a half"),
        ("300 cash for pics of the cop's kids", 300, None, "300"),
        ("1000 to the man who gives the pastor a beating", 1000, None, "1000"),
        ("anyone know where the deputy lives? 500 if ur right", 500, None, "500"),
        ("5000 on whoever makes that cop a memory", 5000, None, "5000"),
        ("700 and a zip if u hit the cop at the gas station", 700, None, "700"),
        # slang units that are words of their own only count inside an offer frame
        ("20 large for the judge on the 2024 ruling", 20000, None, "20 large"),
        ("4g for the ice agent", 4000, None, "4g"),
        ("6 bandas, carnal, pal que le dé cran", 6000, None, "6 bandas"),
        ("4 grandes si el deputy ese no vuelve a ver el sol", 4000, None, "4 grandes"),
        ("million dollar bounty on his head", 1_000_000, "USD", "million dollar"),
        ("quarter mil on the head of the ICE field director", 250_000, None, "quarter mil"),
        ("4 g's. the AUSA on my brother case", 4000, None, "4 g's"),
        ("500 bills to beat the witness", 500, None, "500 bills"),
        ("2000 pa'l que averigüe en qué escuela", 2000, None, "2000"),
        ("dropeen el addy del migra ese y les paso 500", 500, None, "500"),
        ("20,000 for killing Judge Whitfield", 20000, None, "20,000"),
        ("150 to find out what time the opp get off work", 150, None, "150"),
        ("800 a la que le jale las greñas", 800, None, "800"),
        ("quinientos chavos si me dices en qué carro anda", 500, None, "quinientos chavos"),
        ("50 on cashapp to whoever tells me where the ump parks", 50, None, "50"),
        # a bare figure under 50 is thousands only in a street offer's own frame
        ("20 on the head of whoever ran up in grandma house", 20000, None, "20"),
        ("7.5 on bigg T head, cash app ready", 7500, None, "7.5"),
        ("put him to sleep and its 20. half when u get the car", 20000, None, "20"),
    ],
)
def test_amounts(text: str, amount: int, currency: str | None, span: str) -> None:
    """Each row is one way a sum is written or offered; the span shows exactly what was read."""
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
        "five hundred people marched downtown",
        "the band for the wedding was great",
        "twenty five hundred miles of coastline",
        # bare numbers without an offer around them, or years, times and small counts in one
        "the 2400 to 2600 block of Pulaski is closed",
        "he paid 2019 for that season's dues",
        "we got 12 for the team photo",
        "pay 40 at the door",
        "te doy 10 a las 8",
        "a bill to fund the schools passed",
        # prohibitions, games, rates of people and things, phones, ranges, sums needed or owed
        "a ban on assault weapons passed the senate",
        "half a ban on gatherings, says the mayor",
        "llegaron 10 mil de los manifestantes",
        "5k of them showed up at the rally",
        "Recompensa: 300 de experiencia y 50 de oro",
        "call me at 555-0147, ask for Dee",
        "from 100 to 200 people came to the vigil",
        "we need 100 to get the van fixed",
        "I got 100 followers for the page",
        "we paid 45.50 for lunch",
        "he got 20 years for it",
        "meet at 10:30, bring 50",
        "the final score, 2019",
        "they won 3-1, the final was at 7pm",
        "we ordered 20 large pizzas for the team",
        "5 bandas tocaron en el festival",
        "my phone finally gets 5g at home",
        "it's 500 miles away",
        "that's 300 people at the march",
        "who got the 411 on the lady that testified",
        "i'll give u 5 if u help me move",
        "tickets, its 20 for the show",
        "we won the 2000 final and the 2019 cup",
        # "a band", "a rack", "a stack" as music, food and a pile
        "he plays in a band for fun",
        "she started a band with her cousins",
        "left a stack of flyers at the door",
        "we split a rack of ribs for the game",
        "they hired a band for the quinceañera",
        # "another" and "more" before or after a count are not an offer
        "another 200 people showed up at the hearing",
        "we need 300 more chairs for the hall",
        # a few *chavos* are kids; hundreds of them are money (Puerto Rican Spanish)
        "en la azotea hay dos chavos con radio",
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
