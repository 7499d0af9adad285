"""States parties, the United Nations regional groups, and finding a State's name in text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RegionalGroup:
    code: str
    name: str


REGIONAL_GROUPS: tuple[RegionalGroup, ...] = (
    RegionalGroup("african", "African States"),
    RegionalGroup("asia_pacific", "Asia-Pacific States"),
    RegionalGroup("eastern_european", "Eastern European States"),
    RegionalGroup("latin_american_caribbean", "Latin American and Caribbean States"),
    RegionalGroup("western_european_other", "Western European and other States"),
)
GROUP_CODES = tuple(g.code for g in REGIONAL_GROUPS)
_GROUP_NAMES = {g.code: g.name for g in REGIONAL_GROUPS}


def group_name(code: str) -> str:
    return _GROUP_NAMES[code]


def group_code(text: str) -> str:
    """The group code for a code or a loose name ('african', 'GRULAC', 'Eastern European')."""
    key = fold(text).replace("-", " ").replace("_", " ")
    aliases = {
        "grulac": "latin_american_caribbean",
        "latin america": "latin_american_caribbean",
        "weog": "western_european_other",
        "western": "western_european_other",
        "asia": "asia_pacific",
        "asia pacific": "asia_pacific",
        "africa": "african",
        "eastern europe": "eastern_european",
    }
    for code, name in _GROUP_NAMES.items():
        if key in (code.replace("_", " "), fold(name), fold(name).removesuffix(" states")):
            return code
    for alias, code in aliases.items():
        if key == alias:
            return code
    raise KeyError(text)


@dataclass(frozen=True)
class State:
    iso3: str
    name: str
    regional_group: str
    status: str
    aliases: tuple[str, ...] = ()
    group_note: str = ""

    @property
    def fictional(self) -> bool:
        return self.status == "fictional"


def fold(text: str) -> str:
    """Lower case without accents, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


_PREFIXES = re.compile(
    r"^(the )?(republic|kingdom|principality|state|united republic|federal republic|"
    r"commonwealth|grand duchy|sultanate|federation|union) of (the )?"
)


class StateIndex:
    """Looks States up by code or name, and finds the States a text names."""

    def __init__(self, states: Iterable[State]):
        self.states = tuple(states)
        self._by_code = {s.iso3: s for s in self.states}
        names: dict[str, str] = {}
        for s in self.states:
            for name in (s.name, *s.aliases):
                names[fold(name)] = s.iso3
                names.setdefault(_PREFIXES.sub("", fold(name)), s.iso3)
        self._by_name = names
        # Longest names first so that "Democratic Republic of the Congo" wins over "Congo".
        alternatives = sorted(names, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w])("
            + "|".join(re.escape(n) for n in alternatives if len(n) > 3)
            + r")(?![\w])"
        )

    def __len__(self) -> int:
        return len(self.states)

    def get(self, code: str) -> State | None:
        return self._by_code.get(code.upper())

    def lookup(self, text: str) -> State | None:
        """The State whose code or name (official, short or alias) is exactly ``text``."""
        stripped = text.strip()
        if len(stripped) == 3 and stripped.upper() in self._by_code:
            return self._by_code[stripped.upper()]
        key = fold(stripped)
        code = self._by_name.get(key) or self._by_name.get(_PREFIXES.sub("", key))
        return self._by_code[code] if code else None

    def find_in(self, text: str) -> list[str]:
        """Codes of the States named in ``text``, in order of first mention, each once."""
        found: list[str] = []
        for match in self._pattern.finditer(fold(text)):
            code = self._by_name[match.group(1)]
            if code not in found:
                found.append(code)
        return found
