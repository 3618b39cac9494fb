"""``threatdesk eval`` and ``threatdesk train`` from the outside: the JSON keys, and bad lines named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write_jsonl

KEYS = {"n", "macro_f1", "per_label", "actionable_recall", "false_alarm_rate", "tier_accuracy", "bounty_amount_accuracy"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "threatdesk", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_eval_json_has_every_headline_key(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "tiny.jsonl", [
        {"id": "a", "text": "green light on the chief, 50 bands when it's done", "label": "solicit_kill", "bounty_usd": 50000},
        {"id": "b", "text": "Pago 5 mil al que levante al jefe de la migra", "label": "solicit_harm", "lang": "es", "bounty_usd": 5000},
        {"id": "c", "text": "ICE out of Chicago! Shut it down!", "label": "protected_speech"},
        {"id": "d", "text": "El Cruz Azul le dio piso al América 3-0", "label": "benign", "lang": "es"},
    ])
    result = run("eval", str(path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= KEYS
    assert report["n"] == 4
    assert set(report["per_label"]["solicit_kill"]) == {"precision", "recall", "f1", "support"}
    assert report["per_label"]["benign"]["support"] == 1
    assert 0.0 <= report["false_alarm_rate"] <= 1.0


@pytest.mark.parametrize(
    ("lines", "needle"),
    [
        ([{"text": "hola", "label": "benign"}, {"text": "x", "label": "threat_maybe"}], ":2: unknown label 'threat_maybe'"),
        ([{"text": "hola", "label": "benign"}, {"text": "ok", "label": "benign"}, "{oops"], ":3: bad JSON"),
        ([{"label": "benign"}], ":1: no text"),
    ],
)
def test_eval_bad_line_is_named_and_exit_2(tmp_path: Path, lines: list, needle: str) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", lines)
    result = run("eval", str(path))
    assert result.returncode == 2
    assert needle in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_train_writes_a_model_that_loads(tmp_path: Path) -> None:
    rows = []
    texts = {
        "solicit_kill": ["5k to whoever kills the agent", "doy 10 mil al que mate al jefe"],
        "benign": ["we won the game 3-1 last night", "la comida estuvo rica"],
        "protected_speech": ["impeach the governor now", "fuera ICE de Chicago"],
    }
    for label, items in texts.items():
        rows.extend({"text": t, "label": label} for t in items)
    data = write_jsonl(tmp_path / "train.jsonl", rows)
    out = tmp_path / "model.npz"
    first = run("train", str(data), "--out", str(out), "--json")
    assert first.returncode == 0, first.stderr
    again = run("train", str(data), "--out", str(tmp_path / "again.npz"), "--json")
    assert json.loads(first.stdout)["model_version"] == json.loads(again.stdout)["model_version"]

    from threatdesk.intent.model import LinearIntentModel

    assert LinearIntentModel.load(out).version == json.loads(first.stdout)["model_version"]


def test_train_defaults_to_every_training_file_in_sorted_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from threatdesk.cli.train import default_files

    folder = tmp_path / "data" / "train"
    folder.mkdir(parents=True)
    for name in ("intent_es.jsonl", "intent_en_2.jsonl", "intent_en.jsonl", "notes.md", "pii.jsonl"):
        (folder / name).write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert default_files() == ["data/train/intent_en.jsonl", "data/train/intent_en_2.jsonl", "data/train/intent_es.jsonl"]


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("ok im parked outside his house. lights on, wife's car gone.", "ok im parked outside his house lights on wife's car gone"),
        ("¿Dónde vive? Pago 2.5k; ya!", "Dónde vive Pago 2.5k ya"),  # numbers keep their points and commas
        ("$10,000 for the addy", None),  # nothing to strip: no copy
        ("no punctuation at all", None),
    ],
)
def test_training_adds_a_copy_without_sentence_punctuation(text: str, bare: str | None) -> None:
    from threatdesk.evaluation import Example
    from threatdesk.intent.training import augmented

    out = augmented([Example("t-1", text, "benign")])
    assert [e.text for e in out] == [text] + ([bare] if bare else [])
    assert all(e.label == "benign" for e in out)
