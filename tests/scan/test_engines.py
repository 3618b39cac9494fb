"""Every engine gives the same assessments, byte for byte, in input order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import generated_records, write_jsonl
from tests.scan.dated import dated_records
from threatdesk.analyzers import AnalyzerContext
from threatdesk.errors import ThreatdeskError, UsageError
from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.scan import default_engine, make_engine, scan
from threatdesk.scan.engines import ProcessEngine
from threatdesk.scan.work import analyse_packed, out_line, pack, unpack
from threatdesk.store import Store, schema

TEXTS = [
    "green light on the chief, 50 bands when it's done",
    "Pago 5 mil al que levante al jefe de la migra, con pruebas",
    "ICE out of Chicago! Shut it down! March from Union Park at noon",
    "Según la fiscalía, el detenido ofreció 50 mil pesos por ubicar a un agente",
]


def _scan_cli(path: Path, db: str, out: Path, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "threatdesk", "scan", str(path), "--db", db, "--out", str(out), "--json", "--batch-size", "40", *args],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines(), key=lambda line: json.loads(line)["item_id"])


@pytest.mark.parametrize("text", TEXTS)
def test_packing_keeps_what_analyzers_see(text: str) -> None:
    item = Item.from_text(text, source="x", author="@someone", lang="es")
    assert unpack(pack(item)) == item


@pytest.mark.parametrize("text", TEXTS)
def test_out_line_is_the_assessment_json(text: str) -> None:
    pipeline = Pipeline()
    item = Item.from_text(text)
    [record] = analyse_packed(pipeline, [pack(item)])
    expected = json.dumps(pipeline.assess(item).to_json(), ensure_ascii=False, sort_keys=True) + "\n"
    assert out_line(record) == expected


@pytest.mark.parametrize(
    ("engine", "workers", "expected"),
    [(None, 1, "local"), (None, 2, "process"), ("local", 4, "local"), ("process", 1, "process")],
)
def test_engine_choice(engine: str | None, workers: int, expected: str) -> None:
    runner = make_engine(engine, workers=workers)
    try:
        assert runner.name == expected
    finally:
        runner.close()


def test_default_engine_uses_processes_when_there_is_more_than_one_core() -> None:
    assert default_engine(None) == ("process" if (os.cpu_count() or 1) > 1 else "local")


def test_address_without_ray_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--address is for the ray engine"):
        make_engine("process", address="127.0.0.1:6379")


@pytest.mark.slow
def test_process_engine_matches_local_in_order_and_in_the_store(db_url: str, tmp_path: Path) -> None:
    """Two workers, a window of batches in flight, duplicates across batches: same result."""
    records = dated_records(300)
    records += records[:50]
    path = write_jsonl(tmp_path / "in.jsonl", records)
    results = {}
    for name in ("local", "process"):
        store = Store.open(db_url) if name == "local" else Store.open(str(tmp_path / "process.db"))
        engine = make_engine(name, context=AnalyzerContext(), workers=2)
        try:
            summary = scan([str(path)], store, engine=engine, batch_size=32, out=str(tmp_path / f"{name}.jsonl"))
        finally:
            engine.close()
        results[name] = (summary.added, summary.already_known, dict(summary.per_label), store.count(schema.assessments))
        store.close()
    assert results["local"] == results["process"] == (300, 50, results["local"][2], 300)
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "process.jsonl").read_bytes()
    assert len((tmp_path / "local.jsonl").read_text().splitlines()) == 350


@pytest.mark.slow
def test_ray_process_and_local_engines_write_identical_files(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    path = write_jsonl(tmp_path / "in.jsonl", dated_records(240))
    outs = {}
    for engine in ("local", "process", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        summary = _scan_cli(path, str(tmp_path / f"{engine}.db"), out, "--engine", engine, "--workers", "2")
        assert (summary["read"], summary["added"]) == (240, 240), engine
        outs[engine] = _sorted_lines(out)
    assert len(outs["local"]) == 240
    assert outs["ray"] == outs["process"] == outs["local"]


@pytest.mark.slow
@pytest.mark.parametrize(("workers", "chunk", "sizes"), [(2, 5, [23, 0, 7, 40, 1]), (3, 4, [9, 9, 0, 0, 30])])
def test_main_process_and_helpers_share_batches_in_order(workers: int, chunk: int, sizes: list[int]) -> None:
    """Units of a batch may be analysed by different processes; batches still come back whole, in order.

    Empty batches (every item already stored) pass through in their place.
    """
    texts = [r["text"] for r in generated_records(sum(sizes))]
    items = [Item.from_text(text, source="x") for text in texts]
    batches, at = [], 0
    for size in sizes:
        batches.append(items[at:at + size])
        at += size
    local = list(make_engine("local").map(batches))
    engine = make_engine("process", workers=workers)
    assert isinstance(engine, ProcessEngine)
    engine.chunk = chunk
    try:
        shared = list(engine.map(batches))
    finally:
        engine.close()
    assert [len(rows) for rows in shared] == sizes
    assert shared == local
    # The first batch has more units than the helpers are given at once: this process takes some.
    assert 0 < engine.here_items <= sum(sizes) - 2 * (workers - 1) * chunk


@pytest.mark.slow
def test_a_helper_killed_mid_scan_stops_it_with_what_to_do() -> None:
    items = [Item.from_text(r["text"], source="x") for r in generated_records(400)]
    engine = make_engine("process", workers=2)
    assert isinstance(engine, ProcessEngine)
    engine.chunk = 10
    try:
        results = engine.map([items[at:at + 40] for at in range(0, len(items), 40)])
        next(results)
        assert engine._pool is not None
        for pid in list(engine._pool._processes):  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGKILL)
        with pytest.raises(ThreatdeskError, match="worker process died") as caught:
            list(results)
        assert "resume" in (caught.value.hint or "")
    finally:
        engine.close()
