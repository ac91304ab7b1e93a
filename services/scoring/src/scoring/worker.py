"""Scoring's CPU work, run in a worker process on snapshots: region sweeps and employee scores.

The event loop process folds events, writes the log and publishes; the evaluations (rater
effects, flags, receipts) run here, on the machine's other core, instead of competing with it
for one interpreter lock (ADR 018). Inputs and outputs cross the process boundary pickled, so
what goes in is slim (no per-answer feedback history) and what comes back is ready to publish:
JSON text, never objects to rebuild.
"""

import copyreg
import dataclasses
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from kit.publishing import event_record
from scoring import evaluate, sweep
from scoring.rater_effects import Tally
from scoring.state import State


def _mapping_proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


# Read-only mappings (configured weights, receipts' parts) are rebuilt as such on the other side.
copyreg.pickle(MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))


@dataclass(frozen=True)
class Scored:
    """One employee's result as JSON (to compare with the last announced) and its record."""

    nip: str
    result: str
    record: dict[str, Any]


def slim(state: State, tally: Tally) -> State:
    """What scoring reads of a state: the feedback's tally instead of every answer (to send).

    The fold keeps each answer to replace an edited one; scoring needs only their sums.
    """
    return {key: value for key, value in state.items() if key != "feedback"} | {"tally": tally}


def score_all(
    employees: Mapping[str, State],
    context: evaluate.Context,
    people: Mapping[str, Mapping[str, Any]],
    evaluations: Mapping[str, evaluate.Evaluation] = MappingProxyType({}),
) -> list[Scored]:
    """Scores of the employees the directory knows and who have evidence, in NIP order."""
    out = []
    for nip, state in sorted(employees.items()):
        person = people.get(nip)
        if person is None:
            continue  # held until the directory knows them; the facts are kept
        event = evaluate.score(state, context, person, evaluations.get(nip))
        if event is not None:
            out.append(Scored(nip, evaluate.result_json(event), event_record(event)))
    return out


def sweep_and_score(
    employees: Mapping[str, State],
    units: Mapping[str, State],
    people: Mapping[str, Mapping[str, Any]],
    base: evaluate.Context,
) -> tuple[sweep.Outcome, list[Scored]]:
    """A region sweep, then every employee scored with the evaluations the sweep made anyway."""
    outcome = sweep.region(employees, units, people, base)
    scored = score_all(employees, outcome.context, people, outcome.evaluations)
    return dataclasses.replace(outcome, evaluations={}), scored


def new_pool() -> ProcessPoolExecutor:
    """One worker process, started fresh (never forked from a process with live connections)."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
