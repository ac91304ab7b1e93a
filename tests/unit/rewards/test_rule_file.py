"""Reward rule files: validated at load, refused with path and reason, never half-adopted."""

import json

import pytest

from rewards import rule_loading
from rewards.periods import Cadence
from rewards.rule_loading import RuleProblem, RulesRefused, default_rules, parse_rules, publish
from rewards.rulebook import RewardRules, TieBreaker
from tests.unit.rewards import factories


def refused(text: str, source: str = "palangkaraya.yaml") -> RulesRefused:
    result = parse_rules(text, source=source)
    assert isinstance(result, RulesRefused), result
    return result


def problem_at(result: RulesRefused, path: str) -> RuleProblem:
    matches = [item for item in result.problems if item.path == path]
    assert matches, [item.path for item in result.problems]
    return matches[0]


def test_shipped_default_rules_follow_the_domain() -> None:
    rules = default_rules()

    assert rules.eligibility.min_predikat == "BAIK"
    assert rules.tie_breakers[-1] is TieBreaker.NIP
    assert rules.monthly is not None
    assert rules.monthly.unit is not None
    assert rules.tpp.performance_pct + rules.tpp.discipline_pct == 100
    assert rules.talent_pool is not None
    assert rules.talent_pool.predikat == "SANGAT_BAIK"


def test_a_top_n_of_zero_is_refused_naming_its_path_in_both_languages() -> None:
    text = factories.rules_yaml(monthly={"unit": {"top_n": 0}})

    problem = problem_at(refused(text), "monthly.unit.top_n")

    assert problem.id == "harus paling kecil 1"
    assert problem.en == "must be at least 1"


def test_tie_breakers_must_end_with_nip() -> None:
    text = factories.rules_yaml(tie_breakers=["nip", "predikat"])

    problem = problem_at(refused(text), "tie_breakers")

    assert "nip" in problem.id
    assert "nip" in problem.en
    assert problem.id != problem.en


def test_a_tie_breaker_given_twice_is_refused() -> None:
    text = factories.rules_yaml(tie_breakers=["predikat", "predikat", "nip"])

    assert "predikat" in problem_at(refused(text), "tie_breakers").en


def test_an_unknown_tie_breaker_lists_the_known_ones() -> None:
    text = factories.rules_yaml(tie_breakers=["seniority", "nip"])

    problem = problem_at(refused(text), "tie_breakers[0]")

    assert "'achievement_pct'" in problem.en
    assert " atau " in problem.id


def test_tpp_parts_that_do_not_add_up_to_100_are_refused() -> None:
    data = factories.rules_data()
    data["tpp"]["discipline_pct"] = 30

    problem = problem_at(refused(json.dumps(data), "r.json"), "tpp.discipline_pct")

    assert "90" in problem.en
    assert "100" in problem.id


def test_a_predikat_missing_from_the_tpp_table_is_refused() -> None:
    data = factories.rules_data()
    del data["tpp"]["performance_paid_pct"]["KURANG"]

    problem = problem_at(refused(json.dumps(data), "r.json"), "tpp.performance_paid_pct")

    assert "KURANG" in problem.id
    assert "KURANG" in problem.en


def test_a_talent_pool_that_is_harder_to_stay_in_than_to_enter_is_refused() -> None:
    text = factories.rules_yaml(
        talent_pool={"predikat": "BAIK", "keep_at_least": "SANGAT_BAIK", "consecutive_periods": 2}
    )

    assert "BAIK" in problem_at(refused(text), "talent_pool.keep_at_least").en


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    data = factories.rules_data()
    data["eligibility"]["min_predikat"] = "GOOD"
    data["eligibility"]["min_feedback_sources"] = -1
    data["monthly"] = {"unit": {"top_n": 1}, "teams": {"top_n": 1}}

    result = refused(json.dumps(data), "r.json")

    assert {item.path for item in result.problems} == {
        "eligibility.min_predikat",
        "eligibility.min_feedback_sources",
        "monthly.teams",
    }
    assert problem_at(result, "monthly.teams").id == "kunci tidak dikenal"


def test_an_unquoted_version_number_is_refused_with_a_hint() -> None:
    text = factories.rules_yaml().replace("version: default-2026.1", "version: 2026.1")

    problem = problem_at(refused(text), "version")

    assert "kutip" in problem.id
    assert "quotes" in problem.en


def test_yaml_syntax_errors_name_the_line() -> None:
    result = refused("version: '1'\nmonthly: [\n")

    assert result.problems[0].path.startswith("line ")
    assert result.problems[0].id.startswith("sintaks tidak valid")


def test_a_key_written_twice_is_refused_instead_of_silently_keeping_the_last() -> None:
    text = factories.rules_yaml() + "monthly:\n  unit: {top_n: 5}\n"

    assert refused(text).problems == (
        RuleProblem("monthly", "kunci ditulis dua kali", "key written twice"),
    )


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    assert refused("- 1\n- 2\n").problems[0].path == "file"


def test_json_files_are_read_as_json() -> None:
    data = factories.rules_data()
    data["version"] = "2026.2"

    parsed = parse_rules(json.dumps(data), source="palangkaraya.json")

    assert isinstance(parsed, RewardRules)
    assert parsed.version == "2026.2"


def test_percentages_stay_exact_decimals() -> None:
    data = factories.rules_data()
    data["tpp"]["performance_pct"], data["tpp"]["discipline_pct"] = 62.5, "37.5"

    parsed = parse_rules(json.dumps(data), source="r.json")

    assert isinstance(parsed, RewardRules)
    assert str(parsed.tpp.performance_pct) == "62.5"


def test_an_oversized_file_is_refused_without_parsing() -> None:
    text = "#" * (rule_loading.MAX_FILE_CHARS + 1)

    assert refused(text).problems[0].path == "file"


def test_a_refused_file_keeps_the_previous_version_active() -> None:
    active = factories.rules()
    text = factories.rules_yaml(version="2026.2", monthly={"unit": {"top_n": 0}})

    publication = publish(active, text, source="palangkaraya.yaml")

    assert not publication.adopted
    assert publication.active is active
    assert publication.refused is not None
    message = publication.refused.message()
    assert "monthly.unit.top_n" in message.id
    assert "palangkaraya.yaml" in message.en


def test_a_valid_file_becomes_the_active_version() -> None:
    text = factories.rules_yaml(version="2026.2", monthly={"unit": {"top_n": 2}})

    publication = publish(factories.rules(), text, source="palangkaraya.yaml")

    assert publication.adopted
    assert publication.active.version == "2026.2"
    assert publication.active.monthly is not None
    assert publication.active.monthly.unit is not None
    assert publication.active.monthly.unit.top_n == 2


def test_republishing_the_same_version_with_other_content_is_refused() -> None:
    active = factories.rules()
    text = factories.rules_yaml(version=active.version, composite_places=2)

    publication = publish(active, text, source="r.yaml")

    assert publication.active is active
    assert publication.refused is not None
    assert publication.refused.problems[0].path == "version"


def test_republishing_an_identical_file_is_harmless() -> None:
    active = factories.rules()

    assert publish(active, factories.rules_yaml(), source="r.yaml").adopted


def test_another_regions_file_is_refused() -> None:
    active = factories.rules(region="palangkaraya", version="p-1")
    text = factories.rules_yaml(region="rakumpit", version="p-2")

    publication = publish(active, text, source="r.yaml")

    assert publication.refused is not None
    assert publication.refused.problems[0].path == "region"


def test_cadence_sections_are_found_by_cadence() -> None:
    rules = factories.rules(quarterly=None)

    assert rules.awards_for(Cadence.QUARTERLY) is None
    assert rules.awards_for(Cadence.MONTHLY) == rules.monthly


@pytest.mark.parametrize(
    ("section", "value", "path"),
    [
        ("composite_places", 9, "composite_places"),
        ("eligibility", {"max_consecutive_wins": 0}, "eligibility.max_consecutive_wins"),
        ("eligibility", {"blocking_flags": ["rumour"]}, "eligibility.blocking_flags[0]"),
        ("coaching", {"follow_up_days": 2}, "coaching.follow_up_days"),
        ("talent_pool", {"cadence": "weekly"}, "talent_pool.cadence"),
        ("eligibility", {"final_score_only": "maybe"}, "eligibility.final_score_only"),
    ],
)
def test_out_of_range_values_are_refused_at_their_path(
    section: str, value: object, path: str
) -> None:
    data = factories.rules_data()
    data[section] = {**data[section], **value} if isinstance(value, dict) else value

    result = refused(json.dumps(data), "r.json")

    problem = problem_at(result, path)
    assert problem.id
    assert problem.en
    assert problem.id != problem.en
