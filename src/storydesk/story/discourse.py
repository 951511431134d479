"""How a sentence leans on its neighbours: openers that need a predecessor, quotations, speakers.

These are the lexical facts both the selector (which keeps a sentence with what it needs) and
the readability measures (which count where a summary fails that) are built on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter

# Words that, opening a sentence, point back at the one before it (issue #12's list).
LEANING_OPENERS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "his",
        "her",
        "its",
        "their",
        "him",
        "them",
        "this",
        "that",
        "these",
        "those",
        "but",
        "and",
        "so",
        "or",
        "nor",
        "yet",
        "still",
        "however",
        "also",
        "meanwhile",
        "instead",
        "then",
        "thus",
        "moreover",
        "furthermore",
        "nevertheless",
        "nonetheless",
        "besides",
        "otherwise",
        "afterwards",
        "later",
        "hence",
        "therefore",
        "likewise",
        "similarly",
        "indeed",
        "plus",
    ]
)

# "It is …", "It was …" (expletive it) and "This year …" (a time phrase) stand on their own.
_EXPLETIVE_IT = re.compile(
    r"^it(?:'s|’s| is| was| has been| had been| will be| would be| seems| appears| remains)\b",
    re.IGNORECASE,
)
_TIME_WORDS = frozenset(
    [
        "year",
        "week",
        "month",
        "morning",
        "afternoon",
        "evening",
        "night",
        "weekend",
        "season",
        "summer",
        "winter",
        "spring",
        "fall",
        "autumn",
        "time",
        "decade",
        "century",
        "quarter",
        "term",
        "semester",
        "spring",
    ]
)
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")

OPEN_QUOTES = "“‘"
CLOSE_QUOTES = "”’"
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not _LETTER.match(chr(c)))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_WIDE_LETTER: dict[str, bool] = {}  # non-ASCII character -> whether _LETTER matches it
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")

SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "tell",
        "added",
        "adds",
        "asked",
        "asks",
        "wrote",
        "writes",
        "tweeted",
        "tweets",
        "explained",
        "explains",
        "stated",
        "states",
        "noted",
        "notes",
        "recalled",
        "recalls",
        "insisted",
        "insists",
        "argued",
        "argues",
        "claimed",
        "claims",
        "continued",
        "continues",
        "declared",
        "declares",
        "remarked",
        "remarks",
        "replied",
        "replies",
        "announced",
        "announces",
        "commented",
        "comments",
        "admitted",
        "admits",
        "warned",
        "warns",
        "acknowledged",
        "acknowledges",
        "quipped",
        "quips",
        "joked",
        "jokes",
        "posted",
        "posts",
        "recounted",
        "recounts",
        "concluded",
        "concludes",
        "agreed",
        "agrees",
        "testified",
        "testifies",
        "reported",
        "reports",
        "shouted",
        "responded",
        "responds",
        "revealed",
        "reveals",
        "confirmed",
        "confirms",
        "described",
        "describes",
        "urged",
        "urges",
        "predicted",
        "predicts",
        "vowed",
        "vows",
        "countered",
        "counters",
    ]
)
_SPEECH_PHRASES = ("according to", "in a statement", "in an interview", "in a post")
_WORD = re.compile(r"[A-Za-z]+")


def first_word(text: str) -> str:
    """The sentence's first word (letters, apostrophes, hyphens), '' if it has none."""
    match = _FIRST_WORD.search(text)
    return match.group(0) if match else ""


_INNER_WORD = re.compile(r"(?<![.!?\"'“‘:]\s)(?<!^)\b([^\W\d_][^\W\d_]+)")
_CASE_CHUNK = 600  # characters per is_cased step (cut at the next space)


def is_cased(texts: list[str] | tuple[str, ...]) -> bool:
    """Names inside sentences are capitalised: a lower-case start then means a broken sentence.

    Lower-cased corpora (the truncated Multi-News form: lower-cased, then sentence-cased) write
    names in lower case and start sentences in lower case anyway.
    """
    # Words are counted chunk by chunk, cut at spaces (no word crosses one; lookbehinds and \b
    # still see the characters before a chunk), and cased text stops early: once the capitals
    # reach 2% of the most words the texts can hold (one per three characters), they reach 2%
    # of the words there are.
    most = sum((len(text) + 1) // 3 for text in texts)
    inner = capitals = 0
    for text in texts:
        start, length = 0, len(text)
        while start < length:
            end = text.find(" ", start + _CASE_CHUNK)
            end = length if end < 0 else end
            words = _INNER_WORD.findall(text, start, end)
            inner += len(words)
            capitals += sum(map(str.isupper, map(itemgetter(0), words)))  # counted in C
            if capitals and capitals >= 0.02 * most:
                return True
            start = end
    return bool(inner) and capitals >= 0.02 * inner


def leans_by_opener(text: str, cased: bool = True) -> bool:
    """Opens on a word that needs the previous sentence, or (in cased text) in lower case.

    Expletive "It is …" and time phrases such as "This year …" do not lean.
    """
    stripped = text.lstrip(" \t\"'“‘(—-–")
    word = first_word(stripped)
    if not word:
        return False
    if cased and stripped[0].islower() and stripped[0].isalpha():
        return True
    lower = word.lower()
    if lower not in LEANING_OPENERS:
        return False
    if lower == "it" and _EXPLETIVE_IT.match(stripped):
        return False
    if lower in ("this", "that", "these", "those", "later"):
        rest = stripped[len(word) :].split()
        if rest and rest[0].strip(",.").lower() in _TIME_WORDS:
            return False
    return True


def as_curly(text: str) -> str:
    """Newswire ``double'' quotes as curly ones (DUC writes quotations that way)."""
    return text.replace("``", "“").replace("''", "”")


def _straight_quote_opens(text: str, at: int) -> bool:
    """Whether the straight quote at ``at`` opens a quotation, from what stands around it.

    Also in tokenised text (``said , " we 'll go . "``): a quote right after a word or after
    ", " / ". " closes; one at the start, before a word, or after a colon opens.
    """
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if at == 0:
        return True
    if not before.isspace():
        return False
    if not after.isspace():
        return True
    return text[:at].rstrip()[-1:] not in ",.!?;"


def quote_balance(text: str) -> int:
    """Curly double quotes opened minus closed; an odd straight quote counts by its context."""
    text = as_curly(text)
    opened = text.count("“") - text.count("”")
    if text.count('"') % 2 == 1:
        opened += 1 if _straight_quote_opens(text, text.index('"')) else -1
    return opened


def opens_quote(text: str) -> bool:
    """Leaves a quotation open at its end: the next sentence continues it."""
    return quote_balance(text) > 0


def continues_quote(text: str) -> bool:
    """Closes a quotation it did not open: it continues one opened in an earlier sentence."""
    text = as_curly(text)
    closes = text.count("”") - text.count("“")
    if closes > 0:
        return True
    if text.count('"') % 2 == 1:
        return quote_balance(text) < 0
    return False


def _wide_letter(char: str) -> bool:
    known = _WIDE_LETTER.get(char)
    if known is None:
        known = _WIDE_LETTER[char] = _LETTER.match(char) is not None
    return known


def letter_count(text: str) -> int:
    """``len(_LETTER.findall(text))``: ASCII by a byte table, other characters asked once."""
    count = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    if not text.isascii():
        count += sum(map(_wide_letter, "".join(_NON_ASCII.findall(text))))
    return count


def quoted_share(text: str, inside: bool = False) -> float:
    """Share of the sentence's letters that stand inside quotation marks.

    ``inside`` says a quotation is already open when the sentence starts.
    """
    # Outside a quotation, only an opening mark (“, " or ``, which becomes “) starts one: most
    # sentences hold none, and their share is 0 without counting a letter.
    if not inside and '"' not in text and "“" not in text and "``" not in text:
        return 0.0
    return _quoted_share(text, inside)


@lru_cache(maxsize=4096)  # the unit finder asks for the same sentence several times
def _quoted_share(text: str, inside: bool) -> float:
    text = as_curly(text)
    letters = letter_count(text)
    if not letters:
        return 0.0
    quoted = 0
    if inside:
        end = min((i for i in (text.find("”"), text.find('"')) if i >= 0), default=len(text))
        quoted = letter_count(text[:end])
        text = text[end + 1 :]
    if "“" in text or '"' in text:
        quoted += sum(letter_count(m.group(0)) for m in _QUOTED.finditer(text))
    return quoted / letters


def unquoted(text: str, inside: bool = False) -> str:
    """The sentence without its quoted parts (what the writer says, not the speaker)."""
    text = as_curly(text)
    if inside:
        ends = [i for i in (text.find("”"), text.find('"')) if i >= 0]
        text = text[min(ends) + 1 :] if ends else ""
    return _QUOTED.sub(" ", text)


def names_speaker(text: str, inside: bool = False) -> bool:
    """Outside its quotation marks, the sentence says someone spoke (a speech verb or phrase)."""
    outside = unquoted(text, inside).lower()
    if any(phrase in outside for phrase in _SPEECH_PHRASES):
        return True
    return not SPEECH_VERBS.isdisjoint(_WORD.findall(outside))  # tested in C, word by word


def word_alternation(words: Iterable[str]) -> str:
    """A pattern matching exactly the given words, written as a letter trie ("s(?:a(?:id|…")).

    The regular-expression engine tries a plain "said|says|…" alternation word by word at every
    position; the trie reads each letter once. Where the pattern is followed by a word boundary,
    at most one word can match there, so matches are the same as the plain alternation's.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            return f"(?:{'|'.join(branches)})?" if branches else ""
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return emit(trie)


SPEECH_VERB_PATTERN = word_alternation(SPEECH_VERBS)

_PRONOUN_SPEAKER = re.compile(
    rf"\b(?:he|she|they)\s+(?:{SPEECH_VERB_PATTERN})\b"
    rf"|\b(?:{SPEECH_VERB_PATTERN})\s+(?:he|she|they)\b",
    re.IGNORECASE,
)


def speaker_is_pronoun(text: str, inside: bool = False) -> bool:
    """A quotation attributed to "he", "she" or "they": who that is, the sentence before says."""
    return quoted_share(text, inside) > 0 and bool(_PRONOUN_SPEAKER.search(unquoted(text, inside)))


def is_quotation(text: str, inside: bool = False) -> bool:
    """Mostly quoted text: at least half its letters inside quotation marks."""
    return quoted_share(text, inside) >= 0.5


def is_question(text: str) -> bool:
    return text.rstrip(" \"'”’)").endswith("?")
