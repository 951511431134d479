"""The tools people use today, through their real libraries: sumy's LexRank, TextRank,
SumBasic and LSA (the optional extra ``storydesk[peers]``).

sumy is fed our sentences, not its own splitting: its default tokenizer needs NLTK's
punkt data, which storydesk never downloads, and feeding every system the same
sentences is what makes the comparison fair. Each summarizer rates all sentences; the
rating order is captured and cut by the shared word budget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storydesk.errors import ConfigError
from storydesk.evaluate.system import System
from storydesk.types import Sentence, Story

INSTALL_HINT = "install the peers with: pip install 'storydesk[peers]'"

# sumy's own rule for what counts as a word (letters, inner apostrophes and hyphens).
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

_SUMMARIZERS: dict[str, tuple[str, str]] = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
}


class WordTokenizer:
    """A sumy word tokenizer without NLTK data: words as sumy keeps them."""

    language = "english"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:
        # Never called: documents are built from our sentences.
        return (text,)


def _import_sumy() -> Any:
    try:
        import importlib

        return importlib.import_module("sumy")
    except ImportError:
        raise ConfigError(
            "the peer systems need sumy, which is not installed", hint=INSTALL_HINT
        ) from None


class SumyPeer(System):
    """One sumy summarizer, ranking our sentences."""

    def __init__(self, name: str, variant: str | None = None) -> None:
        super().__init__(variant)
        if name not in _SUMMARIZERS:
            known = ", ".join(_SUMMARIZERS)
            raise ConfigError(f"unknown peer {name!r}", hint=f"choose from {known}")
        self.peer = name
        self._summarizer: Any = None

    @property
    def label(self) -> str:
        return self.peer

    def _build(self) -> Any:
        if self._summarizer is None:
            _import_sumy()
            import importlib

            from sumy.nlp.stemmers import Stemmer
            from sumy.utils import get_stop_words

            module_name, class_name = _SUMMARIZERS[self.peer]
            summarizer = getattr(importlib.import_module(module_name), class_name)(
                Stemmer("english")
            )
            summarizer.stop_words = get_stop_words("english")
            self._summarizer = summarizer
        return self._summarizer

    def rank(self, story: Story, sentences: Sequence[Sentence], words: int) -> list[int]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        summarizer = self._build()
        tokenizer = WordTokenizer()
        # One sumy paragraph per (report, paragraph): LexRank and TextRank ignore them,
        # but the document keeps the reports' structure for any summarizer that looks.
        paragraphs: list[list[Any]] = []
        last: tuple[str, int] | None = None
        for sentence in sentences:
            key = (sentence.article_id, sentence.paragraph)
            if key != last:
                paragraphs.append([])
                last = key
            paragraphs[-1].append(SumySentence(sentence.text, tokenizer))
        document = ObjectDocumentModel([Paragraph(p) for p in paragraphs])
        captured: list[int] = []

        def keep_all(infos: Sequence[Any]) -> Sequence[Any]:
            # sumy passes the rated sentences sorted best first: that is the ranking.
            captured.extend(info.order for info in infos)
            return infos

        if len(document.sentences) != len(sentences):  # pragma: no cover - sumy drops none
            raise ConfigError(f"sumy kept {len(document.sentences)} of {len(sentences)} sentences")
        summarizer(document, keep_all)
        return captured


def make_peer(name: str, variant: str | None = None) -> SumyPeer:
    """A sumy peer; says how to install sumy if it is missing, before any story is read."""
    _import_sumy()
    return SumyPeer(name, variant)
