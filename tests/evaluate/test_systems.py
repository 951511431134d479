"""Systems: same sentences and budget for all; peers through sumy; lead; the oracle."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

import pytest

from storydesk.errors import ConfigError
from storydesk.evaluate.oracle import greedy_oracle
from storydesk.evaluate.rouge import Rouge
from storydesk.evaluate.systems import SYSTEMS, make_systems, variant_overrides
from storydesk.types import Sentence, Story

Split = Callable[[Story], list[Sentence]]
PEERS = ["lexrank", "textrank", "sumbasic", "lsa"]


@pytest.mark.parametrize("name", [*PEERS, "lead", "oracle", "random"])
@pytest.mark.parametrize("words", [12, 30, 60])
def test_system_output_respects_budget(
    name: str, words: int, stories: list[Story], split: Split
) -> None:
    (system,) = make_systems(name)
    for story in stories:
        sentences = split(story)
        output = system.summarize(story, sentences, words)
        texts = {s.text for s in sentences}
        assert output, f"{name} chose nothing for {story.id} at {words} words"
        assert sum(len(s.split()) for s in output) <= words
        assert all(s in texts for s in output)  # our sentences, whole
        assert len(set(output)) == len(output)


@pytest.mark.parametrize("name", PEERS)
def test_peer_ranks_every_sentence_once(name: str, stories: list[Story], split: Split) -> None:
    (system,) = make_systems(name)
    sentences = split(stories[0])
    ranking = system.rank(stories[0], sentences, 250)
    assert sorted(ranking) == list(range(len(sentences)))


def test_peer_is_deterministic(stories: list[Story], split: Split) -> None:
    first = [make_systems("lexrank")[0].summarize(s, split(s), 40) for s in stories]
    again = [make_systems("lexrank")[0].summarize(s, split(s), 40) for s in stories]
    assert first == again


def test_lead_takes_first_sentence_of_each_report_in_turn(
    stories: list[Story], split: Split
) -> None:
    story = stories[1]
    sentences = split(story)
    (lead,) = make_systems("lead")
    order = lead.rank(story, sentences, 250)
    assert [(sentences[i].article_id, sentences[i].position) for i in order[:4]] == [
        ("a", 0),
        ("b", 0),
        ("a", 1),
        ("b", 1),
    ]


def test_make_systems_rejects_unknown_name() -> None:
    with pytest.raises(ConfigError, match="unknown system 'bart'"):
        make_systems("lead,bart")


def test_make_systems_keeps_storydesk_ranker_variant() -> None:
    systems = make_systems("storydesk,storydesk:centroid,lead,lead")
    assert [s.label for s in systems] == ["storydesk", "storydesk:centroid", "lead"]
    assert set(SYSTEMS) >= {"storydesk", "lead", "oracle", *PEERS}


@pytest.mark.parametrize(
    ("variant", "overrides"),
    [
        (None, {}),
        ("centroid", {"ranker": "centroid"}),
        ("score", {"selector": "score"}),
        ("centroid+score", {"ranker": "centroid", "selector": "score"}),
        ("coverage+lead", {"selector": "coverage", "ranker": "lead"}),
    ],
)
def test_variant_overrides_name_a_ranker_a_selector_or_both(
    variant: str | None, overrides: dict[str, str]
) -> None:
    assert variant_overrides(variant) == overrides


@pytest.mark.parametrize("variant", ["bart", "centroid+lead", "score+coverage"])
def test_variant_overrides_reject_unknown_or_doubled_parts(variant: str) -> None:
    with pytest.raises(ConfigError, match="bad storydesk variant"):
        make_systems(f"storydesk:{variant}")


def test_oracle_chooses_sentences_that_match_reference(split: Split, stories: list[Story]) -> None:
    story = stories[2]
    texts = [s.text for s in split(story)]
    chosen = greedy_oracle(texts, list(story.references), 40)
    assert texts[chosen[0]] == "Thieves stole four paintings from the city museum early on Tuesday."
    assert sum(len(texts[i].split()) for i in chosen) <= 40


def test_oracle_handles_no_reference_and_tiny_budget() -> None:
    texts = ["A sentence of six words here.", "Another one."]
    assert greedy_oracle(texts, [], 100) == []
    assert greedy_oracle(texts, ["another one"], 1) == []
    assert greedy_oracle(texts, ["another one"], 2) == [1]


def test_oracle_beats_lead_and_peers_on_hand_stories(stories: list[Story], split: Split) -> None:
    rouge = Rouge()
    systems = make_systems("oracle,lead,lexrank,sumbasic")
    means = {}
    for system in systems:
        outputs = [system.summarize(s, split(s), 40) for s in stories]
        scores = rouge.score_many(outputs, [s.references for s in stories])
        means[system.label] = statistics.fmean(x.f1["rouge2"] for x in scores)
    assert means["oracle"] == max(means.values())


def test_oracle_beats_lead_on_real_dev_stories(shared_data: Path) -> None:
    from storydesk.ingest import read_stories
    from storydesk.settings import load_settings
    from storydesk.story.pipeline import prepare

    settings = load_settings()
    rouge = Rouge()
    oracle, lead = make_systems("oracle,lead")
    outputs: dict[str, list[list[str]]] = {"oracle": [], "lead": []}
    refs = []
    for _, story in zip(
        range(10), read_stories(shared_data / "multinews-raw" / "dev.jsonl.gz"), strict=False
    ):
        assert isinstance(story, Story)
        sentences = list(prepare(story, settings).sentences)
        refs.append(story.references)
        for system in (oracle, lead):
            outputs[system.label].append(system.summarize(story, sentences, 250))
    r2 = {
        k: statistics.fmean(s.f1["rouge2"] for s in rouge.score_many(v, refs))
        for k, v in outputs.items()
    }
    assert r2["oracle"] > r2["lead"] + 5


def test_storydesk_summarizes_the_sentences_it_is_fed(stories: list[Story]) -> None:
    """Like every system, storydesk chooses among the runner's sentences (not a second
    cleaning of the story): fed one report's sentences, it cites only that report."""
    from storydesk.story.pipeline import prepare

    (system,) = make_systems("storydesk")
    story = next(s for s in stories if len(s.articles) > 1)
    sentences = prepare(story).sentences
    first = [s for s in sentences if s.article_id == story.articles[0].id]
    own = {s.text for s in first}
    output = system.summarize(story, first, 60)
    assert output and set(output) <= own
    assert set(system.summarize(story, sentences, 60)) - own  # the other reports count too
