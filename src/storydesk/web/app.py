"""The web desk's application factory: JSON API, HTML pages, static files, guards."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from storydesk.settings import Settings, load_settings
from storydesk.types import SCHEMA_VERSION
from storydesk.web import api, pages
from storydesk.web.errors import install_error_handlers
from storydesk.web.guards import BodyLimit, SecurityHeaders, refuse_cross_site
from storydesk.web.service import DeskService

HERE = Path(__file__).resolve().parent


def templates() -> Environment:
    """Jinja2 templates, every value escaped unless a template says otherwise (none does)."""
    env = Environment(
        loader=PackageLoader("storydesk.web", "templates"),
        autoescape=select_autoescape(["html"], default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["schema_version"] = SCHEMA_VERSION
    return env


def create_app(
    db: Path | str,
    *,
    read_only: bool = False,
    token: str | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The web desk over the desk file ``db`` (created empty if missing)."""
    from storydesk import __version__

    settings = settings or load_settings()
    desk = DeskService(Path(db), settings, read_only=read_only)
    desk.open()
    app = FastAPI(
        title="storydesk",
        version=__version__,
        description="Many news reports in, one faithful, cited story out: the desk over HTTP.",
        docs_url=None,  # /docs is our own page (pages.py): Swagger UI would load from a CDN
        redoc_url=None,
        dependencies=[Depends(refuse_cross_site)],
    )
    app.state.desk = desk
    app.state.token = token or None
    app.state.templates = templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("storydesk.web", "static")]), name="static")
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
