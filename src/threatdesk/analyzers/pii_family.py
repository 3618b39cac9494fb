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

from threatdesk.analyzers._pii import pii_signal, trie_alternation
from threatdesk.models import Item, Signal

KIN_EN = (
    "wife", "husband", "ex-wife", "ex-husband", "spouse", "son", "sons", "daughter", "daughters",
    "kid", "kids", "children", "child", "boy", "boys", "girl", "girls", "mother", "father", "mom",
    "dad", "mum", "parents", "brother", "brothers", "sister", "sisters", "niece", "nieces",
    "nephew", "nephews", "grandkids", "grandchildren", "grandson", "granddaughter", "grandmother",
    "grandfather", "grandma", "grandpa", "mother-in-law", "father-in-law", "in-laws", "twins",
    "family", "fiancée", "fiancé", "fiance", "fiancee", "girlfriend", "boyfriend", "stepson",
    "stepdaughter", "stepkids", "baby", "toddler", "cousin", "uncle", "aunt",
    # spoken and sloppy forms
    "baby mama", "baby momma", "baby mother", "baby daddy", "baby's mother", "baby's mama", "old lady",
    "old man", "ex", "ex-girlfriend", "ex-boyfriend", "wifey", "hubby", "missus", "kiddo", "kiddos",
    "little ones", "grandbaby", "grandbabies", "grandsons", "granddaughters", "daughter-in-law",
    "son-in-law", "sister-in-law", "brother-in-law", "mama", "momma", "mommy", "daddy", "stepmom",
    "stepdad", "stepmother", "stepfather", "stepchildren", "stepkid", "newborn", "infant", "teenager",
    "teenagers", "folks", "cousins", "uncles", "aunts", "auntie", "family members", "household", "lady",
)
KIN_ES = (
    "esposa", "esposo", "esposos", "hijo", "hijos", "hija", "hijas", "niño", "niños", "niña",
    "niñas", "mamá", "papá", "papás", "madre", "padre", "padres", "hermano", "hermanos", "hermana",
    "hermanas", "sobrino", "sobrinos", "sobrina", "sobrinas", "nieto", "nietos", "nieta", "nietas",
    "suegra", "suegro", "suegros", "familia", "novia", "novio", "pareja", "abuela", "abuelo",
    "abuelos", "primo", "prima", "tío", "tía", "cuñado", "cuñada", "bebé", "chamacos", "morros",
    "plebes", "gemelos", "gemelas", "mujer", "señora", "vieja", "jefa", "jefe", "jefas", "jefes",
    "marido", "exesposa", "exesposo", "ex esposa", "ex esposo", "ex", "exnovia", "exnovio", "hijastro",
    "hijastra", "hijastros", "padrastro", "madrastra", "nuera", "yerno", "bisnieto", "bisnieta",
    "jefita", "jefito", "jefitos", "chamaco", "chamaca", "chamacas", "morro", "morra", "morrita",
    "morrito", "morritos", "morritas", "plebe", "plebito", "plebita", "plebitos", "carnal", "carnala",
    "carnalito", "amá", "apá", "familiares", "cuñados", "cuñadas", "tíos", "tías", "primos", "primas",
    "abuelas", "hijito", "hijita", "hijitos", "bebés",
    # the same words written without accents, as chats do
    "mama", "papa", "mami", "tio", "tia", "tios", "tias", "bebe", "bebes", "nino", "ninos",
    "nina", "ninas", "cunado", "cunada", "nene", "nena", "nenes",
)
#: Words that are kin only in some mouths ("la jefa" is a mother, or a boss): counted only when
#: the sentence also speaks of home or family.
WEAK_KIN = frozenset({"jefa", "jefe", "jefas", "jefes", "ex", "old man", "household"})
_FAMILY_CONTEXT = re.compile(
    r"(?i)\b(?:casa|vive|viven|familia|hij[oa]s?|jefit[oa]s?|mam[aá]|pap[aá]|chamac|morr|plebe|herman|esposa|"
    r"señora|cumpleaños|sola|solita|enferm|anciana|viejita|abuel|home|house|lives|family|kids|wife|mom|"
    r"dad|mother|father|sister|brother|birthday|husband)\w*"
)
ROLES_ES = (
    "agente", "comandante", "fiscal", "juez", "jueza", "policía", "oficial", "sargento", "alcalde",
    "alcaldesa", "regidor", "regidora", "custodio", "custodia", "alguacil", "diputado", "diputada",
    "senador", "senadora", "gobernador", "gobernadora", "jefe", "jefa", "mp", "ministerio público",
    "migra", "federal", "soldado", "militar", "marshal", "sheriff", "guardia", "director",
    "directora", "licenciado", "licenciada", "capitán", "teniente", "delegado", "delegada",
    "policia", "capitan", "juez federal", "magistrado", "magistrada", "procurador", "procuradora",
    "presidente", "presidenta", "presidente municipal", "secretario", "secretaria", "cónsul", "consul",
    "comisario", "comisaria", "inspector", "inspectora", "detective", "perito", "patrullero",
    "patrullera", "cabo", "concejal", "concejala", "síndico", "síndica", "sindico", "funcionario",
    "funcionaria", "testigo", "denunciante", "informante", "soplón", "soplon", "sapo", "chivato", "rata",
    "periodista", "reportero", "reportera", "maestro", "maestra", "profesor", "profesora", "vecino",
    "vecina", "poli", "puerco", "cerdo", "marrano", "chota", "tira", "guardia nacional", "agente federal",
    # "that guy" in a hostile post: "la vieja de ese vato", "los hijos de ese perro"
    "señor", "vato", "bato", "tipo", "wey", "güey", "cabrón", "cabron", "perro", "pendejo", "culero",
    "chavo", "chava", "muchacho", "muchacha", "güero", "güera", "gordo", "viejo",
)
ROLES_EN = (
    "officer", "cop", "agent", "judge", "detective", "sergeant", "sarge", "lieutenant", "captain",
    "commander", "chief", "deputy", "marshal", "sheriff", "prosecutor", "da", "alderman", "alderwoman",
    "alderperson", "mayor", "senator", "congressman", "congresswoman", "representative", "witness",
    "informant", "snitch", "rat", "pig", "reporter", "journalist", "guard", "warden", "trooper", "fed",
    "ice agent", "teacher", "principal", "neighbor", "neighbour", "landlord", "boss", "councilman",
    "councilwoman", "governor", "inspector", "supervisor", "clerk", "attorney", "lawyer",
    "guy", "dude", "lady", "woman", "man", "fool", "clown",
)
#: Titles that, before a name, make "the wife of Officer Dunmore" a family reference.
_TITLE_EN = r"(?-i:Officer|Ofc\.|Judge|Sgt\.|Sergeant|Agent|Detective|Det\.|Deputy|Lt\.|Lieutenant|Capt\.|Captain|Commander|Alderman|Alderwoman|Alderperson|Ald\.|Mayor|Senator|Rep\.|Sheriff|Marshal|Trooper|Chief)"
#: Possessors in lower case that are nobody in particular ("today's kids", "everyone's kids").
_NOBODY = (
    r"(?:today|tomorrow|yesterday|tonight|everyone|everybody|nobody|somebody|someone|anyone|anybody|god|"
    r"people|men|women|world|life|nation|america|country|city|year|week|mother|father|children|kids|"
    # contractions of "is", "has", "us": "it's baby time", "he's family", "let's"
    r"it|he|she|that|what|there|here|who|where|when|how|why|let|this|one|somebody|nobody|everything|something)['’]s"
)
def _alt(words: tuple[str, ...]) -> str:
    return trie_alternation(set(words))


_MOD_EN = (
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|elderly|little|young|youngest|oldest|older|younger|"
    r"teenage|teenaged|adult|baby|own|grown|whole|entire|pregnant|sick|disabled|only|eldest|middle|new|late|"
    r"beloved|pretty|beautiful|sweet|adopted|newborn|infant|\d{1,2}[\s\-]year[\s\-]old)\s+){1,2}"
)
_MOD_ES = (
    r"(?:(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|\d{1,2}|pequeñ[oa]s?|chiquit[oa]s?|menores|mayores|"
    r"propi[oa]s?|únic[oa]s?|unic[oa]s?|pobre|linda|lindo|bella|hermosa|nuev[oa]|querid[oa]s?|amad[oa]s?|santa|"
    r"adorad[oa]s?)\s+){1,2}"
)
_SCHOOL_WORDS = re.compile(
    r"(?i:elementary|middle|high\s+school|school|academy|prep|preschool|daycare|day\s+care|kindergarten|"
    r"primaria|secundaria|secu|preparatoria|prepa|colegio|kinder|k[ií]nder|escuela|instituto|academia|"
    r"guarder[ií]a|jard[ií]n\s+de\s+niños|st\.|saint|san\s|santa\s|cbtis|conalep|telesecundaria|tech|college|"
    r"university|universidad|montessori|\bhigh\b)"
)
#: Where a child is found on a schedule besides school: a named park, field, league or club
#: ("his daughter plays at Kelly Park", "su hijo entrena en el Deportivo Benito Juárez").
_PLACE_WORDS = re.compile(
    r"(?i:park|field|league|club|gym|center|centre|ymca|pool|rink|parque|deportivo|liga|cancha|"
    r"unidad\s+deportiva|alberca|gimnasio|dojo|studio|estudio)"
)

_KIN = "(?:" + _alt(KIN_EN) + "|" + _alt(KIN_ES) + ")"
_POSS = (
    r"(?:his|her|their|your|my|our|ur|yr|su|sus|tu|tus|mi|mis|nuestr[oa]s?|"
    r"(?:the|that|this|some|one|every|each|an?|my|his|her|their|our|your|ur)\s+(?:[\w\-]+\s+){0,2}[\w\-]+['’]s|"
    r"(?:the|that|this|some)\s+(?:[\w\-]+\s+)?" + _alt(ROLES_EN) + r"s|"  # "that cops wife": the apostrophe left off
    + _alt(ROLES_EN) + r"(?:\s+[a-z][\w\-]+)?['’]s|"  # "officer dunmore's wife"
    r"(?!" + _NOBODY + r")[a-z][\w\-]+['’]s|"  # "dunmore's wife", as chats write names
    r"(?-i:(?!(?:God|Today|He|She|It|That|What|There|Here|Who|Where|When|How|Why|Let|This|One)['’]s)"
    r"(?:[A-Z][\w\-.]*\s+){0,2}[A-Z][\w\-]+['’]s))"
)
_SCHOOL_WORD = r"(?:St\.|Sta\.|[A-ZÁÉÍÓÚÑ][\w'’\-]*|\d{1,3}|de|del|la|las|los|of|the)"
_SCHOOL_NAME = (
    r"(?:(?:la|el|the)\s+)?(?:(?:escuela|school)\s+)?" + _SCHOOL_WORD + r"(?:\s+" + _SCHOOL_WORD + r"){0,5}"
)
#: Lower-case school names, as chats write them ("whitman elementary", "la primaria benito
#: juarez", "la secu de la 26", "the school on 47th"): up to three words either side of a
#: school or place word, stopping at a word that starts another clause.
_STOP = (
    r"(?:y|and|a|an|the|his|her|their|my|our|su|sus|mi|mis|at|en|on|in|que|from|por|by|near|cerca|todos|every|cada|los|las|el|la|to|with|con|"
    r"but|pero|after|before|después|antes|so|entonces|where|donde|when|cuando|is|es|are|son|del|de|of)"
)
_LOW = r"(?:(?!" + _STOP + r"(?![\w'’\-]))[a-záéíóúñüA-ZÁÉÍÓÚÑ][\w'’\-.]*)"
_SCHOOL_WORD_LOW = (
    r"(?:elementary|middle\s+school|high\s+school|school|academy|prep|preschool|daycare|day\s+care|kindergarten|"
    r"primaria|secundaria|secu|preparatoria|prepa|colegio|kinder|k[ií]nder|escuela|instituto|academia|"
    r"guarder[ií]a|park|field|league|club|gym|ymca|parque|deportivo|liga|cancha|alberca|gimnasio)"
)
_SCHOOL_NAME_LOW = (
    r"(?:(?:la|el|the)\s+)?(?:" + _LOW + r"\s+){0,3}?" + _SCHOOL_WORD_LOW + r"(?![\w\-])"
    r"(?:\s+(?:" + _LOW + r"|\d{1,3}(?![\w\-])|(?i:de|del|de\s+la|de\s+los)\s+[A-ZÁÉÍÓÚÑ][\w'’\-]*)){0,3}"
    r"(?P<tail>\s+(?:on|off|de\s+la|en\s+la)\s+(?:\d{1,3}(?:st|nd|rd|th)?|[A-Z][a-z]+)(?![\w\-]))?"
)
_ATTENDS = (
    r"(?:go(?:es)?\s+to\s+(?:school|daycare|preschool|kindergarten)\s+(?:at|in)|go(?:es)?\s+to|went\s+to|attends?|is\s+at|are\s+at|is\s+enrolled\s+(?:at|in)|studies\s+at|"
    r"(?:is|are)\s+in\s+(?:\w+\s+)?(?:grade|class)\s+at|(?:is|are)\s+(?:a\s+)?(?:freshman|sophomore|junior|senior|students?)\s+at|"
    r"plays?\s+(?:(?:soccer|football|baseball|basketball|ball|hockey|softball|volleyball|little\s+league)\s+)?(?:at|for|in)|"
    r"practices?\s+(?:\w+\s+)?at|trains?\s+at|swims?\s+at|takes?\s+(?:\w+\s+)?(?:classes|lessons)\s+at|"
    r"estudian?\s+en|van?\s+(?:al?|en)|asisten?\s+al?|est[aá]n?\s+en|"
    r"juegan?\s+(?:(?:f[uú]tbol|futbol|soccer|b[eé]isbol|beisbol|b[aá]squet|basquet|basket)\s+)?(?:en|con|para)|"
    r"entrenan?\s+en|practican?\s+(?:\w+\s+)?en|toman?\s+clases\s+(?:de\s+\w+\s+)?en)"
)
_ROLE_EN_ALT = _alt(ROLES_EN)
_FAMILY = re.compile(
    r"(?<![\w\-])(?i:"
    r"(?P<school_of>(?:la\s+|the\s+|el\s+)?(?:escuela|guarder[ií]a|primaria|secundaria|kinder|colegio|school|daycare)\s+(?:de|of)\s+"
    r"(?:su|sus|tu|tus|mi|mis|his|her|their)\s+" + "(?:" + _MOD_ES + r")?" + _KIN + r")"
    r"|(?P<ref>"
    r"(?:(?:both|all|one|each|two|three)\s+of\s+)?" + _POSS + r"\s+(?:ex-|step-?)?" + r"(?:" + _MOD_EN + r"|" + _MOD_ES + r")?" + _KIN +
    r"|(?:el|la|los|las)\s+" + "(?:" + _MOD_ES + r")?" + _KIN + r"\s+(?:del|de\s+la|de\s+los|de\s+las|de\s+este|de\s+esta|de\s+ese|de\s+esa)\s+" + _alt(ROLES_ES) +
    r"|the\s+(?:" + _MOD_EN + r")?" + _KIN + r"\s+of\s+(?:(?:the|that|this|an?)\s+(?:[\w\-]+\s+)?" + _ROLE_EN_ALT
    + r"|" + _TITLE_EN + r"\s+(?-i:[A-Z][\w\-]+))" +
    r")"
    r"|(?P<bare>(?:the|los|las)\s+(?:" + _MOD_EN + r"|" + _MOD_ES + r")?(?:kids|boys|girls|children|niños|niñas|hijos|hijas)(?=\s+" + _ATTENDS + r"))"
    r")"
    r"(?P<coord>\s+(?:and|y|e|&)\s+(?:" + _MOD_EN + r"|" + _MOD_ES + r")?" + _KIN + r"(?![\w\-]))?"
    r"(?P<possessed>['’]s\s+(?i:school|daycare|preschool|kindergarten|bus\s+stop|school\s+bus))?"
    r"(?![\w\-])"
)
_ATTEND_RE = re.compile(r"\s+(?i:" + _ATTENDS + r")\s+(?P<school>" + _SCHOOL_NAME + r")")
_ATTEND_LOW_RE = re.compile(r"\s+(?i:" + _ATTENDS + r")\s+(?P<school>" + _SCHOOL_NAME_LOW + r")")
#: Verbs that only take a school ("attends Lane Tech", "estudia en la UNAM"): the place needs no school word.
_STRONG_ATTEND = re.compile(
    r"(?i)\s+(?:attends?|is\s+enrolled|studies\s+at|estudian?\s+en|asisten?\s+al?|"
    r"(?:is|are)\s+(?:a\s+)?(?:freshman|sophomore|junior|senior|students?)\s+at|(?:is|are)\s+in\s+(?:\w+\s+)?(?:grade|class)\s+at)"
)
#: An insult, not a relative: "chinga tu madre", "su puta madre", "a toda madre".
_INSULT_BEFORE = re.compile(r"(?i)(?:ching\w*|mentar|mienta\w*|rayar|vale|toda|puta)\s+(?:a\s+|la\s+)?$")
_INSULT_IN = re.compile(r"(?i)\b(?:tu|su)\s+(?:puta\s+)?madre\b")
_KIN_WORD = re.compile(r"(?i)(?:" + _KIN + r")(?![\w\-])")


#: Every letter run of every kin word: a text with none of them has no family reference.
_KIN_TOKENS = frozenset(t for w in (*KIN_EN, *KIN_ES) for t in re.findall(r"[^\W\d_]+", w))
_LETTERS = re.compile(r"[^\W\d_]+")
#: A letter run of the lower-cased text that is a kin token. When lower-casing keeps the
#: text's length, every character maps to one character of the same class (letter or not;
#: a test checks every code point), so the letter runs of the lower-cased text are the
#: lower-cased letter runs of the text (Greek final sigma aside, which is in no kin token):
#: a text where this finds nothing has no kin word, and the per-word look-up is skipped.
_KIN_RUN = re.compile(r"(?<![^\W\d_])" + trie_alternation(_KIN_TOKENS) + r"(?![^\W\d_])")
#: How far a reference reaches around its kin word: the possessor before it ("both of the
#: new deputy's"), the role after it ("de la ministerio público").
_BEFORE, _AFTER = 90, 60


def _matches(text: str) -> list[re.Match[str]]:
    """The family pattern's matches, searched only near kin words.

    Most messages have no kin word at all, and the pattern is costly to try at every word;
    a window around each kin word finds the same references (each contains its kin word).
    """
    lower = text.lower()
    if len(lower) == len(text) and not _KIN_RUN.search(lower):
        return []
    spots = [m for m in _LETTERS.finditer(text) if m.group().lower() in _KIN_TOKENS]
    if not spots:
        return []
    windows: list[list[int]] = []
    for m in spots:
        lo, hi = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        while hi < len(text) and not text[hi].isspace():
            hi += 1  # never cut a word: the pattern would take its first half for a whole word
        out.extend(m for m in _FAMILY.finditer(text, lo, hi) if not out or m.start() >= out[-1].end())
    return out


class FamilyAnalyzer:
    name = "pii_family"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        found: list[Signal] = []
        for m in _matches(text):
            start, end = m.start(), m.end()
            if not self._plausible(text, m):
                continue
            kind = "family"
            if m["school_of"] or m["possessed"]:
                kind = "school"
                place = self._attended_place(text, end) if m["possessed"] else None
                if place is not None:
                    end = place  # "his son's team plays at Piotrowski Park"
            else:
                place = self._attended_place(text, end)
                if place is not None:
                    end, kind = place, "school"
                elif m["bare"]:
                    continue  # "the kids" is family only when it says where they go
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

    @staticmethod
    def _plausible(text: str, m: re.Match[str]) -> bool:
        """Drop the readings that are not a relative: an insult ("chinga tu madre") or a word that
        is kin only sometimes ("la jefa", "his ex") with nothing about home or family near it."""
        if _INSULT_IN.fullmatch(m.group()) and _INSULT_BEFORE.search(text, 0, m.start()):
            return False
        if re.match(r"(?i)(?:tu|su)\s+puta\s+madre", text[m.start():]) or re.match(r"(?i)['’]s\s+day\b", text[m.end():]):
            return False  # an insult, or "my mother's day plans"
        kin = [k.group().lower() for k in _KIN_WORD.finditer(m.group())]
        if kin and kin[-1] == "jefa" and re.match(r"(?i)mi\s", m.group()):
            return True  # "mi jefa" is the writer's mother; "la jefa", "su jefa" may be a boss
        if kin and kin[-1] in WEAK_KIN:
            window = text[max(0, m.start() - 80) : m.start()] + " " + text[m.end() : m.end() + 80]
            return bool(_FAMILY_CONTEXT.search(window))
        return True

    @staticmethod
    def _attended_place(text: str, end: int) -> int | None:
        """The end of a school or place clause right after the relative ("go to Whitman
        Elementary", "juega en el parque Harrison"), or None when none follows."""
        attend = _ATTEND_RE.match(text, end)
        if attend:
            school = re.sub(r"(?i)(?:\s+(?:de|del|la|las|los|el|of|the))+$", "", attend["school"].rstrip(".,"))
            strong = _STRONG_ATTEND.match(attend.group())
            if _SCHOOL_WORDS.search(school) or (_PLACE_WORDS.search(school) and not re.search(r"(?i)\bgo(?:es)?\s+to\b", attend.group())) or (
                strong and re.search(r"[A-ZÁÉÍÓÚÑ]", school)
            ):
                return attend.start("school") + len(school)
        attend = _ATTEND_LOW_RE.match(text, end)
        if attend:
            # "go to school" names no school: a name word or a street must come with the school word.
            words = re.sub(r"(?i)\b(?:la|el|the)\b", " ", attend["school"]).split()
            if attend["tail"] or len(words) >= 2:
                return attend.start("school") + len(attend["school"].rstrip(".,"))
        return None
