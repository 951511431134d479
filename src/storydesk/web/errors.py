"""One error shape for every failure: ``{"error": {"type", "message", "where", "hint"}}``.

4xx for what the client sent (malformed JSON, missing fields, too large, unknown story); 5xx only
for real faults, logged with their traceback on the server and never sent to the client. Pages
(anything outside /api/) get the same facts as a readable HTML page.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from storydesk.errors import StoreError, StorydeskError
from storydesk.types import SCHEMA_VERSION
from storydesk.web.service import NotFound, Refused

log = logging.getLogger("storydesk.web")


class BodyTooLarge(StarletteHTTPException):
    """The request body passed the configured cap (HTTP 413).

    An HTTPException, so that FastAPI's body parsing lets it through as it is."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")
        self.limit = limit


def error_body(kind: str, message: str, where: str | None, hint: str | None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "error": {"type": kind, "message": message, "where": where, "hint": hint},
    }


def respond(request: Request, status: int, body: dict[str, Any]) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(body, status_code=status)
    templates = request.app.state.templates
    return HTMLResponse(
        templates.get_template("error.html").render(
            request=request, status=status, error=body["error"]
        ),
        status_code=status,
    )


def _validation_message(error: dict[str, Any]) -> tuple[str, str]:
    location = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
    if error.get("type") == "json_invalid":
        return "malformed JSON: " + str(error.get("ctx", {}).get("error", "cannot parse")), "body"
    if tuple(error.get("loc", ())) == ("body",):
        return "the body must be one JSON object (Content-Type: application/json)", "body"
    if error.get("type") == "missing":
        return f'missing field "{location.rsplit(".", 1)[-1]}"', location
    return f"{location}: {error.get('msg', 'invalid value')}", location


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = list(exc.errors())
        message, where = _validation_message(errors[0]) if errors else ("invalid request", None)
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        first = errors[0] if errors else {}
        malformed = first.get("type") == "json_invalid" or tuple(first.get("loc", ())) == ("body",)
        status = 400 if malformed else 422
        hint = 'send JSON like {"articles": [{"id": "a1", "text": "..."}]}'
        return respond(request, status, error_body("InputError", message + more, where, hint))

    @app.exception_handler(json.JSONDecodeError)
    async def malformed(request: Request, exc: json.JSONDecodeError) -> Response:
        return respond(
            request, 400, error_body("InputError", f"malformed JSON: {exc.msg}", "body", None)
        )

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        body = error_body(
            "InputError",
            f"request body too large (over {exc.limit} bytes)",
            "body",
            "send fewer articles per request, or raise max_body_bytes in the settings",
        )
        return respond(request, 413, body)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if exc.moved_to is not None and not request.url.path.startswith("/api/"):
            # A story page whose story was regrouped: its articles' story, not a dead end.
            return RedirectResponse(f"/stories/{exc.moved_to}", status_code=302)
        hint = (
            f"read it at /api/stories/{exc.moved_to}"
            if exc.moved_to is not None
            else "list stories at /api/stories"
        )
        return respond(request, 404, error_body("NotFound", exc.message, exc.where, hint))

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return respond(request, exc.status, error_body("Refused", exc.message, None, exc.hint))

    @app.exception_handler(StorydeskError)
    async def storydesk_error(request: Request, exc: StorydeskError) -> Response:
        if isinstance(exc, StoreError):  # the server's own desk file: not the client's doing
            log.error("desk error on %s: %s", request.url.path, exc)
            return respond(request, 503, error_body(*exc.to_dict().values()))  # type: ignore[arg-type]
        return respond(request, 400, error_body(*exc.to_dict().values()))  # type: ignore[arg-type]

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        kind = "NotFound" if exc.status_code == 404 else "HTTPError"
        body = error_body(kind, str(exc.detail), request.url.path, None)
        response = respond(request, exc.status_code, body)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def fault(request: Request, exc: Exception) -> Response:
        log.exception("server fault on %s %s", request.method, request.url.path)
        body = error_body(
            "ServerError", "the server failed on this request; it is logged", None, None
        )
        return respond(request, 500, body)
