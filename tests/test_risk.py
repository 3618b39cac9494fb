"""Risk: the policy properties, the tables, and the proof that protected traits never count."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from threatdesk import risk
from threatdesk.analyzers import analyzer_names, build_analyzers
from threatdesk.labels import LABEL_ORDER, Label, is_actionable
from threatdesk.models import Item, Reason, Signal

DOCS = Path(__file__).resolve().parents[1] / "docs" / "risk.md"
POSTED = datetime(2026, 11, 6, 15, 0, tzinfo=UTC)  # a Friday, 09:00 in Chicago


def sig(kind: str, value: object = None, *, start: int | None = 0, restricted: bool = False) -> Signal:
    return Signal("test.v1", kind, "test", start, None if start is None else start + 1, value, 1.0, restricted)


MONEY_10K = sig("money", {"amount": 10_000, "currency": "USD"})
PROTECTEE = sig("protectee", {"alias": "PROTECTEE-0042", "matched": "name"})
PLACE = sig("place", {"name": "Pilsen", "kind": "neighbourhood", "lat": 41.85, "lon": -87.66})
TONIGHT = sig("time", {"text": "tonight", "resolved": "2026-11-06T21:00:00-06:00", "grain": "part", "hours_ahead": 12.0})
FULL = [MONEY_10K, PROTECTEE, PLACE, TONIGHT]


def test_paid_killing_of_a_named_protectee_with_place_and_time_is_p1() -> None:
    total, reasons = risk.score(Label.SOLICIT_KILL, FULL)
    assert risk.priority_for(total) == "P1"
    assert [r.code for r in reasons] == ["label", "money_offered", "protectee", "place", "time"]
    assert str(reasons[1]) == "offers 10,000 USD (+25)"
    assert str(reasons[2]) == "names protectee PROTECTEE-0042 (+20)"


def test_a_news_report_of_the_same_is_p4_and_still_names_the_protectee() -> None:
    total, reasons = risk.score(Label.REPORTED_THREAT, FULL)
    assert risk.priority_for(total) == "P4"
    assert total == risk.LABEL_BASE[Label.REPORTED_THREAT]
    assert any(r.code == "protectee" and r.weight == 0 for r in reasons)


@pytest.mark.parametrize("label", [Label.PROTECTED_SPEECH, Label.BENIGN])
def test_protected_speech_and_benign_stay_near_zero_whatever_the_signals(label: Label) -> None:
    noisy = [*FULL, sig("behaviour", {"behaviour": "last_resort", "evidence": "no other choice"}),
             sig("weapon", {"weapon": "firearm", "evidence": "gun"})]
    total, _ = risk.score(label, noisy)
    assert total == 0 and risk.priority_for(total) == "P4"


def test_reported_speech_cue_pulls_a_threat_down() -> None:
    before, _ = risk.score(Label.DIRECT_THREAT, [PROTECTEE])
    after, reasons = risk.score(Label.DIRECT_THREAT, [PROTECTEE, sig("reported_speech", {"cue": "prosecutors say"})])
    assert (before, after) == (65, 25)
    assert str(reasons[-1]) == "reported speech ('prosecutors say') (-40)"


@pytest.mark.parametrize("kind", ["reported_speech", "protected_speech_cue", "conditional", "jocular"])
def test_every_framing_cue_lowers_risk(kind: str) -> None:
    base, _ = risk.score(Label.DIRECT_THREAT, [PROTECTEE])
    lowered, _ = risk.score(Label.DIRECT_THREAT, [PROTECTEE, sig(kind, {"cue": "x"})])
    assert lowered < base


def test_missing_intent_cues_are_fine() -> None:
    total, reasons = risk.score(Label.DIRECT_THREAT, [])
    assert total == risk.LABEL_BASE[Label.DIRECT_THREAT] and len(reasons) == 1


def test_bigger_offers_weigh_more_and_pesos_are_converted() -> None:
    def weight(amount: int, currency: str | None = "USD") -> int:
        _, reasons = risk.score(Label.SOLICIT_INTEL, [sig("money", {"amount": amount, "currency": currency})])
        return next(r.weight for r in reasons if r.code == "money_offered")

    weights = [weight(a) for a in (200, 500, 2_000, 10_000, 50_000)]
    assert weights == sorted(weights) and len(set(weights)) == 5
    assert weight(50_000, "MXN") < weight(50_000, "USD")
    assert weight(5_000, None) == weight(5_000, "USD")


def test_money_counts_only_when_it_is_an_offer() -> None:
    _, reasons = risk.score(Label.DIRECT_THREAT, [MONEY_10K])
    assert "money_offered" not in [r.code for r in reasons]
    solicitation = sig("solicitation", {"offer": {"amount": 3000, "currency": "USD", "kind": "cash"},
                                        "act": "killing", "target": None, "terms": []}, start=None)
    _, reasons = risk.score(Label.SOLICIT_KILL, [solicitation])
    assert [str(r) for r in reasons[1:]] == ["offers 3,000 USD (+15)", "pays for killing (+10)",
                                             "held below P1 (P1 needs a named target) (-6)"]


def test_behaviours_count_once_each_and_the_labels_own_behaviour_adds_nothing() -> None:
    pathway = sig("behaviour", {"behaviour": "pathway", "evidence": "where does he live"})
    last = sig("behaviour", {"behaviour": "last_resort", "evidence": "no other choice"})
    total, reasons = risk.score(Label.DIRECT_THREAT, [pathway, pathway, last])
    assert total == risk.LABEL_BASE[Label.DIRECT_THREAT] + risk.WEIGHTS["pathway"] + risk.WEIGHTS["last_resort"]
    _, reasons = risk.score(Label.SOLICIT_INTEL, [pathway])
    assert next(r for r in reasons if r.code == "behaviour_pathway").weight == 0


@pytest.mark.parametrize("behaviour", ["fixation", "energy_burst"])
def test_multi_item_behaviours_from_correlation_weigh(behaviour: str) -> None:
    total, _ = risk.score(Label.DIRECT_THREAT, [sig("behaviour", {"behaviour": behaviour, "evidence": "9 posts"}, start=None)])
    assert total == risk.LABEL_BASE[Label.DIRECT_THREAT] + risk.WEIGHTS[behaviour]


@pytest.mark.parametrize(("hours", "grain", "weight"), [(12.0, "part", 10), (-10.0, "day", 10), (-10.0, "minute", 0),
                                                         (60.0, "day", 5), (400.0, "day", 0)])
def test_near_times_weigh_more_than_later_ones(hours: float, grain: str, weight: int) -> None:
    t = sig("time", {"text": "x", "resolved": "2026-11-06T21:00:00-06:00", "grain": grain, "hours_ahead": hours})
    _, reasons = risk.score(Label.INCITEMENT, [t])
    assert sum(r.weight for r in reasons if r.code == "time") == weight


def test_the_items_own_location_is_not_a_named_place() -> None:
    own = sig("place", {"name": "Pilsen", "kind": "reported_location", "lat": 41.85, "lon": -87.66}, start=None)
    _, reasons = risk.score(Label.SURVEILLANCE_REPORT, [own])
    assert "place" not in [r.code for r in reasons]


def test_restricted_pii_weighs_once() -> None:
    pii = [sig("pii", {"type": "address", "normalized": None}, restricted=True),
           sig("pii", {"type": "phone", "normalized": None}, restricted=True)]
    _, reasons = risk.score(Label.DOXXING, pii)
    assert [str(r) for r in reasons[1:]] == ["restricted personal data: address, phone (+15)"]


@pytest.mark.parametrize(("count", "weight"), [(0, None), (1, 3), (2, 3), (3, 6), (9, 6), (10, 10), (5000, 10)])
def test_amplification_reason(count: int, weight: int | None) -> None:
    reason = risk.amplification_reason(count)
    assert (reason.weight if reason else None) == weight
    if reason:
        assert reason.code == "amplification" and f"{count:,}" in reason.text
        total, _ = risk.score(Label.INCITEMENT, [], repost_count=count)
        assert total == risk.LABEL_BASE[Label.INCITEMENT] + weight


@pytest.mark.parametrize(("total", "priority"), [(100, "P1"), (80, "P1"), (79, "P2"), (60, "P2"), (59, "P3"), (35, "P3"), (34, "P4"), (0, "P4")])
def test_priority_thresholds(total: int, priority: str) -> None:
    assert risk.priority_for(total) == priority


def test_score_is_clamped() -> None:
    everything = [*FULL, *(sig("behaviour", {"behaviour": b, "evidence": b}) for b in ("pathway", "leakage", "last_resort", "identification"))]
    assert risk.score(Label.SOLICIT_KILL, everything)[0] == 100
    assert risk.score(Label.SURVEILLANCE_REPORT, [sig(k, {"cue": k}) for k in ("reported_speech", "jocular")])[0] == 0


def test_every_label_has_a_base_and_actionable_labels_rank_above_the_rest() -> None:
    assert set(risk.LABEL_BASE) == set(LABEL_ORDER)
    lowest_actionable = min(v for k, v in risk.LABEL_BASE.items() if is_actionable(k))
    assert lowest_actionable >= dict(risk.PRIORITY_THRESHOLDS)["P3"]
    assert all(v < dict(risk.PRIORITY_THRESHOLDS)["P3"] for k, v in risk.LABEL_BASE.items() if not is_actionable(k))


def test_every_weight_and_threshold_is_documented() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    for name, weight in risk.WEIGHTS.items():
        assert re.search(rf"`{name}`\s*\|\s*{re.escape(f'{weight:+d}')}\s*\|", doc), f"docs/risk.md lacks the row for {name} ({weight:+d})"
    for label, base in risk.LABEL_BASE.items():
        assert re.search(rf"`{label}`\s*\|\s*{base}\b", doc), f"docs/risk.md lacks the base for {label}"
    for priority, floor in risk.PRIORITY_THRESHOLDS:
        assert re.search(rf"{priority}\b[^\n]*\|\s*{floor}\b", doc), f"docs/risk.md lacks the threshold for {priority}"


# --- protected traits never feed the score -------------------------------------------------

#: Words about who someone is, never about what they do. Swapped into and added to
#: messages, they must not move risk or reasons (EN and ES).
TRAIT_WORDS = [
    "Mexican", "Black", "white", "Latino", "Hispanic", "Asian", "Arab", "Jewish", "Muslim", "Catholic",
    "Christian", "atheist", "Guatemalan", "Venezuelan", "Haitian", "Polish", "Chinese", "undocumented",
    "immigrant", "refugee", "asylum seeker", "green card holder", "Spanish-speaking", "bilingual",
    "leftist", "conservative", "socialist", "libertarian", "progressive",
    "mexicano", "mexicana", "negro", "blanca", "latina", "judío", "musulmán", "católica", "cristiano",
    "indocumentado", "inmigrante", "refugiada", "hondureño", "venezolana", "que habla español",
    "izquierdista", "conservador", "anarquista",
]
TEMPLATES = [
    ("green light on the {w} officer from the 10th. 50 bands when it's done, tonight at 18th and Blue Island.", Label.SOLICIT_KILL),
    ("2k to whoever gets me the home address of the {w} agent, where does he live?", Label.SOLICIT_INTEL),
    ("You will pay, judge. The {w} man you sentenced is my brother. You left me no other choice. Friday.", Label.DIRECT_THREAT),
    ("Pago 5 mil al que me diga dónde vive la agente {w} de La Villita, mañana en la mañana.", Label.SOLICIT_INTEL),
    ("Te vamos a encontrar, {w}. Ya no hay de otra. Esta noche en la 26 y Kedzie.", Label.DIRECT_THREAT),
    ("Two guys with radios on the roof at Cermak y Western watching the {w} agents every morning.", Label.SURVEILLANCE_REPORT),
    ("Prosecutors say the {w} man offered $10,000 for the agent's killing in Pilsen.", Label.REPORTED_THREAT),
    ("Marcha {w} el viernes a las 10 desde Union Park. ICE fuera de Chicago.", Label.PROTECTED_SPEECH),
]


@pytest.fixture(scope="module")
def analyzers() -> list:
    return build_analyzers([n for n in analyzer_names() if not n.startswith("intent.")])


def _assess(analyzers: list, text: str, label: Label) -> tuple[int, list[tuple[str, int, str]]]:
    item = Item.from_text(text, posted_at=POSTED)
    signals = [s for a in analyzers for s in a(item)]
    total, reasons = risk.score(label, signals)
    return total, [(r.code, r.weight, r.text) for r in reasons]


@pytest.mark.parametrize(("template", "label"), TEMPLATES, ids=[t[:30] for t, _ in TEMPLATES])
def test_adding_or_swapping_protected_traits_changes_nothing(analyzers: list, template: str, label: Label) -> None:
    baseline = _assess(analyzers, template.replace("{w} ", "").replace(" {w}", "").replace("{w}", ""), label)
    for word in TRAIT_WORDS:
        swapped = _assess(analyzers, template.format(w=word), label)
        assert swapped == baseline, f"{word!r} changed risk or reasons"
        added = _assess(analyzers, f"{word.capitalize()}. " + template.format(w=word) + f" ({word})", label)
        assert added == baseline, f"{word!r} added at the edges changed risk or reasons"


TRAIT_STEMS = ("ethnic", "race", "racial", "nation", "religio", "faith", "muslim", "islam", "jew", "christian",
               "catholic", "immigra", "migrant", "undocumented", "asylum", "refugee", "citizen", "language",
               "spanish", "accent", "ideolog", "leftist", "conservative", "socialist", "anarch", "latino", "hispanic")


def test_no_weight_or_reason_code_names_a_protected_trait(analyzers: list) -> None:
    names = [*risk.WEIGHTS, *(str(label) for label in risk.LABEL_BASE)]
    codes: set[str] = set()
    for template, label in TEMPLATES:
        for word in TRAIT_WORDS[:5]:
            item = Item.from_text(template.format(w=word), posted_at=POSTED)
            signals = [s for a in analyzers for s in a(item)]
            everything = [*signals, PROTECTEE, MONEY_10K, sig("reported_speech", {"cue": "x"})]
            codes.update(r.code for r in risk.score(label, everything)[1])
    codes.update(r.code for r in [risk.amplification_reason(12)] if isinstance(r, Reason))
    for name in [*names, *codes]:
        assert not any(stem in name.lower() for stem in TRAIT_STEMS), name


# --- every reason code at most once per item ------------------------------------------

#: Signals that repeat every kind risk reads: two protectees (one of them a restricted
#: registry match), restricted PII from two analyzers, two offers, two places, two times,
#: a behaviour twice, two weapons, every framing cue.
CROWDED = [
    MONEY_10K, sig("money", {"amount": 500, "currency": "USD"}),
    sig("solicitation", {"act": "killing", "target": "the judge", "offer": {"amount": 50_000, "currency": "MXN"}}),
    sig("solicitation", {"act": "photos", "target": "the judge", "offer": None}),
    PROTECTEE, sig("protectee", {"alias": "PROTECTEE-0211", "matched": "address"}, restricted=True),
    sig("pii", {"type": "address", "normalized": None}, restricted=True),
    sig("pii", {"type": "phone", "normalized": None}, restricted=True),
    PLACE, sig("place", {"name": "Union Park", "kind": "park", "lat": 41.88, "lon": -87.67}),
    TONIGHT, sig("time", {"text": "Friday", "resolved": "2026-11-13", "grain": "day", "hours_ahead": 150.0}),
    sig("behaviour", {"behaviour": "last_resort", "evidence": "no other choice"}),
    sig("behaviour", {"behaviour": "last_resort", "evidence": "7 days, judge."}),
    sig("behaviour", {"behaviour": "pathway", "evidence": "where does he live"}),
    sig("weapon", {"weapon": "firearm", "evidence": "gun"}), sig("weapon", {"weapon": "fire", "evidence": "gasoline"}),
    *(sig(cue, {"cue": cue}) for cue in ("reported_speech", "protected_speech_cue", "jocular", "conditional")),
]


@pytest.mark.parametrize("label", LABEL_ORDER)
def test_every_reason_code_appears_at_most_once_per_item(label: Label) -> None:
    """The assessor and risk.score together: one term per reason, whatever repeats in the signals."""
    from threatdesk.assess import assess

    intent = Signal("intent.v1", "intent", "test", value={"label": str(label), "scores": {str(label): 1.0}})
    item = Item.from_text("This pig lives at 4410 S Fennel Ave, 773-555-0188. Spread this everywhere.")
    assessment = assess(item, [intent, *CROWDED], model_version="t")
    codes = [r.code for r in assessment.reasons]
    assert len(codes) == len(set(codes)), codes
    assert assessment.risk == max(0, min(100, sum(r.weight for r in assessment.reasons)))


def test_every_reason_code_appears_at_most_once_on_the_demo_corpus() -> None:
    """Every analyzer but intent, with each demo message read as each actionable label."""
    import json
    from importlib import resources

    from threatdesk.assess import assess
    from threatdesk.labels import ACTIONABLE
    from threatdesk.pipeline import Pipeline

    pipeline = Pipeline(build_analyzers([n for n in analyzer_names() if n not in ("intent.v1", "protectee.v1")]))
    lines = resources.files("threatdesk.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8").splitlines()
    checked = 0
    for line in lines:
        item = Item.from_text(json.loads(line)["text"], posted_at=POSTED)
        signals = pipeline.signals(item)
        for label in sorted(ACTIONABLE, key=str):
            intent = Signal("intent.v1", "intent", "test", value={"label": str(label), "scores": {str(label): 1.0}})
            codes = [r.code for r in assess(item, [intent, *signals], model_version="t").reasons]
            assert len(codes) == len(set(codes)), (item.text, codes)
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("signals", "p1"),
    [
        ([MONEY_10K, sig("solicitation", {"act": "killing", "target": None}), PLACE, TONIGHT], False),  # "going to kill it, 5K, Thursday"
        ([MONEY_10K, sig("solicitation", {"act": "killing", "target": "the CO on tier 2"}), PLACE], True),
        ([MONEY_10K, PROTECTEE], True),
        ([PROTECTEE, sig("behaviour", {"behaviour": "identification", "evidence": "the way Vey did"}),
          sig("behaviour", {"behaviour": "leakage", "evidence": "remember my name"})], False),  # who, but no what
        ([PROTECTEE, sig("behaviour", {"behaviour": "last_resort", "evidence": "7 days, judge."}),
          sig("behaviour", {"behaviour": "identification", "evidence": "the way Vey did"})], True),
        ([sig("pii", {"type": "address", "normalized": None}, restricted=True), PROTECTEE, TONIGHT], True),
    ],
)
def test_p1_needs_a_target_and_a_concrete_element(signals: list[Signal], p1: bool) -> None:
    total, reasons = risk.score(Label.SOLICIT_KILL, signals)
    gate = [r for r in reasons if r.code == "p1_needs_corroboration"]
    assert total == max(0, min(100, sum(r.weight for r in reasons)))
    if p1:
        assert risk.priority_for(total) == "P1" and not gate
    else:
        assert total == 79 and len(gate) == 1 and gate[0].weight < 0
        assert sum(r.weight for r in reasons if r.code != "p1_needs_corroboration") >= 80  # it would have been P1


def test_the_p1_gate_never_raises_or_touches_lower_priorities() -> None:
    for label in LABEL_ORDER:
        total, reasons = risk.score(label, [])
        assert "p1_needs_corroboration" not in [r.code for r in reasons]
        assert total == risk.LABEL_BASE[label]
