"""No text crashes the extractor: hypothesis writes the documents."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tamatrix import reference, training
from tamatrix.core.extract import extract
from tamatrix.core.records import SourceText

PIECES = [
    "2. Chapter II: Preventive measures",
    "3. Chapter V: Asset recovery",
    "Chapter III: criminalization",
    "2.4. Technical assistance needs identified to improve implementation of the Convention",
    "2.2. Successes and good practices",
    "2.3. Challenges in implementation",
    "It is recommended that Kenya:",
    "• Training for judges (art. 11);",
    "– prosecutors (arts. 7 and 8);",
    "(a) Article 16: legal advice; model legislation.",
    "Capacity-building for:",
    "None.",
    "CAC/COSP/IRG/II/1/1/Add.1",
    "V.20-01234 3/12",
    "1 A footnote.",
    "(art. 8, para. 4, and art. 13, para. 2) and a review (art. 99)",
    "Executive summary: Kenya",
    "capacity-",
    "building",
    "",
    "\f",
]

documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=80)), max_size=40).map(
    "\n".join
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_text_gives_an_extraction_and_no_exception(text: str) -> None:
    source = SourceText(tuple(text.split("\f")), "txt")
    result = extract(source, reference.states(), training.load_classifier(), file_name="fuzz.txt")
    for need in result.needs:
        assert need.chapter in {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}
        assert all(1 <= a <= 71 for a in need.articles)
        assert need.start is None or 0 <= need.start <= need.end <= len(source.text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    extract(SourceText((text,), "txt"), reference.states(), training.load_classifier())
