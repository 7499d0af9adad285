"""Generated corpora: deterministic, faithful to the published figures, readable by the
extractor (docs/demo-profile.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from tamatrix import reference
from tamatrix.core import convention
from tamatrix.exceptions import InputError
from tamatrix.generate.corpus import GeneratedCorpus, generate
from tamatrix.generate.profiles import PROFILES, Profile, load_profile, parse_need
from tamatrix.pipeline import evaluate_corpus

Gold = list[dict[str, Any]]
SEPTEMBER_2020 = dt.date(2020, 9, 30)
AUGUST_2019 = dt.date(2019, 8, 31)


# --------------------------------------------------------------------------- counting gold


def _until(gold: Gold, cut_off: dt.date) -> Gold:
    """The reviews dated on or before the cut-off."""
    return [g for g in gold if dt.date.fromisoformat(g["date"]) <= cut_off]


def _needs(gold: Gold) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every need with the gold line of its document."""
    return [(g, n) for g in gold for n in g["needs"]]


def _group(code: str) -> str:
    state = reference.states().get(code)
    assert state is not None
    return state.regional_group


def _count(gold: Gold, keep: Callable[[dict[str, Any]], bool]) -> int:
    """The number of needs that ``keep`` accepts."""
    return sum(1 for _, n in _needs(gold) if keep(n))


def _states(gold: Gold, keep: Callable[[dict[str, Any]], bool]) -> int:
    """The number of States with at least one need that ``keep`` accepts."""
    return len({g["state"] for g, n in _needs(gold) if keep(n)})


def _names(*articles: int) -> Callable[[dict[str, Any]], bool]:
    """Needs naming any of the articles."""
    return lambda n: bool(set(n["articles"]) & set(articles))


def _per_article(gold: Gold) -> Counter[int]:
    """Needs per article: a need naming several articles counts under each (CODEBOOK.md)."""
    return Counter(a for _, n in _needs(gold) for a in n["articles"])


# --------------------------------------------------------------------------- determinism


def _coded(entry: dict[str, Any]) -> Counter[tuple[str, tuple[int, ...], str]]:
    """The needs of a gold line as coded, whatever their wording and order."""
    return Counter(
        (n["chapter"], tuple(n["articles"]), n["primary_category"]) for n in entry["needs"]
    )


def _subset(profile: Profile, count: int) -> Profile:
    """The profile's first reviews only (document ``i`` stays document ``i``)."""
    return dataclasses.replace(profile, reviews=profile.reviews[:count])


def test_generation_gives_the_same_bytes_for_the_same_seed(
    demo_profile: Profile, demo_corpus: GeneratedCorpus, tmp_path: Path
) -> None:
    again = generate(_subset(demo_profile, 6), tmp_path, seed=0)
    assert {d.format for d in again.documents} == {"pdf", "docx", "txt"}
    for document in again.documents:
        first = (demo_corpus.out_dir / document.file).read_bytes()
        assert (tmp_path / document.file).read_bytes() == first, document.file
    lines = demo_corpus.gold.read_text(encoding="utf-8").splitlines()
    assert again.gold.read_text(encoding="utf-8").splitlines() == lines[:6]


def test_another_seed_changes_the_wording_but_not_the_needs(
    demo_profile: Profile, demo_gold: Gold, tmp_path: Path
) -> None:
    other = generate(_subset(demo_profile, 8), tmp_path, seed=7, formats=("txt",))
    lines = [json.loads(line) for line in other.gold.read_text(encoding="utf-8").splitlines()]
    for mine, theirs in zip(lines, demo_gold, strict=False):
        assert _coded(mine) == _coded(theirs)
    assert [g["needs"] for g in lines] != [g["needs"] for g in demo_gold[:8]]


def test_formats_rotate_and_an_unknown_format_is_refused(
    demo_corpus: GeneratedCorpus, demo_profile: Profile, tmp_path: Path
) -> None:
    formats = Counter(d.format for d in demo_corpus.documents)
    assert formats == {"pdf": 15, "docx": 15, "txt": 14}
    with pytest.raises(InputError):
        generate(_subset(demo_profile, 1), tmp_path, formats=("rtf",))


# --------------------------------------------------------------------------- the documents


def test_every_document_says_it_is_generated_demo_data(
    demo_corpus: GeneratedCorpus, read_text: Callable[[Path], str]
) -> None:
    import docx
    import pypdfium2 as pdfium

    for path in demo_corpus.files:
        text = re.sub(r"\s+", " ", read_text(path))
        title = text.index("Executive summary: ")
        assert "GENERATED DEMO DATA" in text[title : title + 300], path.name
        assert "This is not a United Nations document" in text
        if path.suffix == ".pdf":
            pdf = pdfium.PdfDocument(path)
            try:
                assert "Not a United Nations document" in pdf.get_metadata_dict()["Subject"]
            finally:
                pdf.close()
        elif path.suffix == ".docx":
            comments = docx.Document(str(path)).core_properties.comments
            assert "Not a United Nations document" in comments


def test_symbols_follow_the_real_pattern_with_addenda_from_900(demo_gold: Gold) -> None:
    numbers = []
    for entry in demo_gold:
        match = re.fullmatch(r"CAC/COSP/IRG/II/\d/1/Add\.(\d+)", entry["symbol"])
        assert match, entry["symbol"]
        numbers.append(int(match.group(1)))
    assert min(numbers) >= 900 and len(set(numbers)) == len(numbers)


def test_gold_lines_follow_gold_md(demo_gold: Gold, demo_corpus: GeneratedCorpus) -> None:
    assert [g["file"] for g in demo_gold] == [d.file for d in demo_corpus.documents]
    for entry in demo_gold:
        assert entry["cycle"] == 2 and entry["language"] == "en"
        for need in entry["needs"]:
            assert need["chapter"] in ("II", "V")
            assert need["articles"] == sorted(need["articles"])
            assert all(convention.chapter_of(a) == need["chapter"] for a in need["articles"])
            assert (need["subcategory"] is None) == (
                need["primary_category"] != "capacity_building"
            )
            assert need["text"] and not need["text"].endswith((";", "."))


def test_no_two_documents_read_alike(demo_gold: Gold) -> None:
    texts = [n["text"] for _, n in _needs(demo_gold)]
    assert len(set(texts)) > 0.95 * len(texts)


def test_demo_states_are_fictional_and_recognised_by_name() -> None:
    states = reference.states()
    fictional = [s for s in states.states if s.group_note.startswith("Generated for the demo")]
    assert len(fictional) >= 200
    codes = [s.iso3 for s in fictional]
    assert len(set(codes)) == len(codes)
    for state in fictional:
        assert state.status == "fictional" and re.fullmatch(r"X[A-Z]{2}", state.iso3)
        assert states.find_in(f"Executive summary: {state.name}") == [state.iso3], state.name


# --------------------------------------------------------------------------- published figures


def test_september_2020_totals(demo_gold: Gold) -> None:
    gold = _until(demo_gold, SEPTEMBER_2020)
    assert len(gold) == 44
    assert sum(1 for g in gold if g["needs"]) == 30
    assert _count(gold, lambda n: True) == 404
    assert _count(gold, lambda n: n["chapter"] == "II") == 260
    assert _count(gold, lambda n: n["chapter"] == "V") == 144
    assert _states(gold, lambda n: n["chapter"] == "II") == 23
    assert _states(gold, lambda n: n["chapter"] == "V") == 30


def test_august_2019_totals(demo_gold: Gold) -> None:
    gold = _until(demo_gold, AUGUST_2019)
    assert len(gold) == 27
    assert sum(1 for g in gold if g["needs"]) == 17
    assert _count(gold, lambda n: True) == 282


def test_categories(demo_gold: Gold) -> None:
    cb = _count(demo_gold, lambda n: n["primary_category"] == "capacity_building")
    assert cb == 177 and round(100 * cb / 404) == 44
    legislative = Counter(
        n["chapter"]
        for _, n in _needs(demo_gold)
        if n["primary_category"] == "legislative_assistance"
    )
    assert legislative == {"II": 35, "V": 32}
    assert round(100 * sum(legislative.values()) / 404) == 17


@pytest.mark.parametrize(
    ("article", "needs"),
    [(5, 42), (7, 30), (9, 29), (6, 28), (13, 28), (51, 32), (54, 27), (52, 18), (12, 11)],
)
def test_needs_per_article(demo_gold: Gold, article: int, needs: int) -> None:
    assert _per_article(demo_gold)[article] == needs


def test_published_articles_lead_their_chapters(demo_gold: Gold) -> None:
    per_article = _per_article(demo_gold)
    chapter_ii = sorted(range(5, 15), key=lambda a: -per_article[a])
    assert set(chapter_ii[:3]) == {5, 7, 9} and set(chapter_ii[3:5]) == {6, 13}
    assert per_article[13] > max(per_article[a] for a in chapter_ii[5:])
    assert sorted(range(51, 60), key=lambda a: -per_article[a])[:3] == [51, 54, 52]


def test_needs_naming_groups_of_articles(demo_gold: Gold) -> None:
    assert _count(demo_gold, _names(5, 6)) == 65  # a quarter of chapter II
    assert _count(demo_gold, _names(7, 8)) == 52  # 20 per cent of chapter II
    assert _count(demo_gold, _names(14, 52)) == 40
    assert _states(demo_gold, _names(7, 8)) == 17
    assert _states(demo_gold, _names(9)) == 13
    assert _states(demo_gold, _names(12)) == 7


def test_states_per_category(demo_gold: Gold) -> None:
    training_on_9 = _states(
        demo_gold, lambda n: 9 in n["articles"] and n["subcategory"] == "training"
    )
    research_on_9 = _states(
        demo_gold, lambda n: 9 in n["articles"] and n["primary_category"] == "research_data"
    )
    building_in_v = _states(
        demo_gold, lambda n: n["chapter"] == "V" and n["primary_category"] == "institution_building"
    )
    assert (training_on_9, research_on_9, building_in_v) == (8, 4, 6)


def test_regional_groups(demo_gold: Gold) -> None:
    summaries = Counter(_group(g["state"]) for g in demo_gold)
    needs = Counter(_group(g["state"]) for g, _ in _needs(demo_gold))
    assert summaries["african"] == 18 and needs["african"] == 280
    assert summaries["asia_pacific"] == 11 and round(100 * needs["asia_pacific"] / 404) == 18
    assert summaries["eastern_european"] / 44 < 0.07
    eastern = Counter(
        n["chapter"] for g, n in _needs(demo_gold) if _group(g["state"]) == "eastern_european"
    )
    assert round(100 * eastern["V"] / sum(eastern.values())) == 68


def test_profile_targets_are_the_counted_figures(demo_profile: Profile, demo_gold: Gold) -> None:
    targets = demo_profile.targets
    for cut_off, figures in targets["cut_offs"].items():
        gold = _until(demo_gold, dt.date.fromisoformat(cut_off))
        counted = {
            "summaries": len(gold),
            "states_with_needs": sum(1 for g in gold if g["needs"]),
            "needs": _count(gold, lambda n: True),
        }
        assert counted == figures
    per_article = _per_article(demo_gold)
    assert {a: per_article[int(a)] for a in targets["needs_by_article"]} == targets[
        "needs_by_article"
    ]
    assert demo_profile.notes, "every assumption is written down"


# --------------------------------------------------------------------------- extraction


def _evaluate(corpus: GeneratedCorpus, files: Iterable[str], folder: Path) -> dict[str, Any]:
    """Score the extractor on some of a corpus's documents."""
    chosen = set(files)
    lines = [
        line
        for line in corpus.gold.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["file"] in chosen
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for name in chosen:
        shutil.copyfile(corpus.out_dir / name, folder / name)
    (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return evaluate_corpus(folder).overall.as_dict()


def _assert_read_back(score: dict[str, Any]) -> None:
    assert score["needs"]["f1"] >= 0.99
    assert score["need_accuracy"]["chapter"] >= 0.99
    assert score["need_accuracy"]["articles"] >= 0.99
    assert score["recommendations"]["f1"] >= 0.99
    assert score["good_practices"]["f1"] >= 0.99
    assert score["document_accuracy"]["state"] == 1.0


def test_extractor_reads_the_demo_corpus_back(demo_corpus: GeneratedCorpus, tmp_path: Path) -> None:
    by_format: dict[str, list[str]] = {}
    for document in demo_corpus.documents:
        if document.needs:
            by_format.setdefault(document.format, []).append(document.file)
    sample = [name for names in by_format.values() for name in names[:4]]
    assert len(sample) == 12
    _assert_read_back(_evaluate(demo_corpus, sample, tmp_path / "sample"))


def test_extractor_reads_first_and_second_cycle_scale_documents(tmp_path: Path) -> None:
    profile = load_profile("all-states")
    first = [r for r in profile.reviews if r.cycle == 1 and r.needs][:4]
    second = [r for r in profile.reviews if r.cycle == 2 and r.needs][:2]
    corpus = generate(dataclasses.replace(profile, reviews=(*first, *second)), tmp_path / "all")
    assert {d.file.endswith(".txt") for d in corpus.documents} == {True}
    score = _evaluate(corpus, [d.file for d in corpus.documents], tmp_path / "score")
    _assert_read_back(score)


# --------------------------------------------------------------------------- profiles


def test_profiles_are_listed_and_load() -> None:
    assert PROFILES == ("second-cycle-2020", "all-states")
    with pytest.raises(InputError):
        load_profile("no-such-profile")


def test_all_states_profile_covers_every_demo_state_in_both_cycles() -> None:
    profile = load_profile("all-states")
    fictional = {
        s.iso3
        for s in reference.states().states
        if s.group_note.startswith("Generated for the demo")
    }
    assert profile.formats == ("txt",)
    assert {(r.state, r.cycle) for r in profile.reviews} == {
        (code, cycle) for code in fictional for cycle in (1, 2)
    }
    forms = [n.form for r in profile.reviews for n in r.needs if n.form]
    assert forms and all(r.cycle == 1 for r in profile.reviews for n in r.needs if n.form)


@pytest.mark.parametrize(
    ("text", "articles", "category", "subcategory", "topic"),
    [
        ("5,6 cb/training", (5, 6), "capacity_building", "training", None),
        ("- rd", (), "research_data", None, None),
        ("52 la #pep", (52,), "legislative_assistance", None, "pep"),
        ("9 cb", (9,), "capacity_building", "general", None),
    ],
)
def test_parse_need(
    text: str, articles: tuple[int, ...], category: str, subcategory: str | None, topic: str | None
) -> None:
    chapter = "V" if 52 in articles else "II"
    need = parse_need(chapter, text)
    assert (need.articles, need.category, need.subcategory, need.topic) == (
        articles,
        category,
        subcategory,
        topic,
    )


def test_parse_need_refuses_an_article_of_another_chapter() -> None:
    with pytest.raises(InputError):
        parse_need("II", "52 la")
