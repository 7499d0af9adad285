"""The supply side against a real database: IATI and template imports, matching with
decisions, the matrix with coverage, unmet needs and overlaps, and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.pipeline import supply
from tamatrix.storage import repository, tables

IATI = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "iati"


def count(session: Session, table: type[tables.Base]) -> int:
    with session.begin():
        return session.scalar(sa.select(sa.func.count()).select_from(table)) or 0


def add_needs(session: Session) -> dict[str, int]:
    """Three needs of Kenya and one of Peru, and a good practice of Ghana on article 9."""
    with session.begin():
        kenya = tables.Review(state="KEN", cycle=2, summary_date=dt.date(2021, 1, 1))
        peru = tables.Review(state="PER", cycle=2, summary_date=dt.date(2021, 1, 1))
        ghana = tables.Review(state="GHA", cycle=2, summary_date=dt.date(2021, 1, 1))
        session.add_all([kenya, peru, ghana])
        session.flush()
        ids = {}
        for key, review, articles, category, text in (
            ("procurement", kenya, (9,), "capacity_building", "Training on e-procurement"),
            ("fiu", kenya, (58,), "institution_building", "Setting up the financial unit"),
            ("strategy", peru, (5,), "policymaking", "A national anti-corruption strategy"),
            ("survey", kenya, (), "research_data", "A corruption survey"),
        ):
            row = tables.Need(
                review_id=review.id, chapter="II", text=text, primary_category=category
            )
            row.articles = [tables.NeedArticle(article=a) for a in articles]
            session.add(row)
            session.flush()
            ids[key] = row.id
        practice = tables.GoodPractice(
            review_id=ghana.id, chapter="II", text="An open contracting portal"
        )
        practice.articles = [tables.GoodPracticeArticle(article=9)]
        session.add(practice)
    return ids


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


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
    "budget",
    "currency",
]


def planted(tmp_path: Path) -> Path:
    """Two providers training Kenyan procurement officers at the same time: an overlap."""
    return write_csv(
        tmp_path / "activities.csv",
        ACTIVITY_HEADER,
        [
            [
                "Agency A",
                "bilateral",
                "A-1",
                "E-procurement training",
                "KEN",
                "9",
                "capacity_building",
                "ongoing",
                "2024-01-01",
                "2026-12-31",
                "100000",
                "USD",
            ],
            [
                "Agency B",
                "un_entity",
                "B-7",
                "Procurement officers course",
                "Kenya",
                "9",
                "capacity_building",
                "planned",
                "2025-06-01",
                "",
                "",
                "",
            ],
            [
                "Agency B",
                "un_entity",
                "B-8",
                "Strategy support",
                "PER",
                "5",
                "policymaking",
                "completed",
                "2019-01-01",
                "2020-01-01",
                "",
                "",
            ],
        ],
    )


def test_importing_real_iati_files_twice_gives_the_same_rows(session):
    files = [IATI / "real" / "CD.xml", IATI / "missing_dates.xml", IATI / "iati-basic.xml"]
    if not all(f.exists() for f in files):
        pytest.skip("../shared/data/iati is not beside this checkout")
    first = supply.import_iati(session, files)
    assert [f.status for f in first.files] == ["imported"] * 3
    assert first.created == 205 + 49 + 3 and first.updated == 0
    counts = {
        t: count(session, t)
        for t in (
            tables.Activity,
            tables.Provider,
            tables.ActivityArticle,
            tables.ActivityRecipient,
        )
    }
    second = supply.import_iati(session, files)
    assert second.created == 0 and second.updated == 257
    assert {t: count(session, t) for t in counts} == counts
    with session.begin():
        target = session.scalars(
            sa.select(tables.Activity).where(tables.Activity.source_id == "GB-1-113493-102")
        ).one()
        assert {a.article for a in target.articles} == {5, 6, 36}
        assert [r.state for r in target.recipients] == ["COD"]
        problems = session.scalars(
            sa.select(tables.ProblemRow).where(tables.ProblemRow.file_name == "iati-basic.xml")
        ).all()
        assert any(p.code == "iati-impossible-date" for p in problems)


def test_a_malformed_iati_file_fails_alone_and_changes_nothing(session, tmp_path):
    good = tmp_path / "good.xml"
    good.write_text(
        '<iati-activities version="2.03"><iati-activity><iati-identifier>XI-1</iati-identifier>'
        '<reporting-org ref="XI-O"><narrative>O</narrative></reporting-org>'
        "<title><narrative>T</narrative></title></iati-activity></iati-activities>",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.xml"
    broken.write_text('<iati-activities version="2.03"><iati-activity>', encoding="utf-8")
    report = supply.import_iati(session, [broken, good])
    assert [f.status for f in report.files] == ["failed", "imported"]
    assert "not well-formed" in report.files[0].message
    assert count(session, tables.Activity) == 1


def test_template_imports_and_reimports_update(session, tmp_path):
    header = supply.template("activities", "csv").decode().strip().split(",")
    assert header == [c.name for c in supply.ACTIVITY_COLUMNS]
    path = planted(tmp_path)
    report = supply.import_activities(session, path)
    assert (report.status, report.created, report.errors) == ("imported", 3, [])
    again = supply.import_activities(session, path)
    assert (again.created, again.updated) == (0, 3)
    assert count(session, tables.Activity) == 3 and count(session, tables.Provider) == 2


def test_bad_csv_rows_are_reported_by_row_and_column_and_nothing_is_imported(session, tmp_path):
    path = write_csv(
        tmp_path / "offers.csv",
        [
            "provider",
            "title",
            "articles",
            "categories",
            "modality",
            "capacity",
            "valid_from",
            "valid_to",
            "languages",
            "regions",
            "contact_email",
            "colour",
        ],
        [
            [
                "UNODC",
                "Good offer",
                "9",
                "capacity_building",
                "training",
                "3",
                "",
                "",
                "en",
                "african",
                "a@b.org",
                "",
            ],
            [
                "",
                "No provider",
                "99",
                "magic",
                "juggling",
                "-1",
                "2024-13-01",
                "",
                "english",
                "mars",
                "not-an-email",
                "",
            ],
            ["UNODC", "Dates", "5", "", "", "", "2025-01-01", "2024-01-01", "", "", "", ""],
        ],
    )
    report = supply.import_offers(session, path)
    assert report.status == "failed"
    found = {(e.row, e.column) for e in report.errors}
    assert (1, "colour") in found
    assert {
        (3, c)
        for c in (
            "provider",
            "articles",
            "categories",
            "modality",
            "capacity",
            "valid_from",
            "languages",
            "regions",
            "contact_email",
        )
    } <= found
    assert (4, "valid_to") in found
    assert not any(e.row == 2 for e in report.errors)
    assert count(session, tables.Offer) == 0


def test_bad_xlsx_rows_are_reported_by_row_and_column(session, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "activities.xlsx"
    path.write_bytes(supply.template("activities", "xlsx"))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["activities"]
    assert workbook.sheetnames == ["activities", "columns"]
    columns = [c.name for c in supply.ACTIVITY_COLUMNS]
    row = dict.fromkeys(columns, None)
    row.update(
        provider="UNDP",
        identifier="X-1",
        title="Ok",
        recipients="KEN",
        articles=9,
        start_date=dt.datetime(2024, 1, 1),
    )
    sheet.append([row[c] for c in columns])
    row.update(identifier="X-2", budget="lots", source="state_report", recipients="Atlantis")
    sheet.append([row[c] for c in columns])
    workbook.save(path)
    report = supply.import_activities(session, path)
    assert {(e.row, e.column) for e in report.errors} == {
        (3, "budget"),
        (3, "recipients"),
        (3, "reported_by"),
    }
    fixed = openpyxl.load_workbook(path)
    fixed["activities"].delete_rows(3)
    fixed.save(path)
    assert supply.import_activities(session, path).created == 1


def test_matching_suggests_decisions_are_audited_and_kept(session, tmp_path):
    ids = add_needs(session)
    supply.import_activities(session, planted(tmp_path))
    offers = write_csv(
        tmp_path / "offers.csv",
        ["provider", "title", "articles", "categories", "languages"],
        [
            ["Peer Network", "Training on e-procurement systems", "9", "capacity_building", "en"],
            ["FIU Group", "Financial intelligence unit advice", "58", "institution_building", "en"],
        ],
    )
    assert supply.import_offers(session, offers).created == 2
    rows = supply.match_needs(session, top=5)
    procurement = [r for r in rows if r.need_id == ids["procurement"]]
    assert procurement[0].provider in ("Peer Network", "Agency A")
    assert any(r.kind == "peer" and r.provider == "Ghana" for r in procurement)
    fiu = [r for r in rows if r.need_id == ids["fiu"]]
    assert fiu[0].provider == "FIU Group" and "same article: 58" in fiu[0].reasons
    rejected = supply.decide_match(session, procurement[0].id, False, "ana", "not relevant")
    assert rejected.status == "rejected"
    with session.begin():
        audit = repository.corrections_of(session, "match", procurement[0].id)
        assert [(c.old_value, c.new_value, c.user_name) for c in audit] == [
            ("suggested", "rejected", "ana")
        ]
    again = supply.match_needs(session, [ids["procurement"]])
    kept = [r for r in again if r.id == procurement[0].id]
    assert kept and kept[0].status == "rejected"
    first = (procurement[0].kind, procurement[0].service_id)
    assert first not in [(r.kind, r.service_id) for r in again if r.status == "suggested"]


def test_the_matrix_flags_the_planted_overlap_and_lists_unmet_needs(session, tmp_path):
    ids = add_needs(session)
    supply.import_activities(session, planted(tmp_path))
    result = supply.matrix(session, "article")
    assert result.overlaps == [
        {
            "state": "KEN",
            "article": 9,
            "category": "capacity_building",
            "activities": result.overlaps[0]["activities"],
            "providers": ["Agency A", "Agency B"],
        }
    ]
    assert len(result.overlaps[0]["activities"]) == 2
    assert result.needs == 4 and result.covered == 1  # the ongoing activity of Agency A
    assert sorted(n["need"] for n in result.unmet) == sorted(
        [ids["fiu"], ids["strategy"], ids["survey"]]
    )
    by_article = {r["article"]: r for r in result.rows}
    assert by_article[9]["coverage"] == 100.0 and by_article[9]["activities"] == 2
    match = supply.match_needs(session, [ids["strategy"]])
    supply.decide_match(session, match[0].id, True, "ana")
    assert supply.matrix(session, "state").covered == 2


def test_exports_write_csv_hxl_and_xlsx(session, tmp_path):
    add_needs(session)
    hxl = list(csv.reader(io.StringIO(supply.export_needs(session, "hxl").decode())))
    assert hxl[0][:3] == ["id", "state", "region"]
    assert hxl[1][:3] == ["#meta+id", "#country+code", "#region+code"]
    assert len(hxl) == 2 + 4
    matrix_csv = supply.export_matrix(session, "category", "csv").decode().splitlines()
    assert matrix_csv[0].startswith("category,needs,covered,unmet,coverage")
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "matrix.xlsx"
    path.write_bytes(supply.export_matrix(session, "article", "xlsx"))
    assert openpyxl.load_workbook(path).active["A1"].value == "article"


def test_the_matrix_as_of_a_date_counts_activities_as_they_then_stood(session, tmp_path):
    ids = add_needs(session)
    supply.import_activities(session, planted(tmp_path))
    # Agency A trains from 2024 to 2026; Agency B's course starts in June 2025 with no end.
    assert supply.matrix(session, as_of=dt.date(2023, 6, 1)).covered == 0
    during = supply.matrix(session, as_of=dt.date(2024, 6, 1))
    assert during.covered_by == {ids["procurement"]: during.covered_by[ids["procurement"]]}
    assert during.covered_by[ids["procurement"]].startswith("ongoing activity")
    assert len(during.overlaps) == 1
    later = supply.matrix(session, as_of=dt.date(2027, 6, 1))  # A completed, B still running
    assert later.covered == 1 and later.overlaps == []
    assert supply.status_on(
        "completed", dt.date(2019, 1, 1), dt.date(2020, 1, 1), dt.date(2019, 6, 1)
    ) == ("ongoing")
    assert supply.status_on("cancelled", dt.date(2019, 1, 1), None, dt.date(2019, 6, 1)) == (
        "cancelled"
    )


def test_the_matrix_counts_only_the_needs_asked_for(session, tmp_path):
    ids = add_needs(session)
    supply.import_activities(session, planted(tmp_path))
    strategy = supply.match_needs(session, [ids["strategy"]])
    supply.decide_match(session, strategy[0].id, True, "ana")
    scoped = supply.matrix(session, "state", need_ids=[ids["procurement"], ids["survey"]])
    assert (scoped.needs, scoped.covered) == (2, 1)  # Peru's accepted need is out of scope
    assert sorted(n["need"] for n in scoped.unmet) == [ids["survey"]]
    assert [r["state"] for r in scoped.rows if r["needs"]] == ["KEN"]


def _supply_for_the_note(session, tmp_path) -> None:
    """Activities and offers for some of the note's States, and one accepted match."""
    rows = [
        ["Agency A", "bilateral", "A-1", "Prevention policy advice", "KEN;NGA", "5;6",
         "capacity_building", "ongoing", "2019-01-01", "2021-12-31", "", ""],
        ["Agency B", "un_entity", "B-1", "Policy support", "KEN", "5",
         "capacity_building", "planned", "2020-06-01", "", "", ""],
        ["Agency B", "un_entity", "B-2", "Confiscation law", "GHA;UKR", "54",
         "legislative_assistance", "completed", "2017-01-01", "2021-06-30", "", ""],
        ["Agency C", "civil_society", "C-1", "Surveys", "IND", "9",
         "research_data", "ongoing", "2021-01-01", "2022-12-31", "", ""],
    ]  # fmt: skip
    report = supply.import_activities(session, write_csv(tmp_path / "a.csv", ACTIVITY_HEADER, rows))
    assert report.status == "imported", report.errors
    offers = write_csv(
        tmp_path / "offers.csv",
        ["provider", "title", "articles", "categories", "valid_from"],
        [["Peer Network", "Asset recovery mentoring", "51;52", "capacity_building", "2018-01-01"]],
    )
    assert supply.import_offers(session, offers).status == "imported"
    suggested = [r for r in supply.match_needs(session, top=1) if r.kind == "offer"]
    supply.decide_match(session, suggested[0].id, True, "ana")


def _note_figures(session, tmp_path, name: str) -> dict:
    from tamatrix.pipeline import report

    path = report.write_report(session, "json", tmp_path / name, dt.date(2020, 9, 30), 2)
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_note_section_matches_the_matrix_on_the_same_database(note_session, tmp_path):
    _supply_for_the_note(note_session, tmp_path)
    figures = _note_figures(note_session, tmp_path, "note.json")
    found = figures["supply"]
    scope = figures["coverage"]["need_ids"]
    as_of = dt.date(2020, 9, 30)
    by_article = supply.matrix(note_session, "article", as_of=as_of, need_ids=scope)
    assert (
        (found["needs"], found["covered"])
        == (by_article.needs, by_article.covered)
        == (404, found["covered"])
    )
    assert found["unmet_need_ids"] == sorted(n["need"] for n in by_article.unmet)
    assert found["covered_by_match"] == 1 and found["covered_by_activity"] > 0
    assert len(found["overlaps"]) == len(by_article.overlaps) == 1  # KEN, article 5
    assert found["overlaps"][0]["state"] == "KEN" and found["overlaps"][0]["providers"] == 2
    rows = {r["article"]: r for r in by_article.rows}
    for row in found["by_article"]:
        matrix_row = rows["general" if row["article"] is None else row["article"]]
        for key in ("needs", "covered", "unmet", "activities", "offers"):
            assert row[key] == matrix_row[key], (row["article"], key)
    for by, key in (("category", "category"), ("region", "region")):
        cells = {
            r[by]: r for r in supply.matrix(note_session, by, as_of=as_of, need_ids=scope).rows
        }
        for row in found[f"by_{by}"]:
            assert (row["needs"], row["covered"]) == (
                cells[row[key]]["needs"],
                cells[row[key]]["covered"],
            )
    # Every number is the length of its list of need ids.
    for row in [
        found,
        *found["by_chapter"],
        *found["by_category"],
        *found["by_region"],
        *found["by_article"],
    ]:
        assert row["needs"] == len(row["need_ids"])
        assert row["covered"] == len(row["covered_need_ids"])
        assert row["unmet"] == len(row["unmet_need_ids"])
        assert sorted(row["covered_need_ids"] + row["unmet_need_ids"]) == row["need_ids"]
    assert set(found["match_need_ids"]) | set(found["activity_need_ids"]) == set(
        found["covered_need_ids"]
    )


def test_a_note_without_supply_data_has_no_section_on_it(note_session, tmp_path):
    from tamatrix.reports import build_note

    figures = _note_figures(note_session, tmp_path, "note.json")
    assert "supply" not in figures
    headings = [s.heading for s in build_note(figures).sections]
    assert "Needs and the assistance available" not in headings
    assert headings[-1] == "Issues for further consideration"
