"""The shortcuts taken for speed give exactly what the plain computation gives.

Cue matching tries a word start's patterns through a tree of alternations and skips a loose
pattern's scan when the text lacks every literal it needs; amounts are remembered for the
next caller; ASCII text is normalised for the subword pieces without the tokenizer's walk.
Each is compared here with the plain way, on texts chosen to break it.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from threatdesk.analyzers.money import find_amounts
from threatdesk.intent.lexicon import _WORD_START, MATCHER, _needles, longest_spans

ROOT = Path(__file__).resolve().parents[2]

TRICKY = [
    "",
    "k",
    "!!! ...",
    "i",  # a one-letter word at the very end: its own dispatch entry
    "pay 2k to whoever takes him out, I'll put him in the ground",
    "he took out the trash then took him out",  # a cue and its carve-out side by side
    "kill killing killed skill k1ll k!ll unalive",
    "dead or alive, dead  or   alive, deadline",  # a longer and a shorter cue at one start
    "in the ground in a bag home in a bag",  # a loose cue beside keyed ones
    "no quede vivo, que no amanezca, le das piso",
    "MATAR AL JUEZ, BÁJENLO, quiébrenlo, el pelón",
    "dirección de su casa, qué hotel, en qué escuela",
    "İSTANBUL KILL HIM",  # "İ" lower-cases to two characters
    "ŞİŞLİ: take him out",
    "💀💀 put him in the ground 🔫⚰️🪦 🔥",
    "the judge's house and the agent's kids",
    "lol jk bro, 3-1 in the 2nd round, árbitro",
    "call 555-0142 or write to someone@example.com, 1200 N Example St",
    "$5,000 for his head, half now half after, 50/50",
    "AGENT\tKILL\nHIM\r\nnow",
    "wings wings wings put wings on him",
    "ǅ ǆ ß ẞ ﬁ killing",
]


def naive_find(low: str) -> dict[str, list[tuple[int, int, str]]]:
    """Every dispatch entry tried at every word start, as before the tree (the reference)."""
    best: dict[tuple[str, int], int] = {}
    table = MATCHER.table
    for m in _WORD_START.finditer(low):
        pos = m.start()
        for name, pat in (*table.get(low[pos : pos + 2], ()), *table.get(low[pos], ())):
            hit = pat.match(low, pos)
            if hit and hit.end() > best.get((name, pos), pos):
                best[(name, pos)] = hit.end()
    for name, pat in MATCHER.fallbacks:
        for hit in pat.finditer(low):
            if hit.end() > best.get((name, hit.start()), hit.start()):
                best[(name, hit.start())] = hit.end()
    return longest_spans(best, low)


def _lowered(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _training_sample() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data/train").glob("*.jsonl")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += [json.loads(line)["text"] for line in lines[::7]]
    return texts


@pytest.mark.parametrize("text", TRICKY)
def test_find_equals_trying_every_pattern(text: str) -> None:
    low = _lowered(text)
    # the same names in the same order with the same spans: dict order is compared too
    assert list(MATCHER.find(low).items()) == list(naive_find(low).items())


def test_find_equals_trying_every_pattern_on_training_texts() -> None:
    texts = _training_sample()
    if not texts:
        pytest.skip("no training files")
    for text in texts:
        low = _lowered(text)
        assert list(MATCHER.find(low).items()) == list(naive_find(low).items()), text


def test_every_match_holds_a_needle() -> None:
    """The needles are necessary: random texts built from them and their neighbours never
    match a loose pattern without containing one."""
    rng = random.Random(11)
    for name, pat, needles in MATCHER._loose:
        if needles is None:
            continue
        parts = [*needles, " ", "him", "the", "de", "no ", "1", "'", "-", "á"]
        for _ in range(300):
            text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 8)))
            if pat.search(text):
                assert any(n in text for n in needles), (name, text)


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"(?<![^\W_])(?:(?:home )?in a bag)(?![^\W_])", ("in a bag",)),
        (r"(?:que )?no (?:quede|llegue|regrese) viv[oa]", ("llegue", "quede", "regrese")),
        (r"lo+l+", None),  # only one-letter runs: not worth a test
        (r"(?i)kill", None),  # case folded: literals do not bind
        (r"(?i:kill)|murder", None),
        (r"[a-z]+ing", ("ing",)),
        (r"murder|", None),  # an empty alternative needs nothing
        (r"x?yz", ("yz",)),
        (r"(?:ab){2}cde", ("cde",)),
        (r"💀|⚰️", ("⚰️", "💀")),
        (r"💀|🔫", None),  # one-character alternatives become a class, which is not read
    ],
)
def test_needles_read_from_the_pattern(pattern: str, needles: tuple[str, ...] | None) -> None:
    found = _needles(re.compile(pattern))
    assert (sorted(found) if found else None) == (sorted(needles) if needles else None)


def test_amounts_are_handed_out_fresh() -> None:
    text = "pay 2k to whoever finds him, 500 more for pics"
    first = find_amounts(text)
    first.clear()  # a caller changing its list changes nobody else's
    again = find_amounts(text)
    assert again and again == find_amounts.__wrapped__(text)
    assert find_amounts("nothing here") == []
    assert find_amounts(text) == again


@pytest.mark.parametrize(
    "text",
    ["", " ", "\t\n", "  two  words  ", "\r\nline\r\n", "tab\there", "a\x0bb", "\x00x", "end ", "plain text, 100% ok!"],
)
def test_ascii_normalisation_equals_the_tokenizer(text: str) -> None:
    from threatdesk.intent.embed import SubwordEmbedder

    embedder = SubwordEmbedder.load()
    if not embedder._ascii_fast:
        pytest.skip("this tokenizer build is normalised the long way")
    assert embedder._ascii(text) == embedder._tokenizer._normalizer.normalize(text)


def test_ascii_normalisation_equals_the_tokenizer_on_random_text() -> None:
    from threatdesk.intent.embed import SubwordEmbedder

    embedder = SubwordEmbedder.load()
    if not embedder._ascii_fast:
        pytest.skip("this tokenizer build is normalised the long way")
    rng = random.Random(5)
    alphabet = "ab Z9 .,'\t\n\r\x0b\x0c\x00\x1c\x7f-_~"
    normalize = embedder._tokenizer._normalizer.normalize
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert embedder._ascii(text) == normalize(text), repr(text)
