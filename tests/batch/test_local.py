from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from storydesk.batch import local
from storydesk.errors import InputError
from storydesk.ingest import read_articles
from storydesk.settings import Settings
from storydesk.story.rank.rankers import LearnedRanker
from storydesk.types import Story


def _example() -> Story:
    folder = resources.files("storydesk").joinpath("examples", "harbor-bridge")
    return Story("harbor", tuple(read_articles([Path(str(folder))])))


def test_loaded_ranker_reads_the_model_before_the_first_story() -> None:
    ranker = local.loaded_ranker(Settings())
    assert isinstance(ranker, LearnedRanker)
    assert ranker._loaded is not None  # loaded now, not when the first story is scored


@pytest.mark.parametrize("jobs", [1, 2])
def test_summarize_stories_same_records_in_order_for_any_jobs(jobs: int) -> None:
    stories: list[Story | InputError] = [
        _example(),
        InputError("line 2 is not JSON"),
        Story("again", _example().articles),
    ]
    records = list(local.summarize_stories(stories, Settings(jobs=jobs)))
    assert [r["id"] for r in records] == ["harbor", None, "again"]
    assert "error" in records[1] and "error" not in records[0]
    single = list(local.summarize_stories(stories, Settings(jobs=1)))
    assert records == single


def test_forked_workers_inherit_the_parents_loaded_ranker(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_second_load(settings: Settings) -> LearnedRanker:
        raise AssertionError("a forked worker loaded the model again")

    parent = local.loaded_ranker(Settings())
    local._init_worker(Settings(jobs=2), parent)  # what a forked worker runs
    assert local._worker_ranker is parent
    monkeypatch.setattr(local, "loaded_ranker", no_second_load)
    local._init_worker(Settings(jobs=2), parent)
    with pytest.raises(AssertionError):
        local._init_worker(Settings(jobs=2), None)  # spawn: loads its own


@pytest.mark.parametrize(("jobs", "loads"), [(1, []), (2, ["splitter"])])
def test_summarize_stories_loads_the_sentence_splitter_before_forking(
    monkeypatch: pytest.MonkeyPatch, jobs: int, loads: list[str]
) -> None:
    made: list[str] = []
    monkeypatch.setattr(local, "load_sentence_splitter", lambda: made.append("splitter"))
    assert list(local.summarize_stories([], Settings(jobs=jobs))) == []
    assert made == loads  # one process loads it at its first sentence, as before


def test_workers_fork_from_frozen_objects_and_the_parent_thaws(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc
    import multiprocessing.context

    frozen_at_fork: list[int] = []
    make_pool = multiprocessing.context.BaseContext.Pool

    def recording_pool(self: object, *args: object, **kwargs: object) -> object:
        frozen_at_fork.append(gc.get_freeze_count())
        return make_pool(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", recording_pool)
    records = list(local.summarize_stories([_example()], Settings(jobs=2)))
    assert [r["id"] for r in records] == ["harbor"]
    assert frozen_at_fork and frozen_at_fork[0] > 10_000  # modules, model, patterns
    assert gc.get_freeze_count() == 0
