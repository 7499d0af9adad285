"""Generated supply for the demo: providers, their offers and their activities in the demo States.

``demo_supply(profile, seed)`` draws, from the needs that the profile's reviews list, twelve
invented providers (a United Nations entity, four bilateral agencies of demo States, a regional
organisation, an international network, two civil society organisations and three demo States
offering peer assistance), about forty offers and about 120 activities. The assistance sits
where the needs are, as it would: an activity serves a State on articles and in a category in
which that State identified needs, by a provider that works on them in the State's region.
Some activities are under way, some completed and some planned on ``REFERENCE_DATE`` (the
demo's latest cut-off), so that some needs are covered, many are not, and now and then two
providers work on the same thing in the same State at the same time.

``write_demo_supply`` writes the offers into the XLSX template and the activities into the
CSV template that ``pipeline.supply.template`` produces (the caller passes those templates in,
so that the files always have the template's columns). The same profile and seed give the same
bytes. Everything here is generated demo data: every provider, offer and activity is invented,
every identifier starts with ``DEMO-``, every description ends by saying so, the workbook's
properties and its "about" sheet say so, and a README beside the files says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tamatrix import reference
from tamatrix.core import convention
from tamatrix.generate.profiles import Profile

SEED = 2020
REFERENCE_DATE = dt.date(2020, 9, 30)
MARK = "Generated demo data."
ABOUT = (
    "Generated demo data for ta-matrix (tamatrix demo): every provider, offer and activity is "
    "invented, and the States are the fictional demo States (codes XAA-XZZ). Statuses are as "
    f"of {REFERENCE_DATE.isoformat()}, the demo's latest cut-off date."
)
OFFERS_FILE = "offers.xlsx"
ACTIVITIES_FILE = "activities.csv"
ACTIVITY_COUNTS = {"ongoing": 60, "completed": 36, "planned": 24}
_FIXED_TIME = (2020, 9, 30, 0, 0, 0)


@dataclass(frozen=True)
class ProviderPlan:
    """An invented provider: who it is, and the articles, categories and regions it works on."""

    code: str
    name: str
    kind: str
    country: str | None
    articles: tuple[int, ...]
    categories: tuple[str, ...]
    regions: tuple[str, ...]  # regional groups it serves; empty: all
    languages: tuple[str, ...]
    currency: str | None  # None: assistance in kind, without a budget
    offers: int

    def serves(self, region: str) -> bool:
        return not self.regions or region in self.regions


_FORMAL = (
    "Republic",
    "Federal",
    "Kingdom",
    "Sultanate",
    "Principality",
    "Commonwealth",
    "United",
    "Democratic",
)


def _state_name(iso3: str) -> str:
    found = reference.states(include_fictional=True).get(iso3)
    return found.name if found else iso3


def _the(name: str) -> str:
    """A State's name as it reads inside a sentence: "the Republic of Eralvand", "Dristeth"."""
    return f"the {name}" if name.split(" ", 1)[0] in _FORMAL else name


def _providers() -> tuple[ProviderPlan, ...]:
    """The twelve providers of the demo (names invented; donors and peers are demo States)."""
    everything = (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 51, 52, 53, 54, 55, 56, 57, 58, 59)
    cb, la, ib, pm, rd, ic, ot = (
        "capacity_building",
        "legislative_assistance",
        "institution_building",
        "policymaking",
        "research_data",
        "international_cooperation",
        "other",
    )
    return (
        ProviderPlan(
            "UNISF", "United Nations Integrity Support Facility", "un_entity", None,
            everything, (cb, la, ib, pm, rd), (), ("en", "fr", "es"), "USD", 6,
        ),
        ProviderPlan(
            "ORE", "Orendica Agency for Development Cooperation", "bilateral", "XOC",
            (5, 6, 9, 11, 13), (cb, pm, ib), ("african", "asia_pacific"), ("en", "fr"), "EUR", 4,
        ),
        ProviderPlan(
            "VES", "Vesodeth International Partnership Agency", "bilateral", "XVC",
            (14, 51, 52, 54, 57, 58), (cb, la, ic), (), ("en", "es"), "EUR", 4,
        ),
        ProviderPlan(
            "ZOL", "Zoldia Fund for Good Governance", "bilateral", "XZB",
            (7, 8, 9, 10, 12), (cb, ib, rd), ("african", "eastern_european"), ("en", "fr"),
            "EUR", 3,
        ),
        ProviderPlan(
            "MEM", "Memista Technical Cooperation Office", "bilateral", "XME",
            (5, 7, 11, 12, 14, 52, 58), (cb, la, ib),
            ("asia_pacific", "latin_american_caribbean"), ("en", "es"), "USD", 3,
        ),
        ProviderPlan(
            "CCIT", "Continental Centre for Integrity Training", "regional_org", None,
            (5, 6, 7, 8, 9, 13, 51, 54), (cb, rd), ("african",), ("en", "fr"), "USD", 3,
        ),
        ProviderPlan(
            "INARP", "International Network of Asset Recovery Practitioners",
            "international_org", None, (51, 53, 54, 55, 56, 57, 59), (ic, cb, la), (),
            ("en", "fr", "es"), "USD", 4,
        ),
        ProviderPlan(
            "OLI", "Open Ledger Institute", "civil_society", None,
            (9, 10, 12, 13), (rd, cb), (), ("en",), "USD", 3,
        ),
        ProviderPlan(
            "CIF", "Citizens' Integrity Forum", "civil_society", None,
            (5, 10, 13), (cb, ot, rd), ("african", "latin_american_caribbean"),
            ("en", "fr", "es"), "USD", 3,
        ),
        ProviderPlan(
            "PEER-XVB", _state_name("XVB"), "state", "XVB",
            (6, 8, 9), (ic, ib), ("asia_pacific",), ("en",), None, 2,
        ),
        ProviderPlan(
            "PEER-XAT", _state_name("XAT"), "state", "XAT",
            (14, 52, 58), (ic, cb), ("eastern_european", "asia_pacific"), ("en",), None, 2,
        ),
        ProviderPlan(
            "PEER-XPU", _state_name("XPU"), "state", "XPU",
            (51, 54, 57), (ic, la), ("latin_american_caribbean",), ("es", "en"), None, 3,
        ),
    )  # fmt: skip


# --- wording: our own, composed from a topic per article and a form per category ----------

TOPICS: Mapping[int, str] = {
    5: "national anti-corruption policies and strategies",
    6: "the independence and resources of preventive anti-corruption bodies",
    7: "merit-based recruitment and the prevention of conflicts of interest",
    8: "codes of conduct and the declaration of assets and interests",
    9: "public procurement and the management of public finances",
    10: "access to information and public reporting",
    11: "the integrity of the judiciary and the prosecution services",
    12: "integrity and transparency in the private sector",
    13: "the participation of civil society and the public",
    14: "the prevention of money-laundering",
    51: "the general framework for asset recovery",
    52: "customer due diligence and the detection of proceeds of crime",
    53: "measures for the direct recovery of property",
    54: "confiscation, including confiscation without a conviction",
    55: "international cooperation for the purposes of confiscation",
    56: "the spontaneous sharing of information on proceeds of crime",
    57: "the return and disposal of confiscated assets",
    58: "the work of the financial intelligence unit",
    59: "agreements and arrangements on asset recovery",
}
FORMS: Mapping[str, str] = {
    "capacity_building": "Training and mentoring on",
    "legislative_assistance": "Legislative drafting support on",
    "institution_building": "Institutional support on",
    "policymaking": "Policy advice on",
    "research_data": "Assessments and data collection on",
    "international_cooperation": "Peer exchanges on",
    "other": "Outreach and technical support on",
}
METHODS: Mapping[str, tuple[str, ...]] = {
    "capacity_building": (
        "courses for investigators, auditors and procurement officers",
        "a training-of-trainers programme run with national institutions",
        "on-the-job mentoring by experienced practitioners",
    ),
    "legislative_assistance": (
        "a review of draft laws against the requirements of the Convention",
        "comparative analysis of legislation and model provisions",
        "written comments on bills before parliament",
    ),
    "institution_building": (
        "support for the mandate, structure and procedures of the bodies concerned",
        "functional reviews followed by organisational development plans",
        "case management systems and internal procedures",
    ),
    "policymaking": (
        "advice on the design and monitoring of national strategies",
        "facilitated consultations between ministries and agencies",
        "action plans with indicators and costing",
    ),
    "research_data": (
        "surveys of experiences and perceptions of corruption",
        "corruption risk assessments by sector",
        "statistics and data systems for monitoring",
    ),
    "international_cooperation": (
        "study visits and exchanges between practitioners",
        "support for preparing and answering requests for mutual legal assistance",
        "twinning between counterpart authorities",
    ),
    "other": (
        "awareness materials and outreach to the public",
        "translation and dissemination of guidance",
        "events that bring together civil society and the private sector",
    ),
}
MODALITIES: Mapping[str, str] = {
    "capacity_building": "training",
    "legislative_assistance": "advisory",
    "institution_building": "advisory",
    "policymaking": "advisory",
    "research_data": "research",
    "international_cooperation": "peer_exchange",
    "other": "other",
}
SUBCATEGORIES = ("training", "expert_advice", "ict_tools", "awareness_raising", "coordination")
REGION_WORDS: Mapping[str, str] = {
    "african": "African States",
    "asia_pacific": "Asia-Pacific States",
    "eastern_european": "Eastern European States",
    "latin_american_caribbean": "Latin American and Caribbean States",
    "western_european_other": "Western European and other States",
}


# --- the generated records -----------------------------------------------------------------


@dataclass(frozen=True)
class NeedSlot:
    """A need of the profile as the generator sees it: whose, on which articles, what kind."""

    state: str
    region: str
    chapter: str
    articles: tuple[int, ...]
    category: str


@dataclass(frozen=True)
class Offer:
    provider: ProviderPlan
    reference: str
    title: str
    description: str
    articles: tuple[int, ...]
    categories: tuple[str, ...]
    subcategories: tuple[str, ...]
    modality: str
    capacity: int
    valid_from: dt.date
    valid_to: dt.date


@dataclass(frozen=True)
class Activity:
    provider: ProviderPlan
    identifier: str
    title: str
    description: str
    recipients: tuple[str, ...]
    articles: tuple[int, ...]
    categories: tuple[str, ...]
    status: str
    start: dt.date
    end: dt.date
    budget: int | None


@dataclass(frozen=True)
class DemoSupply:
    """The generated providers, offers and activities."""

    providers: tuple[ProviderPlan, ...]
    offers: tuple[Offer, ...]
    activities: tuple[Activity, ...]

    def offer_rows(self) -> list[dict[str, object]]:
        """The offers as rows of the offers template (column name to value)."""
        return [
            {
                **_provider_cells(o.provider),
                "reference": o.reference,
                "title": o.title,
                "description": o.description,
                "articles": ";".join(map(str, o.articles)),
                "categories": ";".join(o.categories),
                "subcategories": ";".join(o.subcategories),
                "languages": ";".join(o.provider.languages),
                "regions": ";".join(o.provider.regions),
                "modality": o.modality,
                "capacity": o.capacity,
                "valid_from": o.valid_from,
                "valid_to": o.valid_to,
                "contact_name": f"Focal point for offers, {o.provider.name}",
                "contact_email": f"offers@{o.provider.code.lower()}.example",
            }
            for o in self.offers
        ]

    def activity_rows(self) -> list[dict[str, object]]:
        """The activities as rows of the activities template (column name to value)."""
        return [
            {
                **_provider_cells(a.provider),
                "identifier": a.identifier,
                "title": a.title,
                "description": a.description,
                "recipients": ";".join(a.recipients),
                "articles": ";".join(map(str, a.articles)),
                "categories": ";".join(a.categories),
                "status": a.status,
                "start_date": a.start,
                "end_date": a.end,
                "budget": a.budget,
                "currency": a.provider.currency if a.budget is not None else None,
                "source": "csv",
            }
            for a in self.activities
        ]


def _provider_cells(provider: ProviderPlan) -> dict[str, object]:
    return {
        "provider": provider.name,
        "provider_kind": provider.kind,
        "provider_country": provider.country,
    }


def need_slots(profile: Profile, as_of: dt.date = REFERENCE_DATE) -> list[NeedSlot]:
    """The needs of the profile's reviews adopted by ``as_of``, in the profile's order."""
    index = reference.states(include_fictional=True)
    slots = []
    for review in profile.reviews:
        if review.date > as_of:
            continue
        known = index.get(review.state)
        region = known.regional_group if known else "unknown"
        for need in review.needs:
            slots.append(NeedSlot(review.state, region, need.chapter, need.articles, need.category))
    return slots


def demo_supply(profile: Profile, seed: int = SEED) -> DemoSupply:
    """Providers, offers and activities drawn for the profile's needs (see the module)."""
    rng = random.Random(seed)
    providers = _providers()
    slots = need_slots(profile)
    offers = _offers(providers, slots, rng)
    activities = _activities(providers, slots, rng)
    return DemoSupply(providers, tuple(offers), tuple(activities))


def _weighted_articles(
    provider: ProviderPlan, category: str, slots: Sequence[NeedSlot]
) -> list[tuple[int, int]]:
    """The provider's articles with the number of needs on them in its category and regions."""
    counts: dict[int, int] = defaultdict(int)
    for slot in slots:
        if slot.category == category and provider.serves(slot.region):
            for article in slot.articles:
                if article in provider.articles:
                    counts[article] += 1
    return [(a, counts[a] + 1) for a in provider.articles]


def _pick(rng: random.Random, weighted: Sequence[tuple[object, int]]) -> object:
    items = [item for item, _ in weighted]
    return rng.choices(items, weights=[w for _, w in weighted])[0]


def _offers(
    providers: Sequence[ProviderPlan], slots: Sequence[NeedSlot], rng: random.Random
) -> list[Offer]:
    demand: dict[str, int] = defaultdict(int)
    for slot in slots:
        demand[slot.category] += 1
    offers = []
    for provider in providers:
        made: set[tuple[int, str]] = set()
        for number in range(1, provider.offers + 1):
            for _ in range(20):  # a provider does not offer the same thing twice
                category = str(_pick(rng, [(c, demand[c] + 1) for c in provider.categories]))
                article = int(str(_pick(rng, _weighted_articles(provider, category, slots))))
                if (article, category) not in made:
                    break
            made.add((article, category))
            offers.append(_offer(provider, number, article, category, rng))
    return offers


def _offer(
    provider: ProviderPlan, number: int, article: int, category: str, rng: random.Random
) -> Offer:
    related = [a for a in provider.articles if a != article and _near(a, article)]
    articles = tuple(sorted({article, *rng.sample(related, min(len(related), rng.randint(0, 1)))}))
    method = rng.choice(METHODS[category])
    regions = provider.regions
    where = (
        "to every State party" if not regions else "to " + _join([REGION_WORDS[r] for r in regions])
    )
    capacity = rng.randint(2, 12)
    # Most offers run through the demo's cut-off; some had lapsed and some were yet to open.
    window = rng.random()
    if window < 0.12:
        valid_from, valid_to = dt.date(2017, 1, 1), dt.date(2019, 12, 31)
    elif window < 0.25:
        valid_from, valid_to = dt.date(2021, 1, 1), dt.date(2024, 12, 31)
    else:
        valid_from = dt.date(rng.randint(2017, 2019), rng.choice((1, 4, 7, 10)), 1)
        valid_to = dt.date(rng.randint(2021, 2024), 12, 31)
    subcategories: tuple[str, ...] = ()
    if category == "capacity_building":
        subcategories = (rng.choice(SUBCATEGORIES),)
    return Offer(
        provider=provider,
        reference=f"DEMO-{provider.code}-O{number:02d}",
        title=f"{FORMS[category]} {TOPICS[article]}",
        description=(
            f"{_capitalize(_named(provider))} offers {method}, open {where}. "
            f"Up to {capacity} requests a year can be taken on. {MARK}"
        ),
        articles=articles,
        categories=(category,),
        subcategories=subcategories,
        modality="peer_exchange" if provider.kind == "state" else MODALITIES[category],
        capacity=capacity,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _named(provider: ProviderPlan) -> str:
    """The provider as it reads inside a sentence: "the Open Ledger Institute"."""
    return _the(provider.name) if provider.kind == "state" else f"the {provider.name}"


def _near(a: int, b: int) -> bool:
    """Whether two articles belong to the same chapter and lie close together."""
    return convention.chapter_of(a) == convention.chapter_of(b) and abs(a - b) <= 2


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _eligible(providers: Sequence[ProviderPlan], slot: NeedSlot) -> list[ProviderPlan]:
    """Providers that work on the need's category, an article of it (or its chapter for a need
    without article) and the State's region; the UN entity when no one else does."""

    def fits(p: ProviderPlan) -> bool:
        if slot.category not in p.categories or not p.serves(slot.region):
            return False
        if slot.articles:
            return bool(set(slot.articles) & set(p.articles))
        return any(convention.chapter_of(a) == slot.chapter for a in p.articles)

    found = [p for p in providers if fits(p)]
    return found or [p for p in providers if p.kind == "un_entity"]


def _activities(
    providers: Sequence[ProviderPlan], slots: Sequence[NeedSlot], rng: random.Random
) -> list[Activity]:
    activities: list[Activity] = []
    numbers: dict[str, int] = defaultdict(int)
    for status, count in ACTIVITY_COUNTS.items():
        for slot in rng.sample(list(slots), count):
            eligible = _eligible(providers, slot)
            # The UN entity works on everything; specialists are likelier where they work.
            weights = [1 if p.kind == "un_entity" else 3 for p in eligible]
            provider = rng.choices(eligible, weights=weights)[0]
            numbers[provider.code] += 1
            activities.append(_activity(provider, numbers[provider.code], slot, slots, status, rng))
    return sorted(activities, key=lambda a: a.identifier)


def _activity(
    provider: ProviderPlan,
    number: int,
    slot: NeedSlot,
    slots: Sequence[NeedSlot],
    status: str,
    rng: random.Random,
) -> Activity:
    articles = [a for a in slot.articles if a in provider.articles] or list(slot.articles)
    if not articles:
        articles = [rng.choice([a for a in provider.articles if _chapter_fits(a, slot)] or [5])]
    # Often an activity also takes in another article on which the same State asked for the
    # same kind of help.
    others = sorted(
        {
            a
            for s in slots
            if s.state == slot.state and s.category == slot.category
            for a in s.articles
            if a in provider.articles and a not in articles
        }
    )
    if others and rng.random() < 0.5:
        articles.append(rng.choice(others))
    recipients = [slot.state]
    start, end = _period(status, rng)
    topic = TOPICS[articles[0]]
    method = rng.choice(METHODS[slot.category])
    budget = None
    if provider.currency is not None:
        low, high = (10, 60) if provider.kind == "civil_society" else (20, 300)
        budget = rng.randint(low, high) * 5_000
    return Activity(
        provider=provider,
        identifier=f"DEMO-{provider.code}-{number:03d}",
        title=f"{FORMS[slot.category]} {topic} in {_the(_state_name(slot.state))}",
        description=(
            f"{_capitalize(method)} for the authorities of {_the(_state_name(slot.state))}, on "
            f"{_join([TOPICS[a] for a in articles])}. {MARK}"
        ),
        recipients=tuple(recipients),
        articles=tuple(sorted(articles)),
        categories=(slot.category,),
        status=status,
        start=start,
        end=end,
        budget=budget,
    )


def _chapter_fits(article: int, slot: NeedSlot) -> bool:
    return convention.chapter_of(article) == slot.chapter


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _period(status: str, rng: random.Random) -> tuple[dt.date, dt.date]:
    """Start and end dates that give the status on ``REFERENCE_DATE``."""
    day = REFERENCE_DATE
    if status == "completed":
        end = day - dt.timedelta(days=rng.randint(30, 900))
        return end - dt.timedelta(days=rng.randint(180, 720)), end
    if status == "ongoing":
        start = day - dt.timedelta(days=rng.randint(30, 900))
        return start, day + dt.timedelta(days=rng.randint(60, 800))
    start = day + dt.timedelta(days=rng.randint(20, 300))
    return start, start + dt.timedelta(days=rng.randint(360, 1000))


# --- files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SupplyFiles:
    """Where ``write_demo_supply`` wrote the offers and the activities."""

    folder: Path
    offers: Path
    activities: Path
    counts: dict[str, int] = field(default_factory=dict)


def write_demo_supply(
    folder: Path,
    profile: Profile,
    offers_template: bytes,
    activities_template: bytes,
    seed: int = SEED,
) -> SupplyFiles:
    """Write the demo's offers into the XLSX template and its activities into the CSV template
    (both as ``pipeline.supply.template`` makes them), with a README, into ``folder``."""
    supply = demo_supply(profile, seed)
    folder.mkdir(parents=True, exist_ok=True)
    offers = folder / OFFERS_FILE
    offers.write_bytes(fill_xlsx(offers_template, supply.offer_rows()))
    activities = folder / ACTIVITIES_FILE
    activities.write_bytes(fill_csv(activities_template, supply.activity_rows()))
    (folder / "README.txt").write_text(
        f"{ABOUT}\n\n{OFFERS_FILE}: {len(supply.offers)} offers of "
        f"{len(supply.providers)} providers (the offers template).\n{ACTIVITIES_FILE}: "
        f"{len(supply.activities)} activities (the activities template).\n",
        encoding="utf-8",
        newline="\n",
    )
    counts = {
        "providers": len(supply.providers),
        "offers": len(supply.offers),
        "activities": len(supply.activities),
    }
    return SupplyFiles(folder, offers, activities, counts)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def fill_csv(template: bytes, rows: Sequence[Mapping[str, object]]) -> bytes:
    """The CSV template with ``rows`` under its header (columns it lacks are left out)."""
    header = next(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_text(row.get(column)) for column in header] for row in rows])
    return out.getvalue().encode("utf-8")


def fill_xlsx(template: bytes, rows: Sequence[Mapping[str, object]]) -> bytes:
    """The XLSX template with ``rows`` under the header of its first sheet, an "about" sheet
    and document properties that say it is generated demo data; the same rows give the same
    bytes."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    header = [str(cell.value) for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(column) if row.get(column) != "" else None for column in header])
    for column, name in zip(sheet.iter_cols(min_row=1, max_row=1), header, strict=True):
        if name.startswith("valid_"):
            for cell in sheet[column[0].column_letter][1:]:
                cell.number_format = "yyyy-mm-dd"
    about = workbook.create_sheet("about")
    about.append([ABOUT])
    properties = workbook.properties
    properties.title = "ta-matrix demo offers"
    properties.description = ABOUT
    properties.creator = "ta-matrix demo generator"
    properties.created = dt.datetime(*_FIXED_TIME)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_times(buffer.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_times(data: bytes) -> bytes:
    """The zip archive with fixed member times and a fixed modification date in its properties
    (openpyxl stamps both with the time of saving)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2020-09-30T00:00:00Z\g<2>", content)
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, content)
    return out.getvalue()
