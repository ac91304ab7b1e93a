"""The rewards service's answers shaped for pages: winners grouped where they won, rules as rows.

Nothing here decides who wins; it only orders, groups and names what the service said. Run
and preview answers name people but carry unit ids, so unit names come from the public board.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gateway.webui.i18n import Translator

REGION = "region"
CADENCES = ("monthly", "quarterly", "yearly")


@dataclass(frozen=True)
class UnitNames:
    """Units by id, as far as the board names them."""

    units: dict[str, str] = field(default_factory=dict)

    def unit(self, unit_id: str) -> str:
        """The unit's name, else its id."""
        return self.units.get(unit_id, unit_id)


def unit_names_from_board(board: dict[str, Any] | None) -> UnitNames:
    """The units a board names: each with a winner of its own."""
    entries = (board or {}).get("entries") or []
    return UnitNames(
        {entry["scope_key"]: entry["unit_name"] for entry in entries if entry["scope"] != REGION}
    )


@dataclass(frozen=True)
class Group:
    """The winners of one scope: the whole region (``title`` empty) or one unit."""

    scope: str
    key: str
    title: str
    items: list[dict[str, Any]]


def by_scope(items: list[dict[str, Any]], names: UnitNames) -> list[Group]:
    """Region winners first, then each unit's by unit name; each group by rank."""

    def order(item: dict[str, Any]) -> tuple[bool, str, str, int]:
        unit = "" if item["scope"] == REGION else names.unit(item["scope_key"]).casefold()
        return (item["scope"] != REGION, unit, item["scope_key"], int(item.get("rank") or 0))

    groups: dict[tuple[str, str], Group] = {}
    for item in sorted(items, key=order):
        key = (item["scope"], item["scope_key"])
        if key not in groups:
            title = "" if item["scope"] == REGION else names.unit(item["scope_key"])
            groups[key] = Group(item["scope"], item["scope_key"], title, [])
        groups[key].items.append(item)
    return list(groups.values())


@dataclass(frozen=True)
class RuleSection:
    """One part of a rule version as label/value rows, in the person's language."""

    title: str
    rows: list[tuple[str, str]]


def rule_sections(rules: dict[str, Any], t: Translator) -> list[RuleSection]:
    """The numbers of a rule version that people decide on, as readable rows."""
    return [
        RuleSection(t("rules.awards"), _award_rows(rules, t)),
        RuleSection(t("rules.eligibility"), _eligibility_rows(rules.get("eligibility") or {}, t)),
        RuleSection(t("rules.tie_breakers"), _tie_breaker_rows(rules, t)),
        RuleSection(t("rules.talent_pool"), _talent_rows(rules.get("talent_pool"), t)),
        RuleSection(t("rules.tpp"), _tpp_rows(rules.get("tpp") or {}, t)),
        RuleSection(t("rules.coaching"), _coaching_rows(rules.get("coaching") or {}, t)),
    ]


def _award_rows(rules: dict[str, Any], t: Translator) -> list[tuple[str, str]]:
    rows = []
    for cadence in CADENCES:
        section = rules.get(cadence) or {}
        scopes = [
            t(f"rules.top_{scope}", n=section[scope]["top_n"])
            for scope in ("unit", REGION)
            if section.get(scope)
        ]
        rows.append((t(f"rules.cadence_{cadence}"), " · ".join(scopes) or t("rules.no_awards")))
    return rows


def _yes_no(value: Any, t: Translator) -> str:
    return t("rules.yes") if value else t("rules.no")


def _or_dash(value: Any, shown: Callable[[Any], str] = str) -> str:
    return "–" if value is None else shown(value)


def _eligibility_rows(rules: dict[str, Any], t: Translator) -> list[tuple[str, str]]:
    flags = [t(f"flag.{flag}") for flag in rules.get("blocking_flags") or []]
    return [
        (
            t("rules.min_predikat"),
            _or_dash(rules.get("min_predikat"), lambda p: t(f"predikat.{p}")),
        ),
        (t("rules.final_only"), _yes_no(rules.get("final_score_only"), t)),
        (t("rules.min_composite"), _or_dash(rules.get("min_composite"))),
        (t("rules.min_feedback_sources"), _or_dash(rules.get("min_feedback_sources"))),
        (t("rules.no_sanction"), _yes_no(rules.get("no_discipline_sanction"), t)),
        (t("rules.blocking_flags"), ", ".join(flags) or "–"),
        (
            t("rules.max_wins"),
            _or_dash(rules.get("max_consecutive_wins"), lambda n: t("rules.periods", n=n)),
        ),
    ]


def _tie_breaker_rows(rules: dict[str, Any], t: Translator) -> list[tuple[str, str]]:
    return [
        (str(place), t(f"tie.{key}"))
        for place, key in enumerate(rules.get("tie_breakers") or [], 1)
    ]


def _talent_rows(rule: dict[str, Any] | None, t: Translator) -> list[tuple[str, str]]:
    if not rule:
        return [(t("rules.talent_pool"), t("rules.none"))]
    return [
        (
            t("rules.talent_entry"),
            t(
                "rules.talent_entry_value",
                predikat=t(f"predikat.{rule['predikat']}"),
                n=rule["consecutive_periods"],
                cadence=t(f"rules.cadence_{rule['cadence']}"),
            ),
        ),
        (t("rules.talent_keep"), t(f"predikat.{rule['keep_at_least']}")),
    ]


def _tpp_rows(tpp: dict[str, Any], t: Translator) -> list[tuple[str, str]]:
    rows = [
        (
            t("rules.tpp_split"),
            t(
                "rules.tpp_split_value",
                performance=tpp.get("performance_pct", "–"),
                discipline=tpp.get("discipline_pct", "–"),
            ),
        )
    ]
    rows += [
        (t("rules.tpp_paid", predikat=t(f"predikat.{predikat}")), f"{share}%")
        for predikat, share in (tpp.get("performance_paid_pct") or {}).items()
    ]
    rows += [
        (t("rules.tpp_cut", sanction=sanction.replace("_", " ")), f"{share}%")
        for sanction, share in (tpp.get("sanction_cut_pct") or {}).items()
    ]
    rows.append((t("rules.tpp_source"), str(tpp.get("source", "–"))))
    return rows


def _coaching_rows(rule: dict[str, Any], t: Translator) -> list[tuple[str, str]]:
    days = rule.get("follow_up_days")
    return [(t("rules.follow_up"), _or_dash(days, lambda n: t("rules.days", n=n)))]
