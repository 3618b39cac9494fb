from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import write_jsonl
from threatdesk.errors import InputFormatError, UsageError
from threatdesk.intake import MAX_TEXT_CHARS, Rejection, read_items
from threatdesk.models import Item


def split(results: list[Item | Rejection]) -> tuple[list[Item], list[Rejection]]:
    return [r for r in results if isinstance(r, Item)], [r for r in results if isinstance(r, Rejection)]


BAD_JSONL_LINES = [
    ('{"text": "ok", ', "bad JSON"),
    ('["a list"]', "expected a JSON object"),
    ('{"id": "no-text"}', "no text"),
    ('{"text": "   "}', "no text"),
    ('{"text": 42}', "text must be a string"),
    ('{"text": "x", "posted_at": "yesterday"}', "not ISO 8601"),
    ('{"text": "x", "posted_at": -5}', "out of range"),
    ('{"text": "x", "lat": 91, "lon": 0}', "lat 91 is out of range"),
    ('{"text": "x", "lat": 41.8, "lon": -187.6}', "lon -187.6 is out of range"),
    ('{"text": "x", "lat": 41.8}', "lat and lon must be given together"),
    ('{"text": "x", "lat": "north", "lon": 1}', "is not a number"),
    (json.dumps({"text": "a" * (MAX_TEXT_CHARS + 1)}), "the limit is"),
    ('{"text": "x", "author": {"n": 1}}', "author must be a string"),
    ('{"text": "x", "posted_at": "0001-01-01T00:00:00+14:00"}', "out of range"),
    ('{"text": "x", "lat": 1' + "0" * 400 + ', "lon": 1}', "lat is out of range"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_JSONL_LINES)
def test_bad_jsonl_line_is_reported_and_the_rest_goes_in(tmp_path: Path, line: str, reason: str) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": "first"}, line, {"text": "third"}])
    items, rejections = split(list(read_items(str(path))))
    assert [i.text for i in items] == ["first", "third"]
    assert len(rejections) == 1
    assert rejections[0].line == 2
    assert rejections[0].path == str(path)
    assert reason in rejections[0].reason


def test_invalid_utf8_costs_one_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "uno"}\n{"text": "dos \xff\xfe"}\n{"text": "tres"}\n')
    items, rejections = split(list(read_items(str(path))))
    assert [i.text for i in items] == ["uno", "tres"]
    assert [(r.line, r.reason.split(" at")[0]) for r in rejections] == [(2, "invalid UTF-8")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-03T21:14:00-05:00", "2026-10-04T02:14:00+00:00"),
        ("2026-10-03T21:14:00Z", "2026-10-03T21:14:00+00:00"),
        ("2026-10-03 21:14", "2026-10-03T21:14:00+00:00"),
        (1790000000, "2026-09-21T14:13:20+00:00"),
        ("1790000000.5", "2026-09-21T14:13:20.500000+00:00"),
    ],
)
def test_posted_at_accepts_iso_and_epoch(tmp_path: Path, value: object, expected: str) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": "x", "posted_at": value}])
    (item,) = list(read_items(str(path)))
    assert isinstance(item, Item)
    assert item.posted_at is not None and item.posted_at.isoformat() == expected


def test_known_fields_are_kept(tmp_path: Path) -> None:
    record = {"id": "t-1", "source": "tipline", "author": "@anon", "lang": "ES", "place": "Pilsen",
              "lat": 41.85, "lon": -87.66, "text": "halcones en la 18", "extra": "ignored"}
    path = write_jsonl(tmp_path / "in.jsonl", [record])
    (item,) = list(read_items(str(path)))
    assert isinstance(item, Item)
    assert (item.external_id, item.source, item.author, item.lang) == ("t-1", "tipline", "@anon", "es")
    assert item.place is not None and (item.place.name, item.place.lat, item.place.lon) == ("Pilsen", 41.85, -87.66)
    assert item.raw == json.dumps(record)


def test_same_record_same_hash_different_author_different_item(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": "x", "author": "a"}, {"text": "x", "author": "a"}, {"text": "x", "author": "b"}])
    items, _ = split(list(read_items(str(path))))
    assert items[0].content_sha256 == items[1].content_sha256 != items[2].content_sha256


def test_csv_rows_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        'id,text,posted_at,lat,lon\n'
        'c1,"multi\nline text",2026-10-01T10:00:00Z,41.8,-87.6\n'
        'c2,,2026-10-01,,\n'
        'c3,fine,not a date,,\n'
        'c4,"too",many,columns,here,x\n'
        'c5,last one,1790000000,,\n',
        encoding="utf-8",
    )
    items, rejections = split(list(read_items(str(path))))
    assert [i.external_id for i in items] == ["c1", "c5"]
    assert items[0].text == "multi\nline text"
    assert items[0].raw == 'c1,"multi\nline text",2026-10-01T10:00:00Z,41.8,-87.6'
    assert [(r.line, r.reason.split(" ")[0]) for r in rejections] == [(4, "no"), (5, "posted_at"), (6, "expected")]


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        ("", InputFormatError, "is empty"),
        ("name,body\nx,y\n", InputFormatError, "wrong CSV header"),
        ("text,text\nx,y\n", InputFormatError, "wrong CSV header"),
    ],
)
def test_unusable_csv_files_fail_before_anything_is_read(tmp_path: Path, content: str, error: type, message: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message):
        list(read_items(str(path)))


@pytest.mark.parametrize(("name", "message"), [("missing.jsonl", "no such file"), ("notes.txt", "cannot tell the format")])
def test_missing_or_unknown_files(tmp_path: Path, name: str, message: str) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("hello\n")
    with pytest.raises(UsageError, match=message):
        list(read_items(str(tmp_path / name)))
