from tamatrix.core import convention


def test_the_convention_has_71_articles_numbered_in_order():
    assert [a.number for a in convention.ARTICLES] == list(range(1, 72))


def test_articles_sit_in_their_chapters():
    assert convention.chapter_of(5) == "II"
    assert convention.chapter_of(14) == "II"
    assert convention.chapter_of(15) == "III"
    assert convention.chapter_of(43) == "IV"
    assert convention.chapter_of(46) == "IV"
    assert convention.chapter_of(52) == "V"
    assert convention.chapter_of(60) == "VI"
    assert convention.chapter_of(71) == "VIII"


def test_each_chapter_has_the_articles_of_the_convention():
    counts = {c.numeral: len(convention.articles_in(c.numeral)) for c in convention.CHAPTERS}
    assert counts == {"I": 4, "II": 10, "III": 28, "IV": 8, "V": 9, "VI": 3, "VII": 2, "VIII": 7}


def test_first_cycle_reviews_articles_15_to_42_and_44_to_50():
    scope = convention.cycle(1).articles
    assert scope == set(range(15, 43)) | set(range(44, 51))
    assert convention.cycle(1).chapters == ("III", "IV")


def test_second_cycle_reviews_articles_5_to_14_and_51_to_59():
    scope = convention.cycle(2).articles
    assert scope == set(range(5, 15)) | set(range(51, 60))
    assert convention.cycle(2).chapters == ("II", "V")


def test_article_43_and_the_general_and_final_provisions_are_in_no_cycle():
    for number in (1, 4, 43, 60, 65, 71):
        assert convention.cycle_of_article(number) is None


def test_filter_by_chapter_and_cycle():
    chapter_iv_cycle_1 = [a.number for a in convention.articles_in("IV", 1)]
    assert chapter_iv_cycle_1 == [44, 45, 46, 47, 48, 49, 50]
