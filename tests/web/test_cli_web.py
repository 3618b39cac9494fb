"""`threatdesk users` and `threatdesk serve`, run as a user would."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from threatdesk.cli import main
from threatdesk.store import Store, schema


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def td(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """The CLI's own entry point in this process (its error edge included), with stdin given."""

    def run(*args: str, stdin: str | None = None) -> Run:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return Run(code, out.out, out.err)

    return run


def test_users_add_reset_remove(td, tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    r = td("users", "add", "rivera", "--role", "supervisor", "--password-stdin", "--db", db, stdin="long-enough-password\n")
    assert r.returncode == 0, r.stderr
    again = td("users", "add", "rivera", "--role", "analyst", "--password-stdin", "--db", db, stdin="long-enough-password\n")
    assert again.returncode == 2 and "already exists" in again.stderr and "Traceback" not in again.stderr
    short = td("users", "add", "kim", "--role", "analyst", "--password-stdin", "--db", db, stdin="short\n")
    assert short.returncode == 2 and "12 characters" in short.stderr
    bad_role = td("users", "add", "kim", "--role", "boss", "--password-stdin", "--db", db, stdin="long-enough-password\n")
    assert bad_role.returncode == 2
    with Store.open(db) as store, store.engine.connect() as conn:
        before = conn.execute(select(schema.users.c.password_hash).where(schema.users.c.username == "rivera")).scalar_one()
    assert before.startswith("$argon2id$") and "long-enough-password" not in before
    assert td("users", "reset", "rivera", "--password-stdin", "--db", db, stdin="another-long-password\n").returncode == 0
    listed = td("users", "list", "--db", db)
    assert "rivera" in listed.stdout and "supervisor" in listed.stdout
    assert td("users", "remove", "rivera", "--db", db).returncode == 0
    assert td("users", "remove", "rivera", "--db", db).returncode == 2
    with Store.open(db) as store, store.engine.connect() as conn:
        actions = list(conn.execute(select(schema.audit_events.c.action)).scalars())
    assert actions == ["user.add", "user.reset", "user.remove"]


def test_serve_is_a_command_with_host_port_and_db(td) -> None:
    r = td("serve", "--help")
    assert r.returncode == 0 and "--host" in r.stdout and "--port" in r.stdout and "--db" in r.stdout
    assert "--serve" in td("demo", "--help").stdout
