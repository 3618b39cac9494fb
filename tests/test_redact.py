from __future__ import annotations

import pytest

from threatdesk.models import Signal
from threatdesk.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officer's plate is QK 40192, lives at 1815 N Lark Ct, his kids go to Larchmont Elementary.",
            "Officer's plate is [PLATE], lives at [ADDRESS], [FAMILY].",
        ),
        (
            "DOB 04/17/1979, SSN 401-23-8817, cell 773-555-0188, mail r.dorsey@example.com, drives a black Chevy Tahoe",
            "DOB [DOB], SSN [SSN], cell [PHONE], mail [EMAIL], drives [VEHICLE]",
        ),
        (
            "Vive en Calle Fresno 12, col. Centro, cel 33 5555 0190, trae una Cheyenne blanca con placas JU-58-217.",
            "Vive en [ADDRESS], cel [PHONE], trae [VEHICLE] con placas [PLATE].",
        ),
        (
            "Nació el 2 de febrero de 1988 y sus hijos estudian en la Primaria Benito Juárez, en la 26 y Kedzie.",
            "Nació el [DOB] y [FAMILY], en [ADDRESS].",
        ),
        ("Name: R. Dorsey\nSSN 512-48-\n3391\nDOB 1979\n274.36.8810 es su seguro social.", "Name: R. Dorsey\nSSN [SSN]\nDOB 1979\n[SSN] es su seguro social."),
        ("Nothing personal here, 3-1 final.", "Nothing personal here, 3-1 final."),
    ],
)
def test_redact_runs_the_pii_analyzers(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_with_signals_masks_protectee_names_and_keeps_the_longest_span() -> None:
    text = "Marcus Delacroix-Whitfield lives at 4419 W Brantwood Ln"
    signals = [
        Signal("protectee.v1", "protectee", "r", 0, 26, {"alias": "PROTECTEE-0042", "matched": "name"}),
        Signal("protectee.v1", "protectee", "r", 36, 55, {"alias": "PROTECTEE-0042", "matched": "address"}),
        Signal("pii_address.v1", "pii", "r", 36, 55, {"type": "address", "normalized": None}),
        Signal("pii_address.v1", "pii", "r", 41, 55, {"type": "address", "normalized": None}),
        Signal("intent.v1", "intent", "r", None, None, {"label": "benign", "scores": {}}),
    ]
    assert redact(text, signals) == "[NAME] lives at [ADDRESS]"


@pytest.mark.parametrize(
    ("text", "signals", "expected"),
    [
        # overlapping spans: their union is masked, under the longest one's placeholder
        (
            "his wife Janelle Delacroix-Whitfield drives",
            [
                Signal("pii_family.v1", "pii", "r", 0, 8, {"type": "family", "normalized": None}),
                Signal("protectee.v1", "protectee", "r", 4, 36, {"alias": "PROTECTEE-0042", "matched": "family"}),
            ],
            "[NAME] drives",
        ),
        # a name signal from an older analyzer over one half of a compound name
        (
            "Delacroix-Whitfield was there",
            [Signal("protectee.v1", "protectee", "r", 10, 19, {"alias": "PROTECTEE-0042", "matched": "name"})],
            "[NAME] was there",
        ),
        (
            "Whitfield-Ruiz's car",
            [Signal("protectee.v1", "protectee", "r", 0, 9, {"alias": "PROTECTEE-0042", "matched": "name"})],
            "[NAME]'s car",
        ),
        # an address keeps its own span: a hyphen after it is not part of a name
        (
            "4419 W Brantwood Ln-ish",
            [Signal("pii_address.v1", "pii", "r", 0, 19, {"type": "address", "normalized": None})],
            "[ADDRESS]-ish",
        ),
    ],
)
def test_no_half_is_left_beside_a_mask(text: str, signals: list[Signal], expected: str) -> None:
    assert redact(text, signals) == expected
