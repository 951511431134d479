"""`storydesk serve`: flags map onto the app, 127.0.0.1 unless told otherwise, clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storydesk.cli import app

pytest.importorskip("fastapi", reason="storydesk serve needs the http extra")
runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(application: Any, **options: Any) -> None:
        seen.update(options, app=application)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_binds_localhost_by_default_and_creates_the_desk(
    tmp_path: Path, served: dict[str, Any]
) -> None:
    db = tmp_path / "new.sqlite"
    result = runner.invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    assert db.exists()
    assert served["app"].state.desk.read_only is False and served["app"].state.token is None


def test_serve_maps_read_only_token_host_and_port(tmp_path: Path, served: dict[str, Any]) -> None:
    args = ["serve", "--db", str(tmp_path / "d.sqlite"), "--host", "0.0.0.0", "--port", "9001"]
    result = runner.invoke(app, [*args, "--read-only", "--token", "T"])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("0.0.0.0", 9001)
    assert served["app"].state.desk.read_only is True and served["app"].state.token == "T"


def test_serve_on_a_folder_is_one_line_error(tmp_path: Path, served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path)])
    assert result.exit_code == 2 and "folder" in result.output and not served


def test_serve_help_imports_no_web_or_heavy_library() -> None:
    code = (
        "import sys\nfrom storydesk.cli import app\n"
        "sys.argv = ['storydesk', 'serve', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "web = ('fastapi', 'uvicorn', 'numpy', 'jinja2')\n"
        "print('LOADED', [m for m in web if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout
