"""The eval run end to end on hand-written stories: JSON numbers and the HTML page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydesk.errors import InputError
from storydesk.evaluate.report import bar_chart, histogram, render_html
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


def test_render_html_is_self_contained(result: EvalResult) -> None:
    page = render_html(result)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "<script" not in page and "<img" not in page
    assert '<table id="results">' in page and "<td>sumbasic</td>" in page
    assert page.count("<svg") == 4 + 3  # a bar chart per metric, a histogram per system
    assert "five best stories" in page and "five worst stories" in page
    assert "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


class _Tables(HTMLParser):
    """Every table of a page by id: its header cells, and its rows as (css class, cells)."""

    def __init__(self) -> None:
        super().__init__()
        self.heads: dict[str, list[str]] = {}
        self.rows: dict[str, list[tuple[str | None, list[str]]]] = {}
        self.before: dict[str, str] = {}  # the text of the last <p> before each table
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._last_p = ""
        self._in_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table = dict(attrs)["id"] or ""
            self.heads[self._table], self.rows[self._table] = [], []
            self.before[self._table] = self._last_p
        elif tag == "tr" and self._table is not None:
            self.rows[self._table].append((dict(attrs).get("class"), []))
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "p":
            self._in_p, self._last_p = True, ""
        elif tag == "h2":
            self._last_p = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag in ("th", "td") and self._table is not None and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if tag == "th":
                self.heads[self._table].append(text)
            else:
                self.rows[self._table][-1][1].append(text)
            self._cell = None
        elif tag == "p":
            self._in_p = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_p:
            self._last_p += data


def _tables(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    return parser


def test_render_html_splits_results_and_readability(result: EvalResult) -> None:
    tables = _tables(render_html(result))
    assert list(tables.heads) == ["results", "readability"]
    metrics = ["R1", "R2", "RL", "RLsum"]
    assert tables.heads["results"] == [
        "system",
        *(f"{m} F1" for m in metrics),
        *(f"{m} R" for m in metrics),
        "words",
        "stories/s",
    ]
    assert tables.heads["readability"] == [
        "system",
        "orphan %",
        "speakerless quotation %",
        "not opening on the news %",
        "fragment %",
        "mojibake",
    ]
    # One row per system in each (the header row has no cells), the focus system highlighted.
    for table, width in (("results", 11), ("readability", 6)):
        rows = [(css, cells) for css, cells in tables.rows[table] if cells]
        assert [cells[0] for _, cells in rows] == ["lead", "oracle", "sumbasic"]
        assert [css for css, _ in rows] == ["ours", None, None]
        assert all(len(cells) == width for _, cells in rows)
    lead = result.system("lead")
    results_lead = tables.rows["results"][1][1]
    assert results_lead[1] == f"{lead.mean_f1('rouge1'):.2f}"
    assert results_lead[5] == f"{lead.mean_recall('rouge1'):.2f}"
    readability_lead = tables.rows["readability"][1][1]
    assert readability_lead[4] == f"{lead.readability.fragment_pct:.1f}"
    # The readability definitions sit right above their table, not above the results.
    assert tables.before["readability"].startswith("Readability (definitions")
    assert "orphan %" not in tables.before["results"]


HOSTILE = '<script>alert("x")</script> & co'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co"


def _relabel(result: EvalResult) -> EvalResult:
    systems = (replace(result.systems[0], label=HOSTILE), *result.systems[1:])
    return replace(result, systems=systems)


def _in_story(**changes: object) -> Callable[[EvalResult], EvalResult]:
    """The focus system (lead) with its first story changed: every story is on the page."""

    def change(result: EvalResult) -> EvalResult:
        lead = result.systems[0]
        story = replace(lead.stories[0], **changes)  # type: ignore[arg-type]
        systems = (replace(lead, stories=(story, *lead.stories[1:])), *result.systems[1:])
        references = dict(result.references)
        if "story_id" in changes:
            references[HOSTILE] = references[lead.stories[0].story_id]
        return replace(result, systems=systems, references=references)

    return change


def _with_reference(result: EvalResult) -> EvalResult:
    first = result.systems[0].stories[0].story_id
    return replace(result, references={**result.references, first: (HOSTILE,)})


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param(_relabel, id="system label"),
        pytest.param(_in_story(story_id=HOSTILE), id="story id"),
        pytest.param(_in_story(output=("Fine.", HOSTILE)), id="output"),
        pytest.param(_in_story(error=HOSTILE), id="error"),
        pytest.param(_with_reference, id="reference"),
        pytest.param(lambda r: replace(r, source=HOSTILE), id="source path"),
    ],
)
def test_render_html_escapes_text_from_data(
    result: EvalResult, hostile: Callable[[EvalResult], EvalResult]
) -> None:
    page = render_html(hostile(result))
    assert "<script" not in page and "& co" not in page
    assert ESCAPED in page


def test_render_html_escapes_title(result: EvalResult) -> None:
    page = render_html(result, title=HOSTILE)
    assert "<script" not in page
    assert page.count(ESCAPED) == 2  # <title> and <h1>


def test_histogram_puts_lengths_over_budget_in_last_bin(result: EvalResult) -> None:
    lead = result.systems[0]
    stories = tuple(replace(lead.stories[0], words=w) for w in (0, 9, 15, 95, 400))
    bins = histogram(replace(lead, stories=stories), 100, 0).bins
    counts = [b.tooltip.rsplit(": ", 1)[1] for b in bins]
    assert counts == ["2", "1", "0", "0", "0", "0", "0", "0", "0", "2"]
    assert bins[0].height == max(b.height for b in bins) == bins[-1].height > bins[1].height > 0


def test_bar_chart_sizes_label_column_to_longest_label() -> None:
    short = bar_chart("R1", ["lead", "oracle"], [40.0, 20.0])
    long = bar_chart("R1", ["lead", "storydesk:centroid"], [40.0, 20.0])
    assert long.label_width - short.label_width == 7 * (len("storydesk:centroid") - len("oracle"))
    assert short.bars[0].length == 2 * short.bars[1].length
    # The longest bar leaves 50 px for its value.
    assert short.bars[0].length == short.width - short.label_width - 50


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
