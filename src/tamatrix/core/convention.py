"""The United Nations Convention against Corruption: chapters, articles and review cycles.

Pure reference data: the Convention does not change, so it lives in code, not in a file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    numeral: str
    title: str


@dataclass(frozen=True)
class Article:
    number: int
    chapter: str
    title: str


@dataclass(frozen=True)
class Cycle:
    number: int
    chapters: tuple[str, ...]
    articles: frozenset[int]


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("I", "General provisions"),
    Chapter("II", "Preventive measures"),
    Chapter("III", "Criminalization and law enforcement"),
    Chapter("IV", "International cooperation"),
    Chapter("V", "Asset recovery"),
    Chapter("VI", "Technical assistance and information exchange"),
    Chapter("VII", "Mechanisms for implementation"),
    Chapter("VIII", "Final provisions"),
)

ARTICLES: tuple[Article, ...] = (
    Article(1, "I", "Statement of purpose"),
    Article(2, "I", "Use of terms"),
    Article(3, "I", "Scope of application"),
    Article(4, "I", "Protection of sovereignty"),
    Article(5, "II", "Preventive anti-corruption policies and practices"),
    Article(6, "II", "Preventive anti-corruption body or bodies"),
    Article(7, "II", "Public sector"),
    Article(8, "II", "Codes of conduct for public officials"),
    Article(9, "II", "Public procurement and management of public finances"),
    Article(10, "II", "Public reporting"),
    Article(11, "II", "Measures relating to the judiciary and prosecution services"),
    Article(12, "II", "Private sector"),
    Article(13, "II", "Participation of society"),
    Article(14, "II", "Measures to prevent money-laundering"),
    Article(15, "III", "Bribery of national public officials"),
    Article(
        16,
        "III",
        "Bribery of foreign public officials and officials of public international organizations",
    ),
    Article(
        17,
        "III",
        "Embezzlement, misappropriation or other diversion of property by a public official",
    ),
    Article(18, "III", "Trading in influence"),
    Article(19, "III", "Abuse of functions"),
    Article(20, "III", "Illicit enrichment"),
    Article(21, "III", "Bribery in the private sector"),
    Article(22, "III", "Embezzlement of property in the private sector"),
    Article(23, "III", "Laundering of proceeds of crime"),
    Article(24, "III", "Concealment"),
    Article(25, "III", "Obstruction of justice"),
    Article(26, "III", "Liability of legal persons"),
    Article(27, "III", "Participation and attempt"),
    Article(28, "III", "Knowledge, intent and purpose as elements of an offence"),
    Article(29, "III", "Statute of limitations"),
    Article(30, "III", "Prosecution, adjudication and sanctions"),
    Article(31, "III", "Freezing, seizure and confiscation"),
    Article(32, "III", "Protection of witnesses, experts and victims"),
    Article(33, "III", "Protection of reporting persons"),
    Article(34, "III", "Consequences of acts of corruption"),
    Article(35, "III", "Compensation for damage"),
    Article(36, "III", "Specialized authorities"),
    Article(37, "III", "Cooperation with law enforcement authorities"),
    Article(38, "III", "Cooperation between national authorities"),
    Article(39, "III", "Cooperation between national authorities and the private sector"),
    Article(40, "III", "Bank secrecy"),
    Article(41, "III", "Criminal record"),
    Article(42, "III", "Jurisdiction"),
    Article(43, "IV", "International cooperation"),
    Article(44, "IV", "Extradition"),
    Article(45, "IV", "Transfer of sentenced persons"),
    Article(46, "IV", "Mutual legal assistance"),
    Article(47, "IV", "Transfer of criminal proceedings"),
    Article(48, "IV", "Law enforcement cooperation"),
    Article(49, "IV", "Joint investigations"),
    Article(50, "IV", "Special investigative techniques"),
    Article(51, "V", "General provision"),
    Article(52, "V", "Prevention and detection of transfers of proceeds of crime"),
    Article(53, "V", "Measures for direct recovery of property"),
    Article(
        54,
        "V",
        "Mechanisms for recovery of property through international cooperation in confiscation",
    ),
    Article(55, "V", "International cooperation for purposes of confiscation"),
    Article(56, "V", "Special cooperation"),
    Article(57, "V", "Return and disposal of assets"),
    Article(58, "V", "Financial intelligence unit"),
    Article(59, "V", "Bilateral and multilateral agreements and arrangements"),
    Article(60, "VI", "Training and technical assistance"),
    Article(61, "VI", "Collection, exchange and analysis of information on corruption"),
    Article(
        62,
        "VI",
        "Other measures: implementation of the Convention through economic development and "
        "technical assistance",
    ),
    Article(63, "VII", "Conference of the States Parties to the Convention"),
    Article(64, "VII", "Secretariat"),
    Article(65, "VIII", "Implementation of the Convention"),
    Article(66, "VIII", "Settlement of disputes"),
    Article(67, "VIII", "Signature, ratification, acceptance, approval and accession"),
    Article(68, "VIII", "Entry into force"),
    Article(69, "VIII", "Amendment"),
    Article(70, "VIII", "Denunciation"),
    Article(71, "VIII", "Depositary and languages"),
)

# Article 43 (general obligation to cooperate) is in chapter IV but outside both cycles' scope.
CYCLES: tuple[Cycle, ...] = (
    Cycle(1, ("III", "IV"), frozenset([*range(15, 43), *range(44, 51)])),
    Cycle(2, ("II", "V"), frozenset([*range(5, 15), *range(51, 60)])),
)

_ARTICLES = {a.number: a for a in ARTICLES}
_CHAPTERS = {c.numeral: c for c in CHAPTERS}
_CYCLES = {c.number: c for c in CYCLES}


def article(number: int) -> Article:
    """The article with this number; KeyError if the Convention has none."""
    return _ARTICLES[number]


def is_article(number: int) -> bool:
    return number in _ARTICLES


def chapter(numeral: str) -> Chapter:
    return _CHAPTERS[numeral]


def cycle(number: int) -> Cycle:
    return _CYCLES[number]


def chapter_of(number: int) -> str:
    """The chapter numeral of an article."""
    return _ARTICLES[number].chapter


def cycle_of_article(number: int) -> int | None:
    """The review cycle whose scope includes the article, or None (articles 1-4, 43, 60-71)."""
    for c in CYCLES:
        if number in c.articles:
            return c.number
    return None


def cycle_of_chapter(numeral: str) -> int | None:
    for c in CYCLES:
        if numeral in c.chapters:
            return c.number
    return None


def articles_in(
    chapter_numeral: str | None = None, cycle_number: int | None = None
) -> list[Article]:
    """Articles filtered by chapter and by the cycle that reviews them."""
    found = list(ARTICLES)
    if chapter_numeral is not None:
        found = [a for a in found if a.chapter == chapter_numeral]
    if cycle_number is not None:
        scope = _CYCLES[cycle_number].articles
        found = [a for a in found if a.number in scope]
    return found


def roman(number: int) -> str:
    """Roman numeral for 1-8 (chapter numbers written as digits in some documents)."""
    return CHAPTERS[number - 1].numeral
