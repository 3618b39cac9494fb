"""Vehicle descriptions: "a black Chevy Tahoe", "una camioneta Suburban blanca".

Most model names are also ordinary words (Tahoe, Pilot, Soul, Lobo, March), so a model or
make alone is never enough: it must come with a colour, a year, a make next to a model, or
a vehicle noun ("camioneta", "moto", "van", "truck"); a vehicle noun with a colour counts on
its own ("una van blanca"). Model and make names are matched case-sensitively, so "the
jaguar at the zoo" and "Lake Tahoe" stay out. Not restricted under 18 U.S.C. 119, but a
protectee's car is part of doxxing and of surveillance reports.
"""

from __future__ import annotations

import re

from threatdesk.analyzers._pii import pii_signal, trie_alternation
from threatdesk.models import Item, Signal

MAKES = (
    "Acura", "Alfa Romeo", "Audi", "BMW", "Buick", "Cadillac", "Chevrolet", "Chevy", "Chrysler",
    "Dodge", "Fiat", "Ford", "GMC", "Genesis", "Harley-Davidson", "Harley", "Honda", "Hyundai",
    "Infiniti", "Italika", "Jaguar", "Jeep", "Kawasaki", "Kia", "Land Rover", "Lexus", "Lincoln",
    "Mazda", "Mercedes-Benz", "Mercedes", "Mini", "Mitsubishi", "Nissan", "Peugeot", "Pontiac",
    "Porsche", "Ram", "Renault", "Seat", "SEAT", "Subaru", "Suzuki", "Tesla", "Toyota",
    "Volkswagen", "VW", "Volvo", "Yamaha",
)
MODELS = (
    "4Runner", "Acadia", "Accent", "Accord", "Altima", "Armada", "Astro", "Attitude", "Avalanche",
    "Avanza", "Aveo", "Beat", "Beetle", "Blazer", "Bronco", "Camaro", "Camry", "Captiva",
    "Caravan", "Cavalier", "Challenger", "Charger", "Cherokee", "Cheyenne", "Civic", "Colorado",
    "Compass", "Cooper", "Corolla", "Corvette", "CR-V", "Crosstrek", "Crown Victoria", "Cruze",
    "CX-5", "CX-9", "Dakota", "Dart", "Durango", "Ecosport", "Edge", "Elantra", "Enclave",
    "Equinox", "Escalade", "Escape", "Expedition", "Explorer", "Express", "F-150", "F-250",
    "F-350", "Fiesta", "Focus", "Forester", "Forte", "Frontier", "Fusion", "Gladiator", "Golf",
    "Grand Caravan", "Grand Cherokee", "Grand Marquis", "Hiace", "Highlander", "Hilux", "HR-V",
    "Impala", "Impreza", "Jetta", "Journey", "Kangoo", "Kicks", "Lancer", "Legacy", "Liberty",
    "Lobo", "Malibu", "March", "Maxima", "Mirage", "Murano", "Mustang", "Navigator", "Neon",
    "NP300", "Odyssey", "Optima", "Outback", "Outlander", "Pacifica", "Passat", "Pathfinder",
    "Patriot", "Pilot", "Platina", "Polo", "Prius", "Ranger", "RAV4", "Renegade", "Ridgeline",
    "Rio", "Rogue", "Santa Fe", "Savana", "Sentra", "Sienna", "Sierra", "Silverado", "Sonata",
    "Sonic", "Sorento", "Soul", "Spark", "Sportage", "Sprinter", "Street Glide", "Suburban",
    "Tacoma", "Tahoe", "Taurus", "Telluride", "Terrain", "Tiguan", "Tiida", "Titan", "Tornado",
    "Transit", "Traverse", "Trax", "Tsuru", "Tucson", "Tundra", "Vento", "Versa", "Vocho",
    "Voyager", "Wrangler", "Yaris", "Yukon", "RX", "Model 3", "Model S", "Model X", "Model Y",
)
COLOURS_EN = (
    "black", "white", "silver", "gray", "grey", "red", "blue", "navy blue", "navy", "dark blue",
    "light blue", "green", "dark green", "tan", "gold", "maroon", "burgundy", "orange", "yellow",
    "brown", "beige", "purple", "champagne", "bronze", "dark gray", "dark grey", "light gray",
    "dark-colored", "dark-coloured", "light-colored", "two-tone",
)
COLOURS_ES = (
    "negro", "negra", "blanco", "blanca", "gris", "rojo", "roja", "azul marino", "azul",
    "verde", "plateado", "plateada", "dorado", "dorada", "café", "guinda", "vino", "amarillo",
    "amarilla", "naranja", "beige", "morado", "morada", "arena", "tinto", "oscuro", "oscura",
    "claro", "clara", "arena",
)
#: Makes and models that are no ordinary word, so they are found in lower case too ("a black
#: tahoe", "un nissan blanco", "white f-150"); still only with a colour, year, make or noun.
LOWER_MAKES = (
    "chevy", "chevrolet", "toyota", "honda", "nissan", "ford", "dodge", "jeep", "kia", "hyundai", "mazda",
    "subaru", "vw", "bmw", "lexus", "audi", "tesla", "gmc", "chrysler", "cadillac", "buick", "volkswagen",
    "mitsubishi", "infiniti", "acura",
)
LOWER_MODELS = (
    "tahoe", "silverado", "f-150", "f150", "f-250", "f-350", "camry", "corolla", "altima", "sentra", "tsuru",
    "jetta", "tacoma", "tundra", "rav4", "cr-v", "crv", "hr-v", "4runner", "escalade", "yukon", "wrangler",
    "camaro", "elantra", "sorento", "sportage", "highlander", "prius", "aveo", "cruze", "np300", "hilux",
    "hiace", "tiguan", "passat", "vocho", "crosstrek", "impreza", "outlander", "pathfinder", "murano",
    "sienna", "civic", "suburban", "cheyenne", "grand cherokee", "durango", "explorer", "equinox",
    "malibu", "impala", "mustang", "charger", "rogue", "versa", "accord", "odyssey",
)
ADJECTIVES_EN = ("lifted", "unmarked", "tinted", "old", "new", "beat-up", "rusty", "dented", "marked", "dark", "light", "older", "newer")
NOUNS_ES = ("camioneta", "moto", "motoneta", "motocicleta", "carro", "coche", "auto", "van", "pickup", "troca", "camión")
NOUNS_EN = ("van", "minivan", "truck", "pickup", "SUV", "sedan", "coupe", "motorcycle", "car", "hatchback", "wagon")


def _alt(words: tuple[str, ...], *, ignore_case: bool = False) -> str:
    body = trie_alternation({w.lower() for w in words} if ignore_case else set(words))
    return f"(?i:{body})" if ignore_case else body


_YEAR = r"(?:(?:19|20)\d{2}|['’]\d{2})"
_VEHICLE = re.compile(
    r"(?<![\w\-])"
    r"(?P<art>(?i:a|an|un|una)\s+)?"
    r"(?P<adj>(?:" + _alt(ADJECTIVES_EN, ignore_case=True) + r"\s+){0,2})"
    r"(?:(?P<col_en>" + _alt(COLOURS_EN, ignore_case=True) + r")\s+)?"
    r"(?:(?P<year_pre>" + _YEAR + r")\s+)?"
    r"(?:(?P<noun_es>" + _alt(NOUNS_ES, ignore_case=True) + r")\s+)?"
    r"(?:"
    r"(?:(?P<make>" + _alt(MAKES) + r"|" + _alt(LOWER_MAKES, ignore_case=True) + r")\s+)?"
    r"(?P<model>" + _alt(MODELS) + r"|(?P<low_model>" + _alt(LOWER_MODELS, ignore_case=True) + r"))(?:\s+(?P<num>\d{1,4}))?"
    r"|(?P<make_only>" + _alt(MAKES) + r"|" + _alt(LOWER_MAKES, ignore_case=True) + r")(?:\s+(?P<num2>\d{1,4}))?"
    r"|(?P<bare_noun>" + _alt(NOUNS_ES + NOUNS_EN, ignore_case=True) + r")"
    r")"
    r"(?:\s+(?P<noun_en>" + _alt(NOUNS_EN, ignore_case=True) + r"))?"
    r"(?:\s+(?P<year_mid>" + _YEAR + r"))?"
    r"(?:\s+(?:(?i:de)\s+)?(?:(?i:color)\s+)?(?P<col_es>" + _alt(COLOURS_ES, ignore_case=True) + r"))?"
    r"(?:\s+(?:(?i:del)\s+)?(?P<year_post>" + _YEAR + r"))?"
    r"(?:\s+(?P<use>(?i:de\s+(?:reparto|carga|redilas|volteo))))?"
    r"(?![\w\-])"
)


#: Lower-case models that are also English words or animals: they need a make, a vehicle noun
#: or a Spanish article ("una suburban negra") besides a colour.
_ENGLISH_WORD_MODELS = frozenset(
    {"suburban", "mustang", "impala", "explorer", "charger", "rogue", "accord", "odyssey", "equinox", "malibu",
     "durango", "cheyenne", "civic", "versa"}
)
_WORDS = re.compile(r"[\w\-]+")
#: First words of every make, model and vehicle noun: a text with none of them has no vehicle.
_TRIGGERS = frozenset(w.split()[0].lower() for w in (*MAKES, *MODELS, *LOWER_MAKES, *LOWER_MODELS, *NOUNS_ES, *NOUNS_EN))


class VehicleAnalyzer:
    name = "pii_vehicle"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        if _TRIGGERS.isdisjoint(map(str.lower, _WORDS.findall(text))):
            return []
        found: list[Signal] = []
        for m in _VEHICLE.finditer(text):
            colour = m["col_en"] or m["col_es"]
            year = m["year_pre"] or m["year_mid"] or m["year_post"]
            noun = m["noun_es"] or m["noun_en"]
            if m["bare_noun"]:
                if not colour or m["make"] or (m["col_en"] is None and m["col_es"] is None):
                    continue
                if m["noun_es"] or m["noun_en"]:
                    continue
            elif m["make_only"]:
                if not (colour or year or noun):
                    continue
            elif not (colour or year or noun or m["make"] or m["num"]):
                continue
            elif m["low_model"] and m["low_model"][0].islower() and not (colour or year or noun or m["make"]):
                continue  # "mustang", "impala", "explorer" in lower case alone are animals and words
            if (m["low_model"] or "").lower() in _ENGLISH_WORD_MODELS and m["low_model"][0].islower() and not (
                m["make"] or noun or m["noun_es"] or (m["art"] or "").strip().lower() in ("un", "una")
            ):
                continue  # "a white suburban mom", "a black mustang" need a make or a vehicle noun in lower case
            start = m.start("adj") if m["adj"] and not m["art"] else m.start()
            if not m["art"] and not m["adj"]:
                for group in ("col_en", "year_pre", "noun_es", "make", "model", "make_only", "bare_noun"):
                    if m[group]:
                        start = m.start(group)
                        break
            end = m.end()
            words = [w for w in (colour, year, m["make"] or m["make_only"], m["model"], m["num"] or m["num2"]) if w]
            found.append(
                pii_signal(
                    "pii_vehicle.v1",
                    type="vehicle",
                    start=start,
                    end=end,
                    normalized=" ".join(words).lower(),
                    confidence=0.8,
                    reason="vehicle description",
                )
            )
        return found
