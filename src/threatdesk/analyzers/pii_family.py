"""Family and school references: "his wife", "her kids go to Whitman Elementary",
"sus hijos estudian en la Primaria Benito Juárez", "la esposa del comandante".

A kinship word counts only with a possessor: a possessive ("his", "su", "mis"), a
possessive noun ("the agent's brother"), or in Spanish "the <relative> of the <role>"
("los hijos del fiscal"). That leaves out the priest ("el padre Miguel"), handcuffs ("las
esposas"), "Mother's Day", "Sons and Lovers" and "Los hijos de Sánchez". When the same
clause says which school or daycare the relative attends, the whole clause is one span of
type ``school``, because that is what puts a child in reach.
"""

from __future__ import annotations

import re

from threatdesk.analyzers._pii import pii_signal
from threatdesk.models import Item, Signal

KIN_EN = (
    "wife", "husband", "ex-wife", "ex-husband", "spouse", "son", "sons", "daughter", "daughters",
    "kid", "kids", "children", "child", "boy", "boys", "girl", "girls", "mother", "father", "mom",
    "dad", "mum", "parents", "brother", "brothers", "sister", "sisters", "niece", "nieces",
    "nephew", "nephews", "grandkids", "grandchildren", "grandson", "granddaughter", "grandmother",
    "grandfather", "grandma", "grandpa", "mother-in-law", "father-in-law", "in-laws", "twins",
    "family", "fiancée", "fiancé", "fiance", "fiancee", "girlfriend", "boyfriend", "stepson",
    "stepdaughter", "stepkids", "baby", "toddler", "cousin", "uncle", "aunt",
)
KIN_ES = (
    "esposa", "esposo", "esposos", "hijo", "hijos", "hija", "hijas", "niño", "niños", "niña",
    "niñas", "mamá", "papá", "papás", "madre", "padre", "padres", "hermano", "hermanos", "hermana",
    "hermanas", "sobrino", "sobrinos", "sobrina", "sobrinas", "nieto", "nietos", "nieta", "nietas",
    "suegra", "suegro", "suegros", "familia", "novia", "novio", "pareja", "abuela", "abuelo",
    "abuelos", "primo", "prima", "tío", "tía", "cuñado", "cuñada", "bebé", "chamacos", "morros",
    "plebes", "gemelos", "gemelas", "mujer", "señora", "vieja", "jefa", "jefe",
)
ROLES_ES = (
    "agente", "comandante", "fiscal", "juez", "jueza", "policía", "oficial", "sargento", "alcalde",
    "alcaldesa", "regidor", "regidora", "custodio", "custodia", "alguacil", "diputado", "diputada",
    "senador", "senadora", "gobernador", "gobernadora", "jefe", "jefa", "mp", "ministerio público",
    "migra", "federal", "soldado", "militar", "marshal", "sheriff", "guardia", "director",
    "directora", "licenciado", "licenciada", "capitán", "teniente", "delegado", "delegada",
)
_MOD_EN = r"(?:(?:two|three|four|five|\d|elderly|little|young|youngest|oldest|older|younger|teenage|adult|baby|own|grown)\s+)"
_MOD_ES = r"(?:(?:dos|tres|cuatro|cinco|\d|pequeñ[oa]s?|chiquit[oa]s?|menores|mayores|propi[oa]s?)\s+)"
_SCHOOL_WORDS = re.compile(
    r"(?i:elementary|middle|high\s+school|school|academy|prep|preschool|daycare|kindergarten|"
    r"primaria|secundaria|preparatoria|prepa|colegio|kinder|k[ií]nder|escuela|instituto|academia|"
    r"guarder[ií]a|jard[ií]n\s+de\s+niños|st\.|saint|san\s|santa\s)"
)


def _alt(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


_KIN = "(?:" + _alt(KIN_EN) + "|" + _alt(KIN_ES) + ")"
_POSS = (
    r"(?:his|her|their|your|my|our|su|sus|tu|tus|mi|mis|nuestr[oa]s?|"
    r"the\s+(?:[\w\-]+\s+){0,2}[\w\-]+['’]s|"
    r"(?-i:(?:[A-Z][\w\-.]*\s+){0,2}[A-Z][\w\-]+['’]s))"
)
_SCHOOL_WORD = r"(?:St\.|Sta\.|[A-ZÁÉÍÓÚÑ][\w'’\-]*|\d{1,3}|de|del|la|las|los|of|the)"
_SCHOOL_NAME = (
    r"(?:(?:la|el|the)\s+)?(?:(?:escuela|school)\s+)?" + _SCHOOL_WORD + r"(?:\s+" + _SCHOOL_WORD + r"){0,5}"
)
_ATTENDS = (
    r"(?:go(?:es)?\s+to|went\s+to|attends?|is\s+at|are\s+at|is\s+enrolled\s+at|"
    r"estudian?\s+en|van?\s+(?:al?|en)|asisten?\s+al?|est[aá]n?\s+en)"
)
_FAMILY = re.compile(
    r"(?<![\w\-])(?i:"
    r"(?P<school_of>(?:la\s+|the\s+)?(?:escuela|guarder[ií]a|primaria|secundaria|kinder|colegio)\s+de\s+"
    r"(?:su|sus|tu|tus|mi|mis)\s+" + _MOD_ES + r"?" + _KIN + r")"
    r"|(?P<ref>"
    r"(?:(?:both|all|one|each|two|three)\s+of\s+)?" + _POSS + r"\s+(?:ex-|step-?)?" + r"(?:" + _MOD_EN + r"|" + _MOD_ES + r")?" + _KIN +
    r"|(?:el|la|los|las)\s+" + _MOD_ES + r"?" + _KIN + r"\s+(?:del|de\s+la|de\s+los|de\s+las)\s+" + _alt(ROLES_ES) +
    r"|(?:the|los|las)\s+(?:" + _MOD_EN + r"|" + _MOD_ES + r")?(?:kids|boys|girls|children|niños|niñas|hijos|hijas)(?=\s+" + _ATTENDS + r")"
    r")"
    r"(?P<coord>\s+(?:and|y|&)\s+(?:" + _MOD_EN + r"|" + _MOD_ES + r")?" + _KIN + r")?"
    r")"
    r"(?P<possessed>['’]s\s+(?i:school|daycare|preschool|kindergarten))?"
    r"(?![\w\-])"
)
_ATTEND_RE = re.compile(r"\s+(?i:" + _ATTENDS + r")\s+(?P<school>" + _SCHOOL_NAME + r")")


class FamilyAnalyzer:
    name = "pii_family"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        found: list[Signal] = []
        for m in _FAMILY.finditer(text):
            start, end = m.start(), m.end()
            kind = "family"
            if m["school_of"] or m["possessed"]:
                kind = "school"
            else:
                attend = _ATTEND_RE.match(text, end)
                if attend and _SCHOOL_WORDS.search(attend["school"]):
                    school = attend["school"].rstrip(".,")
                    end = attend.start("school") + len(school)
                    kind = "school"
                elif not m["ref"] or re.match(r"(?i)(?:the|los|las)\s", m.group()) and not re.search(r"['’]s\s", m.group()) and not re.search(r"(?i)\s(?:del|de\s+la|de\s+los|de\s+las)\s", m.group()):
                    continue
            found.append(
                pii_signal(
                    "pii_family.v1",
                    type=kind,
                    start=start,
                    end=end,
                    normalized=None,
                    confidence=0.8 if kind == "family" else 0.85,
                    reason="names where a relative goes to school" if kind == "school" else "reference to a person's family",
                )
            )
        return found
