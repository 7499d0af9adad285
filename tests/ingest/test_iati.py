"""IATI activity XML: real files of ../shared/data/iati and files written here, with every
element or activity left out explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tamatrix import training
from tamatrix.ingest import iati

IATI = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "iati"


def shared(name: str) -> Path:
    path = IATI / name
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    return path


def activity(result: iati.IatiFile, identifier: str) -> iati.IatiActivity:
    return next(a for a in result.activities if a.identifier == identifier)


def codes(result: iati.IatiFile) -> set[str]:
    return {s.code for s in result.skipped}


V2 = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" xmlns:x="http://example.org/x">
 <iati-activity xml:lang="fr" default-currency="EUR">
  <iati-identifier>XI-TEST-1</iati-identifier>
  <reporting-org ref="XM-DAC-41114" type="40"><narrative>Programme des Nations Unies</narrative>
   <narrative xml:lang="en">United Nations Development Programme</narrative></reporting-org>
  <title><narrative>Appui à la commission anti-corruption</narrative>
   <narrative xml:lang="EN">Support to the anti-corruption commission</narrative></title>
  <description><narrative xml:lang="es">Apoyo a la comisión</narrative></description>
  <participating-org ref="XM-DAC-41114" role="4"><narrative>PNUD</narrative></participating-org>
  <participating-org role="9"><narrative>Nobody</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2022-01-10"/>
  <activity-date type="2" iso-date="2022-02-30"/>
  <activity-date type="3" iso-date="2025-12-31"/>
  <recipient-country code="KE" percentage="60"/>
  <recipient-country code="XX" percentage="40"/>
  <recipient-region code="289" vocabulary="1"/>
  <sector vocabulary="1" code="15113" percentage="70"/>
  <sector code="15130" percentage="30"/>
  <sector vocabulary="99" code="A1"/>
  <policy-marker vocabulary="1" code="2" significance="2"/>
  <default-aid-type code="D02" vocabulary="1"/>
  <budget type="1"><period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/>
   <value currency="EUR" value-date="2022-01-01">100000</value></budget>
  <budget type="2"><period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/>
   <value value-date="2022-01-01">120000</value></budget>
  <budget type="1"><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <value value-date="2023-01-01">-5</value></budget>
  <budget type="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
   <value currency="USD" value-date="2024-01-01">50000</value></budget>
  <x:note>ignored</x:note>
  <transaction><transaction-type code="3"/></transaction>
 </iati-activity>
 <iati-activity>
  <iati-identifier>XI-TEST-2</iati-identifier>
  <reporting-org ref="XI-ORG"><narrative>Org</narrative></reporting-org>
  <title><narrative>Rural roads</narrative></title>
  <activity-date type="1" iso-date="2030-01-01"/>
 </iati-activity>
 <iati-activity>
  <iati-identifier>XI-TEST-2</iati-identifier>
  <reporting-org ref="XI-ORG"><narrative>Org</narrative></reporting-org>
  <title><narrative>Second copy</narrative></title>
  <activity-date type="1" iso-date="2030-01-01"/>
 </iati-activity>
</iati-activities>
"""

V1 = """<iati-activities version="1.03">
 <iati-activity xml:lang="en" default-currency="GBP">
  <reporting-org ref="GB-1" type="10">Department</reporting-org>
  <participating-org role="funding">UNITED KINGDOM</participating-org>
  <participating-org role="Implementing" ref="52000">Other</participating-org>
  <iati-identifier>GB-1-42</iati-identifier>
  <title>Procurement reform against corruption</title>
  <description>Helps the procurement authority fight bribery.</description>
  <activity-date type="start-actual">2019-04-01</activity-date>
  <activity-date type="end-planned" iso-date="2018-01-01"/>
  <activity-date type="start-planned" iso-date="2019-01-01"/>
  <activity-date type="end-actual" iso-date="2021-03-31"/>
  <activity-status code="4">Post-completion</activity-status>
  <sector code="15125" vocabulary="DAC" percentage="100">Public Procurement</sector>
  <sector vocabulary="RO">Peace building </sector>
  <recipient-country code="NG">Nigeria</recipient-country>
 </iati-activity>
</iati-activities>
"""


def test_a_2_03_file_reads_languages_dates_places_sectors_and_budgets():
    result = iati.parse_iati(V2.encode(), "v2.xml")
    assert result.version == "2.03" and result.error is None
    first = activity(result, "XI-TEST-1")
    assert first.title == "Support to the anti-corruption commission"
    assert first.language == "en"
    assert first.description == "Apoyo a la comisión"
    assert first.reporting_org == iati.Organisation(
        "United Nations Development Programme", "XM-DAC-41114", None, "40"
    )
    assert [o.role for o in first.participating] == ["4"]
    assert first.recipients == ("KEN",)
    assert first.regions == ("1:289",)
    assert [(s.vocabulary, s.code) for s in first.sectors] == [
        ("1", "15113"),
        ("1", "15130"),
        ("99", "A1"),
    ]
    assert first.policy_markers == (("1", "2", "2"),)
    assert first.aid_type == "D02"
    assert first.start == dt.date(2022, 1, 10)
    assert first.end == dt.date(2025, 12, 31)
    assert iati.status_of(first, dt.date(2024, 1, 1)) == "ongoing"
    total, currency, notes = iati.budget_total(first)
    assert (total, currency) == (120000, "EUR")  # the revised budget replaces the original
    assert notes and "USD" in notes[0]


def test_a_2_03_file_explains_everything_it_left_out():
    result = iati.parse_iati(V2.encode(), "v2.xml")
    found = {(s.activity, s.element, s.code) for s in result.skipped}
    assert ("XI-TEST-1", "participating-org", "unknown-role") in found
    assert ("XI-TEST-1", "activity-date[2]", "impossible-date") in found
    assert ("XI-TEST-1", "recipient-country", "unknown-country") in found
    assert ("XI-TEST-1", "budget/value", "negative-budget") in found
    assert (None, "{http://example.org/x}note", "foreign-element") in found
    assert (None, "transaction", "not-used") in found
    assert ("XI-TEST-2", "activity-status", "missing-status") in found
    assert ("XI-TEST-2", "iati-activity", "duplicate-identifier") in found
    assert all(s.reason and s.file == "v2.xml" for s in result.skipped)
    # The later copy of XI-TEST-2 wins; the planned activity's status comes from its dates.
    assert activity(result, "XI-TEST-2").title == "Second copy"
    assert len(result.activities) == 2
    assert iati.status_of(activity(result, "XI-TEST-2"), dt.date(2024, 1, 1)) == "planned"


def test_a_1_0x_file_reads_words_for_roles_and_date_types():
    result = iati.parse_iati(V1.encode(), "v1.xml")
    only = result.activities[0]
    assert only.title == "Procurement reform against corruption"
    assert [o.role for o in only.participating] == ["1", "4"]
    assert only.start == dt.date(2019, 4, 1)
    assert only.end == dt.date(2021, 3, 31)
    assert only.date("planned_end") is None  # before the planned start: left out, explained
    assert "end-before-start" in codes(result)
    assert iati.status_of(only, dt.date(2024, 1, 1)) == "completed"
    assert [(s.vocabulary, s.code) for s in only.sectors] == [("1", "15125")]
    assert any(s.code == "missing-code" and "Peace building" in s.reason for s in result.skipped)
    assert only.recipients == ("NGA",)


def test_crosswalk_and_text_give_articles_and_categories():
    coding = iati.code_activity(
        "Procurement reform against corruption",
        "Helps the procurement authority fight bribery.",
        [iati.Sector("1", "15125")],
        training.load_classifier(),
    )
    numbers = dict(coding.articles)
    assert numbers[9] == "crosswalk"
    assert numbers[15] == "keyword"
    assert "legislative_assistance" in coding.categories
    assert coding.about_corruption


def test_a_weak_crosswalk_row_needs_words_about_corruption():
    courts = [iati.Sector("1", "15130")]
    plain = iati.code_activity("Court buildings", "New court houses.", courts, None)
    assert plain.articles == () and not plain.about_corruption
    integrity = iati.code_activity("Judicial integrity", "Courts against corruption.", courts, None)
    assert (11, "crosswalk") in integrity.articles


def test_the_crosswalk_names_real_articles_and_categories():
    rows = iati.load_crosswalk()
    assert rows[("1", "15113")].articles == (5, 6, 36)
    assert rows[("1", "15113")].strength == "strong"
    assert all(row.justification for row in rows.values())


def test_broken_xml_gives_a_clear_message_and_no_activity():
    result = iati.read_iati(shared("broken.xml"))
    assert result.activities == []
    assert result.error is not None and "not well-formed XML" in result.error
    assert [s.code for s in result.skipped] == ["malformed-xml"]


def test_a_missing_file_is_reported_not_raised(tmp_path):
    result = iati.read_iati(tmp_path / "nothing.xml")
    assert result.error is not None and [s.code for s in result.skipped] == ["file-not-readable"]


def test_an_organisation_file_is_not_an_activity_file():
    result = iati.read_iati(shared("organisation-standard-example-annotated.xml"))
    assert result.activities == [] and "not-iati" in codes(result)


@pytest.mark.parametrize(
    ("name", "code", "element"),
    [
        ("01-empty-activity.xml", "missing-identifier", "iati-identifier"),
        ("22-missing-title-narrative.xml", "missing-title", "title"),
        ("24-two-titles.xml", "duplicate-title", "title"),
        ("budget__12-non-decimal-value.xml", "not-a-number", "budget/value"),
        ("sector__21-sector-missing-code.xml", "missing-code", "sector"),
    ],
)
def test_schema_failures_are_explained(name, code, element):
    result = iati.read_iati(shared(f"schema-tests/fail/{name}"))
    assert any(s.code == code and s.element == element and s.line for s in result.skipped)
    assert "unknown-version" in codes(result)  # version="xx" in every schema test


def test_the_foreign_element_of_a_passing_schema_test_is_ignored():
    result = iati.read_iati(shared("schema-tests/pass/03-top-level-extensibility.xml"))
    assert "foreign-element" in codes(result)


def test_missing_dates_file_has_planned_dates_only():
    result = iati.read_iati(shared("missing_dates.xml"))
    assert len(result.activities) == 49
    one = activity(result, "GB-CHC-272465-680")
    assert one.date("actual_start") is None and one.date("planned_start") is not None
    assert one.start == one.date("planned_start")
    assert "duplicate-organisation" in codes(result)


def test_impossible_last_updated_date_is_reported():
    result = iati.read_iati(shared("iati-basic.xml"))
    assert len(result.activities) == 3
    impossible = [s for s in result.skipped if s.code == "impossible-date"]
    assert len(impossible) == 3 and "2018-04-31" in impossible[0].reason
    assert result.activities[0].recipients == ("AFG",)


def test_a_version_1_file_of_dfid_maps_its_anti_corruption_activity():
    result = iati.read_iati(shared("real/CD.xml"))
    assert len(result.activities) == 205
    target = activity(result, "GB-1-113493-102")
    coding = iati.code_activity(target.title, target.description, target.sectors, None)
    assert {5, 6, 36} <= {n for n, _ in coding.articles}
    assert any(
        s.element == "{http://iatiregistry.org/ns/record#}registry-record"
        or "registry" in s.element
        for s in result.skipped
    )


def test_dportal_file_with_foreign_namespaces_and_upper_case_languages():
    result = iati.read_iati(shared("real/dportal.xml"))
    assert len(result.activities) == 401
    korean = [
        s
        for s in result.skipped
        if s.activity == "KR-GOV-390-GRP_0000147815" and s.code == "end-before-start"
    ]
    assert korean
    undp = activity(result, "XM-DAC-41114-PROJECT-00126827")
    assert ("1", "15113") in {(s.vocabulary, s.code) for s in undp.sectors}
    assert undp.language == "en"


def test_a_lone_activity_root_is_read():
    result = iati.read_iati(shared("real/iati_activity_JP.xml"))
    assert len(result.activities) == 1
    assert result.activities[0].recipients == ("JPN",)
    assert "missing-version" in codes(result)


def test_every_real_file_is_read_without_crashing_and_every_skip_is_explained():
    if not IATI.exists():
        pytest.skip("../shared/data/iati is not beside this checkout")
    files = [p for p in IATI.rglob("*.xml") if "codelists" not in p.parts]
    assert len(files) >= 20
    for path in files:
        result = iati.read_iati(path)
        for skip in result.skipped:
            assert skip.file == path.name and skip.code and skip.reason and skip.element
