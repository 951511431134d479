"""Junk judged one sentence at a time inside a long paragraph.

A lowercased one-line source (the Multi-News form) glues every line of a page into one
paragraph: its prompts, notices, "Advertisement" lines and captions are then sentences of that
paragraph, which the whole-paragraph rules of ``clean_rules`` never see on their own.
"""

from __future__ import annotations

import re

from storydesk.story.clean_rules import IGNORE_CASE, WHOLE, group_kind

# The whole-paragraph kinds that are junk wherever a sentence of their own stands. Captions,
# bylines, credits and link labels are left out: as sentences they also match news ("By almost
# a 70 percent …", "Credit Lyonnais …", "Photo: AP Monday, Chinese …").
SENTENCE_KINDS = (
    "advertisement",
    "newsletter",
    "reprints",
    "separator",
    "share-prompt",
    "passage-marker",
    "source-note",
)
SENTENCE_WHOLE_RE = re.compile(
    "|".join(f"(?P<{k.replace('-', '_')}>{WHOLE[k]})" for k in SENTENCE_KINDS),
    IGNORE_CASE | re.DOTALL,
)
# A sentence that opens as an agency's file-photo caption: "file - this may 13, 2014 file photo
# shows …". Not "close", "photo:" or "image copyright": the news itself follows those here
# ("Image copyright thinkstock children who have a good memory are better at …").
# Or an agency caption of any photo: "amman, jordan _ in this photo taken sunday, …", "this
# april 23, 2014 photo released by cbs shows …", "aurelie chatelain, in this photograph provided
# by the caudry city hall …".
SENTENCE_CAPTION = re.compile(
    r"(?:file ?[-–—] |(?:file )?(?:[-–—] )?in this [^.]{0,60}file photo"
    r"|(?:[^.!?,_]{1,60}(?:,| _) )?(?:in )?this (?:undated |(?:[a-z]+\.?,? ){0,2}(?:\d{1,2},? )?"
    r"\d{4},? )?(?:photo(?:graph)?|image|picture) (?:taken|provided by|released by|made from)\b)",
    IGNORE_CASE,
)
# A list of labelled links: "like the tonight show: https://facebook.com/fallontonight the
# tonight show tumblr: http://fallontonight.tumblr.com/ …", "On the Net: AAAS: http://…".
LABELLED_LINK = re.compile(r": ?(?:https?://|www\.)", IGNORE_CASE)
# A full stop after a word of at most four letters ("Sept.", "C.", "Spc."): where a caption may
# have been cut short at an abbreviation.
SHORT_WORD_END = re.compile(r"(?<![\w.])[A-Za-z]{1,4}\.$")
# Every SENTENCE_WHOLE_RE or SENTENCE_CAPTION match of a sentence holding a letter holds one of
# these: only the sentences around them are judged.
SENTENCE_LITERALS = tuple(
    """advertisement|story continues|continue reading|skip ad|sponsored|newsletter|subscrib
follow|like |have a tip|send us|this story appears|an expanded version|podcast|reprints
may not be published|all rights reserved|copyright|©|article excerpt|...|click to|tap to
share|bookmark with|what are these|this to a friend|printable version|passage |facebook
twitter|pinterest|reddit|digg|stumbleupon|delicious|linkedin|mail|whatsapp|google+|print
tumblr|flipboard|messenger|sms|comment|tweet|file|photo taken|picture taken|provided by
released by|made from|first to know|while you|information from|on the net|on the web|online:
for more|for the full""".replace("\n", "|").split("|")
) + (" |",)


def sentence_kind(sentence: str) -> str | None:
    """The kind of junk one sentence of a paragraph is on its own (page boilerplate aside)."""
    if len(sentence.split()) <= 40 and any(c.isalnum() for c in sentence):
        # Leading marks are the page's decoration: "— — >> follow ken meyer on twitter".
        match = SENTENCE_WHOLE_RE.fullmatch(sentence.lstrip("—–-_>»•*|# "))
        if match is not None:
            return group_kind(match)
        if len(LABELLED_LINK.findall(sentence)) >= 2:
            return "share-prompt"
    return "caption" if SENTENCE_CAPTION.match(sentence) else None


def cut_short(text: str, end: int, next_start: int) -> bool:
    """Whether a sentence end at ``end`` was an abbreviation's full stop ("Sept.", "John C."):
    a short word before it and, after it, a digit or a lower-case word."""
    return (
        SHORT_WORD_END.search(text, max(0, end - 6), end) is not None
        and next_start < len(text)
        and (text[next_start].isdigit() or text[next_start].islower())
    )
