"""Keyed fingerprints: HMAC-SHA256 over a kind and a normalised value.

The kind is part of the message so that the same string enrolled as a name and as a family
name gives two unrelated fingerprints. Every variant a protectee could be written as is
enrolled (full name, initial and surname, the surname alone where the registry lists it,
and a phonetic key of each), so matching is a set lookup and the text never has to be
compared with any plaintext.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Iterator

from threatdesk.protectees.normalize import name_tokens, phonetic

#: Fingerprint kinds and whether the value is a field 18 U.S.C. 119 restricts.
KINDS: dict[str, bool] = {
    "name": False,
    "name_phonetic": False,
    "family": False,
    "family_phonetic": False,
    "address": True,
    "phone": True,
    "email": True,
    "plate": False,
    "token": False,
    "token_phonetic": False,
}
#: Which ``matched`` value a fingerprint kind reports on a ``protectee`` signal.
MATCHED = {"name": "name", "name_phonetic": "name", "family": "family", "family_phonetic": "family",
           "address": "address", "phone": "phone", "email": "email", "plate": "plate"}
#: A single-word phonetic key shorter than this matches too many ordinary words to be used.
MIN_SINGLE_PHONETIC = 4


def fingerprint(key: bytes, kind: str, value: str) -> str:
    return hmac.digest(key, f"{kind}\x00{value}".encode(), "sha256").hex()


def phonetic_key(tokens: Iterable[str]) -> str:
    return " ".join(phonetic(t) for t in tokens)


def token_forms(name: str) -> Iterator[tuple[str, str]]:
    """("token", word) and ("token_phonetic", key) for each word of a name.

    The matcher fingerprints single words first and builds n-grams only from runs of words
    that are some protectee's name word, which keeps the keyed hashes per message few.
    """
    for token in name_tokens(name):
        yield "token", token
        yield "token_phonetic", phonetic(token)


def name_variants(name: str, *, surname_alone: bool) -> Iterator[tuple[str, str]]:
    """(form, text) pairs for one written name: exact forms as "exact", sound keys as "phonetic"."""
    tokens = name_tokens(name)
    if not tokens:
        return
    forms = [tokens]
    if len(tokens) >= 2:
        forms.append([tokens[0][0], *tokens[1:]])
        if surname_alone:
            forms.append(tokens[1:])
    for form in forms:
        yield "exact", " ".join(form)
        key = phonetic_key(form)
        if len(form) >= 2 or len(key) >= MIN_SINGLE_PHONETIC:
            yield "phonetic", key
