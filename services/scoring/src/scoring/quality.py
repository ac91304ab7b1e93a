"""A unit's service quality from its facts: exact IKM per period and year, complaint signals."""

from collections import defaultdict
from datetime import timedelta
from typing import Any

from contracts.vocabulary import ComplaintStatus, IkmElement
from scoring import ikm
from scoring.state import State


def _ikm_document(responses: list[dict[str, int]]) -> dict[str, Any]:
    """The IKM as stored and served: exact value as a fraction, display value, band, elements."""
    result = ikm.ikm({IkmElement(k): v for k, v in answers.items()} for answers in responses)
    band = result.band
    return {
        "responses": len(responses),
        "exact": f"{result.value.numerator}/{result.value.denominator}",
        "ikm": str(result.display),
        "band": band.letter,
        "band_id": band.label_id,
        "band_en": band.label_en,
        "elements": [
            {
                "element": item.element.value,
                "answers": item.count,
                "nrr": f"{item.nrr.numerator}/{item.nrr.denominator}",
                "value": str(item.display),
                "band": item.band.letter,
            }
            for item in result.elements
        ],
        "missing": [element.value for element in result.missing],
        "explanation": [line.model_dump() for line in result.explanation],
    }


def _complaints(unit: State) -> list[ikm.Complaint]:
    """Complaints in the form the signals read; a resolution time comes from its last step."""
    out = []
    for _, entry in sorted(unit["complaints"].items()):
        step = entry.get("step")
        filed_at = entry.get("filed_at")
        if filed_at is None and step is not None:
            filed_at = step["occurred_at"] - timedelta(hours=entry["hours_open"])
        if filed_at is None:
            continue
        status = ComplaintStatus(entry["status"])
        resolved_at = (
            filed_at + timedelta(hours=entry["hours_open"])
            if status is ComplaintStatus.RESOLVED and "hours_open" in entry
            else None
        )
        if status is ComplaintStatus.RESOLVED and resolved_at is None:
            status = ComplaintStatus.IN_PROGRESS  # the filing arrived, the resolution not yet
        out.append(ikm.Complaint(filed_at=filed_at, resolved_at=resolved_at, status=status))
    return out


def _latest(unit: State) -> Any:
    stamps = [e["occurred_at"] for e in unit["surveys"].values()]
    stamps += [e["step"]["occurred_at"] for e in unit["complaints"].values() if "step" in e]
    stamps += [e["filed_at"] for e in unit["complaints"].values() if "filed_at" in e]
    return max(stamps) if stamps else None


def unit_result(unit: State) -> dict[str, Any]:
    """IKM for the year and each period with answers, and complaint signals as of the last fact."""
    by_period: dict[str, list[dict[str, int]]] = defaultdict(list)
    for _, entry in sorted(unit["surveys"].items()):
        by_period[entry["period"]].append(entry["answers"])
    everything = [answers for group in by_period.values() for answers in group]
    complaints = _complaints(unit)
    as_of = _latest(unit)
    signals = ikm.complaint_signals(complaints, as_of=as_of) if complaints and as_of else None
    return {
        "year": _ikm_document(everything) if everything else None,
        "periods": {period: _ikm_document(group) for period, group in sorted(by_period.items())},
        "complaints": signals.__dict__ if signals else None,
        "org_predikat": (unit.get("org") or {}).get("predikat"),
    }
