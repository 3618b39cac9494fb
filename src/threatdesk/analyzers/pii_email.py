"""E-mail addresses, also when written around spam filters ("jdoe [at] example [dot] com").

A personal address is one of the fields 18 U.S.C. 119 restricts; a role account
(press@, info@) or one offered by a business is not, so those are found but not marked.
"""

from __future__ import annotations

import re
from functools import lru_cache

from threatdesk.analyzers._pii import looks_business, pii_signal
from threatdesk.models import Item, Signal

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w@])"
)
_AT = r"(?:\s*[\[(\{]\s*(?i:at|arroba)\s*[\])\}]\s*|\s+(?i:arroba)\s+)"
_DOT = r"(?:\s*[\[(\{]\s*(?i:dot|punto)\s*[\])\}]\s*|\s+(?i:punto)\s+|\.)"
#: An address written around spam filters: "j.doe [at] example [dot] com", "jdoe (arroba) example.com".
_OBFUSCATED = re.compile(
    r"(?<![\w.+-])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?)" + _AT +
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?" + _DOT + r")+[A-Za-z]{2,24})(?![\w@])"
)
_ROLE_ACCOUNTS = frozenset(
    ["info", "press", "prensa", "contact", "contacto", "sales", "ventas", "support", "soporte", "admin", "office", "oficina", "tips", "hello", "hola", "noreply", "no-reply", "team", "hr", "jobs", "empleos", "media", "webmaster", "news", "noticias", "help", "ayuda", "billing", "facturacion", "reception", "recepcion", "editor", "editors", "tenants", "vecinos"]
)


def normalize_email(value: str) -> str:
    return value.strip().lower()


class EmailAnalyzer:
    name = "pii_email"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        return list(scan_emails(item.text))


@lru_cache(maxsize=256)
def scan_emails(text: str) -> tuple[Signal, ...]:
    """Every match in ``text`` (cached: the protectee analyzer asks again for the same text)."""
    lowered = text.lower()
    obfuscated = "at" in lowered and ("[" in text or "(" in text or "{" in text) or "arroba" in lowered
    if "@" not in text and not obfuscated:
        return ()
    found: list[Signal] = []
    matches: list[tuple[re.Match[str], str]] = [(m, m.group()) for m in _EMAIL.finditer(text)]
    if obfuscated:
        for m in _OBFUSCATED.finditer(text):
            domain = re.sub(_DOT, ".", m["domain"])
            matches.append((m, f"{m['local']}@{domain}"))
    for m, address in sorted(matches, key=lambda pair: pair[0].start()):
        local = address.split("@", 1)[0].lower()
        role = local in _ROLE_ACCOUNTS or looks_business(text, m.start(), m.end())
        found.append(
            pii_signal(
                "pii_email.v1",
                type="email",
                start=m.start(),
                end=m.end(),
                normalized=normalize_email(address),
                restricted=not role,
                confidence=0.95,
                reason="e-mail address" + (" (role or business account)" if role else " (personal)"),
            )
        )
    return tuple(found)
