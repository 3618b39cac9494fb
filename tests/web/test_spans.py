"""Item text as segments: highlights from signal offsets, masking of personal data."""

from __future__ import annotations

import pytest

from threatdesk.web.spans import mask, scrub, segments, snippet


def sig(kind: str, start: int | None, end: int | None, value: object = None, restricted: bool = False) -> dict:
    return {"kind": kind, "start": start, "end": end, "value": value, "restricted": restricted, "reason": f"{kind} here"}


TEXT = "Pago 5 mil al que me diga dónde vive, tel 312-555-0188, en 2816 W Tamarind Ct"


@pytest.mark.parametrize(
    ("signals", "masked"),
    [
        ([], TEXT),
        ([sig("pii", 42, 54, {"type": "phone"}, True)], "Pago 5 mil al que me diga dónde vive, tel [PHONE], en 2816 W Tamarind Ct"),
        ([sig("pii", 42, 54, {"type": "phone"}, True), sig("pii", 59, 77, {"type": "address"}, True)],
         "Pago 5 mil al que me diga dónde vive, tel [PHONE], en [ADDRESS]"),
        ([sig("pii", 59, 77, {"type": "address"}), sig("protectee", 59, 70, {"alias": "PROTECTEE-0107", "matched": "address"})],
         "Pago 5 mil al que me diga dónde vive, tel 312-555-0188, en [ADDRESS]"),
        ([sig("money", 5, 10, {"amount": 5000})], TEXT),
        ([sig("pii", None, None, {"type": "phone"})], TEXT),
    ],
)
def test_mask_replaces_personal_data_spans(signals: list[dict], masked: str) -> None:
    assert mask(TEXT, signals) == masked


def test_segments_cover_the_text_exactly_and_mark_overlaps() -> None:
    signals = [sig("money", 5, 10, {"amount": 5000}), sig("solicitation", 0, 36), sig("pii", 42, 54, {"type": "phone"}, True)]
    segs = segments(TEXT, signals, unmask=True)
    assert "".join(s.text for s in segs) == TEXT
    money = next(s for s in segs if s.text == "5 mil")
    assert money.kinds == ("money", "solicitation")
    assert next(s for s in segs if s.text == "312-555-0188").restricted
    masked = segments(TEXT, signals)
    assert [s.text for s in masked if s.masked] == ["[PHONE]"]
    assert "312-555-0188" not in "".join(s.text for s in masked)


def test_offsets_beyond_the_text_are_clipped_not_fatal() -> None:
    segs = segments("short", [sig("money", 2, 99), sig("pii", 10, 12, {"type": "phone"})])
    assert "".join(s.text for s in segs) == "short"


def test_snippet_masks_and_shortens() -> None:
    assert snippet(TEXT, [sig("pii", 42, 54, {"type": "phone"})], limit=50).endswith("…")
    assert "312-555" not in snippet(TEXT, [sig("pii", 42, 54, {"type": "phone"})])


@pytest.mark.parametrize(
    "signals",
    [
        [sig("pii", 42, 54, {"type": "phone"}, True)],
        [sig("pii", 42, 54, {"type": "phone"}, True), sig("pii", 59, 77, {"type": "address"}, True)],
        [sig("pii", 59, 77, {"type": "address"}), sig("protectee", 59, 70, {"alias": "PROTECTEE-0107", "matched": "address"})],
        [sig("protectee", 42, 54, {"alias": "PROTECTEE-0107", "matched": "phone"})],
        [sig("money", 5, 10, {"amount": 5000})],
    ],
)
def test_masking_agrees_with_redact(signals: list[dict]) -> None:
    from threatdesk.models import Signal
    from threatdesk.redact import redact

    objects = [Signal.from_json({**s, "analyzer": "x"}) for s in signals]
    assert mask(TEXT, signals) == redact(TEXT, objects, protectee_alias=True)


def test_a_partial_overlap_masks_the_union() -> None:
    signals = [sig("pii", 42, 50, {"type": "phone"}), sig("pii", 46, 54, {"type": "phone"})]
    assert "0188" not in mask(TEXT, signals) and "312" not in mask(TEXT, signals)


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("offer of 5 mil for whereabouts against 2816 W Tamarind Ct", "offer of 5 mil for whereabouts against [ADDRESS]"),
        ("calls 312-555-0188 twice", "calls [PHONE] twice"),
        ("amount of money: 5,000", "amount of money: 5,000"),
    ],
)
def test_reasons_are_masked_like_the_text(reason: str, expected: str) -> None:
    signals = [sig("pii", 42, 54, {"type": "phone"}, True), sig("pii", 59, 77, {"type": "address"}, True)]
    assert scrub(reason, TEXT, signals) == expected
