"""Needs against services: ranked candidates with reasons, coverage, unmet needs and overlaps.

Pure: plain data in, plain data out. A *service* is an offer of the knowledge bank, an
activity (delivered, ongoing or planned) or a State proposed as a peer provider because its
review found a good practice on an article. The score of a need and a service adds weighted
fits (``Weights``) plus a boost learned from analysts' decisions, and keeps the reasons that
made it. Needs are compared only with services that share an article (or, for a need without
article, its primary category), which keeps the work near-linear in the number of needs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from tamatrix.core.classify import fold, stem
from tamatrix.core.convention import ARTICLES
from tamatrix.core.states import GROUP_CODES
from tamatrix.core.taxonomy import CATEGORY_CODES

ACTIVE_STATUSES = ("planned", "ongoing")
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset(
    "the and for with from that this into their its are was were has have will can which "
    "des les pour dans une sur par aux avec del los las para por una con que".split()
)
_LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh", "pt")
_N_ARTICLES = max(a.number for a in ARTICLES) + 1


@dataclass(frozen=True)
class NeedItem:
    """What matching knows of a need."""

    id: int
    state: str
    region: str | None
    articles: tuple[int, ...]
    category: str
    text: str
    secondary: tuple[str, ...] = ()
    language: str | None = "en"


@dataclass(frozen=True)
class ServiceItem:
    """An offer, an activity or a peer State, as matching sees it."""

    kind: str  # "offer", "activity" or "peer"
    id: int
    provider_id: int
    provider: str
    articles: tuple[int, ...]
    categories: tuple[str, ...]
    text: str
    recipients: tuple[str, ...] = ()  # States an activity serves
    regions: tuple[str, ...] = ()  # regional groups an offer is for, or an activity reaches
    languages: tuple[str, ...] = ()
    status: str = "ongoing"
    start: dt.date | None = None
    end: dt.date | None = None
    home_state: str | None = None  # a peer State, which is never its own peer

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class Decision:
    """An analyst's accept or reject of a candidate for a need."""

    need_id: int
    kind: str
    service_id: int
    provider_id: int
    category: str
    accepted: bool


@dataclass(frozen=True)
class Candidate:
    need_id: int
    kind: str
    service_id: int
    provider_id: int
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Weights:
    """How much each fit adds to the score (a perfect candidate scores about 1)."""

    article: float = 0.30
    category: float = 0.20
    secondary: float = 0.08
    state: float = 0.15
    region: float = 0.06
    language: float = 0.04
    text: float = 0.30
    boost: float = 0.15  # the most that analysts' decisions add or remove
    past: float = 0.7  # factor for completed or suspended activities


class Embedder(Protocol):
    """A sentence-embedding model: one vector per text (rows need not be normalised)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


# ------------------------------------------------------------------------------ text


def tokens(text: str) -> list[str]:
    """Stemmed content words of a text (English, French and Spanish suffixes)."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in _STOP]


@dataclass
class _Tfidf:
    """Documents as L2-normalised TF-IDF rows, stored CSR-like."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    size: int

    def rows(self, selected: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row positions within ``selected``, column ids, values) of the selected rows."""
        starts = self.indptr[selected]
        lengths = self.indptr[selected + 1] - starts
        total = int(lengths.sum())
        row = np.repeat(np.arange(len(selected)), lengths)
        offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        positions = np.repeat(starts, lengths) + offsets
        return row, self.indices[positions], self.data[positions]


def _tfidf(texts: Sequence[str], vocabulary: dict[str, int], idf: np.ndarray) -> _Tfidf:
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for text in texts:
        counts = Counter(vocabulary[t] for t in tokens(text) if t in vocabulary)
        items = sorted(counts.items())
        values = [(1 + math.log(c)) * idf[i] for i, c in items]
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        indices += [i for i, _ in items]
        data += [v / norm for v in values]
        indptr.append(len(indices))
    return _Tfidf(
        np.array(indptr, dtype=np.int64),
        np.array(indices, dtype=np.int64),
        np.array(data, dtype=np.float32),
        len(vocabulary),
    )


def _vocabulary(texts: Iterable[str]) -> tuple[dict[str, int], np.ndarray]:
    frequency: Counter[str] = Counter()
    documents = 0
    for text in texts:
        frequency.update(set(tokens(text)))
        documents += 1
    vocabulary = {t: i for i, t in enumerate(sorted(frequency))}
    idf = np.array(
        [math.log((1 + documents) / (1 + frequency[t])) + 1 for t in sorted(frequency)],
        dtype=np.float32,
    )
    return vocabulary, idf


def text_similarity(a: str, b: str) -> float:
    """TF-IDF cosine of two texts, the IDF taken from the two texts alone (for tests)."""
    vocabulary, idf = _vocabulary([a, b])
    matrix = _tfidf([a, b], vocabulary, idf)
    first = dict(
        zip(matrix.indices[: matrix.indptr[1]], matrix.data[: matrix.indptr[1]], strict=True)
    )
    return float(
        sum(
            first.get(i, 0.0) * v
            for i, v in zip(
                matrix.indices[matrix.indptr[1] :], matrix.data[matrix.indptr[1] :], strict=True
            )
        )
    )


# -------------------------------------------------------------------------- learning


def learned_boosts(decisions: Iterable[Decision]) -> dict[tuple[int, str], float]:
    """A boost in [-1, 1] per provider and category: (accepted - rejected) / (decisions + 1).

    Smoothed so that one decision moves a provider by half a step, and many decisions
    approach the share of acceptances; the ranking multiplies it by ``Weights.boost``.
    """
    accepted: Counter[tuple[int, str]] = Counter()
    total: Counter[tuple[int, str]] = Counter()
    for decision in decisions:
        key = (decision.provider_id, decision.category)
        total[key] += 1
        accepted[key] += 1 if decision.accepted else 0
    return {k: (2 * accepted[k] - n) / (n + 1) for k, n in total.items()}


# --------------------------------------------------------------------------- ranking


@dataclass
class _Prepared:
    """The services as arrays, so that a block of pairs is scored with a few matrix products."""

    services: Sequence[ServiceItem]
    articles: np.ndarray  # (S, articles) float32 indicator
    categories: np.ndarray  # (S, categories)
    regions: np.ndarray  # (S, groups)
    languages: np.ndarray  # (S, languages)
    recipients: np.ndarray  # (S, States) indicator of the States an activity serves
    state_index: dict[str, int]
    factor: np.ndarray  # status factor (S,)
    boosts: np.ndarray  # (categories, S)
    by_article: dict[int, np.ndarray] = field(default_factory=dict)
    by_category: dict[str, np.ndarray] = field(default_factory=dict)


def _indicator(rows: Sequence[Iterable[int]], width: int) -> np.ndarray:
    matrix = np.zeros((len(rows), width), dtype=np.float32)
    for i, row in enumerate(rows):
        for j in row:
            matrix[i, j] = 1.0
    return matrix


_CATEGORY_INDEX = {c: i for i, c in enumerate(CATEGORY_CODES)}
_GROUP_INDEX = {g: i for i, g in enumerate(GROUP_CODES)}
_LANGUAGE_INDEX = {language: i for i, language in enumerate(_LANGUAGES)}


def _prepare(
    services: Sequence[ServiceItem],
    boosts: dict[tuple[int, str], float],
    weights: Weights,
) -> _Prepared:
    state_index: dict[str, int] = {}
    by_article: dict[int, list[int]] = defaultdict(list)
    by_category: dict[str, list[int]] = defaultdict(list)
    for j, service in enumerate(services):
        for state in service.recipients:
            state_index.setdefault(state, len(state_index))
        for article in service.articles:
            by_article[article].append(j)
        for category in service.categories:
            by_category[category].append(j)
    factor = np.array(
        [1.0 if s.status in ACTIVE_STATUSES else weights.past for s in services], dtype=np.float32
    )
    boost_matrix = np.zeros((len(CATEGORY_CODES), len(services)), dtype=np.float32)
    if boosts:
        for j, service in enumerate(services):
            for c, code in enumerate(CATEGORY_CODES):
                boost_matrix[c, j] = boosts.get((service.provider_id, code), 0.0)
    return _Prepared(
        services=services,
        articles=_indicator([s.articles for s in services], _N_ARTICLES),
        categories=_indicator(
            [[_CATEGORY_INDEX[c] for c in s.categories if c in _CATEGORY_INDEX] for s in services],
            len(CATEGORY_CODES),
        ),
        regions=_indicator(
            [[_GROUP_INDEX[g] for g in s.regions if g in _GROUP_INDEX] for s in services],
            len(GROUP_CODES),
        ),
        languages=_indicator(
            [[_LANGUAGE_INDEX[x] for x in s.languages if x in _LANGUAGE_INDEX] for s in services],
            len(_LANGUAGES),
        ),
        recipients=_indicator(
            [[state_index[x] for x in s.recipients] for s in services], len(state_index)
        ),
        state_index=state_index,
        factor=factor,
        boosts=boost_matrix,
        by_article={k: np.array(v, dtype=np.int64) for k, v in by_article.items()},
        by_category={k: np.array(v, dtype=np.int64) for k, v in by_category.items()},
    )


def _blocks(
    needs: Sequence[NeedItem], prepared: _Prepared
) -> Iterable[tuple[list[int], np.ndarray]]:
    """(need positions, service positions) for each article, then each category of needs
    without article."""
    by_article: dict[int, list[int]] = defaultdict(list)
    by_category: dict[str, list[int]] = defaultdict(list)
    for i, need in enumerate(needs):
        if need.articles:
            for article in need.articles:
                by_article[article].append(i)
        else:
            by_category[need.category].append(i)
    for article, positions in sorted(by_article.items()):
        found = prepared.by_article.get(article)
        if found is not None:
            yield positions, found
    for category, positions in sorted(by_category.items()):
        found = prepared.by_category.get(category)
        if found is not None:
            yield positions, found


@dataclass(frozen=True)
class _Pair:
    score: float
    j: int
    text: float
    boost: float


def rank(
    needs: Sequence[NeedItem],
    services: Sequence[ServiceItem],
    decisions: Sequence[Decision] = (),
    top: int = 10,
    weights: Weights | None = None,
    embedder: Embedder | None = None,
    as_of: dt.date | None = None,
) -> dict[int, list[Candidate]]:
    """The ``top`` candidates of every need, best first, each with its reasons.

    Cancelled activities and offers no longer valid on ``as_of`` are left out; so is every
    candidate an analyst rejected for that need, and a peer State for its own needs.
    """
    weights = weights or Weights()
    usable = [
        s
        for s in services
        if s.status != "cancelled"
        and not (s.kind == "offer" and as_of is not None and s.end is not None and s.end < as_of)
    ]
    prepared = _prepare(usable, learned_boosts(decisions), weights)
    rejected = {(d.need_id, d.kind, d.service_id) for d in decisions if not d.accepted}
    need_vectors, service_vectors = _text_vectors(needs, usable, embedder)
    best: dict[int, dict[int, _Pair]] = defaultdict(dict)
    for positions, selected in _blocks(needs, prepared):
        for start in range(0, len(positions), 512):
            chunk = positions[start : start + 512]
            _score_block(
                needs, chunk, selected, prepared, weights, need_vectors, service_vectors, top, best
            )
    result: dict[int, list[Candidate]] = {}
    for i, need in enumerate(needs):
        pairs = sorted(best.get(i, {}).values(), key=lambda p: (-p.score, p.j))
        candidates = []
        for pair in pairs:
            service = usable[pair.j]
            if (need.id, service.kind, service.id) in rejected:
                continue
            if service.home_state is not None and service.home_state == need.state:
                continue
            candidates.append(_candidate(need, service, pair, weights))
            if len(candidates) == top:
                break
        result[need.id] = candidates
    return result


def _text_vectors(
    needs: Sequence[NeedItem], services: Sequence[ServiceItem], embedder: Embedder | None
) -> tuple[_Tfidf | np.ndarray, _Tfidf | np.ndarray]:
    if embedder is not None:
        return _normalised(embedder.embed([n.text for n in needs])), _normalised(
            embedder.embed([s.text for s in services])
        )
    vocabulary, idf = _vocabulary([n.text for n in needs] + [s.text for s in services])
    return (
        _tfidf([n.text for n in needs], vocabulary, idf),
        _tfidf([s.text for s in services], vocabulary, idf),
    )


def _normalised(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _similarity(
    need_vectors: _Tfidf | np.ndarray,
    service_vectors: _Tfidf | np.ndarray,
    rows: np.ndarray,
    columns: np.ndarray,
) -> np.ndarray:
    if isinstance(need_vectors, np.ndarray) and isinstance(service_vectors, np.ndarray):
        return np.clip(need_vectors[rows] @ service_vectors[columns].T, 0, 1)
    assert isinstance(need_vectors, _Tfidf) and isinstance(service_vectors, _Tfidf)
    need_row, need_col, need_value = need_vectors.rows(rows)
    local = np.full(need_vectors.size, -1, dtype=np.int64)
    vocabulary = np.unique(need_col)
    local[vocabulary] = np.arange(len(vocabulary))
    dense_needs = np.zeros((len(rows), len(vocabulary)), dtype=np.float32)
    dense_needs[need_row, local[need_col]] = need_value
    service_row, service_col, service_value = service_vectors.rows(columns)
    keep = local[service_col] >= 0
    dense_services = np.zeros((len(columns), len(vocabulary)), dtype=np.float32)
    dense_services[service_row[keep], local[service_col[keep]]] = service_value[keep]
    return dense_needs @ dense_services.T


def _score_block(
    needs: Sequence[NeedItem],
    positions: list[int],
    selected: np.ndarray,
    prepared: _Prepared,
    weights: Weights,
    need_vectors: _Tfidf | np.ndarray,
    service_vectors: _Tfidf | np.ndarray,
    top: int,
    best: dict[int, dict[int, _Pair]],
) -> None:
    block = [needs[i] for i in positions]
    need_articles = _indicator([n.articles for n in block], _N_ARTICLES)
    article_count = np.maximum(need_articles.sum(axis=1, keepdims=True), 1)
    articles = (need_articles @ prepared.articles[selected].T) / article_count
    categories = prepared.categories[selected]
    primary_index = np.array([_CATEGORY_INDEX.get(n.category, 0) for n in block])
    primary = categories.T[primary_index]
    secondary_indicator = _indicator(
        [[_CATEGORY_INDEX[c] for c in n.secondary if c in _CATEGORY_INDEX] for n in block],
        len(CATEGORY_CODES),
    )
    secondary = np.minimum(secondary_indicator @ categories.T, 1) * (1 - primary)
    need_states = _indicator(
        [[prepared.state_index[n.state]] if n.state in prepared.state_index else [] for n in block],
        len(prepared.state_index),
    )
    state = np.minimum(need_states @ prepared.recipients[selected].T, 1)
    region_indicator = _indicator(
        [[_GROUP_INDEX[n.region]] if n.region in _GROUP_INDEX else [] for n in block],
        len(GROUP_CODES),
    )
    region = np.minimum(region_indicator @ prepared.regions[selected].T, 1) * (1 - state)
    language_indicator = _indicator(
        [[_LANGUAGE_INDEX[n.language]] if n.language in _LANGUAGE_INDEX else [] for n in block],
        len(_LANGUAGES),
    )
    language = np.minimum(language_indicator @ prepared.languages[selected].T, 1)
    text = _similarity(need_vectors, service_vectors, np.array(positions), selected)
    boost = prepared.boosts[primary_index][:, selected] * weights.boost
    score = (
        weights.article * articles
        + weights.category * primary
        + weights.secondary * secondary
        + weights.state * state
        + weights.region * region
        + weights.language * language
        + weights.text * text
        + boost
    ) * prepared.factor[selected]
    score = np.maximum(score, 0)
    # A few more than ``top`` so that rejected candidates can be dropped afterwards.
    keep = min(top + 5, len(selected))
    if keep < len(selected):
        chosen = np.argpartition(-score, keep - 1, axis=1)[:, :keep]
    else:
        chosen = np.tile(np.arange(len(selected)), (len(block), 1))
    for row, i in enumerate(positions):
        found = best[i]
        for k in chosen[row]:
            j = int(selected[k])
            value = float(score[row, k])
            if j not in found or found[j].score < value:
                found[j] = _Pair(value, j, float(text[row, k]), float(boost[row, k]))


def _candidate(need: NeedItem, service: ServiceItem, pair: _Pair, weights: Weights) -> Candidate:
    reasons = []
    shared = sorted(set(need.articles) & set(service.articles))
    if shared:
        label = "article" if len(shared) == 1 else "articles"
        reasons.append(f"same {label}: {', '.join(map(str, shared))}")
    if service.kind == "peer":
        reasons.append(
            f"{service.provider}'s review found a good practice on "
            f"{', '.join(map(str, shared or service.articles))}"
        )
    if need.category in service.categories:
        reasons.append(f"same category: {need.category}")
    else:
        others = sorted(set(need.secondary) & set(service.categories))
        if others:
            reasons.append(f"secondary category fits: {', '.join(others)}")
    if need.state in service.recipients:
        reasons.append(f"already works in {need.state}")
    elif need.region is not None and need.region in service.regions:
        reasons.append(f"covers the region ({need.region})")
    if need.language is not None and need.language in service.languages:
        reasons.append(f"offered in {need.language}")
    if pair.text >= 0.05:
        reasons.append(f"similar wording ({pair.text:.2f})")
    if pair.boost > 0.001:
        reasons.append(
            f"analysts accepted {service.provider} for {need.category} (+{pair.boost:.2f})"
        )
    elif pair.boost < -0.001:
        reasons.append(
            f"analysts rejected {service.provider} for {need.category} ({pair.boost:.2f})"
        )
    if service.status not in ACTIVE_STATUSES:
        reasons.append(f"{service.status} activity (score x {weights.past})")
    return Candidate(
        need.id, service.kind, service.id, service.provider_id, round(pair.score, 4), tuple(reasons)
    )


# --------------------------------------------------------------- coverage and overlaps


def _periods_overlap(a: ServiceItem, b: ServiceItem) -> bool:
    low = dt.date.min
    high = dt.date.max
    return (a.start or low) <= (b.end or high) and (b.start or low) <= (a.end or high)


def covered_needs(
    needs: Sequence[NeedItem], services: Sequence[ServiceItem], accepted: Iterable[int] = ()
) -> dict[int, str]:
    """Needs that are covered, with why: an accepted match, or an ongoing activity for the
    same State, an article of the need (any, for a need without article) and its category."""
    result = {need_id: "accepted match" for need_id in accepted}
    active: dict[tuple[str, int | None, str], int] = {}
    for service in services:
        if service.kind != "activity" or service.status != "ongoing":
            continue
        for state in service.recipients:
            for category in service.categories:
                active.setdefault((state, None, category), service.id)
                for article in service.articles:
                    active.setdefault((state, article, category), service.id)
    for need in needs:
        if need.id in result:
            continue
        keys: list[tuple[str, int | None, str]] = [
            (need.state, a, need.category) for a in need.articles
        ] or [(need.state, None, need.category)]
        for key in keys:
            if key in active:
                result[need.id] = f"ongoing activity {active[key]}"
                break
    return result


@dataclass(frozen=True)
class Overlap:
    """Several providers with active activities for the same State, article and category
    in periods that overlap."""

    state: str
    article: int
    category: str
    activity_ids: tuple[int, ...]
    providers: tuple[str, ...]


def find_overlaps(services: Sequence[ServiceItem]) -> list[Overlap]:
    """Every (State, article, category) where active activities of at least two different
    providers run at the same time; the activities listed are those that overlap another's."""
    groups: dict[tuple[str, int, str], list[ServiceItem]] = defaultdict(list)
    for service in services:
        if service.kind != "activity" or service.status not in ACTIVE_STATUSES:
            continue
        for state in service.recipients:
            for article in service.articles:
                for category in service.categories:
                    groups[(state, article, category)].append(service)
    found = []
    for (state, article, category), members in sorted(groups.items()):
        if len({m.provider_id for m in members}) < 2:
            continue
        involved: dict[int, ServiceItem] = {}
        for k, a in enumerate(members):
            for b in members[k + 1 :]:
                if a.provider_id != b.provider_id and _periods_overlap(a, b):
                    involved[a.id] = a
                    involved[b.id] = b
        if involved:
            found.append(
                Overlap(
                    state,
                    article,
                    category,
                    tuple(sorted(involved)),
                    tuple(sorted({s.provider for s in involved.values()})),
                )
            )
    return found


DIMENSIONS = ("article", "category", "state", "region")


def need_keys(need: NeedItem, by: str) -> list[object]:
    """The rows of a matrix grouped ``by`` a dimension that a need counts in (a need with two
    articles counts under both; one without article under "general")."""
    if by == "article":
        return list(need.articles) or ["general"]
    if by == "category":
        return [need.category]
    if by == "state":
        return [need.state]
    if by == "region":
        return [need.region or "unknown"]
    raise ValueError(f"cannot group the matrix by {by!r}")


def _key_order(key: object) -> tuple[bool, str]:
    return (isinstance(key, str), str(key).zfill(3))


@dataclass(frozen=True)
class GridCell:
    """One cell of a two-way matrix: the needs in it and those covered."""

    row: object
    column: object
    need_ids: tuple[int, ...]
    covered_ids: tuple[int, ...]

    @property
    def needs(self) -> int:
        return len(self.need_ids)

    @property
    def covered(self) -> int:
        return len(self.covered_ids)

    @property
    def unmet(self) -> int:
        return self.needs - self.covered

    @property
    def coverage(self) -> float | None:
        return round(100 * self.covered / self.needs, 1) if self.needs else None


def grid(
    needs: Sequence[NeedItem], covered: Iterable[int], rows: str, columns: str
) -> list[GridCell]:
    """Needs counted in two dimensions at once (article by category, say), each cell with
    the ids of its needs and of those covered; empty cells are left out."""
    if rows == columns:
        raise ValueError("a grid needs two different dimensions")
    done = set(covered)
    cells: dict[tuple[object, object], list[int]] = defaultdict(list)
    for need in needs:
        for row in need_keys(need, rows):
            for column in need_keys(need, columns):
                cells[(row, column)].append(need.id)
    return [
        GridCell(row, column, tuple(ids), tuple(i for i in ids if i in done))
        for (row, column), ids in sorted(
            cells.items(), key=lambda kv: (_key_order(kv[0][0]), _key_order(kv[0][1]))
        )
    ]


def summarise(
    needs: Sequence[NeedItem],
    services: Sequence[ServiceItem],
    covered: dict[int, str],
    by: str,
    regions: dict[str, str] | None = None,
) -> list[dict[str, object]]:
    """The matrix grouped ``by`` article, category, state or region: needs, covered needs,
    coverage (per cent), unmet needs, active activities, valid offers and providers.

    ``regions`` maps States to their regional group, for activities by region.
    """
    regions = regions or {}
    if by not in DIMENSIONS:
        raise ValueError(f"cannot group the matrix by {by!r}")

    def service_keys(service: ServiceItem) -> list[object]:
        if by == "article":
            return list(service.articles)
        if by == "category":
            return list(service.categories)
        if by == "state":
            return list(service.recipients)
        return [
            *sorted(set(service.regions) | {regions[s] for s in service.recipients if s in regions})
        ]

    cells: dict[object, _Cell] = defaultdict(_Cell)
    for need in needs:
        for key in need_keys(need, by):
            cells[key].needs += 1
            cells[key].covered += 1 if need.id in covered else 0
    for service in services:
        if service.kind == "activity" and service.status not in ACTIVE_STATUSES:
            continue
        for key in service_keys(service):
            cell = cells[key]
            if service.kind == "activity":
                cell.activities += 1
            else:
                cell.offers += 1
            cell.providers.add(service.provider_id)
    return [
        {
            by: key,
            "needs": cell.needs,
            "covered": cell.covered,
            "unmet": cell.needs - cell.covered,
            "coverage": round(100 * cell.covered / cell.needs, 1) if cell.needs else None,
            "activities": cell.activities,
            "offers": cell.offers,
            "providers": len(cell.providers),
        }
        for key, cell in sorted(cells.items(), key=lambda kv: _key_order(kv[0]))
    ]


@dataclass
class _Cell:
    needs: int = 0
    covered: int = 0
    activities: int = 0
    offers: int = 0
    providers: set[int] = field(default_factory=set)
