"""The matrix page: heat map and its table, drill-down to a cell's needs, imports from the
page, and candidates accepted from a need's page."""

from __future__ import annotations

import re

from tests.web.test_api_supply import activities_csv, first_need_with_article


def import_from_page(client, csrf: str, kind: str, name: str, data: bytes):
    return client.post(
        "/matrix/imports",
        data={"csrf_token": csrf, "kind": kind},
        files={"file": (name, data, "application/octet-stream")},
    )


def test_the_matrix_page_shows_the_heat_map_and_drills_down_to_a_cell(signed_in, ingested):
    client, csrf = signed_in("analyst")
    need = first_need_with_article(client)
    page = import_from_page(client, csrf, "activities", "activities.csv", activities_csv(need))
    assert page.status_code == 200
    assert "2 created, 0 updated." in page.text
    html = client.get("/matrix").text
    assert 'class="vega-spec"' in html and "/vendor/vega.js" in html
    total = client.get("/api/needs", params={"per_page": 1}).json()["total"]
    assert f'<dd id="matrix-needs">{total}</dd>' in html
    # Every cell of the table links to its drill-down; follow the one of our need.
    article = need["articles"][0]
    link = re.search(
        rf'href="(/matrix\?[^"]*article={article}&amp;category={need["primary_category"]}[^"]*)"',
        html,
    )
    assert link, "no cell link for the need's article and category"
    cell = client.get(link.group(1).replace("&amp;", "&"))
    assert cell.status_code == 200
    table = cell.text.split('id="cell-needs"')[1].split("</table>")[0]
    assert f'href="/needs/{need["id"]}#matches"' in table
    assert "ongoing activity" in table
    overlaps = html.split('id="overlap-table"')[1].split("</table>")[0]
    assert "Agency A; Agency B" in overlaps and need["state"] in overlaps


def test_the_heat_map_by_region_and_state_and_bad_parameters(signed_in, ingested):
    client, _csrf = signed_in("analyst")
    by_state = client.get("/matrix", params={"rows": "state", "columns": "region"})
    assert by_state.status_code == 200
    same = client.get("/matrix", params={"rows": "state", "columns": "state"})
    assert same.status_code == 400 and "two different dimensions" in same.text
    bad = client.get("/matrix", params={"article": "99"})
    assert bad.status_code == 400 and "article" in bad.text


def test_a_failed_import_from_the_page_lists_the_bad_cells(signed_in, ingested):
    client, csrf = signed_in("analyst")
    bad = b"provider,title,recipients,articles,categories,status\nA,T,KEN,99,nonsense,ongoing\n"
    page = import_from_page(client, csrf, "activities", "bad.csv", bad)
    assert page.status_code == 422
    assert "Nothing was imported." in page.text and "nonsense" in page.text
    no_csrf = client.post(
        "/matrix/imports", data={"kind": "offers"}, files={"file": ("o.csv", b"a", "text/csv")}
    )
    assert no_csrf.status_code == 403


def test_a_candidate_is_accepted_from_the_need_page_and_the_need_becomes_covered(
    signed_in, ingested
):
    client, csrf = signed_in("analyst")
    items = client.get("/api/needs", params={"per_page": 500}).json()["items"]
    need = first_need_with_article(client)
    other = next(
        n for n in items if n["articles"] and n["state"] != need["state"] and n["id"] != need["id"]
    )
    import_from_page(client, csrf, "activities", "a.csv", activities_csv(need))
    before = client.get("/api/matrix").json()
    assert other["id"] in [u["need"] for u in before["unmet"]]
    suggested = client.post(f"/needs/{other['id']}/matches", data={"csrf_token": csrf})
    assert suggested.status_code == 303 and suggested.headers["location"].endswith("#matches")
    page = client.get(f"/needs/{other['id']}").text
    first = re.search(r'action="/matches/(\d+)/decision"', page)
    assert first, "no candidate listed on the need page"
    decided = client.post(
        f"/matches/{first.group(1)}/decision", data={"csrf_token": csrf, "decision": "accepted"}
    )
    assert decided.status_code == 303
    after = client.get("/api/matrix").json()
    assert after["covered"] == before["covered"] + 1
    assert other["id"] not in [u["need"] for u in after["unmet"]]
    assert "<strong>accepted</strong>" in client.get(f"/needs/{other['id']}").text


def test_viewers_do_not_see_the_matrix_page(signed_in, client, ingested):
    viewer, _csrf = signed_in("viewer")
    assert viewer.get("/matrix").status_code == 403
    assert client.get("/matrix").status_code == 303  # to the sign-in page
