"""Ranked candidates for needs, kept as suggestions, and analysts' decisions on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.core import matching
from tamatrix.exceptions import NotFoundError
from tamatrix.pipeline.supply.items import load_needs, load_services
from tamatrix.storage import repository, tables


@dataclass(frozen=True)
class MatchRow:
    id: int
    need_id: int
    rank: int
    kind: str
    service_id: int
    provider: str
    title: str
    score: float
    status: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "match": self.id,
            "need": self.need_id,
            "rank": self.rank,
            "kind": self.kind,
            "candidate": self.service_id,
            "provider": self.provider,
            "title": self.title,
            "score": self.score,
            "status": self.status,
            "reasons": "; ".join(self.reasons),
        }


def _service_column(kind: str) -> str:
    return {"offer": "offer_id", "activity": "activity_id", "peer": "peer_provider_id"}[kind]


def load_decisions(session: Session) -> list[matching.Decision]:
    """Every accepted or rejected match, with the provider and the need's category."""
    query = (
        sa.select(tables.Match, tables.Need.primary_category)
        .join(tables.Need, tables.Match.need_id == tables.Need.id)
        .where(tables.Match.status != "suggested")
    )
    offers = dict(session.execute(sa.select(tables.Offer.id, tables.Offer.provider_id)).all())
    activities = dict(
        session.execute(sa.select(tables.Activity.id, tables.Activity.provider_id)).all()
    )
    found = []
    for match, category in session.execute(query):
        kind, service_id = _kind_of(match)
        provider = {"offer": offers, "activity": activities}.get(kind, {}).get(
            service_id, service_id
        )
        found.append(
            matching.Decision(
                match.need_id, kind, service_id, provider, category, match.status == "accepted"
            )
        )
    return found


def _kind_of(match: tables.Match) -> tuple[str, int]:
    if match.offer_id is not None:
        return "offer", match.offer_id
    if match.activity_id is not None:
        return "activity", match.activity_id
    assert match.peer_provider_id is not None
    return "peer", match.peer_provider_id


def match_needs(
    session: Session,
    need_ids: Sequence[int] | None = None,
    top: int = 5,
    embedder: matching.Embedder | None = None,
    as_of: dt.date | None = None,
) -> list[MatchRow]:
    """Rank candidates for the needs (all by default) and keep them as suggestions, replacing
    earlier suggestions; accepted and rejected matches stay as they are."""
    as_of = as_of or dt.date.today()
    with session.begin():
        needs = load_needs(session, need_ids)
        if need_ids is not None and len(needs) < len(set(need_ids)):
            missing = sorted(set(need_ids) - {n.id for n in needs})
            raise NotFoundError(f"no need with id {', '.join(map(str, missing))}")
        services = load_services(session, peers=True, as_of=as_of)
        decisions = load_decisions(session)
        ranked = matching.rank(needs, services, decisions, top, embedder=embedder, as_of=as_of)
        ids = [n.id for n in needs]
        for start in range(0, len(ids), 500):
            session.execute(
                sa.delete(tables.Match).where(
                    tables.Match.need_id.in_(ids[start : start + 500]),
                    tables.Match.status == "suggested",
                )
            )
        decided = {(d.need_id, d.kind, d.service_id) for d in decisions}
        rows = []
        for need_id, candidates in ranked.items():
            for position, candidate in enumerate(candidates, start=1):
                if (need_id, candidate.kind, candidate.service_id) in decided:
                    continue
                rows.append(
                    {
                        "need_id": need_id,
                        "candidate": f"{candidate.kind}:{candidate.service_id}",
                        _service_column(candidate.kind): candidate.service_id,
                        "rank": position,
                        "score": candidate.score,
                        "reasons": list(candidate.reasons),
                        "status": "suggested",
                        "created_at": tables.utcnow(),
                    }
                )
        for column in ("offer_id", "activity_id", "peer_provider_id"):
            for row in rows:
                row.setdefault(column, None)
        if rows:
            session.execute(sa.insert(tables.Match), rows)
    return matches_of(session, ids)


def matches_of(session: Session, need_ids: Sequence[int] | None = None) -> list[MatchRow]:
    """The matches of the needs (all by default): decided ones first, then by rank."""
    with session.begin():
        query = sa.select(tables.Match)
        if need_ids is not None:
            query = query.where(tables.Match.need_id.in_(need_ids))
        titles = {
            ("offer", i): t
            for i, t in session.execute(sa.select(tables.Offer.id, tables.Offer.title))
        }
        titles.update(
            {
                ("activity", i): t
                for i, t in session.execute(sa.select(tables.Activity.id, tables.Activity.title))
            }
        )
        providers = dict(session.execute(sa.select(tables.Provider.id, tables.Provider.name)).all())
        offer_providers = dict(
            session.execute(sa.select(tables.Offer.id, tables.Offer.provider_id)).all()
        )
        activity_providers = dict(
            session.execute(sa.select(tables.Activity.id, tables.Activity.provider_id)).all()
        )
        rows = []
        for match in session.scalars(query):
            kind, service_id = _kind_of(match)
            provider_id = {"offer": offer_providers, "activity": activity_providers}.get(
                kind, {}
            ).get(service_id, service_id)
            rows.append(
                MatchRow(
                    match.id,
                    match.need_id,
                    match.rank,
                    kind,
                    service_id,
                    providers.get(provider_id, "?"),
                    titles.get((kind, service_id), "peer assistance"),
                    match.score,
                    match.status,
                    tuple(match.reasons),
                )
            )
    order = {"accepted": 0, "suggested": 1, "rejected": 2}
    return sorted(rows, key=lambda r: (r.need_id, order[r.status], r.rank, r.id))


def decide_match(
    session: Session, match_id: int, accept: bool, user: str, note: str = ""
) -> MatchRow:
    """Accept or reject a suggested match; the change is audited as a correction."""
    with session.begin():
        match = session.get(tables.Match, match_id)
        if match is None:
            raise NotFoundError(f"there is no match {match_id}; see `tamatrix match --need ID`")
        new = "accepted" if accept else "rejected"
        if match.status != new:
            repository.add_correction(
                session, "match", match.id, "status", match.status, new, user, note
            )
            match.status = new
            match.decided_by = user
            match.decided_at = tables.utcnow()
        need_id = match.need_id
    return next(r for r in matches_of(session, [need_id]) if r.id == match_id)
