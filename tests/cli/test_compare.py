"""`storydesk compare` end to end, and the comparison inside `summarize`."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydesk.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples" / "harbor-bridge"


def test_compare_folder_prints_conflicts() -> None:
    result = runner.invoke(app, ["compare", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Conflicts (2)" in result.stdout and "45 centimetres" in result.stdout


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_compare_formats(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["compare", str(EXAMPLE), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    if fmt == "json":
        assert {c["kind"] for c in json.loads(text)["conflicts"]} == {"number", "name"}
    assert "Vazquez" in text


def test_compare_stdin_one_report_is_empty_not_an_error() -> None:
    result = runner.invoke(
        app, ["compare", "-", "--format", "json"], input="The bridge closed after a crack.\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["conflicts"] == []


def test_compare_unknown_format_is_one_line_error() -> None:
    result = runner.invoke(app, ["compare", str(EXAMPLE), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format" in result.output


def test_compare_batch_writes_records_and_error_records(tmp_path: Path) -> None:
    docs = [{"id": p.stem, "text": p.read_text("utf-8")} for p in sorted(EXAMPLE.glob("*.txt"))]
    lines = [
        json.dumps({"id": "harbor", "documents": docs, "summaries": []}),
        json.dumps({"id": "empty", "documents": [{"id": "d1", "text": " "}], "summaries": []}),
        json.dumps({"id": "again", "documents": docs[:2], "summaries": []}),
    ]
    path = tmp_path / "stories.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    result = runner.invoke(app, ["compare", "--stories", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["harbor", "empty", "again"]
    assert "error" in records[1] and records[1]["error"]["type"] == "InputError"
    assert len(records[0]["conflicts"]) == 2 and "conflicts" in records[2]


def test_summarize_json_carries_the_comparison() -> None:
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["summary"] and len(record["compare"]["conflicts"]) == 2


def test_summarize_html_shows_the_comparison(tmp_path: Path) -> None:
    out = tmp_path / "s.html"
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "How the reports compare" in page and "<mark>45 centimetres</mark>" in page


def test_compare_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\nfrom storydesk.cli import app\nsys.argv = ['storydesk', 'compare', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('HEAVY', [m for m in ('numpy', 'scipy', 'sklearn', 'dateparser', 'jinja2')"
        " if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout
