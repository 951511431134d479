"""The compiled-pattern cache: what it loads is what ``re`` compiles, or nothing at all."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storydesk import regex_cache
from storydesk.story import clean_rules, discourse, people

REPO = Path(__file__).resolve().parents[1]

# Slow-to-compile patterns of the catalogue (IGNORECASE, DOTALL, named groups, lookbehinds,
# a speech-verb trie) and hand cases: inline flags, a backreference, a possessive class.
PATTERNS: list[tuple[str, int]] = [
    (clean_rules.WHOLE_RE.pattern, clean_rules.WHOLE_RE.flags),
    (discourse._PRONOUN_SPEAKER.pattern, discourse._PRONOUN_SPEAKER.flags),
    (people._SURNAME_ONLY.pattern, people._SURNAME_ONLY.flags),
    (r"(?i:getty)(?-i: Images)|(?P<word>\w+) (?P=word)", 0),
    (r"[^\W\d_]+(?<=[a-zé])\b", int(re.IGNORECASE)),
]
TEXTS = [
    "Advertisement",
    "story continues below advertisement",
    "By Jane Doe and John Roe",
    '"We will win," he said. She said they would.',
    "Mr. Smith said the the plan was fine; Smith told reporters.",
    "Photo: Getty Images Mark Twain café ſtory",
]


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """re's cache and the module's record of loaded entries, emptied and restored after."""
    saved_re, saved_loaded = dict(re._cache), dict(regex_cache._loaded)  # type: ignore[attr-defined]
    re.purge()
    regex_cache._loaded.clear()
    yield
    re.purge()
    re._cache.update(saved_re)  # type: ignore[attr-defined]
    regex_cache._loaded.clear()
    regex_cache._loaded.update(saved_loaded)


def _fresh_compile(pattern: str, flags: int) -> re.Pattern[str]:
    """The pattern compiled by re's compiler itself, whatever its cache holds."""
    compiler = pytest.importorskip("re._compiler")
    compiled: re.Pattern[str] = compiler.compile(pattern, flags)
    return compiled


def test_save_then_load_gives_the_patterns_re_compiles(tmp_path: Path, fresh_cache: None) -> None:
    for pattern, flags in PATTERNS:
        re.compile(pattern, flags)
    path = tmp_path / "regex.bin"
    assert regex_cache.save(path) >= len(PATTERNS)
    re.purge()
    regex_cache._loaded.clear()
    assert regex_cache.load(path) >= len(PATTERNS)
    for pattern, flags in PATTERNS:
        cached = re._cache[str, pattern, flags]  # type: ignore[attr-defined]
        assert re.compile(pattern, flags) is cached  # re compiles nothing: the cache answers
        fresh = _fresh_compile(pattern, flags)
        assert cached == fresh  # same code, flags and pattern
        assert (cached.groups, cached.groupindex) == (fresh.groups, fresh.groupindex)
        for text in TEXTS:
            found = [(m.span(), m.groups(), m.lastgroup) for m in cached.finditer(text)]
            assert found == [(m.span(), m.groups(), m.lastgroup) for m in fresh.finditer(text)]


def _storydesk_patterns() -> set[tuple[str, int]]:
    """(pattern, flags) of every pattern object a loaded storydesk module holds, at module level
    or inside a module-level tuple, list or dict (the catalogue's rule tables)."""
    found: set[tuple[str, int]] = set()

    def visit(value: object, depth: int) -> None:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found.add((value.pattern, value.flags & ~re.UNICODE))
        elif depth < 3 and isinstance(value, tuple | list):
            for item in value:
                visit(item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for item in value.values():
                visit(item, depth + 1)

    for name, module in list(sys.modules.items()):
        if name.startswith("storydesk.") and module is not None:
            for value in vars(module).values():
                visit(value, 0)
    return found


def test_every_pattern_of_a_summary_round_trips(tmp_path: Path, fresh_cache: None) -> None:
    """Every pattern storydesk's summary path holds (and those a summary compiles), saved and
    loaded, is equal to a fresh compile: the code the engine runs is the same."""
    from storydesk.api import summarize
    from storydesk.types import Article

    text = (
        "The new harbor bridge opened on Monday after four years of construction work. "
        "Mayor Jane Smith said the bridge would cut the morning commute by half. "
        '"We waited a long time for this," Smith told reporters at the opening ceremony.\n'
        "Photo: Getty Images"
    )
    summarize([Article("a", text), Article("b", text.replace("Monday", "Tuesday"))])
    patterns = _storydesk_patterns()
    assert len(patterns) > 50
    for pattern, flags in patterns:
        re.compile(pattern, flags)
    path = tmp_path / "regex.bin"
    written = regex_cache.save(path)
    re.purge()
    regex_cache._loaded.clear()
    assert regex_cache.load(path) == written >= len(patterns)
    cached = re._cache  # type: ignore[attr-defined]
    assert all((str, pattern, flags) in cached for pattern, flags in patterns)
    for (kind, pattern, flags), compiled in list(cached.items()):
        if kind is str:
            assert compiled == _fresh_compile(pattern, flags), pattern[:60]


@pytest.mark.parametrize(
    "content",
    [
        b"",  # empty
        b"not marshal data",
        marshal.dumps(((0, "another python"), [])),  # another Python's file
        marshal.dumps([1, 2, 3]),  # not (tag, entries)
    ],
)
def test_load_of_a_foreign_or_damaged_file_loads_nothing(
    tmp_path: Path, content: bytes, fresh_cache: None
) -> None:
    path = tmp_path / "regex.bin"
    path.write_bytes(content)
    assert regex_cache.load(path) == 0
    assert regex_cache.load(tmp_path / "missing.bin") == 0


def test_load_skips_code_the_engine_rejects(tmp_path: Path, fresh_cache: None) -> None:
    pattern, flags = PATTERNS[3]
    re.compile(pattern, flags)
    path = tmp_path / "regex.bin"
    regex_cache.save(path)
    tag, entries = marshal.loads(path.read_bytes())
    broken = [(e[0], e[1], e[2], e[3][: len(e[3]) // 2], *e[4:]) for e in entries]
    path.write_bytes(marshal.dumps((tag, broken)))
    re.purge()
    regex_cache._loaded.clear()
    assert regex_cache.load(path) == 0
    assert re.compile(pattern, flags) == _fresh_compile(pattern, flags)


@pytest.mark.parametrize(
    ("dont_write", "loaded", "new", "written"),
    [
        (True, 0, 3, False),  # PYTHONDONTWRITEBYTECODE / -B: never
        (False, 0, 3, True),  # no file yet: the first run writes it
        (False, 1, 0, False),  # nothing new
        (False, 1, regex_cache.NEW_PATTERNS_TO_SAVE - 1, False),  # a few per-process ones
        (False, 1, regex_cache.NEW_PATTERNS_TO_SAVE, True),  # the catalogue changed
    ],
)
def test_save_if_new_writes_only_when_worth_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fresh_cache: None,
    dont_write: bool,
    loaded: int,
    new: int,
    written: bool,
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", dont_write)
    path = tmp_path / "regex.bin"
    for k in range(loaded):
        regex_cache._loaded[f"loaded{k}", 0] = ("loaded", 0, 0, b"", 0, {}, ())
    for k in range(new):
        re.compile(f"new pattern {k}")
    assert (regex_cache.save_if_new(path) > 0) is written
    assert path.exists() is written


def test_command_line_run_writes_the_cache_and_the_next_loads_it(tmp_path: Path) -> None:
    """A real command writes the file beside the bytecode; a second run takes its patterns
    from it and writes nothing."""
    code = (
        "import sys, re\n"
        "from pathlib import Path\n"
        "from storydesk import regex_cache\n"
        # Forget what ``import storydesk`` loaded from the package's own file.
        "re.purge()\n"
        "regex_cache._loaded.clear()\n"
        "regex_cache.DEFAULT_PATH = Path(sys.argv[1])\n"
        "loaded = regex_cache.load(regex_cache.DEFAULT_PATH)\n"
        "from storydesk.story import clean_rules\n"
        "print('LOADED', loaded, clean_rules.WHOLE_RE is re._cache[str, "
        "clean_rules.WHOLE_RE.pattern, clean_rules.WHOLE_RE.flags & ~re.UNICODE])\n"
        "print('SAVED', regex_cache.save_if_new(regex_cache.DEFAULT_PATH))\n"
    )
    path = tmp_path / "regex.bin"
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        for _ in range(2)
    ]
    assert "LOADED 0 True" in runs[0] and "SAVED 0" not in runs[0]
    assert "LOADED 0" not in runs[1] and "True" in runs[1] and "SAVED 0" in runs[1]
    assert path.exists()


def test_an_re_without_the_known_compiler_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: None
) -> None:
    re.compile("kept (alone)")
    path = tmp_path / "regex.bin"
    monkeypatch.delattr("re._compiler._code")  # another Python's re: nothing to save or load
    assert regex_cache.save(path) == 0 and not path.exists()
    assert regex_cache.save_if_new(path) == 0 and regex_cache.load(path) == 0
