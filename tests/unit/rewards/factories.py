"""Test data for the rewards domain core: candidates, rule files, receipts and scores."""

import copy
import itertools
from decimal import Decimal
from typing import Any

import yaml

from contracts import ExplanationLine, ScoreComputed
from contracts.scoring import AngkaKredit, Discipline, ReceiptFlag, ReceiptInput, ScoreReceipt
from contracts.vocabulary import FlagKind, PositionType, Predikat
from rewards.allowance import AllowanceInput
from rewards.candidates import Candidate
from rewards.rule_loading import RulesRefused, default_rules, validate_rules
from rewards.rulebook import RewardRules

REGION = "palangkaraya"
MONTH = "2026-11"
_sequence = itertools.count(1)


def nip() -> str:
    """A fresh, valid 18-digit NIP."""
    return f"19850101{next(_sequence):010d}"


def candidate(**fields: Any) -> Candidate:
    """An eligible candidate under the default rules unless ``fields`` say otherwise."""
    values: dict[str, Any] = {
        "nip": nip(),
        "unit_id": "puskesmas-1",
        "position_type": PositionType.PELAKSANA,
        "predikat": Predikat.BAIK,
        "composite": 85.0,
        "feedback_sources": 3,
        "achievement_pct": 100.0,
    } | fields
    return Candidate(**values)


def rules_data() -> dict[str, Any]:
    """The shipped default rules as plain data, to change and validate again."""
    return copy.deepcopy(default_rules().model_dump(mode="json"))


def rules(**sections: Any) -> RewardRules:
    """Default rules with top-level sections changed (merged one level deep), validated."""
    data = rules_data()
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    parsed = validate_rules(data, source="test")
    assert not isinstance(parsed, RulesRefused), parsed
    return parsed


def rules_yaml(**sections: Any) -> str:
    """A rule file's text: the defaults with ``sections`` changed."""
    data = rules_data()
    data.update(sections)
    return str(yaml.safe_dump(data, sort_keys=False))


def line(code: str, text: str) -> ExplanationLine:
    """A receipt line whose two languages differ visibly."""
    return ExplanationLine(code=code, id=f"ID {text}", en=f"EN {text}")


def receipt(
    *,
    sources: tuple[str, ...] = ("supervisor", "peer"),
    strengths: tuple[ExplanationLine, ...] = (),
    improve: tuple[ExplanationLine, ...] = (),
    sanction: str | None = None,
    unexcused_days: int = 0,
    deduction_pct: float = 0.0,
    flags: tuple[FlagKind, ...] = (),
    angka_kredit: str | None = None,
) -> ScoreReceipt:
    """A receipt with one behaviour input per feedback source."""
    return ScoreReceipt(
        formula_version="test",
        official_predikat="BAIK",
        suggested_predikat="BAIK",
        suggested_hasil_kerja="SESUAI",
        suggested_perilaku="SESUAI",
        inputs=tuple(
            ReceiptInput(
                code=f"behaviour.{source}",
                source="behaviour",
                label_id=source,
                label_en=source,
                value=4.0,
                scale="1-5",
                weight=0.1,
            )
            for source in sources
        ),
        flags=tuple(
            ReceiptFlag(flag_id=f"flag-{index}", kind=kind, id="tanda", en="flag")
            for index, kind in enumerate(flags)
        ),
        strengths=strengths,
        improve=improve,
        discipline=Discipline(
            unexcused_days=unexcused_days,
            longest_run=min(unexcused_days, 1),
            sanction=sanction,
            id="disiplin",
            en="discipline",
            deduction_pct=deduction_pct,
        ),
        angka_kredit=(
            AngkaKredit(jenjang="ahli_pertama", months=1, value=angka_kredit)
            if angka_kredit is not None
            else None
        ),
    )


def score(
    nip_: str,
    *,
    predikat: str = "BAIK",
    composite: float = 85.0,
    period: str = MONTH,
    provisional: bool = False,
    receipt_: ScoreReceipt | None = None,
    region: str = REGION,
    explanation: tuple[ExplanationLine, ...] = (),
) -> ScoreComputed:
    """A monthly score with a receipt."""
    return ScoreComputed(
        region=region,
        explanation=explanation,
        producer="tests",
        nip=nip_,
        year=int(period[:4]),
        period=period,
        predikat=predikat,
        provisional=provisional,
        rating_hasil_kerja="SESUAI",
        rating_perilaku="SESUAI",
        achievement_pct=104.5,
        composite=composite,
        formula_version="test",
        receipt=receipt_ if receipt_ is not None else receipt(),
    )


def allowance_input(**fields: Any) -> AllowanceInput:
    """A month's allowance input with a base TPP of Rp 5,000,000."""
    values: dict[str, Any] = {
        "nip": nip(),
        "name": "Siti Aminah",
        "unit_id": "puskesmas-1",
        "period": MONTH,
        "predikat": Predikat.BAIK,
        "provisional": False,
        "lateness_deduction_pct": Decimal(0),
        "sanction": None,
        "angka_kredit": None,
        "jenjang": None,
        "base_amount": 5_000_000,
    } | fields
    return AllowanceInput(**values)
