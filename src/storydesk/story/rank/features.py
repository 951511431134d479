"""Sentence features that mean the same on lowercased, truncated training text and on raw,
cased, long articles: everything is computed on ROUGE tokens (lowercase) and on counts that do
not depend on where a corpus cut its articles off."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from storydesk.story.represent import Representation
from storydesk.types import Sentence

FEATURE_NAMES: tuple[str, ...] = (
    "position",
    "relative_position",
    "is_first",
    "paragraph",
    "words_before",
    "words",
    "content_words",
    "support_share",
    "support_count",
    "containment_mean",
    "containment_max",
    "centroid_all",
    "centroid_others",
    "centroid_own",
    "article_terms",
    "idf_mean",
    "idf_max",
    "numbers",
    "has_quote",
    "letter_ratio",
    "ends_terminal",
    "starts_lower",
    "articles",
    "article_share",
    "article_sentences",
    "story_words",
    "starts_pronoun",
    "question",
    "rank_centroid_in_article",
    "lead_similarity",
)

_QUOTE = re.compile(r"[\"“”]|''|``|(?:^|\s)'\s")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PRONOUN_START = re.compile(
    r"^[\"'“]?\s*(he|she|it|they|this|that|these|those|his|her|their|its|but|and|so|also)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*\s*$")

SUPPORT_THRESHOLD = 0.6  # containment that counts as "another report says this too"


def sentence_features(
    sentences: Sequence[Sentence],
    rep: Representation,
    n_articles: int,
    idf_of: dict[str, float] | None,
    default_idf: float,
) -> np.ndarray:
    """One row of FEATURE_NAMES per sentence."""
    n = len(sentences)
    features = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    if n == 0:
        return features
    article_of = rep.article_of
    words = np.asarray([len(t) for t in rep.tokens], dtype=np.float64)
    article_words = np.bincount(article_of, weights=words, minlength=n_articles)
    article_sentences = np.bincount(article_of, minlength=n_articles).astype(np.float64)
    story_words = float(words.sum())

    # Support from other reports: mask each sentence's own article out.
    own = np.zeros_like(rep.support, dtype=bool)
    own[np.arange(n), article_of] = True
    others = np.where(own, np.nan, rep.support)
    n_others = n_articles - 1
    if n_others > 0:
        supported = np.nansum(others >= SUPPORT_THRESHOLD, axis=1)
        containment_mean = np.nanmean(others, axis=1)
        containment_max = np.nanmax(others, axis=1)
    else:
        supported = np.zeros(n)
        containment_mean = np.zeros(n)
        containment_max = np.zeros(n)

    matrix = rep.terms.matrix
    centroid_all = rep.terms.centroid()
    sims_all = matrix @ centroid_all
    sims_others = np.zeros(n)
    sims_own = np.zeros(n)
    rank_in_article = np.zeros(n)
    for a in range(n_articles):
        rows = np.flatnonzero(article_of == a)
        if rows.size == 0:
            continue
        own_centroid = rep.terms.centroid(rows)
        sims_own[rows] = matrix[rows] @ own_centroid
        if n_others > 0:
            other_rows = np.flatnonzero(article_of != a)
            sims_others[rows] = matrix[rows] @ rep.terms.centroid(other_rows)
        order = np.argsort(-sims_all[rows], kind="stable")
        ranks = np.empty(rows.size)
        ranks[order] = np.arange(rows.size)
        rank_in_article[rows] = ranks / max(rows.size - 1, 1)

    # Reports open with the event itself: closeness to other reports' first two sentences.
    positions = np.asarray([s.position for s in sentences])
    lead_rows = np.flatnonzero(positions < 2)
    lead_similarity = np.zeros(n)
    if n_others > 0 and lead_rows.size:
        sims = (matrix @ matrix[lead_rows].T).toarray()
        same = article_of[:, None] == article_of[lead_rows][None, :]
        sims[same] = 0.0
        lead_similarity = sims.max(axis=1)

    words_before = np.zeros(n)
    running: dict[int, float] = {}
    for i, a in enumerate(article_of.tolist()):
        words_before[i] = running.get(a, 0.0)
        running[a] = words_before[i] + words[i]

    for i, sentence in enumerate(sentences):
        a = int(article_of[i])
        text = sentence.text
        terms = rep.content[i]
        idfs = [idf_of.get(t, default_idf) for t in sorted(terms)] if idf_of is not None else []
        letters = sum(ch.isalpha() for ch in text)
        first = text.lstrip("\"'“‘([ ")
        features[i] = (
            min(sentence.position, 50),
            sentence.position / max(article_sentences[a] - 1, 1),
            1.0 if sentence.position == 0 else 0.0,
            min(sentence.paragraph, 50),
            min(words_before[i], 3000),
            words[i],
            len(terms),
            supported[i] / n_others if n_others > 0 else 0.0,
            supported[i],
            containment_mean[i],
            containment_max[i],
            sims_all[i],
            sims_others[i],
            sims_own[i],
            rep.article_terms[i],
            float(np.mean(idfs)) if idfs else 0.0,
            float(np.max(idfs)) if idfs else 0.0,
            len(_NUMBER.findall(text)),
            1.0 if _QUOTE.search(text) else 0.0,
            letters / max(len(text), 1),
            1.0 if _TERMINAL.search(text) else 0.0,
            1.0 if first[:1].islower() else 0.0,
            n_articles,
            article_words[a] / max(story_words, 1.0),
            article_sentences[a],
            np.log1p(story_words),
            1.0 if _PRONOUN_START.match(text) else 0.0,
            1.0 if text.rstrip("\"'”’ ").endswith("?") else 0.0,
            rank_in_article[i],
            lead_similarity[i],
        )
    return features
