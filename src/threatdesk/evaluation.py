"""Measuring the intent classifier on a labelled file (TAXONOMY.md's evaluation format).

``load_labelled`` reads and checks the file (one clear error naming the bad line);
``score`` compares predictions with the truth and returns every figure ``threatdesk eval``
prints: per-label precision, recall, F1 and support, the confusion matrix, and the
figures that matter most for a protective desk (actionable recall, false-alarm rate,
bounty-tier accuracy, bounty-amount accuracy).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threatdesk.errors import InputFormatError, UsageError
from threatdesk.labels import ACTIONABLE, LABEL_ORDER

LABELS: tuple[str, ...] = tuple(str(label) for label in LABEL_ORDER)
_ACTIONABLE = frozenset(str(label) for label in ACTIONABLE)
_NOT_ACTIONABLE = frozenset(("reported_threat", "protected_speech", "benign"))
_SOLICIT = frozenset(("solicit_kill", "solicit_harm", "solicit_intel"))


@dataclass(slots=True, frozen=True)
class Example:
    id: str
    text: str
    label: str
    lang: str | None = None
    bounty_usd: int | None = None


@dataclass(slots=True, frozen=True)
class Prediction:
    label: str
    amount_usd: int | None = None


def load_labelled(path: str | Path) -> list[Example]:
    """Read a JSON Lines file of ``{"id", "text", "label"}`` (plus optional fields)."""
    source = Path(path)
    if not source.is_file():
        raise UsageError(f"no such file: {source}")
    examples: list[Example] = []
    with source.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFormatError(f"{source}:{n}: bad JSON ({exc.msg})", hint="fix or remove that line") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
                raise InputFormatError(f"{source}:{n}: no text", hint='each line needs {"text": ..., "label": ...}')
            label = row.get("label")
            if label not in LABELS:
                raise InputFormatError(f"{source}:{n}: unknown label {label!r}", hint=f"labels are {', '.join(LABELS)}")
            bounty = row.get("bounty_usd")
            if bounty is not None and (not isinstance(bounty, int) or isinstance(bounty, bool)):
                raise InputFormatError(f"{source}:{n}: bounty_usd must be an integer or null")
            examples.append(Example(str(row.get("id", n)), row["text"], label, row.get("lang"), bounty))
    if not examples:
        raise InputFormatError(f"{source}: no labelled lines", hint="the file is empty")
    return examples


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score(examples: Sequence[Example], predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Every figure of the report, as one JSON-ready object."""
    truth = [e.label for e in examples]
    pred = [p.label for p in predictions]
    confusion = {t: dict.fromkeys(LABELS, 0) for t in LABELS}
    for t, p in zip(truth, pred, strict=True):
        confusion[t][p] += 1
    per_label: dict[str, dict[str, float | int | None]] = {}
    f1s = []
    for label in LABELS:
        tp = confusion[label][label]
        support = sum(confusion[label].values())
        predicted = sum(confusion[t][label] for t in LABELS)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": support}
        if support:
            f1s.append(f1)
    actionable = [(t, p) for t, p in zip(truth, pred, strict=True) if t in _ACTIONABLE]
    harmless = [(t, p) for t, p in zip(truth, pred, strict=True) if t in _NOT_ACTIONABLE]
    solicit = [(t, p) for t, p in zip(truth, pred, strict=True) if t in _SOLICIT]
    bounties = [(e.bounty_usd, p.amount_usd) for e, p in zip(examples, predictions, strict=True) if e.bounty_usd is not None]
    by_lang: dict[str, dict[str, Any]] = {}
    for lang in sorted({e.lang or "unknown" for e in examples}):
        idx = [i for i, e in enumerate(examples) if (e.lang or "unknown") == lang]
        by_lang[lang] = {"n": len(idx), "accuracy": _ratio(sum(truth[i] == pred[i] for i in idx), len(idx))}
    return {
        "n": len(examples),
        "accuracy": _ratio(sum(t == p for t, p in zip(truth, pred, strict=True)), len(examples)),
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "actionable_recall": _ratio(sum(p in _ACTIONABLE for _, p in actionable), len(actionable)),
        "false_alarm_rate": _ratio(sum(p in _ACTIONABLE for _, p in harmless), len(harmless)),
        "tier_accuracy": _ratio(sum(t == p for t, p in solicit), len(solicit)),
        "bounty_amount_accuracy": _ratio(sum(b == a for b, a in bounties), len(bounties)),
        "per_label": per_label,
        "per_language": by_lang,
        "confusion": confusion,
    }


def evaluate(examples: Sequence[Example], predict: Callable[[str], Prediction]) -> tuple[dict[str, Any], list[Prediction]]:
    predictions = [predict(e.text) for e in examples]
    return score(examples, predictions), predictions


def as_prediction(decision: Any) -> Prediction:
    """An engine ``Decision`` as the evaluation sees it: its label and the amount its
    solicitation reading finds, when that amount is in dollars or names no currency."""
    sol = decision.offer
    amount = sol.amount if sol is not None and sol.currency in (None, "USD") else None
    return Prediction(decision.label, amount)


def engine_predictor(engine: Any | None = None) -> Callable[[str], Prediction]:
    """The shipped intent engine as a predictor: its label and the amount in dollars its solicitation reading finds."""
    from threatdesk.intent.engine import IntentEngine

    eng = engine or IntentEngine()

    def predict(text: str) -> Prediction:
        return as_prediction(eng.classify(text))

    return predict


def errors(examples: Iterable[Example], predictions: Iterable[Prediction]) -> list[dict[str, Any]]:
    return [
        {"id": e.id, "label": e.label, "predicted": p.label, "text": e.text}
        for e, p in zip(examples, predictions, strict=True)
        if e.label != p.label
    ]
