"""Behaviour, never identity: swapping identity terms must not change any primary label.

Every development-set item is rewritten with nationalities, ethnicities, religions,
languages and immigration-status words swapped (both languages, both directions, see
``SWAPS``), and classified again. The test lists every item whose label changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from threatdesk.intent.engine import IntentEngine

DEV = Path(__file__).resolve().parents[2] / "data" / "eval" / "dev.jsonl"

#: Pairs swapped both ways. English and Spanish; singular and plural where they differ.
SWAPS: tuple[tuple[str, str], ...] = (
    ("Mexican", "Canadian"), ("Mexicans", "Canadians"), ("Guatemalan", "Irish"), ("Latino", "Polish"),
    ("Latinos", "Italians"), ("Hispanic", "Asian"), ("Black", "white"), ("Arab", "Korean"),
    ("Muslim", "Catholic"), ("Muslims", "Christians"), ("mosque", "church"), ("Jewish", "Mormon"),
    ("Spanish", "English"), ("Arabic", "French"), ("undocumented", "documented"), ("immigrant", "citizen"),
    ("immigrants", "citizens"), ("migrants", "residents"), ("illegal", "legal"), ("refugees", "tourists"),
    ("mexicano", "canadiense"), ("mexicanos", "canadienses"), ("guatemalteco", "irlandés"),
    ("centroamericanos", "europeos"), ("latino", "polaco"), ("musulmán", "católico"),
    ("musulmanes", "cristianos"), ("mezquita", "iglesia"), ("judío", "mormón"), ("español", "inglés"),
    ("indocumentado", "documentado"), ("indocumentados", "documentados"), ("sin papeles", "con papeles"),
    ("inmigrante", "ciudadano"), ("inmigrantes", "ciudadanos"), ("migrantes", "residentes"),
    ("indígena", "europeo"), ("negro", "blanco"),
)
_TABLE = {a.lower(): b for a, b in SWAPS} | {b.lower(): a for a, b in SWAPS}
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_TABLE, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def swap(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        new = _TABLE[m.group(0).lower()]
        return new[0].upper() + new[1:] if m.group(0)[0].isupper() else new

    return _PATTERN.sub(repl, text)


def test_swap_table_swaps_both_ways() -> None:
    assert swap("Los mexicanos sin papeles y la mezquita") == "Los canadienses con papeles y la iglesia"
    assert swap("Canadian citizens at the church") == "Mexican immigrants at the mosque"


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_file(), reason="the development set is not in this checkout")
def test_identity_swaps_keep_every_primary_label() -> None:
    engine = IntentEngine()
    with DEV.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    changed, swapped = [], 0
    for row in rows:
        other = swap(row["text"])
        if other == row["text"]:
            continue
        swapped += 1
        before, after = engine.classify(row["text"]).label, engine.classify(other).label
        if before != after:
            changed.append(f"{row['id']}: {before} -> {after}: {other[:100]}")
    assert swapped >= 20, "the swap table touches too few dev items to test anything"
    assert not changed, "labels changed by identity swaps:\n" + "\n".join(changed)
