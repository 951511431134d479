"""Bytes to text, with every check a reader needs: missing, empty, binary, too big,
undecodable, corrupt gzip, and the lines of a JSONL file streamed with their numbers."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from storydesk.errors import InputError

MAX_TEXT_BYTES = 50 * 1024 * 1024  # per article text (and per plain file)
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
READABLE = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
ARTICLE_FIELDS = ("title", "url", "source", "published", "author")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# The cap a caller set from Settings (``max_article_mb``) for the reads it makes; None: the default.
_ARTICLE_CAP: ContextVar[int | None] = ContextVar("max_article_bytes", default=None)


def max_text_bytes() -> int:
    """The cap on one article's text (and one plain file) in force here."""
    cap = _ARTICLE_CAP.get()
    return MAX_TEXT_BYTES if cap is None else cap


@contextmanager
def article_cap(max_bytes: int) -> Iterator[None]:
    """Refuse articles above ``max_bytes`` in the reads made inside this block."""
    token = _ARTICLE_CAP.set(max_bytes)
    try:
        yield
    finally:
        _ARTICLE_CAP.reset(token)


def too_big(size: float, where: str, what: str) -> InputError:
    cap = max_text_bytes()
    return InputError(
        f"{what} is too big ({size / 2**20:.1f} MiB > the {cap / 2**20:.1f} MiB cap)",
        where=where,
        hint="split it, or raise max_article_mb (config file or STORYDESK_MAX_ARTICLE_MB)",
    )


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def check_file(path: Path, *, capped: bool = True) -> None:
    """Exists, is a file, is not empty, and (if ``capped``) not over the article cap."""
    if not path.exists():
        raise InputError("input not found", where=str(path), hint="check the path and its spelling")
    if not path.is_file():
        raise InputError("not a regular file", where=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError("file is empty (0 bytes)", where=str(path), hint="give a file with text")
    if capped and size > max_text_bytes() and not path.name.lower().endswith(".gz"):
        raise too_big(size, str(path), "file")


def decode(data: bytes, where: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else cp1252, else latin-1 with replacement."""
    if b"\x00" in data[:65536]:
        raise InputError(
            "binary file (contains NUL bytes)", where=where, hint="give a text, HTML or JSONL file"
        )
    text: str | None = None
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    if text is None:
        text = data.decode("latin-1", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise InputError(
            "binary file (mostly non-text bytes)",
            where=where,
            hint="give a text, HTML or JSONL file",
        )
    return text


def read_text(path: Path) -> str:
    check_file(path)
    text = decode(path.read_bytes(), str(path))
    if not text.strip():
        raise InputError(
            "file holds only whitespace", where=str(path), hint="give a file with text"
        )
    return text


def open_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, decoded line) of a JSONL or JSONL.gz file, streamed."""
    check_file(path, capped=False)  # a JSONL file may be any size: its lines are capped
    opener: Any = gzip.open if path.name.lower().endswith(".gz") else open
    got_any = False
    cap = max_text_bytes()
    try:
        with opener(path, "rb") as handle:
            number = 0
            # readline(cap + 1): a line over the cap is refused without reading all of it.
            while raw := handle.readline(cap + 1):
                number += 1
                if len(raw) > cap:
                    raise too_big(len(raw), f"{path}:{number}", "line")
                line = decode(raw, f"{path}:{number}")
                if line.strip():
                    got_any = True
                    yield number, line
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(
            f"cannot read compressed file: {exc}",
            where=str(path),
            hint="the gzip file is corrupt or truncated; compress it again",
        ) from exc
    if not got_any:
        raise InputError("file holds no JSON lines", where=str(path), hint="one JSON object a line")
