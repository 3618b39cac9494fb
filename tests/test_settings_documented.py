"""Every environment variable the code reads is documented in docs/settings.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_threatdesk_variable_is_documented() -> None:
    used: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        names = re.findall(r"THREATDESK_[A-Z0-9_]+", path.read_text(encoding="utf-8"))
        used.update(n for n in names if not n.endswith("_"))  # THREATDESK_SMTP_* is a family, not a name
    documented = set(re.findall(r"`(THREATDESK_[A-Z0-9_]+)`", (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")))
    assert sorted(used - documented) == []
