"""The demo's generated supply: providers, offers and activities written as the import templates,
which import cleanly (twice), sit where the demo needs are, and say they are demo data."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.generate.profiles import Profile
from tamatrix.generate.supply import (
    MARK,
    REFERENCE_DATE,
    SupplyFiles,
    demo_supply,
    need_slots,
    write_demo_supply,
)
from tamatrix.pipeline import supply
from tamatrix.storage import tables


def _write(folder: Path, profile: Profile, seed: int | None = None) -> SupplyFiles:
    templates = (supply.template("offers", "xlsx"), supply.template("activities", "csv"))
    if seed is None:
        return write_demo_supply(folder, profile, *templates)
    return write_demo_supply(folder, profile, *templates, seed=seed)


def _count(session: Session, table: type[tables.Base]) -> int:
    with session.begin():
        return session.scalar(sa.select(sa.func.count()).select_from(table)) or 0


def test_the_files_import_cleanly_and_a_second_import_only_updates(
    session: Session, demo_profile: Profile, tmp_path: Path
) -> None:
    files = _write(tmp_path / "supply", demo_profile)
    assert (files.offers.name, files.activities.name) == ("offers.xlsx", "activities.csv")
    for attempt in ("first", "second"):
        offers = supply.import_offers(session, files.offers)
        activities = supply.import_activities(session, files.activities)
        for report in (offers, activities):
            assert report.status == "imported", report.message
            assert report.errors == [] and report.skipped == []
        if attempt == "first":
            assert (offers.created, activities.created) == (40, 120)
        else:
            assert (offers.created, offers.updated) == (0, 40)
            assert (activities.created, activities.updated) == (0, 120)
    assert _count(session, tables.Provider) == 12
    assert _count(session, tables.Offer) == 40
    assert _count(session, tables.Activity) == 120


def test_the_same_seed_gives_the_same_bytes(demo_profile: Profile, tmp_path: Path) -> None:
    first = _write(tmp_path / "a", demo_profile)
    second = _write(tmp_path / "b", demo_profile)
    other = _write(tmp_path / "c", demo_profile, seed=7)
    for name in ("offers.xlsx", "activities.csv", "README.txt"):
        assert (first.folder / name).read_bytes() == (second.folder / name).read_bytes()
    assert first.activities.read_bytes() != other.activities.read_bytes()


def test_the_files_are_the_templates_filled_in(demo_profile: Profile, tmp_path: Path) -> None:
    files = _write(tmp_path, demo_profile)
    header = next(csv.reader(io.StringIO(files.activities.read_text(encoding="utf-8"))))
    assert header == [c.name for c in supply.ACTIVITY_COLUMNS]
    workbook = openpyxl.load_workbook(files.offers)
    assert workbook.sheetnames == ["offers", "columns", "about"]
    assert [c.value for c in workbook["offers"][1]] == [c.name for c in supply.OFFER_COLUMNS]


def test_everything_says_it_is_generated_demo_data(demo_profile: Profile, tmp_path: Path) -> None:
    files = _write(tmp_path, demo_profile)
    rows = list(csv.DictReader(io.StringIO(files.activities.read_text(encoding="utf-8"))))
    assert all(r["identifier"].startswith("DEMO-") for r in rows)
    assert all(r["description"].endswith(MARK) for r in rows)
    workbook = openpyxl.load_workbook(files.offers)
    assert "Generated demo data" in str(workbook.properties.description)
    assert "Generated demo data" in str(workbook["about"]["A1"].value)
    offers = list(workbook["offers"].iter_rows(min_row=2, values_only=True))
    assert all(str(row[4]).startswith("DEMO-") for row in offers)  # the reference column
    assert "Generated demo data" in (files.folder / "README.txt").read_text(encoding="utf-8")


def test_a_believable_mix_of_providers_offers_and_activities(demo_profile: Profile) -> None:
    generated = demo_supply(demo_profile)
    kinds = Counter(p.kind for p in generated.providers)
    assert kinds["un_entity"] == 1 and kinds["regional_org"] == 1
    assert kinds["bilateral"] >= 3 and kinds["civil_society"] >= 2 and kinds["state"] >= 3
    assert len(generated.offers) == 40
    statuses = Counter(a.status for a in generated.activities)
    assert set(statuses) == {"completed", "ongoing", "planned"}
    assert sum(statuses.values()) == 120
    by_provider = Counter(a.provider.kind for a in generated.activities)
    assert by_provider["un_entity"] < 60  # no single provider does half of everything


def test_statuses_are_those_the_dates_give_on_the_demo_cut_off(demo_profile: Profile) -> None:
    for activity in demo_supply(demo_profile).activities:
        assert activity.start <= activity.end
        found = supply.status_on(activity.status, activity.start, activity.end, REFERENCE_DATE)
        assert found == activity.status, activity.identifier


def test_activities_serve_states_on_what_they_asked_for(demo_profile: Profile) -> None:
    slots = need_slots(demo_profile)
    asked = {(s.state, s.category) for s in slots}
    on_articles = {(s.state, s.category, a) for s in slots for a in s.articles}
    chapter_level = {(s.state, s.category) for s in slots if not s.articles}
    for activity in demo_supply(demo_profile).activities:
        (state,) = activity.recipients
        (category,) = activity.categories
        assert (state, category) in asked, activity.identifier
        # On an article the State asked about, unless it asked for this kind of help on the
        # chapter as a whole.
        fits = any((state, category, a) in on_articles for a in activity.articles)
        assert fits or (state, category) in chapter_level, activity.identifier


@pytest.mark.parametrize("seed", [2020, 1, 99])
def test_every_seed_gives_valid_offer_periods(demo_profile: Profile, seed: int) -> None:
    offers = demo_supply(demo_profile, seed).offers
    assert all(o.valid_from <= o.valid_to for o in offers)
    assert len({(o.provider.name, o.reference) for o in offers}) == len(offers)
