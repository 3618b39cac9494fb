from __future__ import annotations

from pathlib import Path

import pytest

from tests.protectees.conftest import DEMO_CSV, write_csv
from threatdesk.analyzers import AnalyzerContext
from threatdesk.analyzers.protectee import ProtecteeAnalyzer
from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.protectees import protectee_aliases
from threatdesk.protectees.registry import Registry
from threatdesk.store import Store


@pytest.fixture
def matcher(sqlite_url: str, key_file: Path) -> ProtecteeAnalyzer:
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
    return ProtecteeAnalyzer(context=AnalyzerContext(db=sqlite_url, key_file=str(key_file)))


def test_index_loads_from_either_store(db_url: str, key_file: Path) -> None:
    with Store.open(db_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
    loaded = ProtecteeAnalyzer(context=AnalyzerContext(db=db_url, key_file=str(key_file)))
    assert matches(loaded, "Judge Penwarden-Oduya") == [("Penwarden-Oduya", "PROTECTEE-0211", "name")]


def matches(matcher: ProtecteeAnalyzer, text: str) -> list[tuple[str, str, str]]:
    signals = matcher(Item.from_text(text))
    assert all(s.analyzer == "protectee.v1" and s.reason for s in signals)
    return [(text[s.start : s.end], s.value["alias"], s.value["matched"]) for s in signals]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("green light on Marcus Delacroix-Whitfield", [("Marcus Delacroix-Whitfield", "PROTECTEE-0042", "name")]),
        ("MARCUS DELACROIX WHITFIELD again", [("MARCUS DELACROIX WHITFIELD", "PROTECTEE-0042", "name")]),
        ("M. Delacroix-Whitfield was there", [("M. Delacroix-Whitfield", "PROTECTEE-0042", "name")]),
        ("Officer Whitfeild lives near", [("Whitfeild", "PROTECTEE-0042", "name")]),
        ("la agente Rosalinda Quinones Bautista", [("Rosalinda Quinones Bautista", "PROTECTEE-0107", "name")]),
        ("la agente Kiñones ya salió", [("Kiñones", "PROTECTEE-0107", "name")]),
        ("su hijo Mateo Bautista-Quiñones", [("Mateo Bautista-Quiñones", "PROTECTEE-0107", "family")]),
        ("vive en 2816 W Tamarind Ct, Chicago", [("2816 W Tamarind Ct", "PROTECTEE-0107", "address")]),
        ("call 773 555 0123 now", [("773 555 0123", "PROTECTEE-0042", "phone")]),
        ("write to MARCUS.WHITFIELD@example.com", [("MARCUS.WHITFIELD@example.com", "PROTECTEE-0042", "email")]),
        ("plate DX-48213 outside", [("DX-48213", "PROTECTEE-0315", "plate")]),
    ],
)
def test_matches_name_variants_and_identifiers(matcher: ProtecteeAnalyzer, text: str, expected: list) -> None:
    assert matches(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Marcus took them down 3-1",  # a first name alone is not enrolled
        "the fence by the vans",  # sounds like nothing enrolled
        "Hoang is a common surname",  # surname alone not configured for 0519
        "call 773-555-0124",  # one digit off
        "2816 W Tamarind Ave",  # another street type is another home
    ],
)
def test_no_match(matcher: ProtecteeAnalyzer, text: str) -> None:
    assert matches(matcher, text) == []


def test_surnames_option_enrols_the_surname_alone(sqlite_url: str, key_file: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ["PROTECTEE-0901,detective,PD,Odalys Ferrán-Quist,,,,,"])
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(path)
    without = ProtecteeAnalyzer(context=AnalyzerContext(db=sqlite_url, key_file=str(key_file)))
    assert matches(without, "Ferran-Quist again") == []
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(path, surnames=True)
    with_surnames = ProtecteeAnalyzer(context=AnalyzerContext(db=sqlite_url, key_file=str(key_file)))
    assert matches(with_surnames, "Ferran-Quist again") == [("Ferran-Quist", "PROTECTEE-0901", "name")]


def test_no_registry_or_no_key_is_quiet(sqlite_url: str, key_file: Path, tmp_path: Path) -> None:
    text = "Marcus Delacroix-Whitfield"
    assert ProtecteeAnalyzer(context=AnalyzerContext())(Item.from_text(text)) == []
    assert ProtecteeAnalyzer(context=AnalyzerContext(db=str(tmp_path / "none.db"), key_file=str(key_file)))(Item.from_text(text)) == []
    assert not (tmp_path / "none.db").exists()
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
    assert ProtecteeAnalyzer(context=AnalyzerContext(db=sqlite_url, key_file=str(tmp_path / "missing.key")))(Item.from_text(text)) == []


def test_protectee_aliases_for_the_store(sqlite_url: str, key_file: Path) -> None:
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(DEMO_CSV)
    pipeline = Pipeline(context=AnalyzerContext(db=sqlite_url, key_file=str(key_file)))
    assessment = pipeline.assess(Item.from_text("Vance-Marrow and Whitfield, plate DX 48213"))
    assert protectee_aliases(assessment) == ["PROTECTEE-0042", "PROTECTEE-0315"]


LEAK_CSV_ROWS = [
    # "Agente Ruiz" enrols the surname alone: a text may pair it with any other half.
    "PROTECTEE-0901,police officer,PD,Elena Ruiz;Agente Ruiz,,,,,",
    "PROTECTEE-0902,judge,Court,Tomás O'Brien-Saldaña;Judge O'Brien-Saldaña,,,,,",
]


@pytest.mark.parametrize(
    ("text", "alias_masked", "name_masked"),
    [
        ("Delacroix-Whitfield was there", "[PROTECTEE-0042] was there", "[NAME] was there"),
        ("Marcus Whitfield-Delacroix again", "[PROTECTEE-0042] again", "[NAME] again"),
        ("ya viene Bautista-Quiñones", "ya viene [PROTECTEE-0107]", "ya viene [NAME]"),
        ("la agente Quiñones–Bautista", "la agente [PROTECTEE-0107]", "la agente [NAME]"),  # an en dash
        ("Marcus Delacroix-Whitfield's car", "[PROTECTEE-0042]'s car", "[NAME]'s car"),
        ("Delacroix-Ruiz lives near", "[PROTECTEE-0901] lives near", "[NAME] lives near"),
        ("Elena Delacroix-Ruiz lives near", "[PROTECTEE-0901] lives near", "[NAME] lives near"),
        ("Ruiz-Delacroix lives near", "[PROTECTEE-0901] lives near", "[NAME] lives near"),
        ("Judge O'Brien-Saldaña-Vega ruled", "Judge [PROTECTEE-0902] ruled", "Judge [NAME] ruled"),
    ],
)
def test_masking_takes_the_whole_compound_name(
    sqlite_url: str, key_file: Path, tmp_path: Path, text: str, alias_masked: str, name_masked: str
) -> None:
    """A mask over one half of a hyphenated name would leave the other half beside it."""
    from threatdesk.redact import redact

    extra = write_csv(tmp_path / "extra.csv", LEAK_CSV_ROWS)
    with Store.open(sqlite_url) as store:
        registry = Registry(store, key_file=str(key_file))
        registry.import_csv(DEMO_CSV)
        registry.import_csv(extra)
    matcher = ProtecteeAnalyzer(context=AnalyzerContext(db=sqlite_url, key_file=str(key_file)))
    signals = matcher(Item.from_text(text))
    assert redact(text, signals, protectee_alias=True) == alias_masked
    assert redact(text, signals) == name_masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delacroix-Whitfield was there", [("Delacroix-Whitfield", "PROTECTEE-0042", "name")]),
        ("Marcus Whitfield-Delacroix", [("Marcus Whitfield-Delacroix", "PROTECTEE-0042", "name")]),
        ("Bautista-Quiñones", [("Bautista-Quiñones", "PROTECTEE-0107", "name")]),
        ("Officer Whitfield's car", [("Whitfield", "PROTECTEE-0042", "name")]),  # the possessive is not the name
    ],
)
def test_a_match_spans_the_whole_written_name(matcher: ProtecteeAnalyzer, text: str, expected: list) -> None:
    assert matches(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "he's at 1234 w 18th st now",
        "1234 W 18TH ST",
        "1234 West 18th Street, 2nd floor",
        "1234 w. 18th st. apt 2",
        "vive en 1234 W 18th St, Chicago, IL 60608",
    ],
)
def test_a_home_enrolled_in_capitals_matches_however_it_is_written(sqlite_url: str, key_file: Path, tmp_path: Path, text: str) -> None:
    """Fingerprints are taken over one normal form, so case, abbreviations and the unit do not matter."""
    path = write_csv(tmp_path / "a.csv", ["PROTECTEE-0903,judge,Court,Ilse Brennecke-Vial,1234 W 18TH ST,,,,"])
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key_file)).import_csv(path)
    matcher = ProtecteeAnalyzer(context=AnalyzerContext(db=sqlite_url, key_file=str(key_file)))
    assert [(alias, kind) for _, alias, kind in matches(matcher, text)] == [("PROTECTEE-0903", "address")]
