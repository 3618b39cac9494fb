"""Protectee matching: the text's names and personal data looked up in the registry.

The analyzer never sees a protectee's plaintext. It folds the text's words (case, accents),
fingerprints each word and its phonetic key with the registry key, keeps the runs of words
that are some protectee's name word, and looks up every n-gram of one to four words of
those runs (exact and phonetic). Phones, e-mails, addresses and plates found by the PII
analyzers' extractors are normalised and looked up the same way. A match names the alias
only. With no registry or no key it emits nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from threatdesk.analyzers import AnalyzerContext
from threatdesk.analyzers.pii_address import scan_addresses
from threatdesk.analyzers.pii_email import scan_emails
from threatdesk.analyzers.pii_phone import scan_phones
from threatdesk.analyzers.pii_plate import scan_plates
from threatdesk.models import Item, Signal
from threatdesk.protectees.fingerprints import MATCHED, MIN_SINGLE_PHONETIC, fingerprint
from threatdesk.protectees.index import FingerprintIndex
from threatdesk.protectees.normalize import TITLES, fold, phonetic

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MAX_NGRAM = 4
_PII_KIND = {"phone": "phone", "email": "email", "address": "address", "plate": "plate"}

Hit = tuple[int, int, int, str, str, bool]  # (-length, start, end, alias, stored kind, phonetic)


class ProtecteeAnalyzer:
    name = "protectee"
    version = 1

    def __init__(self, *, context: AnalyzerContext | None = None) -> None:
        context = context or AnalyzerContext()
        self.index = FingerprintIndex.load(context.db, key_file=context.key_file)
        key = self.index.key or b""
        # Words repeat across messages; caching their keyed hashes is most of the speed.
        self._fp = lru_cache(maxsize=200_000)(lambda kind, value: fingerprint(key, kind, value))
        self._word = lru_cache(maxsize=200_000)(self._word_info)

    def _word_info(self, raw: str) -> tuple[str, str, frozenset[str]]:
        """(folded word, sound key, the aliases it is a name word of; empty when none)."""
        word = fold(raw)
        sound = phonetic(word)
        if word in TITLES:
            return word, sound, frozenset()
        owners = {alias for alias, _ in self.index.get(self._fp("token", word))}
        if sound:
            owners.update(alias for alias, _ in self.index.get(self._fp("token_phonetic", sound)))
        return word, sound, frozenset(owners)

    def __call__(self, item: Item) -> list[Signal]:
        if not self.index:
            return []
        text = item.text
        hits: list[Hit] = []
        run: list[tuple[int, int, str, str]] = []
        words = list(_WORD.finditer(text))
        owners: list[frozenset[str]] = []
        for m in words:
            word, sound, known = self._word(m.group())
            owners.append(known)
            if known:
                run.append((m.start(), m.end(), word, sound))
                continue
            self._match_run(run, hits)
            run = []
        self._match_run(run, hits)
        hits = [_widen(text, words, owners, hit) for hit in hits]
        for scan in (scan_phones, scan_emails, scan_addresses, scan_plates):
            for sig in scan(text):
                kind = _PII_KIND.get(sig.value["type"], "")
                normalized = sig.value["normalized"]
                if not kind or normalized is None or sig.start is None or sig.end is None:
                    continue
                for alias, stored in self.index.get(fingerprint(self.index.key or b"", kind, normalized)):
                    hits.append((-(sig.end - sig.start), sig.start, sig.end, alias, stored, False))
        return _signals(hits)

    def _match_run(self, run: list[tuple[int, int, str, str]], hits: list[Hit]) -> None:
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + MAX_NGRAM) + 1):
                start, end = run[i][0], run[j - 1][1]
                exact = " ".join(w for _, _, w, _ in run[i:j])
                for kind in ("name", "family"):
                    for alias, stored in self.index.get(self._fp(kind, exact)):
                        hits.append((-(end - start), start, end, alias, stored, False))
                sound = " ".join(s for _, _, _, s in run[i:j])
                if j - i >= 2 or len(sound) >= MIN_SINGLE_PHONETIC:
                    for kind in ("name_phonetic", "family_phonetic"):
                        for alias, stored in self.index.get(self._fp(kind, sound)):
                            hits.append((-(end - start), start, end, alias, stored, True))


#: What may join two words of one written name: a hyphen (compound surnames), an apostrophe
#: ("O'Brien"), or white space, optionally after an initial's full stop ("M. Whitfield").
_HYPHEN_JOIN = re.compile(r"[\-\u2010\u2011\u2013'’]")
_SPACE_JOIN = re.compile(r"\.?\s+")


def _widen(text: str, words: list[re.Match[str]], owners: list[frozenset[str]], hit: Hit) -> Hit:
    """A name match grown to the whole written name around it, so masking it leaves no half.

    The registry may enrol "Whitfield" alone while the text says "Delacroix-Whitfield" or
    "Whitfield-Ruiz": a mask over the enrolled part alone would leave the other half of the
    name beside it. A match therefore takes in every word hyphen- or apostrophe-joined to it
    (a compound name is one name, whatever its other half), and every word next to it,
    across white space, that is a name word of the same protectee ("Marcus" before
    "Whitfield"). Phones, e-mails, addresses and plates keep the extractor's span.
    """
    neg, start, end, alias, stored, sounded = hit
    if stored not in ("name", "name_phonetic", "family", "family_phonetic"):
        return hit
    index = {m.start(): i for i, m in enumerate(words)}
    ends = {m.end(): i for i, m in enumerate(words)}
    changed = True
    while changed:
        changed = False
        i = ends.get(end)
        if i is not None and i + 1 < len(words):
            nxt = words[i + 1]
            gap = text[end : nxt.start()]
            possessive = gap in ("'", "’") and nxt.group().lower() == "s"
            if not possessive and (_HYPHEN_JOIN.fullmatch(gap) or (_SPACE_JOIN.fullmatch(gap) and alias in owners[i + 1])):
                end, changed = nxt.end(), True
        j = index.get(start)
        if j is not None and j > 0:
            prev = words[j - 1]
            gap = text[prev.end() : start]
            if _HYPHEN_JOIN.fullmatch(gap) or (_SPACE_JOIN.fullmatch(gap) and alias in owners[j - 1]):
                start, changed = prev.start(), True
    return (-(end - start), start, end, alias, stored, sounded)


def _signals(hits: list[Hit]) -> list[Signal]:
    """One signal per alias and span, longest and exact first; overlapping weaker hits dropped."""
    out: list[Signal] = []
    taken: list[tuple[int, int, str]] = []
    for _, start, end, alias, stored, sounded in sorted(hits, key=lambda h: (h[0], h[5], h[1])):
        if any(a == alias and start < e and s < end for s, e, a in taken):
            continue
        taken.append((start, end, alias))
        matched = MATCHED[stored]
        out.append(
            Signal(
                analyzer="protectee.v1",
                kind="protectee",
                start=start,
                end=end,
                value={"alias": alias, "matched": matched},
                confidence=0.7 if sounded else 0.95,
                restricted=matched in ("address", "phone", "email"),
                reason=f"matches protectee {alias} by {matched}" + (" (sounds alike)" if sounded else "") + " (keyed fingerprint)",
            )
        )
    out.sort(key=lambda s: (s.start or 0, s.value["alias"]))
    return out
