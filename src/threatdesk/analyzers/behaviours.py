"""Warning behaviours one text can show, after TRAP-18's proximal behaviours.

TRAP-18 (Meloy's Terrorist Radicalization Assessment Protocol) lists eight proximal warning
behaviours. Five of them can show in a single message, and this analyzer finds those:

- ``pathway``: research, planning, preparation (asking where someone lives, when they
  leave, how to get a gun; "bought what I need");
- ``leakage``: telling a third party of an intent to harm ("I'm gonna do something big
  Friday, don't go to the courthouse");
- ``last_resort``: no other way out, deadlines, ultimatums ("you left me no other choice",
  "7 days, judge.", "or else.", "te quedan 3 días",
  "ya no hay de otra", "you have until Friday");
- ``direct_threat``: a threat addressed to its target in the second person ("you will
  pay", "te vamos a encontrar");
- ``identification``: with past attackers, or a warrior/soldier self-image ("the way
  Vey did", "soy un soldado").

Fixation and energy burst need many items from one author; correlation emits them.
Weapons named in the text are a ``weapon`` signal beside them. Every cue is a phrase about
what someone does or plans; none is about who they are (docs/risk.md). A sentence about
sport or a video game ("I'm gonna kill you in Fortnite", "no other choice but to punt")
mutes the cues in it. The label decides what a behaviour is worth: risk weighs them only
on actionable labels, so a news story quoting "no other choice" costs nothing.
"""

from __future__ import annotations

import re

from threatdesk.models import Item, Signal

NAME = "behaviours.v1"

_D = r"(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today)"
_PERSON_ES = r"(?:agente|oficial|juez|jueza|polic[ií]a|jefe|jefa|sargento|migra|se[nñ]ora?|licenciad[oa])"
#: Who a countdown is addressed to ("7 days, judge."): roles, not names (the patterns run on
#: lower-cased text) and never who someone is.
_ADDRESSEE = (r"(?:judge|your honou?r|officer|agent|sheriff|deputy|detective|sergeant|sarge|captain|chief|sir|ma'?am|"
              r"councilman|councilwoman|alderman|alderwoman|mayor|prosecutor|senator|congressman|congresswoman|boss|"
              r"pig|cop|juez|jueza|su se[nñ]or[ií]a|agente|oficial|sargento|capit[aá]n|jefe|jefa|se[nñ]ora?|licenciad[oa]|"
              r"alcalde|alcaldesa|fiscal|regidor|regidora|puerco|cerdo)")
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|diez|doce)"

#: behaviour -> phrases (regular expressions, case-insensitive), English then Spanish.
PATTERNS: dict[str, tuple[str, ...]] = {
    "pathway": (
        r"\bwhere (?:does|do|did) (?:he|she|they|(?:the|that|this) \w+(?: \w+)?) (?:live|stay|sleep|park|work out|go to church|drop (?:his|her|the) kids)\b",
        r"\bwhat time (?:does|do|did) (?:he|she|they|the \w+) (?:leave|get off|get out|arrive|come home|go home|get home|clock out|clock in)\b",
        r"\bwhich (?:car|truck|vehicle|door|entrance|exit|gym|church|school) (?:does|do) (?:he|she|they|the \w+|his \w+|her \w+) (?:drive|use|take|go to|attend|leave by)\b",
        r"\b(?:where|how) (?:can|do|could|would) (?:i|we|you|someone) (?:get|buy|find|cop|grab|make) (?:a |an |some )?(?:gun|pistol|glock|rifle|ar-?15|ghost gun|strap|switch|ammo|explosives?|pipe bomb|bomb)\b",
        r"\b(?:need|looking for|want|tryna get|trying to get|who(?:'s| is) selling) (?:a |an |some )?(?:gun|pistol|glock|ghost gun|rifle|strap|ammo|explosives?)\b",
        r"\b(?:bought|got|picked up) (?:what i need|the (?:gun|rifle|pistol|glock|ammo|gas cans?)|(?:a|my) (?:gun|rifle|pistol|glock|vest))\b",
        r"\bi know (?:what time |when |where )?you (?:leave|park|get off|drive|drop|walk|go)\b",
        r"\bd[oó]nde (?:vive|duerme|se estaciona|estudia su (?:hijo|hija|niñ[oa])|lleva (?:al niño|a la niña|a sus hijos))\b",
        rf"\ba qu[eé] hora (?:sale|sales|llega|entra|regresa)\b(?!\s+(?:el|la|los|las)\s+(?!{_PERSON_ES})\w)",
        r"\bd[oó]nde (?:consigo|compro|puedo conseguir|consigues|venden) (?:un |una |unos )?(?:arma|pistola|cuerno|cuete|r-?15|ak)\b",
        r"\b(?:busco|necesito|ocupo) (?:un |una )?(?:arma|pistola|cuerno(?: de chivo)?|cuete|r-?15)\b",
        r"\bya (?:compr[eé]|tengo|consegu[ií]) lo que (?:necesito|necesitaba|ocupo)\b",
    ),
    "leakage": (
        r"\b(?:i'?m|i am|we'?re|we are) (?:gonna|going to|about to) do something (?:big|crazy|bad|serious|huge|nobody will forget)\b",
        r"\bsomething (?:big|bad|crazy|huge) (?:is )?(?:gonna|going to|about to|will) (?:happen|go down)\b",
        r"\b(?:you'?ll|you will|y'?all will|everyone will|they'?ll) (?:all )?(?:see|read about|hear about) (?:it|me|this) (?:on|in) the news\b",
        r"\b(?:remember|you'?ll (?:all )?remember) my name\b",
        r"\bthis (?:is|will be) my last (?:post|message|day)\b",
        r"\b(?:trust me|i'?m warning you|for your own good)\b[^.!?\n]{0,20}\b(?:don'?t|do not|stay away from) (?:go|be|come)\b",
        rf"\b(?:don'?t|do not) (?:go|be|come) (?:to|near|at|around) (?:the )?\w+(?: \w+)?(?: on| this)? {_DAY}\b[^.!?\n]{{0,30}}\b(?:trust me|i'?m warning you|you'?ll see why|just don'?t)\b",
        r"\b(?:voy|vamos) a hacer algo (?:grande|gordo|feo|que nadie va a olvidar)\b",
        r"\balgo (?:grande|gordo|feo|malo) va a pasar\b",
        r"\b(?:me|nos) van a ver en (?:las )?noticias\b",
        r"\bvan a saber de m[ií]\b|\brecuerden mi nombre\b",
        r"\b(?:h[aá]ganme caso|cr[eé]anme|se los advierto)\b[^.!?\n]{0,30}\bno (?:vayan|vengan|se acerquen)\b",
    ),
    "last_resort": (
        r"\b(?:left|leave|leaves|leaving|gave|give) (?:me|us) (?:with )?no (?:other )?(?:choice|option|way out)\b",
        r"\b(?:i|we) (?:have|had|got|see) no (?:other )?(?:choice|option)\b",
        r"\bno other (?:choice|option|way)(?: left)?\b|\bthere is no other (?:choice|way)\b",
        r"\bnothing (?:left )?to lose\b|\blast resort\b",
        r"\bthe only (?:way|option|language)(?: left| they understand)\b|\bthis is the only way\b",
        r"\b(?:your |the )?time(?:'s| is) (?:up|running out)\b",
        r"\b(?:final|last|only) warning\b|\bno more (?:letters|warnings|talking|chances)\b",
        rf"\b(?:you|y'?all) (?:have|got) (?:until|til|till) (?:the \d{{1,2}}(?:st|nd|rd|th)?|{_DAY}|\w+ \d{{1,2}}|(?:midnight|noon))\b",
        r"\b(?:you|y'?all)(?: have| got|'ve got|ve got| have got) (?:\d+|one|two|three|four|five|six|seven) (?:more )?(?:days|hours)\b",
        # a bare countdown addressed to its target: "7 days, judge." / "48 hours left, officer!"
        rf"(?:^|(?<=[.!?\n])|(?<=[.!?\n] )){_COUNT} (?:more )?(?:days|hours|d[ií]as|horas)(?: left| more| m[aá]s)?,? {_ADDRESSEE}\s*(?:[.!]|$)",
        r"\b(?:or else|if not,? (?:you|we) (?:will|know))\s*[.!]",
        r"\bdeadline is\b",
        r"\b(?:ya )?no hay (?:de )?otra\b",
        r"\bno (?:me|nos) (?:dejaron|dejas|dejan|dej[oó]|dejaste) (?:otra (?:opci[oó]n|salida)|de otra|otro camino)\b",
        r"\bno (?:tengo|tenemos) (?:nada que perder|otra (?:opci[oó]n|salida))\b",
        r"\b[uú]ltim[oa] (?:aviso|advertencia|oportunidad)\b|\b[uú]nico aviso\b",
        r"\bes la [uú]nica (?:salida|forma|manera)\b",
        r"\bse (?:les|te|nos) acab[oó] el (?:tiempo|plazo)\b|\bse acab[oó] el juego\b",
        rf"\b(?:tienes|tienen) hasta (?:el |la |las )?(?:{_D}|\d{{1,2}}|mañana|medianoche)\b",
        rf"\b(?:tienes|tienen|le quedan|te quedan|les quedan) {_COUNT} (?:d[ií]as|horas)\b",
        r"\bo (?:si no|sino),? (?:ya )?(?:sabes|saben|atente|aténganse|atenganse)\b",
    ),
    "direct_threat": (
        r"\byou(?:'ll| will| are going to| gonna| r gonna) (?:pay(?: for (?:this|that|it|what you(?:'ve)? done|what you did))?(?=\s*(?:[.!,;]|$|dearly|with))"
        r"|regret (?:this|it|that|the day)|die\b|bleed|be sorry|answer for (?:this|it|that|what)|never see it coming|get what(?:'s| is) coming)",
        r"\byou(?:'re| are| r) (?:next|dead|a dead (?:man|woman)|gonna die|going to die|finished)\b(?!\s+(?:in line|up|on the list|to|for))",
        r"\b(?:i'?m|i am|we'?re|we are) (?:coming|going to come) (?:for|after) you\b",
        r"\b(?:i|we)(?:'ll| will|'m gonna|'re gonna|'m going to|'re going to| am going to| are going to| gonna) (?:find|get|kill|hurt|end|shoot|stab|burn|bury|come for|deal with|make) you\b",
        r"\b(?:we|i) know where you (?:live|sleep|park|work)\b",
        r"\bwatch your back\b|\byour days are numbered\b|\bsleep with one eye open\b",
        r"\bfor your (?:own )?safety\b[^.!?\n]{0,40}\b(?:stay|stop|quit|drop|keep)\b",
        r"\bte (?:vamos|voy) a (?:encontrar|matar|quebrar|bajar|levantar|dar piso|partir|cargar|buscar|chingar|romper|quemar)\b",
        r"\bvas a (?:pagar|morir|llorar|valer)\b",
        r"\bte (?:va|van) a (?:cargar|llevar) (?:la|el)\b",
        r"\b(?:ya )?(?:te|los|las|la|lo) tenemos (?:bien )?(?:ubicad[oa]s?|checad[oa]s?|vigilad[oa]s?)\b",
        r"\b(?:ya )?sabemos d[oó]nde vives\b",
        r"\btus d[ií]as est[aá]n contados\b",
        r"\bas[ií] (?:vas|van) a quedar\b|\b(?:les|te) va a pasar lo mismo\b",
        r"\bno es amenaza,? es (?:aviso|advertencia)\b",
    ),
    "identification": (
        r"\b(?:the way|like|just like|same as) (?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?) did\b",
        r"\bfinish what (?:he|she|they|(?-i:[A-Z][a-z]+)) started\b",
        r"\blike the (?:guy|man|dude|kid|shooter|bomber) (?:in|at) (?!the (?:movie|film|show|video|game|ad|commercial|song))",
        r"\b(?:i'?m|i am) (?:a|the|god'?s|his|your) (?:soldier|warrior|martyr|avenger|crusader)\b(?! in the (?:army|navy|marines|air force|national guard)| stationed)",
        r"\b(?:soldier|warrior)s? (?:of|for) (?:the cause|god|justice|the people|the revolution)\b",
        r"\bcomo (?:lo )?hizo (?-i:[A-Z][a-z]+)\b",
        r"\bsoy (?:un |el )?(?:soldado|guerrero|m[aá]rtir)\b",
        r"\bterminar lo que (?:empez[oó]|empezaron)\b",
    ),
}

#: Asking for a person's address, schedule or routine: the thing asked for, then (in the
#: 50 characters before it) a word that makes it a request or an offer. Two steps, because
#: one pattern with a gap between them is slow on every message that says "need" or "get".
REQUESTED = re.compile(
    r"\b(?:his|her|their|[a-z]+'s) (?:home |house |real )?(?:address|addy|schedule|routine|shifts?|days off|route home|commute|whereabouts)\b"
    r"|\bwhere (?:he|she|they|the [a-z]+(?: [a-z]+)?) (?:lives?|sleeps?|stays?|parks?)\b"
    r"|\b(?:su (?:direcci[oó]n|domicilio|horario|rutina|turno)|sus (?:horarios|rutinas)|d[oó]nde vive)\b"
)
REQUEST = re.compile(
    r"\b(?:need|want|get|gets|find|send|dm|give me|who has|who got|anyone|looking for|tell me|pay|paying|who knows|"
    r"quiero|necesito|p[aá]s[ae]me|p[aá]senme|manden|me diga|consigan|alguien|busco|pago|paga|saber)\b|\$|\d+ ?k\b|\bmil\b"
)

#: Cheap substring checks on the lower-cased text: a behaviour whose triggers are all
#: absent cannot match, so its pattern is not run. Every pattern above contains one.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "pathway": ("where", "what time", "which ", "gun", "pistol", "glock", "rifle", "ar-15", "ar15", "strap", "ammo",
                "explosive", "bomb", "bought", "got ", "picked up", "i know", "dónde", "donde", "hora", "arma", "cuerno",
                "cuete", "r-15", "r15", "lo que"),
    "leakage": ("something", "news", "my name", "my last", "don't", "dont", "do not", "algo", "noticias", "saber de m",
                "mi nombre", "caso", "créanme", "creanme", "advierto"),
    "last_resort": ("choice", "option", "no other", "lose", "resort", "only ", "time", "warning", "no more", "until",
                    "til", "have ", "got ", "deadline", "otra", "perder", "aviso", "advertencia", "oportunidad", "única",
                    "unica", "acab", "hasta", "days", "hours", "días", "dias", "horas", "or else", "if not", "quedan",
                    "si no", "sino"),
    "direct_threat": ("you", "te ", "vas a", "tenemos", "sabemos", "días", "dias", "quedar", "lo mismo", "amenaza"),
    "identification": ("did", "started", "like the", "soldier", "warrior", "martyr", "avenger", "crusader", "hizo",
                       "soy ", "empez"),
    "firearm": ("gun", "pistol", "glock", "rifle", "ar-", "ar1", "ak", "shotgun", "ammo", "bullet", "strap", "arma",
                "cuerno", "r-15", "r15", "cuete", "bala"),
    "explosive": ("bomb", "explos", "grenade", "granada", "molotov"),
    "blade": ("knife", "knive", "machete", "cuchillo", "navaja"),
    "fire": ("gas", "lighter", "burn", "light", "quemar"),
}

#: Weapons named in the text, by category. Idioms ("smoking gun", "the bomb", "nerf gun")
#: do not count.
WEAPONS: dict[str, str] = {
    "firearm": r"(?<!smoking )(?<!nerf )(?<!water )(?<!glue )(?<!nail )(?<!staple )(?<!radar )(?<!heat )(?<!top )(?<!jump the )"
    r"\b(?:guns?|pistols?|glock|rifles?|ar-?15|ak-?47|shotgun|ghost gun|ammo|bullets|the strap|pistolas?|armas? de fuego|cuernos?(?: de chivo)?|r-?15|cuete|balas)\b",
    "explosive": r"(?<!bath )(?<!photo)(?<!da )(?<!the )\b(?:pipe bomb|bombs?|explosives?|grenades?|molotovs?|bombas?|explosivos|granadas?)\b",
    "blade": r"\b(?:knife|knives|machete|cuchillos?|navajas?)\b",
    "fire": r"\b(?:gasoline|gas cans?|lighter fluid|watch it burn|burn (?:it|the (?:house|garage|car|building)|down|him|her)|light(?:s)? up the (?:house|garage|car|building|crib)|gasolina|quemar(?:le)? (?:la|el|su))\b",
}

#: A sentence with one of these is about sport or a game: cues in it are muted.
PLAY_CONTEXT = re.compile(
    r"\b(?:playoffs?|season|league|tournament|fortnite|roblox|minecraft|valorant|call of duty|xbox|playstation|ps5|"
    r"respawn|scoreboard|semis|finals|referee|coach|inning|quarterback|halftime|punt|touchdown|(?:the|this|next|tonight'?s|in) game|"
    r"partido|torneo|liga|cancha|videojuego|[aá]rbitro|la final|jugador|tickets?|boletos|registration|register|sign up|inscripci[oó]n|on sale|for sale|oferta|descuento|"
    r"refund|return (?:it|the item)|warranty|shipping|rsvp|reembolso|garant[ií]a|env[ií]o)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")

LABELS = {
    "pathway": "pathway (research, planning or preparation)",
    "leakage": "leakage (intent told to others)",
    "last_resort": "last resort (no way out, deadline)",
    "direct_threat": "directly communicated threat",
    "identification": "identification with attackers or a warrior role",
}


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)]


class BehaviourAnalyzer:
    name = "behaviours"
    version = 1

    def __init__(self) -> None:
        # Patterns run on the lower-cased text (faster than IGNORECASE), except
        # identification, whose names must be capitalised.
        self._behaviours = {
            b: re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE if b == "identification" else 0)
            for b, ps in PATTERNS.items()
        }
        self._weapons = {w: re.compile(p) for w, p in WEAPONS.items()}

    def _slow(self, item: Item) -> list[Signal]:
        """The same search on a text whose lower-case form is longer: strip the odd characters."""
        safe = "".join(c if len(c.lower()) == 1 else " " for c in item.text)
        return self(Item(id=item.id, text=safe, content_sha256=item.content_sha256))

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        lower = text.lower()
        if len(lower) != len(text):  # a few characters lower-case to two; keep offsets true
            return self._slow(item)
        found: list[tuple[str, str, int, int]] = []
        for behaviour, pattern in self._behaviours.items():
            if any(t in lower for t in TRIGGERS[behaviour]):
                source = text if behaviour == "identification" else lower
                found.extend(("behaviour", behaviour, m.start(), m.end()) for m in pattern.finditer(source))
        for m in REQUESTED.finditer(lower):
            if REQUEST.search(lower, max(0, m.start() - 50), m.start()):
                found.append(("behaviour", "pathway", m.start(), m.end()))
        for weapon, pattern in self._weapons.items():
            if any(t in lower for t in TRIGGERS[weapon]):
                found.extend(("weapon", weapon, m.start(), m.end()) for m in pattern.finditer(lower))
        signals = []
        for kind, what, start, end in sorted(found, key=lambda f: (f[2], f[0], f[1])):
            if PLAY_CONTEXT.search(_sentence(lower, start, end)):
                continue
            evidence = " ".join(text[start:end].split())
            if kind == "behaviour":
                value = {"behaviour": what, "evidence": evidence}
                reason = f"warning behaviour, {LABELS[what]}: \"{evidence}\""
            else:
                value = {"weapon": what, "evidence": evidence}
                reason = f"names a weapon ({what}): \"{evidence}\""
            signals.append(
                Signal(analyzer=NAME, kind=kind, start=start, end=end, value=value,
                       confidence=0.7 if kind == "behaviour" else 0.8, reason=reason)
            )
        return signals
