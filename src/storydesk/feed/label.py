"""Human labels for a story: its top terms, the names it mentions, and a representative title."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from storydesk.story.headline import is_real_title, lead_phrase, reads_as_headline, topic_words
from storydesk.types import Article

# Capitalised words, one space apart, not opening a sentence: in cased text, mostly a name.
_WORD_CAP = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*"
_NAME_RUN = re.compile(rf"(?<![.!?\n\"'“]\s)(?<!^)\b{_WORD_CAP}(?: {_WORD_CAP})*\b")
# A sentence ends before a capital (or an opening quote): "the U.S. and Pakistan" stays whole.
_SENTENCE_END = re.compile(
    r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<=[.!?])\s+(?=[A-Z0-9“\"‘'(])"
)
_PARAGRAPH = re.compile(r"\n\s*\n")  # a dateline or byline stands in a paragraph of its own
MAX_TITLE_ARTICLES = 20  # a story's title is looked for among its first articles
# Naming two of the story's top terms is enough to be on topic; past that, a longer phrase is
# not a better title, so the count is capped and the tie goes to a title, then an earlier article.
ENOUGH_TOPIC_WORDS = 2
_COMMON_WORDS = (
    "The A An And But Or In On At Of For To With By From As It He She They We I You His Her Their "
    "This That These Those Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun"
)
_COMMON = frozenset(_COMMON_WORDS.split())
# Titles before a name end a run: "Chief Executive Bob Dudley" names Bob Dudley.
_TITLES = frozenset(
    (
        "President",
        "Chairman",
        "Chairwoman",
        "Chief",
        "Executive",
        "Officer",
        "Director",
        "Secretary",
        "Minister",
        "Governor",
        "Gov",
        "Sen",
        "Senator",
        "Rep",
        "Representative",
        "Mayor",
        "Judge",
        "Justice",
        "Sgt",
        "Lt",
        "Capt",
        "Gen",
        "Col",
        "Sheriff",
        "Commissioner",
        "Detective",
        "Inspector",
        "Professor",
        "Prof",
        "Spokesman",
        "Spokeswoman",
    )
)


@dataclass(frozen=True)
class StoryLabel:
    """What a story is about, in a few words."""

    terms: tuple[str, ...]
    names: tuple[str, ...]
    title: str

    def keywords(self) -> tuple[str, ...]:
        """Terms then names, each once: a term a name spells or holds (``korea``/``North
        Korea``) is shown as the name."""
        spelled = {word.lower(): name for name in self.names for word in name.split()}
        shown = [spelled.get(term, term) for term in self.terms]
        shown += [name for name in self.names if name not in shown]
        return tuple(dict.fromkeys(shown))

    def __str__(self) -> str:
        parts = [self.title]
        if self.names:
            parts.append("names: " + ", ".join(self.names))
        if self.terms:
            parts.append("terms: " + ", ".join(self.terms))
        return " | ".join(parts)


def top_names(articles: Sequence[Article], limit: int = 3) -> tuple[str, ...]:
    """The names found in most articles, whole ("Bob Dudley", "North Korea", not "Bob",
    "Dudley"); ties by first appearance.

    A name is a run of capitalised words inside a sentence, cut at common words ("The", "Monday").
    A single word that is part of a longer name found often enough counts for that name.
    """
    # dicts, not sets, for the order: names rank the same under every hash seed
    where: dict[str, set[int]] = {}
    for number, article in enumerate(articles):
        for name in _names_in(f"{article.title or ''}\n{article.text}"):
            where.setdefault(name, set()).add(number)
    wanted = 2 if len(articles) > 1 else 1
    owner: dict[str, str] = {}
    longer = [name for name in where if " " in name and len(where[name]) >= wanted]
    for name in sorted(longer, key=lambda n: -len(where[n])):  # stable: first seen on ties
        for word in name.split():
            owner.setdefault(word, name)
    merged: dict[str, set[int]] = {}
    for name, found in where.items():
        merged.setdefault(owner.get(name, name), set()).update(found)
    ranked = sorted(
        (name for name, found in merged.items() if len(found) >= wanted),
        key=lambda n: -len(merged[n]),
    )
    shown: list[str] = []
    texts = [article.text for article in articles]
    for name in ranked:  # "Kleiner Perkins Caufield" after "Kleiner Perkins" says it again
        if any(f" {name} " in f" {s} " or f" {s} " in f" {name} " for s in shown):
            continue
        if " " not in name and _written_in_lower_case(name, texts):
            continue  # "Police", "Photo", "Children": a common word that opened a line
        shown.append(name)
        if len(shown) == limit:
            break
    return tuple(shown)


def _written_in_lower_case(word: str, texts: Sequence[str]) -> bool:
    """Whether the story's text also writes ``word`` in lower case, as often as half its
    capitalised uses: a common word ("Police", "Photo", "Children"), not a name ("Kinect" is
    written "a kinect app" once in forty)."""

    # not inside a link or a handle: "xbox.com/kinect", "@kinect"
    pattern = re.compile(rf"(?<![\w'’./@#-]){re.escape(word)}(?![\w'’-]|[./]\w)", re.IGNORECASE)
    forms = Counter(found for text in texts for found in pattern.findall(text))
    lower = forms[word.lower()]
    return lower > 0 and 2 * lower >= forms[word]


def _names_in(text: str) -> list[str]:
    """The runs of capitalised, uncommon words inside sentences, each once, in order. A
    possessive ends its run ("Schwarzenegger's Apprentice" holds "Schwarzenegger"); a heading in
    title case (no sentence end) holds no names one can tell apart."""
    names: dict[str, None] = {}
    for line in text.splitlines():
        words = line.split()
        heading = not line.rstrip().endswith((".", "!", "?", '"', "”"))
        if heading and len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
            continue
        for match in _NAME_RUN.finditer(line):
            run: list[str] = []
            for word in [*match.group(0).split(" "), ""]:  # "" closes the last run
                owned = word.endswith("'s")
                word = word[:-2] if owned else word
                if word and word not in _COMMON and word not in _TITLES:
                    run.append(word)
                    if not owned:
                        continue
                if run:
                    names.setdefault(" ".join(run))
                run = []
    return list(names)


def headline(article: Article, words: int = 14) -> str:
    """The article's title when it is a real one, else a phrase of one of its first sentences
    that is not page junk (a caption, a credit, player text), one that reads as a headline (no
    byline, no lower-case or leaning opener) first."""
    if is_real_title(article.title, article):  # an article's own title names it as it is
        return " ".join((article.title or "").split())
    candidates = [phrase for _, phrase in _title_candidates(article, words)]
    for phrase in candidates:
        if reads_as_headline(phrase):
            return phrase
    if candidates:
        return candidates[0]
    sentences = _lead_sentences(article.text)
    first = sentences[0].split() if sentences else []
    return " ".join(first[:words]) + (" …" if len(first) > words else "")


def _lead_sentences(text: str) -> list[str]:
    """The sentences of the start of ``text``, paragraph by paragraph (a byline stands alone)."""
    paragraphs = _PARAGRAPH.split(text.strip()[:3000])
    return [s for p in paragraphs for s in _SENTENCE_END.split(p) if s.strip()]


def _title_candidates(article: Article, words: int) -> list[tuple[bool, str]]:
    """(is the article's own title, phrase): its real title, then phrases of its first sentences."""
    found: list[tuple[bool, str]] = []
    if is_real_title(article.title, article):
        found.append((True, " ".join((article.title or "").split())))
    for sentence in _lead_sentences(article.text)[:6]:
        phrase = lead_phrase(sentence, words)
        if is_real_title(phrase.rstrip(" …")):
            found.append((False, phrase))
        if len(found) >= 3:
            break
    return found


def story_title(articles: Sequence[Article], terms: Sequence[str], words: int = 14) -> str:
    """The title that best names what the story's articles share (its top ``terms``).

    Among the first articles' real titles and lead phrases, the one naming most of the terms;
    a statement beats a question or an exclamation, a title beats a phrase, an earlier article
    a later one. Not simply the first article's: that may be a page whose title is page furniture
    ("Men of the West!") or whose first line is a social post.
    """
    wanted = {term.lower() for term in terms}
    best: tuple[tuple[int, int, bool, int, int], str] | None = None
    for number, article in enumerate(articles[:MAX_TITLE_ARTICLES]):
        for rank, (own, phrase) in enumerate(_title_candidates(article, words)):
            if not reads_as_headline(phrase):
                continue
            plain = not phrase.rstrip(" …").endswith(("?", "!"))
            named = min(len(topic_words(phrase) & wanted), ENOUGH_TOPIC_WORDS)
            key = (named, int(plain), own, -number, -rank)
            if best is None or key > best[0]:
                best = (key, phrase)
    if best is not None:
        return best[1]
    return headline(articles[0], words) if articles else ""


def story_label(articles: Sequence[Article], terms: Sequence[str]) -> StoryLabel:
    """A story's label from its articles and its top terms (heaviest first)."""
    return StoryLabel(tuple(terms), top_names(articles), story_title(articles, terms))


def label_story(
    articles: Sequence[Article], vectors: sp.csr_matrix, terms: np.ndarray, limit: int = 5
) -> StoryLabel:
    """Top TF-IDF terms of the centroid, names, and the title of the most central article."""
    coo = vectors.tocoo()
    columns, inverse = np.unique(coo.col, return_inverse=True)
    weights = np.bincount(inverse, weights=coo.data, minlength=len(columns))
    order = np.lexsort((columns, -weights))[:limit]
    top = tuple(str(terms[columns[i]]) for i in order if weights[i] > 0)
    centroid = sp.csr_matrix(
        (weights, (np.zeros(len(columns), dtype=np.int64), columns)), shape=(1, vectors.shape[1])
    )
    central = int(np.argmax((vectors @ centroid.T).toarray().ravel())) if vectors.nnz else 0
    # the most central article is looked at first
    ordered = [articles[central], *(a for n, a in enumerate(articles) if n != central)]
    return StoryLabel(terms=top, names=top_names(articles), title=story_title(ordered, top))
