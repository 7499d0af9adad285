"""Needs and services (offers, activities, peer States) as matching sees them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix import reference
from tamatrix.core import matching
from tamatrix.storage import tables


def load_needs(session: Session, need_ids: Sequence[int] | None = None) -> list[matching.NeedItem]:
    """Needs as matching sees them, with State, regional group and language."""
    query = (
        sa.select(
            tables.Need.id,
            tables.Review.state,
            tables.State.regional_group,
            tables.Need.primary_category,
            tables.Need.text,
            tables.Document.language,
        )
        .join(tables.Review, tables.Need.review_id == tables.Review.id)
        .join(tables.State, tables.Review.state == tables.State.iso3)
        .outerjoin(tables.Document, tables.Need.document_id == tables.Document.id)
        .order_by(tables.Need.id)
    )
    if need_ids is not None:
        query = query.where(tables.Need.id.in_(need_ids))
    rows = session.execute(query).all()
    articles = _grouped(session, tables.NeedArticle.need_id, tables.NeedArticle.article)
    secondary = _grouped(
        session, tables.NeedSecondaryCategory.need_id, tables.NeedSecondaryCategory.category
    )
    return [
        matching.NeedItem(
            id=row.id,
            state=row.state,
            region=row.regional_group,
            articles=tuple(sorted(articles.get(row.id, ()))),
            category=row.primary_category,
            text=row.text,
            secondary=tuple(sorted(secondary.get(row.id, ()))),
            language=row.language or "en",
        )
        for row in rows
    ]


def _grouped(session: Session, key: Any, value: Any) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = defaultdict(list)
    for k, v in session.execute(sa.select(key, value)):
        found[k].append(v)
    return found


def load_services(
    session: Session, peers: bool = False, as_of: dt.date | None = None
) -> list[matching.ServiceItem]:
    """Offers (valid on ``as_of``), activities and, with ``peers``, peer States."""
    providers = {p.id: p for p in session.scalars(sa.select(tables.Provider))}
    groups = dict(session.execute(sa.select(tables.State.iso3, tables.State.regional_group)).all())
    items = _offer_items(session, providers, as_of) + _activity_items(session, providers, groups)
    if peers:
        items += _peer_items(session, providers, groups)
    return items


def _offer_items(
    session: Session, providers: dict[int, tables.Provider], as_of: dt.date | None
) -> list[matching.ServiceItem]:
    articles = _grouped(session, tables.OfferArticle.offer_id, tables.OfferArticle.article)
    categories = _grouped(session, tables.OfferCategory.offer_id, tables.OfferCategory.category)
    items = []
    for offer in session.scalars(sa.select(tables.Offer).order_by(tables.Offer.id)):
        if as_of is not None and offer.valid_from is not None and offer.valid_from > as_of:
            continue
        items.append(
            matching.ServiceItem(
                kind="offer",
                id=offer.id,
                provider_id=offer.provider_id,
                provider=providers[offer.provider_id].name,
                articles=tuple(sorted(articles.get(offer.id, ()))),
                categories=tuple(sorted(categories.get(offer.id, ()))),
                text=f"{offer.title}. {offer.description}",
                regions=tuple(offer.regions or ()),
                languages=tuple(offer.languages or ()),
                start=offer.valid_from,
                end=offer.valid_to,
            )
        )
    return items


def _activity_items(
    session: Session, providers: dict[int, tables.Provider], groups: dict[str, str]
) -> list[matching.ServiceItem]:
    A = tables.Activity
    recipients = _grouped(
        session, tables.ActivityRecipient.activity_id, tables.ActivityRecipient.state
    )
    articles = _grouped(session, tables.ActivityArticle.activity_id, tables.ActivityArticle.article)
    categories = _grouped(
        session, tables.ActivityCategory.activity_id, tables.ActivityCategory.category
    )
    query = sa.select(
        A.id, A.provider_id, A.title, A.description, A.status, A.start_date, A.end_date, A.language
    ).order_by(A.id)
    items = []
    for row in session.execute(query):
        states_served = tuple(sorted(recipients.get(row.id, ())))
        items.append(
            matching.ServiceItem(
                kind="activity",
                id=row.id,
                provider_id=row.provider_id,
                provider=providers[row.provider_id].name,
                articles=tuple(sorted(articles.get(row.id, ()))),
                categories=tuple(sorted(categories.get(row.id, ()))),
                text=f"{row.title}. {(row.description or '')[:2000]}",
                recipients=states_served,
                regions=tuple(sorted({groups[s] for s in states_served if s in groups})),
                languages=(row.language,) if row.language else (),
                status=row.status,
                start=row.start_date,
                end=row.end_date,
            )
        )
    return items


def _peer_items(
    session: Session, providers: dict[int, tables.Provider], groups: dict[str, str]
) -> list[matching.ServiceItem]:
    """A State whose review found a good practice on an article, as a candidate peer provider;
    its provider row (kind "state") is created the first time."""
    query = (
        sa.select(tables.Review.state, tables.GoodPracticeArticle.article, tables.GoodPractice.text)
        .join(tables.GoodPractice, tables.GoodPractice.review_id == tables.Review.id)
        .join(
            tables.GoodPracticeArticle,
            tables.GoodPracticeArticle.good_practice_id == tables.GoodPractice.id,
        )
    )
    practices: dict[str, tuple[set[int], list[str]]] = {}
    for state, article, text in session.execute(query):
        numbers, texts = practices.setdefault(state, (set(), []))
        numbers.add(article)
        if text not in texts:
            texts.append(text)
    by_country = {p.country: p for p in providers.values() if p.kind == "state" and p.country}
    index = reference.states()
    items = []
    for state, (numbers, texts) in sorted(practices.items()):
        provider = by_country.get(state)
        if provider is None:
            known = index.get(state)
            provider = tables.Provider(
                name=known.name if known else state, kind="state", country=state
            )
            session.add(provider)
            session.flush()
            providers[provider.id] = provider
        items.append(
            matching.ServiceItem(
                kind="peer",
                id=provider.id,
                provider_id=provider.id,
                provider=provider.name,
                articles=tuple(sorted(numbers)),
                categories=("international_cooperation",),
                text=" ".join(texts)[:4000],
                regions=(groups[state],) if state in groups else (),
                home_state=state,
            )
        )
    return items
