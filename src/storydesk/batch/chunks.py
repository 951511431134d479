"""A story file cut into chunks of lines that workers can read and run on their own.

An uncompressed file (a local path or any fsspec URL) is cut into byte ranges that end at line
ends; each worker reads its own range, so the driver never reads the stories. A gzip file cannot be
entered in the middle, so one reader (the driver) streams its lines and ships them in chunks.
A worker does not know on which line its range starts: it numbers lines from 1 and the driver, which
sees chunks in input order, adds the lines of the chunks before it, so every error names the same
``file:line`` as a run without workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storydesk.errors import InputError
from storydesk.ingest.records import parse_line, story_from_record
from storydesk.ingest.source import (
    article_cap,
    check_file,
    decode,
    max_text_bytes,
    open_lines,
    too_big,
)
from storydesk.settings import Settings
from storydesk.types import Story

StoryWork = Callable[[Story, Settings], dict[str, Any]]
"""A per-story worker function: (story, settings) -> its JSON-ready record (or error record)."""

# An item of a chunk's result: ("record", dict) or ("bad", line in chunk, message, where, hint).
Item = tuple[Any, ...]


@dataclass(frozen=True)
class Chunk:
    """Lines of a story file: a byte range of ``url``, or lines the driver has read."""

    origin: str  # names the file in errors and Article.origin, as a run without workers does
    url: str = ""
    offset: int = 0
    length: int = 0
    lines: tuple[tuple[int, str], ...] = ()  # (line number in the file, text) when shipped


@dataclass(frozen=True)
class ChunkResult:
    """What a worker sends back: lines it went through, and one item per non-blank line."""

    lines: int
    nonblank: int
    items: tuple[Item, ...]


def is_url(source: str) -> bool:
    return "://" in source and not source.startswith("file://")


def origin_of(source: str) -> str:
    """How a run without workers names the file (``str(Path(...))``), URLs as given."""
    return source if is_url(source) else str(Path(source.removeprefix("file://")))


def is_gzip(source: str) -> bool:
    """A gzip file, by name: of a chained fsspec URL (``zip://a.jsonl.gz::file:///b.zip``),
    the name is its first part's, the file the URL finally opens."""
    return source.split("::", 1)[0].lower().endswith(".gz")


def plan_chunks(source: str, chunk_lines: int, chunk_bytes: int) -> Iterator[Chunk]:
    """Chunks of ``source`` in input order: byte ranges, or (gzip) lines read here."""
    origin = origin_of(source)
    if is_gzip(source):
        batch: list[tuple[int, str]] = []
        for numbered in _read_lines(source):
            batch.append(numbered)
            if len(batch) >= chunk_lines:
                yield Chunk(origin, lines=tuple(batch))
                batch = []
        if batch:
            yield Chunk(origin, lines=tuple(batch))
        return
    size = _size(source)
    for offset in range(0, size, chunk_bytes):
        yield Chunk(origin, url=source, offset=offset, length=min(chunk_bytes, size - offset))


def _size(source: str) -> int:
    if not is_url(source):
        path = Path(origin_of(source))
        check_file(path, capped=False)
        return path.stat().st_size
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(source)
        size = int(fs.size(path))
    except (OSError, ValueError, ImportError) as error:
        raise InputError(f"cannot open {source}: {error}", where=source) from None
    if size == 0:
        raise InputError("file is empty (0 bytes)", where=source, hint="give a file with text")
    return size


def _read_lines(source: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of a gzip file: local paths exactly as ``open_lines`` reads them."""
    if not is_url(source):
        yield from open_lines(Path(origin_of(source)))
        return
    import fsspec

    try:
        with fsspec.open(source, "rb", compression="gzip") as handle:
            for number, raw in enumerate(handle, start=1):
                where = f"{source}:{number}"
                _check_line_size(raw, where)
                line = decode(raw, where)
                if line.strip():
                    yield number, line
    except (OSError, EOFError, ValueError) as error:
        raise InputError(f"cannot read {source}: {error}", where=source) from None


def _check_line_size(raw: bytes, where: str) -> None:
    if len(raw) > max_text_bytes():
        raise too_big(len(raw), where, "line")


def _block_lines(chunk: Chunk) -> tuple[int, list[tuple[int, str]]]:
    """(lines in the range, its non-blank lines numbered from 1) of a byte-range chunk."""
    import fsspec
    from fsspec.utils import read_block

    with fsspec.open(chunk.url, "rb") as handle:
        block = read_block(handle, chunk.offset, chunk.length, delimiter=b"\n")
    raws = block.split(b"\n")
    if raws and raws[-1] == b"":
        raws.pop()
    numbered: list[tuple[int, str]] = []
    for number, raw in enumerate(raws, start=1):
        where = f"{chunk.origin}:{number}"
        _check_line_size(raw, where)
        line = decode(raw + b"\n", where)
        if line.strip():
            numbered.append((number, line))
    return len(raws), numbered


def run_chunk(chunk: Chunk, work: StoryWork, settings: Settings) -> ChunkResult:
    """Runs on a worker: parse each line of the chunk into a story and apply ``work`` to it."""
    with article_cap(settings.max_article_bytes):
        return _run_chunk(chunk, work, settings)


def _run_chunk(chunk: Chunk, work: StoryWork, settings: Settings) -> ChunkResult:
    if chunk.url:
        count, numbered = _block_lines(chunk)
    else:
        count, numbered = 0, list(chunk.lines)
    items: list[Item] = []
    for number, line in numbered:
        prefix = f"{chunk.origin}:{number}"
        try:
            story = story_from_record(parse_line(line, prefix), prefix, chunk.origin)
        except InputError as error:
            if not settings.skip_bad:
                suffix = (error.where or prefix).removeprefix(prefix)
                items.append(("bad", number, error.message, suffix, error.hint))
            continue
        items.append(("record", work(story, settings)))
    return ChunkResult(count, len(numbered), tuple(items))


def resolve(result: ChunkResult, chunk: Chunk, lines_before: int) -> Iterator[Any]:
    """A chunk's items in order: record dicts, and InputErrors naming their line in the file."""
    shift = lines_before if chunk.url else 0
    for item in result.items:
        if item[0] == "record":
            yield item[1]
        else:
            _, number, message, suffix, hint = item
            yield InputError(message, where=f"{chunk.origin}:{number + shift}{suffix}", hint=hint)
