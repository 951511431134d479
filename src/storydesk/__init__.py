"""storydesk: many news reports in, one faithful, cited story out.

The public names below load on first use (PEP 562), so ``import storydesk`` and the command
line's start-up pay only for what they touch: numpy, scipy and the model load with the first
summary, not with the package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from storydesk import regex_cache as _regex_cache

__version__ = "0.1.0"

# Before any storydesk module compiles its patterns: the ones an earlier run compiled and saved
# are taken from the cache (see regex_cache; ~0.1 CPU s of every start).
_regex_cache.load()

# Public name -> the module that defines it. Lazy so that no function is shadowed by a
# subpackage of the same name, and nothing heavy loads before it is needed.
_PUBLIC: dict[str, str] = {
    "summarize": "storydesk.api",
    "compare": "storydesk.api",
    "Comparison": "storydesk.comparison.types",
    "Article": "storydesk.types",
    "Citation": "storydesk.types",
    "Junk": "storydesk.types",
    "Sentence": "storydesk.types",
    "Story": "storydesk.types",
    "Summary": "storydesk.types",
    "SummarySentence": "storydesk.types",
    "Settings": "storydesk.settings",
    "load_settings": "storydesk.settings",
    "StorydeskError": "storydesk.errors",
    "InputError": "storydesk.errors",
    "ConfigError": "storydesk.errors",
    "BudgetError": "storydesk.errors",
    "ModelError": "storydesk.errors",
    "StoreError": "storydesk.errors",
}

__all__ = [
    "Article",
    "BudgetError",
    "Citation",
    "Comparison",
    "ConfigError",
    "InputError",
    "Junk",
    "ModelError",
    "Sentence",
    "Settings",
    "StoreError",
    "Story",
    "StorydeskError",
    "Summary",
    "SummarySentence",
    "__version__",
    "compare",
    "load_settings",
    "summarize",
]

if TYPE_CHECKING:
    from storydesk.api import compare, summarize
    from storydesk.comparison.types import Comparison
    from storydesk.errors import (
        BudgetError,
        ConfigError,
        InputError,
        ModelError,
        StoreError,
        StorydeskError,
    )
    from storydesk.settings import Settings, load_settings
    from storydesk.types import (
        Article,
        Citation,
        Junk,
        Sentence,
        Story,
        Summary,
        SummarySentence,
    )


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'storydesk' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
