"""The JSON API: needs, documents, figures, analyses, corrections, exports, tokens."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from tests.web.conftest import (
    SCRIPT,  # noqa: F401 - documents which need holds the script
    render_fixture,
)


def test_needs_list_filters_searches_sorts_and_pages(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    everything = browser.get("/api/needs", params={"per_page": 500}).json()
    assert everything["total"] == len(everything["items"]) > 5
    page = browser.get("/api/needs", params={"per_page": 2, "page": 2}).json()
    assert page["items"] == everything["items"][2:4]
    chapter_v = browser.get("/api/needs", params={"chapter": "V"}).json()
    assert chapter_v["total"] and {r["chapter"] for r in chapter_v["items"]} == {"V"}
    by_state = browser.get("/api/needs", params={"state": "xrd"}).json()
    assert {r["state"] for r in by_state["items"]} == {"XRD"}
    low_first = browser.get("/api/needs", params={"sort": "confidence"}).json()["items"]
    confidences = [r["confidence"] for r in low_first]
    assert confidences == sorted(confidences)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("trained", "Training"),
        ("WORKSHOP journalist", "Workshops for journalists"),
        ('"integrity units"', "integrity units"),
        ("workshop", "Workshops"),
        ("capacitacion", "Capacitación"),
        ("CAPACITACIÓN contraloria", "Capacitación del personal de la Contraloría"),
        ('"plan de accion"', "plan de acción"),
        ("decomisados incautado", "incautados y decomisados"),
    ],
)
def test_search_finds_word_variants_and_phrases(signed_in, ingested, q, expected):
    browser, _csrf = signed_in("analyst")
    found = browser.get("/api/needs", params={"q": q}).json()
    assert found["total"] >= 1
    assert all(expected.lower() in r["text"].lower() for r in found["items"])


def test_search_without_match_is_empty(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    assert browser.get("/api/needs", params={"q": '"no such phrase here"'}).json()["total"] == 0
    assert browser.get("/api/needs", params={"q": '"units integrity"'}).json()["total"] == 0


def test_search_keeps_the_filters_and_the_sort(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    params = {"q": "support", "state": "XRD", "sort": "confidence", "per_page": 500}
    found = browser.get("/api/needs", params=params).json()["items"]
    assert found and {r["state"] for r in found} == {"XRD"}
    assert all("support" in r["text"].lower() for r in found)
    assert [r["confidence"] for r in found] == sorted(r["confidence"] for r in found)


@pytest.mark.parametrize("q", ["?", '"', "* - : '", '""'])
def test_a_search_with_nothing_to_search_lists_every_need(signed_in, ingested, q):
    browser, _csrf = signed_in("analyst")
    everything = browser.get("/api/needs").json()["total"]
    assert browser.get("/api/needs", params={"q": q}).json()["total"] == everything


@pytest.mark.parametrize(
    "q",
    [
        "NEAR(training",
        "training OR",
        "-training",
        "terms:training",
        "train*",
        '"unbalanced quote',
        "'; DROP TABLE needs; --",
        "é*" * 100,  # as long as the API allows (200 characters)
    ],
    ids=lambda q: q[:20],
)
def test_a_hostile_search_is_answered(signed_in, ingested, q):
    browser, _csrf = signed_in("analyst")
    response = browser.get("/api/needs", params={"q": q})
    assert response.status_code == 200, response.text
    assert browser.get("/needs", params={"q": q}).status_code == 200


def test_search_follows_reingest_and_delete(signed_in, ingested, tmp_path):
    admin, csrf = signed_in("admin")

    def total(q: str) -> int:
        return int(admin.get("/api/needs", params={"q": q}).json()["total"])

    assert total("xss") == 1  # the script injected in a need of the first version
    spanish = total("capacitacion")  # needs of the other document
    assert spanish >= 1
    path = render_fixture("redania-2019-cycle2.tamx", tmp_path / "redania-v2.txt", "zebras")
    with path.open("rb") as handle:
        response = admin.post(
            "/api/documents",
            files={"file": ("redania-v2.txt", handle, "text/plain")},
            headers={"X-CSRF-Token": csrf},
        )
    assert response.json()["status"] == "replaced", response.text
    assert total("xss") == 0
    assert total("zebra") == 1
    document_id = response.json()["document_id"]
    deleted = admin.delete(f"/api/documents/{document_id}", headers={"X-CSRF-Token": csrf})
    assert deleted.status_code == 204
    assert total("zebra") == 0
    assert total("workshops") == 0
    assert total("capacitacion") == spanish


def test_need_detail_has_provenance(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    first = browser.get("/api/needs", params={"state": "XRD"}).json()["items"][0]
    detail = browser.get(f"/api/needs/{first['id']}").json()
    assert detail["document"] == "redania-2019-cycle2.txt"
    assert detail["page"] >= 1 and detail["span_end"] > detail["span_start"]
    marked = [p for page in detail["source_pages"] for p in page["parts"] if p["marked"]]
    assert marked and " ".join(detail["text"].split()[:3]) in " ".join(marked[0]["text"].split())
    assert detail["explanation"]
    assert detail["corrections"] == []


def test_correction_is_audited_and_changes_the_need(signed_in, ingested):
    browser, csrf = signed_in("analyst")
    need = browser.get("/api/needs", params={"state": "XRD"}).json()["items"][0]
    response = browser.post(
        f"/api/needs/{need['id']}/corrections",
        json={"primary_category": "legislative_assistance", "articles": [5], "note": "why"},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 200, response.text
    after = response.json()["need"]
    assert after["primary_category"] == "legislative_assistance"
    assert after["articles"] == [5]
    assert after["status"] == "corrected"
    assert {c["field"] for c in after["corrections"]} >= {"primary_category", "articles"}
    assert all(c["user"] == "ana" for c in after["corrections"])


def test_bulk_confirm(signed_in, ingested):
    browser, csrf = signed_in("analyst")
    rows = browser.get("/api/needs", params={"status": "machine", "per_page": 3}).json()["items"]
    ids = [r["id"] for r in rows]
    response = browser.post("/api/needs/confirm", json={"ids": ids}, headers={"X-CSRF-Token": csrf})
    assert response.json() == {"confirmed": 3}
    again = browser.post("/api/needs/confirm", json={"ids": ids}, headers={"X-CSRF-Token": csrf})
    assert again.json() == {"confirmed": 0}


def test_needs_as_csv_and_xlsx(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    csv_response = browser.get("/api/needs", params={"format": "csv", "state": "XRD"})
    assert csv_response.headers["content-type"].startswith("text/csv")
    lines = csv_response.text.splitlines()
    assert lines[0].startswith("id,state,state_name")
    xlsx = browser.get("/api/needs", params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "id"
    assert sheet.max_row > 5


def test_documents_list_with_problems_and_delete_keeps_the_audit(signed_in, ingested):
    admin, csrf = signed_in("admin")
    documents = admin.get("/api/documents").json()
    assert {d["file_name"] for d in documents} >= {"redania-2019-cycle2.txt"}
    assert all(isinstance(d["problems"], list) for d in documents)
    need = admin.get("/api/needs", params={"state": "XRD"}).json()["items"][0]
    admin.post(f"/api/needs/{need['id']}/corrections", json={}, headers={"X-CSRF-Token": csrf})
    doc_id = ingested["redania-2019-cycle2.tamx"]
    assert (
        admin.delete(f"/api/documents/{doc_id}", headers={"X-CSRF-Token": csrf}).status_code == 204
    )
    assert admin.get("/api/needs", params={"state": "XRD"}).json()["total"] == 0
    assert admin.get(f"/api/needs/{need['id']}").status_code == 404
    from sqlalchemy import select

    from tamatrix.storage import tables

    session = admin.app.state.sessions()
    kept = session.scalars(
        select(tables.Correction).where(tables.Correction.record_id == need["id"])
    )
    assert list(kept)
    session.close()


def test_figures_are_those_of_the_analysis_and_filter(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    figures = browser.get("/api/figures", params={"cycle": 2}).json()
    total = figures["coverage"]["needs"]
    assert total == browser.get("/api/needs", params={"cycle": 2}).json()["total"]
    chapter_ii = browser.get("/api/figures", params={"cycle": 2, "chapter": "II"}).json()
    by_chapter = {r["chapter"]: r["needs"] for r in figures["by_chapter"]}
    assert chapter_ii["coverage"]["needs"] == by_chapter["II"]


def test_figures_carry_the_need_ids_only_when_asked(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    plain = browser.get("/api/figures", params={"cycle": 2}).json()
    assert "need_ids" not in plain["coverage"]
    assert all("need_ids" not in row for row in plain["by_chapter"])
    full = browser.get("/api/figures", params={"cycle": 2, "ids": "true"}).json()
    ids = full["coverage"]["need_ids"]
    assert len(ids) == full["coverage"]["needs"]
    listed = browser.get("/api/needs", params={"cycle": 2, "per_page": 500}).json()
    assert sorted(row["id"] for row in listed["items"]) == ids


def test_analyses_and_comparison(signed_in, ingested):
    browser, csrf = signed_in("analyst")
    names = [a["name"] for a in browser.get("/api/analyses").json()]
    assert names == ["all-2022", "secret-draft"]
    compared = browser.get("/api/figures", params={"cycle": 2, "compare_to": "all-2022"}).json()
    assert compared["comparison"]["needs_added"] == 0
    saved = browser.post(
        "/api/analyses", json={"name": "new", "cycle": 2}, headers={"X-CSRF-Token": csrf}
    )
    assert saved.status_code == 201 and saved.json()["published"] is False


def test_report_download(signed_in, ingested):
    browser, _csrf = signed_in("analyst")
    html = browser.get("/api/report", params={"cycle": 2, "format": "html"})
    assert html.status_code == 200 and "attachment" in html.headers["content-disposition"]
    assert b"<html" in html.content[:500].lower()
    docx = browser.get("/api/report", params={"cycle": 2, "format": "docx"})
    assert docx.content[:2] == b"PK"


def test_api_tokens_authenticate_scripts(signed_in, client, ingested):
    browser, csrf = signed_in("analyst")
    created = browser.post("/api/tokens", json={"name": "script"}, headers={"X-CSRF-Token": csrf})
    token = created.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=headers).json() == {
        "name": "ana",
        "role": "analyst",
        "via": "token",
    }
    need = client.get("/api/needs", headers=headers).json()["items"][0]
    # A token needs no CSRF token: it is not sent by browsers on their own.
    confirmed = client.post("/api/needs/confirm", json={"ids": [need["id"]]}, headers=headers)
    assert confirmed.status_code == 200
    token_id = created.json()["id"]
    browser.delete(f"/api/tokens/{token_id}", headers={"X-CSRF-Token": csrf})
    assert client.get("/api/me", headers=headers).status_code == 401


def test_upload_through_the_api(signed_in, tmp_path):
    from tests.web.conftest import render_fixture

    browser, csrf = signed_in("analyst")
    path = render_fixture("redania-2019-cycle2.tamx", tmp_path / "redania.txt")
    with path.open("rb") as handle:
        response = browser.post(
            "/api/documents",
            files={"file": ("redania.txt", handle, "text/plain")},
            headers={"X-CSRF-Token": csrf},
        )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ingested" and response.json()["needs"] > 0
    doc_id = response.json()["document_id"]
    again = browser.post(f"/api/documents/{doc_id}/reingest", headers={"X-CSRF-Token": csrf})
    assert again.json()["status"] == "replaced"


def test_upload_over_the_limit_is_refused_with_413(signed_in, web_settings):
    browser, csrf = signed_in("analyst")
    big = b"x" * (web_settings.max_document_bytes + 1)
    response = browser.post(
        "/api/documents",
        files={"file": ("big.txt", big, "text/plain")},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too-large"
    assert "MB" in response.json()["error"]["message"]


def test_an_upload_that_cannot_be_ingested_gets_422_with_the_problem_code(signed_in):
    browser, csrf = signed_in("analyst")
    response = browser.post(
        "/api/documents",
        files={"file": ("empty.txt", b"", "text/plain")},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "empty-file" and "empty" in error["message"]
