"""What most reports state (agreement) and what only one states (exclusives), cited.

Both read the summarizer's own measure of support (story.represent): the share of a sentence's
content terms and term pairs that a report's best-matching sentence carries. A sentence is
stated by a report at ``AGREEMENT_SUPPORT`` or more, and by no other report when no report
carries more than ``ALONE`` of it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storydesk.comparison.reports import Reports
from storydesk.comparison.types import Claim
from storydesk.story.cite import cite
from storydesk.story.represent import Representation, represent
from storydesk.types import Citation

ALONE = 0.35  # no other report carries more than this share of an exclusive's content
# A report states a fact when it carries half of the sentence's content terms and pairs: lower
# than the summary's citation rule (settings.support, 0.65), which asks for the same sentence,
# not the same fact; at 0.65 two thirds of the raw dev stories had no agreement at all (20/30),
# at 0.5 half (15/30).
AGREEMENT_SUPPORT = 0.5
MIN_WORDS = 8  # shorter sentences are fragments, datelines, captions
MAX_WORDS = 60  # longer ones are run-ons from bad splits


def represent_reports(reports: Reports) -> Representation:
    index = {a.id: i for i, a in enumerate(reports.articles)}
    return represent(
        [s.text for s in reports.sentences],
        [index[s.article_id] for s in reports.sentences],
        len(reports.articles),
    )


def importance(reports: Reports, rep: Representation) -> np.ndarray:
    """How central a sentence is to the story (cosine with the story's TF-IDF centroid),
    a little higher early in its report, where news puts what matters."""
    if not reports.sentences:
        return np.zeros(0)
    centroid = rep.terms.centroid()
    central = rep.terms.matrix.dot(centroid)
    positions = np.asarray([s.position for s in reports.sentences], dtype=np.float64)
    return central / (1.0 + 0.05 * positions)


def _fits(words: int) -> bool:
    return MIN_WORDS <= words <= MAX_WORDS


def _pick(
    candidates: Sequence[int], scores: np.ndarray, rep: Representation, limit: int
) -> list[int]:
    """The best candidates, skipping any that repeats a chosen one (the same sentence in
    another report, or most of its content)."""
    chosen: list[int] = []
    for i in sorted(candidates, key=lambda i: (-scores[i], i)):
        if len(chosen) >= limit:
            break
        content = rep.evidence[i]
        if any(content and len(content & rep.evidence[j]) / len(content) >= 0.5 for j in chosen):
            continue
        chosen.append(i)
    return chosen


def agreement(
    reports: Reports, rep: Representation, scores: np.ndarray, *, support: float, limit: int
) -> list[Claim]:
    """The main facts most reports (at least two) state, each cited to every one of them."""
    n_articles = len(reports.articles)
    if n_articles < 2:
        return []
    needed = max(2, (n_articles + 1) // 2)
    others = rep.support >= support
    others[np.arange(len(reports.sentences)), rep.article_of] = False
    candidates: list[int] = []
    counts: dict[int, int] = {}
    for i, sentence in enumerate(reports.sentences):
        count = 1 + int(others[i].sum())  # its own report and every other that states it
        if count >= needed and _fits(sentence.words):
            candidates.append(i)
            counts[i] = count
    # More reports first, then importance.
    ranked = scores + np.asarray(
        [counts.get(i, 0) for i in range(len(reports.sentences))], dtype=np.float64
    )
    claims = []
    for i in sorted(_pick(candidates, ranked, rep, limit)):
        cited = cite(i, reports.sentences, rep, support=support)
        claims.append(Claim(cited.text, cited.citations))
    return claims


def exclusives(
    reports: Reports, rep: Representation, scores: np.ndarray, *, limit: int
) -> list[Claim]:
    """What only one report states, most important first."""
    if len(reports.articles) < 2:
        return []
    candidates = []
    for i, sentence in enumerate(reports.sentences):
        own = int(rep.article_of[i])
        others = np.delete(rep.support[i], own)
        if others.size and float(others.max()) <= ALONE and _fits(sentence.words):
            candidates.append(i)
    chosen = _pick(candidates, scores, rep, limit)
    sentences = [reports.sentences[i] for i in chosen]
    return [Claim(s.text, (Citation(s.article_id, s.start, s.end),)) for s in sentences]
