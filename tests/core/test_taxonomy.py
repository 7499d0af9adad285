from tamatrix.core import taxonomy


def test_seven_categories_as_the_codebook_lists_them():
    assert taxonomy.CATEGORY_CODES == (
        "capacity_building",
        "legislative_assistance",
        "institution_building",
        "policymaking",
        "research_data",
        "international_cooperation",
        "other",
    )
    assert taxonomy.category_name("research_data") == "Research/data-gathering and analysis"


def test_capacity_building_subcategories():
    assert set(taxonomy.SUBCATEGORY_CODES) == {
        "training",
        "ict_tools",
        "awareness_raising",
        "expert_advice",
        "equipment_resources",
        "coordination",
        "general",
    }


def test_first_cycle_forms_map_to_categories_as_in_the_codebook():
    mapping = {f.label: (f.category, f.subcategory) for f in taxonomy.FORMS}
    assert mapping["legal advice"] == ("legislative_assistance", None)
    assert mapping["model treaty or agreement"] == ("legislative_assistance", None)
    assert mapping["summary of good practices / lessons learned"] == (
        "international_cooperation",
        None,
    )
    assert mapping["development of an action plan for implementation"] == ("policymaking", None)
    assert mapping["on-site assistance by an expert"] == ("capacity_building", "expert_advice")
    assert mapping["capacity-building programmes for the authorities responsible for …"] == (
        "capacity_building",
        "training",
    )
    assert mapping["other assistance"] == ("other", None)
    assert len(mapping) == 9


def test_every_form_maps_to_a_known_category_and_subcategory():
    for f in taxonomy.FORMS:
        assert f.category in taxonomy.CATEGORY_CODES
        assert f.subcategory is None or f.subcategory in taxonomy.SUBCATEGORY_CODES
