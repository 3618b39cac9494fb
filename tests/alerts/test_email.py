"""E-mail alerts against a real SMTP server (aiosmtpd) on 127.0.0.1, plain and with STARTTLS."""

from __future__ import annotations

import email
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.alerts.servers import URGENT, free_port
from tests.alerts.test_webhooks import ingest
from threatdesk.alerts.settings import AlertSettings, SmtpSettings
from threatdesk.alerts.worker import DeliveryWorker
from threatdesk.store import Store


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's naming
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@contextmanager
def smtp_server(**kwargs: Any) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def smtp_settings(port: int, **kw: Any) -> AlertSettings:
    smtp = SmtpSettings("127.0.0.1", port, sender="threatdesk@example.com", recipients=("desk@example.com",), timeout=5)
    return AlertSettings(smtp=replace(smtp, **kw), timeout=5.0, max_attempts=3)


def test_urgent_items_are_mailed_redacted(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    with smtp_server() as (inbox, port):
        settings = smtp_settings(port)
        items = ingest(store, settings, URGENT)
        stats = DeliveryWorker(store, settings).deliver_once()
    assert stats.delivered == 2 and len(inbox.messages) == 2
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert all(s.startswith("[threatdesk] P2 item itm_") for s in subjects)
    bodies = [m.get_payload(decode=True).decode() for m in inbox.messages]
    assert any("[PHONE]" in b for b in bodies) and not any("312-555-0142" in b for b in bodies)
    assert {e.rcpt_tos[0] for e in inbox.envelopes} == {"desk@example.com"}
    assert {i.id for i in items} == {m["Subject"].split()[3].rstrip(":") for m in inbox.messages}
    store.close()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def test_starttls_is_used_when_offered_and_login_happens_inside_it(sqlite_url: str, certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    logins: list[tuple[str, bool]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        logins.append((auth_data.login.decode(), session.ssl is not None))
        return AuthResult(success=auth_data.password == b"letmein-example")

    store = Store.open(sqlite_url)
    with smtp_server(tls_context=server_tls, require_starttls=True, authenticator=authenticator,
                     auth_require_tls=True) as (inbox, port):
        settings = smtp_settings(port, user="desk", password="letmein-example")
        ingest(store, settings, URGENT[:1])
        client_tls = ssl.create_default_context(cafile=str(cert))
        stats = DeliveryWorker(store, settings, tls_context=client_tls).deliver_once()
    assert stats.delivered == 1 and len(inbox.messages) == 1
    assert logins == [("desk", True)]
    store.close()


def test_no_password_is_sent_to_a_server_without_starttls(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    with smtp_server() as (inbox, port):
        settings = smtp_settings(port, user="desk", password="letmein-example")
        ingest(store, settings, URGENT[:1])
        stats = DeliveryWorker(store, settings).deliver_once()
    assert stats.failed == 1 and inbox.messages == []
    from sqlalchemy import select

    from threatdesk.store import schema

    with store.engine.connect() as conn:
        error = conn.execute(select(schema.webhook_deliveries.c.last_error)).scalar_one()
    assert "refusing to send the password" in error
    store.close()
