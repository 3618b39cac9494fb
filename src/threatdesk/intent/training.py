"""Training and cross-validation of the intent model, shared by ``threatdesk train`` and bench."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

from threatdesk.evaluation import Example, Prediction, as_prediction, score
from threatdesk.intent import model as M
from threatdesk.intent.engine import decide, needs_second
from threatdesk.intent.features import read


def packaged_model_path() -> Path:
    return Path(str(resources.files("threatdesk.intent").joinpath(M.MODEL_FILE)))


#: The second stage (engine.py): the first stage's features plus the whole encoder's sentence
#: vectors, for texts whose actionable scores together fall inside BAND. Chosen on 5-fold CV
#: of the training files only (docs/intent.md has the table); None: no second stage.
BAND: tuple[float, float] | None = (0.35, 0.85)


def matrices(texts: Sequence[str], *, embed: bool | None = None, second: bool | None = None):  # type: ignore[no-untyped-def]
    """The first stage's design matrix, the second stage's (or None) and the rule names."""
    from scipy import sparse

    first, names = M.design_matrix(texts, embed=embed)
    if not (BAND is not None if second is None else second):
        return first, None, names
    from threatdesk.intent.embed import SentenceEncoder

    vectors = SentenceEncoder.load().matrix(texts).astype(np.float64) * M.ENCODER_SCALE
    return first, sparse.hstack([first, sparse.csr_matrix(vectors)], format="csr"), names


#: Train on a copy of each item with its sentence punctuation stripped as well: chat drops
#: periods and commas, and the model should read "ok im parked outside his house lights on"
#: as it reads the same words with stops (docs/intent.md, "Session 6").
AUGMENT = True
_SENTENCE_PUNCT = re.compile(r"(?<!\d)[.,](?!\d)|[;:!?¡¿]")


def without_stops(text: str) -> str:
    """``text`` without its sentence punctuation (a point or comma inside a number stays)."""
    return " ".join(_SENTENCE_PUNCT.sub(" ", text).split())


def _copied(examples: Sequence[Example]) -> list[tuple[int, Example]]:
    """(index of the original, copy) for each item whose text has sentence punctuation."""
    if not AUGMENT:
        return []
    copies = []
    for i, e in enumerate(examples):
        bare = without_stops(e.text)
        if bare != " ".join(e.text.split()):
            copies.append((i, replace(e, id=f"{e.id}~bare", text=bare)))
    return copies


def augmented(examples: Sequence[Example]) -> list[Example]:
    """``examples`` and, for each whose text has sentence punctuation, the text without it."""
    return [*examples, *(copy for _, copy in _copied(examples))]


#: What the forked child fits (labels, matrix, names): set before the fork, so nothing is pickled to it.
_STAGES: list[Any] = []


def _fit_pending() -> tuple[np.ndarray, np.ndarray]:
    labels, matrix, names = _STAGES
    coef, bias, _ = M.fit(None, labels, matrix=(matrix, names))
    return coef, bias


def train_and_save(examples: Sequence[Example], path: Path) -> str:
    examples = augmented(examples)
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    first, second, names = matrices(texts)
    stage2 = None
    if second is None:
        coef, bias, _ = M.fit(None, labels, matrix=(first, names))
    else:
        # the two stages are independent fits, each on one BLAS thread (so each is the same
        # run after run): fit the second in a forked child while this process fits the first
        _STAGES[:] = [labels, second, names]
        try:
            with get_context("fork").Pool(1) as pool:
                pending = pool.apply_async(_fit_pending)
                coef, bias, _ = M.fit(None, labels, matrix=(first, names))
                stage2 = pending.get()
        finally:
            _STAGES.clear()  # the matrices are large: drop them whatever happened
    M.save(path, coef, bias, names, second=stage2, band=BAND)
    return M.LinearIntentModel.load(path).version


def cross_validate(
    examples: Sequence[Example], *, folds: int = 5, guards: bool = True, seed: int = 0, c: float | None = None,
    embed: bool | None = None, extra: np.ndarray | None = None, band: tuple[float, float] | bool | None = None,
    decisions: list[Any] | None = None, oof: dict[str, np.ndarray] | None = None,
) -> dict[str, Any]:
    """Stratified K-fold figures of the whole decision path, fitted on the other folds each time.

    ``embed`` overrides whether the subword embeddings are used (default: as the shipped
    model); ``extra`` appends dense columns (bench/intent_alternatives.py passes whole-encoder
    sentence vectors there to compare them on the same folds); ``band`` overrides the second
    stage's band, ``False`` measures the first stage alone. ``second_stage_share`` in the result
    is the share of texts the second stage read. ``decisions``, when given, receives each item's
    out-of-fold ``Decision`` in the examples' order (bench/intent_cv_errors.py reads them);
    ``oof``, when given, receives the out-of-fold label probabilities of each stage as arrays
    in the examples' order, under "first" and "second" (bench/intent_sweep.py replays them).
    """
    from scipy import sparse
    from sklearn.model_selection import StratifiedKFold

    texts = [e.text for e in examples]
    labels = [e.label for e in examples]
    # the training folds get the same punctuation-free copies as ``threatdesk train`` (AUGMENT);
    # the held-out fold is scored on the items as written
    copied = _copied(examples) if extra is None else []
    copies = [copy for _, copy in copied]
    copy_rows = np.full(len(examples), -1)  # the row of each item's copy, -1 for none
    copy_rows[[i for i, _ in copied]] = np.arange(len(examples), len(examples) + len(copied))
    use_second = BAND is not None and extra is None and band is not False
    matrix, second, names = matrices(texts + [e.text for e in copies], embed=embed, second=use_second)
    if extra is not None:
        matrix = sparse.hstack([matrix, sparse.csr_matrix(extra)], format="csr")
    labels = labels + [e.label for e in copies]
    lo_hi = BAND if band in (None, False) else band
    readings = [read(t) for t in texts]
    predictions: list[Prediction | None] = [None] * len(examples)
    reads = 0
    decided: list[Any] = [None] * len(examples)
    first_probs = np.zeros((len(examples), len(M.LABELS)))
    second_probs = np.zeros_like(first_probs)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(texts, labels[: len(examples)]):
        with_copies = copy_rows[train_idx]
        train_idx = np.concatenate([train_idx, with_copies[with_copies >= 0]])
        fold_labels = [labels[i] for i in train_idx]
        probs = _probs(*M.fit(None, fold_labels, c=c, matrix=(matrix[train_idx], names))[:2], matrix[test_idx])
        probs2 = None
        if second is not None:
            probs2 = _probs(*M.fit(None, fold_labels, c=c, matrix=(second[train_idx], names))[:2], second[test_idx])
        for row, i in enumerate(test_idx):
            scores = dict(zip(M.LABELS, (float(p) for p in probs[row]), strict=True))
            if probs2 is not None and lo_hi is not None and needs_second(scores, lo_hi):
                reads += 1
                scores = dict(zip(M.LABELS, (float(p) for p in probs2[row]), strict=True))
            decision = decide(readings[i], scores, guards=guards)
            decided[i] = decision
            predictions[i] = as_prediction(decision)
        first_probs[test_idx] = probs
        if probs2 is not None:
            second_probs[test_idx] = probs2
    if decisions is not None:
        decisions.extend(decided)
    if oof is not None:
        oof["first"] = first_probs
        if second is not None:
            oof["second"] = second_probs
    result = score(examples, [p for p in predictions if p is not None])
    result["second_stage_share"] = round(reads / len(examples), 4)
    return result


def _probs(coef: np.ndarray, bias: np.ndarray, x) -> np.ndarray:  # type: ignore[no-untyped-def]
    logits = x @ coef.T + bias
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    return probs
