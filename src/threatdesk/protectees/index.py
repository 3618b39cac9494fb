"""The in-memory fingerprint index the protectee analyzer matches against.

Loaded once per process from the store with the key: fingerprint → [(alias, kind)]. Only
fingerprints made with the loaded key are read, so a wrong key matches nothing rather
than matching wrongly. Loading never creates a database, a table or a key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from threatdesk.errors import ConfigError
from threatdesk.protectees import keys
from threatdesk.store import schema
from threatdesk.store.database import resolve_url


@dataclass(slots=True)
class FingerprintIndex:
    key: bytes | None = None
    entries: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))

    def __bool__(self) -> bool:
        return self.key is not None and bool(self.entries)

    def get(self, fp: str) -> list[tuple[str, str]]:
        return self.entries.get(fp, [])

    @classmethod
    def load(cls, db: str | None, *, key_file: str | None = None) -> FingerprintIndex:
        """The index for ``db``; empty when there is no database, registry or key."""
        if not db:
            return cls()
        try:
            key = keys.read_key(keys.key_source(key_file))
        except ConfigError:
            return cls()
        if key is None:
            return cls()
        url = resolve_url(db)
        if url.startswith("sqlite") and not Path(url.removeprefix("sqlite:///")).exists():
            return cls()
        engine = sa.create_engine(url)
        index = cls(key=key)
        p, f = schema.protectees, schema.protectee_fingerprints
        try:
            with engine.connect() as conn:
                if not sa.inspect(conn).has_table("protectee_fingerprints"):
                    return cls()
                rows = conn.execute(
                    sa.select(f.c.fingerprint, p.c.alias, f.c.kind)
                    .join(p, p.c.id == f.c.protectee_id)
                    .where(p.c.key_id == keys.key_id(key))
                )
                for fp, alias, kind in rows:
                    index.entries[fp].append((alias, kind))
        except sa.exc.OperationalError:
            return cls()
        finally:
            engine.dispose()
        return index
