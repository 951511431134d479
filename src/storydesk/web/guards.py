"""ASGI middleware: a cap on request bodies, and security headers on every response; and the
check that refuses a write sent from another site's page."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storydesk.web.errors import BodyTooLarge
from storydesk.web.service import Refused

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def refuse_cross_site(request: Request) -> None:
    """A page on another site can make a browser post a form here (the server is on the user's
    own machine, often without a token): refuse writes the browser says came from elsewhere.
    Browsers send Sec-Fetch-Site and Origin; scripts and curl send neither and pass."""
    if request.method in SAFE_METHODS:
        return
    fetch_site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if fetch_site is not None:
        crossed = fetch_site not in ("same-origin", "none")
    elif origin is not None:
        crossed = origin == "null" or urlsplit(origin).netloc != request.headers.get("host")
    else:
        return
    if crossed:
        raise Refused(
            "a request from another site's page was refused",
            403,
            "send it from this server's own pages, or from a script (no browser Origin)",
        )


# Pages load only their own CSS and JS; no inline script, no framing, forms post only here.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class BodyLimit:
    """Refuse bodies over ``limit`` bytes: by Content-Length at once, else while reading."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            scope["storydesk.too_large"] = True
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            if scope.get("storydesk.too_large"):
                raise BodyTooLarge(self.limit)
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counted, send)


class SecurityHeaders:
    """Content-Security-Policy and friends on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
