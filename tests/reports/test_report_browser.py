"""The HTML note opened in real Chromium, offline: every figure's chart is drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Chromium is not installed")
def test_every_figure_is_drawn_in_chromium_without_network(html_page: str, tmp_path: Path) -> None:
    page_file = tmp_path / "note.html"
    page_file.write_text(html_page, encoding="utf-8")
    url = page_file.as_uri()
    refused: list[str] = []

    def only_the_page(route: playwright.Route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.route("**/*", only_the_page)
            page.goto(url)
            figures = page.locator("figure")
            boxes = [figures.nth(i).locator("svg").bounding_box() for i in range(figures.count())]
            marks = page.locator("figure svg .mark-rect path").count()
        finally:
            browser.close()
    assert refused == []
    assert len(boxes) == 10
    assert all(box is not None and box["width"] > 0 and box["height"] > 0 for box in boxes)
    assert marks > 0
