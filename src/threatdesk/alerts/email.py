"""E-mail alerts over SMTP: STARTTLS whenever the server offers it, login only after it."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from threatdesk.alerts.settings import SmtpSettings
from threatdesk.alerts.webhooks import Outcome


def compose(payload: dict[str, Any], *, sender: str, to: str, delivery_id: str) -> EmailMessage:
    """A plain-text alert; the payload is already redacted."""
    msg = EmailMessage()
    subject = payload.get("summary") or payload.get("event", "alert")
    msg["Subject"] = f"[threatdesk] {subject}"[:200]
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = make_msgid(idstring=delivery_id, domain="threatdesk.invalid")
    msg["X-Threatdesk-Delivery"] = delivery_id
    lines = [subject, ""]
    item = payload.get("item") or {}
    if item.get("text"):
        lines += ["Text (personal data redacted):", f"  {item['text']}", ""]
    assessment = payload.get("assessment") or {}
    reasons = assessment.get("reasons") or []
    if reasons:
        lines.append("Why:")
        lines += [f"  - {r.get('text')} ({r.get('weight', 0):+d})" for r in reasons]
        lines.append("")
    case = payload.get("case") or {}
    if case:
        lines.append(f"Case {case.get('id')}: {case.get('title')} ({case.get('status')}, {len(case.get('item_ids') or [])} items)")
    lines.append("An assessment is a set of indicators for human review, never a legal finding.")
    msg.set_content("\n".join(lines))
    return msg


def send(settings: SmtpSettings, msg: EmailMessage, *, timeout: float | None = None,
         tls_context: ssl.SSLContext | None = None) -> Outcome:
    """Send one message; the password is never sent unless the session is encrypted."""
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=timeout or settings.timeout) as smtp:
            smtp.ehlo()
            secure = False
            if smtp.has_extn("starttls"):
                smtp.starttls(context=tls_context or ssl.create_default_context())
                smtp.ehlo()
                secure = True
            if settings.user is not None:
                if not secure:
                    return Outcome(False, None, "the server does not offer STARTTLS; refusing to send the password in clear")
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(msg)
    except smtplib.SMTPResponseException as exc:
        return Outcome(False, exc.smtp_code, f"SMTP {exc.smtp_code}: {exc.smtp_error.decode(errors='replace')}"[:500])
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        return Outcome(False, None, f"{type(exc).__name__}: {exc}"[:500])
    return Outcome(True, 250)
