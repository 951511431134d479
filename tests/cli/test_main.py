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
