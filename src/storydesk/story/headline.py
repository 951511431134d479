"""A headline for a summary: the best real title among its reports, else a phrase of its lead.

A title is real when it reads like a headline and not like page furniture: no photo caption or
credit ("Image copyright PA Image caption …", "Associated Press An Israeli soldier …"), no
player or newsletter text ("1 of 10 Full Screen Autoplay Close Skip Ad ×", "Breaking News Emails
Get breaking news alerts …"), no file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storydesk.story.discourse import leans_by_opener
from storydesk.story.units import speaks_in_person
from storydesk.types import Article

MAX_TITLE_WORDS = 20
PHRASE_WORDS = 14
MIN_CUT_WORDS = 7  # a phrase cut shorter than this says too little
# A byline or a time stamp, not a headline: "By Jane Doe", "March 10, 2012 10:54 am ET by …"
_BYLINE = re.compile(
    r"(?:(?-i:By\s+[A-Z])|(?:updated|published|posted)\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\b)",
    re.IGNORECASE,
)
_CLAUSE_WORDS = frozenset(["who", "which", "whose", "where", "while", "because", "after"])

_JUNK = re.compile(
    r"breaking news emails|news alerts|newsletter|sign up|subscribe|full screen|autoplay|"
    r"skip ad|\bclose\b.*\bad\b|image copyright|image caption|photo caption|getty images|"
    r"\bap photo\b|\(photo|photo:|photograph:|file photo|reuters/|afp/|/ ?afp\b|"
    r"\bcredit:|enable javascript|advertisement|click here|follow us|share this|"
    r"watch:|video:|^\d+ of \d+\b|×|\bstory highlights\b|redirects here|"
    r"these crawls|cookies?\b|all rights reserved|©|\bstory story\b|\.(?:txt|html?|json)\b|"
    r"your browser|^listen:|this story appears in|^buzz60\b|reprints|for your personal|"
    r"^the (?:author|writer) is an? |(?:opinions|views) expressed|"
    r"\|",
    re.IGNORECASE,
)
# A caption or credit opens with an agency or credit line, or describes a picture.
_CAPTION_START = re.compile(
    r"^(?:associated press|ap|reuters|afp|getty|epa|close|image|photo|file|video|"
    r"(?:[A-Z][a-z]+ ){0,3}(?:arrives?|poses?|pictured|seen|attends?|speaks?)\b)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][A-Za-z.'’-]+)*\s*(?:\([^)]{1,40}\))?\s*[—–-]+\s+)"
)
_AGENCY = re.compile(r"^\((?:[A-Z][\w.]*\s?){1,3}\)\s*(?:[—–-]+\s*)?")
_CLAUSE = re.compile(r",\s|\s[—–]\s|;\s|:\s|\s\(")
# An opening that only sets the scene ("According to the Post, …", "If you've been watching …,"):
# a headline starts with the main clause after it.
_INTRO = re.compile(
    r"^(?:according to|if|when|while|as|after|before|although|though|because|since|despite|"
    r"in a|in an|on|earlier|last|late|early|for the first time)\b[^,;:“”\"]{0,80},\s+",
    re.IGNORECASE,
)
# A subject's apposition ("Kim Jong-nam, the half-brother of …, was killed"): a headline names
# the subject and goes on to the verb.
_CONJUNCTIONS = frozenset(["and", "but", "or", "so", "yet", "nor", "then"])
_APPOSITION = re.compile(
    r"^((?:[A-Z][\w.'’-]*\s(?:(?:of|de|von|van|the)\s)?){0,3}[A-Z][\w.'’-]*),\s"
    r"(?:the|a|an|one|who|whose|which)\s[^,;:]{3,80},\s"
)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "that",
        "this",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "who",
        "what",
        "when",
        "where",
        "after",
        "before",
        "over",
    ]
)


def is_real_title(title: str | None, article: Article | None = None) -> bool:
    """Reads like a headline: 3–20 words, not junk, not the file name or the article id."""
    if not title:
        return False
    text = " ".join(title.split())
    words = text.split()
    if not 3 <= len(words) <= MAX_TITLE_WORDS or _JUNK.search(text):
        return False
    if _CAPTION_START.match(text):
        return False
    if article is not None and text in {article.id, article.origin or ""}:
        return False
    return any(c.isalpha() for c in text)


def topic_words(text: str) -> set[str]:
    """The lower-cased words of ``text`` that can say what it is about (no stop words)."""
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def best_title(articles: Sequence[Article], summary_text: str) -> str | None:
    """The real title sharing most content words with the summary (first report on ties)."""
    wanted = topic_words(summary_text)
    best: tuple[float, int, str] | None = None
    for number, article in enumerate(articles):
        title = " ".join((article.title or "").split())
        if not is_real_title(title, article):
            continue
        shared = len(topic_words(title) & wanted)
        key = (float(shared), -number, title)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


# A credit or a file reference on the opening line: "White House Photo, Lawrence Jackson …
# image:66419:2::0" (a caption, not a headline).
_CREDIT_LINE = re.compile(r"\b(?:photos?|images?|credits?)\b\s*[,:/|]|\w:\d", re.IGNORECASE)


# The first line of a text, when more text follows it.
_OPENING_LINE = re.compile(r"\s*([^\n]*)\n\s*\S")


def opening_headline(articles: Sequence[Article], summary_text: str) -> str | None:
    """A report's opening line that is its headline, for reports that carry no title.

    Scraped pages often open on their headline, on a line of its own without a full stop ("2
    women charged after 5 toddlers injured with hot glue at day care"). Taken only when it reads
    as a headline and shares at least two topic words with the summary (a tagline such as "Know
    what's happening in the field" shares none); the one sharing most, first report on ties.
    """
    wanted = topic_words(summary_text)
    best: tuple[int, int, str] | None = None
    for number, article in enumerate(articles):
        if article.title:
            continue  # its real title was already weighed
        opening = _OPENING_LINE.match(article.text)  # reads the first line only
        if opening is None:
            continue
        line = " ".join(opening.group(1).split())
        if line.endswith((".", ":", ";", ",")):
            continue
        if _CREDIT_LINE.search(line):
            continue
        if not is_real_title(line, article) or not reads_as_headline(line):
            continue  # also "… Wants FAT Allowance You Left Me Broke!": a tabloid's voice
        shared = len(topic_words(line) & wanted)
        if shared >= 2 and (best is None or (shared, -number) > best[:2]):
            best = (shared, -number, line)
    return best[2] if best else None


def _main_clause(text: str) -> str:
    """``text`` without a scene-setting opening or the subject's apposition, when enough is left."""
    intro = _INTRO.match(text)
    rest = text[intro.end() :].split() if intro else []
    # Kept when what follows leans on it: "After Bill Cosby was sentenced …, his defense team …"
    if (
        len(rest) >= 5
        and rest[0].lower() not in _CONJUNCTIONS
        and not leans_by_opener(rest[0].capitalize())
    ):
        # "the Senate" becomes "The Senate"; "eBay" and "iPhone" keep their case
        first = rest[0][:1].upper() + rest[0][1:] if rest[0].islower() else rest[0]
        text = " ".join([first, *rest[1:]])
    apposition = _APPOSITION.match(text)
    if apposition and len(text[apposition.end() :].split()) >= 3:
        text = f"{apposition.group(1)} {text[apposition.end() :]}"
    return text


def lead_phrase(sentence: str, words: int = PHRASE_WORDS) -> str:
    """A short headline from a lead sentence: dateline off, cut at a clause, at most ``words``."""
    text = " ".join(sentence.split())
    text = _DATELINE.sub("", text, count=1) or text
    text = _AGENCY.sub("", text, count=1) or text
    text = _main_clause(text)
    for match in _CLAUSE.finditer(text):
        before = text[: match.start()]
        balanced = before.count("“") == before.count("”") and before.count('"') % 2 == 0
        if len(before.split()) >= 8 and balanced:
            text = before
            break
    tokens = text.split()
    if len(tokens) > words:
        return " ".join(_shortened(tokens[:words])).rstrip(",;:") + " …"
    return text.rstrip(" .,;:")


def _shortened(tokens: list[str]) -> list[str]:
    """A cut phrase ending on a whole thought: before its last subordinate clause ("… a dozen
    men | who say he …") when enough is left, else without trailing function words ("… he")."""
    for n in range(len(tokens) - 1, MIN_CUT_WORDS - 1, -1):
        if tokens[n].lower() in _CLAUSE_WORDS:
            return tokens[:n]
    while len(tokens) > MIN_CUT_WORDS and tokens[-1].lower().strip(",;:") in _STOP:
        tokens = tokens[:-1]
    return tokens


def reads_as_headline(phrase: str) -> bool:
    """Opens like a headline: a capital or a digit (not "and Pakistan …", not a lower-case
    social post), not a quotation, not a word leaning on an earlier sentence ("But a new study
    …"), not in the first or second person (outside quotation marks); no @handle."""
    first = phrase.lstrip()[:1]
    if not first or not (first.isupper() or first.isdigit()) or "@" in phrase:
        return False
    if _BYLINE.match(phrase.lstrip()):
        return False
    # not "In theory, you know you need to …" (ad copy), nor "We Want Answers"
    return not leans_by_opener(phrase) and not speaks_in_person(phrase)


def headline_for(articles: Sequence[Article], sentences: Sequence[str]) -> str:
    """The summary's headline: a real title of its reports, else a phrase of its lead."""
    summary_text = " ".join(sentences)
    title = best_title(articles, summary_text) or opening_headline(articles, summary_text)
    if title:
        return title
    # The lead's phrase, unless it reads like page metadata ("Release Date: … Running Length:");
    # then the next sentence's.
    # Phrases are made one at a time: the first usable one that reads as a headline ends it.
    first_usable: str | None = None
    for sentence in sentences:
        if sentence.count(":") >= 2:
            continue
        phrase = lead_phrase(sentence)
        if not is_real_title(phrase.rstrip(" …")):
            continue
        if reads_as_headline(phrase):
            return phrase
        if first_usable is None:
            first_usable = phrase
    if first_usable is not None:
        return first_usable
    if sentences:
        return lead_phrase(sentences[0])
    for article in articles:
        first = article.text.strip().split("\n", 1)[0]
        if first.strip():
            return lead_phrase(first)
    return ""
