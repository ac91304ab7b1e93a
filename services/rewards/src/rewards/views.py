"""Domain results as JSON answers: every reason in both languages, numbers as people read them."""

from collections.abc import Mapping
from typing import Any

from rewards.award_runner import RunOutcome
from rewards.award_runs import Award, AwardRun
from rewards.bilingual import Text
from rewards.preview import RulePreview, SpreadRow
from rewards.recognition import Board


def text(value: Text) -> dict[str, str]:
    """A bilingual text as ``{code, id, en}``."""
    return {"code": value.code, "id": value.id, "en": value.en}


Names = Mapping[str, str]  # NIP to name, from the directory


def award(value: Award, names: Names) -> dict[str, Any]:
    """One award of a run."""
    return {
        "award_id": value.award_id,
        "kind": value.kind,
        "scope": value.scope.value,
        "scope_key": value.scope_key,
        "rank": value.rank,
        "nip": value.nip,
        "name": names.get(value.nip, ""),
        "unit_id": value.unit_id,
        "position_type": value.position_type.value,
        "predikat": value.predikat.value,
        "composite": str(value.composite),
        "reasons": [text(item) for item in value.reasons],
    }


def ineligible(run: AwardRun, names: Names) -> list[dict[str, Any]]:
    """Who had a score but could not win, and why."""
    return [
        {
            "nip": item.nip,
            "name": names.get(item.nip, ""),
            "reasons": [text(reason) for reason in item.failures],
        }
        for item in run.assessments
        if not item.eligible
    ]


def run_outcome(outcome: RunOutcome, names: Names) -> dict[str, Any]:
    """A run's awards, its changes with their reasons, and the candidates left out."""
    run, changes = outcome.run, outcome.changes
    return {
        "region": run.region,
        "period": run.period,
        "rule_version": run.rule_version,
        "candidates": len(run.assessments),
        "awards": [award(item, names) for item in run.awards],
        "granted": [change(item.award, item.reason, names) for item in changes.grants],
        "revoked": [change(item.award, item.reason, names) for item in changes.revocations],
        "ineligible": ineligible(run, names),
        "without_directory": list(outcome.without_directory),
    }


def change(value: Award, reason: Text, names: Names) -> dict[str, Any]:
    """A grant or revocation with its reason."""
    return {
        "award_id": value.award_id,
        "nip": value.nip,
        "name": names.get(value.nip, ""),
        "reason": text(reason),
    }


def _spread(rows: tuple[SpreadRow, ...]) -> list[dict[str, Any]]:
    return [
        {"key": row.key, "current": row.current, "candidate": row.candidate, "change": row.change}
        for row in rows
    ]


def rule_preview(value: RulePreview, names: Names) -> dict[str, Any]:
    """Who would win under the candidate version versus the current one, and the spread."""
    return {
        "period": value.current.period,
        "current_version": value.current.rule_version,
        "candidate_version": value.candidate.rule_version,
        "current": [award(item, names) for item in value.current.awards],
        "candidate": [award(item, names) for item in value.candidate.awards],
        "entering": [award(item, names) for item in value.entering],
        "leaving": [award(item, names) for item in value.leaving],
        "by_unit": _spread(value.by_unit),
        "by_position_type": _spread(value.by_position_type),
    }


def board(value: Board) -> dict[str, Any]:
    """The public board: title, period and winners with their strengths."""
    return {
        "region": value.region,
        "period": value.period,
        "title": text(value.title),
        "period_label": text(value.period_label),
        "entries": [
            {
                "award_id": entry.award_id,
                "kind": entry.kind,
                "scope": entry.scope.value,
                "scope_key": entry.scope_key,
                "rank": entry.rank,
                "nip": entry.nip,
                "name": entry.name,
                "unit_name": entry.unit_name,
                "reasons": [text(item) for item in entry.reasons],
            }
            for entry in value.entries
        ],
    }
