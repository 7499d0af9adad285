"""Every table of ta-matrix, as SQLAlchemy 2 typed models.

Invariants live in the schema as named CHECK constraints so that both SQLite and
PostgreSQL refuse data that breaks them. Migrations in ``migrations/`` create these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tamatrix.core.taxonomy import CATEGORY_CODES, SUBCATEGORY_CODES

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REGIONAL_GROUPS = (
    "african",
    "asia_pacific",
    "eastern_european",
    "latin_american_caribbean",
    "western_european_other",
)
CHAPTER_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
NEED_STATUSES = ("machine", "confirmed", "corrected")
# The languages whose stemmers make the search terms of needs (storage/search.py).
SEARCH_LANGUAGES = ("en", "fr", "es")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class State(Base):
    """A State party (or a party that is not a State, such as the European Union)."""

    __tablename__ = "states"
    __table_args__ = (CheckConstraint(_in("regional_group", REGIONAL_GROUPS), name="group"),)

    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    regional_group: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(40))


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (CheckConstraint(_in("chapter", CHAPTER_NUMERALS), name="chapter"),)

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    chapter: Mapped[str] = mapped_column(String(4))
    title: Mapped[str] = mapped_column(String(300))
    cycle: Mapped[int | None] = mapped_column(Integer)


class Review(Base):
    """The review of one State in one cycle; its date is when the executive summary was issued."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("state", "cycle"),
        CheckConstraint("cycle IN (1, 2)", name="cycle"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(ForeignKey("states.iso3"), index=True)
    cycle: Mapped[int] = mapped_column(Integer)
    summary_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="completed")
    chapters: Mapped[str] = mapped_column(String(20), default="")


class Document(Base):
    """An ingested file, identified by the SHA-256 of its content."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint("pages >= 0", name="pages"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(10))
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str | None] = mapped_column(String(8))
    symbol: Mapped[str | None] = mapped_column(String(100), index=True)
    issued: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[str | None] = mapped_column(ForeignKey("states.iso3"), index=True)
    cycle: Mapped[int | None] = mapped_column(Integer)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Need(Base):
    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint(_in("chapter", CHAPTER_NUMERALS), name="chapter"),
        CheckConstraint(_in("primary_category", CATEGORY_CODES), name="category"),
        CheckConstraint(
            f"subcategory IS NULL OR {_in('subcategory', SUBCATEGORY_CODES)}", name="subcategory"
        ),
        CheckConstraint(_in("status", NEED_STATUSES), name="status"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint("span_start IS NULL OR span_end >= span_start", name="span"),
        Index("ix_needs_review_chapter", "review_id", "chapter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    chapter: Mapped[str] = mapped_column(String(4))
    text: Mapped[str] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    primary_category: Mapped[str] = mapped_column(String(40), index=True)
    subcategory: Mapped[str | None] = mapped_column(String(40))
    form: Mapped[str | None] = mapped_column(String(120))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    method: Mapped[str] = mapped_column(String(20), default="rule")
    explanation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="machine")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    articles: Mapped[list[NeedArticle]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="NeedArticle.article"
    )
    secondary: Mapped[list[NeedSecondaryCategory]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="NeedSecondaryCategory.category"
    )


class NeedSearch(Base):
    """A need's text as search terms in its language (storage/search.py), written with it.

    Migration 0004 indexes them: on SQLite an FTS5 table that triggers keep in step, on
    PostgreSQL a GIN index; those objects are not models (see ``SEARCH_INDEX``).
    """

    __tablename__ = "need_search"
    __table_args__ = (CheckConstraint(_in("language", SEARCH_LANGUAGES), name="language"),)

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    language: Mapped[str] = mapped_column(String(2))
    terms: Mapped[str] = mapped_column(Text)


# The dialect-specific objects of the full-text index of needs (migration 0004), left out when
# the models are compared with the database: on SQLite the FTS5 table and its shadow tables, on
# PostgreSQL the generated tsvector column of need_search and its GIN index.
SEARCH_INDEX = ("need_search_fts", "terms_vector", "ix_need_search_terms_vector")


def is_modelled(name: str | None, type_: str, _parents: object) -> bool:
    """Whether the schema object ``name`` is one of the models (Alembic's ``include_name``)."""
    return not (
        name is not None
        and type_ in ("table", "column", "index")
        and any(name == n or name.startswith(f"{n}_") for n in SEARCH_INDEX)
    )


class NeedArticle(Base):
    __tablename__ = "need_articles"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    article: Mapped[int] = mapped_column(
        ForeignKey("articles.number"), primary_key=True, index=True
    )


class NeedSecondaryCategory(Base):
    __tablename__ = "need_secondary_categories"
    __table_args__ = (CheckConstraint(_in("category", CATEGORY_CODES), name="category"),)

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(40), primary_key=True)


class _Finding:
    """The columns of a recommendation or a good practice: its review and chapter, its text
    and where the text stands in its document."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    chapter: Mapped[str] = mapped_column(String(4))
    text: Mapped[str] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class Recommendation(_Finding, Base):
    __tablename__ = "recommendations"
    __table_args__ = (CheckConstraint(_in("chapter", CHAPTER_NUMERALS), name="chapter"),)

    articles: Mapped[list[RecommendationArticle]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class RecommendationArticle(Base):
    __tablename__ = "recommendation_articles"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    article: Mapped[int] = mapped_column(
        ForeignKey("articles.number"), primary_key=True, index=True
    )


class GoodPractice(_Finding, Base):
    __tablename__ = "good_practices"
    __table_args__ = (CheckConstraint(_in("chapter", CHAPTER_NUMERALS), name="chapter"),)

    articles: Mapped[list[GoodPracticeArticle]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class GoodPracticeArticle(Base):
    __tablename__ = "good_practice_articles"

    good_practice_id: Mapped[int] = mapped_column(
        ForeignKey("good_practices.id", ondelete="CASCADE"), primary_key=True
    )
    article: Mapped[int] = mapped_column(
        ForeignKey("articles.number"), primary_key=True, index=True
    )


class ProblemRow(Base):
    """A problem found while reading a document; kept with the document it concerns."""

    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(500), default="")
    code: Mapped[str] = mapped_column(String(60), index=True)
    page: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Correction(Base):
    """An analyst's change of one field of one record. No foreign key: the audit outlives it."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_corrections_record", "record_type", "record_id"),)


class Analysis(Base):
    """A saved analysis: every figure at a cut-off date, with the ids of the needs behind it."""

    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    cycle: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    figures: Mapped[dict[str, object]] = mapped_column(JSON)


# --- supply side: providers, offers, activities, matches (issue 7) ------------------------

PROVIDER_KINDS = (
    "un_entity",
    "bilateral",
    "regional_org",
    "international_org",
    "state",
    "civil_society",
    "other",
)
OFFER_MODALITIES = ("peer_exchange", "training", "advisory", "equipment", "research", "other")
ACTIVITY_STATUSES = ("planned", "ongoing", "completed", "cancelled", "suspended")
# "state_report": assistance that a State reports receiving (its focal point, a questionnaire);
# such an activity names that State as its only recipient and in ``reported_by``.
ACTIVITY_SOURCES = ("iati", "csv", "manual", "state_report")
ARTICLE_METHODS = ("crosswalk", "keyword", "reference", "manual")
MATCH_STATUSES = ("suggested", "accepted", "rejected")


class Provider(Base):
    """Who offers or delivers assistance: a United Nations entity, a donor, a State ..."""

    __tablename__ = "providers"
    __table_args__ = (CheckConstraint(_in("kind", PROVIDER_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(30), default="other")
    country: Mapped[str | None] = mapped_column(String(3))
    org_ref: Mapped[str | None] = mapped_column(String(120), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Offer(Base):
    """An entry of the knowledge bank: expertise a provider offers, with what it covers."""

    __tablename__ = "offers"
    __table_args__ = (
        UniqueConstraint("provider_id", "reference"),
        CheckConstraint(_in("modality", OFFER_MODALITIES), name="modality"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity"),
        CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from", name="validity"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("providers.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    subcategories: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    modality: Mapped[str] = mapped_column(String(20), default="other")
    capacity: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    articles: Mapped[list[OfferArticle]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OfferArticle.article"
    )
    categories: Mapped[list[OfferCategory]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OfferCategory.category"
    )


class OfferArticle(Base):
    __tablename__ = "offer_articles"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True
    )
    article: Mapped[int] = mapped_column(
        ForeignKey("articles.number"), primary_key=True, index=True
    )


class OfferCategory(Base):
    __tablename__ = "offer_categories"
    __table_args__ = (CheckConstraint(_in("category", CATEGORY_CODES), name="category"),)

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(40), primary_key=True)


class Activity(Base):
    """Assistance delivered, ongoing or planned, or reported as received by a State."""

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        CheckConstraint(_in("status", ACTIVITY_STATUSES), name="status"),
        CheckConstraint(_in("source", ACTIVITY_SOURCES), name="source"),
        CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR end_date >= start_date", name="period"
        ),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget"),
        CheckConstraint("source <> 'state_report' OR reported_by IS NOT NULL", name="state_report"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("providers.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(1000))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20), default="ongoing")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    budget: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    aid_type: Mapped[str | None] = mapped_column(String(10))
    reported_by: Mapped[str | None] = mapped_column(ForeignKey("states.iso3"))
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    recipients: Mapped[list[ActivityRecipient]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ActivityRecipient.state"
    )
    articles: Mapped[list[ActivityArticle]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ActivityArticle.article"
    )
    categories: Mapped[list[ActivityCategory]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ActivityCategory.category"
    )


class ActivityRecipient(Base):
    __tablename__ = "activity_recipients"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(ForeignKey("states.iso3"), primary_key=True, index=True)


class ActivityArticle(Base):
    __tablename__ = "activity_articles"
    __table_args__ = (CheckConstraint(_in("method", ARTICLE_METHODS), name="method"),)

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    article: Mapped[int] = mapped_column(
        ForeignKey("articles.number"), primary_key=True, index=True
    )
    method: Mapped[str] = mapped_column(String(20), default="manual")


class ActivityCategory(Base):
    __tablename__ = "activity_categories"
    __table_args__ = (CheckConstraint(_in("category", CATEGORY_CODES), name="category"),)

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(40), primary_key=True)


class FocalPoint(Base):
    """A contact person for a State or for a provider (exactly one of the two)."""

    __tablename__ = "focal_points"
    __table_args__ = (
        CheckConstraint(
            "(state IS NULL AND provider_id IS NOT NULL) OR "
            "(state IS NOT NULL AND provider_id IS NULL)",
            name="owner",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person: Mapped[str] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[str | None] = mapped_column(ForeignKey("states.iso3"), index=True)
    provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("providers.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Match(Base):
    """A candidate for a need: an offer, an activity or a peer provider, with its decision."""

    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("need_id", "candidate"),
        CheckConstraint(_in("status", MATCH_STATUSES), name="status"),
        CheckConstraint(
            "(CASE WHEN offer_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN activity_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN peer_provider_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_candidate",
        ),
        CheckConstraint("score >= 0", name="score"),
        CheckConstraint(
            "status = 'suggested' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)",
            name="decision",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    candidate: Mapped[str] = mapped_column(String(40))
    offer_id: Mapped[int | None] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    peer_provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("providers.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="suggested")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# --- accounts: users, sessions, API tokens, publication (issue 6) -------------------------

ROLES = ("admin", "analyst", "viewer")


class User(Base):
    """A person who signs in to the web application, with one role."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    # Carried by every session cookie; raising it ends all of the user's sessions at once.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ApiToken(Base):
    """A token for scripts (Authorization: Bearer); only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used: Mapped[dt.datetime | None] = mapped_column(DateTime)
    expires: Mapped[dt.datetime | None] = mapped_column(DateTime)


class LoginAttempt(Base):
    """One attempt to sign in, kept to throttle guessing."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_name_address", "user_name", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(100))
    succeeded: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Publication(Base):
    """A saved analysis that an admin published for anonymous visitors (keyed by its name)."""

    __tablename__ = "publications"

    analysis_name: Mapped[str] = mapped_column(String(200), primary_key=True)
    published_by: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
