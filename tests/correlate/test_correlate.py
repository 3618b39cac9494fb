"""Correlation scenarios, written as assessments with the label we want (independent of the classifier)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from threatdesk import cases
from threatdesk.correlate import correlate
from threatdesk.correlate.blocking import distance_m
from threatdesk.labels import Label
from threatdesk.models import Assessment, Item, Place, Reason
from threatdesk.risk import LABEL_BASE, WEIGHTS, priority_for
from threatdesk.store import Store, schema

T0 = datetime(2026, 10, 21, 12, 0, tzinfo=UTC)
ANNEX = (41.8752, -87.6445)


@dataclass
class Msg:
    text: str
    label: Label
    author: str | None = None
    hours: float = 0.0
    at: tuple[float, float] | None = None
    protectee: str | None = None


def _offset(point: tuple[float, float], north_m: float) -> tuple[float, float]:
    return point[0] + north_m / 110_540.0, point[1]


def write(store: Store, msgs: list[Msg]) -> list[str]:
    items, assessments = [], []
    for n, m in enumerate(msgs):
        place = Place(name="Harlow Street Federal Annex", lat=m.at[0], lon=m.at[1]) if m.at else None
        item = Item.from_text(m.text, author=m.author, posted_at=T0 + timedelta(hours=m.hours), place=place,
                              external_id=f"t-{n}", source="test")
        risk = LABEL_BASE[m.label]
        items.append(item)
        assessments.append(Assessment(item.id, m.label, {str(m.label): 1.0}, risk, priority_for(risk),
                                      (Reason("label", f"reads as {m.label}", risk),), (), "test"))
    store.write_batch(items, assessments)
    with store.transaction() as conn:
        for item, m in zip(items, msgs, strict=True):
            if m.protectee:
                conn.execute(schema.item_protectees.insert().values(item_id=item.id, alias=m.protectee))
    return [i.id for i in items]


def groups(store: Store, ids: list[str]) -> list[int | None]:
    """For each item, the index of the first item in its case (None when it is in no case)."""
    ci = schema.case_items
    with store.engine.connect() as conn:
        case_of = dict(conn.execute(select(ci.c.item_id, ci.c.case_id)).all())
    first: dict[int, int] = {}
    out: list[int | None] = []
    for n, item_id in enumerate(ids):
        case = case_of.get(item_id)
        out.append(None if case is None else first.setdefault(case, n))
    return out


K, H, I, D, S, R, P = (  # noqa: E741
    Label.SOLICIT_KILL, Label.SOLICIT_HARM, Label.SOLICIT_INTEL, Label.DIRECT_THREAT,
    Label.SURVEILLANCE_REPORT, Label.REPORTED_THREAT, Label.PROTECTED_SPEECH,
)
BOUNTY_EN = "Paying 2k to whoever got the home address on the tall officer from the 10th, works the Ogden car most nights"
BOUNTY_ES = "Pago 5 mil al que me diga dónde vive la agente de la migra que anda levantando gente en La Villita, se paga en efectivo"

SCENARIOS = {
    "same author, EN": ([Msg("I will find you and end this", D, "@a", 0), Msg("you have left me no other choice", D, "@a", 100)], [0, 0]),
    "same author, ES": ([Msg("te voy a encontrar, ya sé dónde estacionas", D, "@b", 0), Msg("no me dejaste otra opción", D, "@b", 50)], [0, 0]),
    "different authors, nothing shared": ([Msg("I will hurt the landlord", D, "@a"), Msg("voy a golpear al inspector", D, "@b")], [0, 1]),
    "same protectee, different authors": (
        [Msg("50 bands on him", K, "@x", 0, protectee="PROTECTEE-0042"), Msg("quién sabe dónde vive", I, "@y", 30, protectee="PROTECTEE-0042")], [0, 0]),
    "same story, EN reposts": ([Msg(BOUNTY_EN, I, "@r1"), Msg("RT: " + BOUNTY_EN, I, "@r2", 2), Msg(BOUNTY_EN + " DM", I, "@r3", 5)], [0, 0, 0]),
    "same story, ES reposts": ([Msg(BOUNTY_ES, I, "@e1"), Msg("Compartan: " + BOUNTY_ES.lower(), I, "@e2", 3)], [0, 0]),
    "surveillance within 300 m and 72 h": (
        [Msg("lookouts with radios on the roof", S, None, 0, ANNEX), Msg("a drone over the agents", S, None, 30, _offset(ANNEX, 200)),
         Msg("halcones en la esquina", S, None, 60, _offset(ANNEX, 390))], [0, 0, 0]),
    "surveillance 500 m apart": ([Msg("lookouts with radios", S, None, 0, ANNEX), Msg("a drone over agents", S, None, 5, _offset(ANNEX, 500))], [0, 1]),
    "surveillance 4 days apart": ([Msg("lookouts with radios", S, None, 0, ANNEX), Msg("halcones otra vez", S, None, 96, _offset(ANNEX, 50))], [0, 1]),
    "news of the bounty joins its protectee's case": (
        [Msg("50 bands on him", K, "@x", protectee="PROTECTEE-0107"), Msg("Police said a man offered a bounty", R, "Metro Desk", 10, protectee="PROTECTEE-0107")], [0, 0]),
    "news with nothing shared is in no case": ([Msg("50 bands on him", K, "@x"), Msg("Police said a man offered a bounty", R, "Metro Desk", 10)], [0, None]),
    "protected speech is never correlated": ([Msg("Vote him out", P, "@x", protectee="PROTECTEE-0042"), Msg("50 bands", K, "@y", protectee="PROTECTEE-0042")], [None, 1]),
    "an author's two targets stay two cases": (
        [Msg("I will find the judge", D, "@t", 0, protectee="PROTECTEE-0211"), Msg("te voy a encontrar, agente", D, "@t", 5, protectee="PROTECTEE-0107")], [0, 1]),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenarios(store: Store, name: str) -> None:
    msgs, expected = SCENARIOS[name]
    ids = write(store, msgs)
    correlate(store)
    assert groups(store, ids) == expected


def test_reported_threat_is_linked_but_never_ranks_the_case(store: Store) -> None:
    ids = write(store, [Msg("tell me where she lives, 300 bucks", I, "@x", protectee="PROTECTEE-0107"),
                        Msg("Prosecutors say a man offered money to kill the agent", R, "Metro", 5, protectee="PROTECTEE-0107")])
    with store.transaction() as conn:
        conn.execute(schema.assessments.update().where(schema.assessments.c.item_id == ids[1]).values(risk=99, priority="P1"))
    correlate(store)
    with store.engine.connect() as conn:
        case = cases.list_cases(conn)[0]
    assert set(case.item_ids) == set(ids)
    assert case.risk == LABEL_BASE[I] and case.priority == priority_for(LABEL_BASE[I])


def test_incremental_run_extends_the_open_case_and_leaves_correlated_items_alone(store: Store) -> None:
    first = write(store, [Msg("I will find you", D, "@a", 0)])
    assert correlate(store).cases_opened
    with store.engine.connect() as conn:
        case_id = cases.list_cases(conn)[0].id
    second = write(store, [Msg("no other choice now", D, "@a", 48), Msg("unrelated: I will hurt the landlord", D, "@z", 50)])
    summary = correlate(store)
    assert summary.items == 2 and summary.cases_extended == [case_id] and len(summary.cases_opened) == 1
    assert correlate(store).items == 0
    with store.engine.connect() as conn:
        page = cases.view(conn, case_id)
    assert {i.item_id for i in page.items} == {first[0], second[0]}
    assert [c["action"] for c in page.changes] == ["create", "correlate"]


def test_closed_cases_are_not_extended(store: Store) -> None:
    write(store, [Msg("I will find you", D, "@a", 0)])
    correlate(store)
    with store.transaction() as conn:
        case_id = cases.list_cases(conn)[0].id
        cases.transition(conn, case_id, "closed", actor="s", close_reason="unfounded")
    write(store, [Msg("no other choice now", D, "@a", 48)])
    assert correlate(store).cases_opened and not correlate(store).cases_extended


LEDGER_DAYS = [0, 14, 25, 32, 37, 40, 42, 43, 44]
LEDGER = ["you threw out my case", "I know which door you use", "the gray car is yours", "no other choice left",
          "Corwin Vey understood", "sé a qué hora sales", "the twentieth is the deadline", "your daughter drives too",
          "this ends on my terms"]


def test_fixation_and_energy_burst_on_a_returning_author(store: Store) -> None:
    msgs = [Msg(LEDGER[n], D, "@ledger_of_wrongs", day * 24, protectee="PROTECTEE-0211")
            for n, day in enumerate(LEDGER_DAYS)]
    write(store, msgs)
    correlate(store)
    cs = schema.case_signals
    with store.engine.connect() as conn:
        case = cases.list_cases(conn)[0]
        found = {r.value["behaviour"]: r for r in conn.execute(select(cs).where(cs.c.kind == "behaviour"))}
    assert set(found) == {"fixation", "energy_burst"}
    assert "@ledger_of_wrongs" in found["fixation"].reason and "PROTECTEE-0211" in found["fixation"].reason
    assert case.risk == LABEL_BASE[D] + WEIGHTS["fixation"] + WEIGHTS["energy_burst"]
    assert case.title == "Threats against PROTECTEE-0211 (9 items)"


@pytest.mark.parametrize(
    ("days", "fixation", "burst"),
    [
        ([0, 1, 2], False, False),            # three messages in three days: no span
        ([0, 10, 20], True, False),           # steady return over weeks
        ([0, 20, 24, 25, 26], True, True),    # baseline, then a rising rate
        ([0, 1, 2, 3, 4], False, False),      # a first appearance, no baseline: not a burst
    ],
)
def test_behaviour_thresholds(days: list[int], fixation: bool, burst: bool) -> None:
    from threatdesk.correlate.behaviours import Message, behaviours

    found = {f.signal.value["behaviour"] for f in behaviours(
        [Message(f"i{n}", "@x", T0 + timedelta(days=d), ("PROTECTEE-0042",)) for n, d in enumerate(days)])}
    assert ("fixation" in found, "energy_burst" in found) == (fixation, burst)


def test_reposts_count_as_amplification(store: Store) -> None:
    write(store, [Msg(BOUNTY_EN, I, f"@r{n}", n) for n in range(1)] + [Msg(f"RT {'!' * n} " + BOUNTY_EN, I, f"@r{n}", n) for n in range(1, 5)])
    summary = correlate(store)
    assert summary.reposts == 4 and summary.stories_new == 1
    with store.engine.connect() as conn:
        story = conn.execute(select(schema.stories)).mappings().one()
        amp = conn.execute(select(schema.case_signals).where(schema.case_signals.c.kind == "amplification")).mappings().one()
        case = cases.list_cases(conn)[0]
    assert story["repost_count"] == 4 and amp["value"]["repost_count"] == 4
    assert case.risk == LABEL_BASE[I] + amp["weight"] and amp["weight"] > 0


def test_distance_is_metres() -> None:
    assert 195 < distance_m(*ANNEX, *_offset(ANNEX, 200)) < 205


@pytest.mark.parametrize(
    ("msgs", "title"),
    [
        ([Msg("lookouts with radios on the roof", S, None, 0, ANNEX), Msg("halcones con radios", S, None, 20, _offset(ANNEX, 120))],
         "Surveillance near Harlow Street Federal Annex (2 items)"),
        ([Msg("I will find you", D, "@ledger", 0), Msg("no te vas a escapar", D, "@ledger", 30)], "@ledger: threats (2 items)"),
        ([Msg(BOUNTY_ES, I, "@e1"), Msg("Compartan: " + BOUNTY_ES, I, "@e2", 3)],
         "Paid request for information (reposted): \u201cPago 5 mil al que me diga dónde vive la agente de la migr...\u201d (2 items)"),
        ([Msg("doxx", Label.DOXXING, "@d", protectee="PROTECTEE-0315"), Msg("more", Label.DOXXING, "@f", 2, protectee="PROTECTEE-0315")],
         "Doxxing of PROTECTEE-0315 (2 items)"),
    ],
)
def test_titles_say_what_the_items_share(store: Store, msgs: list[Msg], title: str) -> None:
    with store.transaction() as conn:
        conn.execute(schema.places.insert().values(name="Harlow Street Federal Annex", kind="federal_facility",
                                                   lat=ANNEX[0], lon=ANNEX[1]))
    write(store, msgs)
    correlate(store)
    with store.engine.connect() as conn:
        assert [c.title for c in cases.list_cases(conn)] == [title]


def test_correlation_changes_are_in_the_audit_chain_and_it_verifies(store: Store) -> None:
    """Opening and extending cases, and an analyst's split after them, are chained events that verify."""
    from threatdesk import audit

    first = write(store, [Msg("I will find you", D, "@a", 0), Msg("you will pay", D, "@a", 3)])
    opened = correlate(store).cases_opened
    second = write(store, [Msg("no other choice now", D, "@a", 48)])
    extended = correlate(store).cases_extended
    assert extended == opened
    with store.transaction() as conn:
        cases.split(conn, opened[0], [second[0]], actor="ana")
    with store.engine.connect() as conn:
        assert audit.verify(conn) is None
        trail = [(e.actor, e.action, e.object_id) for e in audit.events(conn, objects=[("case", str(opened[0]))])]
        a = schema.audit_events
        tampered_seq = conn.execute(select(a.c.seq).where(a.c.action == "case.correlate")).scalar_one()
    assert trail[:2] == [("correlate", "case.create", str(opened[0])), ("correlate", "case.correlate", str(opened[0]))]
    assert ("ana", "case.split", str(opened[0])) in trail
    assert set(_items_of(store, opened[0])) == set(first)
    with store.transaction() as conn:  # the chain notices a rewritten correlation event
        conn.execute(schema.audit_events.update().where(schema.audit_events.c.seq == tampered_seq).values(actor="someone"))
    with store.engine.connect() as conn:
        broken = audit.verify(conn)
    assert broken is not None


def _items_of(store: Store, case_id: int) -> list[str]:
    with store.engine.connect() as conn:
        return cases.get(conn, case_id).item_ids


@pytest.mark.parametrize(
    ("report", "linked"),
    [
        ('Police say the post read "50 bands when it\'s done," and named an officer.', True),
        ("La fiscalía citó el mensaje: «50 BANDS when its done».", True),  # case, accents and punctuation aside
        ('Police say the post offered "50 bands" for an officer.', False),  # too short: in every other offer
        ('The posts said "I will find you" to two people.', False),  # quoted in two cases: links to neither
        ("Police say a man offered money for an officer's death.", False),  # quotes nothing
    ],
)
def test_a_report_joins_the_one_case_whose_items_it_quotes(store: Store, report: str, linked: bool) -> None:
    ids = write(store, [
        Msg("green light. 50 bands when it's done, you know who", K, "@x", 0),
        Msg("I will find you at the depot tomorrow morning, landlord", D, "@y", 1),
        Msg("inspector: keep shutting down our stands and I will find you", D, "@z", 2),
        Msg(report, R, "Metro Desk", 30),
    ])
    summary = correlate(store)
    found = groups(store, ids)
    assert found[0] is not None and found[1] is not None and found[2] is not None
    assert (found[3] == found[0]) is linked
    assert summary.linked_reports == int(linked)
    if linked:
        with store.engine.connect() as conn:
            case = cases.get(conn, _case_of(store, ids[0]))
            page = cases.view(conn, case.id)
        assert case.risk == LABEL_BASE[K] and any("quotes its items" in str(c["detail"]) for c in page.changes)


def _case_of(store: Store, item_id: str) -> int:
    with store.engine.connect() as conn:
        ci = schema.case_items
        return int(conn.execute(select(ci.c.case_id).where(ci.c.item_id == item_id)).scalar_one())


def _write_offer(store: Store, text: str, author: str, hours: float, target: str, place: str) -> str:
    from threatdesk.models import Signal

    item = Item.from_text(text, author=author, posted_at=T0 + timedelta(hours=hours), source="test", external_id=text)
    signals = (Signal("intent.v1", "solicitation", "test", 0, 4, {"act": "assault", "target": target, "offer": None}),
               Signal("places.v1", "place", "test", 5, 9, {"name": place, "kind": "community_area", "lat": 41.84, "lon": -87.71}))
    store.write_batch([item], [Assessment(item.id, K, {str(K): 1.0}, 60, "P2", (Reason("label", "t", 60),), signals, "test")])
    return item.id


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        (("la", "PROTECTEE-0042"), ("la", "PROTECTEE-0107"), False),  # "la" names nobody; two protectees, two cases
        (("la", None), ("la", None), False),  # an article is no target, however alike the place
        (("Agent Ramos", None), ("agent  ramos", None), True),  # the same named target at the same place, a day apart
    ],
)
def test_target_and_place_need_a_real_target(store: Store, first: tuple[str, str | None], second: tuple[str, str | None],
                                             together: bool) -> None:
    a = _write_offer(store, "10 mil al que le dé una calentada a la del súper", "@one", 0, first[0], "Little Village")
    b = _write_offer(store, "3 mil al que le dé piso a la de la 26, en la mañana", "@two", 24, second[0], "Little Village")
    with store.transaction() as conn:
        for item_id, alias in ((a, first[1]), (b, second[1])):
            if alias:
                conn.execute(schema.item_protectees.insert().values(item_id=item_id, alias=alias))
    correlate(store)
    found = groups(store, [a, b])
    assert (found[0] == found[1]) is together
