"""Ingesting documents into a real database: idempotence, new versions, corrections, failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix import pipeline
from tamatrix.core.extract import Overrides
from tamatrix.storage import repository, tables


def _count(session: Session, table) -> int:
    with session.begin():
        return session.scalar(sa.select(sa.func.count()).select_from(table))


def test_ingesting_the_dev_corpus_stores_every_record(session, settings, dev_corpus, tmp_path):
    results = [
        pipeline.ingest_file(session, p, settings=settings)
        for p in sorted(dev_corpus.iterdir())
        if p.suffix in (".txt", ".pdf", ".docx")
    ]
    assert [r.status for r in results] == ["ingested"] * 6
    assert sum(r.needs for r in results) == 72
    assert _count(session, tables.Need) == 72
    assert _count(session, tables.Recommendation) == 68
    assert _count(session, tables.GoodPractice) == 26
    assert _count(session, tables.Review) == 6
    with session.begin():
        aldoria = repository.review(session, "XAL", 2)
        assert aldoria is not None and str(aldoria.summary_date) == "2019-03-12"
        rows = repository.need_rows(session, repository.NeedFilter(state="XAL", article=58))
    assert [r["articles"] for r in rows] == [[58]]
    assert rows[0]["document"] == "aldoria-2019-cycle2.txt"
    assert rows[0]["region"] == "african"


def test_the_same_content_twice_changes_nothing(session, settings, dev_corpus, tmp_path):
    copy = tmp_path / "renamed-copy.txt"
    shutil.copy(dev_corpus / "aldoria-2019-cycle2.txt", copy)
    first = pipeline.ingest_file(session, dev_corpus / "aldoria-2019-cycle2.txt")
    second = pipeline.ingest_file(session, copy)
    assert (first.status, second.status) == ("ingested", "unchanged")
    assert second.document_id == first.document_id
    assert _count(session, tables.Need) == 16
    assert _count(session, tables.Document) == 1


def _new_version(dev_corpus: Path, tmp_path: Path) -> Path:
    text = (dev_corpus / "aldoria-2019-cycle2.txt").read_text(encoding="utf-8")
    text = text.replace(
        "• Provision of analytical software for the Financial Intelligence Centre and technical "
        "support in its installation and use (art. 58);\n",
        "",
    )
    text = text.replace(
        "• Assistance in mobilizing resources for the asset recovery component",
        "• Support in mobilizing resources for the asset recovery component",
    )
    path = tmp_path / "aldoria-2019-cycle2-corrigendum.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_version_replaces_machine_records_and_keeps_corrections(
    session, dev_corpus, tmp_path
):
    pipeline.ingest_file(session, dev_corpus / "aldoria-2019-cycle2.txt")
    with session.begin():
        rows = repository.need_rows(session, repository.NeedFilter(state="XAL", chapter="V"))
    by_text = {r["text"][:40]: r["id"] for r in rows}
    mobilizing = by_text["Assistance in mobilizing resources for t"]
    software = by_text["Provision of analytical software for the"]
    pipeline.correct_need(
        session, mobilizing, {"primary_category": "policymaking", "articles": "51,57"}, "ana"
    )
    pipeline.correct_need(session, software, {"subcategory": "equipment_resources"}, "ana")

    result = pipeline.ingest_file(session, _new_version(dev_corpus, tmp_path), user="ana")

    assert result.status == "replaced"
    assert result.replaced == "aldoria-2019-cycle2.txt"
    assert result.carried_over == 1
    assert len(result.not_carried_over) == 1
    assert "correction-not-carried-over" in {p.code for p in result.problems}
    assert _count(session, tables.Need) == 15
    assert _count(session, tables.Document) == 1
    with session.begin():
        rows = repository.need_rows(session, repository.NeedFilter(state="XAL", chapter="V"))
        carried = next(r for r in rows if r["text"].startswith("Support in mobilizing"))
        assert carried["primary_category"] == "policymaking"
        assert carried["articles"] == [51, 57]
        assert carried["status"] == "corrected"
        audit = repository.corrections_of(session, "need", carried["id"])
        assert {c.field for c in audit} == {"primary_category", "articles"}
        assert all("carried over from need" in c.note for c in audit)
        # The audit of the need that disappeared is still there.
        assert repository.corrections_of(session, "need", software)


def test_a_corrupt_file_fails_alone_and_leaves_a_problem(session, settings, dev_corpus, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    failed = pipeline.ingest_file(session, broken)
    good = pipeline.ingest_file(session, dev_corpus / "belmora-2020-cycle2.txt")
    assert failed.status == "failed"
    assert failed.problems[0].code == "corrupt-pdf"
    assert "broken.pdf" in failed.problems[0].message
    assert good.status == "ingested"
    assert _count(session, tables.Document) == 1
    with session.begin():
        codes = session.scalars(sa.select(tables.ProblemRow.code)).all()
    assert "corrupt-pdf" in codes


def test_a_failed_new_version_leaves_the_old_records_as_they_were(session, dev_corpus, tmp_path):
    pipeline.ingest_file(session, dev_corpus / "aldoria-2019-cycle2.txt")
    empty = tmp_path / "aldoria-new.txt"
    empty.write_bytes(b"")
    assert pipeline.ingest_file(session, empty).status == "failed"
    assert _count(session, tables.Need) == 16


def test_a_document_without_a_known_state_is_not_stored(session, settings, tmp_path):
    path = tmp_path / "nameless.txt"
    path.write_text(
        "CAC/COSP/IRG/II/9/1/Add.99\n\n12 March 2020\n\nExecutive summary: Republic of Nowhere\n\n"
        "2. Chapter II: Preventive measures\n\n"
        "2.4. Technical assistance needs identified to improve implementation of the Convention\n\n"
        "• Training for judges on the code of conduct (art. 11);\n",
        encoding="utf-8",
    )
    result = pipeline.ingest_file(session, path)
    assert result.status == "failed"
    assert result.problems[0].code == "unknown-state"
    assert _count(session, tables.Need) == 0
    stated = pipeline.ingest_file(session, path, Overrides(state="KEN"))
    assert stated.status == "ingested"
    assert stated.needs == 1


def test_confirming_and_correcting_are_audited(session, settings, dev_corpus):
    pipeline.ingest_file(session, dev_corpus / "fenwara-2014-cycle1.txt")
    with session.begin():
        first = repository.need_rows(session, repository.NeedFilter(state="XFW"))[0]
    assert pipeline.correct_need(session, first["id"], {}, "ana") == []
    changed = pipeline.correct_need(session, first["id"], {"chapter": "IV"}, "bo", "wrong section")
    assert changed == [("chapter", first["chapter"], "IV")]
    with session.begin():
        audit = repository.corrections_of(session, "need", first["id"])
        need = repository.need(session, first["id"])
        assert need is not None and need.status == "corrected"
    assert [(c.field, c.old_value, c.new_value, c.user_name) for c in audit] == [
        ("status", "machine", "confirmed", "ana"),
        ("chapter", first["chapter"], "IV", "bo"),
    ]
    assert audit[1].note == "wrong section"


def _summary(title: str, needs_section: bool = True) -> str:
    lines = [
        "CAC/COSP/IRG/II/9/1/Add.990",
        "",
        "4 May 2021",
        "",
        title,
        "",
        "2. Chapter II: Preventive measures",
        "",
        "Kenya and Nigeria acted as reviewing States.",
        "",
    ]
    if needs_section:
        lines += [
            "2.4. Technical assistance needs identified to improve implementation of the "
            "Convention",
            "",
            "• Training for judges on the code of conduct (art. 11);",
        ]
    lines += ["", "3. Chapter V: Asset recovery", "", "3.1. Observations", "", "Text."]
    return "\n".join(lines)


def test_a_document_that_names_two_states_without_a_title_is_refused(session, settings, tmp_path):
    path = tmp_path / "two-states.txt"
    path.write_text(_summary("Review of implementation"), encoding="utf-8")
    result = pipeline.ingest_file(session, path)
    assert result.status == "failed"
    assert result.problems[0].code == "several-states"
    assert "KEN" in result.problems[0].message and "NGA" in result.problems[0].message


def test_the_title_names_the_reviewed_state_even_when_others_are_named(session, settings, tmp_path):
    path = tmp_path / "ghana.txt"
    path.write_text(_summary("Executive summary: Ghana"), encoding="utf-8")
    result = pipeline.ingest_file(session, path)
    assert (result.status, result.state, result.cycle) == ("ingested", "GHA", 2)
    assert result.needs_by_chapter == {"II": 1}


def test_a_document_without_a_needs_section_is_ingested_with_a_problem(session, settings, tmp_path):
    path = tmp_path / "ghana.txt"
    path.write_text(_summary("Executive summary: Ghana", needs_section=False), encoding="utf-8")
    result = pipeline.ingest_file(session, path)
    assert result.status == "ingested"
    assert result.needs == 0
    missing = [p for p in result.problems if p.code == "needs-section-not-found"]
    assert {p.message.split()[1] for p in missing} == {"II", "V"}
    with session.begin():
        stored = session.scalars(sa.select(tables.ProblemRow.code)).all()
    assert stored.count("needs-section-not-found") == 2


def test_a_huge_file_is_refused_before_it_is_read(session, settings, tmp_path):
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: takes no disk space
    result = pipeline.ingest_file(session, huge, settings=settings)
    assert result.status == "failed"
    assert result.problems[0].code == "file-too-large"
    assert "huge.pdf" in result.problems[0].message


def test_a_file_that_is_not_an_executive_summary_is_refused_as_such(session, tmp_path):
    notes = tmp_path / "README.md"
    notes.write_text(
        "# Corpus notes\n\nThese files cover Kenya and Ghana; see the table below.\n",
        encoding="utf-8",
    )
    result = pipeline.ingest_file(session, notes)
    assert result.status == "failed"
    assert result.problems[0].code == "not-an-executive-summary"
    assert "README.md" in result.problems[0].message


def test_many_files_in_worker_processes_give_the_same_records_as_one_by_one(
    session, dev_corpus, tmp_path
):
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted(dev_corpus.glob("*-cycle*.*")):
        shutil.copy(path, folder / path.name)
    shutil.copy(dev_corpus / "aldoria-2019-cycle2.txt", folder / "zz-same-content.txt")
    paths = sorted(folder.iterdir())
    results = pipeline.ingest_files(session, paths, workers=2)
    assert [r.file for r in results] == [p.name for p in paths]
    assert [r.status for r in results] == ["ingested"] * 6 + ["unchanged"]
    assert sum(r.needs for r in results) == 72
    assert _count(session, tables.Need) == 72
    again = pipeline.ingest_files(session, paths, workers=2)
    assert {r.status for r in again} == {"unchanged"}
