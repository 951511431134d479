"""The eval run end to end on hand-written stories: JSON numbers and the HTML page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydesk.errors import InputError
from storydesk.evaluate.report import render_html
from storydesk.evaluate.runner import EvalResult, evaluate_stories, run_eval
from storydesk.evaluate.systems import make_systems
from storydesk.types import Article, Sentence, Story

Split = Callable[[Story], list[Sentence]]


@pytest.fixture
def result(stories: list[Story], split: Split) -> EvalResult:
    hostile = Story(
        id="<script>alert(1)</script>",
        articles=(Article(id="x", text="A <b>bold</b> claim & more was made on Friday night."),),
        references=("A bold claim & more was made on <i>Friday</i>.",),
    )
    return evaluate_stories(
        [*stories, hostile],
        make_systems("lead,oracle,sumbasic"),
        words=40,
        prepare=split,
    )


def test_evaluate_stories_scores_every_system(result: EvalResult) -> None:
    assert result.stories == 4
    assert [s.label for s in result.systems] == ["lead", "oracle", "sumbasic"]
    for system in result.systems:
        assert len(system.stories) == 4
        assert all(0 < w <= 40 for w in system.lengths)
        assert 0 < system.mean_f1("rouge1") <= 100
    assert result.system("oracle").mean_f1("rouge2") >= result.system("lead").mean_f1("rouge2")


def test_to_dict_holds_every_number(result: EvalResult) -> None:
    data = json.loads(json.dumps(result.to_dict()))
    lead = data["systems"][0]
    assert set(lead["f1"]) == {"rouge1", "rouge2", "rougeL", "rougeLsum"}
    assert len(lead["per_story"]) == 4
    assert lead["f1"]["rouge1"] == pytest.approx(
        sum(s["f1"]["rouge1"] for s in lead["per_story"]) / 4
    )
    assert lead["stories_per_second"] > 0


def test_html_report_is_self_contained(result: EvalResult) -> None:
    page = render_html(result)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "http://" not in page and "https://" not in page
    assert '<table id="results">' in page and "<td>sumbasic</td>" in page
    assert page.count("<svg") == 4 + 3  # a bar chart per metric, a histogram per system
    assert "five best stories" in page and "five worst stories" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page


def test_cut_truncates_outputs(stories: list[Story], split: Split) -> None:
    cut = evaluate_stories(stories, make_systems("lead"), words=60, cut=10, prepare=split)
    assert max(cut.systems[0].lengths) == 10


def test_story_without_reference_is_skipped(stories: list[Story], split: Split) -> None:
    bare = Story(id="bare", articles=stories[0].articles)
    result = evaluate_stories([bare, *stories], make_systems("lead"), words=40, prepare=split)
    assert result.stories == 3
    assert result.skipped == ("bare: no reference summary",)


def test_run_eval_reads_story_file(story_file: Path) -> None:
    result = run_eval(story_file, make_systems("lead,lexrank"), words=50, limit=2)
    assert result.stories == 2
    assert result.sha256 is not None and len(result.sha256) == 64


def test_run_eval_missing_file_says_where(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="story file not found"):
        run_eval(tmp_path / "nope.jsonl", make_systems("lead"))


def test_eval_command_prints_table_and_writes_files(story_file: Path, tmp_path: Path) -> None:
    import typer

    from storydesk.cli.evaluate import eval_command

    app = typer.Typer()
    app.command()(eval_command)
    html, data = tmp_path / "r.html", tmp_path / "r.json"
    outcome = CliRunner().invoke(
        app,
        [
            str(story_file),
            "--systems",
            "lead,oracle,lexrank",
            "--words",
            "50",
            "--out",
            str(html),
            "--json",
            str(data),
        ],
    )
    assert outcome.exit_code == 0, outcome.output
    assert "oracle" in outcome.stdout and "R1" in outcome.stdout
    assert json.loads(data.read_text())["stories"] == 3
    assert "<table" in html.read_text()
