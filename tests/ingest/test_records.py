"""Records from JSON: hostile text is made safe without moving any offset."""

from __future__ import annotations

import json

import pytest

from storydesk.ingest.records import parse_line, story_from_record


@pytest.mark.parametrize("escaped", ["\\ud800", "\\udfff", "a\\udc80b"])
def test_story_from_record_replaces_lone_surrogates_keeping_offsets(escaped: str) -> None:
    line = '{"id": "s1", "documents": ["Bridge ' + escaped + ' opens today."]}'
    story = story_from_record(parse_line(line, "x:1"), "x:1", "x")
    text = story.articles[0].text
    assert len(text) == len(json.loads(line)["documents"][0])
    text.encode("utf-8")  # raised UnicodeEncodeError before the guard
    assert "\ufffd" in text
