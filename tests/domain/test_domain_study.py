"""Study definition: the shipped default file and malformed definitions."""

import copy
import tomllib
from pathlib import Path

import pytest

from sle_desktop.domain import study
from sle_desktop.domain.eligibility import EligibilityRules
from sle_desktop.domain import schedule
from sle_desktop.domain.schedule import VisitDef
from sle_desktop.domain.study import StudyDefinitionError, parse_mapping, parse_toml

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "resources" / "study" / "sle-msc.toml"


@pytest.fixture(scope="module")
def default_text():
    return DEFAULT_FILE.read_text(encoding="utf-8")


@pytest.fixture()
def data(default_text):
    """A fresh, mutable copy of the default definition as a mapping."""
    return tomllib.loads(default_text)


def expect_error(mapping, *fragments):
    with pytest.raises(StudyDefinitionError) as exc:
        parse_mapping(mapping)
    message = str(exc.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


# --------------------------------------------------------------------------- the default file


def test_default_file_parses_to_the_defaults(default_text):
    d = parse_toml(default_text)
    assert d.study_id == "SLE-MSC-BY"
    assert d.version == "1.0"
    assert "Mesenchymal Stem Cells" in d.title
    assert schedule.default_visits() == d.visits  # the visit table used for bare visit codes is this file's
    assert d.eligibility == EligibilityRules()
    assert d.sae_report_hours == 24
    assert d.sites == (
        ("BY01", "Minsk City Clinical Hospital No. 1"),
        ("BY02", "Belarusian State Medical University clinic"),
    )
    assert all(study.SITE_CODE_RE.match(code) for code, _ in d.sites)


def test_default_file_accepted_as_bytes(default_text):
    assert parse_toml(default_text.encode("utf-8")).visits == parse_toml(default_text).visits


def test_definition_lookups(default_text):
    d = parse_toml(default_text)
    assert d.visit("month_6").target_day == 182
    assert d.site_name("BY02").startswith("Belarusian")
    with pytest.raises(KeyError):
        d.visit("month_12")
    with pytest.raises(KeyError):
        d.site_name("BY99")


def test_definition_is_immutable(default_text):
    d = parse_toml(default_text)
    with pytest.raises(AttributeError):
        d.version = "2.0"  # type: ignore[misc]


def test_an_amendment_can_change_rules_and_add_a_visit(data):
    data["version"] = "2.0"
    data["eligibility"] = {"max_age": 70, "min_sledai": 8}
    data["visits"].insert(5, {"code": "month_12", "label": "Month 12", "target_day": 365,
                              "window_days": 30, "forms": ["sledai", "labs"], "scheduled": True})
    d = parse_mapping(data)
    assert d.eligibility == EligibilityRules(max_age=70, min_sledai=8)
    assert d.visit("month_12") == VisitDef("month_12", "Month 12", 365, 30, ("sledai", "labs"), True)
    assert len(d.visits) == 7


def test_integer_accepted_for_a_float_threshold(data):
    data["eligibility"]["min_upcr_g_per_g"] = 1
    assert parse_mapping(data).eligibility.min_upcr_g_per_g == 1.0


# --------------------------------------------------------------------------- malformed definitions


def test_garbage_toml_names_the_line():
    message = str(pytest.raises(StudyDefinitionError, parse_toml, 'study_id = "X"\nversion = \n'
                                ).value)
    assert "not valid TOML" in message and "line 2" in message


def test_binary_garbage():
    with pytest.raises(StudyDefinitionError, match="not UTF-8"):
        parse_toml(b"\xff\xfe\x00garbage")
    with pytest.raises(StudyDefinitionError, match="not valid TOML"):
        parse_toml("\x00\x01\x02")


def test_huge_input_rejected_before_parsing():
    with pytest.raises(StudyDefinitionError, match="too large"):
        parse_toml("# " + "x" * (study.MAX_TEXT_CHARS + 1))
    with pytest.raises(StudyDefinitionError, match="too large"):
        parse_toml(b"#" * (study.MAX_TEXT_CHARS * 4 + 1))


def test_deep_nesting_rejected():
    with pytest.raises(StudyDefinitionError, match="not valid TOML"):
        parse_toml("x = " + "[" * 50_000 + "]" * 50_000)


def test_not_text_or_mapping():
    with pytest.raises(StudyDefinitionError, match="TOML text"):
        parse_toml(None)  # type: ignore[arg-type]
    with pytest.raises(StudyDefinitionError, match="must be a table"):
        parse_mapping([1, 2, 3])  # type: ignore[arg-type]


def test_empty_document():
    expect_error({}, "study_id: missing")


@pytest.mark.parametrize("key", ["study_id", "version", "title", "sae_report_hours",
                                 "eligibility", "sites", "visits"])
def test_missing_top_level_key(data, key):
    del data[key]
    expect_error(data, f"{key}: missing")


def test_unknown_top_level_key(data):
    data["sae_hours"] = 24
    expect_error(data, "unknown key(s) 'sae_hours'")


def test_wrong_types(data):
    bad = copy.deepcopy(data)
    bad["version"] = 1.0
    expect_error(bad, "version: must be text, got a number")
    bad = copy.deepcopy(data)
    bad["sae_report_hours"] = "24"
    expect_error(bad, "sae_report_hours: must be a whole number, got text")
    bad = copy.deepcopy(data)
    bad["sae_report_hours"] = True
    expect_error(bad, "sae_report_hours: must be a whole number, got a boolean")
    bad = copy.deepcopy(data)
    bad["visits"] = {"code": "screening"}
    expect_error(bad, "visits: must be an array of tables")
    bad = copy.deepcopy(data)
    bad["visits"][2]["window_days"] = 7.5
    expect_error(bad, "visits[2] (month_1).window_days: must be a whole number")
    bad = copy.deepcopy(data)
    bad["visits"][2]["scheduled"] = "yes"
    expect_error(bad, "visits[2] (month_1).scheduled: must be true or false")


def test_sae_hours_range(data):
    data["sae_report_hours"] = 0
    expect_error(data, "sae_report_hours: must be between 1 and 168, got 0")


def test_bad_study_id_and_empty_text(data):
    bad = copy.deepcopy(data)
    bad["study_id"] = "SLE MSC;DROP"
    expect_error(bad, "study_id:", "letters, digits")
    bad = copy.deepcopy(data)
    bad["title"] = "   "
    expect_error(bad, "title: must not be empty")
    bad = copy.deepcopy(data)
    bad["title"] = "x" * 1000
    expect_error(bad, "title: is too long")


def test_negative_window(data):
    data["visits"][3]["window_days"] = -14
    expect_error(data, "visits[3] (month_3).window_days: must be between 0 and")


def test_duplicate_visit_code(data):
    data["visits"][3]["code"] = "month_1"
    expect_error(data, "visits[3].code: duplicate visit code 'month_1' (also visits[2])")


def test_bad_visit_code(data):
    data["visits"][2]["code"] = "Month 1"
    expect_error(data, "visits[2].code:", "snake_case")


def test_visit_missing_keys(data):
    bad = copy.deepcopy(data)
    del bad["visits"][2]["code"]
    expect_error(bad, "visits[2].code: missing")
    bad = copy.deepcopy(data)
    del bad["visits"][2]["label"]
    expect_error(bad, "visits[2] (month_1).label: missing")
    bad = copy.deepcopy(data)
    del bad["visits"][2]["target_day"]
    expect_error(bad, "visits[2] (month_1).target_day: missing")
    bad = copy.deepcopy(data)
    del bad["visits"][2]["window_days"]
    expect_error(bad, "visits[2] (month_1).window_days: missing")
    bad = copy.deepcopy(data)
    del bad["visits"][2]["forms"]
    expect_error(bad, "visits[2] (month_1).forms: missing")


def test_unknown_visit_key(data):
    data["visits"][4]["windw_days"] = 14
    expect_error(data, "visits[4] (month_6): unknown key(s) 'windw_days'")


def test_unknown_form(data):
    data["visits"][2]["forms"] = ["sledai", "bilag"]
    expect_error(data, "visits[2] (month_1).forms[1]: unknown form 'bilag'", "known forms:")


def test_duplicate_and_empty_forms(data):
    bad = copy.deepcopy(data)
    bad["visits"][2]["forms"] = ["sledai", "sledai"]
    expect_error(bad, "visits[2] (month_1).forms[1]: form 'sledai' is listed twice")
    bad = copy.deepcopy(data)
    bad["visits"][2]["forms"] = []
    expect_error(bad, "visits[2] (month_1).forms: must list at least one form")


def test_target_inside_screening_or_window_reaching_baseline(data):
    bad = copy.deepcopy(data)
    bad["visits"][2]["target_day"] = -7
    expect_error(bad, "visits[2] (month_1).target_day:", "inside the screening period")
    bad = copy.deepcopy(data)
    bad["visits"][2]["target_day"] = 5  # 5 ± 7 reaches day −2
    expect_error(bad, "visits[2] (month_1).target_day:", "reaches day -2")


def test_visits_out_of_order_or_overlapping(data):
    bad = copy.deepcopy(data)
    bad["visits"][3]["target_day"] = 20
    bad["visits"][3]["window_days"] = 3
    expect_error(bad, "visits[3] (month_3).target_day: target day 20 is not after visits[2]")
    bad = copy.deepcopy(data)
    bad["visits"][3]["target_day"] = 50
    expect_error(bad, "visits[3] (month_3).window_days:", "overlaps visits[2] (month_1)")


def test_screening_rules(data):
    bad = copy.deepcopy(data)
    del bad["visits"][0]["earliest_day"]
    expect_error(bad, "visits[0] (screening).earliest_day: missing")
    bad = copy.deepcopy(data)
    bad["visits"][0]["earliest_day"] = 5
    expect_error(bad, "earliest_day 5 is after target_day 0")
    bad = copy.deepcopy(data)
    bad["visits"][0]["target_day"] = 3
    bad["visits"][0]["earliest_day"] = -28
    expect_error(bad, "visits[0] (screening).target_day: the screening period must end on or "
                      "before day 0")
    bad = copy.deepcopy(data)
    bad["visits"][0]["window_days"] = 3
    expect_error(bad, "visits[0] (screening).earliest_day:", "not both")


def test_required_visits(data):
    bad = copy.deepcopy(data)
    bad["visits"] = [v for v in bad["visits"] if v["code"] != "baseline"]
    expect_error(bad, "visits: a 'baseline' visit is required")
    bad = copy.deepcopy(data)
    bad["visits"] = [v for v in bad["visits"] if v["code"] != "screening"]
    expect_error(bad, "visits: a 'screening' visit is required")
    bad = copy.deepcopy(data)
    bad["visits"][1]["target_day"] = 1
    expect_error(bad, "visits[1] (baseline).target_day: baseline must be a scheduled visit on day 0")


def test_unscheduled_visit_has_no_target(data):
    data["visits"][5]["target_day"] = 10
    expect_error(data, "visits[5] (unscheduled).target_day: an unscheduled visit has no target_day")


def test_only_screening_is_a_period(data):
    data["visits"][2]["earliest_day"] = 20
    expect_error(data, "visits[2] (month_1).earliest_day:", "not both")


def test_bad_eligibility(data):
    bad = copy.deepcopy(data)
    bad["eligibility"]["min_age"] = 80
    expect_error(bad, "eligibility:", "min_age")
    bad = copy.deepcopy(data)
    bad["eligibility"]["min_sledai"] = "6"
    expect_error(bad, "eligibility.min_sledai: must be a whole number")
    bad = copy.deepcopy(data)
    bad["eligibility"]["min_upcr_g_per_g"] = -0.5
    expect_error(bad, "eligibility.min_upcr_g_per_g: must be a positive number")
    bad = copy.deepcopy(data)
    bad["eligibility"]["min_egfr"] = 30
    expect_error(bad, "eligibility: unknown key(s) 'min_egfr'")
    bad = copy.deepcopy(data)
    bad["eligibility"] = [1]
    expect_error(bad, "eligibility: must be a table")


def test_bad_sites(data):
    bad = copy.deepcopy(data)
    bad["sites"][1]["code"] = "BY01"
    expect_error(bad, "sites[1].code: duplicate site code 'BY01'")
    bad = copy.deepcopy(data)
    bad["sites"][0]["code"] = "by1"
    expect_error(bad, "sites[0].code:", "two capital letters and two digits")
    bad = copy.deepcopy(data)
    bad["sites"] = []
    expect_error(bad, "sites: at least one site is required")
    bad = copy.deepcopy(data)
    del bad["sites"][0]["name"]
    expect_error(bad, "sites[0].name: missing")
    bad = copy.deepcopy(data)
    bad["sites"][0]["city"] = "Minsk"
    expect_error(bad, "sites[0]: unknown key(s) 'city'")


def test_too_many_visits(data):
    data["visits"] = data["visits"] + [{"code": f"v{i}"} for i in range(study.MAX_VISITS)]
    expect_error(data, "visits: too many entries")


def test_errors_are_value_errors():
    assert issubclass(StudyDefinitionError, ValueError)
