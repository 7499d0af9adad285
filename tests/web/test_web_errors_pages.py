"""The one error shape of the API, the pages, and their translations."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tamatrix.web import browse, i18n


@pytest.mark.parametrize(
    ("path", "status", "code", "field"),
    [
        ("/api/needs?per_page=501", 422, "invalid-parameter", "per_page"),
        ("/api/needs?chapter=IX", 422, "invalid-parameter", "chapter"),
        ("/api/needs?sort=nonsense", 422, "invalid-parameter", "sort"),
        ("/api/needs/999999", 404, "not-found", None),
        ("/api/analyses/nothing-like-this", 404, "not-found", None),
        ("/api/no-such-endpoint", 404, "not-found", None),
        ("/api/figures?compare_to=nothing", 404, "not-found", None),
    ],
)
def test_error_shape(signed_in, ingested, path, status, code, field):
    analyst, _csrf = signed_in("analyst")
    response = analyst.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["code"] == code
    assert body["error"]["field"] == field
    assert body["error"]["message"]


def test_error_shape_of_a_bad_body(signed_in, ingested):
    analyst, csrf = signed_in("analyst")
    response = analyst.post(
        "/api/needs/1/corrections",
        json={"primary_category": "nonsense"},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "primary_category"


def test_error_shape_of_a_wrong_method(client):
    response = client.put("/api/needs")
    assert response.status_code in (403, 405)
    assert set(response.json()["error"]) == {"code", "message", "field"}


def test_corrections_the_need_does_not_allow_are_409(signed_in, ingested):
    analyst, csrf = signed_in("analyst")
    response = analyst.post(
        "/api/needs/1/corrections",
        json={"subcategory": "training", "primary_category": "legislative_assistance"},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 409
    assert "sub-category" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/", "/needs", "/review", "/documents", "/report", "/account"])
def test_pages_render_for_an_analyst(signed_in, ingested, path):
    analyst, _csrf = signed_in("analyst")
    response = analyst.get(path)
    assert response.status_code == 200, response.text[:2000]
    assert '<a class="skip-link" href="#main">' in response.text
    assert "<h1>" in response.text


def test_dashboard_numbers_link_to_the_needs_behind_them(signed_in, ingested):
    analyst, _csrf = signed_in("analyst")
    page = analyst.get("/?cycle=2").text
    assert 'href="/needs?cycle=2&amp;chapter=II"' in page
    figures = analyst.get("/api/figures?cycle=2").json()
    chapter_ii = next(r for r in figures["by_chapter"] if r["chapter"] == "II")
    linked = analyst.get("/api/needs", params={"cycle": 2, "chapter": "II"}).json()
    assert linked["total"] == chapter_ii["needs"]
    assert 'class="vega-spec"' in page and "/vendor/vega.js" in page


def test_need_page_highlights_the_passage(signed_in, ingested):
    analyst, _csrf = signed_in("analyst")
    need = analyst.get("/api/needs", params={"state": "XMV"}).json()["items"][0]
    page = analyst.get(f"/needs/{need['id']}").text
    assert '<mark id="passage">' in page


def test_correct_and_confirm_through_the_page(signed_in, ingested):
    analyst, csrf = signed_in("analyst")
    need = analyst.get("/api/needs", params={"state": "XMV"}).json()["items"][0]
    response = analyst.post(
        f"/needs/{need['id']}/correct",
        data={
            "csrf_token": csrf,
            "action": "correct",
            "chapter": need["chapter"],
            "articles": "5, 6",
            "primary_category": "policymaking",
            "subcategory": "",
        },
    )
    assert response.status_code == 303
    after = analyst.get(f"/api/needs/{need['id']}").json()
    assert after["articles"] == [5, 6] and after["primary_category"] == "policymaking"
    queue = analyst.get("/api/needs", params={"status": "machine"}).json()["items"]
    ids = [str(r["id"]) for r in queue[:2]]
    response = analyst.post("/review/confirm", data={"csrf_token": csrf, "ids": ids})
    assert response.status_code == 303
    assert analyst.get(f"/api/needs/{ids[0]}").json()["status"] == "confirmed"


def test_upload_page_refuses_a_large_file_with_413(signed_in, web_settings):
    analyst, csrf = signed_in("analyst")
    big = b"x" * (web_settings.max_document_bytes + 100_000)
    response = analyst.post(
        "/documents", data={"csrf_token": csrf}, files={"file": ("big.pdf", big, "application/pdf")}
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("language", "word"), [("fr", "Tableau de bord"), ("es", "Panel"), ("en", "Dashboard")]
)
def test_pages_are_translated_by_lang(signed_in, ingested, language, word):
    analyst, _csrf = signed_in("analyst")
    page = analyst.get(f"/?lang={language}").text
    assert f'<html lang="{language}">' in page
    assert word in page


def test_language_follows_accept_language(client):
    page = client.get("/login", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}).text
    assert '<html lang="es">' in page and "Iniciar sesión" in page


def test_choose_language():
    assert i18n.choose_language(None, "de, fr;q=0.8, en;q=0.5") == "fr"
    assert i18n.choose_language("es", "fr") == "es"
    assert i18n.choose_language("xx", None) == "en"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_catalogues_cover_the_main_pages(language):
    catalogue = i18n.translations(language)
    for message in (
        "Dashboard",
        "Needs",
        "Sign in",
        "Search the needs",
        "Confirm as coded",
        "Matrix",
        "Matrix of needs and services",
        "Heat map",
        "Overlapping assistance",
        "Assistance candidates",
        "Import assistance",
    ):
        assert catalogue.gettext(message) != message, message
    assert catalogue.ngettext("%(num)d overlap", "%(num)d overlaps", 2) != "%(num)d overlaps"


# Messages the templates translate with _(variable), which extraction cannot see: the status of a
# need and the sort keys (needs.html), the status of an ingestion (documents.html), the kind and
# status of a candidate (need.html).
DYNAMIC_MESSAGES = (
    *("machine", "confirmed", "corrected"),
    *browse.SORTS,
    *("ingested", "replaced", "unchanged", "failed"),
    *("offer", "activity", "peer", "suggested", "accepted", "rejected"),
)


def _web_messages() -> set[str | tuple[str, ...]]:
    """Every msgid of the templates and Python code of tamatrix.web, extracted with Babel."""
    root = Path(i18n.__file__).parent
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2.ext:babel_extract")]
    options_map = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = {message for _f, _l, message, _c, _x in extract_from_dir(root, method_map, options_map)}
    return found | set(DYNAMIC_MESSAGES)


def _msgid(message: str | tuple[str, ...]) -> str:
    """The singular msgid of a message (plural messages are extracted as tuples)."""
    return message[0] if isinstance(message, tuple) else message


@pytest.mark.parametrize("language", ["fr", "es"])
def test_catalogues_translate_every_message(language):
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    messages = _web_messages()
    assert len(messages) > 100  # the extraction did find the templates
    missing = sorted(str(m) for m in messages if _msgid(m) not in catalog)
    assert not missing, f"untranslated in {language}: {missing}"
    for message in messages:
        entry = catalog[_msgid(message)]
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        assert all(strings), f"empty translation in {language}: {message!r}"
        if isinstance(message, tuple):
            assert entry.id == message and len(strings) == 2, message
    # Babel's checks: the placeholders of each translation match those of its msgid.
    assert [(m.id, errors) for m, errors in catalog.check()] == []
