"""Events folded into scoring state the way the engine routes them, with no engine and no I/O."""

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from contracts import (
    AttendanceRecorded,
    ComplaintFiled,
    ComplaintStatusChanged,
    Event,
    ScoreComputed,
    SkpApproved,
    SurveySubmitted,
    UnitPredicateSet,
)
from contracts.vocabulary import BerakhlakValue, IkmElement, Rating, RhkKind
from scoring import evaluate, state
from scoring.engine import EMPLOYEE_EVENTS
from scoring.formula import FORMULAS
from scoring.state import State
from tests import factories

YEAR = 2026
CONTEXT = evaluate.Context(formula=FORMULAS[0])
"""The first formula version with no region estimates: what a score is before any sweep."""

EMPLOYEE: dict[type[Event], Callable[[State, Any], State]] = {
    **EMPLOYEE_EVENTS,
    AttendanceRecorded: state.apply_attendance,
    SurveySubmitted: state.apply_officer_rating,
}
"""The engine's own table, plus the two events it routes to an employee by hand."""
UNIT: dict[type[Event], Callable[[State, Any], State]] = {
    SurveySubmitted: state.apply_survey,
    ComplaintFiled: state.apply_complaint_filed,
    ComplaintStatusChanged: state.apply_complaint_status,
    UnitPredicateSet: state.apply_org_predicate,
}


def employee_of(event: Event) -> str | None:
    """Whose state an event changes: its NIP, a rated officer's, or nobody's."""
    if isinstance(event, SurveySubmitted):
        return event.officer_nip if event.officer_rating else None
    nip: str | None = getattr(event, "nip", None)
    return nip if type(event) in EMPLOYEE else None


def fold(nip: str, events: Iterable[Event], *, year: int = YEAR) -> State:
    """One employee's state after ``events`` in the order given."""
    current = state.new_state(factories.REGION, nip, year)
    for event in events:
        if employee_of(event) == nip:
            current = EMPLOYEE[type(event)](current, event)
    return current


def fold_region(
    events: Iterable[Event], *, year: int = YEAR
) -> tuple[dict[str, State], dict[str, State]]:
    """Employee and unit states of a region year after ``events`` in the order given."""
    employees: dict[str, State] = {}
    units: dict[str, State] = {}
    for event in events:
        if (nip := employee_of(event)) is not None:
            current = employees.get(nip) or state.new_state(event.region, nip, year)
            employees[nip] = EMPLOYEE[type(event)](current, event)
        if (apply := UNIT.get(type(event))) is not None:
            unit_id = str(getattr(event, "unit_id"))  # noqa: B009 - every unit event has one
            current = units.get(unit_id) or state.new_unit(event.region, unit_id, year)
            units[unit_id] = apply(current, event)
    return employees, units


def record(nip: str, **fields: Any) -> dict[str, Any]:
    """A directory record as the engine keeps it (``position_type``, ``jenjang``, ``unit_id``)."""
    return factories.employee(nip, **fields).model_dump(mode="python")


def score_of(
    current: State,
    employee: dict[str, Any] | None = None,
    context: evaluate.Context = CONTEXT,
) -> ScoreComputed:
    """The score a state implies; the state must hold some evidence."""
    computed = evaluate.score(current, context, employee)
    assert computed is not None, "no evidence at all: nothing to score"
    return computed


# --- random region years, for the order properties -------------------------------------------

T0 = datetime(2026, 3, 2, tzinfo=UTC)
IKI = (("rhk-1", "iki-1"), ("rhk-1", "iki-2"), ("rhk-2", "iki-3"))
RATERS = ("r1", "r2", "r3", "r4", "fav")
PPKS = tuple(f"19800101{n:010d}" for n in range(1, 4))
DAYS = (date(2026, 2, 2), date(2026, 2, 3), date(2026, 2, 4), date(2026, 2, 7))
"""Monday to Wednesday, and a Saturday (which never counts)."""

Spec = tuple[Any, ...]


def at(minutes: int) -> datetime:
    """A moment ``minutes`` after the test's epoch."""
    return T0 + timedelta(minutes=minutes)


def plan(nip: str, kind_1: str, kind_2: str) -> SkpApproved:
    """A plan of the three IKI in ``IKI``: two under an RHK of ``kind_1``, one of ``kind_2``."""
    first = factories.rhk(kind_1, rhk_id="rhk-1", iki_id="iki-1")
    second_iki = first.iki[0].model_copy(update={"iki_id": "iki-2"})
    first = first.model_copy(update={"iki": (*first.iki, second_iki)})
    second = factories.rhk(kind_2, rhk_id="rhk-2", iki_id="iki-3")
    return factories.skp_approved(nip, rhks=(first, second))


def specs(nips: Sequence[str]) -> st.SearchStrategy[Spec]:
    """One fact of a region year about one of ``nips`` (or their unit), of every kind scored."""
    nip = st.sampled_from(list(nips))
    kinds = st.sampled_from([kind.value for kind in RhkKind])
    ratings = st.sampled_from([rating.value for rating in Rating])
    sources = st.sampled_from(["peer", "subordinate", "team", "self"])
    values = st.sampled_from([value.value for value in BerakhlakValue][:3])
    answers = st.dictionaries(st.sampled_from(list(IkmElement)), st.integers(1, 4), min_size=1)
    return st.one_of(
        st.tuples(st.just("skp"), nip, kinds, kinds),
        st.tuples(
            st.just("progress"),
            nip,
            st.floats(0, 300),
            st.integers(0, len(IKI) - 1),
            st.sampled_from(["2026-01", "2026-02"]),
        ),
        st.tuples(
            st.just("assessment"),
            nip,
            ratings,
            ratings,
            st.booleans(),
            st.sampled_from(PPKS),
            st.sampled_from(["a-", "b-"]),
        ),
        st.tuples(
            st.just("appeal"),
            nip,
            ratings,
            ratings,
            st.sampled_from(["a-", "b-"]),
            st.sampled_from(["confirmed", "changed"]),
        ),
        st.tuples(
            st.just("feedback"),
            nip,
            st.sampled_from(RATERS),
            sources,
            st.dictionaries(values, st.integers(1, 5), min_size=1),
        ),
        st.tuples(st.just("note"), nip, st.integers(0, 2), st.sampled_from([True, False, None])),
        st.tuples(
            st.just("attendance"),
            nip,
            st.sampled_from(DAYS),
            st.sampled_from(["alpa", "hadir", "sakit"]),
        ),
        st.tuples(st.just("survey"), nip, st.integers(0, 3), st.integers(1, 5), answers),
        st.tuples(st.just("org"), st.sampled_from(["BAIK", "ISTIMEWA"])),
    )


def make(spec: Spec, minute: int) -> Event:
    """The event a spec describes, stamped ``minute`` minutes after the epoch."""
    when = at(minute)
    match spec:
        case ("skp", nip, kind_1, kind_2):
            return plan(nip, kind_1, kind_2).model_copy(update={"occurred_at": when})
        case ("progress", nip, pct, iki, period):
            rhk_id, iki_id = IKI[iki]
            return factories.progress(
                nip, pct, period=period, rhk_id=rhk_id, iki_id=iki_id, occurred_at=when
            )
        case ("assessment", nip, hasil, perilaku, final, ppk, prefix):
            return factories.assessment(
                nip,
                hasil,
                perilaku,
                final=final,
                rater_nip=ppk,
                assessment_id=f"{prefix}{nip}",
                occurred_at=when,
            )
        case ("appeal", nip, hasil, perilaku, about, decision):
            return factories.appeal_decided(
                nip,
                hasil,
                perilaku,
                decision=decision,
                assessment_id=f"{about}{nip}",
                occurred_at=when,
            )
        case ("feedback", nip, rater, source, scores):
            return factories.peer_feedback(
                nip, scores, rater=rater, source=source, occurred_at=when
            )
        case ("note", nip, entry, positive):
            return factories.supervisor_note(
                nip, positive, entry_id=f"note-{nip}-{entry}", occurred_at=when
            )
        case ("attendance", nip, day, status):
            return factories.attendance(nip, day, status, occurred_at=when)
        case ("survey", nip, number, rating, answers):
            return factories.survey(
                f"s-{nip}-{number}",
                answers,
                officer_nip=nip,
                officer_rating=rating,
                occurred_at=when,
            )
        case ("org", predikat):
            return factories.unit_predicate("unit-1", predikat, occurred_at=when)
    raise AssertionError(spec)


def histories(nips: Sequence[str], *, max_size: int = 25) -> st.SearchStrategy[list[Event]]:
    """Facts about ``nips``, stamped within a few minutes of each other (so ties happen)."""
    return st.lists(st.tuples(specs(nips), st.integers(0, 6)), min_size=1, max_size=max_size).map(
        lambda drawn: [make(spec, minute) for spec, minute in drawn]
    )


def rearranged(data: st.DataObject, events: list[Event]) -> list[Event]:
    """The same facts in another order, some delivered twice."""
    again = data.draw(st.lists(st.sampled_from(events), max_size=5), label="redelivered")
    return data.draw(st.permutations([*events, *again]), label="arrival order")
