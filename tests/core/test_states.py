from collections import Counter

import pytest

from tamatrix import reference
from tamatrix.core import states


def test_every_state_appears_once_with_exactly_one_known_group():
    index = reference.states(include_fictional=False)
    codes = [s.iso3 for s in index.states]
    assert len(codes) == len(set(codes))
    assert all(s.regional_group in states.GROUP_CODES for s in index.states)


def test_the_193_member_states_and_the_parties_outside_the_lists_are_there():
    index = reference.states(include_fictional=False)
    status = Counter(s.status for s in index.states)
    assert status["member_state"] == 193
    for code in ("PSE", "COK", "NIU", "VAT", "EUU"):
        assert index.get(code) is not None


def test_group_sizes_follow_the_reference_lists_with_turkiye_counted_once():
    index = reference.states(include_fictional=False)
    members = Counter(s.regional_group for s in index.states if s.status == "member_state")
    assert members == {
        "african": 54,
        "asia_pacific": 54,
        "eastern_european": 23,
        "latin_american_caribbean": 33,
        "western_european_other": 29,
    }


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("TUR", "western_european_other"),
        ("USA", "western_european_other"),
        ("PSE", "asia_pacific"),
        ("COK", "asia_pacific"),
        ("NIU", "asia_pacific"),
        ("VAT", "western_european_other"),
        ("EUU", "western_european_other"),
        ("KEN", "african"),
    ],
)
def test_states_that_public_lists_place_twice_or_not_at_all_have_one_documented_group(code, group):
    state = reference.states().get(code)
    assert state is not None and state.regional_group == group
    if code != "KEN":
        assert state.group_note


def test_names_are_found_in_text_longest_first():
    index = reference.states()
    text = "Executive summary: Democratic Republic of the Congo, reviewed by the Niger and Nigeria"
    assert index.find_in(text) == ["COD", "NER", "NGA"]


def test_lookup_by_code_name_or_alias():
    index = reference.states()
    assert index.lookup("ken").iso3 == "KEN"
    assert index.lookup("Turkey").iso3 == "TUR"
    assert index.lookup("Côte d'Ivoire").iso3 == "CIV"
    assert index.lookup("Cote d'Ivoire").iso3 == "CIV"
    assert index.lookup("Republic of Aldoria").iso3 == "XAL"
    assert index.lookup("Atlantis") is None


def test_group_names_accept_common_spellings():
    assert states.group_code("GRULAC") == "latin_american_caribbean"
    assert states.group_code("african") == "african"
    assert states.group_code("Eastern European States") == "eastern_european"
    with pytest.raises(KeyError):
        states.group_code("antarctic")
