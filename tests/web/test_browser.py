"""The web application in a real browser: Debian's Chromium driven by Playwright against the
application served by uvicorn on a loopback port. Every request that is not for that server is
aborted, so the pages (and their charts) must work without the internet.

Scenarios: sign in, upload a PDF and see it ingested, filter the dashboard and follow a number
to its needs, open a need and see its highlighted passage, correct it and see the audit entry,
download the note; axe-core finds no serious or critical violation on the main pages, and the
dashboard does not scroll sideways at phone width."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tamatrix.config import Settings
from tamatrix.core import taxonomy
from tamatrix.generate.render import parse_markup, write_document
from tamatrix.pipeline import ingest_file
from tamatrix.web import accounts
from tamatrix.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")
uvicorn = pytest.importorskip("uvicorn")

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
PASSWORD = "correct horse battery"
USERS = {"admin": "ada", "analyst": "ana"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERIOUS = ("serious", "critical")
TIMEOUT_MS = 15_000


@dataclass
class Server:
    """The application served on a loopback port, and what the browser tried to fetch elsewhere."""

    url: str
    settings: Settings
    blocked: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _render(name: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_document(parse_markup((DOCUMENTS / name).read_text(encoding="utf-8")), target)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh SQLite database with an admin, an analyst and two ingested documents, served by
    uvicorn in a background thread."""
    folder = tmp_path_factory.mktemp("browser")
    settings = Settings(
        database_url=f"sqlite:///{folder / 'browser.db'}",
        data_dir=folder / "data",
        user="tester",
        secret_key="b" * 40,
        max_document_bytes=2_000_000,
    )
    app = create_app(settings)
    session = app.state.sessions()
    for role, name in USERS.items():
        accounts.add_user(session, name, PASSWORD, role)
    for name in ("redania-2019-cycle2.tamx", "marvonia-2022-cycle2.tamx"):
        path = _render(name, folder / "docs" / name.replace(".tamx", ".txt"))
        result = ingest_file(session, path, settings=settings)
        assert result.status == "ingested", result.problems
    session.close()

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    uv_server = uvicorn.Server(config)
    thread = threading.Thread(target=uv_server.run, name="uvicorn-browser-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv_server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield Server(url=f"http://127.0.0.1:{port}", settings=settings)
    finally:
        uv_server.should_exit = True
        thread.join(timeout=10)
        app.state.engine.dispose()


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    """One headless Chromium for every test of the module."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def _loopback_context(browser: Any, server: Server, state: Any = None) -> Any:
    """A browser context (fresh, or with the cookies of ``state``) that may only reach the
    application's server: every other request is aborted and recorded."""
    context = browser.new_context(accept_downloads=True, storage_state=state)
    context.set_default_timeout(TIMEOUT_MS)
    origin = server.url + "/"

    def only_loopback(route: Any) -> None:
        url = route.request.url
        if url.startswith(origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            server.blocked.append(url)
            route.abort()

    context.route("**/*", only_loopback)
    return context


def sign_in(page: Any, server: Server, role: str = "analyst") -> None:
    """Sign in through the login form."""
    page.goto(f"{server.url}/login")
    page.get_by_label("User name").fill(USERS[role])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/")


@pytest.fixture(scope="module")
def analyst_state(browser: Any, server: Server) -> Any:
    """The cookies of an analyst signed in through the form (password hashing is slow on
    purpose, so the tests that are not about signing in share one session)."""
    context = _loopback_context(browser, server)
    sign_in(context.new_page(), server)
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A page in a fresh context, signed out."""
    context = _loopback_context(browser, server)
    yield context.new_page()
    context.close()


@pytest.fixture
def analyst(browser: Any, server: Server, analyst_state: Any) -> Iterator[Any]:
    """A page in a fresh context signed in as the analyst."""
    context = _loopback_context(browser, server, analyst_state)
    yield context.new_page()
    context.close()


def assert_accessible(page: Any) -> None:
    """axe-core finds no serious or critical violation on the page."""
    results = axe_sync.Axe().run(page)
    found = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in found
    ]
    assert not found, "\n".join(details)


def wait_for_charts(page: Any) -> int:
    """Wait until every chart of the dashboard holds an SVG or canvas; returns their number."""
    charts = page.locator("figure.chart .vega")
    count = charts.count()
    assert count > 0, "the dashboard has no chart"
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll("figure.chart .vega"))
              .every(el => el.querySelector("svg, canvas"))""",
        timeout=TIMEOUT_MS,
    )
    return count


def words(text: str) -> str:
    return " ".join(text.split())


def open_first_need(page: Any, server: Server, query: str = "") -> str:
    """Open the first need of the need browser; returns its URL."""
    page.goto(f"{server.url}/needs{query}")
    page.locator("table.needs tbody tr td:first-child a").first.click()
    page.wait_for_url(re.compile(r".*/needs/\d+$"))
    return str(page.url)


def test_login_page_is_accessible_and_signs_in(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/login")
    assert_accessible(page)
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("#login-error").is_visible()
    sign_in(page, server)
    assert page.locator(".site-header .account").inner_text().startswith("ana")
    assert page.get_by_role("link", name="Needs").is_visible()


def test_upload_pdf_is_ingested(analyst: Any, server: Server, tmp_path: Path) -> None:
    page = analyst
    pdf = _render("ostrava-nova-2020-cycle2.tamx", tmp_path / "ostrava-nova-2020.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    page.goto(f"{server.url}/documents")
    page.set_input_files("#file", str(pdf))
    page.get_by_role("button", name="Upload and ingest").click()
    status = page.locator("#ingest-status")
    status.wait_for()
    assert status.inner_text() == "ingested"
    assert "need" in page.locator("#ingest-result").inner_text()
    page.goto(f"{server.url}/documents")
    row = page.locator("tbody tr", has=page.locator("th", has_text="ostrava-nova-2020.pdf"))
    assert row.count() == 1
    assert int(row.locator("td.num a").inner_text()) > 0


def test_dashboard_filter_leads_to_its_needs(analyst: Any, server: Server) -> None:
    page = analyst
    page.goto(f"{server.url}/")
    assert wait_for_charts(page) >= 3
    assert_accessible(page)
    page.get_by_label("Category", exact=True).select_option("capacity_building")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r".*category=capacity_building.*"))
    wait_for_charts(page)
    total = page.locator("#total-needs a")
    expected = int(total.inner_text())
    assert expected > 0
    # A number of the chapter table: the needs of one chapter and category.
    chapter_link = page.locator("section[aria-labelledby=chapter-heading] td.num a").first
    chapter_count = int(chapter_link.inner_text())
    total.click()
    page.wait_for_url(re.compile(r".*/needs\?.*category=capacity_building.*"))
    found = page.locator("#result-count").inner_text()
    assert found.startswith(f"{expected} need"), found
    rows = page.locator("table.needs tbody tr")
    assert rows.count() == min(expected, 50)
    categories = rows.locator("td:nth-child(5)").all_inner_texts()
    assert all(text.startswith("capacity_building") for text in categories), categories
    assert_accessible(page)
    page.go_back()
    page.locator("section[aria-labelledby=chapter-heading] td.num a").first.click()
    page.wait_for_url(re.compile(r".*/needs\?.*chapter=.*"))
    assert page.locator("#result-count").inner_text().startswith(f"{chapter_count} need")
    assert page.locator("table.needs tbody tr").count() == min(chapter_count, 50)
    assert not server.blocked, server.blocked


def test_need_page_highlights_its_passage(analyst: Any, server: Server) -> None:
    page = analyst
    open_first_need(page, server, "?category=capacity_building")
    text = words(page.locator("blockquote.need-text").inner_text())
    mark = page.locator("mark#passage")
    assert mark.count() >= 1
    marked = words(" ".join(mark.all_inner_texts()))
    start = text[:30]
    assert start and start in marked, (start, marked)
    assert_accessible(page)


def test_correction_is_shown_and_audited(analyst: Any, server: Server) -> None:
    page = analyst
    open_first_need(page, server, "?category=capacity_building&status=machine")
    assert page.locator("#need-status").inner_text() == "machine"
    page.get_by_label("Category", exact=True).select_option("institution_building")
    page.get_by_label("Sub-category").select_option("")
    page.get_by_label("Note (kept in the audit log)").fill("browser test")
    page.get_by_role("button", name="Save correction").click()
    page.wait_for_url(re.compile(r".*/needs/\d+\?saved=1$"))
    assert page.get_by_role("status").first.inner_text() == "Saved."
    assert page.locator("#coded-category").inner_text().lower().startswith("institution")
    assert page.locator("#need-status").inner_text() == "corrected"
    history = page.locator("section[aria-labelledby=history-heading] tbody tr")
    entries = [words(line) for line in history.all_inner_texts()]
    assert any(
        "ana" in e
        and "primary_category" in e
        and "institution_building" in e
        and "capacity_building" in e
        and "browser test" in e
        for e in entries
    ), entries


@pytest.mark.parametrize(("fmt", "magic"), [("html", b"<"), ("docx", b"PK")])
def test_note_downloads(
    analyst: Any, server: Server, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    page = analyst
    page.goto(f"{server.url}/report")
    page.locator(f"#fmt-{fmt}").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the note").click()
    download = info.value
    assert download.failure() is None
    target = tmp_path / (download.suggested_filename or f"note.{fmt}")
    download.save_as(target)
    assert target.suffix == f".{fmt}"
    content = target.read_bytes()
    assert len(content) > 1000
    assert content.lstrip().startswith(magic)
    if fmt == "html":
        assert b"<html" in content.lower()


def test_dashboard_fits_a_phone(analyst: Any, server: Server) -> None:
    page = analyst
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/")
    wait_for_charts(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, width
    assert not server.blocked, server.blocked


def test_matrix_heat_map_drills_down_and_a_candidate_is_accepted(
    analyst: Any, server: Server, tmp_path: Path
) -> None:
    from tests.web.test_api_supply import activities_csv

    page = analyst
    items = page.request.get(f"{server.url}/api/needs?per_page=500").json()["items"]
    need = next(n for n in items if n["articles"])
    upload = tmp_path / "activities.csv"
    upload.write_bytes(activities_csv(need))
    page.goto(f"{server.url}/matrix")
    page.get_by_label("Kind").select_option("activities")
    page.set_input_files("#import-file", str(upload))
    page.get_by_role("button", name="Import").click()
    page.locator("#import-heading").wait_for()
    assert "2 created" in page.locator("section[aria-labelledby=import-heading]").inner_text()
    page.goto(f"{server.url}/matrix")
    assert wait_for_charts(page) == 1
    assert_accessible(page)
    # The cell of the need's first article and its category, as a user clicks it.
    category = taxonomy.category_name(need["primary_category"])
    cell = page.locator(
        f'figure.chart svg .mark-rect path[aria-label*="Category: {category};"]'
        f'[aria-label*="Article: Article {need["articles"][0]};"]'
    )
    assert cell.count() == 1
    cell.click()
    page.wait_for_url(re.compile(r".*/matrix\?.*#cell$"))
    assert page.locator("#cell").inner_text().startswith("Needs of ")
    row = page.locator(
        "#cell-needs tbody tr", has=page.locator(f'a[href="/needs/{need["id"]}#matches"]')
    )
    assert "ongoing activity" in row.first.inner_text()
    assert_accessible(page)
    row.first.locator("td:first-child a").click()
    page.wait_for_url(re.compile(rf".*/needs/{need['id']}#matches$"))
    page.get_by_role("button", name="Suggest candidates").click()
    page.wait_for_url(re.compile(r".*/needs/\d+#matches$"))
    candidates = page.locator("#match-table tbody tr")
    assert "Agency" in candidates.first.inner_text()
    candidates.first.get_by_role("button", name=re.compile("^Accept")).click()
    page.wait_for_url(re.compile(r".*/needs/\d+#matches$"))
    assert page.locator("#match-table tbody tr").first.locator("strong").inner_text() == "accepted"
    assert_accessible(page)
    assert not server.blocked, server.blocked
