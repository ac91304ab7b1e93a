"""The score receipt: inputs with weights and adjustments, strengths, what to improve, what-ifs.

What would change the result is computed with the same formula, never guessed.
"""

import dataclasses
from typing import TYPE_CHECKING

from contracts import ExplanationLine
from contracts.berakhlak import CORE_VALUES
from contracts.scoring import AngkaKredit, ReceiptFlag, ReceiptInput, ScoreReceipt, WhatIf
from contracts.vocabulary import Predikat, RhkKind
from scoring import discipline, rules
from scoring.formula import BEHAVIOUR, OFFICIAL, RESULTS, Composite, Formula, Parts

if TYPE_CHECKING:
    from scoring.evaluate import Evaluation

STRONG_VALUE, WEAK_VALUE = 4.0, 3.0
STRONG_IKI, TOP = 110.0, 2
WHAT_IFS = 3
BEHAVIOUR_STEP = 0.5
SOURCE_WORDS = {
    "supervisor": ("catatan atasan", "supervisor notes"),
    "peer": ("rekan kerja", "peers"),
    "subordinate": ("bawahan", "subordinates"),
    "team": ("tim", "team"),
    "citizen": ("penilaian masyarakat", "citizens' ratings"),
}


def _line(code: str, id_text: str, en_text: str) -> ExplanationLine:
    return ExplanationLine(code=code, id=id_text, en=en_text)


def explanation(
    evaluation: "Evaluation", composite: Composite, predikat: Predikat
) -> tuple[ExplanationLine, ...]:
    """The readable reasons, in order: results, behaviour, ratings, discipline, composite."""
    lines: list[ExplanationLine] = []
    if evaluation.iki:
        mean = sum(min(i.pct, rules.ACHIEVEMENT_CEILING) for i in evaluation.iki) / len(
            evaluation.iki
        )
        lines.append(
            _line(
                "results.achievement",
                f"Rata-rata capaian {len(evaluation.iki)} IKI: {mean:.1f}% dari target.",
                f"Average achievement over {len(evaluation.iki)} IKI: {mean:.1f}% of target.",
            )
        )
    if evaluation.behaviour is not None:
        lines.extend(evaluation.behaviour.explanation)
    official = evaluation.official
    if official is None:
        lines.append(
            _line(
                "predikat.provisional",
                f"Sementara: PPK belum menilai; predikat {predikat} ini saran dari bukti, bukan"
                " hasil akhir.",
                f"Provisional: the PPK has not rated yet; {predikat} is the evidence's suggestion,"
                " not final.",
            )
        )
    elif official.appeal is None:
        lines.append(
            _line(
                "predikat.official",
                f"Predikat resmi dari penilaian PPK: hasil kerja {official.hasil_kerja}, perilaku"
                f" {official.perilaku}.",
                f"Official predikat from the PPK's ratings: results {official.hasil_kerja},"
                f" behaviour {official.perilaku}.",
            )
        )
    else:
        word_id, word_en = rules.APPEAL_WORDS[official.appeal]
        lines.append(
            _line(
                "predikat.appeal",
                f"Keberatan diputuskan atasan PPK ({word_id}): hasil kerja {official.hasil_kerja},"
                f" perilaku {official.perilaku}.",
                f"Appeal decided by the atasan PPK ({word_en}): results {official.hasil_kerja},"
                f" behaviour {official.perilaku}.",
            )
        )
    if evaluation.discipline is not None and evaluation.discipline.unexcused_days:
        summary = evaluation.discipline
        lines.append(_line("discipline.summary", summary.id, summary.en))
    if composite.redistributed:
        lines.append(
            _line(
                "composite.redistributed",
                "Sebagian sumber belum ada; bobotnya dibagi ulang ke sumber yang tersedia.",
                "Some sources are missing; their weight was redistributed to the available ones.",
            )
        )
    lines.append(
        _line(
            "composite.value",
            f"Nilai gabungan {composite.value:.1f} dari 100.",
            f"Composite score {composite.value:.1f} out of 100.",
        )
    )
    return tuple(lines)


def _inputs(evaluation: "Evaluation", formula: Formula, composite: Composite) -> list[ReceiptInput]:
    """One line per IKI, per behaviour source, for the official ratings and the deduction."""
    inputs: list[ReceiptInput] = []
    results_share = composite.weights.get(RESULTS, 0.0)
    kind_total = sum(formula.kind_weights[i.kind] for i in evaluation.iki) or 1.0
    for item in evaluation.iki:
        cap = formula.achievement_cap
        inputs.append(
            ReceiptInput(
                code=f"results.{item.rhk_id}.{item.iki_id}",
                source=RESULTS,
                label_id=f"IKI {item.name} ({item.kind}, periode {item.period})",
                label_en=f"IKI {item.name} ({item.kind}, period {item.period})",
                value=item.pct,
                scale="pct",
                weight=results_share * formula.kind_weights[item.kind] / kind_total,
                adjustment=min(item.pct, cap) - item.pct,
                evidence=item.evidence,
            )
        )
    behaviour = evaluation.behaviour
    behaviour_share = composite.weights.get(BEHAVIOUR, 0.0)
    for source, evidence in sorted(evaluation.sources.items()):
        word_id, word_en = SOURCE_WORDS[source]
        weight = behaviour.weights.get(source, 0.0) if behaviour else 0.0
        raw = evaluation.raw_means.get(source)
        inputs.append(
            ReceiptInput(
                code=f"behaviour.{source}",
                source=BEHAVIOUR,
                label_id=f"Perilaku menurut {word_id} ({evidence.count} penilai)",
                label_en=f"Behaviour according to {word_en} ({evidence.count} raters)",
                value=evidence.mean,
                scale="1-5",
                weight=behaviour_share * weight,
                adjustment=evidence.mean - raw if raw is not None else 0.0,
                evidence="360" if source != "citizen" else "survei-ikm",
            )
        )
    if evaluation.official is not None:
        official = evaluation.official
        inputs.append(
            ReceiptInput(
                code="official.ratings",
                source=OFFICIAL,
                label_id=f"Penilaian PPK: hasil kerja {official.hasil_kerja}, perilaku"
                f" {official.perilaku}",
                label_en=f"PPK's ratings: results {official.hasil_kerja}, behaviour"
                f" {official.perilaku}",
                value=composite.points[OFFICIAL],
                scale="0-100",
                weight=composite.weights[OFFICIAL],
            )
        )
    if composite.deduction:
        inputs.append(
            ReceiptInput(
                code="discipline.deduction",
                source="discipline",
                label_id="Potongan disiplin (hari tidak masuk tanpa keterangan)",
                label_en="Discipline deduction (days of unexcused absence)",
                value=float(evaluation.parts.unexcused_days),
                scale="days",
                weight=0.0,
                adjustment=-composite.deduction,
            )
        )
    return inputs


def _value_lines(evaluation: "Evaluation", strong: bool) -> list[ExplanationLine]:
    values = sorted(
        evaluation.per_value.items(), key=lambda kv: (-kv[1] if strong else kv[1], kv[0])
    )
    chosen = [(v, m) for v, m in values if (m >= STRONG_VALUE if strong else m < WEAK_VALUE)]
    return [
        _line(
            f"value.{value}",
            f"{CORE_VALUES[value].label}: {mean:.2f} dari 5 menurut rekan (terkoreksi).",
            f"{CORE_VALUES[value].label_en}: {mean:.2f} of 5 from colleagues (corrected).",
        )
        for value, mean in chosen[:TOP]
    ]


def _iki_lines(evaluation: "Evaluation", strong: bool) -> list[ExplanationLine]:
    if strong:
        chosen = sorted(
            (i for i in evaluation.iki if i.pct >= STRONG_IKI), key=lambda i: (-i.pct, i.iki_id)
        )
    else:
        chosen = sorted(
            (i for i in evaluation.iki if i.pct < 100),
            key=lambda i: (i.kind is not RhkKind.UTAMA, i.pct, i.iki_id),
        )
    return [
        _line(
            f"iki.{item.rhk_id}.{item.iki_id}",
            f"IKI {item.name} ({item.kind}): capaian {item.pct:.1f}%.",
            f"IKI {item.name} ({item.kind}): {item.pct:.1f}% achieved.",
        )
        for item in chosen[:TOP]
    ]


def _what_ifs(evaluation: "Evaluation", formula: Formula, composite: Composite) -> list[WhatIf]:
    """Counterfactuals recomputed with the same formula; the largest gains first."""
    parts = evaluation.parts
    candidates: list[tuple[str, str, str, Parts]] = []
    for index, item in enumerate(evaluation.iki):
        if item.pct < 100:
            raised = list(parts.iki)
            raised[index] = rules.Achievement(item.kind, 100.0)
            candidates.append(
                (
                    f"raise.{item.rhk_id}.{item.iki_id}",
                    f"Menaikkan IKI {item.name} dari {item.pct:.1f}% ke 100%",
                    f"Raising IKI {item.name} from {item.pct:.1f}% to 100%",
                    dataclasses.replace(parts, iki=tuple(raised)),
                )
            )
    if parts.behaviour is not None and parts.behaviour < 5:
        better = min(5.0, parts.behaviour + BEHAVIOUR_STEP)
        candidates.append(
            (
                "raise.behaviour",
                f"Perilaku yang dinilai rekan naik {BEHAVIOUR_STEP} poin (ke {better:.2f})",
                f"Behaviour as colleagues see it up {BEHAVIOUR_STEP} points (to {better:.2f})",
                dataclasses.replace(parts, behaviour=better),
            )
        )
    if parts.unexcused_days:
        candidates.append(
            (
                "discipline.none",
                "Tanpa hari tidak masuk tanpa keterangan",
                "No days of unexcused absence",
                dataclasses.replace(parts, unexcused_days=0),
            )
        )
    out = []
    for code, id_text, en_text, changed in candidates:
        after = formula.composite(changed)
        delta = (after.value if after else 0.0) - composite.value
        if delta > 0:
            out.append(
                WhatIf(
                    code=code,
                    id=f"{id_text}: +{delta:.1f} poin nilai gabungan.",
                    en=f"{en_text}: +{delta:.1f} composite points.",
                    delta=delta,
                )
            )
    return sorted(out, key=lambda w: (-w.delta, w.code))[:WHAT_IFS]


def period_months(period: str) -> range:
    """The months a period covers: ``2026`` all, ``2026-Q2`` April-June, ``2026-02`` February."""
    if len(period) == len("2026"):
        return range(1, 13)
    if period[5] == "Q":
        quarter = int(period[6])
        return range(3 * quarter - 2, 3 * quarter + 1)
    month = int(period[5:7])
    return range(month, month + 1)


def build(
    evaluation: "Evaluation",
    formula: Formula,
    composite: Composite,
    *,
    period: str,
    flags: tuple[ReceiptFlag, ...],
    angka_kredit: AngkaKredit | None,
) -> ScoreReceipt:
    """The receipt of one score, as ``score.computed`` carries it and the API serves it."""
    official = evaluation.official
    suggested = rules.predikat_for(*evaluation.suggested)
    return ScoreReceipt(
        formula_version=formula.version,
        official_predikat=(
            rules.predikat_for(official.hasil_kerja, official.perilaku) if official else None
        ),
        suggested_predikat=suggested,
        suggested_hasil_kerja=evaluation.suggested[0],
        suggested_perilaku=evaluation.suggested[1],
        inputs=tuple(_inputs(evaluation, formula, composite)),
        flags=flags,
        strengths=(*_value_lines(evaluation, True), *_iki_lines(evaluation, True)),
        improve=(*_iki_lines(evaluation, False), *_value_lines(evaluation, False)),
        what_would_change=tuple(_what_ifs(evaluation, formula, composite)),
        discipline=discipline.to_discipline(evaluation.discipline, period_months(period))
        if evaluation.discipline
        else None,
        angka_kredit=angka_kredit,
    )
