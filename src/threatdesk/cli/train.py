"""``threatdesk train``: rebuild the shipped intent model from the training files in the repo."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from threatdesk.errors import UsageError

#: Every labelled training file in the repository: the first sets and any later batches
#: (intent_en_2.jsonl, ...). Sorted, so the training order and the model never depend on the
#: file system's listing order.
DEFAULT_GLOB = "data/train/intent_*.jsonl"


def default_files() -> list[str]:
    return sorted(str(p) for p in Path().glob(DEFAULT_GLOB))


@click.command(short_help="Rebuild the intent model from the labelled training files.")
@click.argument("files", nargs=-1, metavar="[FILE...]")
@click.option("--out", type=click.Path(dir_okay=False), help="Where to write the model [default: the packaged model file].")
@click.option("--cv", "folds", type=click.IntRange(min=0, max=20), default=0, show_default=True, help="Also report K-fold cross-validation on the training files (0: skip).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def train(files: tuple[str, ...], out: str | None, folds: int, as_json: bool) -> None:
    """Fit the intent model on FILE... (default: every data/train/intent_*.jsonl, sorted).

    Deterministic: the same files give a model with the same version hash. The model is
    a multinomial logistic regression over hashed word and character n-grams plus the
    rule features (docs/intent.md). With --cv K it also prints K-fold cross-validation
    figures of the whole engine (model, guards and tier rule), fitted on K-1 folds each time.
    Needs scikit-learn and scipy (installed with threatdesk).
    """
    from threatdesk.evaluation import load_labelled
    from threatdesk.intent import training

    paths = list(files) or default_files()
    if not paths:
        raise UsageError(f"no training files match {DEFAULT_GLOB}", hint="run from the repository root or name the training files")
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        raise UsageError(f"no such file: {missing[0]}", hint="run from the repository root or name the training files")
    examples = [e for p in paths for e in load_labelled(p)]
    started = time.perf_counter()
    result: dict[str, object] = {"files": paths, "n": len(examples)}
    if folds:
        result["cv"] = training.cross_validate(examples, folds=folds)
    target = Path(out) if out else training.packaged_model_path()
    result["model_version"] = training.train_and_save(examples, target)
    result["out"] = str(target)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, sort_keys=True))
        return
    click.echo(f"trained on {len(examples)} items from {', '.join(paths)} in {result['seconds']}s")
    click.echo(f"model {result['model_version']} written to {target}")
    cv = result.get("cv")
    if isinstance(cv, dict):
        click.echo(f"{folds}-fold cross-validation: macro F1 {cv['macro_f1']}, actionable recall {cv['actionable_recall']}, "
                   f"false-alarm rate {cv['false_alarm_rate']}, tier accuracy {cv['tier_accuracy']}, bounty amount accuracy {cv['bounty_amount_accuracy']}")
        for label, row in cv["per_label"].items():
            click.echo(f"  {label:<20} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}  n {row['support']}")
