"""Junk judged sentence by sentence inside long one-line paragraphs (the lowercased Multi-News
form, where a page's prompts, captions and credits are glued into the article's one line)."""

from __future__ import annotations

import pytest

from storydesk.story import clean_sentences
from storydesk.story.clean import clean
from storydesk.types import Article

NEWS = (
    "The city council voted on tuesday to close the old harbor bridge for repairs. "
    "The work will take about six months and cost $ 4 million, officials said. "
)
MORE = "Drivers will be sent over the river road while the crews are at work. "


def _kept(text: str) -> str:
    cleaned = clean(Article(id="a", text=text))
    return " ".join(text[s:e] for s, e in cleaned.kept)


def _removed(text: str) -> list[tuple[str, str]]:
    return [(j.kind, j.text) for j in clean(Article(id="a", text=text)).removed]


@pytest.mark.parametrize(
    ("junk", "kind"),
    [
        ("You must select a newsletter to subscribe to. ", "newsletter"),
        ("Thank you for subscribing. ", "newsletter"),
        ("Please verify you're not a robot by clicking the box. ", "paywall"),
        ("And with a digital subscription, you ' ll never miss a local story. ", "paywall"),
        ("All rights reserved. ", "reprints"),
        ("An error has occurred. ", "error-page"),
    ],
)
def test_clean_drops_a_junk_sentence_inside_a_long_paragraph(junk: str, kind: str) -> None:
    text = NEWS + junk + MORE
    assert (kind, junk.strip()) in _removed(text)
    assert _kept(text) == (NEWS + MORE).strip()


def test_clean_keeps_a_clean_long_paragraph_as_one_piece() -> None:
    text = (
        NEWS + "Share prices of the builder rose 3 percent, and he would like to comment. " + MORE
    )
    cleaned = clean(Article(id="a", text=text))
    assert cleaned.kept == ((0, len(text.rstrip())),)
    assert cleaned.removed == ()


@pytest.mark.parametrize(
    "text",
    [
        NEWS + '" advertisement the measure passed 7 to 2. ' + MORE,
        NEWS + "advertisement advertisement the measure passed 7 to 2. " + MORE,
    ],
)
def test_clean_cuts_a_lowercase_advertisement_line_after_a_sentence_end(text: str) -> None:
    kept = _kept(text)
    assert "advertisement" not in kept
    assert "the measure passed 7 to 2." in kept


def test_clean_keeps_a_lowercase_advertisement_inside_a_sentence() -> None:
    text = NEWS + "The city ran an advertisement the week before the vote. " + MORE
    assert "an advertisement the week before" in _kept(text)


@pytest.mark.parametrize(
    ("glued", "credit"),
    [
        (
            "Kelly clarkson getty images the singer grew up poor in texas. ",
            "Kelly clarkson getty images",
        ),
        (
            "Mcgahn photographer: drew angerer/getty images the lawyer spoke on friday. ",
            "Mcgahn photographer: drew angerer/getty images",
        ),
    ],
)
def test_clean_cuts_a_lowercase_caption_credit_before_a_sentence(glued: str, credit: str) -> None:
    text = NEWS + glued + MORE
    assert ("lower-credit", credit) in _removed(text)
    assert glued.replace(credit, "").strip() in _kept(text)


@pytest.mark.parametrize(
    ("junk", "kind"),
    [
        ("Photo: getty", "lower-credit"),
        ("Getty - contributor", "lower-credit"),
        (
            "Listen to article 4: 26 share this article facebook twitter linkedin email",
            "share-prompt",
        ),
        ("[ related: how to turn a failed campaign into a media career ]", "share-prompt"),
        ("( to see survey question wording, click here. )", "share-prompt"),
    ],
)
def test_clean_cuts_prompts_and_credits_glued_before_a_sentence(junk: str, kind: str) -> None:
    glued = " the mayor said the bridge would reopen in june. "
    text = NEWS + junk + glued + MORE
    assert (kind, junk) in _removed(text)
    assert glued.strip() in _kept(text)


def test_clean_keeps_cased_getty_images_news() -> None:
    text = NEWS + "Getty Images said on monday that it had sold the archive. " + MORE
    assert "Getty Images said on monday" in _kept(text)


def test_clean_drops_a_file_photo_caption_cut_at_an_abbreviation() -> None:
    caption = "File - in this sept. 12, 2017 file photo, the mayor speaks in the city hall."
    text = NEWS + caption + " " + MORE
    assert ("caption", caption) in _removed(text)
    assert _kept(text).endswith(MORE.strip())


@pytest.mark.parametrize(
    "sentence",
    ["By almost a 70 percent margin, voters backed the plan.", "Credit lyonnais sold the bank."],
)
def test_clean_keeps_news_sentences_that_open_like_bylines_or_credits(sentence: str) -> None:
    text = NEWS + sentence + " " + MORE
    assert sentence in _kept(text)


def test_sentence_literals_are_lowercase_and_in_every_sentence_junk_fixture() -> None:
    assert all(literal == literal.lower() for literal in clean_sentences.SENTENCE_LITERALS)
    for junk in ("Thank you for subscribing.", "All rights reserved.", "advertisement"):
        assert clean_sentences.SENTENCE_WHOLE_RE.fullmatch(junk)
        assert any(lit in junk.lower() for lit in clean_sentences.SENTENCE_LITERALS)


@pytest.mark.parametrize(
    ("junk", "kind"),
    [
        ("See more of harbor news on facebook. ", "newsletter"),
        ("Sign up be the first to know. ", "newsletter"),
        ("Get email notifications on jane doe daily! ", "newsletter"),
        ("And while you're here, why don't you sign up to. ", "newsletter"),
        ("— — >> follow jane doe ( @janedoe1 ) on twitter. ", "newsletter"),
        (
            "Like the harbor show: https://facebook.com/harborshow the harbor show tumblr:"
            " http://harborshow.tumblr.com/ follow us. ",
            "share-prompt",
        ),
        (
            "On your next view you will be asked to log in to your subscriber account or create"
            " an account. ",
            "paywall",
        ),
        ("This undated photo provided by the harbor authority shows the bridge. ", "caption"),
        ("In this photo taken tuesday, march 3, 2015, workers inspect the bridge. ", "caption"),
        ("The mayor, in this photograph provided by city hall, is seen at the bridge. ", "caption"),
    ],
)
def test_clean_drops_page_and_caption_sentences_of_the_one_line_form(junk: str, kind: str) -> None:
    text = NEWS + junk + MORE
    assert (kind, junk.strip()) in _removed(text)
    assert _kept(text) == (NEWS + MORE).strip()


@pytest.mark.parametrize(
    ("junk", "kind"),
    [
        ("Play facebook twitter embed harbor bridge closes for repairs 2: 07", "media-control"),
        ("image 1 of / 12 caption close image 1 of 12", "media-control"),
        ("Buy photo", "media-control"),
        ("[ see photos of the harbor bridge ]", "share-prompt"),
    ],
)
def test_clean_cuts_players_galleries_and_credits_glued_before_a_sentence(
    junk: str, kind: str
) -> None:
    glued = " the mayor said the bridge would reopen in june. "
    text = NEWS + junk + glued + MORE
    assert (kind, junk) in _removed(text)
    assert glued.strip() in _kept(text)


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Waco, texas ( ap ) — a deadly shootout began with a parking dispute.", "Waco, texas"),
        ("Berlin/athens ( reuters ) - fresh fears rose on monday.", "Berlin/athens"),
        (
            "Police search the grave near the city... ( associated press ) iguala, mexico ( ap )"
            " — a clandestine grave held 28 bodies, officials said.",
            "iguala, mexico",
        ),
    ],
)
def test_clean_cuts_a_lowercase_dateline_at_a_report_opening(text: str, dateline: str) -> None:
    removed = _removed(text)
    assert any(kind == "dateline" and junk.startswith(dateline) for kind, junk in removed)
    assert "( ap )" not in _kept(text) and "( reuters )" not in _kept(text)
    assert _kept(text).endswith(text.rsplit(" — ", 1)[-1].rsplit(" - ", 1)[-1])


@pytest.mark.parametrize(
    "sentence",
    [
        "Companies offering it include i-escrow ( www.iescrow.com ) and tradesafe ( www.ts.com ).",
        "This organization was confirmed in sem images taken on a rotating stage.",
        "She will buy photo equipment for the school, the mayor said.",
        "The mayor told reporters that the bridge (a 1950 design) would reopen.",
    ],
)
def test_clean_keeps_news_near_the_one_line_form_rules(sentence: str) -> None:
    text = NEWS + sentence + " " + MORE
    assert sentence in _kept(text)


@pytest.mark.parametrize(
    ("text", "junk", "kind"),
    [
        (NEWS + "( cnn ) the bridge reopened in june. ", "( cnn ) ", "dateline"),
        (
            "Bridge to close for six months washington ( ap ) — the city council voted on tuesday"
            " to close the bridge. ",
            "Bridge to close for six months washington ( ap ) — ",
            "dateline",
        ),
        (
            NEWS + "___ information from: the harbor gazette, http://www.example.com",
            None,
            "source-note",
        ),
        (
            NEWS + "— jane doe ( @janedoe1 ) may 2, 2017 " + MORE,
            "— jane doe ( @janedoe1 ) may 2, 2017",
            "tweet-embed",
        ),
        (NEWS + "see https://t.co/6w7bdeo40r " + MORE, "https://t.co/6w7bdeo40r", "tweet-embed"),
        (
            NEWS + "( photo: jane doe/staff ) buy photo the mayor spoke on monday. " + MORE,
            "buy photo",
            "media-control",
        ),
    ],
)
def test_clean_cuts_report_openings_signatures_and_notes(
    text: str, junk: str | None, kind: str
) -> None:
    removed = _removed(text)
    assert any(k == kind and (junk is None or j == junk) for k, j in removed), removed
    assert "the " in _kept(text)


@pytest.mark.parametrize(
    ("opening", "junk"),
    [
        ("Close a hunter shot a python near the bridge.", "Close "),
        ("Close skip in skip x embed x share the mayor spoke on monday.", None),
        ("Close inspection revealed cracks in the main girder.", ""),
        ("Close to 10 percent of drivers use the bridge at night.", ""),
    ],
)
def test_clean_cuts_a_players_close_button_opening_an_article(
    opening: str, junk: str | None
) -> None:
    text = opening + " " + NEWS + MORE
    removed = [j for k, j in _removed(text) if k == "media-control"]
    if junk == "":
        assert removed == [] and _kept(text).startswith(opening)
    else:
        assert removed and removed[0].startswith("Close ")
        assert junk is None or removed == [junk]
        assert not _kept(text).lower().startswith("close")


@pytest.mark.parametrize(
    "prompt",
    [
        "For more on movies, go to www.example.com/movies.",
        "For the full story, check out this link.",
    ],
)
def test_clean_drops_a_link_prompt_sentence(prompt: str) -> None:
    text = NEWS + prompt + " " + MORE
    assert ("share-prompt", prompt) in _removed(text)
    assert "For more than a decade, the bridge carried cars." in _kept(
        NEWS + "For more than a decade, the bridge carried cars. " + MORE
    )


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("Washington — the senate voted on the bill.", "Washington — "),
        ("Beirut, lebanon — fighting erupted on thursday.", "Beirut, lebanon — "),
        ("New york -- the mayor spoke on monday.", "New york -- "),
        ("WASHINGTON — The senate voted on the bill.", "WASHINGTON — "),
        ("Jonathon keats — an artist — spoke on monday.", None),
        ("Although — as expected — it rained on monday.", None),
        ("File – in this july 14, 2015 file photo, the mayor waits.", None),
    ],
)
def test_clean_cuts_a_place_dateline_opening_an_article(opening: str, dateline: str | None) -> None:
    text = opening + " " + NEWS + MORE
    datelines = [j for k, j in _removed(text) if k == "dateline"]
    assert datelines == ([dateline] if dateline else [])
    # In the middle of an article the same words are text.
    assert opening in _kept(NEWS + opening + " " + MORE) or opening.startswith("File")
