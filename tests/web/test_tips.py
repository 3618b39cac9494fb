"""The public tip form: behaviour categories, identity-only reports, receipts, limits."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.web.conftest import csrf_of, login, make_client

from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, schema
from threatdesk.web.tipcheck import identity_only
from threatdesk.web.tips import receipt_hash


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("A group of Mexican men standing outside the station", True),
        ("Some Muslims near the federal building", True),
        ("Two guys speaking Spanish by the courthouse, looked suspicious", True),
        ("A woman wearing a hijab at the bus stop near the annex", True),
        ("Protesters with signs outside the ICE office on Kedzie", True),
        ("Unos hombres mexicanos parados afuera de la estación", True),
        ("Hay inmigrantes viviendo en el edificio de al lado", True),
        ("Gente hablando árabe en la parada del autobús", True),
        ("Una marcha de manifestantes frente a la oficina", True),
        ("Two men with radios on the roof calling out every agent car", False),
        ("A Mexican man followed the officer's car home and took photos of the house", False),
        ("Some protesters threw rocks at the agents' cars", False),
        ("A black SUV parked outside the annex for three hours", False),
        ("Dos hombres con radios en la azotea vigilando los carros de los agentes", False),
        ("Un hombre mexicano siguió a la agente hasta su casa", False),
        ("Someone asked the guard what time the judge leaves", False),
    ],
)
def test_identity_only_detector(text: str, flagged: bool) -> None:
    assert identity_only(text) is flagged


def _tip(client, **fields: str):
    token = csrf_of(client.get("/tip").text)
    data = {"category": "surveillance", "what": "", "where": "", "when": "", "contact": "", "csrf_token": token}
    return client.post("/tip", data={**data, **fields})


def test_a_tip_is_an_item_in_the_queue_and_only_the_receipt_hash_is_kept(client, web_store: Store) -> None:
    r = _tip(client, what="Two men with radios on the roof calling out every agent car <script>alert(1)</script>",
             where="Harlow Street Federal Annex", when="this morning", contact="555-0100")
    assert r.status_code == 200
    receipt = r.text.split('id="receipt">', 1)[1].split("<", 1)[0]
    with web_store.engine.connect() as conn:
        tip = conn.execute(select(schema.tips)).mappings().one()
        item = conn.execute(select(schema.items).where(schema.items.c.id == tip["item_id"])).mappings().one()
        events = list(conn.execute(select(schema.audit_events.c.action)).scalars())
    assert tip["receipt_hash"] == receipt_hash(receipt)
    assert receipt not in str(dict(item)) and receipt not in str(dict(tip))
    assert item["source"] == "tipline" and item["author"] is None
    assert "555-0100" not in item["text"] and "Where: Harlow Street Federal Annex" in item["text"]
    assert "tip.create" in events
    login(client, "analyst")
    queue = client.get("/queue?place=Harlow+Street+Federal+Annex").text
    assert "radios on the roof" in queue and "&lt;script&gt;alert(1)&lt;/script&gt;" in queue
    item_page = client.get(f"/items/{item['id']}").text
    assert "555-0100" not in item_page and "[CONTACT]" in item_page
    client.cookies.clear()
    csrf = login(client, "supervisor")
    assert "555-0100" in client.post(f"/items/{item['id']}/unmask", data={"csrf_token": csrf}).text


def test_an_identity_only_tip_is_recorded_at_p4_and_shown_as_such(client, web_store: Store) -> None:
    r = _tip(client, category="other", what="A group of Mexican men standing outside the station every day",
             where="Tamsin Avenue District Station")
    assert r.status_code == 200 and "not acted on" in r.text
    with web_store.engine.connect() as conn:
        tip = conn.execute(select(schema.tips)).mappings().one()
        a = conn.execute(select(schema.assessments).where(schema.assessments.c.item_id == tip["item_id"])).mappings().one()
    assert tip["flagged_identity_only"] is True
    assert a["priority"] == "P4" and a["risk"] < 35
    assert a["reasons"][-1]["code"] == "identity_only"
    assert sum(r["weight"] for r in a["reasons"]) == a["risk"]
    login(client, "analyst")
    assert "identity only" in client.get("/queue?place=Tamsin+Avenue+District+Station").text


def test_a_follow_up_needs_the_receipt_and_joins_the_tips_case(client, web_store: Store) -> None:
    from threatdesk import cases

    r = _tip(client, what="A man photographed the staff entrance and wrote down plates", where="Wabash Row")
    receipt = r.text.split('id="receipt">', 1)[1].split("<", 1)[0]
    with web_store.transaction() as conn:
        item_id = conn.execute(select(schema.tips.c.item_id)).scalar_one()
        case_id = cases.create(conn, title="tip", item_ids=[item_id], actor="test")
    token = csrf_of(client.get("/tip/follow-up").text)
    bad = client.post("/tip/follow-up", data={"receipt": "AAAA-BBBB-CCCC-DDDD", "more": "he came back today", "csrf_token": token})
    assert bad.status_code == 400 and "not known" in bad.text
    ok = client.post("/tip/follow-up", data={"receipt": receipt.lower(), "more": "He came back today in a grey van", "csrf_token": token})
    assert ok.status_code == 200 and "added" in ok.text
    with web_store.engine.connect() as conn:
        assert len(cases.get(conn, case_id).item_ids) == 2


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"category": "", "what": "Someone tried the back door twice"}, "choose what kind"),
        ({"category": "nonsense", "what": "Someone tried the back door twice"}, "choose what kind"),
        ({"what": "short"}, "describe what happened"),
        ({"what": "x" * 2001}, "too long"),
        ({"what": "Someone tried the back door twice", "lat": "41.87"}, "both latitude"),
        ({"what": "Someone tried the back door twice", "lat": "abc", "lon": "-87.6"}, "not numbers"),
    ],
)
def test_bad_tips_are_refused_with_a_reason(client, web_store: Store, fields: dict[str, str], problem: str) -> None:
    r = _tip(client, **fields)
    assert r.status_code == 400 and problem in r.text
    with web_store.engine.connect() as conn:
        assert conn.execute(select(schema.tips)).first() is None


def test_tips_are_rate_limited_per_client(web_store: Store, pipeline: Pipeline) -> None:
    client = make_client(web_store, pipeline, tip_burst=2, tip_per_minute=1)
    codes = [_tip(client, what=f"Someone tried the back door, attempt {n}").status_code for n in range(3)]
    assert codes == [200, 200, 429]
    r = _tip(client, what="Someone tried the back door again")
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_oversized_requests_are_refused(web_store: Store, pipeline: Pipeline) -> None:
    client = make_client(web_store, pipeline, max_body_bytes=4096)
    r = _tip(client, what="x" * 5000)
    assert r.status_code == 413
    with web_store.engine.connect() as conn:
        assert conn.execute(select(schema.tips)).first() is None
