"""Dask scale-out: same bytes as a run without it, in order, through a killed worker."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storydesk.batch.dask_runner import parse_dask_spec, run_on_client
from storydesk.batch.local import process_ranker, summarize_record
from storydesk.cli import app
from storydesk.errors import ConfigError, InputError
from storydesk.settings import load_settings

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples" / "harbor-bridge"
runner = CliRunner()


def _stories(count: int) -> list[str]:
    """Story lines from the bundled example: its reports rotated and cut, one empty story."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
    lines = []
    for n in range(count):
        docs = [
            {"id": f"d{k}", "text": texts[(n + k) % 3][: 400 + 37 * n]} for k in range(1 + n % 3)
        ]
        lines.append(json.dumps({"id": f"s{n}", "documents": docs}))
    lines[3] = json.dumps({"id": "empty", "documents": [{"id": "d1", "text": "  "}]})
    return lines


def _write(path: Path, lines: list[str]) -> Path:
    data = "\n".join(lines) + "\n"
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def _plain(path: Path, **overrides: Any) -> list[Any]:
    from storydesk.batch.local import summarize_stories
    from storydesk.ingest import read_stories

    settings = load_settings(**overrides)
    out: list[Any] = []
    items = list(read_stories(path, skip_bad=settings.skip_bad))
    good = [i for i in items if not isinstance(i, InputError)]
    records = iter(summarize_stories(good, settings))
    for item in items:
        out.append(str(item) if isinstance(item, InputError) else next(records))
    return out


@pytest.mark.parametrize("name", ["stories.jsonl", "stories.jsonl.gz"])
@pytest.mark.parametrize("skip_bad", [False, True])
def test_run_on_client_matches_plain_run_in_order(
    client: Any, tmp_path: Path, name: str, skip_bad: bool
) -> None:
    lines = _stories(24)
    lines[10:10] = ['{"id": "broken"', "", '{"id": "x", "documents": []}']
    path = _write(tmp_path / name, lines)
    settings = load_settings(dask_chunk_bytes=900, dask_chunk_lines=2, skip_bad=skip_bad)
    got = [
        str(item) if isinstance(item, InputError) else item
        for item in run_on_client(client, str(path), summarize_record, settings)
    ]
    assert got == _plain(path, skip_bad=skip_bad)
    errors = [g for g in got if isinstance(g, str)]
    assert errors == ([] if skip_bad else [f"{path}:11: malformed JSON", f"{path}:13:"]) or all(
        e.startswith(f"{path}:1") for e in errors
    )
    assert any("error" in g for g in got if isinstance(g, dict))  # the empty story's record


def test_run_on_client_bad_lines_name_their_line_across_chunks(client: Any, tmp_path: Path) -> None:
    lines = _stories(12)
    lines[8] = '{"id": "broken"'
    path = _write(tmp_path / "stories.jsonl", lines)
    settings = load_settings(dask_chunk_bytes=500)
    errors = [
        e
        for e in run_on_client(client, str(path), summarize_record, settings)
        if isinstance(e, InputError)
    ]
    assert [e.where for e in errors] == [f"{path}:9"]


def test_workers_load_the_model_once_each(client: Any, tmp_path: Path) -> None:
    path = _write(tmp_path / "stories.jsonl", _stories(16))
    settings = load_settings(dask_chunk_bytes=700)
    assert len(list(run_on_client(client, str(path), summarize_record, settings))) == 16
    misses = client.run(lambda: process_ranker.cache_info().misses)
    assert set(misses.values()) <= {0, 1} and 1 in misses.values()


def test_killed_worker_is_retried_and_output_is_complete(tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    path = _write(tmp_path / "stories.jsonl", _stories(40))
    settings = load_settings(dask_chunk_bytes=600)
    expected = _plain(path)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        pids = dask_client.run(os.getpid)
        victim = sorted(pids.values())[0]
        got = []
        for item in run_on_client(dask_client, str(path), summarize_record, settings):
            got.append(item)
            if len(got) == 2:
                os.kill(victim, signal.SIGKILL)  # mid-run: the other chunks are in flight
        after = dask_client.run(os.getpid)
    assert victim not in after.values()
    assert got == expected


@pytest.mark.parametrize("command", ["summarize", "compare"])
def test_cli_dask_output_is_byte_identical(tmp_path: Path, command: str) -> None:
    path = _write(tmp_path / "stories.jsonl.gz", _stories(10))
    plain, dask = tmp_path / "plain.jsonl", tmp_path / "dask.jsonl"
    first = runner.invoke(app, [command, "--stories", str(path), "-f", "jsonl", "-o", str(plain)])
    second = runner.invoke(
        app,
        [command, "--stories", str(path), "-f", "jsonl", "-o", str(dask), "--dask", "local:1"],
    )
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert dask.read_bytes() == plain.read_bytes()
    assert plain.read_text(encoding="utf-8").count("\n") == 10


def test_cli_dask_without_dask_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "stories.jsonl", _stories(4))
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if absent
    result = runner.invoke(
        app, ["summarize", "--stories", str(path), "-f", "jsonl", "--dask", "local:1"]
    )
    assert result.exit_code == 2
    assert 'pip install "storydesk[dask]"' in result.output


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("local", (None, 2)),
        ("local:3", (None, 3)),
        ("tcp://10.0.0.5:8786", ("tcp://10.0.0.5:8786", 0)),
    ],
)
def test_parse_dask_spec(spec: str, expected: tuple[str | None, int]) -> None:
    assert parse_dask_spec(spec) == expected


@pytest.mark.parametrize("spec", ["local:0", "local:x", " "])
def test_parse_dask_spec_rejects_bad_values(spec: str) -> None:
    with pytest.raises(ConfigError):
        parse_dask_spec(spec)


def test_run_on_dask_by_scheduler_address_matches_plain_run(client: Any, tmp_path: Path) -> None:
    from storydesk.batch.dask_runner import run_on_dask

    path = _write(tmp_path / "stories.jsonl", _stories(8))
    settings = load_settings(dask_chunk_bytes=800)
    got = list(run_on_dask(str(path), summarize_record, settings, client.scheduler.address))
    assert got == _plain(path)


@pytest.mark.parametrize("member", ["stories.jsonl", "stories.jsonl.gz"])
def test_run_on_client_reads_an_fsspec_url(client: Any, tmp_path: Path, member: str) -> None:
    """A chained fsspec URL (a member of a zip archive): each worker opens the URL itself
    (byte ranges), or the driver streams it (gzip); the records are the plain run's."""
    import zipfile

    lines = _stories(10)
    lines[5] = '{"id": "broken"'
    local = _write(tmp_path / member, lines)
    archive = tmp_path / "feed.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.write(local, member)
    url = f"zip://{member}::file://{archive}"
    settings = load_settings(dask_chunk_bytes=700, dask_chunk_lines=3)
    got = list(run_on_client(client, url, summarize_record, settings))
    plain = _plain(local)
    assert [g for g in got if not isinstance(g, InputError)] == [
        p for p in plain if not isinstance(p, str)
    ]
    assert [e.where for e in got if isinstance(e, InputError)] == [f"{url}:6"]


def _zipped(tmp_path: Path, lines: list[str]) -> tuple[Path, str]:
    import zipfile

    local = _write(tmp_path / "stories.jsonl", lines)
    with zipfile.ZipFile(tmp_path / "feed.zip", "w") as packed:
        packed.write(local, "stories.jsonl")
    return local, f"zip://stories.jsonl::file://{tmp_path / 'feed.zip'}"


def test_cli_dask_reads_a_url_byte_identically(tmp_path: Path) -> None:
    local, url = _zipped(tmp_path, _stories(6))
    plain, dask = tmp_path / "plain.jsonl", tmp_path / "dask.jsonl"
    first = runner.invoke(
        app, ["summarize", "--stories", str(local), "-f", "jsonl", "-o", str(plain)]
    )
    second = runner.invoke(
        app, ["summarize", "--stories", url, "-f", "jsonl", "-o", str(dask), "--dask", "local:1"]
    )
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert dask.read_bytes() == plain.read_bytes()


@pytest.mark.parametrize("command", ["summarize", "compare", "eval"])
def test_cli_url_without_dask_says_to_add_it(tmp_path: Path, command: str) -> None:
    _, url = _zipped(tmp_path, _stories(4))
    args = [command, url] if command == "eval" else [command, "--stories", url, "-f", "jsonl"]
    result = runner.invoke(app, args)
    said = " ".join(result.output.split())  # the console wraps long lines
    assert result.exit_code == 2
    assert "a URL is read only by Dask workers" in said and "--dask" in said


def test_eval_on_dask_reads_a_url_with_the_same_scores(client: Any, tmp_path: Path) -> None:
    from storydesk.evaluate.runner import run_eval
    from storydesk.evaluate.systems import make_systems

    lines = [
        json.dumps({**json.loads(line), "summaries": ["The harbour bridge closed for repairs."]})
        for line in _stories(6)
    ]
    local, url = _zipped(tmp_path, lines)
    settings = load_settings(words=60)
    systems = make_systems("storydesk,lead", settings)
    plain = run_eval(local, systems, words=60, settings=settings, skip_bad=True)
    remote = run_eval(
        url, systems, words=60, settings=settings, skip_bad=True, dask=client.scheduler.address
    )
    assert remote.sha256 == plain.sha256
    assert [s.mean_f1("rouge1") for s in remote.systems] == [
        s.mean_f1("rouge1") for s in plain.systems
    ]
