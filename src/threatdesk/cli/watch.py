"""``threatdesk watch DIR``: import JSON Lines and CSV files as they land in a folder.

The folder is polled. A file counts as complete once its size and modification time
have not changed for one poll interval. Writers that can should write to ``NAME.part``
or a dot-file and rename it into place when done: those names are never picked up, so a
renamed-in file is whole when first seen and is imported on the next look. A
processed file moves to ``DIR/done/``; a file with rejected lines, or one that cannot
be read at all, moves to ``DIR/failed/`` next to ``NAME.errors.txt`` listing why. The
accepted lines of a file with rejections are stored all the same: fix the listed lines
and drop the file in again (what is already stored is not added twice).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from threatdesk.alerts import streaming_alerts
from threatdesk.alerts.outbox import Alerter
from threatdesk.analyzers import AnalyzerContext
from threatdesk.cli.common import db_option, open_store
from threatdesk.errors import ThreatdeskError, UsageError
from threatdesk.intake import Rejection
from threatdesk.scan import DEFAULT_BATCH, make_engine
from threatdesk.scan import scan as run_scan
from threatdesk.scan.engines import Engine
from threatdesk.store import Store, resolve_url

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


@dataclass
class Watcher:
    """One folder, polled; ``poll()`` imports every file that has become complete since the last call."""

    folder: Path
    store: Store
    engine: Engine
    alerter: Alerter | None = None
    batch_size: int = DEFAULT_BATCH
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.folder.is_dir():
            raise UsageError(f"{self.folder} is not a folder", hint="create it, or pass the folder to watch")
        (self.folder / "done").mkdir(exist_ok=True)
        (self.folder / "failed").mkdir(exist_ok=True)

    def candidates(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir()
                      if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES)

    def poll(self) -> list[tuple[Path, str]]:
        """Import the files that are complete; returns (where each went, one-line summary)."""
        done = []
        present = set()
        for path in self.candidates():
            present.add(path.name)
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            signature = (st.st_size, st.st_mtime_ns)
            if self.seen.get(path.name) != signature:
                self.seen[path.name] = signature
                continue
            del self.seen[path.name]
            present.discard(path.name)
            done.append(self.import_file(path))
        for name in list(self.seen):
            if name not in present:
                del self.seen[name]
        return done

    def import_file(self, path: Path) -> tuple[Path, str]:
        rejections: list[Rejection] = []
        try:
            summary = run_scan([str(path)], self.store, engine=self.engine, batch_size=self.batch_size,
                               fmt=SUFFIXES[path.suffix.lower()], on_reject=rejections.append,
                               on_stored=self.alerter.on_stored if self.alerter else None)
        except ThreatdeskError as exc:
            return self._move(path, "failed", [f"{path.name}: {exc}", "nothing from this file was stored"]), f"failed: {exc}"
        line = f"{summary.read} items ({summary.added} new), {summary.rejected} rejected"
        if rejections:
            lines = [str(r).replace(str(path), path.name, 1) for r in rejections]
            lines.append(f"{summary.read} other records were stored; fix the lines above and drop the file in again")
            return self._move(path, "failed", lines), line
        return self._move(path, "done", None), line

    def _move(self, path: Path, where: str, errors: list[str] | None) -> Path:
        target = self.folder / where / path.name
        if target.exists():
            target = target.with_name(f"{path.stem}.{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}{path.suffix}")
        shutil.move(str(path), target)
        if errors is not None:
            target.with_name(target.name + ".errors.txt").write_text("\n".join(errors) + "\n", encoding="utf-8")
        return target


@click.command(short_help="Import JSON Lines / CSV files as they land in a folder.")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.option("--interval", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="Seconds between looks at the folder (a file must be unchanged for one interval).")
@click.option("--once", is_flag=True, help="Import what is complete now and exit (two looks, one interval apart).")
def watch(folder: Path, db: str | None, interval: float, once: bool) -> None:
    """Watch FOLDER: each new .jsonl/.ndjson/.csv file is imported, assessed, alerted on and
    moved to FOLDER/done/ (or FOLDER/failed/ with NAME.errors.txt). Stop with Ctrl-C."""
    with open_store(db) as store, streaming_alerts(store) as alerter:
        engine = make_engine("local", context=AnalyzerContext(db=resolve_url(db)))
        watcher = Watcher(folder, store, engine, alerter)
        click.echo(f"watching {folder} every {interval:g}s (Ctrl-C to stop)", err=True)
        rounds = 0
        while True:
            for target, line in watcher.poll():
                click.echo(f"{target.parent.name}/{target.name}: {line}")
            rounds += 1
            if once and rounds >= 2:
                return
            time.sleep(interval)
