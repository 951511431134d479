from __future__ import annotations

import pytest
from typer.testing import CliRunner

from storydesk.cli import _one_command_app, app

runner = CliRunner()


@pytest.mark.parametrize(
    "argv",
    [
        ["summarize", "--help"],
        ["cluster", "--help"],
        ["eval", "--help"],
        ["summarize", "--no-such-flag"],
        ["summarize", "--stories", "/no/such/file.jsonl", "-f", "jsonl"],
        ["--version"],
    ],
)
def test_one_command_app_answers_as_the_whole_app(argv: list[str]) -> None:
    name = next((word for word in argv if not word.startswith("-")), "summarize")
    single = _one_command_app(name)
    assert single is not None
    assert [info.name for info in single.registered_commands] == [name]
    whole, alone = runner.invoke(app, argv), runner.invoke(single, argv)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


@pytest.mark.parametrize("name", ["summarise", "--help", ""])
def test_one_command_app_is_none_for_other_words(name: str) -> None:
    assert _one_command_app(name) is None
    assert len(app.registered_commands) == 12  # the whole app keeps every command


@pytest.mark.parametrize(
    ("name", "threads"), [("summarize", "1"), ("compare", "1"), ("cluster", None), ("train", None)]
)
def test_main_sets_one_blas_thread_for_per_story_commands_only(
    monkeypatch: pytest.MonkeyPatch, name: str, threads: str | None
) -> None:
    import gc
    import os
    import sys

    from storydesk import cli

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setattr(sys, "argv", ["storydesk", name])
    monkeypatch.setattr(cli, "_one_command_app", lambda name: lambda: None)  # run nothing
    before = gc.get_threshold()
    try:
        cli.main()
        assert os.environ.get("OPENBLAS_NUM_THREADS") == threads
        assert gc.get_threshold()[0] == 50_000
    finally:
        gc.set_threshold(*before)
