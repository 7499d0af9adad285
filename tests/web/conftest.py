"""Fixtures of the web tests: an application over a fresh database, users of every role,
signed-in clients and ingested fixture documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tamatrix.config import Settings
from tamatrix.generate.render import parse_markup, write_document
from tamatrix.pipeline import analysis, ingest_file
from tamatrix.storage import db
from tamatrix.web import accounts
from tamatrix.web.app import create_app

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
PASSWORD = "correct horse battery"
SCRIPT = "<script>alert('xss')</script>"
ROLE_NAMES = {"admin": "ada", "analyst": "ana", "viewer": "vic"}


def render_fixture(name: str, target: Path, inject: str | None = None) -> Path:
    """Render a fixture .tamx to ``target`` (its suffix gives the format), optionally with a
    piece of text added to the first need of chapter II."""
    text = (DOCUMENTS / name).read_text(encoding="utf-8")
    if inject is not None:
        text = text.replace("* Training of procurement officers", f"* Training {inject} of", 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_document(parse_markup(text), target)


@pytest.fixture
def web_settings(settings: Settings) -> Settings:
    """Settings of the web tests: a fresh database and a fixed secret key."""
    return settings.model_copy(update={"secret_key": "s" * 40, "max_document_bytes": 2_000_000})


@pytest.fixture
def app(web_settings: Settings) -> Iterator[FastAPI]:
    """The application over a fresh database, with one user of each role."""
    application = create_app(web_settings)
    session = application.state.sessions()
    for role, name in ROLE_NAMES.items():
        accounts.add_user(session, name, PASSWORD, role)
    session.close()
    yield application
    application.state.engine.dispose()


@pytest.fixture
def app_session(app: FastAPI) -> Iterator[Session]:
    """A session on the application's database."""
    session: Session = db.session_factory(app.state.engine)()
    yield session
    session.close()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An anonymous browser."""
    with TestClient(app, follow_redirects=False) as browser:
        yield browser


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token that a page of the application embeds in its forms."""
    page = client.get(path)
    found = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def sign_in(client: TestClient, role: str) -> str:
    """Sign the browser in as the user of ``role``; returns the CSRF token of its session."""
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"name": ROLE_NAMES[role], "password": PASSWORD, "csrf_token": token, "next": "/"},
    )
    assert response.status_code == 303, response.text
    return csrf_of(client, "/")


@pytest.fixture
def signed_in(app: FastAPI) -> Iterator[Callable[[str], tuple[TestClient, str]]]:
    """A factory of browsers signed in with a role, each with its CSRF token."""
    opened: list[TestClient] = []

    def open_as(role: str) -> tuple[TestClient, str]:
        browser = TestClient(app, follow_redirects=False)
        opened.append(browser)
        return browser, sign_in(browser, role)

    yield open_as
    for browser in opened:
        browser.close()


@pytest.fixture
def ingested(app: FastAPI, web_settings: Settings, tmp_path: Path) -> dict[str, int]:
    """Two fixture documents ingested (one with a script tag in a need), and a saved analysis."""
    session = app.state.sessions()
    ids = {}
    for name, inject in (("redania-2019-cycle2.tamx", SCRIPT), ("marvonia-2022-cycle2.tamx", None)):
        path = render_fixture(name, tmp_path / "docs" / name.replace(".tamx", ".txt"), inject)
        result = ingest_file(session, path, settings=web_settings)
        assert result.status == "ingested", result.problems
        assert result.document_id is not None
        ids[name] = result.document_id
    analysis.save_analysis(session, "all-2022", analysis.analyse(session, None, 2))
    analysis.save_analysis(session, "secret-draft", analysis.analyse(session, None, 2))
    accounts.publish(session, "all-2022", "ada")
    session.close()
    return ids
