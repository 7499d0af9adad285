"""Full-text search of needs: texts as stemmed search terms, and searches as index queries.

A need's text is stored as its *search terms* (table ``need_search``): its words folded (lower
case, no accents) and stemmed with the Snowball stemmer of the need's language, in order and
separated by spaces. SQLite indexes them in an FTS5 table (a column per language), PostgreSQL
as ``to_tsvector('simple', terms)`` in a generated column with a GIN index (migration 0004);
both engines only split the terms on spaces, so the stemming is ours and the same on both.

A search is read as English against the English needs, as French against the French ones and
as Spanish against the Spanish ones: a need matches when it holds every word and "quoted
phrase" of the search stemmed in its language. Words are folded before they are stemmed, on
both sides, so that accents never matter.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.french_stemmer import FrenchStemmer
from snowballstemmer.spanish_stemmer import SpanishStemmer
from sqlalchemy.orm import QueryableAttribute

# The pure-Python stemmers, not ``snowballstemmer.stemmer()``, which switches to PyStemmer when
# it is installed: the terms stored at ingest and the words of a search must be stemmed alike.
STEMMERS: dict[str, Callable[[], Any]] = {
    "en": EnglishStemmer,
    "fr": FrenchStemmer,
    "es": SpanishStemmer,
}
# Needs whose document has no (supported) language: the register is mostly in English.
DEFAULT_LANGUAGE = "en"
# A search uses its first words only; more would only make a slower query (an AND of 64 words
# finds little but the need they were copied from).
MAX_WORDS = 64
FTS_TABLE = "need_search_fts"
# Latin letters that Unicode does not decompose into a letter and an accent.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
# Letters and digits; the underscore, which \w also matches, separates words as in FTS5.
_WORD = re.compile(r"[^\W_]+")
# A "quoted phrase", or a run of characters that are neither spaces nor quotes.
_PART = re.compile(r'"([^"]*)"|([^"\s]+)')
_local = threading.local()
# need_search with the tsvector column that migration 0004 adds on PostgreSQL only.
_PG_SEARCH = sa.table(
    "need_search", sa.column("need_id"), sa.column("language"), sa.column("terms_vector")
)

Phrase = tuple[str, ...]


def fold(text: str) -> str:
    """The text in lower case without accents ("Légiférer" -> "legiferer")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text: runs of letters and digits."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=200_000)
def stem(language: str, word: str) -> str:
    """A folded word stemmed by the Snowball stemmer of ``language`` (en, fr or es)."""
    # Snowball stemmers keep state while they work: one of each per thread.
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = STEMMERS[language]()
    return str(stemmers[language].stemWord(word))


def terms(text: str, language: str) -> str:
    """The search terms of a text in ``language`` (en, fr or es)."""
    # Stemmers leave numbers as they are; skipping them keeps the cache for words.
    return " ".join(w if w.isdigit() else stem(language, w) for w in words(text))


def entry(need_id: int, text: str, language: str | None) -> dict[str, object]:
    """The ``need_search`` row of a need, from its text and its document's language."""
    chosen = language if language in STEMMERS else DEFAULT_LANGUAGE
    return {"need_id": need_id, "language": chosen, "terms": terms(text, chosen)}


def parse(q: str) -> list[Phrase]:
    """What every match must contain: each word, or quoted phrase, as its folded words.

    A word that holds punctuation ("anti-corruption", "l'État") is a phrase of its parts;
    punctuation alone and an unpaired quote are left out.
    """
    found: list[Phrase] = []
    budget = MAX_WORDS
    for phrase, word in _PART.findall(q):
        parts = tuple(words(phrase or word))[:budget]
        if parts and parts not in found:
            found.append(parts)
            budget -= len(parts)
        if budget <= 0:
            break
    return found


def readings(q: str) -> list[tuple[tuple[str, ...], list[Phrase]]]:
    """The search stemmed in each language, as (languages, stemmed phrases) with the languages
    that read it alike together; empty when the search has nothing to search."""
    parsed = parse(q)
    found: dict[tuple[Phrase, ...], list[str]] = {}
    if parsed:
        for language in STEMMERS:
            reading = tuple(tuple(stem(language, w) for w in phrase) for phrase in parsed)
            found.setdefault(reading, []).append(language)
    return [(tuple(languages), list(reading)) for reading, languages in found.items()]


def fts5_query(q: str) -> str | None:
    """The search as a query of the FTS5 table, whose columns en, fr and es hold the terms of
    the needs in that language (None if the search has nothing to search).

    Every phrase is quoted and holds only letters and digits, so nothing a user types can be
    read as FTS5 syntax.
    """
    clauses = []
    for languages, phrases in readings(q):
        clause = "(" + " AND ".join('"' + " ".join(p) + '"' for p in phrases) + ")"
        if len(languages) < len(STEMMERS):
            clause = "{" + " ".join(languages) + "} : " + clause
        clauses.append(clause)
    return " OR ".join(clauses) or None


def tsquery(phrases: list[Phrase]) -> str:
    """Stemmed phrases as a PostgreSQL tsquery: every term quoted, phrases joined by <->."""
    return " & ".join("(" + " <-> ".join(f"'{w}'" for w in phrase) + ")" for phrase in phrases)


def matches(
    need_id: sa.ColumnElement[int] | QueryableAttribute[int],
    q: str,
    dialect: str,
    narrow: bool = False,
) -> sa.ColumnElement[bool] | None:
    """The condition that the need ``need_id`` matches the search ``q`` on this SQL dialect, or
    None when ``q`` has nothing to search (only punctuation, say).

    Args:
        narrow: the other conditions leave few needs (one State's, say). SQLite then looks each
            of them up in the index, rather than listing every match of the search first; it
            cannot tell by itself how many needs a search matches.
    """
    if dialect == "sqlite":
        match = fts5_query(q)
        if match is None:
            return None
        index = sa.table(FTS_TABLE, sa.column("rowid", sa.Integer), sa.column(FTS_TABLE))
        found = index.c[FTS_TABLE].match(match)
        if narrow:
            return sa.exists().where(found, index.c.rowid == need_id)
        return need_id.in_(sa.select(index.c.rowid).where(found))
    conditions = []
    for languages, phrases in readings(q):
        matched: sa.ColumnElement[bool] = _PG_SEARCH.c.terms_vector.bool_op("@@")(
            sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), tsquery(phrases))
        )
        if len(languages) < len(STEMMERS):
            matched = sa.and_(matched, _PG_SEARCH.c.language.in_(languages))
        conditions.append(matched)
    if not conditions:
        return None
    return need_id.in_(sa.select(_PG_SEARCH.c.need_id).where(sa.or_(*conditions)))
