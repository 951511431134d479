"""Compiled regular expressions kept between runs, the way Python keeps bytecode.

A command compiles some 150 regular expressions at start-up (storydesk's cleaning catalogue,
discourse and name patterns, and those of the libraries it imports): ~0.1 CPU s of every
start, because ``re`` parses and compiles each pattern in Python. The compiled code depends
only on the pattern, its flags and the Python that compiled it, so it can be kept: ``save``
writes the code of the patterns in ``re``'s cache to one file in the package's ``__pycache__``
folder (a command line run does it when it compiled a pattern the file lacked, unless Python
may not write bytecode: ``PYTHONDONTWRITEBYTECODE`` or ``-B``), and ``load`` (at ``import
storydesk``) puts those patterns back into ``re``'s own cache, where every later
``re.compile`` of the same pattern and flags finds them and compiles nothing.

The patterns are the ones ``re`` would compile: the file holds what ``re``'s compiler produced
in this process, checked equal (``re.Pattern`` equality compares the compiled code) before it
is written, and it is read only by the same Python build (its full version string, the regular
expression engine's magic number and code size). Anything unexpected (no file, a file from
another Python, a damaged file, another ``re`` implementation) means nothing is loaded, and
``re`` compiles as usual. Whoever can write the package's ``__pycache__`` can write its bytecode
too: the file needs no more trust than the ``.pyc`` files beside it.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array
from importlib import import_module
from pathlib import Path
from typing import Any

_FORMAT = 1
_NAME = f"regex.{sys.implementation.cache_tag}.bin"
DEFAULT_PATH = Path(__file__).parent / "__pycache__" / _NAME

# (pattern, flags, the pattern's flags, code as bytes, groups, group index, index group)
_Entry = tuple[str, int, int, bytes, int, dict[str, int], tuple[str | None, ...]]
# What the entries of this process's file were, by (pattern, flags): saved again as they are.
_loaded: dict[tuple[str, int], _Entry] = {}


def _engine() -> tuple[Any, Any, Any, str] | None:
    """(_sre, re._parser, re._compiler, array type code) when this ``re`` is the one the cache
    knows (CPython's, with the module-level cache dict), else None."""
    try:
        sre = import_module("_sre")
        parser = import_module("re._parser")
        compiler = import_module("re._compiler")
    except ImportError:
        return None
    if not isinstance(getattr(re, "_cache", None), dict):
        return None
    needed = ((sre, "compile"), (parser, "parse"), (compiler, "_code"))
    if not all(callable(getattr(module, name, None)) for module, name in needed):
        return None
    for typecode in ("I", "L", "Q"):
        if array(typecode).itemsize == getattr(sre, "CODESIZE", 0):
            return sre, parser, compiler, typecode
    return None


def _tag(sre: Any) -> tuple[object, ...]:
    """Which Python wrote a cache file: only the same one reads it."""
    magic = getattr(sre, "MAGIC", None)
    return (_FORMAT, sys.implementation.name, sys.version, magic, sre.CODESIZE, sys.maxunicode)


def _re_cache() -> dict[Any, re.Pattern[Any]]:
    cache: dict[Any, re.Pattern[Any]] = re._cache  # type: ignore[attr-defined]
    return cache


def load(path: Path = DEFAULT_PATH) -> int:
    """Put the patterns a cache file holds into ``re``'s cache; the number put there."""
    engine = _engine()
    if engine is None:
        return 0
    sre, _parser, _compiler, typecode = engine
    try:
        tag, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return 0
    if tag != _tag(sre):
        return 0
    cache = _re_cache()
    count = 0
    for entry in entries:
        try:
            compiled = _rebuilt(sre, typecode, entry)
        except (RuntimeError, TypeError, ValueError, OverflowError):
            continue  # not code this engine accepts (its own check): compiled as usual
        cache.setdefault((str, entry[0], entry[1]), compiled)
        _loaded[entry[0], entry[1]] = entry
        count += 1
    return count


def _rebuilt(sre: Any, typecode: str, entry: _Entry) -> re.Pattern[str]:
    """The pattern object an entry describes (``_sre.compile`` checks the code first)."""
    pattern, _flags, pattern_flags, code, groups, groupindex, indexgroup = entry
    code_words = array(typecode, code).tolist()
    compiled: re.Pattern[str] = sre.compile(
        pattern, pattern_flags, code_words, groups, groupindex, indexgroup
    )
    return compiled


def _entry(engine: tuple[Any, Any, Any, str], pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` builds for a pattern, as data."""
    sre, parser, compiler, typecode = engine
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        pattern,
        flags,
        int(flags | parsed.state.flags),
        array(typecode, [int(word) for word in code]).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _patterns() -> list[tuple[str, int]]:
    """(pattern, flags) of the text patterns in ``re``'s cache."""
    return [
        (key[1], key[2]) for key in list(_re_cache()) if key[0] is str and not key[2] & re.DEBUG
    ]


def save(path: Path = DEFAULT_PATH) -> int:
    """Write the code of every text pattern in ``re``'s cache; the number written (0 when the
    file cannot be written: it is a cache)."""
    engine = _engine()
    if engine is None:
        return 0
    sre, _parser, _compiler, typecode = engine
    cache = _re_cache()
    entries: list[_Entry] = []
    for pattern, flags in _patterns():
        compiled = cache.get((str, pattern, flags))
        try:
            entry = _loaded.get((pattern, flags)) or _entry(engine, pattern, flags)
            same = compiled is not None and _rebuilt(sre, typecode, entry) == compiled
        except (re.error, RecursionError, RuntimeError, AttributeError, TypeError, ValueError):
            continue  # not something this module knows how to keep: compiled at each run
        if same:
            entries.append(entry)  # the same code, flags and pattern as ``re`` compiled
    import tempfile  # here: ``import storydesk`` (which loads) does not need it

    data: Any = (_tag(sre), entries)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return 0
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(marshal.dumps(data))
        os.chmod(temporary, os.stat(__file__).st_mode & 0o666)  # as Python's own .pyc files
        os.replace(temporary, path)  # readers see the old file or the new one, whole
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return 0
    for entry in entries:
        _loaded[entry[0], entry[1]] = entry
    return len(entries)


# A process compiles a few patterns no file can hold: nupunkt builds two from a set of
# characters, in an order that changes with each process's string hashing. A handful of new
# patterns is not worth a rewrite at every run; a changed catalogue or a first run is.
NEW_PATTERNS_TO_SAVE = 5


def save_if_new(path: Path = DEFAULT_PATH) -> int:
    """``save`` when the file was missing (or another Python's) or this process compiled at
    least ``NEW_PATTERNS_TO_SAVE`` patterns it lacks, and Python may write bytecode; the
    number written (0 when nothing was)."""
    if sys.dont_write_bytecode or _engine() is None:
        return 0
    new = sum(1 for key in _patterns() if key not in _loaded)
    if new == 0 or (_loaded and new < NEW_PATTERNS_TO_SAVE):
        return 0
    return save(path)
