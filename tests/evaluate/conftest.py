"""Hand-written stories for the evaluate tests (written for the tests, no shared data)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storydesk.types import Article, Sentence, Story

STORIES: list[dict[str, object]] = [
    {
        "id": "council-budget",
        "documents": [
            {
                "id": "d1",
                "text": (
                    "The city council approved a new budget on Monday after a long debate. "
                    "Council members voted seven to two in favor of the spending plan. "
                    "The budget includes new money for parks, libraries and road repairs. "
                    "Critics said the plan raises property taxes too much for older residents. "
                    "The mayor is expected to sign the budget later this week."
                ),
            },
            {
                "id": "d2",
                "text": (
                    "A new city budget won approval from the council on Monday night. "
                    "The mayor praised the vote and called the plan a fair compromise. "
                    "Road repairs paid for by the budget will start in the spring. "
                    "Dozens of residents protested the tax increase outside city hall. "
                    "The finance director said the city would hire twelve new workers."
                ),
            },
        ],
        "summaries": [
            "The city council approved a new budget on Monday, voting seven to two. It pays "
            "for parks, libraries and road repairs, which start in the spring. Residents "
            "protested the property tax increase, and the mayor will sign the plan this week."
        ],
    },
    {
        "id": "river-flood",
        "documents": [
            {
                "id": "a",
                "text": (
                    "Heavy rain pushed the river over its banks on Saturday morning. "
                    "Hundreds of families left their homes as water filled the lower streets. "
                    "Emergency crews used boats to reach people trapped in their houses. "
                    "The weather service warned that more rain would fall on Sunday."
                ),
            },
            {
                "id": "b",
                "text": (
                    "Officials opened three shelters in schools for families fleeing the flood. "
                    "The governor declared a state of emergency for four counties. "
                    "No deaths were reported, but two firefighters were hurt during a rescue. "
                    "The river is expected to crest on Monday, a day later than first thought."
                ),
            },
        ],
        "summaries": [
            "The river flooded on Saturday after heavy rain, forcing hundreds of families from "
            "their homes. Crews rescued people by boat and shelters opened in schools.",
            "A flood drove hundreds of families from their homes. The governor declared an "
            "emergency in four counties; the river should crest on Monday.",
        ],
    },
    {
        "id": "museum-theft",
        "documents": [
            {
                "id": "m1",
                "text": (
                    "Thieves stole four paintings from the city museum early on Tuesday. "
                    "The burglars entered through a skylight and disabled an alarm. "
                    "Police said the paintings are worth several million dollars. "
                    "The museum will stay closed while detectives search the building."
                ),
            },
            {
                "id": "m2",
                "text": (
                    "Detectives are reviewing camera footage from the museum and nearby streets. "
                    "A guard told police he heard glass breaking shortly after three o'clock. "
                    "The stolen works include two landscapes by a famous local painter. "
                    "The museum offered a reward for information leading to their return."
                ),
            },
        ],
        "summaries": [
            "Thieves took four paintings worth millions from the city museum on Tuesday, "
            "entering through a skylight. Police are reviewing camera footage and the "
            "museum offered a reward."
        ],
    },
]


def story_of(record: dict[str, object]) -> Story:
    documents = record["documents"]
    assert isinstance(documents, list)
    articles = tuple(Article(id=d["id"], text=d["text"]) for d in documents)
    summaries = record["summaries"]
    assert isinstance(summaries, list)
    return Story(id=str(record["id"]), articles=articles, references=tuple(summaries))


def naive_sentences(story: Story) -> list[Sentence]:
    """Sentences split at '. ' (the hand-written texts have no abbreviations)."""
    out: list[Sentence] = []
    for article in story.articles:
        start = 0
        position = 0
        text = article.text
        while start < len(text):
            end = text.find(". ", start)
            end = len(text) if end < 0 else end + 1
            piece = text[start:end].strip()
            if piece:
                begin = text.index(piece, start)
                out.append(Sentence(article.id, begin, begin + len(piece), piece, 0, position))
                position += 1
            start = end + 1
    return out


@pytest.fixture
def stories() -> list[Story]:
    return [story_of(record) for record in STORIES]


@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "stories.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for record in STORIES:
            handle.write(json.dumps(record) + "\n")
    return path


@pytest.fixture
def split() -> object:
    """The naive splitter, for tests that feed systems their own sentence lists."""
    return naive_sentences
