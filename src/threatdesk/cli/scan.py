"""``threatdesk scan``: the bulk path from files to a ranked queue."""

from __future__ import annotations

import json
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from threatdesk.alerts import streaming_alerts
from threatdesk.analyzers import AnalyzerContext
from threatdesk.cli.common import console, db_option, is_tty, open_store, queue_table
from threatdesk.errors import UsageError
from threatdesk.intake import Rejection
from threatdesk.scan import DEFAULT_BATCH, ScanSummary, make_engine
from threatdesk.scan import scan as run_scan
from threatdesk.scan.engines import ENGINES
from threatdesk.store import Store, resolve_url


def count_lines(paths: list[str]) -> int | None:
    """A cheap pre-pass so the progress bar has a total (skipped for standard input)."""
    total = 0
    for path in paths:
        if path == "-" or not Path(path).is_file():
            return None
        with open(path, "rb") as fh:
            total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    return total


@click.command(short_help="Import, analyse and rank files of messages.")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), help="Input format [default: from the file name].")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write one assessment per item to this JSON Lines file.")
@click.option("--engine", type=click.Choice(ENGINES), help="Where the analyzers run: local (this process), process (--workers processes), ray [default: process when more than one core, else local].")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that analyse (process engine: this one, which also reads and writes, and N-1 helpers) or Ray actors [default: all cores].")
@click.option("--address", metavar="ADDR", help="An existing Ray cluster to run on (ray engine; default: a private local runtime).")
@click.option("--no-resume", "no_resume", is_flag=True, help="Read every input from the start, even where an earlier scan of it got further.")
@click.option("--batch-size", type=click.IntRange(min=1, max=50_000), default=DEFAULT_BATCH, show_default=True, help="Items per transaction.")
@click.option("--top", type=click.IntRange(min=0), default=15, show_default=True, help="Rows of the ranked queue to print after the scan.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object instead of tables.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no queue; rejections and the summary only.")
@click.option("--no-correlate", is_flag=True, help="Do not group the new items into stories and cases after the scan.")
def scan(
    files: tuple[str, ...], db: str | None, fmt: str | None, out: str | None, engine: str | None,
    workers: int | None, address: str | None, no_resume: bool, batch_size: int, top: int, as_json: bool, quiet: bool,
    no_correlate: bool,
) -> None:
    """Import FILE... (JSON Lines or CSV; - for standard input), analyse and rank every item.

    Only "text" is required per record; known optional fields are id, source, author,
    posted_at (ISO 8601 or epoch seconds), lang, place, lat, lon. Bad lines are reported
    as FILE:LINE: reason and skipped; everything else goes in. Running the same scan
    again adds nothing new, and finishes a scan that was interrupted: a JSON Lines file
    resumes from the last committed batch, and an --out file is continued so that it
    ends up exactly as an uninterrupted scan would have written it.

    \b
    Exit status: 0 all records accepted, 1 some records rejected, 2 nothing done
    (bad option, missing or unusable file).
    """
    paths = list(files)
    for path in paths:
        if path != "-" and not Path(path).exists():
            raise UsageError(f"{path}: no such file", hint="check the path")
    err = console(stderr=True)
    rejections = 0

    def on_reject(rejection: Rejection) -> None:
        nonlocal rejections
        rejections += 1
        if rejections <= 200:
            click.echo(f"rejected {rejection}", err=True)
        elif rejections == 201:
            click.echo("rejected: more lines (only the first 200 are listed; see the summary)", err=True)

    show_progress = not quiet and not as_json and is_tty(sys.stderr)
    with ExitStack() as stack:
        store: Store = stack.enter_context(open_store(db))
        alerter = stack.enter_context(streaming_alerts(store))
        if engine is None and "-" in paths:
            engine = "local"  # a stream is assessed line by line as it arrives, not in pooled batches
        runner = make_engine(engine, context=AnalyzerContext(db=resolve_url(db)), workers=workers, address=address)
        stack.callback(runner.close)
        progress = None
        task = None
        if show_progress:
            progress = stack.enter_context(
                Progress(
                    TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                    TimeRemainingColumn(), console=err, transient=True,
                )
            )
            task = progress.add_task("scan", total=count_lines(paths), rate="")

        started = time.perf_counter()

        def on_batch(n: int) -> None:
            if progress is not None and task is not None:
                progress.advance(task, n)
                rate = progress.tasks[0].completed / max(time.perf_counter() - started, 1e-6)
                progress.update(task, rate=f"{rate:,.0f} items/s")

        summary = run_scan(
            paths, store, engine=runner, batch_size=batch_size, fmt=fmt, out=out, resume=not no_resume,
            on_reject=on_reject, on_batch=on_batch, on_stored=alerter.on_stored,
        )
        correlated = None
        if not no_correlate:
            from threatdesk.correlate import correlate  # numpy loads only when used

            correlated = correlate(store)
        _report(summary, store, as_json=as_json, quiet=quiet, top=top)
        if correlated is not None and not as_json:
            console().print(str(correlated) + " (threatdesk cases list)")
    if summary.rejected:
        sys.exit(1)


def _report(summary: ScanSummary, store: Store, *, as_json: bool, quiet: bool, top: int) -> None:
    if as_json:
        click.echo(json.dumps(summary.to_json(), sort_keys=True))
        return
    out = console()
    labels = ", ".join(f"{k} {v}" for k, v in summary.per_label.most_common())
    resumed = f", {summary.resumed:,} of them skipped as done by an earlier scan" if summary.resumed else ""
    out.print(
        f"read {summary.read:,} items ({summary.added:,} new, {summary.already_known:,} already stored{resumed}), "
        f"rejected {summary.rejected:,}, in {summary.seconds:.1f}s"
        + (f" ({summary.items_per_second:,.0f} items/s)" if summary.read > summary.resumed else "; nothing left to scan")
    )
    if labels:
        out.print(f"new items by label: {labels}")
        out.print("new items by priority: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.per_priority.items())))
    if not quiet and top:
        rows = store.queue(limit=top)
        if rows:
            out.print(queue_table(rows, title=f"Top {len(rows)} of the queue (threatdesk queue for more)"))
