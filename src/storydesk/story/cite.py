"""Link every summary sentence to every source that supports it, with exact offsets.

A report is cited only when the span cited says what the sentence says:

- in share: the span carries at least ``support`` of the sentence's content terms and
  adjacent content-term pairs (word order counts too);
- in absolute terms: it shares at least ``MIN_SHARED_TERMS`` distinct content terms, unless it
  repeats the sentence word for word; two common words ("best", "decision") or a name alone
  ("Ariel Winter") never make a sentence supported;
- without negating it: content the sentence negates ("no reports of casualties") must be negated
  in the span too, and content the span negates must be negated in the sentence;
- without contradicting its figures: a span that lacks one of the sentence's numbers while
  giving another of its own reports a different figure;
- a question is supported only by a question: a statement that names its subject answers nothing.

Disagreements belong to the comparison of sources, as conflicts; they are never citations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storydesk.story.repair import LOST
from storydesk.story.represent import Representation, tokens
from storydesk.types import Citation, Sentence, SummarySentence

MIN_SHARED_TERMS = 3  # distinct content terms a cited span must share with the sentence
WINDOW_TERMS = 2  # content terms each sentence of a cited pair must bring of its own
VERBATIM_TOKENS = 5  # a span repeating at least this many tokens in order supports them
# Negation cues as ROUGE tokens (Porter stems): "nothing" -> "noth", "nobody" -> "nobodi";
# "n't" splits into "...n" + "t" ("doesn t", "can t", "won t").
NEGATION_CUES = frozenset(
    "no not never none nobodi noth neither nor without cannot nowher".split()  # noqa: SIM905
)
NEGATION_REACH = 5  # tokens after a cue that it negates
_QUESTION_END = "?\"'”’)»"
# Negation reaches no further than its clause.
_CLAUSE = re.compile(r"[,;:.!?()\[\]—–\"“”]|\s-\s")


@dataclass(frozen=True)
class Span:
    """What a candidate text says, as the rule reads it: tokens, content terms, evidence."""

    tokens: tuple[str, ...]
    content: frozenset[str]
    evidence: frozenset[str]
    text: str


def span_of(rows: Sequence[int], sentences: Sequence[Sentence], rep: Representation) -> Span:
    toks: tuple[str, ...] = ()
    content: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    for row in rows:
        toks += rep.tokens[row]
        content |= rep.content[row]
        evidence |= rep.evidence[row]
    return Span(toks, content, evidence, " ".join(sentences[row].text for row in rows))


def negated_terms(text: str) -> frozenset[str]:
    """ROUGE tokens within ``NEGATION_REACH`` after a negation cue, inside its own clause
    ("there's no specific treatment, according to the CDC" negates "specific treatment")."""
    negated: set[str] = set()
    for clause in _CLAUSE.split(text):
        toks = tokens(clause)
        for i, token in enumerate(toks):
            if token in NEGATION_CUES or (token == "t" and i > 0 and toks[i - 1].endswith("n")):
                negated.update(toks[i + 1 : i + 1 + NEGATION_REACH])
    return frozenset(negated)


def _one_sided_negation(claim: Span, source: Span, shared: frozenset[str]) -> bool:
    """Whether one text negates shared content that the other asserts: at least two shared
    terms, or half of them, under negation on one side and none on the other."""
    mine = negated_terms(claim.text) & shared
    theirs = negated_terms(source.text) & shared
    one_sided = mine if not theirs else (theirs if not mine else frozenset())
    return len(one_sided) >= min(2, max(1, len(shared) // 2))


def _numbers(toks: Sequence[str]) -> frozenset[str]:
    return frozenset(t for t in toks if t.isdigit())


def _verbatim(claim: Sequence[str], source: Sequence[str]) -> bool:
    if len(claim) < VERBATIM_TOKENS:
        return False
    return f" {' '.join(claim)} " in f" {' '.join(source)} "


def _is_question(text: str) -> bool:
    return text.rstrip().rstrip(_QUESTION_END[1:]).endswith("?")


def refusal(claim: Span, source: Span, support: float) -> str | None:
    """Why ``source`` does not support ``claim`` (a short reason), or None when it does."""
    if not claim.evidence:
        return "no-content"
    if len(claim.evidence & source.evidence) / len(claim.evidence) < support:
        return "share"
    shared = claim.content & source.content
    if len(shared) < MIN_SHARED_TERMS and not _verbatim(claim.tokens, source.tokens):
        return "few-terms"
    if _one_sided_negation(claim, source, shared):
        return "negation"
    mine, theirs = _numbers(claim.tokens), _numbers(source.tokens)
    if mine - theirs and theirs - mine:
        return "number"
    if _is_question(claim.text) and "?" not in source.text:
        return "question"
    return None


def _windows(
    rows: np.ndarray, index: int, rep: Representation, support: float
) -> list[tuple[float, int, int]]:
    """The two adjacent sentence pairs of one article that contain most of sentence ``index``
    (none when the whole article holds less than ``support`` of it).

    Reports often split what another says in one sentence ("…," she said. / "…"): the pair
    supports it even where neither sentence does alone.
    """
    wanted = rep.evidence[index]
    if not wanted or len(rows) < 2:
        return []
    found = [wanted & rep.evidence[row] for row in rows.tolist()]
    if len(frozenset().union(*found)) < len(wanted) * support:
        return []
    shares = [len(a | b) for a, b in zip(found[:-1], found[1:], strict=True)]
    best = sorted(range(len(shares)), key=lambda k: -shares[k])[:2]
    return [(shares[k] / len(wanted), int(rows[k]), int(rows[k + 1])) for k in best]


def supporting_span(
    index: int, article: int, sentences: Sequence[Sentence], rep: Representation, support: float
) -> tuple[int, int] | None:
    """(first, last) sentence rows of ``article`` that support sentence ``index``, or None.

    The best single sentence is tried first, then the best adjacent pairs in which each
    sentence brings content of its own.
    """
    claim = span_of([index], sentences, rep)
    best = int(rep.support_at[index, article])
    if (
        best >= 0
        and rep.support[index, article] >= support
        and refusal(claim, span_of([best], sentences, rep), support) is None
    ):
        return best, best
    rows = rep.article_rows[article]
    for share, first, last in _windows(rows, index, rep, support):
        if share < support:
            break
        if not _both_contribute(claim.content, rep.content[first], rep.content[last]):
            continue
        if refusal(claim, span_of([first, last], sentences, rep), support) is None:
            return first, last
    return None


def _both_contribute(wanted: frozenset[str], first: frozenset[str], last: frozenset[str]) -> bool:
    """Whether a pair of sentences is one account split in two, not two sentences that each
    happen to share a word: each brings content terms of its own, at least ``WINDOW_TERMS``
    each, or one when the other alone already carries ``MIN_SHARED_TERMS``. One word from a
    neighbour ("people", two clauses from "didn't want to believe it") is chance."""
    own_first, own_last = len((wanted & first) - last), len((wanted & last) - first)
    if min(own_first, own_last) >= WINDOW_TERMS:
        return True
    core = max(len(wanted & first), len(wanted & last))
    return min(own_first, own_last) >= 1 and core >= MIN_SHARED_TERMS


def _clean_version(
    index: int, sentences: Sequence[Sentence], rep: Representation, sources: Mapping[str, str]
) -> int:
    """Another report's word-for-word version of a sentence whose source lost a character."""
    sentence = sentences[index]
    if LOST not in sources[sentence.article_id][sentence.start : sentence.end]:
        return index
    for other, candidate in enumerate(sentences):
        if (
            candidate.article_id != sentence.article_id
            and rep.tokens[other] == rep.tokens[index]
            and LOST not in sources[candidate.article_id][candidate.start : candidate.end]
        ):
            return other
    return index


def cite(
    index: int,
    sentences: Sequence[Sentence],
    rep: Representation,
    *,
    support: float,
    score: float = 0.0,
    sources: Mapping[str, str] | None = None,
) -> SummarySentence:
    """The sentence's own span is the first citation; every other article holding a sentence
    (or pair of adjacent sentences) that supports it under the rule above is cited at that span.

    With ``sources`` (article id → original text), a sentence whose original lost a character
    (U+FFFD) is taken from another report that prints it word for word, when one does.
    """
    if sources is not None:
        index = _clean_version(index, sentences, rep, sources)
    sentence = sentences[index]
    citations = [Citation(sentence.article_id, sentence.start, sentence.end)]
    own = int(rep.article_of[index])
    for article in range(rep.support.shape[1]):
        if article == own:
            continue
        span = supporting_span(index, article, sentences, rep, support)
        if span is not None:
            first, last = sentences[span[0]], sentences[span[1]]
            citations.append(Citation(first.article_id, first.start, last.end))
    return SummarySentence(text=sentence.text, citations=tuple(citations), score=score)
