"""`storydesk serve`: the desk on the web (FastAPI + uvicorn, imported only when serving)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storydesk.cli.common import reports_errors, settings_from_flags, stderr
from storydesk.errors import ConfigError


@reports_errors
def serve_command(
    db: Annotated[Path, typer.Option(help="The desk database (created empty if missing).")] = Path(
        "desk.sqlite"
    ),
    host: Annotated[
        str, typer.Option(help="Interface to bind; 0.0.0.0 exposes the desk to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Refuse every write (adding articles).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="STORYDESK_TOKEN",
            help="Writes need 'Authorization: Bearer <token>' (or env STORYDESK_TOKEN).",
        ),
    ] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
) -> None:
    """Serve the desk: pages to browse, search and summarize, and a JSON API (/docs)."""
    try:
        import uvicorn

        from storydesk.web.app import create_app
    except ImportError as missing:
        raise ConfigError(
            f"`storydesk serve` needs the http extra ({missing.name} is not installed)",
            hint="pip install 'storydesk[http]'",
        ) from None
    if db.exists() and db.is_dir():
        raise ConfigError("--db is a folder", where=str(db), hint="give a desk file")
    app = create_app(db, read_only=read_only, token=token, settings=settings_from_flags(config))
    mode = "read-only" if read_only else "token required for writes" if token else "writable"
    stderr.print(f"storydesk: serving {db} ({mode}) on http://{host}:{port}/", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
