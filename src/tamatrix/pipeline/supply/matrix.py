"""The matrix of needs and services: coverage, unmet needs and overlaps, today or as of a
day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.core import matching
from tamatrix.exceptions import InputError
from tamatrix.pipeline.supply.items import load_needs, load_services
from tamatrix.storage import tables

MATRIX_DIMENSIONS = ("article", "category", "state", "region")


@dataclass
class Matrix:
    """Needs against services, grouped one way, with coverage, unmet needs and overlaps.

    ``covered_by`` says why each covered need is covered ("accepted match", or "ongoing
    activity N").
    """

    by: str
    rows: list[dict[str, object]]
    needs: int
    covered: int
    unmet: list[dict[str, object]]
    overlaps: list[dict[str, object]]
    covered_by: dict[int, str] = field(default_factory=dict)

    @property
    def coverage(self) -> float | None:
        return round(100 * self.covered / self.needs, 1) if self.needs else None


@dataclass(frozen=True)
class MatrixInputs:
    """What the matrix is computed from: the needs in scope, the services as they stood on a
    day, the needs with an accepted match, and each State's regional group."""

    needs: list[matching.NeedItem]
    services: list[matching.ServiceItem]
    accepted: list[int]
    groups: dict[str, str]


def status_on(status: str, start: dt.date | None, end: dt.date | None, day: dt.date) -> str:
    """An activity's status on ``day`` from its dates: planned before its start, completed
    after its end, ongoing in between. A cancelled or suspended activity, or one without
    dates, keeps the status it was recorded with."""
    if status in ("cancelled", "suspended") or (start is None and end is None):
        return status
    if start is not None and start > day:
        return "planned"
    if end is not None and end < day:
        return "completed"
    return "ongoing"


def services_on(
    services: Sequence[matching.ServiceItem], day: dt.date
) -> list[matching.ServiceItem]:
    """The services as they stood on ``day``: offers valid that day, and activities with the
    status their dates give them that day."""
    found = []
    for service in services:
        if service.kind == "offer":
            if (service.start is None or service.start <= day) and (
                service.end is None or service.end >= day
            ):
                found.append(service)
        elif service.kind == "activity":
            status = status_on(service.status, service.start, service.end, day)
            found.append(replace(service, status=status))
        else:
            found.append(service)
    return found


def matrix_inputs(
    session: Session, as_of: dt.date | None = None, need_ids: Iterable[int] | None = None
) -> MatrixInputs:
    """Load what ``matrix`` counts: every need (or those of ``need_ids``), the services valid
    today (or as they stood on ``as_of``, see ``services_on``) and the accepted matches."""
    with session.begin():
        needs = load_needs(session)
        if as_of is None:
            services = load_services(session, as_of=dt.date.today())
        else:
            services = services_on(load_services(session), as_of)
        accepted = session.scalars(
            sa.select(tables.Match.need_id).where(tables.Match.status == "accepted")
        ).all()
        groups = dict(
            session.execute(sa.select(tables.State.iso3, tables.State.regional_group)).all()
        )
    if need_ids is not None:
        # Filtered here rather than in SQL: a scope of many thousand ids would not fit an IN.
        wanted = set(need_ids)
        needs = [n for n in needs if n.id in wanted]
    in_scope = {n.id for n in needs}
    return MatrixInputs(needs, services, sorted({i for i in accepted if i in in_scope}), groups)


def matrix(
    session: Session,
    by: str = "article",
    as_of: dt.date | None = None,
    need_ids: Iterable[int] | None = None,
) -> Matrix:
    """The matrix of needs and services grouped ``by`` article, category, state or region.

    With ``as_of``, offers and activities count as they stood that day (an activity is under
    way between its start and end dates); with ``need_ids``, only those needs count.
    """
    if by not in MATRIX_DIMENSIONS:
        raise InputError(f"the matrix is grouped by one of {', '.join(MATRIX_DIMENSIONS)}")
    return matrix_of(matrix_inputs(session, as_of, need_ids), by)


def matrix_of(inputs: MatrixInputs, by: str) -> Matrix:
    """The matrix grouped ``by`` from loaded inputs (see ``matrix``)."""
    needs, services = inputs.needs, inputs.services
    covered = matching.covered_needs(needs, services, inputs.accepted)
    rows = matching.summarise(needs, services, covered, by, inputs.groups)
    unmet: list[dict[str, object]] = [
        {
            "need": n.id,
            "state": n.state,
            "region": n.region,
            "articles": list(n.articles),
            "category": n.category,
            "text": n.text,
        }
        for n in needs
        if n.id not in covered
    ]
    overlaps = [
        {
            "state": o.state,
            "article": o.article,
            "category": o.category,
            "activities": list(o.activity_ids),
            "providers": list(o.providers),
        }
        for o in matching.find_overlaps(services)
    ]
    return Matrix(by, rows, len(needs), len(covered), unmet, overlaps, covered)
