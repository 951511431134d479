"""The junk catalogue: patterns for page junk, whole junk paragraphs, captions and photo
credits, junk glued inside paragraphs, and datelines.

Rules are anchored on wording that real news sentences do not use, because a dropped news
sentence costs more than a kept prompt. Each pattern group has literal triggers so that a clean
article skips the regexes entirely.
"""

from __future__ import annotations

import re

from storydesk.story.clean_credits import (
    AGENCY,
    CREDIT_NAME,
    CREDIT_SOURCE,
    SLASH_AGENCY,
    UPDATE_STAMP,
    WIRE_AGENCIES,
)

IGNORE_CASE = re.IGNORECASE


def group_kind(match: re.Match[str]) -> str:
    """The junk kind a named-group match found ("crawl_notice" -> "crawl-notice")."""
    assert match.lastgroup is not None
    return match.lastgroup.replace("_", "-")


LINE = re.compile(r"[^\n]+")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
WORD = re.compile(r"\S+")
# Any sentence end, whatever case follows: Multi-News sources are lowercased.
LOOSE_END = re.compile(r"[.!?][\"'”’)]*\s+")

# Page-level junk: the boilerplate of pages that are not news at all. Shared by
# paragraph cleaning and by junk_page_score.
PAGE_JUNK: dict[str, str] = {
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
    r"|verify you're not a robot|enter the characters|log in to your subscriber account"
    r"|subscription to continue reading",
    "newsletter": r"sign up for (?:our|the|breaking)[^.!?]{0,40}(?:newsletter|e-?mails|alerts)"
    r"|breaking news (?:e-?mails|alerts)|thanks? (?:you )?for (?:subscribing|signing up)"
    r"|subscribe to our[^.!?]{0,30}newsletters?|delivered (?:weekday mornings|to your inbox)"
    r"|get (?:daily updates|push notifications|e-?mail notifications on)|select a newsletter"
    r"|notifications are only sent|your notification has been saved"
    r"|as an interest to stay up to date"
    r"|this will (?:not )?appear (?:next to all of your comments|anywhere on newser)",
    "video-notice": r"enable javascript|supports html5 video|media playback is unsupported"
    r"|interactive transcript could not be loaded|video has been rented"
    r"|this feature is not available right now|does not support the (?:audio|video)"
    r"|media requires javascript|click here to watch video",
}
PAGE_PATTERN = "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in PAGE_JUNK.items())
# Literals one of which every match of each kind's pattern holds (read off the patterns above).
PAGE_KIND_LITERALS: dict[str, tuple[str, ...]] = {
    "crawl-notice": ("crawl", "wayback", "no more 404", "archive-it", "the seed for", "heritrix")
    + ("end of term", "publicly access"),
    "tweet-boilerplate": ("tweet", "switch location", "to your website by copying")
    + ("legacy twitter", "javascript"),
    "cookie": ("cookie", "data protection"),
    "error-page": ("sorry", "oops", "page you", "not found", "404", "an error has")
    + ("problem saving", "try again later"),
    "paywall": ("log in", "an account", "subscri", "digital access", "verification")
    + ("activate your", "registering", "privacy policy", "zip", "reached your", "free article")
    + ("robot", "enter the characters"),
    "newsletter": ("sign up for", "breaking news", "for subscribing", "for signing up", "subscri")
    + ("delivered", "daily updates", "push notifications", "newsletter", "notification")
    + ("as an interest", "this will"),
    "video-notice": ("javascript", "html5", "media playback", "transcript", "rented")
    + ("not available right now", "does not support", "click here"),
}
# On lowercased text, each kind on its own (several times faster than IGNORECASE, which
# clean.py compiles only for the rare text whose lowercase changes length): a kind whose
# literals a text lacks is not searched at all, and a pattern that opens on a literal is found
# by the engine's fast literal scan. clean.page_matches merges them into PAGE_PATTERN's matches.
PAGE_KINDS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (kind, re.compile(pattern), PAGE_KIND_LITERALS[kind]) for kind, pattern in PAGE_JUNK.items()
)
# Literals one of which every page-junk match contains: a clean article skips the regexes.
PAGE_TRIGGERS = (
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
# PAGE_TRIGGERS misses a few rare phrasings ("the page you requested", "switch location
# on/off", "proceed to legacy twitter", "thank for subscribing", ...); they are left out there
# so that which articles get scanned stays as it was. With them, every PAGE match contains one
# of these literals, so a piece holding none of them needs no regex search.
PAGE_LITERALS = (
    *PAGE_TRIGGERS,
    "the seed for",
    "switch location",
    "to your website by copying",
    "legacy twitter",
    "page you",
    "for subscribing",
    "for signing up",
)

# Whole paragraphs that are nothing but junk (matched against the stripped paragraph).
SOCIAL = r"(?:facebook|twitter|pinterest|reddit|digg|stumbleupon|delicious|linkedin|e-?mail"
SOCIAL += r"|whatsapp|google\+|print|tumblr|flipboard|messenger|sms|comments?|share|tweet)"
WHOLE: dict[str, str] = {
    "advertisement": r"(?:advertisement\s*)+(?:continue reading the main story)?"
    r"|(?:story continues below|continue reading the main story)(?: advertisement)?"
    r"|skip ad(?: ad loading\.*)?|sponsored(?: content| links)?",
    "related-links": r"(?:related|more|full coverage|photos?|videos?|watch|see also|also read"
    r"|read more|recommended|listen|more on this|trending)(?: \w+)?\s*:.{0,150}|related"
    r"|\[[^\]]{0,200}\]|read more|more from \w+|.{5,150}? read more|(?:click|tap) here.{0,80}"
    r"|read (?:more|the full story|it) (?:from|at|on|in) .{1,60}"
    r"|check out (?:what|our|the|more|this)\b[^.!?]{0,120}[.!]?",
    "share-prompt": rf"(?:click|tap) to (?:email|share|print).*|share (?:on|this|via).{{0,60}}"
    rf"|{SOCIAL}(?:[\s,|/•·]+{SOCIAL})*|bookmark with:.*|read or share this story:.*"
    rf"|(?:{SOCIAL} )*(?:what are these\??|e-?mail this to a friend|printable version)(?: .*)?"
    rf"|share on more.*"
    # A link prompt: "For more on movies, go to www.boston.com/movienation."
    r"|for (?:more|the full story|the latest|full coverage|updates)\b[^.!?]{0,60}, (?:go to|visit"
    r"|see|check out|click|read|head to|follow)\b.{0,100}",
    "newsletter": r".{0,80}(?:newsletters?|subscribe|subscribing)\W{0,3}"
    r"|(?:follow|like) (?:us|[^.]{1,40}) on (?:facebook|twitter|instagram).{0,60}"
    r"|see more of .{1,60} on facebook\W{0,3}|sign up,? (?:to )?be the first to know\W{0,3}"
    r"|(?:and )?while you ?['’]? ?re here,? .{0,100}"
    r"|for the latest news and analysis, follow @\w+\.?|have a tip.{0,60}"
    r"|send us (?:a |your )?(?:secure |news )?tips?\b.{0,80}"
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
    # An opinion column's disclaimer: "The author is a Reuters Breakingviews columnist. The
    # opinions expressed are his own."
    "disclaimer": r"(?:the (?:author|writer) is an? [^.!?]{1,80}?(?:columnist|contributor|writer)"
    r"\.? ?)?(?:the (?:opinions|views) expressed (?:here |in this \w+ )?are (?:his|her|their"
    r"|the author['’]s|solely those of the author)(?: own)?\.?)?",
    # A wire report's closing note: "___ information from: the sun chronicle, http://…".
    "source-note": r"(?:information from|on the (?:net|web)|online): .{1,150}",
    "dateline": r"date \d{4}-\d{2}-\d{2}",
    "video-notice": r"(?:video|photo|play|replay|now playing:?|add interest|watch(?: video)?)",
}
WHOLE_RE = re.compile(
    "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in WHOLE.items()), IGNORE_CASE | re.DOTALL
)


# Junk glued to real text inside a paragraph.
INLINE: dict[str, str] = {
    "video-notice": r"to view this video,? please enable javascript,? and consider upgrading to a"
    r" web browser that supports html5 video\.?|please enable javascript to (?:watch|view) this"
    r" video\.?|media playback is unsupported on your device|media requires javascript to play\.?"
    r"|rating is available when the video has been rented\.?|the interactive transcript could"
    r" not be loaded\.?|this feature is not available right now\. please try again later\.?"
    r"|your browser does not support the (?:audio|video) (?:element|tag)\.?|on a mobile device\?"
    r" click here to watch video\.?|\(? ?click prev or next to continue viewing images\.? ?\)?",
    # Capitalised anywhere; or in any case right after a sentence end, where a lowercased
    # source (Multi-News) glued its "Advertisement" line: ". \" advertisement the measure …".
    "advertisement": r"(?:(?<![^\s.!?\"'”])(?-i:Advertisement)|(?:(?<=[.!?] )|(?<=[.!?][\"'”)] )"
    r"|(?<=[.!?] [\"'”] ))advertisement)(?: advertisement)*(?: continue reading the main story)?"
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
    r"(?: to order presentation-ready copies [^.]{0,200}? www\.djreprints\.com)?"
    # The New York Times News Service's wire markers and notes (DUC's newswire).
    r"|&[qu][lr];|endit\b|x{3,} end of story|story filed by [^.\n]{1,80}? news service"
    r"|\((?:the )?[^()]{3,80} is (?:part|a member) of the new york times (?:regional|news)"
    r"[^()]{0,60}\)"
    r"|you can (?:reach|contact) (?:him|her|them|the (?:author|writer)) at [^\n]{3,120}?\.(?=\s|$)",
    "share-prompt": r"read or share this story: \S+|share on more share on more"
    r"|(?:listen to (?:this )?article \d{1,2}: ?\d\d )?share this article(?: (?:facebook|twitter"
    r"|linkedin|e-?mail|whatsapp|reddit|print|copy link))+|\[ ?(?:related|see|read more|watch"
    r"|view|photos?|videos?|click)\b[^\]]{0,200}\]|\( ?to (?:see|read|view|watch) [^()]{0,80},"
    r" click here\.? ?\)",
    # A media player's or gallery's controls: "play facebook twitter embed <title> 2: 07 ",
    # "image 1 of / 2 caption close image 1 of 2", "buy photo".
    "media-control": r"play facebook twitter (?:email )?embed [^.!?]{0,150}? \d{1,2}: ?\d\d(?= )"
    r"|image \d+ of / ?\d+(?: caption)?(?: close)?(?: image \d+ of \d+)?"
    r"|buy photo(?<![a-z] buy photo)(?<![a-z]buy photo)(?= )"  # not "to buy photo equipment"
    r"|skip in skip x embed x share ",
    # A wire agency's tag opening a report after the previous one's last sentence.
    "dateline": r"\((?:(?<=[.!?] \()|(?<=[.!?][\"'”)] \()) ?(?:" + WIRE_AGENCIES + r") ?\)"
    r" ?(?:(?:—|–|--|-) ?)?(?=[a-z\"“‘])",
    "caption": r"image copyright .{1,60}? image caption|image caption|media caption"
    r"|(?:enlarge this image )?(?:toggle|hide) caption|story highlights",
    "passage-marker": r"passage \d+:",
    "photo-credit": r"\(\s*(?:(?:ap|afp|reuters|epa)\s*(?:photo|/)[^()]{0,60}|getty[^()]{0,60}"
    r"|(?:photo|photograph"
    r"|credit|image|courtesy)s?\s*(?::|by)[^()]{0,80}|associated(?: press)?|family photos?"
    r"|[^()]{0,40}/\s?(?:getty images|ap|afp|reuters|epa)[^()]{0,20})\s*\)"
    r"|\b(?:reuters|afp|epa|ap photo|getty images)\s?/\s?[\w.'’-]+(?:\s[\w.'’-]+)?"
    r"(?:/[\w.'’-]+(?:\s[\w.'’-]+)?)*",
    # A link title closing a paragraph after its last sentence: "… Check out What To Expect …".
    "related-links": r"(?<=[.!?\"”] )(?-i:Check out|See also|Read more|Also read)[:\s]"
    r"[^.!?\n]{1,120}[.!]?$"
    # … or a pointer to the page's player: "… You can see the cold open below, via NBC:".
    r"|(?<=[.!?\"”] )(?:you can )?(?:see|watch|view|listen to|check out) [^.!?\n]{0,80}"
    r"\bbelow\b[^.!?\n]{0,30}[.:!]?$",
    # The publisher asking readers for tips: "…, we'd like to hear from you. Send us a tip …".
    "call-out": r"(?:if you (?:have|know|are|were)[^.!?]{0,160}?,\s*)?we(?:[’']?d| would)"
    r" (?:like|love) to hear from you\.?|we want to hear from you\.?"
    r"|send us (?:a |your )?(?:secure |news )?tips?\b.{0,80}?\.(?=\s|$)",
    # An embedded tweet's link and signature: "…thwartedhttps://twitter.com/x/status/1 …",
    # "pic.twitter.com/y7lX", "— Maggs (@mjpoukkula) July 16, 2015".
    "tweet-embed": r"(?:https?://(?:www\.|mobile\.)?twitter\.com/\S+|pic\.twitter\.com/\w+"
    r"|https?://t\.co/\w+)(?: ?…)?|— (?!follow )[^—\n>]{1,60}? \( ?@\w+ ?\)"
    r"(?: (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}, \d{4})?",
    # A credit glued to a headline or sentence: after a "|" separator, in "Name/Agency" form, or
    # an agency name that opens a caption ("Associated Press An Israeli soldier ..."). Case
    # matters: "an Ipsos poll" or "the associated press reported" are news.
    "glued-credit": r"(?-i:[|•]\s*" + CREDIT_SOURCE + r"|(?<![\w/])" + CREDIT_NAME + r" ?/ ?"
    r"(?:" + CREDIT_NAME + r" ?/ ?)*" + SLASH_AGENCY + r"(?: ?/ ?" + CREDIT_NAME + r")*"
    r"|(?<![\w/])Getty Images(?= [A-Z“\"‘])"
    r"|(?<![\w/])" + AGENCY + r"(?= (?:A|An|The|In)\s))",
}
# A lowercased source's caption glued before a sentence, closed by its credit ("Kelly clarkson
# getty images the singer …"). Cased text writes "Getty Images": the glued-credit rule.
INLINE["lower-credit"] = (
    r"(?-i:(?:(?<=[.!?] )|(?<=[.!?][\"'”)] )|^)(?:[^\s.!?]+ ){0,8}?(?:[^\s.!?/]+ ?/ ?)?"
    r"getty images(?: ?[-–] ?contributor)?|(?:(?<=[.!?] )|^)(?:[Pp]hoto|[Ii]mage|[Cc]redit): getty"
    r"|(?:(?<=[.!?] )|^)[Gg]etty - contributor)(?= )"
)
INLINE["update-stamp"] = UPDATE_STAMP
# Each inline rule runs only on articles holding one of its trigger literals.
INLINE_TRIGGERS: dict[str, tuple[str, ...]] = {
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
    "reprints": ("dow jones reprints", "&q", "&u", "endit", "end of story", "story filed by")
    + ("times regional", "times news", "can reach", "can contact"),
    "lower-credit": ("getty",),
    "media-control": ("twitter embed", " of / ", "buy photo", "x embed x share"),
    "dateline": ("( cnn )", "( ap )", "( reuters )", "(cnn)"),
    "share-prompt": ("read or share", "share on more", "share this article", "[", "click here"),
    "caption": (
        "image copyright",
        "image caption",
        "media caption",
        "toggle caption",
        "hide caption",
        "story highlights",
    ),
    "passage-marker": ("passage ",),
    "related-links": ("check out", "see also", "read more", "also read", "below,", "below:"),
    "call-out": ("hear from you", "send us"),
    "update-stamp": ("updated", "posted"),
    "tweet-embed": ("twitter.com", "(@", "( @", "t.co/"),
    "glued-credit": (
        "getty",
        "afp",
        "/ap",
        "/ ap",
        "| ap",
        "ap photo",
        "ap images",
        "ap a ",
        "ap an ",
        "ap the ",
        "ap in ",
        " epa",
        "/epa",
        "associated press",
        "reuters",
        "shutterstock",
        "istock",
        "corbis",
        "wireimage",
        "filmmagic",
        "zuma",
        "invision",
        "sipa",
        "redux",
        "nurphoto",
        "anadolu",
        "xinhua",
        "| pool",
        "• pool",
    ),
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
INLINE_RULES = tuple(
    (kind, INLINE_TRIGGERS[kind], re.compile(pattern, IGNORE_CASE))
    for kind, pattern in INLINE.items()
)
