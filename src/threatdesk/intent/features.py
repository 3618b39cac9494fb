"""Text to features: cue hits, rule features and hashed word/character n-grams.

The same function builds features for training and at run time, so a model can never
see a different featurisation from the one it was fitted on. Hashing uses CRC-32, which
(unlike Python's ``hash``) is the same in every process and on every machine.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from operator import mul

import numpy as np

from threatdesk.analyzers.money import Amount, find_amounts, find_vague
from threatdesk.intent.lexicon import CUES, IDENTITY, MATCHER

HASH_BITS = 18
DIM = 1 << HASH_BITS
_WORD = re.compile(r"[^\W_]+|[$€💀⚰🔫🔥😂🤣]", re.UNICODE)

Span = tuple[int, int, str]


@dataclass(slots=True)
class Reading:
    """Everything the rules see in one text, with spans, computed once and shared."""

    text: str
    hits: dict[str, list[Span]] = field(default_factory=dict)
    amounts: list[Amount] = field(default_factory=list)
    vague: list[Span] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return bool(self.hits.get(name))

    @property
    def harm_acts(self) -> list[str]:
        return [n for n in ("kidnap", "arson", "ramming", "assault") if self.hits.get(n)]

    @property
    def paid(self) -> bool:
        """Something of value is on the table: an amount, an unstated sum, or goods."""
        return bool(
            self.amounts or self.vague or self.has("offer_crypto") or self.has("offer_gift")
            or (self.has("offer") and (self.has("offer_drugs") or self.has("offer_favour")))
        )


#: A past-tense act right after a relative pronoun describes who the target is ("the cop who
#: shot Dre", "el policía que mató a mi hijo"): it names what happened, not what is asked.
_RELATIVE_BEFORE = re.compile(r"\b(?:who|that|which|que|q|quien|quienes)\s+(?:\w+\s+)?$")
_PAST_ACT = re.compile(
    r"(?:killed|shot|murdered|beat|assaulted|attacked|tased|stabbed|ran over|choked|"
    r"mat[oó]|mataron|asesin[oó]|asesinaron|golpe[oó]|golpearon|dispar[oó]|balace[oó]|atropell[oó])\b"
)


def _drop_idioms_and_descriptions(hits: dict[str, list[Span]], low: str) -> None:
    """Kill and assault words that are part of an everyday idiom ("this rent is killing me"),
    or a past act describing the target, stop counting as acts; they are kept apart as
    ``idiom_act`` / ``described_act`` so the model still sees that they occurred."""
    idioms = hits.get("idiom", ())
    for cls in ("kill", "assault"):
        spans = hits.get(cls)
        if not spans:
            continue
        kept: list[Span] = []
        for span in spans:
            start, end, found = span
            if any(s <= start and end <= e for s, e, _ in idioms):
                hits.setdefault("idiom_act", []).append(span)
            elif _PAST_ACT.match(found) and _RELATIVE_BEFORE.search(low, max(0, start - 24), start):
                hits.setdefault("described_act", []).append(span)
            else:
                kept.append(span)
        if kept:
            hits[cls] = kept
        else:
            del hits[cls]


def _drop_impersonal_from_reported(hits: dict[str, list[Span]]) -> None:
    """"A reward is being offered" is an impersonal notice, not an account of someone's past
    offer: an ``offered`` inside an impersonal or passive offer stops counting as reported."""
    impersonal = hits.get("impersonal_offer")
    spans = hits.get("reported_offer")
    if not (impersonal and spans):
        return
    kept = [sp for sp in spans if not any(s <= sp[0] and sp[1] <= e for s, e, _ in impersonal)]
    if kept:
        hits["reported_offer"] = kept
    else:
        del hits["reported_offer"]


def read(text: str) -> Reading:
    reading = Reading(text=text)
    low = text.lower()
    if len(low) != len(text):  # a rare character whose lower case is longer: keep spans exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    reading.hits = MATCHER.find(low)
    _drop_idioms_and_descriptions(reading.hits, low)
    _drop_impersonal_from_reported(reading.hits)
    reading.amounts = find_amounts(text)
    reading.vague = find_vague(text)
    return reading


_QUOTE = re.compile(r"[\"“”«»]")


def _count(reading: Reading, name: str) -> float:
    return float(min(len(reading.hits.get(name, ())), 3)) / 3.0


def rule_features(reading: Reading) -> dict[str, float]:
    """Named features a linear model weighs: cue presence plus the interactions that define labels."""
    r = reading
    text = r.text
    f: dict[str, float] = {f"cue:{name}": _count(r, name) for name in (*CUES, "idiom_act", "described_act")}
    has = r.has
    money = bool(r.amounts)
    usd = any(a.currency in (None, "USD") for a in r.amounts)
    paid = r.paid
    harm = bool(r.harm_acts)
    target = has("target_role") or has("target_pronoun")
    f.update({
        "money": float(money),
        "money_usd_or_unstated": float(usd),
        "money_vague": float(bool(r.vague)),
        "paid": float(paid),
        "paid&kill": float(paid and has("kill")),
        "paid&harm": float(paid and harm),
        "paid&intel": float(paid and has("intel")),
        "paid&target": float(paid and target),
        "paid&offer": float(paid and has("offer")),
        "paid&offer&kill": float(paid and has("offer") and has("kill")),
        "paid&offer&harm": float(paid and has("offer") and harm),
        "paid&offer&intel": float(paid and has("offer") and has("intel")),
        "paid&terms": float(paid and has("terms")),
        "paid&reported": float(paid and has("reported")),
        "paid&lawful": float(paid and has("lawful_money")),
        "paid&game": float(paid and has("game")),
        "kill&reported": float(has("kill") and has("reported")),
        "kill&game": float(has("kill") and has("game")),
        "kill&first_person": float(has("kill") and has("first_person_threat")),
        "harm&first_person": float(harm and has("first_person_threat")),
        "kill&incite": float(has("kill") and has("incite")),
        "kill&second_person": float(has("kill") and has("second_person")),
        "first_person&target": float(has("first_person_threat") and target),
        "incite&target": float(has("incite") and target),
        "protected&no_act": float(has("protected") and not (has("kill") or harm)),
        "surveil&target": float(has("surveil") and target),
        "surveil&reported": float(has("surveil") and has("reported")),
        "pii&dox_frame": float(has("pii") and has("dox_frame")),
        "pii&target": float(has("pii") and target),
        "conditional&first_person": float(has("conditional") and has("first_person_threat")),
        "jocular&act": float(has("jocular") and (has("kill") or harm)),
        "kill_negated": float(has("kill") and has("negated_kill")),
        "reported_offer&no_speaker_offer": float(has("reported_offer") and not has("speaker_offer")),
        "paid&speaker_offer": float(paid and has("speaker_offer")),
        "paid&lawful_reward": float(paid and has("lawful_reward")),
        "hearsay&act": float(has("hearsay") and (has("kill") or harm or has("offer") or has("pii"))),
        "hearsay&no_speaker_offer": float(has("hearsay") and not has("speaker_offer")),
        "official&no_paid": float(has("official") and not paid),
        "praise&no_act": float(has("praise") and not (has("kill") or harm)),
        "first_person&no_act": float(has("first_person_threat") and not (has("kill") or harm or has("intel") or has("surveil"))),
        "first_person&protected&no_act": float(has("first_person_threat") and has("protected") and not (has("kill") or harm)),
        "incite&no_act": float(has("incite") and not (has("kill") or harm)),
        "game&no_paid": float(has("game") and not paid),
        "lawful&no_speaker_offer": float((has("lawful_money") or has("lawful_reward")) and not has("speaker_offer")),
        # the speaker's own future act is lawful and no act of harm is named: protest, not threat
        "lawful_future&no_act": float(has("lawful_future") and not (has("kill") or harm)),
        # a tip that names no behaviour (nothing seen, who someone is, what they speak)
        "no_behaviour&no_act": float(has("no_behaviour") and not (has("kill") or harm or paid)),
        # an account of someone else's doing (attribution, hearsay, a reported offer) with no
        # offer or threat in the speaker's own voice
        "told&no_own_voice": float((has("reported") or has("hearsay") or has("reported_offer"))
                                   and not (has("speaker_offer") or has("first_person_threat"))),
        # words in quotes inside an account of them: a note, a post, an e-mail being reported
        "quoted&told": float(bool(_QUOTE.search(text)) and (has("reported") or has("hearsay") or has("reported_offer"))),
        "game&no_target": float(has("game") and not has("target_role")),
        "official&first_person": float(has("official") and has("first_person_threat") and not paid),
        "question": float("?" in text),
        "exclaim": min(text.count("!"), 3) / 3.0,
        "quoted": float(bool(_QUOTE.search(text))),
        "len_short": float(len(text) < 60),
        "len_long": float(len(text) > 200),
    })
    return f


def fold(text: str) -> str:
    """Lower-case, strip accents ("dirección" and "direccion" share n-grams), neutralise identity terms."""
    decomposed = unicodedata.normalize("NFKD", IDENTITY.sub(" idterm ", text.lower()))
    if decomposed.isascii():  # no combining marks to strip (most texts)
        return decomposed
    return decomposed.translate(_UNMARK)


class _Unmark(dict[int, int | None]):
    """``str.translate`` table deleting combining marks, filled in as characters are first met:
    a test per character in Python was most of the cost of folding an accented text."""

    def __missing__(self, code: int) -> int | None:
        keep = None if unicodedata.combining(chr(code)) else code
        if len(self) < 100_000:
            self[code] = keep
        return keep


_UNMARK = _Unmark()


#: Buckets of a word's own features (the word and its character 3-5-grams), by word. Words
#: repeat across messages, so most messages hash only their bigrams; bounded, so a stream of
#: novel tokens cannot grow it without limit. Same buckets in the same order as without it.
_WORD_BUCKETS: dict[str, tuple[int, tuple[int, ...]]] = {}
_WORD_BUCKETS_MAX = 200_000


def _word_buckets(w: str) -> tuple[int, tuple[int, ...]]:
    got = _WORD_BUCKETS.get(w)
    if got is None:
        crc = zlib.crc32
        padded = f" {w} "
        n = len(padded)
        grams = tuple(
            crc(("c:" + padded[j : j + size]).encode()) & (DIM - 1) for size in (3, 4, 5) for j in range(n - size + 1)
        )
        got = (crc(("w:" + w).encode()) & (DIM - 1), grams)
        if len(_WORD_BUCKETS) < _WORD_BUCKETS_MAX:
            _WORD_BUCKETS[w] = got
    return got


def hashed_ngrams(text: str) -> dict[int, float]:
    """Word 1-2 grams and within-word character 3-5 grams, hashed, l2-normalised."""
    words = _WORD.findall(fold(text))
    # Every bucket in the order first seen (word, bigram, the word's character grams, as
    # before), counted by Counter's C loop: the same keys in the same order, and the same
    # floats, as adding 1.0 per bucket to a dict (whole counts add up exactly either way).
    buckets: list[int] = []
    add, extend = buckets.append, buckets.extend
    crc = zlib.crc32
    prev = None
    for w in words:
        unigram, grams = _word_buckets(w)
        add(unigram)
        if prev is not None:
            add(crc(("b:" + prev + " " + w).encode()) & (DIM - 1))
        extend(grams)
        prev = w
    if not buckets:
        return {}
    counts = Counter(buckets)
    ns = list(counts.values())
    norm = float(np.sqrt(float(sum(map(mul, ns, ns)))))
    return dict(zip(counts, map(norm.__rtruediv__, ns), strict=True))  # n / norm, in C
