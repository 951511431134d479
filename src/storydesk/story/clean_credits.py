"""Photo credits, caption openings and datelines: who took a picture, where a caption starts,
and the place-and-agency opening of a wire report.

Case matters in most of these: "Mark Wilson/Getty Images" is a credit, "an Ipsos poll" is news.
"""

from __future__ import annotations

import re

IGNORE_CASE = re.IGNORECASE

# A photo credit at the end of a caption, or standing alone.
NAME = r"[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*| (?:de|van|von|al|el|la|di)){0,4}"
CREDIT_END = re.compile(
    r"(?:\((?i:[^()]{0,80}?(?:photo|photograph|getty|reuters|associated press|\bap\b|afp|\bepa\b"
    r"|credit|courtesy|images|pool|staff)[^()]{0,80}?)\)"
    r"|\([^()]{1,40}/[^()]{1,60}\)"
    r"|(?i:photo(?:graph)?s?|credit|image|illustration|picture|video)\s*(?::|by|–|-)\s*[^.!?]{2,80}"
    r"|(?i:courtesy)(?: of)? " + NAME + r"|(?i:getty images|share photo|\(?family photos?\)?)"
    r"|" + NAME + r" ?/ ?" + NAME + r"(?: ?/ ?" + NAME + r")*"
    # "Courtesy Velizar Simeonovski/The Field Museum for the University of …/Handout via REUTERS"
    r"|(?i:courtesy|photo(?:graph)?|image|credit)\b[^.!?]{2,160}?(?:via |/)"
    r"(?:REUTERS|Reuters|AP|AFP|Getty Images|EPA|Handout)"
    r")\s*$"
)
CREDIT_ALONE = re.compile(
    r"(?:" + NAME + r" ?/ ?" + NAME + r"(?: ?/ ?" + NAME + r")*|(?:AP|AFP|Reuters|Getty|EPA)"
    r"(?: Images)?(?: \(\d+\))?|(?i:(?:photo(?:graph)?|illustration|credit|source|courtesy)"
    r"(?: by|:| –| -)? .{2,60})|\((?i:credit|photo):? [^()]{2,60}\))$"
)
CAPTION_START = re.compile(
    r"(?:image (?:copyright|caption)|media caption|view images|\d+ of \d+\.? |(?:file )?(?:- )?in"
    r" this [^.]{0,60}(?:file )?photo|file -|facebook twitter pinterest|✉|photo:|caption:"
    r"|(?:enlarge this image )?(?:toggle|hide) caption|enlarge image"
    r"|(?-i:(?:[Cc]lose|CLOSE) (?=[A-Z]))"
    r"|embed more news videos|by: ?\w+ )",
    IGNORE_CASE,
)
# A video player's close button opening the article ("Close a miami hunter shot a python …"): at
# the article's start only, where no sentence opens on "close to" or "close friends".
PLAYER_CLOSE = re.compile(
    r"close (?!to |friends? |calls? |ties |inspection )(?:skip in skip x embed x share )?"
    r"(?:sportspulse: )?(?=[a-z])",
    IGNORE_CASE,
)
# A figure legend ("Fig. 4 Feathers preserved in …"), at any length: news never opens so.
FIGURE_LEGEND = re.compile(r"(?i:fig\.|figure) ?\d+[a-z]?\.? (?=[A-Z])")

# Who took a picture: a photographer and agency ("Mark Wilson/Getty Images"), or an agency.
AGENCY = (
    r"(?:Getty Images|AFP|AP(?: Photo| Images)?|EPA(?:-EFE)?|Reuters|Associated Press"
    r"|Shutterstock|iStock(?:photo)?|Corbis|WireImage|FilmMagic|Zuma(?: Press)?|Invision"
    r"|Sipa(?: USA)?|Redux|NurPhoto|Anadolu(?: Agency)?|Xinhua|Pool)"
)
# After a slash; not Reuters, whose polls are news ("an Ipsos/Reuters poll").
SLASH_AGENCY = r"(?:Getty Images|AFP|AP|EPA|Shutterstock|Corbis|WireImage|FilmMagic|Sipa)\b"
CREDIT_NAME = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}"
CREDIT_SOURCE = (
    r"(?:" + CREDIT_NAME + r" ?/ ?)*" + AGENCY + r"(?: ?/ ?" + CREDIT_NAME + r")*"
    r"(?: via " + AGENCY + r")?"
)

# The wire agencies whose tag opens a report: "(AP)", "( reuters )".
WIRE_AGENCIES = "cnn|ap|reuters|afp|upi"
WIRE_TAG = rf"\( ?(?i:{WIRE_AGENCIES}) ?\)"

# A dateline that opens a paragraph: "LOS ANGELES (Reuters) - ", "Sycamore, Illinois (CNN) ";
# in a lowercased source, with its dash: "waco, texas ( ap ) — ", "berlin/athens ( reuters ) - ".
DATELINE = re.compile(
    r"(?:date \d{4}-\d{2}-\d{2}\s+"
    r"|[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?"
    r"(?: \([\w. ]{2,20}\))? ?(?:—|–|--|-) ?"
    r"|(?:[A-Z][\w.'’ -]{2,30}(?:, [A-Z][\w. ]{2,20})? ?)?" + WIRE_TAG + r" ?(?:(?:—|–|--|-) ?)?"
    r"|(?=[^\n(]{2,70}" + WIRE_TAG + r")"  # the tag near: no backtracking
    r"[A-Za-z][\w.'’/ -]{1,40}(?:, [A-Za-z][\w. ]{2,25})? ?" + WIRE_TAG + r" ?(?:—|–|--|-) ?)"
    r"(?=[\"“‘A-Za-z])"
)
# A wire agency's tag with its dash, and how far into a piece a glued headline may reach.
AGENCY_TAG = re.compile(WIRE_TAG + r" ?(?:—|–|--|-) ?(?=[\"“‘A-Za-z])")
HEADLINE_CHARS = 240

# A newspaper's dateline without an agency, where an article opens: "Washington — ", "Beirut,
# lebanon — ", "New york -- ". A place is one word (not a function word: "Although — …"), a city
# and its state or country, or a two-word city with a common first word ("New", "San", "Hong");
# a longer run or a name ("Jonathon keats — ") is not taken for one.
_CITY_FIRST = (
    "new|san|los|las|hong|fort|st\\.|port|santa|el|la|saint|north|south|east|west|rio|buenos"
    "|tel|abu|kuala|cape|salt|baton|palm|grand|colorado|kansas|oklahoma|long|staten|council"
    "|overland|little|ann|sioux|des|corpus|mexico|panama|guatemala|kuwait|vatican"
)
_NOT_PLACE = "although|this|that|but|and|the|a|an|it|he|she|they|we|i|you|so|or|yet|then|now"
PLACE_DATELINE = re.compile(
    rf"(?:(?!(?:{_NOT_PLACE}|file|photo|video)\b)[a-z][a-z.'’]+(?:, [a-z][a-z.'’]+(?: [a-z.'’]+)?)?"
    rf"|(?:{_CITY_FIRST}) [a-z.'’]+(?:, [a-z][a-z.'’]+(?: [a-z.'’]+)?)?) (?:—|--|–) (?=\S)",
    IGNORE_CASE,
)

# A page's time stamp where a sentence starts: "Updated: wednesday, 8: 29 a.m. In response …",
# "[ updated at 7: 59 p.m. ]", "posted: nov 14, 2012 01: 30 pm tampa — …". Only "updated" and
# "posted" ("the report was published at 10 a.m." is news), and only at a sentence's start.
UPDATE_STAMP = (
    r"(?:(?<=^)|(?<=[.!?\"”)\]] )|(?<=\n))\[? ?(?:last )?(?:updated|posted)(?: at| on)?:? "
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:\d{4},? )?)?"
    r"(?:at )?\d{1,2}: ?\d\d ?[ap]\.? ?m\.?"
    r"(?: ?(?:e\.t\.|et|est|edt|ct|cdt|cst|pt|pdt|pst|gmt|bst|utc|eastern)\b)?(?: ?\]|:)?"
)
