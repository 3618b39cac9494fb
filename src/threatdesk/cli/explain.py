"""``threatdesk explain`` and ``threatdesk analyzers``: look inside the analysis of one message."""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from threatdesk.analyzers import DEFAULT_ANALYZERS
from threatdesk.cli.common import console
from threatdesk.models import Item, Signal
from threatdesk.pipeline import Pipeline


@click.command(short_help="Why one message gets its label (nothing stored).")
@click.argument("text")
@click.option("--lang", help="Language code if known (en, es).")
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as JSON.")
def explain(text: str, lang: str | None, as_json: bool) -> None:
    """Analyse TEXT and show its label, risk, every signal and the reasons.

    Nothing is stored. The output is a set of indicators for human review, not a finding
    that the text is a threat in law.
    """
    if not text.strip():
        raise click.BadParameter("TEXT is empty", param_hint="TEXT")
    item = Item.from_text(text, lang=lang)
    assessment = Pipeline().assess(item)
    if as_json:
        click.echo(json.dumps(assessment.to_json(), ensure_ascii=False, indent=2, sort_keys=True))
        return
    out = console()
    out.print(f"[bold]{assessment.label}[/]  risk {assessment.risk}  priority {assessment.priority}")
    top = sorted(assessment.scores.items(), key=lambda kv: -kv[1])[:3]
    out.print("scores: " + ", ".join(f"{k} {v:.2f}" for k, v in top))
    out.print("text:   " + _highlight(text, assessment.signals))
    intent = next((s for s in assessment.signals if s.kind == "intent"), None)
    if intent is not None:
        out.print("intent: " + escape(intent.reason))
    for sig in assessment.signals:
        if sig.kind == "solicitation":
            out.print(_solicitation_lines(sig.value))
    table = Table(show_lines=False, pad_edge=False)
    for col in ("analyzer", "kind", "span", "value", "reason"):
        table.add_column(col, overflow="fold")
    for sig in assessment.signals:
        if sig.kind in ("intent", "solicitation"):
            continue
        span = sig.span_text(text)
        value = sig.value if not isinstance(sig.value, dict) else json.dumps(sig.value, ensure_ascii=False)
        table.add_row(sig.analyzer, sig.kind, escape(repr(span)) if span else "", escape(str(value)), escape(sig.reason))
    if table.rows:
        out.print(table)
    out.print("why: " + "; ".join(escape(str(r)) for r in assessment.reasons))
    out.print("[dim]Indicators for human review, not a legal finding.[/]")


_STYLE = {
    "money": "bold green", "solicitation": "underline", "intent_cue": "bold red", "reported_speech": "cyan",
    "protected_speech_cue": "cyan", "jocular": "magenta", "conditional": "magenta",
}


def _highlight(text: str, signals: tuple[Signal, ...]) -> str:
    """The text with each signal's span coloured (the innermost, shortest span wins)."""
    styles: list[str | None] = [None] * len(text)
    spans = [s for s in signals if s.start is not None and s.end is not None and s.kind in _STYLE]
    for sig in sorted(spans, key=lambda s: -((s.end or 0) - (s.start or 0))):
        for i in range(sig.start or 0, min(sig.end or 0, len(text))):
            styles[i] = _STYLE[sig.kind]
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and styles[j] == styles[i]:
            j += 1
        chunk = escape(text[i:j])
        out.append(f"[{styles[i]}]{chunk}[/]" if styles[i] else chunk)
        i = j
    return "".join(out)


def _solicitation_lines(value: dict) -> str:
    offer = value["offer"]
    amount = f"{offer['amount']:,} {offer['currency'] or '(currency not stated)'}" if offer["amount"] is not None else "no amount stated"
    return (
        "[bold]solicitation[/]\n"
        f"  offer:  {escape(amount)} ({offer['kind'] or 'kind unknown'})\n"
        f"  act:    {escape(value['act'] or 'not named')}\n"
        f"  target: {escape(value['target'] or 'not named')}\n"
        f"  terms:  {escape(', '.join(value['terms']) or 'none stated')}"
    )


@click.command(short_help="List the analyzer table.")
def analyzers() -> None:
    """List the analyzer table: every analyzer the desk runs, by versioned name."""
    for name, target in DEFAULT_ANALYZERS:
        click.echo(f"{name:<16} {target}")
