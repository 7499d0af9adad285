"""Security: roles and CSRF on every state-changing route, what viewers and anonymous visitors
see, HTML escaping, sessions, throttling, headers."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.routing import APIRoute
from tests.web.conftest import PASSWORD, SCRIPT, csrf_of

from tamatrix.web import api, pages, supply, supply_pages
from tamatrix.web.app import RECENT_SECONDS

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that any signed-in user may use for their own account (they still need CSRF).
OWN_ACCOUNT = {
    "/api/tokens",
    "/api/tokens/{token_id}",
    "/account/tokens",
    "/account/tokens/{token_id}/delete",
    "/account/sessions/end",
    "/logout",
    "/login",
}
VALUES = {
    "need_id": "1",
    "document_id": "1",
    "token_id": "1",
    "name": "all-2022",
    "match_id": "1",
    "focal_point_id": "1",
    "kind": "offers",
}


def unsafe_routes(app):
    """(method, path template) of every state-changing route."""
    found = []
    routers = (api.router, pages.router, supply.router, supply_pages.router)
    for route in [*(r for router in routers for r in router.routes), *app.routes]:
        if isinstance(route, APIRoute):
            for method in sorted(route.methods & UNSAFE):
                found.append((method, re.sub(r":\w+\}", "}", route.path)))
    return sorted(set(found))


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: VALUES[m.group(1)], path)


def test_there_are_state_changing_routes_to_check(app):
    found = unsafe_routes(app)
    assert len(found) >= 25
    assert ("PUT", "/api/matches/{match_id}/decision") in found
    assert ("POST", "/matrix/imports") in found


def test_no_state_changing_route_works_anonymously(app, client, ingested):
    for method, path in unsafe_routes(app):
        if path in ("/login", "/logout"):
            continue
        token = csrf_of(client)
        response = client.request(method, concrete(path), headers={"X-CSRF-Token": token})
        assert response.status_code in (401, 303, 422), (method, path, response.status_code)
        if response.status_code == 303:
            assert response.headers["location"].startswith("/login"), (method, path)


def test_no_state_changing_route_works_without_the_csrf_token(app, signed_in, ingested):
    admin, _csrf = signed_in("admin")
    for method, path in unsafe_routes(app):
        response = admin.request(method, concrete(path))
        assert response.status_code == 403, (method, path, response.status_code)
        if path.startswith("/api"):
            assert response.json()["error"]["code"] == "csrf-failed"


def test_a_wrong_csrf_token_is_refused(signed_in, ingested):
    analyst, _csrf = signed_in("analyst")
    response = analyst.post(
        "/api/needs/confirm", json={"ids": [1]}, headers={"X-CSRF-Token": "forged"}
    )
    assert response.status_code == 403


def test_a_viewer_cannot_change_anything(app, signed_in, ingested):
    viewer, csrf = signed_in("viewer")
    for method, path in unsafe_routes(app):
        if path in OWN_ACCOUNT:
            continue
        response = viewer.request(method, concrete(path), headers={"X-CSRF-Token": csrf})
        assert response.status_code == 403, (method, path, response.status_code)


@pytest.mark.parametrize(
    "path", ["/api/needs", "/api/needs/1", "/api/documents", "/api/figures", "/api/report"]
)
def test_a_viewer_cannot_see_unpublished_data(signed_in, ingested, path):
    viewer, _csrf = signed_in("viewer")
    assert viewer.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/needs", "/needs/1", "/review", "/documents", "/report"])
def test_anonymous_pages_lead_to_login(client, ingested, path):
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_anonymous_sees_only_the_published_analysis(client, ingested):
    names = [a["name"] for a in client.get("/api/analyses").json()]
    assert names == ["all-2022"]
    assert client.get("/api/analyses/all-2022").json()["schema_version"] == 1
    hidden = client.get("/api/analyses/secret-draft")
    assert hidden.status_code == 404
    assert client.get("/api/needs").status_code == 401
    page = client.get("/")
    assert "all-2022" in page.text and "secret-draft" not in page.text
    assert client.get("/?analysis=secret-draft").status_code == 404


def test_viewer_sees_published_analyses_only(signed_in, ingested):
    viewer, _csrf = signed_in("viewer")
    assert [a["name"] for a in viewer.get("/api/analyses").json()] == ["all-2022"]
    assert viewer.get("/api/analyses/secret-draft").status_code == 404


def test_admin_publishes_and_withdraws(signed_in, client, ingested):
    admin, csrf = signed_in("admin")
    response = admin.put(
        "/api/analyses/secret-draft/publication",
        json={"name": "secret-draft", "published": True},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 200
    assert client.get("/api/analyses/secret-draft").status_code == 200
    admin.put(
        "/api/analyses/secret-draft/publication",
        json={"name": "secret-draft", "published": False},
        headers={"X-CSRF-Token": csrf},
    )
    assert client.get("/api/analyses/secret-draft").status_code == 404


def _script_need(browser):
    found = browser.get("/api/needs", params={"q": "alert"}).json()["items"]
    assert found and SCRIPT in found[0]["text"]
    return found[0]


@pytest.mark.parametrize("page", ["/needs?q=alert", "/needs/{id}", "/review", "/documents"])
def test_html_in_need_texts_is_escaped(signed_in, ingested, page):
    analyst, _csrf = signed_in("analyst")
    need = _script_need(analyst)
    html = analyst.get(page.format(id=need["id"])).text
    assert "<script>alert" not in html
    if page != "/documents":
        assert "&lt;script&gt;alert" in html


def test_script_in_a_need_is_plain_text_in_the_json(signed_in, ingested):
    analyst, _csrf = signed_in("analyst")
    need = _script_need(analyst)
    response = analyst.get(f"/api/needs/{need['id']}")
    assert response.headers["content-type"].startswith("application/json")


def test_session_cookie_is_httponly_and_samesite(client, app, ingested):
    token = csrf_of(client)
    response = client.post(
        "/login", data={"name": "ana", "password": PASSWORD, "csrf_token": token}
    )
    cookie = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and "session" in v
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # plain http in tests; https gets Secure


def test_a_tampered_session_cookie_is_anonymous(client, ingested):
    client.cookies.set("tamatrix_session", "eyJ1IjoxfQ.forged.signature")
    assert client.get("/api/me").json()["role"] is None


def test_login_without_csrf_is_refused(client, ingested):
    response = client.post("/login", data={"name": "ana", "password": PASSWORD})
    assert response.status_code == 403


def test_login_is_throttled_after_five_failures(client, ingested):
    for _ in range(5):
        token = csrf_of(client)
        failed = client.post(
            "/login", data={"name": "ana", "password": "wrong password", "csrf_token": token}
        )
        assert failed.status_code == 401
    token = csrf_of(client)
    refused = client.post("/login", data={"name": "ana", "password": PASSWORD, "csrf_token": token})
    assert refused.status_code == 429


def test_login_does_not_redirect_to_another_site(client, ingested):
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"name": "ana", "password": PASSWORD, "csrf_token": token, "next": "//evil.example"},
    )
    assert response.headers["location"] == "/"


def test_security_headers(client):
    response = client.get("/login")
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_bad_bearer_token_is_401(client):
    response = client.get("/api/me", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication-required"


def test_signing_out_everywhere_ends_a_copied_session_cookie(signed_in, app):
    laptop, csrf = signed_in("analyst")
    stolen = dict(laptop.cookies)  # the same cookie in another browser
    from fastapi.testclient import TestClient

    with TestClient(app, follow_redirects=False, cookies=stolen) as thief:
        assert thief.get("/api/me").json()["name"] == "ana"
        ended = laptop.post("/account/sessions/end", data={"csrf_token": csrf})
        assert ended.status_code == 303 and ended.headers["location"] == "/login"
        assert thief.get("/api/me").json()["role"] is None
        assert thief.get("/needs").status_code == 303  # to the sign-in page
    # Signing in again gives a session that works.
    again, _csrf = signed_in("analyst")
    assert again.get("/api/me").json()["name"] == "ana"


def test_an_admin_ends_a_users_sessions_from_the_command_line(signed_in, app, web_settings):
    import subprocess
    import sys

    browser, _csrf = signed_in("viewer")
    assert browser.get("/api/me").json()["name"] == "vic"
    env = {"TAMATRIX_DATABASE_URL": web_settings.database_url, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "tamatrix", "user", "sign-out", "vic"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "ended every session of vic" in done.stdout
    time.sleep(RECENT_SECONDS + 0.1)
    assert browser.get("/api/me").json()["role"] is None
    missing = subprocess.run(
        [sys.executable, "-m", "tamatrix", "user", "sign-out", "nobody"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 1 and "no user named 'nobody'" in missing.stderr
