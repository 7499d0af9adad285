"""Analysts' corrections of needs: validated, applied and audited."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tamatrix.core import convention, taxonomy
from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.storage import repository, tables

CORRECTABLE = ("chapter", "articles", "primary_category", "subcategory", "secondary_categories")


def _field_value(need: tables.Need, name: str) -> str | None:
    if name == "articles":
        return ",".join(str(a.article) for a in need.articles)
    if name == "secondary_categories":
        return ",".join(s.category for s in need.secondary)
    value = getattr(need, name)
    return None if value is None else str(value)


def apply_fields(need: tables.Need, fields: dict[str, str | None]) -> None:
    """Set a need's fields from their text form (as corrections store them)."""
    for name, value in fields.items():
        if name == "articles":
            numbers = sorted({int(v) for v in (value or "").split(",") if v})
            need.articles = [tables.NeedArticle(article=n) for n in numbers]
        elif name == "secondary_categories":
            codes = sorted({v for v in (value or "").split(",") if v})
            need.secondary = [tables.NeedSecondaryCategory(category=c) for c in codes]
        elif name in ("chapter", "primary_category", "subcategory"):
            setattr(need, name, value)


def _check_changes(need: tables.Need, changes: dict[str, str | None]) -> None:
    chapter = changes.get("chapter", need.chapter)
    if chapter not in {c.numeral for c in convention.CHAPTERS}:
        raise InputError(f"{chapter!r} is not a chapter of the Convention (I to VIII)")
    if "articles" in changes:
        for value in (changes["articles"] or "").split(","):
            if value and (not value.isdigit() or not convention.is_article(int(value))):
                raise InputError(f"{value!r} is not an article of the Convention (1 to 71)")
    category = changes.get("primary_category", need.primary_category)
    if category not in taxonomy.CATEGORY_CODES:
        raise InputError(
            f"{category!r} is not a category; use one of {', '.join(taxonomy.CATEGORY_CODES)}"
        )
    for value in (changes.get("secondary_categories") or "").split(","):
        if value and value not in taxonomy.CATEGORY_CODES:
            raise InputError(f"{value!r} is not a category")
    subcategory = changes.get("subcategory", need.subcategory)
    if subcategory is not None and category != "capacity_building":
        raise InputError("only capacity-building needs have a sub-category")
    if subcategory is not None and subcategory not in taxonomy.SUBCATEGORY_CODES:
        raise InputError(
            f"{subcategory!r} is not a sub-category; use one of "
            f"{', '.join(taxonomy.SUBCATEGORY_CODES)}"
        )


def correct_need(
    session: Session, need_id: int, changes: dict[str, str | None], user: str, note: str = ""
) -> list[tuple[str, str | None, str | None]]:
    """Record an analyst's correction of a need (or, with no changes, confirm it).

    Returns the (field, old, new) triples that changed. A category that is no longer
    capacity-building loses its sub-category.
    """
    with session.begin():
        need = repository.need(session, need_id)
        if need is None:
            raise NotFoundError(f"there is no need #{need_id}")
        if changes.get("primary_category") not in (None, "capacity_building") and (
            "subcategory" not in changes
        ):
            changes = {**changes, "subcategory": None}
        _check_changes(need, changes)
        changed = []
        for name, value in changes.items():
            old = _field_value(need, name)
            if name == "articles":
                value = ",".join(
                    str(n)
                    for n in sorted(
                        {int(v) for v in (value or "").split(",") if v.strip().isdigit()}
                    )
                )
            elif name == "secondary_categories":
                value = ",".join(sorted({v for v in (value or "").split(",") if v}))
            if old != value:
                changed.append((name, old, value))
        apply_fields(need, {name: new for name, _old, new in changed})
        for name, old, new in changed:
            repository.add_correction(session, "need", need.id, name, old, new, user, note)
        if changed:
            need.status = "corrected"
        elif need.status == "machine":
            repository.add_correction(
                session, "need", need.id, "status", "machine", "confirmed", user, note
            )
            need.status = "confirmed"
        return changed
