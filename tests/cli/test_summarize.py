from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydesk.cli import app

runner = CliRunner()


def _stories_file(tmp_path: Path, seed_dir: Path, extra_lines: list[str]) -> Path:
    docs = [
        {"id": p.stem, "text": p.read_text(encoding="utf-8")}
        for p in sorted(seed_dir.glob("*.txt"))
    ]
    lines = [json.dumps({"id": "seed", "documents": docs, "summaries": []}), *extra_lines]
    path = tmp_path / "stories.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def test_summarize_folder_prints_cited_text(seed_dir: Path) -> None:
    result = runner.invoke(app, ["summarize", str(seed_dir), "--words", "120"])
    assert result.exit_code == 0, result.output
    assert "[1]" in result.stdout and "Sources" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_summarize_formats(seed_dir: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["summarize", str(seed_dir), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["words"] <= 250


@pytest.mark.parametrize(
    ("name", "opens"),
    [("out.html", "<!doctype html"), ("out.md", "## "), ("out.json", "{"), ("out.txt", "'Jessica")],
)
def test_summarize_out_name_sets_the_format_when_none_is_given(
    seed_dir: Path, tmp_path: Path, name: str, opens: str
) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["summarize", str(seed_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lower().startswith(opens.lower())


def test_summarize_format_flag_wins_over_the_out_name(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    result = runner.invoke(app, ["summarize", str(seed_dir), "--format", "text", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "<html" not in out.read_text(encoding="utf-8").lower()


def test_summarize_batch_writes_jsonl_without_a_format_flag(tmp_path: Path, seed_dir: Path) -> None:
    path = _stories_file(tmp_path, seed_dir, [])
    result = runner.invoke(app, ["summarize", "--stories", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["id"] == "seed"


def test_summarize_stdin_text() -> None:
    text = (
        "The city council approved the new bridge budget on Monday night after a long debate.\n\n"
        "Construction is due to begin in the spring, the mayor's office said in a statement."
    )
    result = runner.invoke(app, ["summarize", "-", "--words", "40"], input=text)
    assert result.exit_code == 0, result.output
    assert "bridge budget" in result.stdout


def test_summarize_batch_writes_one_record_per_story_and_error_records(
    tmp_path: Path, seed_dir: Path
) -> None:
    bad = json.dumps({"id": "empty", "documents": [{"id": "d1", "text": "   "}], "summaries": []})
    path = _stories_file(tmp_path, seed_dir, [bad])
    result = runner.invoke(app, ["summarize", "--stories", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["seed", "empty"]
    seed = records[0]
    assert len(seed["summary"].split()) <= 250
    docs = {p.stem: p.read_text(encoding="utf-8") for p in seed_dir.glob("*.txt")}
    for sentence in seed["sentences"]:
        for citation in sentence["citations"][:1]:
            assert (
                docs[citation["document_id"]][citation["start"] : citation["end"]]
                == sentence["text"]
            )
    assert "no sentences left" in records[1]["error"]["message"]


def test_summarize_batch_malformed_line_stops_or_skips(tmp_path: Path, seed_dir: Path) -> None:
    path = _stories_file(tmp_path, seed_dir, ["{not json"])
    stopped = runner.invoke(app, ["summarize", "--stories", str(path), "--format", "jsonl"])
    assert stopped.exit_code == 2
    assert ":2" in stopped.output
    skipped = runner.invoke(
        app, ["summarize", "--stories", str(path), "--format", "jsonl", "--skip-bad"]
    )
    assert skipped.exit_code == 0, skipped.output
    assert json.loads(skipped.stdout.splitlines()[0])["id"] == "seed"


def test_summarize_batch_two_jobs_gives_the_same_records(tmp_path: Path, seed_dir: Path) -> None:
    path = _stories_file(tmp_path, seed_dir, [])
    one = runner.invoke(app, ["summarize", "--stories", str(path), "--format", "jsonl"])
    two = runner.invoke(
        app, ["summarize", "--stories", str(path), "--format", "jsonl", "--jobs", "2"]
    )
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summarize", "/no/such/file.txt"], "not found"),
        (["summarize"], "no input given"),
        (["summarize", "--words", "0", "x.txt"], "word budget must be at least 1"),
        (["summarize", "--format", "pdf", "-"], "unknown format"),
        (["summarize", "--selector", "ilp", "-"], "unknown selector 'ilp'"),
    ],
)
def test_summarize_bad_input_is_a_message_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_summarize_budget_smaller_than_any_sentence(seed_dir: Path) -> None:
    result = runner.invoke(app, ["summarize", str(seed_dir), "--words", "2"])
    assert result.exit_code == 2
    assert "smaller than the shortest usable sentence" in result.output
