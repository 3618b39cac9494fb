from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest

from tests.protectees.conftest import DEMO_CSV, write_csv
from threatdesk.errors import ConfigError, InputFormatError, NotFoundError
from threatdesk.protectees.registry import Registry
from threatdesk.store import Store

GOOD = "PROTECTEE-0901,detective,Test PD,Odalys Ferrán-Quist;Det. Ferrán-Quist,77 N Hollowmere Ave,312-555-0150,o.fq@example.com,QX 20011,Tobiah Quist"


def test_import_stores_aliases_and_fingerprints_only(store: Store, key_file: Path) -> None:
    result = Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
    assert len(result.enrolled) == 7 and not result.rejected and result.key_created
    rows = Registry(store, key_file=str(key_file)).list()
    assert [r.alias for r in rows][:2] == ["PROTECTEE-0042", "PROTECTEE-0107"]
    assert all(r.counts["phone"] == 1 and r.counts["name"] >= 2 and r.counts["name_phonetic"] >= 2 for r in rows)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_import_again_updates(store: Store, key_file: Path, tmp_path: Path) -> None:
    registry = Registry(store, key_file=str(key_file))
    registry.import_csv(write_csv(tmp_path / "a.csv", [GOOD]))
    again = registry.import_csv(write_csv(tmp_path / "a.csv", [GOOD.replace("detective", "sergeant")]))
    assert again.updated == ["PROTECTEE-0901"] and not again.enrolled
    assert registry.list()[0].role == "sergeant"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",detective,PD,Ann Example,,,,,", "alias is empty"),
        ("bad alias,detective,PD,Ann Example,,,,,", "must be capital letters"),
        ("PROTECTEE-0902,detective,PD,,,,,,", "names: at least one name is required"),
        ("PROTECTEE-0903,detective,PD,Ann Example,,123-456-7890,,,", "phones: value 1 is not a valid"),
        ("PROTECTEE-0904,detective,PD,Ann Example,,,not-an-email,,", "emails: value 1 is not an e-mail"),
        ("PROTECTEE-0905,detective,PD,Ann Example,Hollowmere Ave,,,,", "home_addresses: value 1 has no house number"),
        ("PROTECTEE-0906,detective,PD,Ann Example,,,,X,", "plates: value 1 is not 2 to 8"),
        ("PROTECTEE-0901,dup,PD,Ann Example,,,,,", "appears twice"),
    ],
)
def test_bad_row_is_rejected_with_its_line_and_the_rest_enrolled(sqlite_url: str, key_file: Path, tmp_path: Path, row: str, reason: str) -> None:
    path = write_csv(tmp_path / "r.csv", [GOOD, row, GOOD.replace("0901", "0999")])
    with Store.open(sqlite_url) as store:
        result = Registry(store, key_file=str(key_file)).import_csv(path)
        assert sorted(result.enrolled) == ["PROTECTEE-0901", "PROTECTEE-0999"]
    assert [(r.line, reason in r.reason) for r in result.rejected] == [(3, True)]
    assert "123-456-7890" not in result.rejected[0].reason and "Hollowmere" not in result.rejected[0].reason


def test_wrong_header_rejects_the_file(sqlite_url: str, key_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("alias,name\nP-1,Ann\n", encoding="utf-8")
    with Store.open(sqlite_url) as store, pytest.raises(InputFormatError, match="header lacks"):
        Registry(store, key_file=str(key_file)).import_csv(path)


def test_missing_key_with_fingerprints_is_an_error_not_a_new_key(sqlite_url: str, key_file: Path, tmp_path: Path) -> None:
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
        key_file.unlink()
        with pytest.raises(ConfigError, match="is missing, but the registry holds fingerprints"):
            Registry(store, key_file=str(key_file)).import_csv(write_csv(tmp_path / "a.csv", [GOOD]))
    assert not key_file.exists()


def test_wrong_key_is_refused(sqlite_url: str, key_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.key"
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
        other.write_text("ab" * 32 + "\n")
        other.chmod(0o600)
        with pytest.raises(ConfigError, match="not the key that made"):
            Registry(store, key_file=str(other)).import_csv(DEMO_CSV)


def test_key_readable_by_others_is_refused(sqlite_url: str, key_file: Path) -> None:
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
        key_file.chmod(0o644)
        with pytest.raises(ConfigError, match="chmod 600"):
            Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)


def test_key_from_environment(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THREATDESK_KEY", "cd" * 32)
    with Store.open(sqlite_url) as store:
        registry = Registry(store)
        assert registry.source.from_env
        assert len(registry.import_csv(DEMO_CSV).enrolled) == 7
        assert registry.key_matches() is True


def test_remove(store: Store, key_file: Path) -> None:
    registry = Registry(store, key_file=str(key_file))
    registry.import_csv(DEMO_CSV)
    registry.remove("PROTECTEE-0042")
    assert "PROTECTEE-0042" not in [r.alias for r in registry.list()]
    with pytest.raises(NotFoundError):
        registry.remove("PROTECTEE-0042")


def test_rotate_key_replaces_key_and_reenrols(store: Store, key_file: Path, tmp_path: Path) -> None:
    registry = Registry(store, key_file=str(key_file))
    registry.import_csv(DEMO_CSV)
    old_key = key_file.read_text()
    result = registry.rotate_key(write_csv(tmp_path / "fresh.csv", [GOOD]))
    assert result.enrolled == ["PROTECTEE-0901"]
    assert key_file.read_text() != old_key and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [r.alias for r in registry.list()] == ["PROTECTEE-0901"]
    assert registry.key_matches() is True


def test_rotate_key_with_a_lost_key_recovers(sqlite_url: str, key_file: Path, tmp_path: Path) -> None:
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
        key_file.unlink()
        Registry(store, key_file=str(key_file)).rotate_key(DEMO_CSV)
        assert Registry(store, key_file=str(key_file)).key_matches() is True


def test_demo_registry_parses() -> None:
    with DEMO_CSV.open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 7


def test_a_file_that_enrols_nobody_leaves_no_key(sqlite_url: str, key_file: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [",detective,PD,Ann Example,,,,,"])
    with Store.open(sqlite_url) as store:
        result = Registry(store, key_file=str(key_file)).import_csv(path)
    assert not result.enrolled and len(result.rejected) == 1
    assert not key_file.exists()
