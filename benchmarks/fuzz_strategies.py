"""The hostile inputs of benchmarks/fuzz.py, as hypothesis strategies, every one size-capped.

Random Unicode (control, zero-width, RTL, emoji), HTML fragments and broken markup, enormous lines,
nested and unbalanced quotes, empty and whitespace-only articles, 0-50 articles a story, odd
budgets, odd ids, dates and byte encodings.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

MAX_PIECES = 10  # pieces of text per article
MAX_ENORMOUS = 3000  # characters of one enormous line
MAX_ARTICLES = 50
# Each case goes through ingest, then up to one target (summarize runs clean and segment first).
TARGETS = ("clean/segment", "summarize", "summarize", "cluster", "compare", "ingest-html")

# --- strategies ------------------------------------------------------------------------------

SPECIALS = [
    "\ud800",  # a lone surrogate: JSON can carry one ("\\ud800"), UTF-8 cannot
    "\udfff",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",  # zero-width, soft hyphen
    "\u202e",
    "\u202d",
    "\u2067",
    "\u2066",
    "\u200f",
    "\u061c",  # RTL and bidi controls
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    "\u3000",
    "\u00a0",
    "😀",
    "👩‍👩‍👧‍👦",
    "🇺🇸",
    "🏳️‍🌈",
    "e\u0301",
    "\ufffd",
    "\U0010ffff",
    "\ud7ff",
    "ﷺ",
    "עברית",
    "العربية",
    "日本語のテキスト。",
    "Ελληνικά",
    "Ω≈ç√",
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‚",
    "「",
    "」",
    '""',
    "''",
    '"""',
    "(",
    ")",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<b><i>",
    "</i>",
    "<a href='x'>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&lt;",
    "&#x1F600;",
    "&#0;",
    "&nbsp;",
    "&bogus;",
    "<",
    ">",
    "<<<>>>",
    "<p",
    "p>",
    "<?xml version='1.0'?>",
    "...",
    "…",
    "!!!",
    "?",
    ". . .",
    "Mr.",
    "U.S.",
    "No.",
    "e.g.",
    "3.14",
    "1,000,000",
    "-",
    "—",
]
WORDS = [
    "the",
    "mayor",
    "said",
    "council",
    "bridge",
    "budget",
    "approved",
    "monday",
    "night",
    "after",
    "long",
    "debate",
    "construction",
    "spring",
    "office",
    "statement",
    "police",
    "reported",
    "fire",
    "river",
    "harbor",
    "city",
    "officials",
    "residents",
    "new",
    "million",
    "dollars",
    "vote",
    "project",
    "storm",
    "damage",
    "court",
    "ruled",
    "judge",
    "company",
    "shares",
    "fell",
    "percent",
]

sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=16),
    st.sampled_from([".", "!", "?", "", ".\u201d", '."', "...", ";"]),
)
unicode_text = st.text(alphabet=st.characters(codec=None, exclude_categories=["Cs"]), max_size=60)
enormous_line = st.builds(
    lambda unit, n: (unit * n)[:MAX_ENORMOUS],
    st.sampled_from(["word ", "x", "<b>", "\u200b", "“", "aaaa.", "😀"]),
    st.integers(100, MAX_ENORMOUS),
)
nested_quotes = st.builds(
    lambda opens, body: "".join(opens) + body + "".join(reversed(opens[: len(opens) // 2])),
    st.lists(st.sampled_from(['"', "'", "“", "‘", "«", "(", "["]), max_size=12),
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
)
piece = st.one_of(
    sentence,
    sentence,
    sentence,
    unicode_text,
    st.sampled_from(SPECIALS),
    nested_quotes,
    enormous_line,
    # Words glued to hostile characters, so they land inside sentences a summary keeps.
    st.builds(
        lambda a, b, c: f"{a}{b}{c}", st.sampled_from(WORDS), st.sampled_from(SPECIALS), sentence
    ),
)
separator = st.sampled_from([" ", "\n", "\n\n", "", "  ", "\r\n", "\t"])
article_text = st.one_of(
    st.lists(st.tuples(piece, separator), max_size=MAX_PIECES).map(
        lambda parts: "".join(p + s for p, s in parts)
    ),
    st.sampled_from(["", " ", "\n\n\n", "\t \u3000\u200b", "\u00a0"]),
)
budget = st.one_of(
    st.builds(lambda w: {"words": w}, st.integers(-3, 2000)),
    st.builds(lambda s: {"sentences": s, "words": 250}, st.integers(-2, 60)),
    st.sampled_from([{"words": 1}, {"words": 5}, {"sentences": 1}, {}]),
)


DATES = [None, "2024-02-30", "yesterday", "2024-05-01T10:00", "1900-01-01", "2099-12-31"]


@st.composite
def cases(draw: Any) -> dict[str, Any]:
    count = draw(st.integers(0, MAX_ARTICLES))
    # Many articles come with short texts, so that every case stays small.
    texts = draw(st.lists(article_text if count < 6 else sentence, min_size=count, max_size=count))
    ids = draw(
        st.one_of(st.just(None), st.lists(st.sampled_from(["a", "b", "", "a "]), max_size=3))
    )
    return {
        "target": draw(st.sampled_from(TARGETS)),
        "texts": texts,
        "ids": ids,
        "budget": draw(budget),
        # one date per article: unparseable ones, and spans of centuries (time factors overflow)
        "published": draw(st.lists(st.sampled_from(DATES), min_size=count, max_size=count)),
        "encoding": draw(st.sampled_from(["json", "json", "utf-8", "utf-16", "cp1252", "latin-1"])),
    }
