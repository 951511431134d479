"""Can a person read the summary? Orphans, speakerless quotations, openings, fragments, mojibake.

The definitions (issue #12), applied to any system's output sentences, so storydesk, lead and
every peer are measured alike:

- **orphan**: a sentence that leans on the one before it (opens on he, she, it, they, this, but,
  however, … — not expletive "It is …" nor "This year …" —, starts in lower case, or closes a
  quotation it did not open) while the sentence before it in the summary is not the one it
  follows in its report. A lower-case start counts only when the reports are cased (most of
  their sentences start with a capital), not in lower-cased corpora, and not when the
  sentence opens a paragraph of its report.
- **speakerless quotation**: a sentence that is mostly quoted text (half its letters or more
  inside quotation marks, counting a quotation continued from the previous summary sentence),
  where no sentence of its quotation, nor the summary sentence right before or after it, says who
  spoke (a speech verb or "according to" outside the quotation marks).
- **not opening on the news**: the summary's first sentence is a quotation, an orphan or a
  question.
- **fragment**: a sentence that does not end as one (no full stop, "!", "?" or "…" before its
  closing quotation marks): a report cut off mid-sentence ("… for the start of his"), a
  heading or a caption line, a lead-in ending on a colon.
- **mojibake**: U+FFFD replacement characters and typical UTF-8-read-as-Latin-1 sequences
  ("â€™", "Ã©", "Â ") in the output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storydesk.story.discourse import (
    as_curly,
    continues_quote,
    first_word,
    is_cased,
    is_question,
    is_quotation,
    leans_by_opener,
    names_speaker,
    opens_quote,
    quote_balance,
)
from storydesk.story.units import ends_as_sentence

MOJIBAKE = re.compile("\ufffd|â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf ]|ï¿½")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Readability:
    """Counts for one summary (or, summed, for many)."""

    sentences: int = 0
    orphans: int = 0
    speakerless: int = 0
    summaries: int = 0
    off_news_openings: int = 0
    mojibake: int = 0
    fragments: int = 0

    def __add__(self, other: Readability) -> Readability:
        return Readability(
            self.sentences + other.sentences,
            self.orphans + other.orphans,
            self.speakerless + other.speakerless,
            self.summaries + other.summaries,
            self.off_news_openings + other.off_news_openings,
            self.mojibake + other.mojibake,
            self.fragments + other.fragments,
        )

    @property
    def orphan_pct(self) -> float:
        return 100.0 * self.orphans / self.sentences if self.sentences else 0.0

    @property
    def speakerless_pct(self) -> float:
        return 100.0 * self.speakerless / self.sentences if self.sentences else 0.0

    @property
    def fragment_pct(self) -> float:
        return 100.0 * self.fragments / self.sentences if self.sentences else 0.0

    @property
    def off_news_pct(self) -> float:
        return 100.0 * self.off_news_openings / self.summaries if self.summaries else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "sentences": self.sentences,
            "orphan_pct": self.orphan_pct,
            "speakerless_pct": self.speakerless_pct,
            "off_news_pct": self.off_news_pct,
            "fragment_pct": self.fragment_pct,
            "mojibake": self.mojibake,
        }


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def follows_in_source(previous: str, sentence: str, sources: Sequence[str]) -> bool:
    """``previous`` stands right before ``sentence`` (only white space between) in a report."""
    wanted = _flat(previous) + " " + _flat(sentence)
    return any(wanted in source for source in sources)


def is_orphan(
    index: int,
    sentences: Sequence[str],
    sources: Sequence[str],
    cased: bool = True,
    paragraphs: Sequence[str] = (),
) -> bool:
    """Leans on a predecessor that is not right before it in the summary (a lower-case start
    counts only in ``cased`` text, and not at the start of a paragraph of ``paragraphs``)."""
    text = sentences[index]
    if not (leans_by_opener(text, cased) or continues_quote(text)):
        return False
    flat = _flat(text)
    lower_start = first_word(flat)[:1].islower() and not leans_by_opener(text.capitalize())
    opens_paragraph = any(p.startswith(flat) for p in paragraphs or sources)
    if lower_start and opens_paragraph and not continues_quote(text):
        return False  # a paragraph's own first words: nothing before it to lean on
    return index == 0 or not follows_in_source(sentences[index - 1], text, sources)


def _quote_open_after(text: str, inside: bool) -> bool:
    """Whether a quotation is still open after the sentence, given whether one was before it."""
    text = as_curly(text)
    if not inside:
        return opens_quote(text)
    closes = [i for i in (text.find("”"), text.find('"')) if i >= 0]
    if not closes:
        return True
    return quote_balance(text[min(closes) + 1 :]) > 0


def speakerless_flags(sentences: Sequence[str]) -> list[bool]:
    """Per sentence: a quotation whose run of sentences, and neighbours, name no speaker."""
    inside = [False] * len(sentences)
    for k in range(1, len(sentences)):
        inside[k] = _quote_open_after(sentences[k - 1], inside[k - 1])
    # Runs: a sentence continuing a quotation left open belongs with the one before it.
    runs: list[list[int]] = []
    for k in range(len(sentences)):
        if k and inside[k]:
            runs[-1].append(k)
        else:
            runs.append([k])
    flags = [False] * len(sentences)
    for run in runs:
        quoted = [k for k in run if is_quotation(sentences[k], inside[k])]
        if not quoted:
            continue
        around = [k for k in (run[0] - 1, run[-1] + 1) if 0 <= k < len(sentences)]
        spoken = any(names_speaker(sentences[k], inside[k]) for k in run) or any(
            names_speaker(sentences[k], inside[k]) for k in around
        )
        if not spoken:
            for k in quoted:
                flags[k] = True
    return flags


def opens_off_news(
    sentences: Sequence[str],
    sources: Sequence[str] = (),
    cased: bool = True,
    paragraphs: Sequence[str] = (),
) -> bool:
    """The first sentence is a quotation, an orphan or a question."""
    if not sentences:
        return False
    first = sentences[0]
    orphan = is_orphan(0, sentences, sources, cased, paragraphs)
    return is_quotation(first) or orphan or is_question(first)


def mojibake_count(text: str) -> int:
    return len(MOJIBAKE.findall(text))


def measure(sentences: Sequence[str], sources: Sequence[str] = ()) -> Readability:
    """The readability counts of one summary, given the reports it was made from."""
    sentences = [s for s in sentences if s.strip()]
    if not sentences:
        return Readability()
    flat_sources = [_flat(s) for s in sources]
    paragraphs = [_flat(p) for s in sources for p in s.split("\n") if p.strip()]
    cased = is_cased(flat_sources or sentences)
    orphans = sum(
        is_orphan(k, sentences, flat_sources, cased, paragraphs) for k in range(len(sentences))
    )
    return Readability(
        sentences=len(sentences),
        orphans=orphans,
        speakerless=sum(speakerless_flags(sentences)),
        summaries=1,
        off_news_openings=int(opens_off_news(sentences, flat_sources, cased, paragraphs)),
        mojibake=sum(mojibake_count(s) for s in sentences),
        fragments=sum(not ends_as_sentence(s) for s in sentences),
    )


def total(parts: Sequence[Readability]) -> Readability:
    result = Readability()
    for part in parts:
        result = result + part
    return result
