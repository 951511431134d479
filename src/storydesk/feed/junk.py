"""Feed-level junk: whole pages that are not news, and boilerplate sentences shared by many pages.

Two signals, both independent of any one story:

* cue phrases of web boilerplate pages (crawl notices, tweet-location text, cookie and login walls),
  combined with ``clean.junk_page_score`` when that says more;
* repetition: a page whose near-identical copies turn up ``min_copies`` times or more in one feed is
  a template, not a report (syndicated news is copied a handful of times inside one story; archive
  notices are copied across hundreds of unrelated stories).

Junk pages are kept out of linking so that they never glue real stories together.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SPACE = re.compile(r"\s+")

# Generic web boilerplate, not tied to one data set: archive crawls, social embeds, walls, players.
_CUES = re.compile(
    r"wayback machine|internet archive|archive-it|web ?crawl|crawl data|crawls? (?:of|was|were)"
    r"|tweet with a location|add a location to your tweets|location information to your tweets"
    r"|enable cookies|uses? cookies|cookie policy|javascript is disabled|enable javascript"
    r"|please (?:log|sign) in|you must log in|create an account|verification email"
    r"|subscriber account|purchase a subscription|not in our deliverable area"
    r"|page (?:you requested )?(?:was )?not found|rating is available when the video"
    r"|interactive transcript could not be loaded|watch queue|for your personal, non-commercial use"
    r"|order reprints|djreprints\.com"
    r"|this will appear next to all of your comments",
    re.IGNORECASE,
)
# The same cues matched case-sensitively on lower-cased text: about 8 times faster than
# IGNORECASE, and the same matches for text without the only non-ASCII letters IGNORECASE
# equates with ASCII ones (re docs: İ ı ſ K; K lower-cases to k anyway). The pattern is lower-case.
_CUES_LOWER = re.compile(_CUES.pattern)
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f")


def has_cue(text: str) -> bool:
    """Whether ``text`` carries a web-boilerplate cue (``_CUES``, case-insensitive)."""
    if _FOLDS_TO_ASCII.isdisjoint(text):
        return _CUES_LOWER.search(text.lower()) is not None
    return _CUES.search(text) is not None


def cue_score(text: str) -> float:
    """Share of an article's words in sentences that carry a web-boilerplate cue, in [0, 1]."""
    if not has_cue(text):  # one scan settles most articles
        return 0.0
    sentences = [s for s in _SENTENCE.split(text.strip()) if s]
    total = sum(len(s.split()) for s in sentences)
    if total == 0:
        return 0.0
    flagged = sum(len(s.split()) for s in sentences if has_cue(s))
    return flagged / total


def page_junk_score(text: str) -> float:
    """How much a whole article is a junk page: the stronger of our cues and ``clean``'s score."""
    score = cue_score(text)
    try:
        from storydesk.story.clean import junk_page_score
    except ImportError:  # clean is optional for clustering; cues alone still work
        return score
    return max(score, float(junk_page_score(text)))


def text_key(text: str) -> str:
    """A hash of the text with case and spacing normalised: equal keys mean identical copies."""
    normal = _SPACE.sub(" ", text.strip().lower())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def strip_repeated_sentences(texts: Sequence[str], min_docs: int) -> list[str]:
    """Drop sentences found in ``min_docs`` or more texts (bylines, newsletter blurbs, players).

    A text made mostly (half its words or more) of such sentences is kept whole: it is a page
    template, and the repetition test on whole pages judges it.
    """
    split = [[s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= 4] for text in texts]
    counts: Counter[str] = Counter()
    for sentences in split:
        counts.update({s.lower() for s in sentences})
    out: list[str] = []
    for text, sentences in zip(texts, split, strict=True):
        kept = [s for s in sentences if counts[s.lower()] < min_docs]
        kept_words = sum(len(s.split()) for s in kept)
        total_words = sum(len(s.split()) for s in sentences)
        template = kept_words * 2 <= total_words
        out.append(text if template or len(kept) == len(sentences) else " ".join(kept))
    return out


def repeated_groups(n: int, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """Size of the near-duplicate group (connected by ``pairs``) each of ``n`` items belongs to."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = [find(i) for i in range(n)]
    sizes = Counter(roots)
    return [sizes[r] for r in roots]
