"""The desk in a real browser (headless chromium via selenium) against a live server.

Skipped with the reason only on a developer machine without chromium; with CI set they run.
Screenshots go to a temporary folder (kept in pytest's tmp dir for a look after a failure).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import absent_reason, chromium
from tests.web.live import live_server

REASON = absent_reason()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

REPORTS = [
    "The harbour bridge closed on Monday after engineers found a crack in its main span. "
    "The city said repairs would take at least three weeks. Ferries will run every twenty "
    "minutes while the bridge is shut.",
    "Engineers found a crack in the main span of the harbour bridge on Monday, and the city "
    "closed it. Repairs would take at least three weeks, the city said. Extra buses will "
    "carry commuters around the harbour.",
]


@pytest.fixture(scope="module")
def site(
    built_desk: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Any, Path]]:
    shots = tmp_path_factory.mktemp("screenshots")
    db = tmp_path_factory.mktemp("live") / "desk.sqlite"
    db.write_bytes(built_desk.read_bytes())
    with live_server(db) as (base, _child), chromium() as browser:
        yield base, browser, shots


def test_browser_front_page_search_story_citation(site: tuple[str, Any, Path]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, browser, shots = site
    browser.get(base + "/")
    headlines = browser.find_elements(By.CSS_SELECTOR, ".story .headline")
    assert len(headlines) >= 4 and browser.find_elements(By.CSS_SELECTOR, "svg.spark rect")
    assert browser.save_screenshot(str(shots / "front.png"))

    box = browser.find_element(By.NAME, "q")
    box.send_keys("Perseverance", Keys.ENTER)
    WebDriverWait(browser, 20).until(ec.url_contains("q=Perseverance"))
    found = browser.find_elements(By.CSS_SELECTOR, ".story .headline")
    assert len(found) == 1 and "Perseverance" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.save_screenshot(str(shots / "search.png"))

    found[0].click()
    WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".cite")))
    cite = browser.find_element(By.CSS_SELECTOR, ".cite")
    passage = cite.find_element(By.CSS_SELECTOR, ".passage")
    assert not passage.is_displayed()
    cite.find_element(By.CSS_SELECTOR, ".marker").click()
    WebDriverWait(browser, 10).until(lambda _: passage.is_displayed())
    assert passage.find_element(By.TAG_NAME, "q").text.strip()
    assert browser.find_element(By.CSS_SELECTOR, ".sentence").text.strip()
    assert browser.save_screenshot(str(shots / "story-citation.png"))

    passage.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.TAG_NAME, "mark")))
    assert browser.find_element(By.TAG_NAME, "mark").text.strip()
    assert browser.save_screenshot(str(shots / "article.png"))


def test_browser_summarize_form(site: tuple[str, Any, Path]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, browser, shots = site
    browser.get(base + "/summarize")
    boxes = browser.find_elements(By.NAME, "reports")
    for box, text in zip(boxes, REPORTS, strict=False):
        box.send_keys(text)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.ID, "result")))
    result = browser.find_element(By.ID, "result")
    assert "harbour bridge" in result.text and result.find_elements(By.CSS_SELECTOR, ".cite")
    assert browser.save_screenshot(str(shots / "summarize.png"))


def test_browser_script_in_an_article_does_not_run(site: tuple[str, Any, Path]) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    base, browser, shots = site
    browser.get(base + "/articles/evil-1")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - an alert() that ran would be open here
    assert '<script>alert("text")</script>' in browser.find_element(By.TAG_NAME, "main").text
    assert browser.title.startswith("<script>")  # shown as text, not run
    browser.save_screenshot(str(shots / "evil.png"))
