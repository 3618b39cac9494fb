from __future__ import annotations

import pytest

from threatdesk.correlate import neardup

ORIGINAL_EN = ("Paying 2k to whoever got the home address on Officer Whitfield. 10th district, tall, goatee, "
               "works the Ogden car most nights. DM me")
ORIGINAL_ES = ("Pago 5 mil al que me diga dónde vive la agente de la migra que anda levantando gente en La Villita. "
               "Dirección, foto de la troca, lo que sea. Se paga en efectivo")

LIGHT_EDITS = [
    (ORIGINAL_EN, "RT: paying 2k to whoever got the home addy on officer Whitfield. 10th district, tall w/ goatee, works the Ogden car most nights. DM me"),
    (ORIGINAL_EN, "still paying 5K to whoever got the home address on Officer Whitfield!! 10th district, tall, goatee, works the Ogden car most nights https://example.com/x @someone"),
    (ORIGINAL_ES, "pago 5 mil al que me diga donde vive la agente de la migra que anda levantando gente en la villita. direccion, foto de la troca, lo que sea. se paga en efectivo 🔥"),
    (ORIGINAL_ES, "Compartan: Pago 10 mil al que me diga dónde vive la agente de la migra que anda levantando gente en La Villita. Dirección, foto de la troca. Se paga en efectivo"),
]
DIFFERENT = [
    (ORIGINAL_EN, "Officer Whitfield coached the 10th district youth league again this year, thank you for showing up"),
    (ORIGINAL_EN, "green light on Whitfield. 50 bands when it's done. not hospital no more, done done."),
    (ORIGINAL_ES, "Pago 400 bucks por el schedule de la agente, qué días trabaja en Kedzie y a qué hora sale."),
    (ORIGINAL_ES, "Fiesta en La Villita el sábado: feria, tamales y música, se paga en efectivo en la entrada"),
]


@pytest.mark.parametrize(("a", "b"), LIGHT_EDITS)
def test_light_edits_are_one_story(a: str, b: str) -> None:
    sigs = neardup.signatures([a, b])
    assert neardup.similarity(sigs[0], sigs[1]) >= neardup.THRESHOLD
    assert neardup.group(sigs).group == [0, 0]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_messages_stay_apart(a: str, b: str) -> None:
    sigs = neardup.signatures([a, b])
    assert neardup.jaccard(a, b) < neardup.THRESHOLD
    assert neardup.group(sigs).group == [0, 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dirección: ÑANDÚ 123, @pepe https://x.example.com/a?b=1", "direccion nandu # @user url"),
        ("PAYING $2,000.50 to @Someone!!", "paying # to @user"),
    ],
)
def test_normalise_hides_what_reposters_change(text: str, expected: str) -> None:
    assert neardup.normalise(text) == expected


def test_signatures_are_deterministic_and_chunk_independent() -> None:
    texts = [f"message number {i} about the same thing, reposted" for i in range(50)] + [ORIGINAL_EN, ORIGINAL_ES]
    whole = neardup.signatures(texts)
    parts = [neardup.signatures([t])[0] for t in texts]
    assert all((whole[i] == parts[i]).all() for i in range(len(texts)))


def test_many_copies_collapse_without_pairing_everything() -> None:
    texts = [f"{ORIGINAL_EN} copy" for _ in range(300)] + [ORIGINAL_ES]
    grouping = neardup.group(neardup.signatures(texts))
    assert set(grouping.group[:300]) == {0} and grouping.group[300] == 300
    assert grouping.pairs_checked < 300 * 3
