"""IATI activity XML (versions 2.0x and 1.0x) -> activities, and the Convention's articles and
categories for each through the DAC crosswalk and the text of its title and description.

Nothing here touches the database. Every element that is not read, and every activity that is
skipped, is explained by a ``Skip`` (file, activity, line, element, code, reason); a file that
is not well-formed XML gives one ``Skip`` and no activity. See docs/iati-crosswalk.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pycountry
from lxml import etree

from tamatrix import reference
from tamatrix.core import articles as article_refs
from tamatrix.core.classify import Classifier
from tamatrix.core.convention import is_article
from tamatrix.core.taxonomy import CATEGORY_CODES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CROSSWALK_FILE = "dac-crosswalk.csv"

# Activity-status codes (the same in 1.0x and 2.0x; 6 exists from 2.01) -> ta-matrix statuses.
STATUS_CODES = {
    "1": "planned",
    "2": "ongoing",
    "3": "completed",  # finalisation
    "4": "completed",  # closed / post-completion
    "5": "cancelled",
    "6": "suspended",
}
# Activity-date types: 2.0x codes and the 1.0x words.
DATE_TYPES = {
    "1": "planned_start",
    "2": "actual_start",
    "3": "planned_end",
    "4": "actual_end",
    "start-planned": "planned_start",
    "start-actual": "actual_start",
    "end-planned": "planned_end",
    "end-actual": "actual_end",
}
# Organisation roles: 2.0x codes and the 1.0x words (any case).
ROLE_CODES = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}
# Sector vocabularies: 2.0x codes and the 1.0x names; missing means DAC 5-digit in both.
SECTOR_VOCABULARIES = {"": "1", "1": "1", "dac": "1", "2": "2", "dac-3": "2"}
# Elements of an activity that the importer reads; any other child is listed as not used.
READ_ELEMENTS = frozenset(
    {
        "iati-identifier",
        "reporting-org",
        "title",
        "description",
        "participating-org",
        "activity-status",
        "activity-date",
        "recipient-country",
        "recipient-region",
        "sector",
        "policy-marker",
        "default-aid-type",
        "budget",
    }
)
NOT_USED_REASON = (
    "not used by ta-matrix (it keeps identifiers, organisations, places, sectors, dates, "
    "status and budgets)"
)
# Words that make an activity's text about corruption; weak crosswalk rows, keyword articles
# and the classifier's category apply only to such activities.
_CORRUPTION = re.compile(
    r"corrupt|brib|uncac|integrity|illicit (?:financial|enrichment)|money[- ]launder|"
    r"asset recovery|stolen asset|embezzl|kleptocra|whistle-?blow|conflicts? of interest|"
    r"asset declaration|beneficial owner",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Skip:
    """Something the importer did not take, and why."""

    file: str
    activity: str | None
    line: int | None
    element: str
    code: str
    reason: str


@dataclass(frozen=True)
class Organisation:
    name: str
    ref: str | None = None
    role: str | None = None  # 1 funding, 2 accountable, 3 extending, 4 implementing
    type: str | None = None


@dataclass(frozen=True)
class Sector:
    vocabulary: str
    code: str
    percentage: float | None = None


@dataclass(frozen=True)
class Budget:
    value: float
    currency: str | None
    start: dt.date | None
    end: dt.date | None
    type: str = "1"


@dataclass(frozen=True)
class IatiActivity:
    """One activity as read from the XML, codes kept as published."""

    identifier: str
    line: int | None
    title: str
    description: str = ""
    language: str | None = None
    reporting_org: Organisation | None = None
    participating: tuple[Organisation, ...] = ()
    recipients: tuple[str, ...] = ()  # ISO3 codes of States in the reference data
    regions: tuple[str, ...] = ()  # "vocabulary:code", e.g. "1:489"
    sectors: tuple[Sector, ...] = ()
    aid_type: str | None = None
    policy_markers: tuple[tuple[str, str, str | None], ...] = ()  # vocabulary, code, significance
    dates: tuple[tuple[str, dt.date], ...] = ()  # (planned_start|actual_start|..., date)
    status_code: str | None = None
    budgets: tuple[Budget, ...] = ()
    default_currency: str | None = None

    def date(self, kind: str) -> dt.date | None:
        """The date of a kind (planned_start, actual_start, planned_end, actual_end)."""
        return dict(self.dates).get(kind)

    @property
    def start(self) -> dt.date | None:
        return self.date("actual_start") or self.date("planned_start")

    @property
    def end(self) -> dt.date | None:
        return self.date("actual_end") or self.date("planned_end")


@dataclass
class IatiFile:
    """What one file held: its version, the activities read and what was skipped."""

    file: str
    version: str | None = None
    activities: list[IatiActivity] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    error: str | None = None


# ------------------------------------------------------------------------- reading the XML


def read_iati(path: Path) -> IatiFile:
    """Read one IATI activity file; an unreadable or malformed file gives ``error``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        result = IatiFile(path.name)
        result.error = f"{path}: {exc.strerror}"
        result.skipped.append(
            Skip(path.name, None, None, "file", "file-not-readable", result.error)
        )
        return result
    return parse_iati(data, path.name)


def parse_iati(data: bytes, file: str) -> IatiFile:
    """Parse the bytes of an IATI activity file named ``file``."""
    result = IatiFile(file)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(io.BytesIO(data), parser).getroot()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        result.error = f"{file} is not well-formed XML: {exc.msg} (line {line})"
        result.skipped.append(Skip(file, None, line, "file", "malformed-xml", result.error))
        return result
    if root.tag == "iati-activity":
        elements = [root]
    elif root.tag == "iati-activities":
        elements = [c for c in root if c.tag == "iati-activity"]
        _note_other_children(result, root)
    else:
        result.error = f"{file}: the root element is <{root.tag}>, not <iati-activities>"
        result.skipped.append(
            Skip(file, None, root.sourceline, str(root.tag), "not-iati", result.error)
        )
        return result
    result.version = root.get("version")
    _check_version(result, root)
    unused: Counter[str] = Counter()
    seen: dict[str, int] = {}
    for element in elements:
        activity = _activity(element, result, unused)
        if activity is None:
            continue
        if activity.identifier in seen:
            result.skipped.append(
                Skip(
                    file,
                    activity.identifier,
                    activity.line,
                    "iati-activity",
                    "duplicate-identifier",
                    f"the identifier also appears on line {seen[activity.identifier]}; "
                    "the later activity replaces the earlier one",
                )
            )
            result.activities = [
                a for a in result.activities if a.identifier != activity.identifier
            ]
        seen[activity.identifier] = activity.line or 0
        result.activities.append(activity)
    for name, count in sorted(unused.items()):
        code = "foreign-element" if name.startswith("{") else "not-used"
        reason = (
            "an element of another namespace, ignored"
            if code == "foreign-element"
            else NOT_USED_REASON
        )
        result.skipped.append(Skip(file, None, None, name, code, f"{count} element(s): {reason}"))
    return result


def _note_other_children(result: IatiFile, root: etree._Element) -> None:
    for child in root:
        if isinstance(child.tag, str) and child.tag != "iati-activity":
            result.skipped.append(
                Skip(
                    result.file,
                    None,
                    child.sourceline,
                    child.tag,
                    "not-used",
                    "not an activity (registry record or other metadata), ignored",
                )
            )


def _check_version(result: IatiFile, root: etree._Element) -> None:
    version = result.version
    if version is None:
        result.skipped.append(
            Skip(
                result.file,
                None,
                root.sourceline,
                f"{root.tag}/@version",
                "missing-version",
                "no version attribute; read as 1.0x or 2.0x by the shape of each element",
            )
        )
    elif not re.fullmatch(r"[12]\.0\d?", version.strip()):
        result.skipped.append(
            Skip(
                result.file,
                None,
                root.sourceline,
                f"{root.tag}/@version",
                "unknown-version",
                f"version {version!r} is not an IATI 1.0x or 2.0x version; read anyway",
            )
        )


class _Reader:
    """Reads the children of one activity element, recording what it skips."""

    def __init__(self, element: etree._Element, result: IatiFile):
        self.element = element
        self.result = result
        self.language = (element.get(XML_LANG) or "").lower() or None
        identifier_element = element.find("iati-identifier")
        self.identifier = (
            (identifier_element.text or "").strip() if identifier_element is not None else ""
        )

    def skip(self, element: etree._Element | None, name: str, code: str, reason: str) -> None:
        line = element.sourceline if element is not None else self.element.sourceline
        self.result.skipped.append(
            Skip(self.result.file, self.identifier or None, line, name, code, reason)
        )

    def text(self, element: etree._Element) -> tuple[str, str | None]:
        """The element's text: an English narrative, else the first; 1.0x: the element text."""
        found: list[tuple[str, str | None]] = []
        for narrative in element.findall("narrative"):
            value = " ".join((narrative.text or "").split())
            if value:
                language = (narrative.get(XML_LANG) or "").lower() or self.language
                found.append((value, language))
        for value, language in found:
            if language in (None, "en"):
                return value, "en" if language else None
        if found:
            return found[0]
        return " ".join((element.text or "").split()), self.language


def _activity(
    element: etree._Element, result: IatiFile, unused: Counter[str]
) -> IatiActivity | None:
    reader = _Reader(element, result)
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag not in READ_ELEMENTS:
            unused[child.tag] += 1
    _check_datetime(reader, element, "last-updated-datetime")
    title, language = _title(reader)
    descriptions = [reader.text(d)[0] for d in element.findall("description")]
    # Every part is read first, so that a skipped activity's other problems are reported too.
    activity = IatiActivity(
        identifier=reader.identifier,
        line=element.sourceline,
        title=title,
        description="\n".join(d for d in descriptions if d),
        language=language or reader.language,
        reporting_org=_reporting_org(reader),
        participating=_participating(reader),
        recipients=_recipients(reader),
        regions=_regions(reader),
        sectors=_sectors(reader),
        aid_type=_aid_type(reader),
        policy_markers=_policy_markers(reader),
        dates=_dates(reader),
        status_code=_status(reader),
        budgets=_budgets(reader),
        default_currency=element.get("default-currency"),
    )
    if not reader.identifier:
        reader.skip(
            element,
            "iati-identifier",
            "missing-identifier",
            "the activity has no iati-identifier, so it could not be updated later; skipped",
        )
        return None
    return activity


def _check_datetime(reader: _Reader, element: etree._Element, attribute: str) -> None:
    value = element.get(attribute)
    if value is not None and _date(value) is None:
        reader.skip(
            element,
            f"iati-activity/@{attribute}",
            "impossible-date",
            f"{value!r} is not a calendar date; ignored",
        )


def _title(reader: _Reader) -> tuple[str, str | None]:
    titles = reader.element.findall("title")
    for extra in titles[1:]:
        reader.skip(extra, "title", "duplicate-title", "a second title; the first one is kept")
    title, language = reader.text(titles[0]) if titles else ("", None)
    if not title:
        reader.skip(
            titles[0] if titles else None,
            "title",
            "missing-title",
            "the activity has no title text; its identifier is used as title",
        )
        return reader.identifier, None
    return title, language


def _organisation(reader: _Reader, element: etree._Element) -> Organisation:
    name, _ = reader.text(element)
    ref = (element.get("ref") or "").strip() or None
    return Organisation(name=name or ref or "", ref=ref, type=element.get("type"))


def _reporting_org(reader: _Reader) -> Organisation | None:
    element = reader.element.find("reporting-org")
    if element is None:
        reader.skip(None, "reporting-org", "missing-reporting-org", "no reporting-org")
        return None
    organisation = _organisation(reader, element)
    if not organisation.name:
        reader.skip(element, "reporting-org", "missing-name", "reporting-org without name or ref")
        return None
    return organisation


def _participating(reader: _Reader) -> tuple[Organisation, ...]:
    found: list[Organisation] = []
    for element in reader.element.findall("participating-org"):
        organisation = _organisation(reader, element)
        raw = (element.get("role") or "").strip()
        role = raw if raw in ("1", "2", "3", "4") else ROLE_CODES.get(raw.lower())
        if role is None:
            reader.skip(
                element, "participating-org", "unknown-role", f"role {raw!r} is not an IATI role"
            )
            continue
        if not organisation.name:
            reader.skip(element, "participating-org", "missing-name", "no name and no ref")
            continue
        organisation = Organisation(organisation.name, organisation.ref, role, organisation.type)
        if organisation in found:
            reader.skip(
                element,
                "participating-org",
                "duplicate-organisation",
                f"{organisation.name} appears twice with the same role; counted once",
            )
            continue
        found.append(organisation)
    return tuple(found)


def iso3_of(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 (or alpha-3) country code, None if unknown."""
    code = code.strip().upper()
    if len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None:
        return code
    if len(code) != 2:
        return None
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country is not None else None


def _recipients(reader: _Reader) -> tuple[str, ...]:
    found: list[str] = []
    index = reference.states(include_fictional=False)
    for element in reader.element.findall("recipient-country"):
        raw = element.get("code") or ""
        iso3 = iso3_of(raw)
        if iso3 is None:
            reader.skip(
                element, "recipient-country", "unknown-country", f"{raw!r} is not a country code"
            )
        elif index.get(iso3) is None:
            reader.skip(
                element,
                "recipient-country",
                "not-a-party",
                f"{raw} ({iso3}) is not in ta-matrix's list of States parties",
            )
        elif iso3 not in found:
            found.append(iso3)
    return tuple(found)


def _regions(reader: _Reader) -> tuple[str, ...]:
    found = []
    for element in reader.element.findall("recipient-region"):
        code = (element.get("code") or "").strip()
        if not code:
            reader.skip(element, "recipient-region", "missing-code", "a region without code")
            continue
        found.append(f"{element.get('vocabulary') or '1'}:{code}")
    return tuple(dict.fromkeys(found))


def _percentage(reader: _Reader, element: etree._Element, name: str) -> float | None:
    raw = element.get("percentage")
    if raw is None or not raw.strip():
        return None
    try:
        value = float(raw)
    except ValueError:
        reader.skip(element, f"{name}/@percentage", "not-a-number", f"{raw!r} is not a number")
        return None
    if not 0 <= value <= 100:
        reader.skip(
            element, f"{name}/@percentage", "impossible-percentage", f"{raw} is outside 0-100"
        )
        return None
    return value


def _sectors(reader: _Reader) -> tuple[Sector, ...]:
    elements = reader.element.findall("sector")
    if not elements:
        # Since 2.01 a publisher may give sectors on transactions only.
        elements = reader.element.findall("transaction/sector")
    found: list[Sector] = []
    for element in elements:
        code = (element.get("code") or "").strip()
        if not code:
            text, _ = reader.text(element)
            reader.skip(
                element,
                "sector",
                "missing-code",
                f"a sector without code ({text!r}); not mapped"
                if text
                else "a sector without code",
            )
            continue
        raw = (element.get("vocabulary") or "").strip()
        vocabulary = SECTOR_VOCABULARIES.get(raw.lower(), raw)
        sector = Sector(vocabulary, code, _percentage(reader, element, "sector"))
        if any(s.vocabulary == vocabulary and s.code == code for s in found):
            reader.skip(
                element, "sector", "duplicate-sector", f"sector {code} repeated; counted once"
            )
            continue
        found.append(sector)
    return tuple(found)


def _aid_type(reader: _Reader) -> str | None:
    for element in reader.element.findall("default-aid-type"):
        if (element.get("vocabulary") or "1") == "1" and element.get("code"):
            return element.get("code")
    return None


def _policy_markers(reader: _Reader) -> tuple[tuple[str, str, str | None], ...]:
    found = []
    for element in reader.element.findall("policy-marker"):
        code = element.get("code")
        if not code:
            reader.skip(element, "policy-marker", "missing-code", "a policy marker without code")
            continue
        found.append((element.get("vocabulary") or "1", code, element.get("significance")))
    return tuple(found)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def _date(value: str) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` (a time part is allowed); None when it is not a real date."""
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _dates(reader: _Reader) -> tuple[tuple[str, dt.date], ...]:
    found: dict[str, dt.date] = {}
    for element in reader.element.findall("activity-date"):
        raw_type = (element.get("type") or "").strip()
        kind = DATE_TYPES.get(raw_type.lower())
        if kind is None:
            reader.skip(
                element, "activity-date", "unknown-date-type", f"type {raw_type!r} is not known"
            )
            continue
        raw = element.get("iso-date") or (element.text or "").strip()
        value = _date(raw) if raw else None
        if value is None:
            code = "missing-date" if not raw else "impossible-date"
            reader.skip(
                element,
                f"activity-date[{raw_type}]",
                code,
                "no date given" if not raw else f"{raw!r} is not a calendar date (YYYY-MM-DD)",
            )
            continue
        found.setdefault(kind, value)
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        if start in found and end in found and found[end] < found[start]:
            reader.skip(
                None,
                f"activity-date[{end}]",
                "end-before-start",
                f"{end.replace('_', ' ')} {found[end]} is before {found[start]}; ignored",
            )
            del found[end]
    return tuple(found.items())


def _status(reader: _Reader) -> str | None:
    element = reader.element.find("activity-status")
    if element is None:
        reader.skip(
            None, "activity-status", "missing-status", "no status; it is inferred from the dates"
        )
        return None
    code = (element.get("code") or "").strip()
    if code not in STATUS_CODES:
        reader.skip(
            element,
            "activity-status",
            "unknown-status",
            f"status {code!r} is not an IATI status; it is inferred from the dates",
        )
        return None
    return code


def _budgets(reader: _Reader) -> tuple[Budget, ...]:
    found = []
    for element in reader.element.findall("budget"):
        value_element = element.find("value")
        raw = (value_element.text or "").strip() if value_element is not None else ""
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            reader.skip(
                element,
                "budget/value",
                "not-a-number" if raw else "missing-value",
                f"{raw!r} is not a decimal value; budget ignored" if raw else "no budget value",
            )
            continue
        if value < 0:
            reader.skip(element, "budget/value", "negative-budget", f"{raw} is below zero")
            continue
        start_element = element.find("period-start")
        end_element = element.find("period-end")
        start = _date(start_element.get("iso-date") or "") if start_element is not None else None
        end = _date(end_element.get("iso-date") or "") if end_element is not None else None
        currency = value_element.get("currency") if value_element is not None else None
        found.append(Budget(value, currency, start, end, element.get("type") or "1"))
    return tuple(found)


def budget_total(activity: IatiActivity) -> tuple[float | None, str | None, list[str]]:
    """The activity's budget in one currency, revised budgets replacing original ones for the
    same period; returns (total, currency, notes about budgets left out)."""
    if not activity.budgets:
        return None, activity.default_currency, []
    currency = activity.budgets[0].currency or activity.default_currency
    by_period: dict[tuple[dt.date | None, dt.date | None], Budget] = {}
    notes = []
    for budget in activity.budgets:
        own = budget.currency or activity.default_currency
        if own != currency:
            notes.append(f"a budget of {budget.value:,.0f} {own} is not in {currency}; left out")
            continue
        key = (budget.start, budget.end)
        if key not in by_period or budget.type == "2":
            by_period[key] = budget
    return round(sum(b.value for b in by_period.values()), 2), currency, notes


def status_of(activity: IatiActivity, today: dt.date) -> str:
    """The ta-matrix status: the published code, else inferred from the dates."""
    if activity.status_code is not None:
        return STATUS_CODES[activity.status_code]
    if activity.start is not None and activity.start > today:
        return "planned"
    if activity.end is not None and activity.end < today:
        return "completed"
    return "ongoing"


# ------------------------------------------------------------------ articles and categories


@dataclass(frozen=True)
class CrosswalkRow:
    vocabulary: str
    code: str
    name: str
    articles: tuple[int, ...]
    categories: tuple[str, ...]
    strength: str  # "strong": applies alone; "weak": only with words about corruption
    justification: str


@cache
def load_crosswalk() -> dict[tuple[str, str], CrosswalkRow]:
    """The shipped DAC crosswalk, keyed by (vocabulary, code)."""
    text = resources.files("tamatrix.data").joinpath(CROSSWALK_FILE).read_text(encoding="utf-8")
    rows = {}
    for row in csv.DictReader(io.StringIO(text)):
        numbers = tuple(int(a) for a in row["articles"].split(";") if a.strip())
        categories = tuple(c for c in row["categories"].split(";") if c.strip())
        if not all(is_article(n) for n in numbers) or not set(categories) <= set(CATEGORY_CODES):
            raise ValueError(f"{CROSSWALK_FILE}: bad row for {row['code']}")
        rows[(row["vocabulary"], row["code"])] = CrosswalkRow(
            row["vocabulary"],
            row["code"],
            row["name"],
            numbers,
            categories,
            row["strength"],
            row["justification"],
        )
    return rows


# Words and phrases -> articles; checked on the folded title and description of activities
# that are about corruption. Kept short: each line names the articles' own subject.
KEYWORD_ARTICLES: tuple[tuple[str, tuple[int, ...]], ...] = (
    (r"anti-?corruption (?:strateg|polic|plan)", (5,)),
    (r"corruption (?:risk|prevention)", (5,)),
    (r"anti-?corruption (?:agenc|commission|bod|authorit|office|institution)", (6, 36)),
    (r"civil service|public servant|merit-based recruit", (7,)),
    (r"political (?:party|parties)|campaign financ|electoral financ", (7,)),
    (r"codes? of conduct|conflicts? of interest|asset declaration|declarations? of assets", (8,)),
    (r"procurement", (9,)),
    (r"public financ|audit|budget transparen", (9,)),
    (r"access to information|open government|open data", (10,)),
    (r"judicia|judges?\b|prosecut", (11,)),
    (r"private sector|business integrity|corporate|compliance programme", (12,)),
    (r"civil society|journalis|media|social accountability", (13,)),
    (r"money[- ]launder|anti-money|aml\b", (14, 52)),
    (r"beneficial owner", (12, 14, 52)),
    (r"brib", (15, 16, 21)),
    (r"embezzl|misappropriat", (17, 22)),
    (r"trading in influence", (18,)),
    (r"illicit enrichment", (20,)),
    (r"whistle-?blow|reporting persons", (33,)),
    (r"witness", (32,)),
    (r"asset recovery|stolen asset|asset return|confiscat|forfeit", (31, 51, 54, 57)),
    (r"freez|seiz", (31, 54)),
    (r"mutual legal assistance", (46,)),
    (r"extradit", (44,)),
    (r"law enforcement cooperation|interpol|police cooperation", (48,)),
    (r"joint investigation", (49,)),
    (r"special investigative|undercover|controlled deliver", (50,)),
    (r"financial intelligence", (58,)),
)
_KEYWORDS = tuple((re.compile(p, re.IGNORECASE), a) for p, a in KEYWORD_ARTICLES)


@dataclass(frozen=True)
class Coding:
    """Articles (with how each was found) and categories of an activity, and why."""

    articles: tuple[tuple[int, str], ...]
    categories: tuple[str, ...]
    about_corruption: bool
    reasons: tuple[str, ...]


def code_activity(
    title: str,
    description: str,
    sectors: Iterable[Sector],
    classifier: Classifier | None,
    crosswalk: dict[tuple[str, str], CrosswalkRow] | None = None,
) -> Coding:
    """Articles and categories from the DAC crosswalk, article references, keywords and the
    classifier; see docs/iati-crosswalk.md for the order and the conditions."""
    crosswalk = load_crosswalk() if crosswalk is None else crosswalk
    text = f"{title}\n{description}"
    about = bool(_CORRUPTION.search(text))
    found: dict[int, str] = {}
    categories: list[str] = []
    reasons: list[str] = []
    for sector in sectors:
        row = crosswalk.get((sector.vocabulary, sector.code))
        if row is None or (row.strength == "weak" and not about):
            continue
        about = about or row.strength == "strong"
        for number in row.articles:
            found.setdefault(number, "crosswalk")
        categories += [c for c in row.categories if c not in categories]
        shown = ", ".join(map(str, row.articles)) or "none"
        reasons.append(f"sector {sector.code} ({row.name}): articles {shown}")
    if about:
        for number in article_refs.parse(text):
            if found.setdefault(number, "reference") == "reference":
                reasons.append(f"article {number} named in the text")
        for pattern, numbers in _KEYWORDS:
            match = pattern.search(text)
            if match:
                new = [n for n in numbers if n not in found]
                for number in new:
                    found[number] = "keyword"
                if new:
                    reasons.append(f"'{match.group(0)}': articles {', '.join(map(str, new))}")
        if classifier is not None:
            coding = classifier.classify(title if not description else f"{title}. {description}")
            if coding.primary_category not in categories:
                categories.append(coding.primary_category)
                reasons.append(f"text classified as {coding.primary_category}")
    return Coding(tuple(sorted(found.items())), tuple(categories), about, tuple(reasons))
