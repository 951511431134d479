"""The HTML pages: content, escaping, security headers, forms, read-only and token."""

from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from storydesk.settings import Settings
from tests.web.conftest import EVIL, MakeClient, story_of

HTML = {"accept": "text/html"}


class Collect(HTMLParser):
    """Every tag and attribute of a page, to look for live script and links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parsed(page: str) -> list[tuple[str, dict[str, str | None]]]:
    collect = Collect()
    collect.feed(page)
    return collect.tags


def test_front_page_lists_stories_with_label_facts_and_sparkline(client: TestClient) -> None:
    page = client.get("/").text
    assert "Lava erupts near Grindavik" in page and "Real Madrid" in page
    assert page.count('class="story"') == client.get("/api/stories").json()["total"]
    assert '<svg class="spark"' in page and '<rect x="' in page
    assert "reports" in page and "sources" in page


def test_front_page_search_keeps_only_matching_stories(client: TestClient) -> None:
    page = client.get("/", params={"q": "Bellingham"}).text
    assert "Bellingham" in page and "Grindavik" not in page
    assert "1 story matches" in page


def test_front_page_pages_through_stories(client: TestClient) -> None:
    from storydesk.web import pages

    total = client.get("/api/stories").json()["total"]
    pages.PAGE_SIZE, old = 2, pages.PAGE_SIZE
    try:
        first = client.get("/").text
        second = client.get("/", params={"offset": 2}).text
    finally:
        pages.PAGE_SIZE = old
    assert first.count('class="story"') == second.count('class="story"') == 2 < total
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_story_page_shows_cited_summary_passages_and_sources(client: TestClient) -> None:
    sid = story_of(client, "volcano-1")
    summary = client.get(f"/api/stories/{sid}").json()["summary"]
    page = client.get(f"/stories/{sid}").text
    cited = summary["sentences"][0]["citations"][0]
    texts = {a["id"]: a for a in summary["sources"]}
    assert texts[cited["document_id"]]
    summary_part, _, compare_part = page.partition('id="compare"')
    assert summary_part.count('class="cite"') == sum(
        len(s["citations"]) for s in summary["sentences"]
    )
    assert 'class="passage"' in page and 'href="/articles/volcano-1' in page
    assert "reuters.com" in page


def test_story_page_shows_the_comparison_with_cited_passages(client: TestClient) -> None:
    sid = story_of(client, "volcano-1")
    compare = client.get(f"/api/stories/{sid}").json()["compare"]
    page = client.get(f"/stories/{sid}").text
    _, _, compare_part = page.partition('id="compare"')
    assert compare_part, "the story page has no comparison section"
    claims = compare["agreement"] + compare["exclusives"]
    assert claims, "the fixture story should have facts to compare"
    for claim in claims:
        assert str(escape(claim["text"])) in compare_part
    citations = sum(len(c["citations"]) for c in claims)
    assert compare_part.count('class="cite"') >= citations


def test_article_page_highlights_the_cited_passages(client: TestClient) -> None:
    sid = story_of(client, "volcano-1")
    summary = client.get(f"/api/stories/{sid}").json()["summary"]
    spans = [
        (c["start"], c["end"])
        for s in summary["sentences"]
        for c in s["citations"]
        if c["document_id"] == "volcano-1"
    ]
    assert spans
    page = client.get("/articles/volcano-1").text
    marks = re.findall(r'<mark id="c-(\d+)">', page)
    assert marks and int(marks[0]) == min(s for s, _ in spans)


@pytest.mark.parametrize("url", ["/stories/999999", "/articles/no-such-article"])
def test_unknown_story_or_article_page_is_a_404_page(client: TestClient, url: str) -> None:
    response = client.get(url, headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Not found" in response.text


@pytest.mark.parametrize("url", ["/", "/?q=harbour", "/articles/evil-1", "/stories/{evil}"])
def test_script_in_an_article_renders_inert(client: TestClient, url: str) -> None:
    url = url.replace("{evil}", story_of(client, EVIL.id))
    page = client.get(url).text
    assert "<script>alert" not in page and "<b>bold source</b>" not in page
    scripts = [attrs for tag, attrs in parsed(page) if tag == "script"]
    assert scripts == [{"src": "/static/desk.js", "defer": None}]
    hrefs = [attrs.get("href") or "" for _, attrs in parsed(page)]
    assert not any(h.lower().startswith("javascript:") for h in hrefs)


def test_article_page_shows_escaped_script_text(client: TestClient) -> None:
    page = client.get("/articles/evil-1").text
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in page


@pytest.mark.parametrize("url", ["/", "/summarize", "/api/health", "/stories/999"])
def test_every_response_has_a_content_security_policy(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/desk.css"])
def test_static_files_never_leave_the_static_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert "create_app" not in response.text
    if path.endswith(".css"):
        assert response.status_code == 200


def test_summarize_form_pasted_reports_give_a_cited_summary(client: TestClient) -> None:
    reports = [
        "The harbour bridge closed on Monday after engineers found a crack in its main span. "
        "The city said repairs would take at least three weeks.",
        "Engineers found a crack in the main span of the harbour bridge on Monday, and the "
        "city closed it. Repairs would take at least three weeks, the city said.",
        "",
    ]
    before = client.get("/api/health").json()["articles"]
    response = client.post("/summarize", data={"reports": reports, "words": "30"})
    assert response.status_code == 200
    assert 'id="result"' in response.text and 'class="cite"' in response.text
    assert client.get("/api/health").json()["articles"] == before


def test_story_page_read_from_a_subset_lists_every_report(make_client: MakeClient) -> None:
    client = make_client(settings=Settings(story_max_articles=2))
    sid = story_of(client, "mars-1")
    page = client.get(f"/stories/{sid}").text
    assert "Note: summarized from 2 of 3 articles" in page
    assert page.count('<li id="src-') == 3  # the comparison cites all three reports
    assert '<span class="marker">[0]</span>' not in page


def test_summarize_form_says_when_it_read_a_subset(make_client: MakeClient) -> None:
    client = make_client(settings=Settings(story_max_articles=1))
    reports = [
        "The harbour bridge closed on Monday after engineers found a crack in its main span.",
        "Engineers found a crack in the main span of the harbour bridge on Monday.",
    ]
    response = client.post("/summarize", data={"reports": reports, "words": "30"})
    assert response.status_code == 200
    assert "Note: summarized from 1 of 2 articles" in response.text


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("../../etc/report.txt", b"The harbour bridge closed on Monday after a crack was found."),
        (
            "feed.jsonl",
            json.dumps(
                {"id": "j1", "text": "The harbour bridge closed on Monday after a crack."}
            ).encode(),
        ),
        (
            "page.html",
            b"<html><body><article><p>The harbour bridge closed on Monday after engineers "
            b"found a crack in its main span, the city said in a statement.</p></article>"
            b"</body></html>",
        ),
    ],
)
def test_summarize_form_reads_uploads_in_memory(client: TestClient, name: str, body: bytes) -> None:
    response = client.post("/summarize", files=[("files", (name, body, "text/plain"))])
    assert response.status_code == 200, response.text
    assert "harbour bridge closed on Monday" in response.text
    assert "/etc" not in response.text


@pytest.mark.parametrize(
    ("data", "files", "says"),
    [
        ({"reports": ["", ""]}, [], "no articles given"),
        ({"reports": ["Some text here for it."], "words": "many"}, [], "word budget"),
        ({}, [("files", ("x.exe", b"MZ\x00\x00", "application/octet-stream"))], "what kind"),
    ],
)
def test_summarize_form_errors_are_shown_on_the_page(
    client: TestClient, data: dict[str, object], files: list[object], says: str
) -> None:
    response = client.post("/summarize", data=data, files=files)  # type: ignore[arg-type]
    assert response.status_code == 400 and says in response.text


def test_add_page_adds_an_uploaded_feed(client: TestClient) -> None:
    feed = json.dumps(
        {"id": "quake-1", "text": "An earthquake of magnitude 6.1 shook the coast of Chile."}
    )
    response = client.post("/add", files={"feed": ("feed.jsonl", feed.encode(), "text/plain")})
    assert response.status_code == 200 and "1 added" in response.text
    assert client.get("/articles/quake-1").status_code == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403),
        ({"Sec-Fetch-Site": "same-site", "Origin": "http://testserver:3000"}, 403),
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}, 200),
        ({"Origin": "http://testserver"}, 200),
        ({}, 200),  # a script or curl: no browser headers
    ],
)
@pytest.mark.parametrize("path", ["/add", "/api/articles"])
def test_writes_from_another_sites_page_are_refused(
    client: TestClient, headers: dict[str, str], status: int, path: str
) -> None:
    article = {"id": "csrf-1", "text": "An earthquake of magnitude 6.1 shook the coast of Chile."}
    if path == "/add":
        body = json.dumps(article).encode()
        response = client.post(
            path, files={"feed": ("f.jsonl", body, "text/plain")}, headers=headers
        )
    else:
        response = client.post(path, json={"articles": [article]}, headers=headers)
    assert response.status_code == status, response.text
    stored = client.get("/articles/csrf-1").status_code == 200
    assert stored == (status == 200)
    if status == 403:
        assert "another site" in response.text


@pytest.mark.parametrize(
    ("options", "token", "status", "says"),
    [
        ({"read_only": True}, "", 403, "read-only"),
        ({"token": "s3cret"}, "", 401, "token"),
        ({"token": "s3cret"}, "s3cret", 200, "1 added"),
    ],
)
def test_add_page_refused_read_only_or_without_the_token(
    make_client: MakeClient, options: dict[str, object], token: str, status: int, says: str
) -> None:
    client = make_client(**options)
    feed = json.dumps({"id": "quake-2", "text": "A storm closed the port of Valparaiso today."})
    response = client.post(
        "/add",
        data={"token": token},
        files={"feed": ("feed.jsonl", feed.encode(), "text/plain")},
    )
    assert response.status_code == status and says in response.text


def test_add_page_form_is_disabled_read_only(make_client: MakeClient) -> None:
    page = make_client(read_only=True).get("/add").text
    assert "<fieldset disabled>" in page and "read-only" in page


@pytest.mark.parametrize(("url", "status"), [("/stories/{old}", 302), ("/api/stories/{old}", 404)])
def test_a_regrouped_story_leads_to_where_its_articles_went(
    desk_file: Path, make_client: MakeClient, url: str, status: int
) -> None:
    # A regroup or merge that empties a story records where its articles went (story_moves):
    # its page redirects there, the API's 404 names it.
    with sqlite3.connect(desk_file) as conn:
        live = conn.execute("SELECT max(id) FROM stories").fetchone()[0]
        conn.execute("INSERT INTO story_moves(old_id, new_id) VALUES (?, ?)", (live + 7, live))
    response = make_client().get(
        url.replace("{old}", str(live + 7)), headers=HTML, follow_redirects=False
    )
    assert response.status_code == status
    if status == 302:
        assert response.headers["location"] == f"/stories/{live}"
    else:
        assert f"/api/stories/{live}" in response.json()["error"]["hint"]
