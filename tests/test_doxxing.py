"""The doxxing rule of the assessor, with the PII analyzers and (where needed) a registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdesk.analyzers import PII_ANALYZERS, AnalyzerContext, build_analyzers
from threatdesk.assess import assess
from threatdesk.demo import __file__ as demo_init
from threatdesk.labels import Label
from threatdesk.models import Item, Signal
from threatdesk.pipeline import Pipeline
from threatdesk.protectees.registry import Registry
from threatdesk.store import Store

#: The PII analyzers without intent, so the rule is tested on its own (intent would say benign).
NO_INTENT = list(PII_ANALYZERS)


def label_of(text: str, pipeline: Pipeline | None = None) -> tuple[Label, int]:
    pipeline = pipeline or Pipeline(build_analyzers(NO_INTENT))
    a = pipeline.assess(Item.from_text(text))
    return a.label, a.risk


@pytest.mark.parametrize(
    "text",
    [
        "This pig lives at 4410 S Fennel Ave. Spread this everywhere.",
        "The agent in the video is not anonymous anymore: 2205 W 21st Pl, cell 773-555-0188.",
        "Officer Dunmore's home address is 1815 N Lark Ct, his kids go to Larchmont Elementary.",
        "Ya sabemos que vives en Calle Fresno 12, col. Centro. Así van a quedar.",
        "Difundan: el agente vive en 3320 S Calle Morado, su cel 33 5555 0190.",
        "Rata vendida, tu seguro social es 401-23-8817 y ya lo tenemos.",
        "Rata vendida, tu número de seguro social es 401.23.8817 y ya lo tenemos.",
        "that fed's social is 401238817, spread it everywhere",
        # lower-case and sloppy forms of the same restricted data
        "found the fed from the raid, he lives at 1402 s vinewood ave, go say hi",
        "el puerco ese vive en calle hoyne #2231, ya saben que hacer",
        "ese perro de la migra vive en la hoyne #2231, que le caigan",
        "the snitch stays at 4410 s fennel ave apt 2, pull up",
        "cell 773-555-0188 of that pig, blow it up",
    ],
)
def test_restricted_pii_in_a_hostile_context_is_doxxing(text: str) -> None:
    label, risk = label_of(text)
    assert label == Label.DOXXING
    assert risk >= 55


@pytest.mark.parametrize(
    "text",
    [
        "Call us for a free estimate: 773-555-0177, Mon-Sat, J&K Landscaping.",
        "Se vende Tsuru blanco 2010, informes al 33 5555 0120, horario de 9 a 6.",
        "Our office is at 210 W Randolph St, Suite 400; visit us weekdays.",
        "Applicant address: 7421 S Jeffery Blvd, Apt 3B; date of birth 08/17/1973.",
        "Prosecutors say the defendant posted the officer's home address, 1419 W Walton St, online.",
        "La fiscalía informó que el acusado publicó el domicilio del juez, Av. Hidalgo 915, col. Centro.",
        "My husband and I moved to 5521 N Marigold Ave last year.",
        "ICE vans at 26th and Pulaski, know your rights, stay inside.",
        # a business's number in an ad, a public office's address in an official notice
        "Plomería Hernández, servicio 24 horas, llame al 773-555-0161.",
        "Tacos El Güero, ahora en 2231 s hoyne ave, abierto diario",
        "NOTICE: The 10th District community meeting is at the district station, 3315 W Ogden Ave, on Tuesday at 6 pm.",
        "AVISO: La oficina del consulado está en 204 S Ashland Ave, horario de 9 a 5, citas al 312-555-0110.",
        "The Cook County Clerk's office at 69 W Washington St will be open Saturday for early voting.",
        "Your order no. 401-23-8817 shipped; the pig figurine arrives Tuesday.",
        "la migra anda en la 18 por el parque, avísenle a sus tías, no abran la puerta",
    ],
)
def test_harmless_or_reported_pii_is_not_doxxing(text: str) -> None:
    assert label_of(text)[0] != Label.DOXXING


def test_a_more_severe_label_stays() -> None:
    intent = Signal("intent.v1", "intent", "test", value={"label": "solicit_kill", "scores": {"solicit_kill": 1.0}})
    pii = Signal("pii_address.v1", "pii", "test", 0, 14, {"type": "address", "normalized": "X"}, restricted=True)
    item = Item.from_text("1234 W 18th St, spread this, 10k for his head")
    assert assess(item, [intent, pii], model_version="t").label == Label.SOLICIT_KILL


@pytest.fixture
def registry_pipeline(sqlite_url: str, tmp_path: Path) -> Pipeline:
    key = tmp_path / "p.key"
    with Store.open(sqlite_url) as store:
        Registry(store, key_file=str(key)).import_csv(Path(demo_init).parent / "protectees.csv")
    return Pipeline(build_analyzers([*NO_INTENT, "protectee.v1"], context=AnalyzerContext(db=sqlite_url, key_file=str(key))))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("interesting: 4419 W Brantwood Ln", Label.DOXXING),  # a protectee's own home, no other cue
        ("el carro con placas BG 30577 es de ella", Label.DOXXING),  # a protectee's plate
        ("Sgt. Vance-Marrow, DOB 03/14/1979", Label.DOXXING),  # private data beside a protectee's name
        ("Ald. Marchetti-Abara's office: 121 N LaSalle St, Suite 300, call 312-555-0100 during office hours", Label.BENIGN),
        ("4419 w brantwood ln, just saying", Label.DOXXING),  # the protectee's home in lower case
        ("llámenle al 773 555 0123 a ver si contesta", Label.DOXXING),  # a protectee's phone
        ("Delacroix-Whitfield's kids go to Larchmont Elementary", Label.DOXXING),  # a school beside a protectee's name
        ("Quiñones-Bautista vive en la 26 y Kedzie", Label.BENIGN),  # a corner is not a home (no restricted data)
        ("Alderperson Marchetti-Abara holds ward night at the ward office, 2290 W 31st St, Thursday", Label.BENIGN),
    ],
)
def test_protectee_pii(registry_pipeline: Pipeline, text: str, expected: Label) -> None:
    assert label_of(text, registry_pipeline)[0] == expected
