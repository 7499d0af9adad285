"""Pydantic models of the API: what it accepts and returns (OpenAPI at /docs is the contract)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from tamatrix.core import taxonomy

Category = Literal[
    "capacity_building",
    "legislative_assistance",
    "institution_building",
    "policymaking",
    "research_data",
    "international_cooperation",
    "other",
]
Subcategory = Literal[
    "training",
    "ict_tools",
    "awareness_raising",
    "expert_advice",
    "equipment_resources",
    "coordination",
    "general",
]
Chapter = Literal["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
Region = Literal[
    "african",
    "asia_pacific",
    "eastern_european",
    "latin_american_caribbean",
    "western_european_other",
]
Sort = Literal["state", "confidence", "id", "chapter", "category", "date"]
Role = Literal["admin", "analyst", "viewer"]

MAX_ID = 2_147_483_647


def whole_number(value: Any) -> Any:
    """JSON's idea of an integer: 3 and 3.0, but neither true nor "3"."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


RecordId = Annotated[int, Strict(), Field(ge=1, le=MAX_ID), BeforeValidator(whole_number)]
ArticleNumber = Annotated[int, Strict(), Field(ge=1, le=71), BeforeValidator(whole_number)]
Days = Annotated[int, Strict(), Field(ge=1, le=3650), BeforeValidator(whole_number)]

assert set(Category.__args__) == set(taxonomy.CATEGORY_CODES)  # type: ignore[attr-defined]
assert set(Subcategory.__args__) == set(taxonomy.SUBCATEGORY_CODES)  # type: ignore[attr-defined]


class StrictModel(BaseModel):
    """A request body: types are not coerced (false is not 0) and unknown fields are refused."""

    model_config = ConfigDict(strict=True, extra="forbid")


class ErrorDetail(BaseModel):
    """What went wrong: a stable code, a message for people, the parameter concerned."""

    code: str
    message: str
    field: str | None = None


class ErrorResponse(BaseModel):
    """The one shape of every API error."""

    error: ErrorDetail


class NeedRow(BaseModel):
    """A need as the list shows it."""

    id: int
    state: str
    state_name: str
    cycle: int
    region: str
    summary_date: str | None
    chapter: str
    articles: list[int]
    primary_category: str
    secondary_categories: list[str]
    subcategory: str | None
    form: str | None
    confidence: float
    method: str
    status: str
    document_id: int | None
    document: str | None
    page: int | None
    text: str


class NeedPage(BaseModel):
    """One page of needs and how many match in all."""

    items: list[NeedRow]
    total: int
    page: int
    per_page: int


class CorrectionRow(BaseModel):
    """One audited change of one field."""

    field: str
    old_value: str | None
    new_value: str | None
    user: str
    created_at: str
    note: str


class PagePart(BaseModel):
    """A stretch of a page's text, marked when it is the need's passage."""

    text: str
    marked: bool


class SourcePage(BaseModel):
    """A page of the document that holds the need's passage."""

    number: int
    parts: list[PagePart]


class NeedDetail(NeedRow):
    """A need with its explanation, provenance and corrections."""

    explanation: str
    span_start: int | None
    span_end: int | None
    document_symbol: str | None
    document_pages: int | None
    passage: str | None
    source_pages: list[SourcePage]
    corrections: list[CorrectionRow]


class CorrectionIn(StrictModel):
    """An analyst's correction; fields left out keep their value, none at all confirms."""

    chapter: Chapter | None = None
    articles: list[ArticleNumber] | None = Field(default=None, max_length=71)
    primary_category: Category | None = None
    subcategory: Subcategory | None = None
    secondary_categories: list[Category] | None = Field(default=None, max_length=7)
    note: str = Field(default="", max_length=2000)


class CorrectionResult(BaseModel):
    """The fields that changed (none when the need was confirmed) and the need as it is now."""

    changed: list[CorrectionRow]
    need: NeedDetail


class BulkConfirm(StrictModel):
    """Needs to confirm as coded."""

    ids: list[RecordId] = Field(min_length=1, max_length=500)
    note: str = Field(default="", max_length=2000)


class BulkConfirmResult(BaseModel):
    """How many needs were confirmed."""

    confirmed: int


class ProblemOut(BaseModel):
    """A problem found while reading a document."""

    code: str
    page: int | None
    message: str
    file: str | None = None


class DocumentOut(BaseModel):
    """An ingested document with its counts and problems."""

    id: int
    file_name: str
    format: str
    size_bytes: int
    language: str | None
    symbol: str | None
    issued: str | None
    state: str | None
    cycle: int | None
    pages: int
    needs: int
    ingested_at: str
    problems: list[ProblemOut]


class IngestOut(BaseModel):
    """What happened to an uploaded file."""

    file: str
    status: str
    document_id: int | None
    state: str | None
    cycle: int | None
    needs: int
    needs_by_chapter: dict[str, int]
    recommendations: int
    good_practices: int
    carried_over: int
    problems: list[ProblemOut]


class AnalysisOut(BaseModel):
    """A saved analysis without its figures."""

    name: str
    as_of: str
    cycle: int | None
    created_at: str
    published: bool


class AnalysisIn(StrictModel):
    """Save the current figures at a cut-off date under a new name."""

    name: str = Field(min_length=1, max_length=200)
    as_of: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}
    )
    cycle: Literal[1, 2] | None = None


class Publication(StrictModel):
    """Whether a saved analysis is published."""

    name: str
    published: bool


class TokenIn(StrictModel):
    """A new API token: a name to recognise it and, optionally, how many days it lasts."""

    name: str = Field(min_length=1, max_length=200)
    days: Days | None = None


class TokenOut(BaseModel):
    """An API token's description (never the token)."""

    id: int
    name: str
    created_at: str
    last_used: str | None
    expires: str | None


class NewToken(TokenOut):
    """A new API token, shown once."""

    token: str


class Me(BaseModel):
    """Who is making the request."""

    name: str | None
    role: Role | None
    via: str


Figures = dict[str, Any]
