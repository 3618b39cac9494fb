"""Near-duplicate collapse: reposts and light edits of one message become one story.

A bounty offer copied by five accounts, each adding "RT:" or "still", is one offer
amplified five times, not six offers. We find such groups with MinHash over word
shingles of normalised text and banded LSH (locality-sensitive hashing) to get
candidate pairs without comparing every pair, then keep a pair only when its estimated
Jaccard similarity reaches ``THRESHOLD``. Candidates and their union are linear in the
number of texts (plus the pairs found), so a million posts collapse in one pass.

Normalisation makes the edits that reposters typically make invisible: case, accents,
URLs, @handles, digits (``2k`` and ``5k`` both read ``#k``) and punctuation or emoji.
docs/correlation.md records how the threshold was measured on the demo corpus.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Words per shingle. Bigrams keep word order without making short messages brittle.
SHINGLE_WORDS = 2
#: MinHash permutations; 128 gives a similarity estimate within about +-0.09 (2 sigma).
NUM_PERM = 128
#: LSH bands x rows = NUM_PERM; a pair becomes a candidate with probability
#: 1 - (1 - s^ROWS)^BANDS: 93% at s = 0.20, 99.9% at s = 0.30, so pairs at the threshold
#: are (almost) never missed; the false candidates are weeded out by the exact estimate.
BANDS, ROWS = 64, 2
#: Estimated Jaccard similarity at or above which two texts are one story (docs/correlation.md).
THRESHOLD = 0.35

# Multiply-shift hashing (a*x + b mod 2**64, top 32 bits): one permutation per (a, b),
# no modulo, so numpy's wrapping uint64 arithmetic does it at memory speed.
_rng = np.random.default_rng(20261001)
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_SHIFT = np.uint64(32)
_CHUNK = 5_000  # shingles hashed per numpy step: 5 MB a temporary (smaller chunks stay in cache, and are faster)
_PAIR_CHUNK = 100_000  # candidate pairs verified per numpy step

_URL = re.compile(r"(https?://|www\.)\S+", re.I)
_HANDLE = re.compile(r"@\w+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NON_WORD = re.compile(r"[^\w#@]+")


def normalise(text: str) -> str:
    """Lower-case, accents stripped, URLs/handles/numbers replaced by placeholders, punctuation gone."""
    text = text.lower()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _URL.sub(" url ", text)
    text = _HANDLE.sub(" @user ", text)
    text = _DIGITS.sub("#", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    words = normalise(text).split()
    if len(words) <= k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (for tests and threshold work)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def signatures(texts: Sequence[str]) -> np.ndarray:
    """MinHash signatures, one row of ``NUM_PERM`` uint32 per text, computed in vectorised chunks."""
    hashed = [np.fromiter((zlib.crc32(s.encode()) for s in shingles(t)), dtype=np.uint64) for t in texts]
    out = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    start = 0
    while start < len(hashed):
        stop, size = start, 0
        while stop < len(hashed) and (size == 0 or size + len(hashed[stop]) <= _CHUNK):
            size += len(hashed[stop])
            stop += 1
        chunk = hashed[start:stop]
        flat = np.concatenate(chunk)
        offsets = np.cumsum([0] + [len(h) for h in chunk[:-1]])
        values = (flat[:, None] * _A[None, :] + _B[None, :]) >> _SHIFT
        out[start:stop] = np.minimum.reduceat(values, offsets, axis=0)
        start = stop
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray | float:
    """Estimated Jaccard similarity: the share of permutations whose minimum agrees (row-wise for 2-D)."""
    return (a == b).mean(axis=-1)


def _band_key(sigs: np.ndarray, band: int) -> np.ndarray:
    """One 64-bit key per text for one band: the band's rows folded with a multiply-xor hash.

    One band at a time, so the working memory is 16 bytes a text, not the 2 KB a text that
    widening every band of every signature to 64 bits at once would take.
    """
    key = np.zeros(len(sigs), dtype=np.uint64)
    for r in range(ROWS):
        key = (key * np.uint64(0x9E3779B97F4A7C15)) ^ sigs[:, band * ROWS + r].astype(np.uint64)
    return key


def candidate_pairs(sigs: np.ndarray) -> np.ndarray:
    """Index pairs (i, j), i < j, that share at least one LSH band.

    Within a bucket every member is paired with the bucket's first and with its
    predecessor, which is enough to connect a bucket after union and keeps a viral
    message (thousands of copies in one bucket) linear instead of quadratic.
    """
    n = len(sigs)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    found: list[np.ndarray] = []  # one int64 code per pair (i * n + j, i < j), deduplicated band by band
    for band in range(BANDS):
        keys = _band_key(sigs, band)
        order = np.argsort(keys, kind="stable")
        k = keys[order]
        same = np.flatnonzero(k[1:] == k[:-1]) + 1
        if not len(same):
            continue
        starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
        first = starts[np.searchsorted(starts, same, side="right") - 1]
        for a, b in ((order[same - 1], order[same]), (order[first], order[same])):
            found.append(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))
        if len(found) > 8:  # keep the working set small: reduce as we go
            found = [np.unique(np.concatenate(found))]
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving; near-constant time per operation."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return ra

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1


@dataclass(slots=True, frozen=True)
class Grouping:
    """``group[i]`` is the index of the lowest member of text i's near-duplicate group."""

    group: list[int]
    pairs_checked: int
    pairs_kept: int


def group(sigs: np.ndarray, *, threshold: float = THRESHOLD) -> Grouping:
    """Group signatures into near-duplicate sets: LSH candidates, verified, then unioned."""
    pairs = candidate_pairs(sigs)
    uf = UnionFind(len(sigs))
    kept = 0
    for start in range(0, len(pairs), _PAIR_CHUNK):  # in chunks: two signature rows per pair at once
        chunk = pairs[start:start + _PAIR_CHUNK]
        good = chunk[similarity(sigs[chunk[:, 0]], sigs[chunk[:, 1]]) >= threshold]
        kept += len(good)
        for a, b in good.tolist():
            uf.union(a, b)
    return Grouping([uf.find(i) for i in range(len(sigs))], len(pairs), kept)
