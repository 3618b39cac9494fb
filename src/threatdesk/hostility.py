"""Hostile context around personal information: the cues the doxxing rule reads.

Personal data alone is not doxxing: a shop's phone in an ad, an applicant's address on a
form and a police blotter all carry it. It becomes doxxing when the words around it are
hostile. This small lexicon, in English and Spanish, names five kinds of cue from
TAXONOMY.md and nothing else; it is deliberately the assessor's own, so that the intent
analyzer can change without moving this line.

- ``hostile``: contemptuous names for officers or informers ("pig", "rata", "traidor");
- ``threat``: harm, a visit, "we know where", "así van a quedar";
- ``call_to_act``: "spread this", "difundan", "do what you want with it";
- ``whereabouts``: "here's where he lives", "vive en", "sale de su casa a las";
- ``exposing``: unmasking someone ("not anonymous anymore", "exposed", "doxx").

Separately, ``role`` finds the roles of the people threatdesk protects ("officer", "el
agente", "judge"): restricted data about someone in such a role is "exposing an officer".
``reporting`` finds the frames of news and court accounts, which report doxxing rather than
do it.
"""

from __future__ import annotations

import re

CUES: dict[str, re.Pattern[str]] = {
    "hostile": re.compile(
        r"\b(?:pigs?|piggy|snitch(?:es)?|rats?|traitors?|scum|bastards?|oink|cerdos?|puercos?|ratas?|"
        r"sopl[oó]n(?:es)?|traidor(?:es|a)?|vendid[oa]s?|basura|lacras?|culeros?)\b",
        re.IGNORECASE,
    ),
    "threat": re.compile(
        r"\b(?:kill|hurt|shoot|burn|pay\s+(?:him|her|them)\s+a\s+visit|pull\s+up|go\s+get|get\s+(?:him|her)|"
        r"make\s+(?:him|her|them)\s+pay|see\s+what\s+happens|we\s+know\s+where|knows?\s+we\s+know|"
        r"watch\s+(?:your|his|her)\s+back|you(?:'ve|\s+have)\s+been\s+warned|should\s+worry|"
        r"not\s+saying\s+do\s+anything|visit(?:a|ar(?:le|lo|la)?)|ya\s+sabemos|sabemos\s+d[oó]nde|"
        r"as[ií]\s+van\s+a\s+quedar|que\s+se\s+cuide|se\s+las\s+va|no\s+digo\s+que\s+hagan\s+nada|"
        r"aj?ustar\s+cuentas|darle\s+piso|levantar(?:lo|la)?|matar(?:lo|la)?|quemar(?:le)?)\b",
        re.IGNORECASE,
    ),
    "call_to_act": re.compile(
        r"\b(?:spread\s+(?:this|it|the\s+word)|share\s+(?:this|it)|repost|screenshot\s+this|"
        r"do\s+what\s+you\s+(?:want|will)|all\s+yours|you'?re\s+welcome|run\s+it\s+through|"
        r"everyone\s+(?:go|knows)|let'?s\s+(?:go|visit|see)|difund[aá]n(?:lo|la|los)?|compart[aá]n(?:lo|la|los)?|p[aá]senl[oa]|"
        r"pasen\s+la\s+voz|tomen\s+captura|hagan\s+lo\s+que\s+quieran|ah[ií]\s+est[aá]\s+todo|"
        r"por\s+si\s+alguien\s+quiere|make\s+sure\s+(?:he|she|they)\s+knows?)\b",
        re.IGNORECASE,
    ),
    "whereabouts": re.compile(
        r"\b(?:here'?s\s+where|where\s+(?:he|she|they)\s+(?:lives?|sleeps?|parks?)|lives\s+(?:at|on|near|in)|"
        r"home\s+address|his\s+address|her\s+address|his\s+house|her\s+house|leaves\s+(?:home|the\s+house)|"
        r"parks?\s+(?:a|his|her|the)|d[oó]nde\s+vive|vive\s+(?:en|por)|vives\s+en|su\s+domicilio|su\s+casa|"
        r"sale\s+de\s+(?:su\s+casa|\d)|estaciona)\b",
        re.IGNORECASE,
    ),
    "exposing": re.compile(
        r"\b(?:not\s+anonymous|exposed?|exposing|unmask(?:ed)?|doxx?(?:ed|ing)?|full\s+file|leaked|"
        r"filtrad[oa]s?|filtraron|expuest[oa]|quemad[oa])\b",
        re.IGNORECASE,
    ),
}

ROLE = re.compile(
    r"\b(?:officers?|cops?|agents?|feds?|(?-i:ICE)|deputy|deputies|marshals?|judges?|sergeant|sgt|"
    r"detective|warden|sheriff|trooper|(?-i:CO)|prosecutor|alderperson|agentes?|polic[ií]as?|"
    r"oficial(?:es)?|jueza?|sargento|comandante|custodio|alguacil|migra|federal(?:es)?|fiscal|"
    r"ministerio\s+p[uú]blico|(?-i:MP))\b",
    re.IGNORECASE,
)

REPORTING = re.compile(
    r"\b(?:prosecutors?|according\s+to|sentenced|charged|indictment|complaint|press\s+release|"
    r"court\s+(?:filing|records)|investigators?\s+said|police\s+said|(?:he|she|they)\s+(?:said|says)|"
    r"allegedly|unsealed|fiscal[ií]a|comunicado|seg[uú]n|vinculado\s+a\s+proceso|se\s+le\s+acusa|"
    r"inform[oó]|dijo\s+que|acusado|is\s+aware\s+of|being\s+investigated|investigan|investigaci[oó]n)\b",
    re.IGNORECASE,
)


def hostile_cues(text: str) -> dict[str, str]:
    """Cue kind → the first words of the text that show it."""
    found: dict[str, str] = {}
    for kind, pattern in CUES.items():
        m = pattern.search(text)
        if m:
            found[kind] = m.group()
    return found


def names_a_role(text: str) -> str | None:
    m = ROLE.search(text)
    return m.group() if m else None


def is_reporting(text: str) -> bool:
    return bool(REPORTING.search(text))
