"""The structured reading of a solicitation: offer, act, target, terms.

Built from the cue spans of one ``Reading``: what is offered (an amount and currency, or
crypto, gift cards, drugs, a favour), for which act (information, whereabouts or photos;
assault, kidnapping, ramming, arson; killing), against whom (a name, a role, a pronoun),
and on what terms ("if u", "when it's done", "con pruebas", "half up front").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from threatdesk.analyzers.money import Amount, find_shorthand_thousands, word_value
from threatdesk.intent.features import Reading

#: The most severe act named wins: a message that asks for an address *and* a killing
#: is read as a killing.
_ACT_ORDER = (("kill", "killing"), ("kidnap", "kidnapping"), ("arson", "arson"), ("ramming", "ramming"), ("assault", "assault"))
_HARM_CUES = ("kidnap", "arson", "ramming", "assault")
_PHOTOS = re.compile(r"pics?|photos?|pictures?|fotos?|fotograf", re.IGNORECASE)
_WHERE = re.compile(r"address|addy|where|whereabouts|location|locate|crib|house|home|direcci|domicilio|d[oó]nde|ubica|casa|vive|paradero", re.IGNORECASE)
#: Words that tie an amount to one instalment of a split payment ("1k up front", "3 mil por adelantado").
_SPLIT = re.compile(
    r"\b(?:half|rest|now|after|later|up ?front|before|then|another|first|on delivery|when|once|mitad|resto|ahorita|ahora|antes|"
    r"despu[eé]s|adelantad[oa]|al final|al momento|otros?|otras?|cuando|luego|primero|ya est[aá] depositad[oa])\b",
    re.IGNORECASE,
)
#: The grammar that makes an amount *the offer* when a text holds other numbers too ("he cost
#: me 40k in lawyers. 5k to whoever..."): a verb of paying before it, a beneficiary after it.
_OFFER_BEFORE = re.compile(
    r"\b(?:pay(?:s|ing)?|paid|give|giving|offer(?:s|ing)?|reward|bounty|send|drop|put(?:ting)? up|there'?s|got|gets?|earn|make|"
    r"pago|pagamos|pagar[eé]|doy|damos|ofrezco|ofrecemos|recompensa|premio|hay|te llevas|recibe|cobra|gana|se (?:les? )?(?:pagan?|dar[aá]n?))"
    r"\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_OFFER_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:to (?:whoever|anyone|anybody|the first|any1)|for (?:whoever|anyone|the|his|her|their|each|every|a|an)\b|"
    r"if (?:u|you|someone|somebody|any\w*)\b|al (?:que|q)\b|a quien|pa'?l? (?:que|q|quien)|para (?:el|quien)|por (?:la|el|cada|su|sus)\b|"
    r"si (?:alguien|me|le|lo|la)\b|on (?:his|her|their|the \w+'?s?) head|waiting|esper[aá]ndo|"
    r"to (?!be\b)[a-z]+ (?:[a-z]+ )?(?:the|that|a|his|her|him|them|me|us)\b)",
    re.IGNORECASE,
)
#: "not dead, just bad", "just the leg", "nomás una calentada": the message limits the harm it
#: pays for, so a kill word elsewhere in it ("pop", "drop", "muerto") is not the act bought.
_LIMITED = re.compile(
    r"\b(?:just|only|solo|sólo|nom[aá]s|nada m[aá]s|no m[aá]s que)\s+(?:(?:a|an|the|un|una|la|el|in the|en la|en el|que)\s+)?(?:(?:good|real|little|buen[ao]?|peque[nñ]a)\s+)?"
    r"(?:beat\w*|scare|lesson|legs?|knees?|kneecaps?|arms?|hands?|hospital|hurt|rough\w*|susto|calenta\w*|madriza|golpiza|putiza|"
    r"lecci[oó]n|piernas?|rodillas?|brazos?|aplauso|que aprenda|enough|a beating|hospitaliz\w*)|"
    r"\bnothing (?:fatal|lethal|permanent)|\bnada (?:fatal|permanente)",
    re.IGNORECASE,
)
#: A kill word aimed at a limb is a wounding, not a killing: "pops the agent in the leg".
_LIMB_AFTER = re.compile(
    r"^(?:\s+[\w'’]+){0,3}?\s+(?:in|en) (?:the|his|her|their|a|la|el|las|los|una|sus?) (?:legs?|knees?|kneecaps?|foot|feet|arms?|hands?|ass|butt|"
    r"piernas?|rodillas?|pies?|brazos?|manos?|nalgas?)\b",
    re.IGNORECASE,
)
#: An act in the speaker's own clause, after the paid-for information: "find where he lives so
#: we can pay him a visit", "he's getting a visit", "y nosotros nos encargamos". The money buys
#: the information; the act is what the speaker says they will do with it.
_SEQUEL_BEFORE = re.compile(
    r"(?:\b(?:so (?:that )?|then |and (?:then )?)(?:we|i|me and the boys|my boys|the boys)(?:'ll| will| can| could| gonna| are gonna| am gonna|'re gonna|'m gonna| r gonna)?"
    r"|\b(?:(?:i'?m|we'?re|i am|we are) )?(?:bout|about|finna|fixing) to"
    r"|\b(?:we|i) (?:just )?(?:want|wanna|plan|intend|need|'d like|would like) to|\b(?:queremos|quiero|pensamos) (?:ir a )?"
    r"|\b(?:he|she|they)(?:'s| is|'re| are| will be| gonna be| will| r)(?: (?:getting|gonna get|going to get|get))?"
    r"|\b(?:para que|pa'? ?que|y (?:luego )?) ?(?:nosotros|yo)|\b(?:nosotros|yo) (?:nos encargamos|me encargo|(?:le|lo|la) (?:damos|doy|caemos|hacemos)))"
    r"\s+(?:[\w'’]+\s+){0,2}$",
    re.IGNORECASE,
)

_NAME_AFTER = re.compile(r"\s+((?:[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’]+)(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’]+)?)")

Span = tuple[int, int]
Span3 = tuple[int, int, str]


@dataclass(slots=True)
class Solicitation:
    amount: int | None = None
    currency: str | None = None
    kind: str | None = None
    act: str | None = None
    target: str | None = None
    terms: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def value(self) -> dict[str, Any]:
        return {
            "offer": {"amount": self.amount, "currency": self.currency, "kind": self.kind},
            "act": self.act,
            "target": self.target,
            "terms": list(self.terms),
        }

    @property
    def start(self) -> int | None:
        return min(s for s, _ in self.spans) if self.spans else None

    @property
    def end(self) -> int | None:
        return max(e for _, e in self.spans) if self.spans else None


def _in(span: tuple[int, int], spans: list[Span3]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e, _ in spans)


def paid_acts(reading: Reading) -> dict[str, list[Span]]:
    """The acts the message pays for, by cue class: the acts it names, less a killing it rules
    out ("not dead", "no lo quiero muerto", "nobody gets killed", "just a beating"), a kill word
    aimed at a limb (read as an assault), and, when information is asked for, acts in the
    speaker's own clause ("so we can pay him a visit"). A kill word that a longer harm phrase
    carries on ("shoot it up", "takes out his knee", "le quiebre el tobillo") is that harm.
    ``intel`` is kept as named."""
    text, hits = reading.text, reading.hits
    acts: dict[str, list[Span]] = {name: [h[:2] for h in hits.get(name, ())] for name in (*(c for c, _ in _ACT_ORDER), "intel")}
    negated = hits.get("negated_kill", [])
    limited = bool(_LIMITED.search(text))
    harm_spans = [sp for name in _HARM_CUES for sp in acts[name]]
    kept: list[Span] = []
    for span in acts["kill"]:
        if _in(span, negated):
            continue
        if any(s < span[1] and span[0] < e and e > span[1] for s, e in harm_spans):
            continue  # the harm phrase goes on past the kill word: "shoot it up", "le quiebre el tobillo"
        if _LIMB_AFTER.match(text, span[1]):
            acts["assault"].append(span)
            continue
        if limited or _in(span, reading.hits.get("intel", [])):
            continue  # limited harm; or a kill word inside a whereabouts phrase ("where he lays his head")
        kept.append(span)
    acts["kill"] = kept
    # An emoji (a skull, a coffin, a gun, a flame) stands for an act only when no act is named
    # in words (TAXONOMY, "act not stated"): "2k for his addy 💀" pays for the address.
    if any(_has_letters(text, sp) for spans in acts.values() for sp in spans):
        acts = {name: [sp for sp in spans if _has_letters(text, sp)] for name, spans in acts.items()}
    if acts["intel"]:
        for name in ("kill", *_HARM_CUES):
            acts[name] = [sp for sp in acts[name] if not _SEQUEL_BEFORE.search(text, max(0, sp[0] - 45), sp[0])]
    return {name: spans for name, spans in acts.items() if spans}


def _has_letters(text: str, span: Span) -> bool:
    return any(c.isalpha() for c in text[span[0] : span[1]])


def most_severe_act(reading: Reading) -> str | None:
    """The bounty tier the acts paid for support: ``solicit_kill``, ``solicit_harm``,
    ``solicit_intel``, or None when the text names no act."""
    acts = paid_acts(reading)
    if acts.get("kill"):
        return "solicit_kill"
    if any(acts.get(name) for name in _HARM_CUES):
        return "solicit_harm"
    if acts.get("intel"):
        return "solicit_intel"
    return None


#: Money lost, owed, spent or saved is not the offer, whatever follows it: "perdí 50 mil por su culpa".
_NOT_OFFER_BEFORE = re.compile(
    r"\b(?:cost|costs|lost|lose|perd[ií]\w*|owe[sd]?|debe\w*|debo|spent|spend|gast\w+|stole|stolen|rob[oó]|robaron|took|quit[oó]|"
    r"rent|renta|fine|fined|multa|bail|fianza|saved|ahorr\w+|earned|charged|cobr[oó]|borrowed|prest\w+)\b[^.!?\n]{0,25}$",
    re.IGNORECASE,
)


#: A total stated for the whole job: "total 10k", "3k total", "son 3 mil en total", "1600 if u do both".
_TOTAL_BEFORE = re.compile(r"\b(?:total(?: of)?|in all|all together|todo junto|son|ser[ií]an|en total|is|es|=)[\s:=$]*$", re.IGNORECASE)
_RATE_AFTER = re.compile(r"\s*(?:each|apiece|per\b|c/u|for (?:each|every)\b|a (?:head|pop|plate|pic|photo)|por (?:cabeza|cada|persona|foto)|(?:de )?cada (?:uno|una|quien|vato|guey|wey)|from each|each of us)", re.IGNORECASE)
#: How many times a rate is paid, when the text says so: the people an offer hires ("need 2 guys
#: to jump him. 600 each", "ocupo a 2 pa levantarlo, 10 mil cada uno"), the people it is
#: against ("$50 each for the addresses of the 2 agents", "1k per head for the two ICE guys"),
#: or the people who chip in ("$250 de cada uno, somos 8"). The rate times it is the sum.
_N = r"(?P<n>[2-9]|two|three|four|five|dos|tres|cuatro|cinco)"
_HEADCOUNT = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:need|needs|want|wants|looking for|lookin for|ocupo|ocupamos|necesito|necesitamos|busco|buscamos|quiero)\s+(?:a\s+)?"
        rf"{_N}\s+(?:guys|men|dudes|people|shooters|homies|of (?:u|you|y'?all)|vatos|batos|morros|weyes|compas|personas|hombres|pa\b|para\b|to\b|que\b)",
        rf"\b(?:the|both|los|las|a los|a las|pa'? los|para los|de los|de las|ambos)\s+{_N}\s+(?!(?:of|de|am|pm|hours?|horas?|days?|d[ií]as|weeks?|semanas?|times|veces)\b)[^\W\d_]",
        rf"\b(?:somos|we'?re|we are)\s+{_N}\b",
        rf"\b{_N} of us\b",
    )
)
#: An amount added to another: "500 for his address, 2k more when...", "another 900 once...",
#: "y otros mil por la dirección", "más otros 5 mil". The sum on the table is the two together.
_ADD_ON_BEFORE = re.compile(r"\b(?:another|plus|extra|bonus|(?:y |m[aá]s )?otr[oa]s?)\s+$", re.IGNORECASE)
_ADD_ON_AFTER = re.compile(r"\s*(?:more|extra|on top|m[aá]s\b(?! (?:que|de)\b)|adicionales?)", re.IGNORECASE)
#: "5 stacks now, 5 more after": the second figure takes the first one's unit.
_ELIDED_MORE = re.compile(r"(?<![\w$.,])(\d{1,3})\s+(?:more|m[aá]s)\b", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"\$?\s?(\d{1,3})\b")
_TOTAL_AFTER = re.compile(
    r"\s*(?:total\b|in total|en total|all in\b|for (?:both|all of (?:them|it))|if (?:u|you) do (?:both|all)|(?:por|pa|para) (?:los|las) (?:dos|tres|cuatro)|por ambos|por todo)",
    re.IGNORECASE,
)


def _elided_add_ons(text: str, amounts: list[Amount]) -> list[Amount]:
    """Figures like "5 more" after an amount with a unit ("5 stacks now, 5 more after"), in that unit."""
    out = []
    for m in _ELIDED_MORE.finditer(text):
        if any(a.start <= m.start() < a.end for a in amounts):
            continue
        before = [a for a in amounts if a.end <= m.start()]
        if not before:
            continue
        last = before[-1]
        lead = _LEADING_NUMBER.match(last.text)
        figure = int(lead[1]) if lead else 0
        if figure and last.amount % figure == 0 and last.amount // figure in (100, 1000):
            out.append(Amount(m.start(1), m.end(1), int(m[1]) * (last.amount // figure), last.currency, m[1], framed=True))
    return out


def _headcount(text: str) -> int | None:
    m = next((found for pattern in _HEADCOUNT if (found := pattern.search(text))), None)
    if m is None:
        return None
    return int(m["n"]) if m["n"].isdigit() else word_value(m["n"])


def _framed(text: str, amount: Amount) -> bool:
    """An offer's grammar frames the amount: a verb of paying before it, a beneficiary after it,
    in its own clause, and no verb of losing, owing or spending before it."""
    if _NOT_OFFER_BEFORE.search(text, max(0, amount.start - 40), amount.start):
        return False
    clause = re.split(r"[.;!?\n]", text[amount.end : amount.end + 40], maxsplit=1)[0]
    return amount.framed or bool(_OFFER_BEFORE.search(text, max(0, amount.start - 40), amount.start) or _OFFER_AFTER.match(clause))


def _best_framed(text: str, amounts: list[Amount]) -> Amount:
    """The amount an offer's grammar frames, the largest first among equals."""
    return max(amounts, key=lambda a: (_framed(text, a), a.amount))


def _instalment(text: str, amount: Amount, others: list[Amount]) -> bool:
    """The amount is tied to one instalment: a split word in its own clause, up to the next amount."""
    stop = min([a.start for a in others if a.start > amount.end] + [amount.end + 25])
    after = re.split(r"[,.;!?\n]", text[amount.end : stop], maxsplit=1)[0]
    before = text[max(0, amount.start - 14) : amount.start]
    return bool(_SPLIT.search(after) or re.search(r"\b(?:another|otros?|otras?|the other|la otra|el otro|and|y|then|luego|plus|m[aá]s)\W*$", before, re.IGNORECASE))


def offered_amount(reading: Reading) -> tuple[int | None, str | None, list[Span]]:
    """The amount on the table. A payment split into instalments is their total ("$1,500 now and
    $1,500 after"); an amount beside its own instalment is the total already ("8k for the snitch,
    2k now"); a sum added to another is the two together ("500 for his address, 2k more when..."),
    and a rate is paid as many times as the text counts people ("need 2 guys, 600 each").
    Otherwise the amount an offer's grammar frames, dollars (or unstated) first, then the
    largest: "he cost me 40k. 5k to whoever..." is an offer of 5k."""
    amounts = reading.amounts
    text = reading.text
    if all(a.amount < 100 and a.text.isdigit() for a in amounts):
        # no sum marked, only bare numbers under 100: "15 for the cop", "60 for the marshal. 30 up front"
        shorthand = find_shorthand_thousands(text)
        if shorthand and paid_acts(reading):
            amounts = shorthand
    if not amounts:
        return None, None, []
    usd = [a for a in amounts if a.currency in (None, "USD")]
    pool = usd or amounts
    offered = [a for a in pool if not _NOT_OFFER_BEFORE.search(text, max(0, a.start - 40), a.start)]
    pool = offered or pool  # "6 racks if the ref gets found in the river. he cost me 40k": 6 racks
    whole_job = [a for a in pool if not _RATE_AFTER.match(text, a.end)]
    if not whole_job and (count := _headcount(text)):
        best = _best_framed(text, pool)  # "need 2 guys ... 600 each": 1,200
        return best.amount * count, best.currency, [(best.start, best.end)]
    pool = whole_job or pool  # "1.5k to jump the cop, 3 of u, 500 each": a rate only when no sum is stated
    totals = [a for a in pool if _TOTAL_BEFORE.search(text, max(0, a.start - 12), a.start) or _TOTAL_AFTER.match(text, a.end)]
    if totals and len(pool) > 1:
        best = max(totals, key=lambda a: a.amount)  # "10 k for the cop, 2 k for his partner. total 12k"
        return best.amount, best.currency, [(best.start, best.end)]
    added = [a for a in pool if _ADD_ON_BEFORE.search(text, max(0, a.start - 12), a.start) or _ADD_ON_AFTER.match(text, a.end)]
    added += _elided_add_ons(text, pool)
    base = [a for a in pool if a not in added]
    if added and base:
        first = _best_framed(text, base)
        parts = [first, *(a for a in added if a.currency in (None, first.currency))]
        return sum(a.amount for a in parts), first.currency, [(a.start, a.end) for a in parts]
    if len(pool) > 1 and _SPLIT.search(text):
        currency = max(pool, key=lambda a: a.amount).currency
        same = [a for a in pool if a.currency == currency]
        parts = [a for a in same if _instalment(text, a, same)]
        whole = [a for a in same if a not in parts]
        if len(parts) >= 2 and not whole:
            return sum(a.amount for a in parts), currency, [(a.start, a.end) for a in parts]
        if whole and parts:
            best = max(whole, key=lambda a: a.amount)
            if best.amount >= max(a.amount for a in parts):
                return best.amount, best.currency, [(best.start, best.end)]
    best = _best_framed(text, pool)
    return best.amount, best.currency, [(best.start, best.end)]


def read_solicitation(reading: Reading) -> Solicitation | None:
    """The reading, or None when nothing of value is offered for anything.

    Any amount in the text is read as the offer's: the engine shows the reading only on
    ``solicit_*`` and ``reported_threat`` items, where the label has already said the text
    is (about) an offer, so an amount with no act or target word ("10,000 dollars for each of
    you who falls") is still the sum on the table."""
    hits = reading.hits
    if not (reading.paid or hits.get("offer")):
        return None
    sol = Solicitation()
    sol.amount, sol.currency, spans = offered_amount(reading)
    sol.spans.extend(spans)
    if hits.get("offer_crypto"):
        sol.kind = "crypto"
    elif hits.get("offer_gift"):
        sol.kind = "gift_card"
    elif reading.amounts or reading.vague:
        sol.kind = "cash"
    elif hits.get("offer_drugs"):
        sol.kind = "drugs"
    elif hits.get("offer_favour"):
        sol.kind = "favour"
    for start, end, _ in reading.vague:
        sol.spans.append((start, end))
    acts = paid_acts(reading)
    for cue, act in _ACT_ORDER:
        if acts.get(cue):
            sol.act = act
            sol.spans.append(acts[cue][0])
            break
    else:
        if hits.get("intel"):
            start, end, found = hits["intel"][0]
            sol.act = "photos" if _PHOTOS.search(found) else "whereabouts" if _WHERE.search(found) else "information"
            sol.spans.append((start, end))
    sol.target = _target(reading)
    sol.terms = list(dict.fromkeys(reading.text[s:e].strip() for s, e, _ in hits.get("terms", ())))
    if sol.act is None and sol.target is None and not reading.amounts:
        return None  # an offer cue with neither an amount, an act nor a target: not a reading of anything
    return sol


def _target(reading: Reading) -> str | None:
    text = reading.text
    roles = reading.hits.get("target_role")
    if roles:
        start, end, _ = max(roles, key=lambda h: h[1] - h[0])
        name = _NAME_AFTER.match(text, end)
        if name:
            end = name.end()
        return text[start:end]
    pronouns = reading.hits.get("target_pronoun")
    if pronouns:
        start, end, _ = pronouns[0]
        return text[start:end]
    return None
