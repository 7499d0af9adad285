"""Full-text search of needs: stemming, phrases, accents, hostile searches, deletes and the
migration that builds the index, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tamatrix.core import records
from tamatrix.storage import db, repository, search, tables

ENGLISH = [
    "Training of procurement officers on framework agreements",
    "A trainer for the judges of the High Court",
    "Establish integrity units in the revenue administration",
    "Units of integrity focal points in line ministries",
    "Support for the anti-corruption agency",
    "Legal advice on the draft bill on corruption",
]
SPANISH = [
    "Formación de funcionarios públicos en contrataciones",
    "Asistencia para la revisión de la legislación sobre denunciantes",
    "Capacitación del personal de la Contraloría",
]
FRENCH = [
    "Renforcement des capacités des enquêteurs financiers",
    "Formations pour les magistrats du parquet",
    "Élaboration d'un code de déontologie pour l'État",
]
HOSTILE = [
    '"',
    '""',
    "*",
    "train*",
    "NEAR(",
    "NEAR(training officers, 2)",
    "OR",
    "AND NOT",
    "training OR",
    "-",
    "-training",
    ":",
    "terms:training",
    "'",
    "'; DROP TABLE needs; --",
    '"unbalanced quote',
    'training "',
    "(",
    ")",
    "{terms}: x",
    "^training",
    "\\",
    "!&|<->",
    "''training''",
    "a" * 10_000,
    "training " * 2_000,
    "é" * 10_000,
]


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Légiférer", "legiferer"), ("ÉTAT", "etat"), ("œuvre", "oeuvre"), ("Straße", "strasse")],
)
def test_fold_lowers_case_and_drops_accents(text, folded):
    assert search.fold(text) == folded


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("en", ["train", "trained", "training", "trains"]),
        ("en", ["officer", "officers"]),
        ("es", ["formación", "formaciones", "formacion"]),
        ("es", ["legislación", "legislacion", "legislaciones"]),
        ("es", ["investigación", "investigaciones", "investigar"]),
        ("fr", ["capacité", "capacités", "capacite"]),
        ("fr", ["enquête", "enquêtes", "enquete"]),
        ("fr", ["renforcer", "renforcement", "renforcé"]),
    ],
)
def test_forms_of_a_word_have_the_same_terms(language, forms):
    assert len({search.terms(form, language) for form in forms}) == 1


def test_terms_keep_every_word_in_order():
    assert search.terms("Training of the procurement officers", "en") == (
        "train of the procur offic"
    )


def test_the_schema_allows_the_languages_there_are_stemmers_for():
    assert tuple(search.STEMMERS) == tables.SEARCH_LANGUAGES


@pytest.mark.parametrize("language", [None, "ru", "en"])
def test_a_need_without_a_supported_language_is_searched_as_english(language):
    assert search.entry(7, "Trained officers", language) == {
        "need_id": 7,
        "language": "en",
        "terms": "train offic",
    }


def test_parse_reads_words_phrases_and_words_with_punctuation():
    assert search.parse('Training "integrity units" anti-corruption , ;') == [
        ("training",),
        ("integrity", "units"),
        ("anti", "corruption"),
    ]


def test_a_long_search_keeps_its_first_words():
    assert sum(len(p) for p in search.parse("word " * 5_000)) <= search.MAX_WORDS
    assert len(search.parse(" ".join(f"w{i}" for i in range(1_000)))) == search.MAX_WORDS


def _add(engine: Engine, language: str | None, texts: list[str], state: str = "KEN") -> int:
    """Store a document in ``language`` with these needs; returns its id."""
    with Session(engine) as session:
        review = repository.review(session, state, 2) or repository.add_review(session, state, 2)
        document = repository.add_document(
            session,
            content_hash=f"{state}-{language}-{len(texts)}".ljust(64, "0"),
            file_name=f"{state}-{language}.txt",
            format="txt",
            language=language,
            state=state,
            cycle=2,
            review_id=review.id,
        )
        needs = [records.Need("II", (), text, "capacity_building") for text in texts]
        repository.add_records(session, document.id, review.id, needs, [], [])
        session.commit()
        return document.id


def _found(engine: Engine, q: str) -> set[str]:
    """The texts of the needs that the search ``q`` finds (all needs when it has nothing to
    search), the same whether the index lists the matches or is asked need by need."""
    found = []
    for narrow in (False, True):
        condition = search.matches(tables.Need.id, q, engine.dialect.name, narrow)
        with Session(engine) as session:
            texts = sa.select(tables.Need.text)
            if condition is not None:
                texts = texts.where(condition)
            found.append(set(session.scalars(texts)))
    assert found[0] == found[1]
    return found[0]


def _engine_with_needs(engine: Engine) -> Engine:
    """The engine with the needs of ENGLISH, SPANISH and FRENCH stored."""
    _add(engine, "en", ENGLISH)
    _add(engine, "es", SPANISH, state="MEX")
    _add(engine, "fr", FRENCH, state="FRA")
    return engine


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("trained", {ENGLISH[0]}),
        ("TRAINING", {ENGLISH[0]}),
        ("train officer", {ENGLISH[0]}),
        ("trainer", {ENGLISH[1]}),
        ("unit integrity", {ENGLISH[2], ENGLISH[3]}),
        ("integrity units agreements", set()),
        ("corruption", {ENGLISH[4], ENGLISH[5]}),
        ("anti-corruption", {ENGLISH[4]}),
        ("formaciones", {SPANISH[0]}),
        ("formacion funcionario", {SPANISH[0]}),
        ("legislacion", {SPANISH[1]}),
        ("revisiones legislación", {SPANISH[1]}),
        ("capacitacion", {SPANISH[2]}),
        # French "capacité" without its accent, and a form of Spanish "capacitar".
        ("capacite", {FRENCH[0], SPANISH[2]}),
        ("enqueteur financier", {FRENCH[0]}),
        ("formation", {FRENCH[1]}),
        ("elaborer deontologie", {FRENCH[2]}),
        ("état", {FRENCH[2]}),
        ("l'etat", {FRENCH[2]}),
    ],
)
def test_search_finds_every_form_of_its_words(engine, q, expected):
    assert _found(_engine_with_needs(engine), q) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ('"integrity units"', {ENGLISH[2]}),
        ('"units of integrity"', {ENGLISH[3]}),
        ('"integrity unit"', {ENGLISH[2]}),
        ('"units integrity"', set()),
        ('"procurement officers" "framework agreement"', {ENGLISH[0]}),
        ('"framework agreements officers"', set()),
        ('"de la legislacion"', {SPANISH[1]}),
        ('"la revisión legislación"', set()),
    ],
)
def test_a_phrase_matches_its_words_in_that_order(engine, q, expected):
    assert _found(_engine_with_needs(engine), q) == expected


@pytest.mark.parametrize("q", ["", " ", '"', '""', "*", "-", ":", "'", "!?", "«»", "___"])
def test_a_search_with_nothing_to_search_filters_nothing(engine, q):
    assert search.matches(tables.Need.id, q, engine.dialect.name) is None
    assert _found(_engine_with_needs(engine), q) == set(ENGLISH + SPANISH + FRENCH)


@pytest.mark.parametrize("q", HOSTILE)
def test_a_hostile_search_is_only_words(engine, q):
    assert _found(_engine_with_needs(engine), q) <= set(ENGLISH + SPANISH + FRENCH)


def test_operators_in_a_search_are_read_as_words(engine):
    _engine_with_needs(engine)
    assert _found(engine, "training OR judges") == set()
    assert _found(engine, "training NOT judges") == set()
    assert _found(engine, "train*") == {ENGLISH[0]}
    assert _found(engine, "-training") == {ENGLISH[0]}
    assert _found(engine, "NEAR(training officers, 2)") == set()
    assert _found(engine, "{terms}: training") == set()  # no need holds the word "terms"
    assert _found(engine, "terms: training") == set()
    assert _found(engine, "officers: training") == {ENGLISH[0]}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=200))
def test_no_search_fails(engine, q):
    with Session(engine) as session:
        for narrow in (False, True):
            condition = search.matches(tables.Need.id, q, engine.dialect.name, narrow)
            if condition is not None:
                session.scalars(sa.select(tables.Need.id).where(condition)).all()


def _delete_document(engine: Engine, document_id: int) -> None:
    with Session(engine) as session:
        document = session.get(tables.Document, document_id)
        assert document is not None
        repository.delete_document(session, document)
        session.commit()


def test_deleting_a_document_deletes_its_search_terms(engine):
    _add(engine, "en", ["Training of judges"], state="KEN")
    _delete_document(engine, _add(engine, "en", ["Training of prosecutors"], state="NGA"))
    with Session(engine) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(tables.NeedSearch)) == 1
    assert _found(engine, "training") == {"Training of judges"}
    assert _found(engine, "prosecutors") == set()


def test_a_new_need_is_not_found_by_the_words_of_a_deleted_one(engine):
    # SQLite gives the next need the id of the deleted one (the highest): the index must have
    # forgotten the old words, not only the table.
    _add(engine, "en", ["Training of judges"], state="KEN")
    _delete_document(engine, _add(engine, "fr", ["Formation des procureurs"], state="FRA"))
    _add(engine, "fr", ["Audit des marchés publics"], state="BEL")
    assert _found(engine, "procureurs") == set()
    assert _found(engine, "formation") == set()
    assert _found(engine, "marches") == {"Audit des marchés publics"}


def test_changed_terms_are_searched_anew(engine):
    _add(engine, "en", ["Training of judges"])
    with Session(engine) as session:
        session.execute(
            sa.update(tables.NeedSearch).values(
                terms=search.terms("Workshops on asset recovery", "en")
            )
        )
        session.commit()
    assert _found(engine, "training") == set()
    assert _found(engine, "workshop") == {"Training of judges"}


def test_upgrade_writes_the_terms_of_needs_already_there_and_downgrade_removes_them(
    database_url,
):
    engine = db.create_engine(database_url)
    db.upgrade(engine, "0003")
    with Session(engine) as session:
        db.sync_reference_data(session)
        review = tables.Review(state="MEX", cycle=2)
        session.add(review)
        session.flush()
        document = tables.Document(
            content_hash="0" * 64,
            file_name="mex.txt",
            format="txt",
            language="es",
            review_id=review.id,
        )
        session.add(document)
        session.flush()
        for text, document_id in (
            ("Formación de funcionarios públicos", document.id),
            ("Training of judges", None),
        ):
            session.add(
                tables.Need(
                    review_id=review.id,
                    document_id=document_id,
                    chapter="II",
                    text=text,
                    primary_category="capacity_building",
                )
            )
        session.commit()
    db.upgrade(engine)
    with Session(engine) as session:
        assert set(
            session.execute(sa.select(tables.NeedSearch.language, tables.NeedSearch.terms))
        ) == {
            ("es", search.terms("Formación de funcionarios públicos", "es")),
            ("en", search.terms("Training of judges", "en")),
        }
    assert _found(engine, "formaciones") == {"Formación de funcionarios públicos"}
    assert _found(engine, "trained judge") == {"Training of judges"}

    db.downgrade(engine, "0003")
    names = set(sa.inspect(engine).get_table_names())
    assert "need_search" not in names
    assert not {n for n in names if n.startswith("need_search_fts")}
    assert db.row_counts(engine)["needs"] == 2
    db.upgrade(engine)
    assert _found(engine, "formacion") == {"Formación de funcionarios públicos"}
    engine.dispose()
