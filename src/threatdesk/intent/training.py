"""Training and cross-validation of the intent model, shared by ``threatdesk train`` and bench."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from threatdesk.evaluation import Example, Prediction, score
from threatdesk.intent import model as M
from threatdesk.intent.engine import decide
from threatdesk.intent.features import read


def packaged_model_path() -> Path:
    return Path(str(resources.files("threatdesk.intent").joinpath(M.MODEL_FILE)))


def train_and_save(examples: Sequence[Example], path: Path) -> str:
    coef, bias, names = M.fit([e.text for e in examples], [e.label for e in examples])
    M.save(path, coef, bias, names)
    return M.LinearIntentModel.load(path).version


def cross_validate(
    examples: Sequence[Example], *, folds: int = 5, guards: bool = True, seed: int = 0, c: float | None = None,
    embed: bool | None = None, extra: np.ndarray | None = None,
) -> dict[str, Any]:
    """Stratified K-fold figures of the whole decision path, fitted on the other folds each time.

    ``embed`` overrides whether the subword embeddings are used (default: as the shipped
    model); ``extra`` appends dense columns (bench/intent_alternatives.py passes whole-encoder
    sentence vectors there to compare them on the same folds).
    """
    from scipy import sparse
    from sklearn.model_selection import StratifiedKFold

    texts = [e.text for e in examples]
    labels = [e.label for e in examples]
    matrix, names = M.design_matrix(texts, embed=embed)
    if extra is not None:
        matrix = sparse.hstack([matrix, sparse.csr_matrix(extra)], format="csr")
    readings = [read(t) for t in texts]
    predictions: list[Prediction | None] = [None] * len(examples)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(texts, labels):
        coef, bias, _ = M.fit(None, [labels[i] for i in train_idx], c=c, matrix=(matrix[train_idx], names))
        logits = matrix[test_idx] @ coef.T + bias
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        for row, i in enumerate(test_idx):
            scores = dict(zip(M.LABELS, (float(p) for p in probs[row]), strict=True))
            decision = decide(readings[i], scores, guards=guards)
            sol = decision.offer
            amount = sol.amount if sol is not None and sol.currency in (None, "USD") else None
            predictions[i] = Prediction(decision.label, amount)
    return score(examples, [p for p in predictions if p is not None])
