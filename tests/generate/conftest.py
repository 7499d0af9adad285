"""Fixtures for the renderer tests (a small document, text readers, the fixture corpus) and for
the generated corpora (the demo profile and its corpus)."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tamatrix.generate.corpus import GeneratedCorpus, generate, iter_gold
from tamatrix.generate.profiles import Profile, load_profile
from tamatrix.generate.render import DocumentSpec, parse_markup

BUILD_SCRIPT = Path(__file__).resolve().parents[1] / "fixtures" / "build.py"

SMALL_DOCUMENT = """\
// A small document that uses every construct of the markup.
@symbol: CAC/COSP/IRG/II/9/1/Add.199
@job: V.99-00001
@language: en
@title: Executive summary: Republic of Testland
@note: Fabricated for the renderer tests.
= Executive summary: Republic of Testland
# II. Executive summary
## 2. Chapter II: preventive measures
### 2.4. Technical assistance needs identified
#### Needs of the prevention body
The following needs were identified, one of them with a footnote[^1].
* Training for prevention officers on risk reviews (art. 6);
* Capacity-building for the following bodies (art. 9):
  *[–] the audit office;
  *[–] the procurement agency;
  * the statistics office;
*[(a)] Legal advice on the procurement law (art. 9);
* A need split across pages {{page}} ending on the next page (art. 10);
[^1]: A footnote at the foot of the first page.
---page---
\\# Not a heading but a paragraph.
*[1.] A numbered need (art. 12);
*[2.] Another numbered need (art. 13).
"""


def _read_pdf(path: Path) -> str:
    """Return the text of a PDF, pages separated by form feeds."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return "\f".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _read_docx(path: Path) -> str:
    """Return the text of a Word file: page header, paragraphs, page footer."""
    import docx

    document = docx.Document(str(path))
    section = document.sections[0]
    parts = [p.text for p in section.header.paragraphs]
    parts += [p.text for p in document.paragraphs]
    parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def _read_html(path: Path) -> str:
    """Return the visible text of an HTML file."""
    from lxml import html

    return str(html.fromstring(path.read_bytes()).body.text_content())


def read_any(path: Path) -> str:
    """Return the text of a rendered file, whatever its format."""
    readers: dict[str, Callable[[Path], str]] = {
        ".pdf": _read_pdf,
        ".docx": _read_docx,
        ".html": _read_html,
    }
    reader = readers.get(path.suffix)
    return reader(path) if reader else path.read_text(encoding="utf-8")


@pytest.fixture
def small_spec() -> DocumentSpec:
    """The small document of these tests, parsed."""
    return parse_markup(SMALL_DOCUMENT)


@pytest.fixture
def read_text() -> Callable[[Path], str]:
    """A function that extracts the text of a rendered PDF, Word, HTML or text file."""
    return read_any


@pytest.fixture(scope="session")
def fixture_build() -> ModuleType:
    """The module tests/fixtures/build.py (tests/ is not a package, so load it by path)."""
    spec = importlib.util.spec_from_file_location("tamatrix_fixture_build", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def fixture_corpus(fixture_build: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus, rendered once per session into a temporary folder."""
    out_dir = tmp_path_factory.mktemp("fixture-corpus")
    return Path(fixture_build.build_corpus(out_dir))


@pytest.fixture(scope="session")
def fixture_texts(fixture_corpus: Path) -> dict[str, str]:
    """The extracted text of every rendered fixture document, by file name."""
    gold = (fixture_corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    entries: list[dict[str, Any]] = [json.loads(line) for line in gold if line.strip()]
    return {e["file"]: read_any(fixture_corpus / e["file"]) for e in entries}


# --------------------------------------------------------------------------- generated corpora


@pytest.fixture(scope="session")
def demo_profile() -> Profile:
    """The demo profile, second-cycle-2020."""
    return load_profile("second-cycle-2020")


@pytest.fixture(scope="session")
def demo_corpus(demo_profile: Profile, tmp_path_factory: pytest.TempPathFactory) -> GeneratedCorpus:
    """The demo corpus with seed 0 in PDF, Word and text, generated once per session."""
    return generate(demo_profile, tmp_path_factory.mktemp("demo-corpus"), seed=0)


@pytest.fixture(scope="session")
def demo_gold(demo_corpus: GeneratedCorpus) -> list[dict[str, Any]]:
    """The lines of the demo corpus's gold.jsonl."""
    return list(iter_gold(demo_corpus.gold))
