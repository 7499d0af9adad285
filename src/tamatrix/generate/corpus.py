"""Generated corpora: executive summaries written from a profile's plan, with their gold labels.

``generate(profile, out_dir, seed)`` writes one executive summary per review of the profile, in
the shapes of FORMATS.md, as PDF, Word and text files in turn, and a ``gold.jsonl`` beside them
in the format of GOLD.md. Each need of the plan becomes a bullet (or a sub-bullet under a
lead-in, half of a bullet that joins two requests, a paragraph, or a form on a first-cycle
"Article 16: ..." line) whose wording comes from ``templates``; the gold line keeps the text
exactly as written. The same profile, seed and formats always give the same bytes.

Every document says in its front matter and in its file metadata that it is generated demo
data, not a United Nations document.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from tamatrix import reference
from tamatrix.core import convention
from tamatrix.core.states import State
from tamatrix.exceptions import InputError
from tamatrix.generate import templates as T
from tamatrix.generate.profiles import NeedPlan, Profile, ReviewPlan
from tamatrix.generate.render import FORMATS, Block, DocumentSpec, to_text, write_document

GOLD_FILE = "gold.jsonl"
CONVENTION = "United Nations Convention against Corruption"
FIRST_ADDENDUM = 900
_SLOT = re.compile(r"\{(\w+)\}")
_CONDITION = re.compile(r"^\[(!?)(\w+)\]")
_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth"
).split()
_MONTHS = (
    " January February March April May June July August September October November December"
).split(" ")
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


@dataclass(frozen=True)
class GeneratedDocument:
    """One file that ``generate`` wrote."""

    file: str
    state: str
    cycle: int
    date: dt.date
    symbol: str
    format: str
    needs: int


@dataclass(frozen=True)
class GeneratedCorpus:
    """What ``generate`` wrote: the documents, in date order, and the gold file."""

    profile: str
    seed: int
    out_dir: Path
    gold: Path
    documents: tuple[GeneratedDocument, ...]

    @property
    def files(self) -> tuple[Path, ...]:
        """The paths of the generated documents."""
        return tuple(self.out_dir / d.file for d in self.documents)


@dataclass(frozen=True)
class Composed:
    """One executive summary before it is written: the document and its gold line."""

    spec: DocumentSpec
    gold: dict[str, Any]
    stem: str
    running_text_headers: bool


def generate(
    profile: Profile,
    out_dir: Path,
    seed: int = 0,
    formats: Sequence[str] | None = None,
) -> GeneratedCorpus:
    """Write the profile's executive summaries and their gold.jsonl into ``out_dir``.

    Formats rotate over the documents in date order; ``formats=None`` uses the profile's own
    (PDF, Word and text for the demo, text only for ``all-states``).
    """
    chosen = tuple(formats or profile.formats)
    unknown = [f for f in chosen if f not in FORMATS]
    if not chosen or unknown:
        raise InputError(f"unknown format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    documents: list[GeneratedDocument] = []
    lines: list[str] = []
    for index, review in enumerate(profile.reviews):
        fmt = chosen[index % len(chosen)]
        composed = compose(review, profile.name, seed, index, fmt)
        name = f"{composed.stem}.{fmt}"
        path = out_dir / name
        if fmt == "txt" and composed.running_text_headers:
            path.write_text(to_text(composed.spec, running_headers=True), encoding="utf-8")
        else:
            write_document(composed.spec, path)
        gold = {"file": name, **composed.gold, "format": fmt}
        lines.append(json.dumps(gold, ensure_ascii=False))
        documents.append(
            GeneratedDocument(
                name, review.state, review.cycle, review.date, gold["symbol"], fmt,
                len(gold["needs"]),
            )
        )  # fmt: skip
    gold_path = out_dir / GOLD_FILE
    gold_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return GeneratedCorpus(profile.name, seed, out_dir, gold_path, tuple(documents))


def compose(
    review: ReviewPlan, profile_name: str, seed: int, index: int, fmt: str = "txt"
) -> Composed:
    """Write one review's executive summary as a document model and its gold line.

    Text files may get pages with running headers and footers, as a PDF dump has; the other
    formats get their pages from the renderer.
    """
    state = reference.states().get(review.state)
    if state is None:
        raise InputError(f"unknown State {review.state}: add it to demo-states.csv")
    rng = random.Random(f"{profile_name}:{seed}:{review.state}:{review.cycle}")
    world = World.make(rng, state, review)
    writer = _Writer(rng, world, review, profile_name, seed, FIRST_ADDENDUM + index)
    dump = fmt == "txt" and writer.style.running_text_headers
    spec, gold = writer.write(paginate=dump)
    stem = f"{_slug(world['short'])}-{review.date.year}-cycle{review.cycle}"
    return Composed(spec, gold, stem, dump)


def _slug(text: str) -> str:
    """A file-name form of a name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------- the State's world


@dataclass
class World:
    """The invented facts of one document: institutions, laws, years, and which bodies exist."""

    values: dict[str, str]
    facts: frozenset[str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    @classmethod
    def make(cls, rng: random.Random, state: State, review: ReviewPlan) -> World:
        """Draw a world for one review."""
        year = review.date.year
        short = state.aliases[0] if state.aliases else state.name
        facts = {name for name, chance in (("ati", 0.6), ("aro", 0.5)) if rng.random() < chance}
        values: dict[str, str] = {"short": short, "name": state.name}
        for role, names in T.INSTITUTIONS.items():
            values[role] = rng.choice(names)
        if "aro" not in facts:
            values["aro"] = "the authorities responsible for asset recovery"
        for role, titles in T.LAWS.items():
            values[f"law_{role}"] = rng.choice(titles)
        if "ati" not in facts:
            values["law_ati"] = "draft law on access to information"
        start = year - rng.randrange(0, 4)
        values["strategy"] = "the " + rng.choice(T.STRATEGIES).format(start=start, end=start + 4)
        values["year_strategy"] = str(start)
        values["year_recent"] = str(year - rng.randrange(1, 5))
        values["year_procurement"] = str(year - rng.randrange(2, 11))
        values["year_fiu"] = str(year - rng.randrange(4, 16))
        values["ministry"] = rng.choice(
            ("the Ministry of Justice", "the Office of the Prime Minister", "the Cabinet Office")
        )
        values["staff"] = str(rng.randrange(25, 400, 5))
        values["staff_fiu"] = str(rng.randrange(8, 60))
        values["term"] = _NUMBER_WORDS[rng.randrange(4, 8)]
        values["offices"] = rng.choice(("three", "four", "five", "most", "all"))
        values["retention"] = _NUMBER_WORDS[rng.randrange(5, 11)]
        values["treaties"] = _NUMBER_WORDS[rng.randrange(2, 12)]
        for key in (
            "acb",
            "fiu",
            "central_authority",
            "aro",
            "prosecution",
            "civil_service",
            "registry",
        ):
            values[f"{key}_cap"] = _cap(values[key])
        return cls(values, frozenset(facts))

    def allows(self, phrase: str) -> bool:
        """Whether a phrase's condition (``[ati]`` or ``[!aro]`` before it) holds."""
        match = _CONDITION.match(phrase)
        if not match:
            return True
        return (match.group(2) in self.facts) != bool(match.group(1))

    def fill(self, text: str, extra: Mapping[str, str] | None = None) -> str:
        """Replace every slot of a phrase, including the slots of the values put in."""
        text = _CONDITION.sub("", text)
        lookup = {**self.values, **(extra or {})}
        for _ in range(4):
            if "{" not in text:
                break
            text = _SLOT.sub(lambda m: lookup.get(m.group(1), m.group(0)), text)
        if "{" in text:
            raise ValueError(f"unfilled slot in {text!r}")
        return text


def _cap(text: str) -> str:
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """The text with its first letter in lower case, unless the first word is an acronym."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# --------------------------------------------------------------------------- style


@dataclass(frozen=True)
class Style:
    """The choices of layout that make documents differ: numbering, markers, headings."""

    numbered: bool
    marker: str
    sub_marker: str
    recommendation_marker: str
    needs_heading: str
    chapter_separator: str
    running_text_headers: bool
    lead_in_share: float
    pair_share: float
    paragraph_share: float

    @classmethod
    def draw(cls, rng: random.Random) -> Style:
        """Draw the style of one document."""
        marker = rng.choices(["•", "–", "-", "(a)"], [6, 2, 1, 1])[0]
        sub_marker = "•" if marker in ("–", "-") else rng.choice(["–", "-"])
        return cls(
            numbered=rng.random() < 0.8,
            marker=marker,
            sub_marker=sub_marker,
            recommendation_marker=rng.choices(["•", marker, "(a)"], [5, 2, 1])[0],
            needs_heading=rng.choice(T.NEEDS_HEADINGS),
            chapter_separator=rng.choices([": ", " – ", ". "], [6, 1, 1])[0],
            running_text_headers=rng.random() < 0.5,
            lead_in_share=rng.choice((0.0, 0.3, 0.6)),
            pair_share=rng.choice((0.0, 0.0, 0.1)),
            paragraph_share=0.1,
        )


def _markers(style_marker: str, count: int) -> list[str]:
    """The markers of a list of ``count`` items: letters for "(a)", the same marker otherwise."""
    if style_marker == "(a)":
        return [f"({_letters(i)})" for i in range(count)]
    return [style_marker] * count


def _letters(index: int) -> str:
    """a, b, ... z, aa, bb ... as United Nations documents letter long lists."""
    letter = "abcdefghijklmnopqrstuvwxyz"[index % 26]
    return letter * (index // 26 + 1)


# --------------------------------------------------------------------------- references


def reference_text(rng: random.Random, articles: Sequence[int]) -> str:
    """A parenthesised reference naming the articles, in one of the forms documents use."""
    arts = sorted(articles)
    if len(arts) == 1:
        return f"({_single(rng, arts[0])})"
    if len(arts) == 2:
        a, b = arts
        roll = rng.random()
        if roll < 0.15 and b == a + 1:
            return f"(arts. {a}-{b})"
        if roll < 0.35 and T.PARAGRAPHS.get(a):
            second = _single(rng, b)
            return f"(art. {a}, para. {_paragraph(rng, a)}, and {second})"
        return f"(arts. {a} and {b})"
    return f"(arts. {', '.join(map(str, arts[:-1]))} and {arts[-1]})"


def _paragraph(rng: random.Random, article: int) -> int:
    """A paragraph number of the article."""
    return rng.randrange(1, T.PARAGRAPHS[article] + 1)


def _single(rng: random.Random, article: int) -> str:
    """ "art. 9", "art. 9, para. 2", "art. 9, paras. 1 and 2" or "art. 54, para. 1 (a)"."""
    paragraphs = T.PARAGRAPHS.get(article, 0)
    roll = rng.random()
    letters = T.SUBPARAGRAPHS.get((article, 0), "")
    if not paragraphs:
        if letters and roll < 0.25:
            return f"art. {article} ({rng.choice(letters)})"
        return f"art. {article}"
    if roll < 0.5:
        return f"art. {article}"
    paragraph = _paragraph(rng, article)
    letters = T.SUBPARAGRAPHS.get((article, paragraph), "")
    if letters and roll < 0.62:
        return f"art. {article}, para. {paragraph} ({rng.choice(letters)})"
    if paragraph < paragraphs and roll < 0.7:
        return f"art. {article}, paras. {paragraph} and {paragraph + 1}"
    return f"art. {article}, para. {paragraph}"


def heading_reference(articles: Sequence[int]) -> str:
    """ "(art. 9)" or "(arts. 7, 8 and 11)" for an observation heading."""
    if len(articles) == 1:
        return f"(art. {articles[0]})"
    return f"(arts. {', '.join(map(str, articles[:-1]))} and {articles[-1]})"


# --------------------------------------------------------------------------- needs


@dataclass
class _Need:
    """A need of the plan with its wording: the sentence and its reference."""

    plan: NeedPlan
    sentence: str
    ref: str

    @property
    def text(self) -> str:
        return f"{self.sentence} {self.ref}".strip()


def need_vocabulary(need: NeedPlan, rng: random.Random) -> dict[str, tuple[str, ...]]:
    """The phrases a need may use: its topic's, then its articles', then the defaults."""
    layers: list[Mapping[str, tuple[str, ...]]] = []
    if need.topic:
        layers.append(T.TOPICS[need.topic])
    if need.articles in T.JOINT:
        layers.append(T.JOINT[need.articles])
    if need.articles:
        first = rng.choice(need.articles)
        layers.append(_article_vocabulary(first, need.chapter))
        layers += [_article_vocabulary(a, need.chapter) for a in need.articles if a != first]
    else:
        layers.append(T.GENERAL[need.chapter])
    layers.append(T.GENERAL[need.chapter])
    vocabulary: dict[str, tuple[str, ...]] = {}
    for layer in layers:
        for role, phrases in layer.items():
            vocabulary.setdefault(role, phrases)
    return vocabulary


def _article_vocabulary(article: int, chapter: str) -> Mapping[str, tuple[str, ...]]:
    """The vocabulary of an article; first-cycle articles have a subject, audience and body."""
    if article in T.VOCAB:
        return T.VOCAB[article]
    return {
        "subject": T.CYCLE1_SUBJECTS.get(article, T.GENERAL[chapter]["subject"]),
        "audience": T.CYCLE1_AUDIENCES[chapter],
        "body": T.CYCLE1_BODIES[chapter],
    }


def fill_frame(
    rng: random.Random, world: World, frame: str, vocabulary: Mapping[str, tuple[str, ...]]
) -> str:
    """Fill a frame's roles from the vocabulary, falling back on the defaults."""
    chosen: dict[str, str] = {}
    for role in ("subject", "body"):
        chosen[role] = world.fill(rng.choice(vocabulary[role]))
    for role in _SLOT.findall(frame):
        if role in chosen or (role not in vocabulary and role not in T.DEFAULTS):
            continue  # a slot of the world ({short}, {acb} ...), filled below
        phrases = vocabulary.get(role) or T.DEFAULTS[role]
        chosen[role] = world.fill(rng.choice(phrases), chosen)
    return world.fill(frame, chosen)


def usable_frames(frames: Sequence[str], vocabulary: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The frames whose roles the vocabulary (or the defaults) can fill."""
    return [
        f
        for f in frames
        if all(r in vocabulary or r in T.DEFAULTS or r == "ref" for r in _SLOT.findall(f))
    ]


def need_sentence(rng: random.Random, world: World, need: NeedPlan) -> str:
    """The words of one need, without its reference."""
    vocabulary = need_vocabulary(need, rng)
    frames = usable_frames(T.FRAMES[(need.category, need.subcategory)], vocabulary)
    if need.topic:
        # A topic's need names the topic: prefer frames that use the topic's own roles.
        own = set(T.TOPICS[need.topic])
        frames = [f for f in frames if own & set(_SLOT.findall(f))] or frames
    return _cap(fill_frame(rng, world, rng.choice(frames), vocabulary))


# --------------------------------------------------------------------------- the writer


@dataclass
class _Writer:
    """Writes one executive summary block by block and keeps its gold records."""

    rng: random.Random
    world: World
    review: ReviewPlan
    profile: str
    seed: int
    addendum: int
    blocks: list[Block] = field(default_factory=list)
    needs: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    good_practices: list[dict[str, Any]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    style: Style = field(init=False)

    def __post_init__(self) -> None:
        self.style = Style.draw(self.rng)

    # -- the document ---------------------------------------------------------------------

    def write(self, paginate: bool = False) -> tuple[DocumentSpec, dict[str, Any]]:
        """Write every part of the document; return it and its gold record."""
        symbol, job = self._symbol(), self._job_number()
        title = f"Executive summary: {self.world['name']}"
        note = T.GENERATED_NOTE.format(profile=self.profile, seed=self.seed)
        metadata = T.GENERATED_METADATA.format(profile=self.profile, seed=self.seed)
        self._front_matter(symbol, title, note)
        self._mechanism()
        self._heading(1, "II. Executive summary")
        self._paragraph(self.world["name"])
        self._framework()
        chapters = convention.cycle(self.review.cycle).chapters
        for number, chapter in enumerate(chapters, start=2):
            self._chapter(number, chapter)
        blocks = self._paginate(self.blocks) if paginate else self.blocks
        spec = DocumentSpec(tuple(blocks), symbol, job, "en", title, metadata)
        gold = {
            "state": self.review.state,
            "cycle": self.review.cycle,
            "language": "en",
            "date": self.review.date.isoformat(),
            "symbol": symbol,
            "needs": self.needs,
            "recommendations": self.recommendations,
            "good_practices": self.good_practices,
        }
        return spec, gold

    def _symbol(self) -> str:
        """A symbol of the real pattern with an addendum number from 900 up."""
        roman = "I" * self.review.cycle
        start = 2009 if self.review.cycle == 1 else 2015
        year = max(1, self.review.date.year - start)
        return f"CAC/COSP/IRG/{roman}/{year}/1/Add.{self.addendum}"

    def _job_number(self) -> str:
        """A job number such as V.19-04217."""
        return f"V.{self.review.date.year % 100:02d}-{self.rng.randrange(1000, 99999):05d}"

    def _front_matter(self, symbol: str, title: str, note: str) -> None:
        """Symbol, date, session, title, the generated-data note and the addendum line."""
        date = self.review.date
        session_date = date + dt.timedelta(days=self.rng.randrange(45, 150))
        first_day = self.rng.randrange(1, 20)
        original = self.rng.choice(T.ORIGINALS[self._group()])
        ordinal = min(date.year - 2009, len(_ORDINALS) - 1)
        resumed = self.rng.choice(("", "Resumed ", ""))
        self._paragraph("United Nations")
        self._paragraph(symbol)
        self._paragraph("Distr.: General")
        self._paragraph(_long_date(date))
        self._paragraph(f"Original: {original}")
        self._paragraph(f"Conference of the States Parties to the {CONVENTION}")
        self._paragraph("Implementation Review Group")
        session = _ORDINALS[ordinal]
        self._paragraph(f"{resumed}{session if resumed else _cap(session)} session")
        self._paragraph(
            f"Vienna, {first_day}–{first_day + 2} {_MONTHS[session_date.month]} {session_date.year}"
        )
        self._paragraph("Item 2 of the provisional agenda[^*]")
        self._paragraph(f"Review of implementation of the {CONVENTION}")
        self.blocks.append(Block("title", title))
        self._paragraph(note)
        self._paragraph("Note by the Secretariat")
        self._paragraph("Addendum")
        self.blocks.append(Block("footnote", f"CAC/COSP/IRG/{session_date.year}/1.", marker="*"))
        self.blocks.append(Block("pagebreak"))

    def _group(self) -> str:
        """The regional group of the reviewed State."""
        state = reference.states().get(self.review.state)
        assert state is not None
        return state.regional_group

    def _mechanism(self) -> None:
        """Section I: three numbered paragraphs on the review mechanism."""
        self._heading(1, "I. Introduction")
        chapters = " and ".join(convention.cycle(self.review.cycle).chapters)
        ordinal = _ORDINALS[self.review.cycle]
        for number, choices in enumerate(T.MECHANISM_PARAGRAPHS, start=1):
            text = self.rng.choice(choices).format(
                name=_with_article(self.world["name"]), chapters=chapters, ordinal=ordinal
            )
            self._paragraph(f"{number}. {text}")

    def _framework(self) -> None:
        """The overview of the legal and institutional framework."""
        w, rng = self.world, self.rng
        title = (
            f"Introduction: Overview of the legal and institutional framework of {w['short']} in "
            f"the context of implementation of the {CONVENTION}"
        )
        self._heading(2, self._number("1.", title))
        ratified = dt.date(rng.randrange(2004, 2010), rng.randrange(1, 13), rng.randrange(1, 29))
        signed = dt.date(2003, 12, rng.randrange(9, 12))
        if rng.random() < 0.5:
            first = f"{w['short']} signed the Convention on {_long_date(signed)} and ratified it"
        else:
            first = f"{w['short']} acceded to the Convention"
        sentences = [f"{first} on {_long_date(ratified)}."]
        if self.review.cycle == 2:
            year = rng.randrange(2012, 2017)
            sentences.append(
                rng.choice(
                    (
                        f"Its review under the first cycle was completed in {year}.",
                        f"{w['short']} was reviewed under the first cycle in {year}.",
                    )
                )
            )
        self._paragraph(" ".join(sentences))
        system = rng.choice(T.LEGAL_SYSTEMS)
        self._paragraph(f"{w['short']} has {system}. {w.fill(rng.choice(T.TREATY_RULES))}")
        roles = (
            ("anticorruption", "ethics", "procurement", "aml", "poc", "mla", "ati")
            if self.review.cycle == 2
            else ("penal", "cpc", "anticorruption", "aml", "mla", "extradition")
        )
        laws = [
            f"the {w['law_' + r]} ({rng.randrange(1995, self.review.date.year)})"
            for r in roles
            if not (r == "ati" and "ati" not in w.facts)
        ]
        self._paragraph(
            rng.choice(
                (
                    "Among the laws examined by the reviewers are {laws}.",
                    "The main laws considered by the reviewers are {laws}.",
                )
            ).format(laws=_join(laws))
        )
        bodies = ("acb", "audit", "procurement", "fiu", "prosecution", "central_authority")
        names = [w[b] for b in bodies]
        self._paragraph(
            rng.choice(
                (
                    "The institutions most involved include {bodies}.",
                    "Among the bodies responsible for preventing and combating corruption are "
                    "{bodies}.",
                )
            ).format(bodies=_join(names))
        )

    # -- one chapter --------------------------------------------------------------------------

    def _chapter(self, number: int, chapter: str) -> None:
        """One chapter: observations, good practices, recommendations, needs."""
        lower, upper = T.CHAPTER_TITLES[chapter]
        title = upper if self.style.chapter_separator == ". " else self.rng.choice((lower, upper))
        self._heading(
            2, self._number(f"{number}.", f"Chapter {chapter}{self.style.chapter_separator}{title}")
        )
        self._heading(
            3,
            self._number(
                f"{number}.1.", "Observations on the implementation of the articles under review"
            ),
        )
        for articles, heading in T.OBSERVATION_GROUPS[chapter]:
            heading = heading or _titles(articles)
            self._heading(4, f"{heading} {heading_reference(articles)}")
            self._observations(chapter, articles)
        self._heading(3, self._number(f"{number}.2.", "Successes and good practices"))
        self._good_practices(chapter)
        self._heading(3, self._number(f"{number}.3.", "Challenges in implementation"))
        self._recommendations(chapter)
        self._heading(3, self._number(f"{number}.4.", self.style.needs_heading))
        needs = self.review.chapter_needs(chapter)
        if not needs:
            self._paragraph(self.rng.choice(T.NO_NEEDS))
        elif self.review.cycle == 1:
            self._first_cycle_needs(needs)
        else:
            self._second_cycle_needs(needs)

    def _observations(self, chapter: str, articles: Sequence[int]) -> None:
        """One to three paragraphs on a group of articles."""
        rng, w = self.rng, self.world
        sentences: list[str] = []
        if chapter in ("III", "IV"):
            pool = [p for p in T.CYCLE1_OBSERVATIONS[articles[0]] if w.allows(p)]
            sentences = [w.fill(p) for p in rng.sample(pool, k=rng.randrange(1, 3))]
        else:
            for article in articles:
                pool = [p for p in T.OBSERVATIONS[article] if w.allows(p)]
                count = rng.randrange(1, min(3, len(pool)) + 1)
                sentences += [w.fill(p) for p in rng.sample(pool, k=count)]
            if rng.random() < 0.15:
                vocabulary = _article_vocabulary(articles[0], chapter)
                received = rng.choice(T.RECEIVED)
                sentences.append(fill_frame(rng, w, received, vocabulary))
        cut = rng.randrange(1, len(sentences) + 1)
        for part in (sentences[:cut], sentences[cut:]):
            if part:
                self._paragraph(" ".join(part))

    def _good_practices(self, chapter: str) -> None:
        """A few good practices with their references."""
        rng, w = self.rng, self.world
        if self.review.cycle == 1:
            pool = list(T.CYCLE1_GOOD_PRACTICES[chapter])
        else:
            pool = [
                (a, p)
                for a in _chapter_articles(chapter)
                for p in T.GOOD_PRACTICES.get(a, ())
                if w.allows(p)
            ]
        chosen = rng.sample(pool, k=min(len(pool), rng.randrange(1, 4)))
        lead = w.fill(rng.choice(T.GOOD_PRACTICE_LEADS))
        if lead:
            self._paragraph(lead)
        items = [(w.fill(p), reference_text(rng, [a]), [a]) for a, p in chosen]
        self._findings(items, self.good_practices, chapter, "•")

    def _recommendations(self, chapter: str) -> None:
        """ "It is recommended that X:" and the recommendations with their references."""
        rng, w = self.rng, self.world
        self._paragraph(w.fill(rng.choice(T.RECOMMENDATION_LEADS)))
        items = []
        if self.review.cycle == 1:
            pairs = list(T.CYCLE1_RECOMMENDATIONS[chapter])
            for article, phrase in rng.sample(pairs, k=rng.randrange(2, min(6, len(pairs)) + 1)):
                items.append((w.fill(phrase), reference_text(rng, [article]), [article]))
        else:
            for article in _chapter_articles(chapter):
                pool = [p for p in T.RECOMMENDATIONS.get(article, ()) if w.allows(p)]
                if pool and rng.random() < 0.55:
                    items.append(
                        (w.fill(rng.choice(pool)), reference_text(rng, [article]), [article])
                    )
            if not items:
                article = _chapter_articles(chapter)[0]
                phrase = w.fill(rng.choice(T.RECOMMENDATIONS[article]))
                items.append((phrase, reference_text(rng, [article]), [article]))
        self._findings(items, self.recommendations, chapter, self.style.recommendation_marker)

    def _findings(
        self,
        items: list[tuple[str, str, list[int]]],
        gold: list[dict[str, Any]],
        chapter: str,
        marker: str,
    ) -> None:
        """Bullets of recommendations or good practices, and their gold records."""
        markers = _markers(marker, len(items))
        for position, ((text, ref, articles), mark) in enumerate(zip(items, markers, strict=True)):
            end = "." if position == len(items) - 1 else ";"
            self.blocks.append(Block("bullet", f"{text} {ref}{end}", marker=mark))
            gold.append({"chapter": chapter, "articles": sorted(articles), "text": f"{text} {ref}"})

    # -- needs --------------------------------------------------------------------------------

    def _word(self, need: NeedPlan) -> _Need:
        """Give a planned need its words and its reference."""
        ref = reference_text(self.rng, need.articles) if need.articles else ""
        return _Need(need, self._unique(lambda: need_sentence(self.rng, self.world, need)), ref)

    def _unique(self, make: Callable[[], str]) -> str:
        """A wording not used yet in this document (after a few tries, whatever comes)."""
        text = make()
        for _ in range(30):
            if text not in self.used:
                break
            text = make()
        self.used.add(text)
        return text

    def _record(self, need: NeedPlan, text: str) -> None:
        """Keep the gold record of a need as written."""
        self.needs.append(
            {
                "chapter": need.chapter,
                "articles": list(need.articles),
                "primary_category": need.category,
                "secondary_categories": [],
                "subcategory": need.subcategory if need.category == "capacity_building" else None,
                "form": need.form,
                "text": text,
            }
        )

    def _second_cycle_needs(self, plans: Sequence[NeedPlan]) -> None:
        """A second-cycle needs section: bullets, lead-ins, paired requests or paragraphs."""
        rng = self.rng
        units = self._units(plans)
        as_paragraphs = all(kind == "single" for kind, _ in units) and (
            rng.random() < self.style.paragraph_share
        )
        if rng.random() < 0.35 or as_paragraphs:
            self._paragraph(self.world.fill(rng.choice(T.NEEDS_LEADS)))
        markers = _markers(self.style.marker, len(units))
        for position, ((kind, members), marker) in enumerate(zip(units, markers, strict=True)):
            last = position == len(units) - 1
            if kind == "single":
                need = self._word(members[0])
                self._record(need.plan, need.text)
                if as_paragraphs:
                    self._paragraph(f"{need.text}.")
                else:
                    self._bullet(f"{need.text}{'.' if last else ';'}", marker)
            elif kind == "pair":
                self._pair(members, marker, last)
            else:
                self._lead_in(members, marker, last)

    def _units(self, plans: Sequence[NeedPlan]) -> list[tuple[str, list[NeedPlan]]]:
        """Group the needs of a section into single bullets, lead-in groups and pairs."""
        rng, style = self.rng, self.style
        units: list[tuple[str, list[NeedPlan]]] = []
        used: set[int] = set()
        for i, need in enumerate(plans):
            if i in used:
                continue
            key = (need.category, need.subcategory)
            mates = [
                j
                for j in range(i + 1, len(plans))
                if j not in used
                and (plans[j].category, plans[j].subcategory) == key
                and not plans[j].topic
            ]
            if (
                mates
                and not need.topic
                and key in T.LEAD_INS
                and rng.random() < style.lead_in_share
            ):
                group = [i, *mates[: rng.randrange(1, 4)]]
                used.update(group)
                units.append(("lead_in", [plans[j] for j in group]))
                continue
            partner = next(
                (
                    j
                    for j in range(i + 1, len(plans))
                    if j not in used
                    and plans[j].articles
                    and plans[j].category != "international_cooperation"
                ),
                None,
            )
            if need.articles and partner is not None and rng.random() < style.pair_share:
                used.update((i, partner))
                units.append(("pair", [need, plans[partner]]))
                continue
            used.add(i)
            units.append(("single", [need]))
        return units

    def _pair(self, members: list[NeedPlan], marker: str, last: bool) -> None:
        """One bullet that joins two requests, each with its own reference."""
        first, second = (self._word(n) for n in members)
        second_text = _lower_first(second.text)
        self._record(first.plan, first.text)
        self._record(second.plan, second_text)
        self._bullet(f"{first.text} and {second_text}{'.' if last else ';'}", marker)

    def _lead_in(self, members: list[NeedPlan], marker: str, last: bool) -> None:
        """A lead-in bullet ending with a colon and one sub-bullet per need."""
        rng, w = self.rng, self.world
        key = (members[0].category, members[0].subcategory)
        same_articles = len({n.articles for n in members}) == 1 and members[0].articles
        shared = same_articles and key in T.SHARED_LEAD_INS and rng.random() < 0.5
        vocabularies = [need_vocabulary(n, rng) for n in members]
        if shared:
            lead_frame, sub_frame = rng.choice(T.SHARED_LEAD_INS[key])
            ref = reference_text(rng, members[0].articles)
            lead = fill_frame(rng, w, lead_frame.replace("{ref}", ref), vocabularies[0])
            refs = [""] * len(members)
        else:
            lead, sub_frame = rng.choice(T.LEAD_INS[key])
            refs = [reference_text(rng, n.articles) if n.articles else "" for n in members]
        self._bullet(lead, marker)
        subs = _markers(self.style.sub_marker, len(members))
        for position, (need, vocabulary, ref, sub) in enumerate(
            zip(members, vocabularies, refs, subs, strict=True)
        ):
            words = self._unique(partial(_sub_bullet, rng, w, sub_frame, vocabulary))
            text = f"{words} {ref}".strip()
            self._record(need, f"{lead} {text}")
            end = "." if last and position == len(members) - 1 else ";"
            self.blocks.append(Block("subbullet", f"{text}{end}", level=1, marker=sub))

    def _first_cycle_needs(self, plans: Sequence[NeedPlan]) -> None:
        """A first-cycle needs section: forms per article on one line each, then sentences."""
        rng, w = self.rng, self.world
        lines: dict[tuple[int, ...], list[NeedPlan]] = {}
        sentences: list[NeedPlan] = []
        for need in plans:
            if need.form:
                lines.setdefault(need.articles, []).append(need)
            else:
                sentences.append(need)
        self._paragraph(w.fill(rng.choice(T.FORM_LEADS if lines else T.NEEDS_LEADS)))
        count = len(lines) + len(sentences)
        markers = _markers(self.style.marker, count)
        position = 0
        for articles, forms in lines.items():
            label = _form_label(articles)
            wordings = []
            for need in forms:
                vocabulary = need_vocabulary(need, rng)
                wording = fill_frame(
                    rng, w, rng.choice(T.FORM_WORDINGS[need.form or ""]), vocabulary
                )
                wordings.append(wording)
                self._record(need, f"{label}: {wording}")
            end = "." if position == count - 1 else ";"
            self._bullet(f"{label}: {'; '.join(wordings)}{end}", markers[position])
            position += 1
        for need in sentences:
            worded = self._word(need)
            self._record(need, worded.text)
            end = "." if position == count - 1 else ";"
            self._bullet(f"{worded.text}{end}", markers[position])
            position += 1

    # -- blocks -------------------------------------------------------------------------------

    def _heading(self, level: int, text: str) -> None:
        self.blocks.append(Block("heading", text, level=level))

    def _paragraph(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text))

    def _bullet(self, text: str, marker: str) -> None:
        self.blocks.append(Block("bullet", text, marker=marker))

    def _number(self, number: str, text: str) -> str:
        """A heading with its number, or without it, as the document's style says."""
        return f"{number} {text}" if self.style.numbered else text

    def _paginate(self, blocks: list[Block]) -> list[Block]:
        """Break the text into pages of 20 to 34 blocks, as a PDF dump would be."""
        out: list[Block] = []
        since = 0
        size = self.rng.randrange(20, 35)
        section_heading: Block | None = None
        previous = ""
        for block in blocks:
            if block.kind == "pagebreak":
                since = 0
            if block.kind == "heading":
                section_heading = block if block.level == 3 else section_heading
            # Like a word processor, keep a heading with the block after it.
            breakable = previous != "heading" and block.kind in ("paragraph", "bullet", "subbullet")
            previous = block.kind
            if since >= size and breakable:
                if block.kind != "paragraph" and self.rng.random() < 0.3:
                    out.append(_split_block(block, self.rng))
                    since = 1
                    continue
                out.append(Block("pagebreak"))
                since = 0
                if block.kind != "paragraph" and section_heading and self.rng.random() < 0.5:
                    out.append(section_heading)  # a heading repeated after a page break
            out.append(block)
            since += 1
        return out


def _sub_bullet(
    rng: random.Random, world: World, frame: str, vocabulary: Mapping[str, tuple[str, ...]]
) -> str:
    """The words of a sub-bullet, in lower case as they continue their lead-in."""
    return _lower_first(fill_frame(rng, world, frame, vocabulary))


def _split_block(block: Block, rng: random.Random) -> Block:
    """The block with a page break between two of its words."""
    words = block.text.split(" ")
    # Break before a word in lower case, so that the second half reads as a continuation.
    cuts = [i for i in range(3, len(words) - 2) if words[i][:1].islower()]
    if not cuts:
        return block
    cut = rng.choice(cuts)
    text = " ".join(words[:cut]) + " {{page}} " + " ".join(words[cut:])
    return Block(block.kind, text, block.level, block.marker)


_FORMAL = re.compile(
    r"^(?:Republic|Kingdom|Principality|United Republic|Federal Republic|Commonwealth|Grand Duchy"
    r"|Sultanate|State|Democratic Republic|Federated States)\b"
)


def _with_article(name: str) -> str:
    """ "the Republic of X" but "Arovovia"."""
    return f"the {name}" if _FORMAL.match(name) else name


def _form_label(articles: Sequence[int]) -> str:
    """ "Article 16" or "Articles 23 and 24"."""
    if len(articles) == 1:
        return f"Article {articles[0]}"
    return f"Articles {', '.join(map(str, articles[:-1]))} and {articles[-1]}"


def _chapter_articles(chapter: str) -> list[int]:
    """The articles of a chapter that the second cycle reviews."""
    return sorted(
        a.number for a in convention.ARTICLES if a.chapter == chapter and a.number in T.VOCAB
    )


def _titles(articles: Sequence[int]) -> str:
    """The Convention's titles of the articles, joined as observation headings join them."""
    titles = [convention.article(a).title for a in articles]
    return "; ".join([titles[0], *(_lower_first(t) for t in titles[1:])])


def _join(items: Sequence[str]) -> str:
    """ "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _long_date(date: dt.date) -> str:
    """ "5 October 2020"."""
    return f"{date.day} {_MONTHS[date.month]} {date.year}"


def iter_gold(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a gold.jsonl file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)
