"""The supply side through the API: imports by upload, the matrix, its grid and cells,
candidates and decisions, providers, offers, activities and focal points, with roles."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

ACTIVITY_HEADER = [
    "provider",
    "provider_kind",
    "identifier",
    "title",
    "recipients",
    "articles",
    "categories",
    "status",
    "start_date",
    "end_date",
]


def activities_csv(need: dict, second_provider: bool = True) -> bytes:
    """An ongoing activity on the need's State, article and category, and, from a second
    provider, a planned one on the same: a planted overlap."""
    article = str(need["articles"][0])
    rows = [
        [
            "Agency A",
            "bilateral",
            "A-1",
            "Course for officials",
            need["state"],
            article,
            need["primary_category"],
            "ongoing",
            "2024-01-01",
            "2030-12-31",
        ],
    ]
    if second_provider:
        rows.append(
            ["Agency B", "un_entity", "B-1", "Second course", need["state"], article,
             need["primary_category"], "planned", "2025-01-01", ""]
        )  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ACTIVITY_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def first_need_with_article(client) -> dict:
    items = client.get("/api/needs", params={"per_page": 500}).json()["items"]
    return next(n for n in items if n["articles"])


def upload(client, csrf: str, kind: str, name: str, data: bytes):
    return client.post(
        f"/api/imports/{kind}",
        files={"file": (name, data, "application/octet-stream")},
        headers={"X-CSRF-Token": csrf},
    )


def test_an_uploaded_activities_file_makes_the_matrix_with_coverage_and_the_overlap(
    signed_in, ingested
):
    client, csrf = signed_in("analyst")
    need = first_need_with_article(client)
    response = upload(client, csrf, "activities", "activities.csv", activities_csv(need))
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["status"], report["created"], report["errors"]) == ("imported", 2, [])
    again = upload(client, csrf, "activities", "activities.csv", activities_csv(need)).json()
    assert (again["created"], again["updated"]) == (0, 2)

    matrix = client.get("/api/matrix", params={"by": "article"}).json()
    total = client.get("/api/needs", params={"per_page": 1}).json()["total"]
    assert matrix["needs"] == total
    assert 1 <= matrix["covered"] < total
    assert need["id"] not in [u["need"] for u in matrix["unmet"]]
    article = need["articles"][0]
    assert matrix["overlaps"] == [
        {
            "state": need["state"],
            "article": article,
            "category": need["primary_category"],
            "activities": matrix["overlaps"][0]["activities"],
            "providers": ["Agency A", "Agency B"],
        }
    ]
    row = next(r for r in matrix["rows"] if r["key"] == article)
    assert row["activities"] == 2 and row["providers"] == 2 and row["covered"] >= 1

    hxl = client.get("/api/matrix", params={"by": "region", "format": "hxl"})
    lines = hxl.text.splitlines()
    assert lines[0].startswith("region,needs,covered") and lines[1].startswith("#region+code")
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/api/matrix", params={"format": "xlsx"}).content)
    ).active
    assert [c.value for c in sheet[1]][:3] == ["article", "needs", "covered"]


def test_the_grid_counts_every_need_and_its_cells_lead_to_their_needs(signed_in, ingested):
    client, csrf = signed_in("analyst")
    need = first_need_with_article(client)
    upload(client, csrf, "activities", "a.csv", activities_csv(need, second_provider=False))
    grid = client.get("/api/matrix/grid", params={"rows": "region", "columns": "category"}).json()
    total = client.get("/api/needs", params={"per_page": 1}).json()["total"]
    assert sum(c["needs"] for c in grid["cells"]) == total == grid["needs"]
    cell = next(
        c
        for c in grid["cells"]
        if c["column"] == need["primary_category"] and need["id"] in c["need_ids"]
    )
    listed = client.get(
        "/api/matrix/needs", params={"region": cell["row"], "category": cell["column"]}
    ).json()
    assert sorted(n["id"] for n in listed) == sorted(cell["need_ids"])
    mine = next(n for n in listed if n["id"] == need["id"])
    assert mine["covered"] and mine["covered_by"].startswith("ongoing activity")
    unmet = client.get(
        "/api/matrix/needs",
        params={"region": cell["row"], "category": cell["column"], "unmet": True},
    ).json()
    assert len(unmet) == cell["unmet"] and not any(n["covered"] for n in unmet)
    by_article = client.get("/api/matrix/grid", params={"rows": "article", "columns": "state"})
    assert by_article.status_code == 200
    same = client.get("/api/matrix/grid", params={"rows": "state", "columns": "state"})
    assert same.status_code == 409 and same.json()["error"]["code"] == "conflict"
    general = client.get("/api/matrix/needs", params={"article": "general"}).json()
    assert all(n["articles"] == [] for n in general)


def test_candidates_are_suggested_and_a_decision_is_audited(signed_in, ingested):
    client, csrf = signed_in("analyst")
    need = first_need_with_article(client)
    upload(client, csrf, "activities", "a.csv", activities_csv(need))
    suggested = client.post(
        f"/api/needs/{need['id']}/matches", headers={"X-CSRF-Token": csrf}
    ).json()
    assert suggested and suggested[0]["provider"] in ("Agency A", "Agency B")
    assert f"same article: {need['articles'][0]}" in suggested[0]["reasons"]
    decided = client.put(
        f"/api/matches/{suggested[0]['match']}/decision",
        json={"decision": "accepted", "note": "agreed"},
        headers={"X-CSRF-Token": csrf},
    )
    assert decided.status_code == 200 and decided.json()["status"] == "accepted"
    listed = client.get(f"/api/needs/{need['id']}/matches").json()
    assert listed[0]["match"] == suggested[0]["match"] and listed[0]["status"] == "accepted"
    without_csrf = client.put(
        f"/api/matches/{suggested[0]['match']}/decision", json={"decision": "rejected"}
    )
    assert without_csrf.status_code == 403
    wrong = client.put(
        f"/api/matches/{suggested[0]['match']}/decision",
        json={"decision": "maybe"},
        headers={"X-CSRF-Token": csrf},
    )
    assert wrong.status_code == 422
    missing = client.put(
        "/api/matches/999999/decision",
        json={"decision": "accepted"},
        headers={"X-CSRF-Token": csrf},
    )
    assert missing.status_code == 404


def test_providers_activities_and_offers_lists(signed_in, ingested):
    client, csrf = signed_in("analyst")
    need = first_need_with_article(client)
    upload(client, csrf, "activities", "a.csv", activities_csv(need))
    providers = client.get("/api/providers").json()
    assert {(p["name"], p["activities"]) for p in providers} >= {("Agency A", 1), ("Agency B", 1)}
    ongoing = client.get("/api/activities", params={"status": "ongoing"}).json()
    assert [a["source_id"] for a in ongoing] == ["A-1"]
    assert ongoing[0]["recipients"] == [need["state"]]
    assert ongoing[0]["start_date"] == "2024-01-01"
    of_state = client.get("/api/activities", params={"state": need["state"].lower()}).json()
    assert len(of_state) == 2
    as_csv = client.get("/api/activities", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "Course for officials" in as_csv.text
    offers = (
        b"provider,title,articles,categories,languages\n"
        b"Peer Net,Advice on audits,9,capacity_building,en\n"
    )
    response = upload(client, csrf, "offers", "offers.csv", offers)
    assert response.json()["created"] == 1
    listed = client.get("/api/offers", params={"article": 9}).json()
    assert [o["title"] for o in listed] == ["Advice on audits"]
    assert client.get("/api/offers", params={"article": 10}).json() == []


def test_a_bad_import_is_refused_with_the_reason_and_changes_nothing(signed_in, ingested):
    client, csrf = signed_in("analyst")
    bad = b"provider,title,recipients,articles,categories,status\nA,T,KEN,99,nonsense,ongoing\n"
    response = upload(client, csrf, "activities", "bad.csv", bad)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "import-failed" and "row 2" in error["message"]
    assert client.get("/api/activities").json() == []
    xml = upload(client, csrf, "iati", "activities.csv", b"a,b\n")
    assert xml.status_code == 422 and xml.json()["error"]["code"] == "unsupported-format"
    broken = upload(client, csrf, "iati", "broken.xml", b"<iati-activities><iati-activity>")
    assert broken.status_code == 422 and "broken.xml" in broken.json()["error"]["message"]


def test_focal_points_are_added_listed_and_removed_by_analysts(signed_in, ingested):
    client, csrf = signed_in("analyst")
    state = first_need_with_article(client)["state"]
    added = client.post(
        "/api/focal-points",
        json={"person": "A. Mensah", "email": "a.mensah@example.org", "state": state},
        headers={"X-CSRF-Token": csrf},
    )
    assert added.status_code == 201, added.text
    assert client.get("/api/focal-points", params={"state": state}).json() == [added.json()]
    bad_email = client.post(
        "/api/focal-points",
        json={"person": "B", "email": "not an address", "state": state},
        headers={"X-CSRF-Token": csrf},
    )
    assert bad_email.status_code == 422 and bad_email.json()["error"]["field"] == "email"
    both = client.post(
        "/api/focal-points",
        json={"person": "B", "state": state, "provider_id": 1},
        headers={"X-CSRF-Token": csrf},
    )
    assert both.status_code == 409
    unknown = client.post(
        "/api/focal-points", json={"person": "B", "state": "QQQ"}, headers={"X-CSRF-Token": csrf}
    )
    assert unknown.status_code == 409 and "QQQ" in unknown.json()["error"]["message"]
    removed = client.delete(
        f"/api/focal-points/{added.json()['id']}", headers={"X-CSRF-Token": csrf}
    )
    assert removed.status_code == 204
    assert client.get("/api/focal-points").json() == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/matrix",
        "/api/matrix/grid",
        "/api/matrix/needs",
        "/api/providers",
        "/api/offers",
        "/api/activities",
        "/api/focal-points",
    ],
)
def test_viewers_and_visitors_cannot_read_the_live_matrix(signed_in, client, ingested, path):
    viewer, _csrf = signed_in("viewer")
    assert viewer.get(path).status_code == 403
    assert client.get(path).status_code == 401


def test_viewers_cannot_import_or_decide(signed_in, ingested):
    viewer, csrf = signed_in("viewer")
    response = upload(viewer, csrf, "offers", "o.csv", b"provider,title\nA,B\n")
    assert response.status_code == 403
    decided = viewer.put(
        "/api/matches/1/decision", json={"decision": "accepted"}, headers={"X-CSRF-Token": csrf}
    )
    assert decided.status_code == 403


def test_the_matrix_as_of_a_day_counts_activities_as_they_stood(signed_in, ingested):
    client, csrf = signed_in("analyst")
    need = first_need_with_article(client)
    upload(client, csrf, "activities", "a.csv", activities_csv(need, second_provider=False))
    today = client.get("/api/matrix").json()
    assert need["id"] not in [u["need"] for u in today["unmet"]]
    before = client.get("/api/matrix", params={"as_of": "2023-06-30"}).json()
    assert need["id"] in [u["need"] for u in before["unmet"]]  # the activity starts in 2024
    assert before["covered"] == today["covered"] - 1
    cell = client.get(
        "/api/matrix/needs",
        params={
            "state": need["state"],
            "category": need["primary_category"],
            "as_of": "2023-06-30",
        },
    ).json()
    assert not next(n for n in cell if n["id"] == need["id"])["covered"]
    bad = client.get("/api/matrix", params={"as_of": "2023-02-30"})
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "as_of"
