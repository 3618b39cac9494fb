"""Small builders shared by tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_jsonl(path: Path, records: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
            fh.write("\n")
    return path


def generated_records(n: int, *, start: int = 0) -> list[dict[str, Any]]:
    """Distinct, realistic-length records (mixed labels) for store and scan tests."""
    texts = [
        "Rivera's team took them down 3-1 in the rec league final, great game everybody",
        "2k to whoever gets me pics of where the tall agent sleeps, dm me",
        "Prosecutors say the man offered $10,000 for the agent's killing, court records show",
        "ICE out of Chicago! Shut it down! March at noon from Union Park",
        "Pago 5 mil al que levante al jefe de la migra, con pruebas",
    ]
    return [
        {"id": f"gen-{i}", "source": "test", "author": f"@user{i % 97}", "text": f"{texts[i % len(texts)]} #{i}"}
        for i in range(start, start + n)
    ]
