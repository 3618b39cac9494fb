"""The web app in a real browser: Chromium driven by Playwright against uvicorn on 127.0.0.1.

Each test signs in as a role and walks a task an analyst, supervisor, auditor or member of
the public does, saving a screenshot of every page under artifacts/screenshots/. The page
fixture fails a test if any dialog opens (a script ran) or the page breaks its own CSP.
"""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import PASSWORD, XSS_AUTHOR, XSS_TEXT, Demo, Watched, save_shot

pytestmark = pytest.mark.slow


def sign_in(w: Watched, username: str) -> None:
    page = w.page
    page.goto("/login")  # type: ignore[attr-defined]
    page.fill("input[name=username]", username)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]


def test_supervisor_filters_the_queue_opens_a_case_and_escalates_it(page: Watched, demo_store: Demo) -> None:
    p = page.page
    p.goto("/login")  # type: ignore[attr-defined]
    page.shot("01-login")
    sign_in(page, "supervisor")
    assert p.url.endswith("/queue")  # type: ignore[attr-defined]
    page.shot("02-queue")

    p.check("input[name=priority][value=P1]")  # type: ignore[attr-defined]
    p.select_option("select[name=label]", "solicit_kill")  # type: ignore[attr-defined]
    p.click("text=Apply")  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert "priority=P1" in p.url and "label=solicit_kill" in p.url  # type: ignore[attr-defined]
    priorities = p.locator("table.queue tbody td .pri").all_inner_texts()  # type: ignore[attr-defined]
    labels = p.locator("table.queue tbody td .lbl").all_inner_texts()  # type: ignore[attr-defined]
    assert priorities and set(priorities) == {"P1"}
    assert set(labels) == {"solicit kill"}
    page.shot("03-queue-filtered")

    p.locator("a.caselink").first.click()  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert re.search(r"/cases/\d+$", p.url)  # type: ignore[attr-defined]
    case_id = int(p.url.rsplit("/", 1)[1])  # type: ignore[attr-defined]
    page.shot("04-case")

    if p.locator("button[data-move=triage]").count():  # type: ignore[attr-defined]
        p.click("button[data-move=triage]")  # type: ignore[attr-defined]
        p.wait_for_load_state()  # type: ignore[attr-defined]
    p.click("button[data-move=escalated]")  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert p.locator(".casehead .st").inner_text() == "escalated"  # type: ignore[attr-defined]
    assert "triage → escalated" in p.locator("#timeline").inner_text()  # type: ignore[attr-defined]

    p.fill("textarea[name=text]", "Called the 10th District; <b>watch</b> the station garage.")  # type: ignore[attr-defined]
    p.click("text=Add note")  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert "<b>watch</b>" in p.locator("#timeline .note").last.inner_text()  # type: ignore[attr-defined]
    page.shot("05-case-escalated")
    with demo_store.store.engine.connect() as conn:
        from threatdesk import cases

        assert cases.get(conn, case_id).status == "escalated"


def test_personal_data_is_masked_until_a_supervisor_unmasks_it(page: Watched, demo_store: Demo) -> None:
    p = page.page
    sign_in(page, "supervisor")
    p.goto(f"/cases/{demo_store.pii_case}")  # type: ignore[attr-defined]
    text = p.locator(".itemtext").inner_text()  # type: ignore[attr-defined]
    assert "4419 W Brantwood Ln" not in text and "773-555-0123" not in text
    assert "[ADDRESS]" in text and "[PHONE]" in text
    assert "<script>alert('xss-text')</script>" in text
    assert XSS_AUTHOR in p.locator(".item-meta").inner_text()  # type: ignore[attr-defined]
    page.shot("06-case-masked")
    p.click("text=Unmask personal data")  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert p.locator(".itemtext").inner_text() == XSS_TEXT  # type: ignore[attr-defined]
    page.shot("07-case-unmasked")


def test_a_tip_from_a_phone_reaches_the_queue_as_text(page: Watched, browser: object, live_server: str) -> None:
    phone = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844},  # type: ignore[attr-defined]
                                is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        mp = phone.new_page()
        dialogs: list[str] = []
        mp.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        mp.goto("/tip")
        save_shot(mp, "08-tip-form-phone")
        assert "ethnicity, religion, nationality, language, immigration status" in mp.inner_text("main")
        payload = "<script>alert('tip')</script>"
        mp.select_option("select[name=category]", "surveillance")
        mp.fill("textarea[name=what]", f"Two men with radios on the roof calling out every agent car that leaves the lot {payload}")
        mp.fill("input[name=where]", "Harlow Street Federal Annex")
        mp.fill("input[name=when]", "this morning around 7 <img src=x onerror=alert('when')>")
        mp.click("text=Send report")
        mp.wait_for_load_state()
        receipt = mp.inner_text("#receipt")
        assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", receipt)
        save_shot(mp, "09-tip-receipt-phone")
        assert not dialogs
    finally:
        phone.close()

    p = page.page
    sign_in(page, "analyst")
    p.goto("/queue?place=Harlow+Street+Federal+Annex")  # type: ignore[attr-defined]
    row = p.locator("table.queue tbody tr", has_text="radios on the roof calling out every agent car")  # type: ignore[attr-defined]
    assert row.count() == 1
    assert payload in row.inner_text()
    assert "tip" in row.inner_text()
    row.locator("a.textlink").click()
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert payload in p.locator(".itemtext").inner_text()  # type: ignore[attr-defined]
    assert "When: this morning around 7 <img src=x onerror=alert('when')>" in p.locator(".itemtext").inner_text()  # type: ignore[attr-defined]
    assert p.locator(".itemtext img").count() == 0  # type: ignore[attr-defined]
    page.shot("10-item-tip")


def test_analyst_cannot_open_the_audit_trail_but_the_auditor_can(page: Watched, browser: object, live_server: str) -> None:
    p = page.page
    sign_in(page, "analyst")
    response = p.goto("/audit")  # type: ignore[attr-defined]
    assert response.status == 403
    assert "Not allowed" in p.inner_text("main")  # type: ignore[attr-defined]
    assert p.locator("nav a", has_text="Audit trail").count() == 0  # type: ignore[attr-defined]
    page.shot("11-analyst-audit-403")

    auditor = browser.new_context(base_url=live_server, viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    try:
        ap = auditor.new_page()
        ap.goto("/login")
        ap.fill("input[name=username]", "auditor")
        ap.fill("input[name=password]", PASSWORD)
        ap.click("button[type=submit]")
        ap.wait_for_load_state()
        assert ap.url.endswith("/audit")
        assert ap.locator("td .act", has_text="auth.login").count() > 0
        ap.click("text=Verify the chain")
        ap.wait_for_load_state()
        assert "The chain is whole" in ap.inner_text("main")
        save_shot(ap, "12-audit")
        assert ap.goto("/queue").status == 403
    finally:
        auditor.close()


def test_cases_list_map_and_users_pages(page: Watched, demo_store: Demo) -> None:
    p = page.page
    sign_in(page, "admin")
    p.goto("/cases")  # type: ignore[attr-defined]
    assert p.locator("table.grid tbody tr").count() >= len(demo_store.cases)  # type: ignore[attr-defined]
    page.shot("13-cases")
    p.goto("/map")  # type: ignore[attr-defined]
    markers = p.locator("svg.map a.marker")  # type: ignore[attr-defined]
    assert markers.count() >= 1
    hrefs = [markers.nth(k).get_attribute("href") for k in range(markers.count())]
    assert all(h.startswith(("/cases/", "/items/", "#cluster-")) for h in hrefs)
    page.shot("14-map")
    p.goto("/protectees")  # type: ignore[attr-defined]
    counts = p.locator("table.grid tbody tr td.num").all_inner_texts()  # type: ignore[attr-defined]
    assert counts and all(c.isdigit() for c in counts)
    assert "PROTECTEE-0042" in p.inner_text("main")  # type: ignore[attr-defined]
    page.shot("16-protectees")
    p.goto("/admin/users")  # type: ignore[attr-defined]
    assert p.locator("table.grid tbody tr").count() == 4  # type: ignore[attr-defined]
    page.shot("15-users")
