"""Registry tests: a private key folder per test, and the demo registry file."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdesk.demo import __file__ as _demo_init

DEMO_CSV = Path(_demo_init).parent / "protectees.csv"


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "protectees.key"


def write_csv(path: Path, rows: list[str]) -> Path:
    header = "alias,role,agency,names,home_addresses,phones,emails,plates,family_names"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path
