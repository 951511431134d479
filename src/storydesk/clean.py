"""Remove scraping junk from an article, keeping offsets into its original text.

Junk was catalogued on raw Multi-News pages and the seed reports: captions and
photo credits, "Advertisement", video and audio player notices, share, follow
and newsletter prompts, related-link lists, datelines, bylines, web-archive
crawl notices, tweet-location boilerplate, cookie and paywall walls. Three
passes per paragraph, all precompiled regexes so cleaning costs microseconds:

1. whole-paragraph rules (a line that is nothing but junk),
2. captions (a short paragraph that ends in a photo credit or starts with a
   caption marker),
3. inline rules (junk glued to real text on the same line, as in the
   lowercased one-line Multi-News sources).

Rules are anchored on wording that real news sentences do not use, because a
dropped news sentence costs more than a kept prompt: ranking already skips
short fragments.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from storydesk.types import Article, Junk

_I = re.IGNORECASE
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"\S+")
# Any sentence end, whatever case follows: Multi-News sources are lowercased.
_LOOSE_END = re.compile(r"[.!?][\"'”’)]*\s+")

# Page-level junk: the boilerplate of pages that are not news at all. Shared by
# paragraph cleaning and by junk_page_score.
_PAGE_JUNK: dict[str, str] = {
    "crawl-notice": r"crawl data to the internet archive|these crawls are part of an effort"
    r"|wayback machine after an embargo|no more 404|focused crawls are collections"
    r"|web ?crawls? (?:data|run)|archive-it (?:partner|service)|the seed for \S+ (?:crawl )?was"
    r"|heritrix|this crawl was run|end of term (?:project|web archiv)|crawl (?:start|end) date"
    r"|these (?:files|data) (?:are|is) currently not publicly accessible",
    "tweet-boilerplate": r"tweet with a location|add (?:location information|a location) to your"
    r" tweets|tweet location history|switch location on/off|add this (?:tweet|video) to your"
    r" website by copying|proceed to legacy twitter|javascript is disabled in your browser",
    "cookie": r"(?:we|this (?:site|website)) uses? cookies|enable cookies|accept (?:all )?cookies"
    r"|data protection law requires us|cookie (?:policy|settings)",
    "error-page": r"(?:sorry|oops)[,!.]* (?:the|this) page|page (?:you (?:requested|were looking"
    r" for)|was not found|not found)|error 404|404 (?:error|not found)|an error has occurred"
    r"|problem saving your notification|please try again later",
    "paywall": r"you must log in to continue|already have an account|already a subscriber"
    r"|digital (?:subscription|access)|please (?:consider )?subscrib|subscribe now"
    r"|verification (?:email|message)|activate your (?:profile|account)|thank you for"
    r" registering|terms of service and privacy policy|zip ?code is not in our deliverable"
    r"|you(?: must|'ve)? reached your (?:limit|maximum)|free articles? (?:this month|remaining)"
    r"|verify you're not a robot|enter the characters",
    "newsletter": r"sign up for (?:our|the|breaking)[^.!?]{0,40}(?:newsletter|e-?mails|alerts)"
    r"|breaking news (?:e-?mails|alerts)|thanks? (?:you )?for (?:subscribing|signing up)"
    r"|subscribe to our[^.!?]{0,30}newsletters?|delivered (?:weekday mornings|to your inbox)"
    r"|get (?:daily updates|push notifications)|select a newsletter|notifications are only"
    r" sent|your notification has been saved|as an interest to stay up to date"
    r"|this will (?:not )?appear (?:next to all of your comments|anywhere on newser)",
    "video-notice": r"enable javascript|supports html5 video|media playback is unsupported"
    r"|interactive transcript could not be loaded|video has been rented"
    r"|this feature is not available right now|does not support the (?:audio|video)"
    r"|media requires javascript|click here to watch video",
}
_PAGE_PATTERN = "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in _PAGE_JUNK.items())
_PAGE = re.compile(_PAGE_PATTERN, _I)
_PAGE_LOWER = re.compile(_PAGE_PATTERN)  # on lowercased text: several times faster than IGNORECASE
# Literals one of which every page-junk match contains: `in` on a lowercased text
# costs well under a microsecond, so a clean article skips the regexes entirely.
_PAGE_TRIGGERS = (
    "crawl",
    "wayback",
    "no more 404",
    "archive-it",
    "heritrix",
    "end of term",
    "publicly access",
    "tweet",
    "cookie",
    "data protection",
    "sorry",
    "oops",
    "not found",
    "404",
    "an error has",
    "problem saving",
    "try again later",
    "log in",
    "an account",
    "your account",
    "subscri",
    "digital access",
    "verification",
    "activate your",
    "registering",
    "privacy policy",
    "zip",
    "reached your",
    "free article",
    "robot",
    "enter the characters",
    "sign up for",
    "breaking news",
    "thank you for",
    "thanks for",
    "delivered",
    "daily updates",
    "push notifications",
    "newsletter",
    "notification",
    "as an interest",
    "this will",
    "javascript",
    "html5",
    "media playback",
    "transcript",
    "rented",
    "not available right now",
    "does not support",
    "click here",
)

# Whole paragraphs that are nothing but junk (matched against the stripped paragraph).
_SOCIAL = r"(?:facebook|twitter|pinterest|reddit|digg|stumbleupon|delicious|linkedin|e-?mail"
_SOCIAL += r"|whatsapp|google\+|print|tumblr|flipboard|messenger|sms|comments?|share|tweet)"
_WHOLE: dict[str, str] = {
    "advertisement": r"(?:advertisement\s*)+(?:continue reading the main story)?"
    r"|(?:story continues below|continue reading the main story)(?: advertisement)?"
    r"|skip ad(?: ad loading\.*)?|sponsored(?: content| links)?",
    "related-links": r"(?:related|more|full coverage|photos?|videos?|watch|see also|also read"
    r"|read more|recommended|listen|more on this|trending)(?: \w+)?\s*:.{0,150}|related"
    r"|\[[^\]]{0,200}\]|read more|more from \w+|.{5,150}? read more|(?:click|tap) here.{0,80}",
    "share-prompt": rf"(?:click|tap) to (?:email|share|print).*|share (?:on|this|via).{{0,60}}"
    rf"|{_SOCIAL}(?:[\s,|/•·]+{_SOCIAL})*|bookmark with:.*|read or share this story:.*"
    rf"|(?:{_SOCIAL} )*(?:what are these\??|e-?mail this to a friend|printable version)(?: .*)?"
    rf"|share on more.*",
    "newsletter": r".{0,80}(?:newsletters?|subscribe|subscribing)\W{0,3}"
    r"|(?:follow|like) (?:us|[^.]{1,40}) on (?:facebook|twitter|instagram).{0,60}"
    r"|for the latest news and analysis, follow @\w+\.?|have a tip.{0,60}"
    r"|this story appears in the .{5,40} issue of .{2,40}"
    r"|an expanded version of this report appears on .{2,30}"
    r"|download the .{1,60} podcast on .{0,120}",
    "byline": r"(?:by|--|—|/ (?:updated )?by|/ source:.{1,40} by) [A-Z][\w.'’-]*"
    r"(?:,? (?:and )?[A-Z][\w.'’-]*){0,7}(?:,? [A-Z][\w ]{0,30})?"
    r"|.{3,120} contributed to this (?:report|story)\.?"
    r"|\((?:writing|reporting|editing|additional reporting)(?: by)? [^)]{3,200}\)"
    r"|\S+@\S+\.\w{2,}|(?:twitter|follow) @\w+|write to .{3,60} at \S+@\S+"
    r"|.{3,60} can be reached at \S+|this article appeared on page .{1,60}"
    r"|(?:editor['’]s note:? )?this (?:interview|transcript) has been (?:edited|condensed).{0,40}"
    r"|(?:posted|updated|published|last updated):? .{0,60}\d{1,2}:\d{2}.{0,60}"
    r"|.{0,60} \d{1,2}:\d{2} ?[ap]\.?m\.? et by .{1,40}",
    "reprints": r"dow jones reprints:.*|this material may not be published.{0,60}"
    r"|(?:all rights reserved|copyright|©).{0,100}|.{0,100}all rights reserved\.?",
    "separator": r"[_*=~#•·.\-–—\s]{1,}|article excerpt|by|(?:\w+ )?\.\.\.|[A-Z][\w .,'-]{1,40} \|",
    "passage-marker": r"passage \d+:?",
    "dateline": r"date \d{4}-\d{2}-\d{2}",
    "video-notice": r"(?:video|photo|play|replay|now playing:?|add interest|watch(?: video)?)",
}
_WHOLE_RE = re.compile(
    "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in _WHOLE.items()), _I | re.DOTALL
)

# A photo credit at the end of a caption, or standing alone.
_NAME = r"[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*| (?:de|van|von|al|el|la|di)){0,4}"
_CREDIT_END = re.compile(
    r"(?:\((?i:[^()]{0,80}?(?:photo|photograph|getty|reuters|associated press|\bap\b|afp|\bepa\b"
    r"|credit|courtesy|images|pool|staff)[^()]{0,80}?)\)"
    r"|\([^()]{1,40}/[^()]{1,60}\)"
    r"|(?i:photo(?:graph)?s?|credit|image|illustration|picture|video)\s*(?::|by|–|-)\s*[^.!?]{2,80}"
    r"|(?i:courtesy)(?: of)? " + _NAME + r"|(?i:getty images|share photo|\(?family photos?\)?)"
    r"|" + _NAME + r" ?/ ?" + _NAME + r"(?: ?/ ?" + _NAME + r")*"
    r")\s*$"
)
_CREDIT_ALONE = re.compile(
    r"(?:" + _NAME + r" ?/ ?" + _NAME + r"(?: ?/ ?" + _NAME + r")*|(?:AP|AFP|Reuters|Getty|EPA)"
    r"(?: Images)?(?: \(\d+\))?|(?i:(?:photo(?:graph)?|illustration|credit|source|courtesy)"
    r"(?: by|:| –| -)? .{2,60})|\((?i:credit|photo):? [^()]{2,60}\))$"
)
_CAPTION_START = re.compile(
    r"(?:image (?:copyright|caption)|media caption|view images|\d+ of \d+\.? |(?:file )?(?:- )?in"
    r" this [^.]{0,60}(?:file )?photo|file -|facebook twitter pinterest|✉|photo:|caption:"
    r"|(?:enlarge this image )?(?:toggle|hide) caption|enlarge image|close (?=[A-Z]))",
    _I,
)
_CAPTION_CLOSE = re.compile(r"CLOSE (?=[A-Z])")

# Junk glued to real text inside a paragraph.
_INLINE: dict[str, str] = {
    "video-notice": r"to view this video,? please enable javascript,? and consider upgrading to a"
    r" web browser that supports html5 video\.?|please enable javascript to (?:watch|view) this"
    r" video\.?|media playback is unsupported on your device|media requires javascript to play\.?"
    r"|rating is available when the video has been rented\.?|the interactive transcript could"
    r" not be loaded\.?|this feature is not available right now\. please try again later\.?"
    r"|your browser does not support the (?:audio|video) (?:element|tag)\.?|on a mobile device\?"
    r" click here to watch video\.?|\(? ?click prev or next to continue viewing images\.? ?\)?",
    "advertisement": r"(?<![^\s.!?\"'”])(?-i:Advertisement)(?: continue reading the main story)?"
    r"(?=\s|$)(?!\s+(?:revenue|spending|campaign|agency|industry|was|is|for|of|in|that)\b)",
    "newsletter": r"breaking news emails get breaking news alerts and special reports\.(?: the news"
    r" and stories that matter, delivered weekday mornings\.)?|sign up for breaking news emails"
    r" privacy policy thank you for subscribing!|get daily updates directly to your inbox"
    r"(?: \+ subscribe)?(?: thank you for subscribing!)?(?: could not subscribe, try again"
    r" later)?(?: invalid email)?|get the latest from \w+ sign up for our newsletter"
    r"|get push notifications with news, features and more\.|looking for news you can trust\?"
    r"(?: subscribe to our free newsletters\.)?|this will appear next to all of your comments"
    r"(?: this will not appear anywhere on newser)?|add [^.]{1,40} as an interest to stay up to"
    r" date on the latest [^.]{1,40} news, video,? and analysis from abc news\.",
    "reprints": r"dow jones reprints: this copy is for your personal, non-commercial use only\."
    r"(?: to order presentation-ready copies [^.]{0,200}? www\.djreprints\.com)?",
    "share-prompt": r"read or share this story: \S+|share on more share on more",
    "caption": r"image copyright .{1,60}? image caption|image caption|media caption"
    r"|(?:enlarge this image )?(?:toggle|hide) caption|story highlights",
    "passage-marker": r"passage \d+:",
    "photo-credit": r"\(\s*(?:(?:ap|afp|reuters|epa)\s*(?:photo|/)[^()]{0,60}|getty[^()]{0,60}"
    r"|(?:photo|photograph"
    r"|credit|image|courtesy)s?\s*(?::|by)[^()]{0,80}|associated(?: press)?|family photos?"
    r"|[^()]{0,40}/\s?(?:getty images|ap|afp|reuters|epa)[^()]{0,20})\s*\)"
    r"|\b(?:reuters|afp|epa|ap photo|getty images)\s?/\s?[\w.'’-]+(?:\s[\w.'’-]+)?"
    r"(?:/[\w.'’-]+(?:\s[\w.'’-]+)?)*",
}
# Each inline rule runs only on articles holding one of its trigger literals.
_INLINE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "video-notice": (
        "javascript",
        "media playback",
        "video has been rented",
        "transcript",
        "not available right now",
        "does not support the",
        "click here to watch",
        "click prev",
    ),
    "advertisement": ("advertisement",),
    "newsletter": (
        "breaking news emails",
        "get daily updates",
        "sign up for our newsletter",
        "push notifications",
        "news you can trust",
        "next to all of your comments",
        "as an interest",
    ),
    "reprints": ("dow jones reprints",),
    "share-prompt": ("read or share", "share on more"),
    "caption": (
        "image copyright",
        "image caption",
        "media caption",
        "toggle caption",
        "hide caption",
        "story highlights",
    ),
    "passage-marker": ("passage ",),
    "photo-credit": (
        "( ap",
        "(ap",
        "( afp",
        "(afp",
        "( epa",
        "(epa",
        "reuters",
        "getty",
        "photo",
        "credit",
        "courtesy",
        "associated",
        "image",
        "/",
    ),
}
_INLINE_RULES = tuple(
    (kind, _INLINE_TRIGGERS[kind], re.compile(pattern, _I)) for kind, pattern in _INLINE.items()
)
# A dateline that opens a paragraph: "LOS ANGELES (Reuters) - ", "Sycamore, Illinois (CNN) ".
_DATELINE = re.compile(
    r"(?:date \d{4}-\d{2}-\d{2}\s+"
    r"|[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?"
    r"(?: \([\w. ]{2,20}\))? ?(?:—|–|--|-) ?"
    r"|[A-Z][\w.'’ -]{2,30}(?:, [A-Z][\w. ]{2,20})? ?\( ?(?i:cnn|ap|reuters|afp|upi) ?\)"
    r" ?(?:(?:—|–|--|-) ?)?)(?=[\"“‘A-Za-z])"
)


@dataclass(frozen=True)
class Cleaned:
    """An article with the spans of real text kept and the junk removed."""

    article: Article
    kept: tuple[tuple[int, int], ...]
    removed: tuple[Junk, ...] = ()

    @property
    def text(self) -> str:
        """The kept text, one span per line (for reading, not for offsets)."""
        return "\n".join(self.article.text[s:e] for s, e in self.kept)


def _kind(match: re.Match[str]) -> str:
    assert match.lastgroup is not None
    return match.lastgroup.replace("_", "-")


def _whole_kind(text: str, words: int, is_first: bool, title: str | None) -> str | None:
    """The kind of junk a whole (stripped) paragraph is, or None."""
    if is_first and title is not None and text == title:
        return "headline"
    if words <= 40:
        match = _WHOLE_RE.fullmatch(text)
        if match is not None:
            return _kind(match)
    if words <= 10 and _CREDIT_ALONE.match(text) and not _SENTENCE_END.search(text):
        return "photo-credit"
    if words <= 70 and (
        _CAPTION_START.match(text) or _CAPTION_CLOSE.match(text) or _may_credit(text)
    ):
        return "caption"
    return None


def _lower(text: str) -> str:
    """Lowercased text of the same length (so offsets carry over), else the text itself."""
    low = text.lower()
    return low if len(low) == len(text) else text


def _page_kind(piece: str) -> str | None:
    """The kind of page boilerplate a short piece is (or a crawl/tweet notice of any length)."""
    page = _PAGE_LOWER.search(piece)
    if page is None:
        return None
    if page.lastgroup in ("crawl_notice", "tweet_boilerplate") or _words(piece) <= 40:
        return _kind(page)
    return None


_CREDIT_WORDS = (
    "photo",
    "credit",
    "image",
    "illustration",
    "picture",
    "video",
    "courtesy",
    "getty",
)


def _may_credit(text: str) -> bool:
    """Whether a paragraph ends in a photo credit; the cheap tests spare most the regex."""
    if not (text.endswith(")") or "/" in text):
        low = text.lower()
        if not any(word in low for word in _CREDIT_WORDS):
            return False
    return _CREDIT_END.search(text) is not None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


_Rules = tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]


def _active_rules(low: str) -> _Rules:
    """The inline rules whose triggers occur anywhere in the (lowercased) article."""
    return tuple(rule for rule in _INLINE_RULES if any(t in low for t in rule[1]))


def _inline_matches(
    text: str, low: str, start: int, end: int, rules: _Rules
) -> list[tuple[int, int, str]]:
    """(start, end, kind) of inline junk in text[start:end], earliest first."""
    window = low[start:end]
    found: list[tuple[int, int, str]] = []
    for kind, triggers, pattern in rules:
        if any(trigger in window for trigger in triggers):
            found.extend((m.start(), -m.end(), kind) for m in pattern.finditer(text, start, end))
    found.sort()
    return [(s, -e, k) for s, e, k in found]


def _inline(
    text: str, low: str, start: int, end: int, article_id: str, rules: _Rules
) -> tuple[list[tuple[int, int]], list[Junk]]:
    """Junk pieces inside one paragraph, and the real pieces around them."""
    removed: list[Junk] = []
    cursor = start
    pieces: list[tuple[int, int]] = []
    dateline = _DATELINE.match(text, start, end)
    if dateline is not None and dateline.end() < end:
        removed.append(Junk(article_id, start, dateline.end(), "dateline", dateline.group()))
        cursor = dateline.end()
    for j_start, j_end, kind in _inline_matches(text, low, cursor, end, rules):
        if j_start < cursor:
            continue
        if kind == "photo-credit":
            j_start, kind = _caption_before(text, cursor, j_start, kind)
        elif kind == "caption" and not _SENTENCE_END.search(text, j_end, end):
            j_end = end  # a caption that runs to the end of the paragraph is all caption
        pieces.append((cursor, j_start))
        removed.append(Junk(article_id, j_start, j_end, kind, text[j_start:j_end]))
        cursor = j_end
    pieces.append((cursor, end))
    return pieces, removed


def _caption_before(text: str, cursor: int, credit: int, kind: str) -> tuple[int, str]:
    """Where the caption a credit closes begins, if the text before it is one."""
    before = text[cursor:credit]
    stripped = before.rstrip()
    if stripped.endswith(("...", "…")):
        # A truncated agency caption: back to the sentence before the ellipsis.
        ends = [m.end() for m in _SENTENCE_END.finditer(text, cursor, credit)]
        ends = [e for e in ends if not text[e - 4 : e].strip().endswith(("...", "…"))]
        return (ends[-1] if ends else cursor), "caption"
    # Text between the paragraph start (or the junk before) and a credit is its
    # caption when it is short: at most one sentence end inside it.
    if _words(before) <= 40 and len(_SENTENCE_END.findall(before)) <= 1:
        return cursor, "caption"
    return credit, kind


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clean(article: Article) -> Cleaned:
    """Split an article into kept spans of real text and removed junk pieces."""
    text = article.text
    low = _lower(text)
    paged = any(trigger in low for trigger in _PAGE_TRIGGERS)
    rules = _active_rules(low)
    kept: list[tuple[int, int]] = []
    removed: list[Junk] = []
    first = True
    for line in _LINE.finditer(text):
        start, end = _strip(text, line.start(), line.end())
        if start == end:
            continue
        paragraph = text[start:end]
        kind = _whole_kind(paragraph, _words(paragraph), first, article.title)
        first = False
        if kind is not None:
            removed.append(Junk(article.id, start, end, kind, paragraph))
            continue
        pieces, junk = _inline(text, low, start, end, article.id, rules)
        removed.extend(junk)
        for piece_start, piece_end in pieces:
            s, e = _strip(text, piece_start, piece_end)
            if e > s and any(c.isalnum() for c in text[s:e]):
                page = _page_kind(low[s:e]) if paged else None
                if page is None:
                    kept.append((s, e))
                else:
                    removed.append(Junk(article.id, s, e, page, text[s:e]))
    return Cleaned(article, tuple(kept), tuple(removed))


def junk_page_score(text: str) -> float:
    """How much a whole article is a junk page, in [0, 1].

    The share of its characters in sentences that carry page boilerplate
    (crawl notices, tweet and cookie walls, error pages, paywalls, sign-up and
    player prompts), raised to 0.8 when that share is at least half and fewer
    than 40 words are left outside them: such a page has nothing else to say.
    """
    total = len(text.strip())
    if total == 0:
        return 1.0
    low = _lower(text)
    if not any(trigger in low for trigger in _PAGE_TRIGGERS):
        return 0.0
    pattern = _PAGE_LOWER if low is not text else _PAGE
    matches = list(pattern.finditer(low))
    if not matches:
        return 0.0
    bounds = [0] + [m.end() for m in _LOOSE_END.finditer(text)] + [len(text)]
    marked: list[int] = []
    partial = 0  # a prompt inside a long sentence counts with its own characters only
    for match in matches:
        index = bisect_right(bounds, match.start()) - 1
        strong = match.lastgroup in ("crawl_notice", "tweet_boilerplate")
        if strong or _words(text[bounds[index] : bounds[index + 1]]) <= 40:
            marked.append(index)
        else:
            partial += match.end() - match.start()
    marked.sort()
    # Boilerplate splits badly ("preserved.then"): up to two sentences between
    # junk sentences belong to the same notice.
    for before, after in zip(marked, marked[1:], strict=False):
        if 1 < after - before <= 3 and _words(text[bounds[before + 1] : bounds[after]]) <= 80:
            marked.extend(range(before + 1, after))
    junk = partial + sum(bounds[i + 1] - bounds[i] for i in set(marked))
    share = junk / len(text)
    if share >= 0.5 and _words(text) * (1.0 - share) < 40:
        share = max(share, 0.8)
    return round(min(1.0, share), 4)
