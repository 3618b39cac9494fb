"""The registry cannot leak: a dump of the whole database holds no plaintext value from the import.

SQLite: the bytes of the database file and its WAL and shared-memory files. PostgreSQL:
every row of every table, as text. Each value of the CSV is looked for as written, folded
(case, accents), in its normalised form (E.164, upper-case plate, canonical address), and
word by word for names.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.protectees.conftest import DEMO_CSV
from threatdesk.protectees.normalize import (
    fold,
    name_tokens,
    normalize_address,
    normalize_email,
    normalize_phone,
    normalize_plate,
)
from threatdesk.protectees.registry import Registry
from threatdesk.store import Store

PERSONAL = ("names", "home_addresses", "phones", "emails", "plates", "family_names")


def plaintexts() -> set[str]:
    values: set[str] = set()
    with DEMO_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for column in PERSONAL:
                for value in filter(None, (v.strip() for v in row[column].split(";"))):
                    values |= {value, fold(value)}
                    if column in ("names", "family_names"):
                        tokens = name_tokens(value)
                        values.add(" ".join(tokens))
                        values |= {t for t in tokens if len(t) >= 4}
                    elif column == "home_addresses":
                        values |= {normalize_address(value), value.split(",")[0]}
                    elif column == "phones":
                        e164 = normalize_phone(value)
                        assert e164
                        values |= {e164, e164[1:], "".join(c for c in value if c.isdigit())}
                    elif column == "emails":
                        values |= {normalize_email(value), value.split("@")[0]}
                    elif column == "plates":
                        values.add(normalize_plate(value))
    return {v for v in values if len(v) >= 4}


def assert_absent(dump: str, values: set[str]) -> None:
    haystack = fold(dump)
    leaked = sorted(v for v in values if fold(v) in haystack)
    assert not leaked, f"plaintext found in the database: {leaked}"


def test_sqlite_file_holds_no_plaintext(sqlite_url: str, key_file: Path) -> None:
    with Store.open(sqlite_url) as store:
        result = Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
        assert len(result.enrolled) == 7
    files = [p for p in Path(sqlite_url).parent.iterdir() if p.name.startswith(Path(sqlite_url).name)]
    dump = b"".join(p.read_bytes() for p in files).decode("utf-8", errors="replace")
    assert "PROTECTEE-0042" in dump  # the dump is real: the alias is there
    assert_absent(dump, plaintexts())


@pytest.mark.postgres
def test_postgres_rows_hold_no_plaintext(pg_url: str, key_file: Path) -> None:
    with Store.open(pg_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
        with store.transaction() as conn:
            tables = conn.execute(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
            dump = "\n".join(
                row for table in tables for row in conn.execute(sa.text(f'SELECT t::text FROM public."{table}" t')).scalars()
            )
    assert "PROTECTEE-0042" in dump and "protectees.import" in dump
    assert_absent(dump, plaintexts())


def test_the_check_can_fail() -> None:
    assert_absent("nothing here", plaintexts())
    try:
        assert_absent("row: marcus.whitfield@example.com", plaintexts())
    except AssertionError:
        return
    raise AssertionError("a plaintext e-mail was not noticed")
