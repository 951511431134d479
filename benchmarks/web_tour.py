"""A tour of the web desk in headless chromium, with a screenshot of every page (to look at).

    python benchmarks/web_tour.py [FEED.jsonl[.gz]] [--out DIR]

Builds a desk from the feed (default ../shared/data/feeds/multinews-raw-dev.jsonl.gz), serves
it on 127.0.0.1, and visits the front page, a search, the next page, the largest story (with a
citation opened), an article, the summarize page (filled with the reports of a story and
submitted), the add page, a 404 and the API docs. Prints one row a page: URL, seconds to load,
screenshot file. Needs chromium and chromedriver (apt-get install chromium chromium-driver).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx
from web_live import FIXTURE_FEED, REPO, SHARED_FEED, build_desk, live_server

sys.path.insert(0, str(REPO))
from tests.web.browser import chromium  # noqa: E402


def main() -> None:
    from selenium.webdriver.common.by import By

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = SHARED_FEED if SHARED_FEED.exists() else FIXTURE_FEED
    parser.add_argument("feed", nargs="?", type=Path, default=default)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "storydesk-tour")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "desk.sqlite"
        build_desk(args.feed, db)
        with live_server(db) as base, chromium() as browser:
            browser.set_window_size(1280, 1400)
            stories = httpx.get(base + "/api/stories?limit=100").json()["stories"]
            biggest = max(stories, key=lambda s: (s["size"], -int(s["id"])))
            detail = httpx.get(f"{base}/api/stories/{biggest['id']}", timeout=120).json()
            word = biggest["label"][0] if biggest["label"] else "said"

            def visit(name: str, url: str) -> None:
                started = time.perf_counter()
                browser.get(base + url)
                rows.append((name, url, time.perf_counter() - started))
                browser.save_screenshot(str(args.out / f"{name}.png"))

            visit("front", "/")
            visit("search", f"/?q={word}")
            visit("front-page-2", "/?offset=20")
            visit("story", f"/stories/{biggest['id']}")
            markers = browser.find_elements(By.CSS_SELECTOR, ".cite .marker")
            if markers:
                markers[min(1, len(markers) - 1)].click()
                time.sleep(0.3)
                browser.save_screenshot(str(args.out / "story-citation.png"))
                rows.append(("story-citation", "(click on a marker)", 0.0))
            visit("article", f"/articles/{detail['articles'][0]['id']}")
            visit("summarize", "/summarize")
            from storydesk.feed.desk import Desk

            with Desk(db) as desk:  # the reports of the largest story, pasted into the form
                reports = [a.text for a in desk.story(biggest["id"]).articles][:3]
            boxes = browser.find_elements(By.NAME, "reports")
            for box, text in zip(boxes, reports, strict=False):
                browser.execute_script("arguments[0].value = arguments[1];", box, text)
            started = time.perf_counter()
            browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            browser.find_element(By.ID, "result")
            rows.append(("summarize-result", "POST /summarize", time.perf_counter() - started))
            browser.save_screenshot(str(args.out / "summarize-result.png"))
            visit("add", "/add")
            visit("not-found", "/stories/999999")
            visit("docs", "/docs")
    print(f"{'page':<18}{'url':<40}{'seconds':>8}  screenshot")
    for name, url, seconds in rows:
        print(f"{name:<18}{url[:39]:<40}{seconds:>8.2f}  {args.out / (name + '.png')}")


if __name__ == "__main__":
    main()
