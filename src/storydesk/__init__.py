"""storydesk: many news reports in, one faithful, cited story out."""

from storydesk.api import summarize
from storydesk.errors import (
    BudgetError,
    ConfigError,
    InputError,
    ModelError,
    StoreError,
    StorydeskError,
)
from storydesk.settings import Settings, load_settings
from storydesk.types import Article, Citation, Junk, Sentence, Story, Summary, SummarySentence

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BudgetError",
    "Citation",
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
    "load_settings",
    "summarize",
]
