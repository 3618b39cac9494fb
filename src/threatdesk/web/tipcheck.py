"""The tip form's own checks: behaviour categories, and reports that rest only on identity.

The categories follow the behaviour categories of the Nationwide SAR Initiative's
ISE-SAR Functional Standard (each describes something a person *does*). A tip whose text
names a person's ethnicity, nationality, religion, language, immigration status or lawful
protest and describes no behaviour at all is recorded, flagged ``identity_only`` and capped
at P4: the desk never escalates a report about who someone is.

The detector is deliberately small and literal: identity words that describe people, and
behaviour words in English and Spanish. It errs towards *not* flagging when any behaviour
is described, because a flag only ever lowers a tip's priority.
"""

from __future__ import annotations

import re

#: (value, label shown on the form). Order is the order of the form's list.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("expressed_threat", "Expressed or implied threat"),
    ("surveillance", "Observation or surveillance (watching, following, tracking)"),
    ("eliciting_information", "Eliciting information (unusual questions about people, security, schedules)"),
    ("photography", "Photography or filming of people, security or facilities"),
    ("testing_security", "Testing or probing of security"),
    ("breach_intrusion", "Breach or attempted intrusion"),
    ("misrepresentation", "Misrepresentation (posing as staff, police or officials)"),
    ("theft_loss_diversion", "Theft, loss or diversion (badges, uniforms, keys, vehicles)"),
    ("sabotage_vandalism", "Sabotage, tampering or vandalism"),
    ("weapons", "Weapons or explosives"),
    ("acquisition_expertise", "Acquiring unusual expertise or materials"),
    ("recruiting_financing", "Recruiting or financing (offers of money for harm or information)"),
    ("other", "Something else someone did"),
)
CATEGORY_VALUES = frozenset(v for v, _ in CATEGORIES)

_PEOPLE = r"(?:m[ae]n|wom[ae]n|guys?|gu?ys|people|persons?|famil(?:y|ies)|kids|teens?|boys?|girls?|folks?|group|neighbou?rs?|couple|dudes?|workers?|hombres?|mujer(?:es)?|gente|personas?|familias?|chavos?|muchachos?|vecinos?|señor(?:es|as?)?|tipos?)"
_TRAITS = (
    r"(?:black|african|latino|latina|latinx|hispanic|mexican|salvadoran|guatemalan|honduran|venezuelan|haitian|"
    r"somali|arab|arabic|middle[- ]eastern|asian|chinese|indian|pakistani|muslim|islamic|jewish|sikh|hindu|"
    r"immigrant|migrant|foreign|undocumented|illegal|refugee|asylum|negr[oa]s?|latin[oa]s?|mexican[oa]s?|"
    r"musulman(?:es|as?)?|musulmán|judí[oa]s?|extranjer[oa]s?|inmigrantes?|migrantes?|indocumentad[oa]s?|"
    r"ilegales?|árabes?|arabes?|chin[oa]s?|refugiad[oa]s?)"
)
IDENTITY = re.compile(
    "|".join([
        rf"\b{_TRAITS}\s+(?:\w+\s+)?{_PEOPLE}\b",
        rf"\b{_PEOPLE}\s+(?:\w+\s+)?{_TRAITS}\b",
        r"\b(?:mexicans|muslims|arabs|immigrants|illegals|migrants|foreigners|refugees|jews|sikhs|hispanics|latinos|"
        r"asylum seekers|inmigrantes|migrantes|indocumentados|extranjeros|musulmanes|ilegales|mojados)\b",
        r"\b(?:speak(?:ing|s)?|talk(?:ing|s)?)\s+(?:in\s+)?(?:spanish|arabic|chinese|urdu|somali|creole|a foreign language|another language)\b",
        r"\b(?:hablando|hablan|habla)\s+(?:en\s+)?(?:español|árabe|inglés|otro idioma)\b",
        r"\bwith (?:an? )?(?:accent|hijab|turban|headscarf|burqa|niqab|kippah|yarmulke)\b",
        r"\b(?:wearing|wears|con)\s+(?:an? |un |una )?(?:hijab|turban|headscarf|burqa|niqab|kippah|yarmulke|velo|turbante)\b",
        r"\b(?:no papers|without papers|sin papeles|no legal status|overstay(?:ed|ing)? (?:a |their )?visas?)\b",
        r"\b(?:protest(?:ers?|ing|s)?|march(?:ers|ing)?|rall(?:y|ies)|vigil|demonstrat(?:ors?|ion|ing)|picket(?:ing)?|"
        r"manifestantes?|manifestación|marcha(?:ndo)?|protesta(?:ndo|s)?|mitin|plantón)\b",
        r"\b(?:mosque|mezquita|synagogue|sinagoga|temple|gurdwara)\b",
    ]),
    re.IGNORECASE,
)

#: Words that describe something a person did: any one of them means the tip is about behaviour.
BEHAVIOUR = re.compile(
    r"\b(?:threat\w*|kill\w*|shoot\w*|stab\w*|hurt\w*|harm\w*|attack\w*|bomb\w*|burn\w*|gun|guns|rifle|knife|weapons?|"
    r"threw|throw\w*|rocks?|assault\w*|punch\w*|hit|hitting|beat|beating|armed|explosive\w*|follow\w*|tail(?:ed|ing)|track\w*|watch(?:ed|ing|es)|stak\w*|surveil\w*|lookouts?|radios?|"
    r"drones?|binoculars|photograph\w*|filming|filmed|record(?:ed|ing)|took (?:pictures|photos)|pictures of|photos of|"
    r"asked|asking|questions?|wrote down|writing down|license plates?|plates?|"
    r"tried to|trying to|attempt\w*|broke|break(?:ing)? in|forced|climb\w*|jump(?:ed|ing) the|tested|testing|probing|"
    r"pos(?:ed|ing) as|pretend\w*|impersonat\w*|uniforms?|badges?|stole|stolen|steal\w*|tamper\w*|vandal\w*|"
    r"offer(?:ed|ing|s)?|pay(?:ing|s)?|paid|reward|bounty|money|cash|"
    r"amenaz\w*|matar|mat[oó]|disparar|dispar\w*|golpe\w*|quemar|arma\w*|pistola|cuchillo|segu[ií]\w*|sigui\w*|"
    r"vigil(?:aba|aban|ando|ó)|halc[oó]n\w*|punteros?|fotograf\w*|grab(?:ando|ó|aban)|pregunt\w*|anot\w*|placas?|"
    r"intent\w*|forz\w*|robó|robaron|rob\w*|ofrec\w*|pag(?:o|ó|an|ar)|recompensa|dinero|lana|feria)\b",
    re.IGNORECASE,
)


def identity_only(*texts: str) -> bool:
    """True when the texts name an identity trait or lawful protest and describe no behaviour."""
    joined = "\n".join(t for t in texts if t)
    return bool(IDENTITY.search(joined)) and not BEHAVIOUR.search(joined)
