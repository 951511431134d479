"""The one Jinja2 environment every HTML page is rendered with: templates from
``storydesk/templates``, autoescape always on, and links only to http(s) addresses."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit


def safe_url(url: str | None) -> str | None:
    """The address if it is http(s); None for anything else (``javascript:``, ``data:``, files)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


@lru_cache(maxsize=1)
def environment() -> Any:
    # jinja2 is imported here: only the HTML outputs need it, and it costs start-up time.
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("storydesk", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def render_template(name: str, **context: Any) -> str:
    """The template ``name`` rendered with ``context``: every value escaped unless marked safe."""
    return str(environment().get_template(name).render(**context))
