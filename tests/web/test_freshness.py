"""What the API serves from its caches stays true: a change made through the application
shows at once; one made by another process (here: the pipeline called directly, as
`tamatrix ingest` would) shows within RECENT_SECONDS; a revoked token stops working."""

from __future__ import annotations

import time

from tamatrix.pipeline import correct_need
from tamatrix.web import accounts
from tamatrix.web.app import RECENT_SECONDS


def test_a_change_through_the_api_shows_at_once(signed_in, ingested):
    client, csrf = signed_in("analyst")
    need = client.get("/api/needs", params={"per_page": 1}).json()["items"][0]
    before = client.get("/api/figures").json()
    target = "legislative_assistance"
    if need["primary_category"] == target:
        target = "policymaking"
    response = client.post(
        f"/api/needs/{need['id']}/corrections",
        json={"primary_category": target},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 200
    listed = client.get("/api/needs", params={"per_page": 1}).json()["items"][0]
    assert listed["primary_category"] == target
    after = client.get("/api/figures").json()
    counts = {r["category"]: r["needs"] for r in after["by_category"]}
    was = {r["category"]: r["needs"] for r in before["by_category"]}
    assert counts[target] == was.get(target, 0) + 1


def test_a_change_by_another_process_shows_within_the_freshness_window(signed_in, ingested, app):
    client, _csrf = signed_in("analyst")
    need = client.get("/api/needs", params={"per_page": 1}).json()["items"][0]
    target = "research_data" if need["primary_category"] != "research_data" else "other"
    session = app.state.sessions()
    correct_need(session, need["id"], {"primary_category": target}, "cli user", "")
    session.close()
    time.sleep(RECENT_SECONDS + 0.1)
    listed = client.get("/api/needs", params={"per_page": 1}).json()["items"][0]
    assert listed["primary_category"] == target


def test_a_token_revoked_through_the_api_stops_at_once(signed_in, ingested, app):
    client, csrf = signed_in("analyst")
    made = client.post(
        "/api/tokens", json={"name": "script", "days": 5}, headers={"X-CSRF-Token": csrf}
    ).json()
    script = {"Authorization": f"Bearer {made['token']}"}
    assert client.get("/api/needs", headers=script).status_code == 200
    assert (
        client.delete(f"/api/tokens/{made['id']}", headers={"X-CSRF-Token": csrf}).status_code
        == 204
    )
    assert client.get("/api/needs", headers=script).status_code == 401


def test_a_user_removed_by_another_process_loses_access_within_the_window(signed_in, ingested, app):
    client, _csrf = signed_in("viewer")
    assert client.get("/api/me").json()["name"] == "vic"
    session = app.state.sessions()
    accounts.remove_user(session, "vic")
    session.close()
    time.sleep(RECENT_SECONDS + 0.1)
    assert client.get("/api/me").json()["role"] is None


def test_the_warm_up_computes_the_dashboard_figures_before_the_first_visit(
    signed_in, ingested, app, monkeypatch
):
    from tamatrix.web import browse
    from tamatrix.web.app import warm_up

    warm_up(app).join(timeout=60)

    def no_more(*_args, **_kwargs):
        raise AssertionError("the figures were computed again")

    monkeypatch.setattr(browse, "compute_figures", no_more)
    client, _csrf = signed_in("analyst")
    figures = client.get("/api/figures")
    assert figures.status_code == 200
    assert figures.json()["coverage"]["needs"] == client.get("/api/needs").json()["total"]
