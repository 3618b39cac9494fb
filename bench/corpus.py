"""A generated corpus with realistic lengths and a realistic mix of labels, for benchmarks.

Messages are assembled from invented fragments (mostly background chatter and news, a
few percent threats), so analyzers meet the same kinds of text as in real traffic. The
generator is seeded: the same arguments always give the same file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

BACKGROUND = [
    "Rivera's team took them down 3-1 in the rec league final, what a game",
    "ICE out of Chicago! Shut it down! March from Union Park at noon on Saturday",
    "The alderman should resign after this vote, call her office and say so",
    "Police are offering a $5,000 reward for information leading to an arrest in the Pilsen robbery",
    "anyone know if the 9 bus is running late again, been waiting 20 min at Ashland",
    "La marcha de mañana sale a las 10 de la 18 y Blue Island, traigan agua",
    "Our bug bounty pays up to $2,000 for critical findings, see the policy page",
    "City council approved the new budget 31-19 after a long debate on Wednesday night",
    "que onda raza, alguien sabe si hay tianguis el domingo en la Villita",
    "Prosecutors say the man offered $10,000 for the agent's killing, according to the complaint",
    "Según la fiscalía, el detenido ofreció 50 mil pesos por ubicar a un agente",
    "lol that boss fight had a bounty of 10k gold and I still lost",
]
THREATS = [
    "2k to whoever gets me pics of where the tall agent sleeps, dm me",
    "green light on the chief, 50 bands when it's done",
    "Pago 5 mil al que levante al jefe de la migra, con pruebas",
    "I'm going to find him and put him in the ground, he knows what he did",
    "two guys with radios on the roof at 18th and Blue Island every morning calling out every agent car",
    "somebody needs to handle that judge before the hearing, for real",
]
TAILS = ["", " #chicago", " pls share", " 🙏", " — more at 6", " (update)", " ya saben", " fr fr"]


def generate(path: Path, n: int, *, seed: int = 7, threat_share: float = 0.05) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            pool = THREATS if rng.random() < threat_share else BACKGROUND
            parts = [rng.choice(pool) for _ in range(rng.choice((1, 1, 2)))]
            text = ". ".join(parts) + rng.choice(TAILS) + f" [{i}]"
            record = {
                "id": f"bench-{i}",
                "source": rng.choice(("x", "telegram", "tipline", "forum")),
                "author": f"@user{rng.randrange(5000)}",
                "posted_at": 1790000000 + i * 7,
                "text": text,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
