"""Bytes to text, with every check a reader needs: missing, empty, binary, too big,
undecodable, corrupt gzip, and the lines of a JSONL file streamed with their numbers."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
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


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def check_file(path: Path, max_bytes: int | None = MAX_TEXT_BYTES) -> None:
    """Exists, is a file, is not empty, and (unless ``max_bytes`` is None) is not too big."""
    if not path.exists():
        raise InputError("input not found", where=str(path), hint="check the path and its spelling")
    if not path.is_file():
        raise InputError("not a regular file", where=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError("file is empty (0 bytes)", where=str(path), hint="give a file with text")
    if max_bytes is not None and size > max_bytes and not path.name.lower().endswith(".gz"):
        raise InputError(
            f"file is too big ({size / 1e6:.0f} MB > {max_bytes / 1e6:.0f} MB)",
            where=str(path),
            hint="split it into one article per file, or use JSONL (one article per line)",
        )


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
    check_file(path, max_bytes=None)  # a JSONL file may be any size: its lines are capped
    opener: Any = gzip.open if path.name.lower().endswith(".gz") else open
    got_any = False
    try:
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if len(raw) > MAX_TEXT_BYTES:
                    raise InputError(
                        f"line is too big ({len(raw) / 1e6:.0f} MB)",
                        where=f"{path}:{number}",
                        hint=f"articles are capped at {MAX_TEXT_BYTES // 2**20} MB of text",
                    )
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
