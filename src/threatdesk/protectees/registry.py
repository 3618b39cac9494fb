"""The protectee registry: enrol from a CSV, list, remove, and rotate the key.

Only the alias, role and agency are stored in the clear; every identifier becomes keyed
fingerprints (``fingerprints.py``) before it reaches the database, and the plaintext lives
only in the operator's CSV and in this process's memory while enrolling. A bad row is
rejected with its line number and a reason that never repeats the personal value; the
other rows are enrolled in one transaction. Every change is written to the audit trail
with counts only.
"""

from __future__ import annotations

import csv
import getpass
import re
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Connection

from threatdesk import audit
from threatdesk.errors import ConfigError, InputFormatError, NotFoundError, UsageError
from threatdesk.models import now_utc
from threatdesk.protectees import keys
from threatdesk.protectees.fingerprints import KINDS, fingerprint, name_variants, token_forms
from threatdesk.protectees.normalize import (
    fold,
    name_tokens,
    normalize_address,
    normalize_email,
    normalize_phone,
    normalize_plate,
)
from threatdesk.store import Store, schema

COLUMNS = ("alias", "role", "agency", "names", "home_addresses", "phones", "emails", "plates", "family_names")
_ALIAS = re.compile(r"^[A-Z][A-Z0-9_-]{2,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_HOUSE_NUMBER = re.compile(r"\d")


@dataclass(slots=True)
class Rejection:
    line: int
    reason: str


@dataclass(slots=True)
class Enrolment:
    alias: str
    role: str | None
    agency: str | None
    fingerprints: list[tuple[str, str]]  # (kind, fingerprint)


@dataclass(slots=True)
class ImportResult:
    enrolled: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    key_created: bool = False


@dataclass(slots=True, frozen=True)
class ProtecteeRow:
    alias: str
    role: str | None
    agency: str | None
    key_id: str
    counts: dict[str, int]


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split(";") if v.strip()]


def _row_fingerprints(row: dict[str, str], key: bytes, *, surnames: bool) -> list[tuple[str, str]]:
    """Every fingerprint of one CSV row; raises ValueError with a reason that names no value."""
    prints: set[tuple[str, str]] = set()
    names = _split(row.get("names"))
    if not names:
        raise ValueError("names: at least one name is required")
    # A name listed as a single word (after titles) is the registry saying the surname alone is
    # distinctive enough to match ("Officer Whitfield"); --surnames says so for every name.
    for i, name in enumerate(names, 1):
        tokens = name_tokens(name)
        if not tokens:
            raise ValueError(f"names: value {i} has no letters")
        prints.update(_name_prints(key, name, "name", surname_alone=surnames))
    for i, address in enumerate(_split(row.get("home_addresses")), 1):
        if not _HOUSE_NUMBER.search(address):
            raise ValueError(f"home_addresses: value {i} has no house number")
        prints.add(("address", fingerprint(key, "address", normalize_address(address))))
    for i, phone in enumerate(_split(row.get("phones")), 1):
        e164 = normalize_phone(phone)
        if e164 is None:
            raise ValueError(f"phones: value {i} is not a valid US or Mexican phone number")
        prints.add(("phone", fingerprint(key, "phone", e164)))
    for i, email in enumerate(_split(row.get("emails")), 1):
        if not _EMAIL.match(email):
            raise ValueError(f"emails: value {i} is not an e-mail address")
        prints.add(("email", fingerprint(key, "email", normalize_email(email))))
    for i, plate in enumerate(_split(row.get("plates")), 1):
        bare = normalize_plate(fold(plate))
        if not 2 <= len(bare) <= 8:
            raise ValueError(f"plates: value {i} is not 2 to 8 letters and digits")
        prints.add(("plate", fingerprint(key, "plate", bare)))
    for i, name in enumerate(_split(row.get("family_names")), 1):
        if not name_tokens(name):
            raise ValueError(f"family_names: value {i} has no letters")
        prints.update(_name_prints(key, name, "family", surname_alone=False))
    return sorted(prints)


def _name_prints(key: bytes, name: str, kind: str, *, surname_alone: bool) -> set[tuple[str, str]]:
    """A name's fingerprints: its variants under ``kind`` (exact) or ``kind_phonetic``, and its
    token forms; the protectee's own names and the family's differ only in ``kind``."""
    prints = set()
    for form, text in name_variants(name, surname_alone=surname_alone):
        variant_kind = kind if form == "exact" else f"{kind}_phonetic"
        prints.add((variant_kind, fingerprint(key, variant_kind, text)))
    for token_kind, text in token_forms(name):
        prints.add((token_kind, fingerprint(key, token_kind, text)))
    return prints


def read_csv(path: Path, key: bytes, *, surnames: bool = False) -> tuple[list[Enrolment], list[Rejection]]:
    """Parse and fingerprint a registry CSV. A wrong header is an error for the whole file."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    enrolments: list[Enrolment] = []
    rejections: list[Rejection] = []
    seen: set[str] = set()
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise InputFormatError(
                f"{path}: the header lacks {', '.join(missing)}",
                hint="the first line must be: " + ",".join(COLUMNS),
            )
        try:
            for row in reader:
                line = reader.line_num
                row = {(k or "").strip(): (v or "") for k, v in row.items() if k is not None}
                alias = row.get("alias", "").strip()
                if not alias:
                    rejections.append(Rejection(line, "alias is empty"))
                    continue
                if not _ALIAS.match(alias):
                    rejections.append(Rejection(line, f"alias {alias!r} must be capital letters, digits, '-' or '_' (e.g. PROTECTEE-0042)"))
                    continue
                if alias in seen:
                    rejections.append(Rejection(line, f"alias {alias} appears twice in this file"))
                    continue
                try:
                    prints = _row_fingerprints(row, key, surnames=surnames)
                except ValueError as exc:
                    rejections.append(Rejection(line, f"{alias}: {exc}"))
                    continue
                seen.add(alias)
                enrolments.append(Enrolment(alias, row.get("role", "").strip() or None, row.get("agency", "").strip() or None, prints))
        except csv.Error as exc:
            raise InputFormatError(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
        except UnicodeDecodeError:
            raise InputFormatError(f"{path}: not UTF-8 text", hint="save the file as UTF-8") from None
    return enrolments, rejections


def _actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "cli"


class Registry:
    """The registry in one store, with the key from one key source."""

    def __init__(self, store: Store, *, key_file: str | None = None) -> None:
        self.store = store
        self.source = keys.key_source(key_file)

    # --- key handling ---------------------------------------------------------------------

    def _stored_key_ids(self, conn: Connection) -> set[str]:
        return set(conn.execute(sa.select(schema.protectees.c.key_id).distinct()).scalars())

    def key(self, *, create: bool) -> tuple[bytes, bool]:
        """The key for this registry, checked against the fingerprints already stored.

        With ``create`` and an empty registry, a missing key is made in memory (the second
        value is True); the caller writes it with ``keys.write_key`` once something is
        enrolled, so a file that enrols nothing leaves no key behind.
        """
        with self.store.transaction() as conn:
            stored = self._stored_key_ids(conn)
        key = keys.read_key(self.source)
        if key is None:
            if stored:
                raise ConfigError(
                    f"{self.source.describe()} is missing, but the registry holds fingerprints made with key {sorted(stored)[0]}",
                    hint="restore the key file (or point --key-file / THREATDESK_KEY_FILE at it); "
                    "if it is lost, re-enrol with 'threatdesk protectees rotate-key FILE.csv'",
                )
            if not create:
                raise ConfigError(f"{self.source.describe()} does not exist", hint="enrol with 'threatdesk protectees import FILE.csv'")
            return secrets.token_bytes(keys.KEY_BYTES), True
        if stored and keys.key_id(key) not in stored:
            raise ConfigError(
                f"{self.source.describe()} is not the key that made this registry's fingerprints",
                hint="use the right key file; if it is lost, re-enrol with 'threatdesk protectees rotate-key FILE.csv'",
            )
        return key, False

    # --- operations -----------------------------------------------------------------------

    def import_csv(self, path: Path, *, surnames: bool = False) -> ImportResult:
        key, created = self.key(create=True)
        enrolments, rejections = read_csv(path, key, surnames=surnames)
        result = ImportResult(rejected=rejections, key_created=created and bool(enrolments))
        with self.store.transaction() as conn:
            if result.key_created:
                assert self.source.path is not None
                keys.write_key(self.source.path, key)
            self._write(conn, enrolments, keys.key_id(key), result)
            audit.record(conn, actor=_actor(), action="protectees.import", object_type="protectee_registry",
                         object_id=None, after={"enrolled": len(result.enrolled), "updated": len(result.updated),
                                                "rejected": len(rejections)})
        return result

    def rotate_key(self, path: Path, *, surnames: bool = False) -> ImportResult:
        """A new key, every protectee removed, and the registry enrolled again from a fresh file.

        The new key is parsed and fingerprinted before anything changes; the database is
        rewritten in one transaction and the key file replaced at its end, so a failure
        leaves the old registry and the old key in place.
        """
        if self.source.from_env:
            raise UsageError(
                "the key comes from THREATDESK_KEY, which threatdesk cannot rewrite",
                hint="point --key-file at a file to rotate, or change THREATDESK_KEY and re-import",
            )
        assert self.source.path is not None
        new_key = secrets.token_bytes(keys.KEY_BYTES)
        enrolments, rejections = read_csv(path, new_key, surnames=surnames)
        if not enrolments:
            raise InputFormatError(f"{path}: no row could be enrolled, so the registry was left as it was")
        result = ImportResult(rejected=rejections, key_created=True)
        with self.store.transaction() as conn:
            removed = conn.execute(sa.select(sa.func.count()).select_from(schema.protectees)).scalar_one()
            conn.execute(schema.protectee_fingerprints.delete())
            conn.execute(schema.protectees.delete())
            self._write(conn, enrolments, keys.key_id(new_key), result)
            audit.record(conn, actor=_actor(), action="protectees.rotate_key", object_type="protectee_registry",
                         object_id=None, before={"protectees": removed},
                         after={"enrolled": len(result.enrolled), "rejected": len(rejections)})
            keys.write_key(self.source.path, new_key, replace=True)
        return result

    def remove(self, alias: str) -> None:
        with self.store.transaction() as conn:
            row = conn.execute(sa.select(schema.protectees.c.id).where(schema.protectees.c.alias == alias)).first()
            if row is None:
                raise NotFoundError(f"no protectee {alias!r}", hint="see 'threatdesk protectees list'")
            conn.execute(schema.protectee_fingerprints.delete().where(schema.protectee_fingerprints.c.protectee_id == row.id))
            conn.execute(schema.protectees.delete().where(schema.protectees.c.id == row.id))
            audit.record(conn, actor=_actor(), action="protectees.remove", object_type="protectee", object_id=alias)

    def list(self) -> list[ProtecteeRow]:
        p, f = schema.protectees, schema.protectee_fingerprints
        with self.store.transaction() as conn:
            people = conn.execute(sa.select(p.c.id, p.c.alias, p.c.role, p.c.agency, p.c.key_id).order_by(p.c.alias)).all()
            counts: dict[int, Counter[str]] = {}
            for pid, kind, n in conn.execute(sa.select(f.c.protectee_id, f.c.kind, sa.func.count()).group_by(f.c.protectee_id, f.c.kind)):
                counts.setdefault(pid, Counter())[kind] = n
        return [ProtecteeRow(r.alias, r.role, r.agency, r.key_id, dict(counts.get(r.id, {}))) for r in people]

    def key_matches(self) -> bool | None:
        """True when the configured key made the stored fingerprints; None when there is no key."""
        key = keys.read_key(self.source)
        if key is None:
            return None
        with self.store.transaction() as conn:
            stored = self._stored_key_ids(conn)
        return not stored or keys.key_id(key) in stored

    # --- internals ------------------------------------------------------------------------

    def _write(self, conn: Connection, enrolments: list[Enrolment], kid: str, result: ImportResult) -> None:
        p, f = schema.protectees, schema.protectee_fingerprints
        now = now_utc()
        for e in enrolments:
            existing = conn.execute(sa.select(p.c.id).where(p.c.alias == e.alias)).first()
            if existing is not None:
                pid = existing.id
                conn.execute(p.update().where(p.c.id == pid).values(role=e.role, agency=e.agency, key_id=kid))
                conn.execute(f.delete().where(f.c.protectee_id == pid))
                result.updated.append(e.alias)
            else:
                pid = conn.execute(
                    p.insert().values(alias=e.alias, role=e.role, agency=e.agency, key_id=kid, created_at=now).returning(p.c.id)
                ).scalar_one()
                result.enrolled.append(e.alias)
            if e.fingerprints:
                conn.execute(f.insert(), [
                    {"protectee_id": pid, "kind": kind, "fingerprint": fp, "restricted": KINDS[kind]}
                    for kind, fp in e.fingerprints
                ])


def iter_rejections(path: Path, result: ImportResult) -> Iterator[str]:
    for r in result.rejected:
        yield f"{path}:{r.line}: {r.reason}"
