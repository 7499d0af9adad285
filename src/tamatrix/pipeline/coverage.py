"""Reads of the supply side for the web and the command line: the matrix as a two-way grid
(article by category, say) with the needs of each cell, the needs of one cell with why each
is covered or not, and the lists of providers, offers and activities.

Each function takes a session that is not in a transaction and reads in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.core import matching
from tamatrix.exceptions import InputError
from tamatrix.pipeline import supply
from tamatrix.storage import tables


@dataclass(frozen=True)
class CellFilter:
    """Which needs: those of one article, category, State or region (None: any)."""

    article: int | str | None = None  # a number, or "general" for needs naming none
    category: str | None = None
    state: str | None = None
    region: str | None = None

    def admits(self, need: matching.NeedItem) -> bool:
        if self.article == "general" and need.articles:
            return False
        if isinstance(self.article, int) and self.article not in need.articles:
            return False
        if self.category is not None and need.category != self.category:
            return False
        if self.state is not None and need.state != self.state:
            return False
        return self.region is None or need.region == self.region


@dataclass(frozen=True)
class Supply:
    """The needs, the services and which needs are covered, read at one moment."""

    needs: list[matching.NeedItem]
    services: list[matching.ServiceItem]
    covered: dict[int, str]


def load(session: Session, as_of: dt.date | None = None) -> Supply:
    """Needs, offers and activities (as they stand today, or stood on ``as_of``), with which
    needs are covered; see ``supply.matrix_inputs``."""
    inputs = supply.matrix_inputs(session, as_of)
    covered = matching.covered_needs(inputs.needs, inputs.services, inputs.accepted)
    return Supply(inputs.needs, inputs.services, covered)


def heatmap(
    session: Session,
    rows: str = "article",
    columns: str = "category",
    where: CellFilter | None = None,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """The needs counted by ``rows`` and ``columns`` (two of article, category, State and
    region): each cell with its needs, covered and unmet needs, coverage and need ids."""
    for name in (rows, columns):
        if name not in matching.DIMENSIONS:
            raise InputError(f"the matrix has the dimensions {', '.join(matching.DIMENSIONS)}")
    if rows == columns:
        raise InputError("choose two different dimensions for the rows and the columns")
    found = load(session, as_of)
    needs = [n for n in found.needs if where is None or where.admits(n)]
    cells = matching.grid(needs, found.covered, rows, columns)
    covered = sum(1 for n in needs if n.id in found.covered)
    return {
        "rows": rows,
        "columns": columns,
        "needs": len(needs),
        "covered": covered,
        "coverage": round(100 * covered / len(needs), 1) if needs else None,
        "cells": [
            {
                "row": c.row,
                "column": c.column,
                "needs": c.needs,
                "covered": c.covered,
                "unmet": c.unmet,
                "coverage": c.coverage,
                "need_ids": list(c.need_ids),
            }
            for c in cells
        ],
    }


def cell_needs(
    session: Session, where: CellFilter, unmet_only: bool = False, as_of: dt.date | None = None
) -> list[dict[str, Any]]:
    """The needs of one cell of the matrix, each with whether it is covered and why."""
    found = load(session, as_of)
    return [
        {
            "id": n.id,
            "state": n.state,
            "region": n.region,
            "articles": list(n.articles),
            "category": n.category,
            "covered": n.id in found.covered,
            "covered_by": found.covered.get(n.id),
            "text": n.text,
        }
        for n in found.needs
        if where.admits(n) and not (unmet_only and n.id in found.covered)
    ]


def providers(session: Session) -> list[dict[str, Any]]:
    """Every provider with how many offers and activities it has."""
    offers = sa.select(sa.func.count()).where(tables.Offer.provider_id == tables.Provider.id)
    activities = sa.select(sa.func.count()).where(tables.Activity.provider_id == tables.Provider.id)
    query = sa.select(
        tables.Provider,
        offers.scalar_subquery().label("offers"),
        activities.scalar_subquery().label("activities"),
    ).order_by(tables.Provider.name, tables.Provider.id)
    with session.begin():
        return [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "country": p.country,
                "org_ref": p.org_ref,
                "website": p.website,
                "offers": n_offers,
                "activities": n_activities,
            }
            for p, n_offers, n_activities in session.execute(query)
        ]


def offers(
    session: Session, article: int | None = None, category: str | None = None
) -> list[dict[str, Any]]:
    """The offers of the knowledge bank, optionally of one article or category."""
    query = (
        sa.select(tables.Offer, tables.Provider.name)
        .join(tables.Provider, tables.Offer.provider_id == tables.Provider.id)
        .order_by(tables.Offer.id)
    )
    if article is not None:
        query = query.where(tables.Offer.articles.any(tables.OfferArticle.article == article))
    if category is not None:
        query = query.where(tables.Offer.categories.any(tables.OfferCategory.category == category))
    with session.begin():
        return [
            {
                "id": o.id,
                "provider_id": o.provider_id,
                "provider": provider,
                "reference": o.reference,
                "title": o.title,
                "description": o.description,
                "articles": [a.article for a in o.articles],
                "categories": [c.category for c in o.categories],
                "subcategories": list(o.subcategories or ()),
                "languages": list(o.languages or ()),
                "regions": list(o.regions or ()),
                "modality": o.modality,
                "capacity": o.capacity,
                "valid_from": o.valid_from,
                "valid_to": o.valid_to,
            }
            for o, provider in session.execute(query)
        ]


def activities(
    session: Session,
    state: str | None = None,
    article: int | None = None,
    category: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    """Activities (delivered, ongoing, planned), optionally for one State, article, category
    or status."""
    A = tables.Activity
    query = (
        sa.select(A, tables.Provider.name)
        .join(tables.Provider, A.provider_id == tables.Provider.id)
        .order_by(A.id)
    )
    if state is not None:
        query = query.where(A.recipients.any(tables.ActivityRecipient.state == state))
    if article is not None:
        query = query.where(A.articles.any(tables.ActivityArticle.article == article))
    if category is not None:
        query = query.where(A.categories.any(tables.ActivityCategory.category == category))
    if status is not None:
        query = query.where(A.status == status)
    with session.begin():
        return [
            {
                "id": a.id,
                "provider_id": a.provider_id,
                "provider": provider,
                "source": a.source,
                "source_id": a.source_id,
                "title": a.title,
                "status": a.status,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "budget": a.budget,
                "currency": a.currency,
                "recipients": [r.state for r in a.recipients],
                "regions": list(a.regions or ()),
                "articles": [x.article for x in a.articles],
                "categories": [c.category for c in a.categories],
            }
            for a, provider in session.execute(query)
        ]
