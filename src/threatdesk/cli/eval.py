"""``threatdesk eval``: measure the intent classifier on a labelled file."""

from __future__ import annotations

import json

import click
from rich.table import Table

from threatdesk.cli.common import console
from threatdesk.evaluation import LABELS, engine_predictor, errors, evaluate, load_labelled

_ABBREV = {
    "solicit_kill": "s_kill", "solicit_harm": "s_harm", "solicit_intel": "s_intel", "direct_threat": "threat",
    "incitement": "incite", "doxxing": "dox", "surveillance_report": "surveil", "reported_threat": "reported",
    "protected_speech": "protect", "benign": "benign",
}


@click.command("eval", short_help="Measure the intent classifier on a labelled JSON Lines file.")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every figure.")
@click.option("--errors", "show_errors", type=click.IntRange(min=0), default=0, help="Also list up to N misread items.")
def eval_(file: str, as_json: bool, show_errors: int) -> None:
    """Run the intent classifier on FILE and compare with its labels.

    FILE is JSON Lines, one {"id", "text", "label"} per line, with optional "lang" and
    "bounty_usd" (TAXONOMY.md's evaluation format). Prints per-label precision, recall,
    F1 and support, the confusion matrix (rows: truth, columns: predicted), and the
    headline figures: actionable recall, false-alarm rate, bounty-tier accuracy and
    bounty-amount accuracy. A line with an unknown label or bad JSON stops with an error
    naming the line (exit 2).
    """
    examples = load_labelled(file)
    report, predictions = evaluate(examples, engine_predictor())
    if show_errors:
        report["errors"] = errors(examples, predictions)[:show_errors]
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, sort_keys=True))
        return
    out = console()
    out.print(f"[bold]{file}[/]: {report['n']} items, accuracy {report['accuracy']}, macro F1 {report['macro_f1']}")
    for key, goal in (("actionable_recall", "≥ 0.95"), ("false_alarm_rate", "≤ 0.03"), ("tier_accuracy", "≥ 0.90"), ("bounty_amount_accuracy", "≥ 0.95")):
        out.print(f"  {key:<24} {report[key]}   (target {goal})")
    table = Table(title="per label", title_justify="left", pad_edge=False)
    for col in ("label", "precision", "recall", "f1", "support"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for label in LABELS:
        row = report["per_label"][label]
        table.add_row(label, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["support"]))
    out.print(table)
    matrix = Table(title="confusion (rows: truth, columns: predicted)", title_justify="left", pad_edge=False)
    matrix.add_column("truth \\ predicted")
    for label in LABELS:
        matrix.add_column(_ABBREV[label], justify="right")
    for label in LABELS:
        matrix.add_row(label, *(str(report["confusion"][label][p]) for p in LABELS))
    out.print(matrix)
    out.print("by language: " + ", ".join(f"{k} n={v['n']} acc={v['accuracy']}" for k, v in report["per_language"].items()))
    for err in report.get("errors", []):
        out.print(f"  {err['id']}: {err['label']} → {err['predicted']}: {err['text'][:120]}")
