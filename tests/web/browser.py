"""Headless Debian chromium through selenium, with a fresh profile; None when it is absent."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


def browser_binaries() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def absent_reason() -> str | None:
    """Why browser tests cannot run here, or None. In CI (CI set) they must run: no reason."""
    missing = []
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[dev]')")
    if browser_binaries() is None:
        missing.append("chromium and chromium-driver (apt-get install chromium chromium-driver)")
    if not missing or os.environ.get("CI"):
        return None
    return "browser tests need " + " and ".join(missing)


@contextmanager
def chromium() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = browser_binaries()
    assert found, "chromium and chromedriver are required (CI installs them in .ci/run)"
    binary, driver = found
    with tempfile.TemporaryDirectory(prefix="storydesk-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        browser = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        try:
            browser.set_page_load_timeout(60)
            yield browser
        finally:
            browser.quit()
