"""Language identification: the writing system first, then frequent words for Latin script.

ta-matrix reads English, French and Spanish. The other official languages of the United
Nations are told apart by their scripts, and a few other European languages by their most
frequent words, so that a document in one of them is reported as such, never read as if it
were in a supported language.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

# Enough text to decide (a few pages); reading more only costs time.
_MAX_CHARS = 20_000
_MIN_LETTERS = 10
_MIN_WORDS = 3
# The winning language's frequent words must make up at least this share of the words.
_MIN_COVERAGE = 0.1
# Coverage at which a Latin-script decision is fully confident.
_FULL_COVERAGE = 0.25

# The letters of scripts other than Latin, as (first, last, script) code point ranges.
_RANGES = (
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x04FF, "cyrillic"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1100, 0x11FF, "hangul"),
    (0x3040, 0x30FF, "han"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xF900, 0xFAFF, "han"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFC, "arabic"),
)
_RANGE_STARTS = [first for first, _, _ in _RANGES]
# One character class for all of them: a single pass finds runs of letters of one script.
_OTHER_SCRIPTS = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b, _ in _RANGES) + "]+")
_SINGLE_LANGUAGE_SCRIPTS = {
    "hangul": "ko",
    "greek": "el",
    "hebrew": "he",
    "devanagari": "hi",
    "thai": "th",
}
_KANA = re.compile(r"[\u3040-\u30ff]")
# Letters that one language of a script uses and its neighbours do not.
_MARKERS = {
    "cyrillic": {"ru": "ыэъё", "uk": "іїєґ", "sr": "ђјљњћџ"},
    "arabic": {"fa": "پچژگکی", "ur": "ٹڈڑںے"},
}
_LATIN_WORD = re.compile(r"[a-z\u00df-\u00f6\u00f8-\u024f]+")

_STOPWORDS = {
    "en": """the of and to in a is that for on with by as be are this was it or an at from
        which have has not been its should were their such also these other may will would
        there into under than more all can any who shall""",
    "fr": """le la les des du de et est une un pour dans que qui sur par au aux ce cette ces
        pas ne sont été avec ont il elle leur leurs ou mais plus être son sa ses nous entre
        lors dont selon également afin l d qu""",
    "es": """el la los las del de y que en por con para una un es se lo como más su sus al
        no sobre entre también ha han fue son esta este estos estas ser o pero sin desde""",
    "pt": """o a os as do da dos das de e que em no na nos nas um uma com para por não se ao
        aos pela pelo pelas pelos é foi são ser também mais sua seu suas seus entre ou mas
        como está""",
    "it": """il lo la i gli le di del della dei delle degli e che in per un una è sono non
        con da dal dalla al alla ai alle nel nella nei nelle si anche come più ha hanno
        essere o ma tra fra questo questa l""",
    "de": """der die das den dem des und in zu von mit sich auf für ist im nicht ein eine
        einer eines als auch es an werden aus hat dass wurde wird sind bei oder nach wie sie
        über zur zum vom""",
    "nl": """de het een van en in is dat op te zijn voor met die niet aan er om ook als
        worden bij door wordt naar tot uit over zich of maar deze dit hun""",
    "ca": """el la els les de del dels i a que en per amb un una és no al als són es pel pels
        seva seu seus més també però sobre entre aquest aquesta ha han va l d""",
    "ro": """de la și în a cu pe care din pentru nu este să se o un mai ca al fost sau prin
        sunt acest această lui ale unei unui""",
    "pl": """w i z na się nie do że to jest o od po jak dla przez oraz a ich są aby być przy
        lub też które który która tym""",
}
# The letters beyond a-z that each language writes; words with others are foreign to it.
_LETTERS = {
    "en": "",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "de": "äöüß",
    "nl": "éëïöüèáó",
    "ca": "àçèéíïòóúü",
    "ro": "ăâîșşțţ",
    "pl": "ąćęłńóśźż",
}
# More than this share of foreign words means the text is in some other language.
_MAX_FOREIGN = 0.1
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _weights() -> dict[str, dict[str, float]]:
    """Return, for each frequent word, its weight in each language that uses it.

    A word that several languages share counts for each of them in proportion, so the words
    that only one language uses decide between close languages.
    """
    languages: dict[str, list[str]] = {}
    for language, words in _STOPWORDS.items():
        for word in words.split():
            languages.setdefault(word, []).append(language)
    return {
        word: {language: 1 / len(users) for language in users} for word, users in languages.items()
    }


_WEIGHTS = _weights()


def detect(text: str) -> tuple[str | None, float]:
    """Return the ISO 639-1 code of the language of ``text`` and a confidence from 0 to 1.

    Returns ``(None, 0.0)`` when the text is too short or its language is not recognised.
    """
    sample = text[:_MAX_CHARS].lower()
    words = _LATIN_WORD.findall(sample)
    counts = Counter({"latin": sum(map(len, words))})
    for run in _OTHER_SCRIPTS.findall(sample):
        counts[_RANGES[bisect.bisect_right(_RANGE_STARTS, ord(run[0])) - 1][2]] += len(run)
    letters = sum(counts.values())
    if letters < _MIN_LETTERS:
        return None, 0.0
    script, count = counts.most_common(1)[0]
    share = count / letters
    if script == "latin":
        return _latin_language(words, share)
    return _script_language(script, sample, count), round(share, 2)


def _script_language(script: str, sample: str, letters: int) -> str:
    """Return the language of a text written mostly in a script other than Latin."""
    if script in _SINGLE_LANGUAGE_SCRIPTS:
        return _SINGLE_LANGUAGE_SCRIPTS[script]
    if script == "han":
        return "ja" if len(_KANA.findall(sample)) > 0.05 * letters else "zh"
    default = "ru" if script == "cyrillic" else "ar"
    markers = {
        language: sum(sample.count(letter) for letter in marker_letters)
        for language, marker_letters in _MARKERS[script].items()
    }
    best = max(markers, key=lambda language: markers[language])
    # A few marker letters can come from a name or a typing habit; a language that has them
    # uses them all the time.
    return best if markers[best] > 0.02 * letters else default


def _latin_language(words: list[str], share: float) -> tuple[str | None, float]:
    """Return the language of a Latin-script text from its most frequent (lower-case) words."""
    if len(words) < _MIN_WORDS:
        return None, 0.0
    frequencies = Counter(words)
    scores: dict[str, float] = {}
    hits: Counter[str] = Counter()
    for word, count in frequencies.items():
        for language, weight in _WEIGHTS.get(word, {}).items():
            scores[language] = scores.get(language, 0.0) + weight * count
            hits[language] += count
    if not scores:
        return None, 0.0
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best, best_score = ranked[0]
    second_score = ranked[1][1] if len(ranked) > 1 else 0.0
    coverage = hits[best] / len(words)
    if coverage < _MIN_COVERAGE or hits[best] < 2:
        return None, 0.0
    allowed = _ASCII_LETTERS.union(_LETTERS[best])
    foreign = sum(count for word, count in frequencies.items() if not allowed.issuperset(word))
    if foreign > _MAX_FOREIGN * len(words):
        return None, 0.0
    margin = (best_score - second_score) / best_score
    confidence = share * min(1.0, coverage / _FULL_COVERAGE) * min(1.0, 0.5 + margin)
    return best, round(confidence, 2)
