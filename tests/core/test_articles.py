import pytest

from tamatrix.core import articles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(art. 5)", (5,)),
        ("(arts. 7 and 8)", (7, 8)),
        ("(arts. 52, 54 and 55)", (52, 54, 55)),
        ("(art. 52, para. 1)", (52,)),
        ("(art. 9, paras. 1 and 2)", (9,)),
        ("(arts. 5-6)", (5, 6)),
        ("(arts. 15 to 18)", (15, 16, 17, 18)),
        ("(art. 54, para. 1 (a) and (c))", (54,)),
        ("(art. 8, para. 4, and art. 13, para. 2)", (8, 13)),
        ("(art. 57, para. 5; art. 59)", (57, 59)),
        ("(art. 10, subpara. (a))", (10,)),
        ("(art. 57, paras. 1 to 3)", (57,)),
        ("(art.\n58);", (58,)),
        ("Articles 23 and 24: model legislation", (23, 24)),
        ("Article 46, paragraph 9 (b)", (46,)),
        ("as required by article 46, paragraph 9 (b), of the Convention", (46,)),
        ("(art. 7 et 8)", (7, 8)),
        ("(art. 9, par. 1)", (9,)),
        ("(arts. 7 y 8)", (7, 8)),
        ("(art. 9, párr. 1)", (9,)),
        ("artículo 46 de la Convención", (46,)),
    ],
)
def test_references_name_the_articles_without_paragraphs(text, expected):
    assert articles.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "under article 5 of the Penal Code",
        "article 12 of its Constitution",
        "the Act was amended in 2019 (see annex 2)",
        "no reference at all",
    ],
)
def test_national_laws_and_other_numbers_are_not_convention_articles(text):
    assert articles.parse(text) == ()


def test_reference_groups_find_each_parenthesised_reference():
    text = "Training of auditors (art. 9, para. 1) and a review of the law (art. 9, para. 2)"
    groups = articles.reference_groups(text)
    assert [g[2] for g in groups] == [(9,), (9,)]
    assert text[groups[0][0] : groups[0][1]] == "(art. 9, para. 1)"
