"""Scoring rules, pure and deterministic: the official matrix plus an explained composite.

Deterministic on the *set* of inputs (latest wins by ``occurred_at``, never by arrival), so
replaying the topics from the beginning rebuilds identical scores.
"""

from dataclasses import dataclass
from datetime import datetime
from statistics import fmean

from contracts import ExplanationLine
from contracts.vocabulary import Predikat, Rating, RhkKind

FORMULA_VERSION = "skeleton-1"

# Official predikat matrix (domain.md section 3): (results, behaviour) -> predikat.
PREDIKAT_MATRIX: dict[tuple[Rating, Rating], Predikat] = {
    (Rating.DIATAS, Rating.DIBAWAH): Predikat.KURANG,
    (Rating.DIATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DIATAS, Rating.DIATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.DIBAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DIATAS): Predikat.BAIK,
    (Rating.DIBAWAH, Rating.DIBAWAH): Predikat.SANGAT_KURANG,
    (Rating.DIBAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DIBAWAH, Rating.DIATAS): Predikat.BUTUH_PERBAIKAN,
}

# Composite design choice (the rules set no weights): results 60%, behaviour 40%,
# redistributed when a source is missing; a missing source never counts as zero.
RESULTS_WEIGHT, BEHAVIOUR_WEIGHT = 0.6, 0.4
RATING_POINTS = {Rating.DIATAS: 100.0, Rating.SESUAI: 80.0, Rating.DIBAWAH: 40.0}
ACHIEVEMENT_CAP = 120.0
ACHIEVEMENT_CEILING = 1000.0
ABOVE_TARGET_PCT = 110.0
APPEAL_WORDS = {"confirmed": ("dikuatkan", "confirmed"), "changed": ("diubah", "changed")}


@dataclass(frozen=True)
class Achievement:
    """Latest reported achievement of one IKI."""

    kind: RhkKind
    pct: float


@dataclass(frozen=True)
class Assessment:
    """The PPK's ratings for the period."""

    hasil_kerja: Rating
    perilaku: Rating
    final: bool
    occurred_at: datetime


@dataclass(frozen=True)
class Score:
    """Everything ``score.computed`` says about one employee and period."""

    predikat: Predikat
    provisional: bool
    rating_hasil_kerja: Rating
    rating_perilaku: Rating
    achievement_pct: float | None
    composite: float
    explanation: tuple[ExplanationLine, ...]


def predikat_for(results: Rating, behaviour: Rating) -> Predikat:
    """The official predikat for a pair of PPK ratings."""
    return PREDIKAT_MATRIX[(results, behaviour)]


def suggested_results_rating(achievements: list[Achievement]) -> Rating:
    """Results rating the evidence suggests, following the official guidance's wording.

    DIATAS: most results above target and no ``utama`` below; SESUAI: most meet target;
    DIBAWAH: most below target.
    """
    above = sum(item.pct >= ABOVE_TARGET_PCT for item in achievements)
    meet = sum(item.pct >= 100 for item in achievements)
    utama_below = any(item.kind is RhkKind.UTAMA and item.pct < 100 for item in achievements)
    if above * 2 > len(achievements) and not utama_below:
        return Rating.DIATAS
    if meet * 2 >= len(achievements):
        return Rating.SESUAI
    return Rating.DIBAWAH


def _line(code: str, id_text: str, en_text: str) -> ExplanationLine:
    return ExplanationLine(code=code, id=id_text, en=en_text)


def compute(
    achievements: list[Achievement],
    assessment: Assessment | None,
    *,
    appeal_decision: str | None = None,
) -> Score:
    """Score from the evidence and, when present, the official ratings (which decide the predikat).

    ``appeal_decision`` (confirmed/changed) says the ratings are the atasan PPK's appeal decision.
    """
    lines: list[ExplanationLine] = []
    # Clamp before averaging: the contract allows any finite percentage, and a sum of huge ones
    # would overflow; nothing above the cap changes the composite anyway.
    mean_pct = (
        fmean(min(item.pct, ACHIEVEMENT_CEILING) for item in achievements) if achievements else None
    )
    if mean_pct is not None:
        lines.append(
            _line(
                "results.achievement",
                f"Rata-rata capaian {len(achievements)} IKI: {mean_pct:.1f}% dari target.",
                f"Average achievement over {len(achievements)} IKI: {mean_pct:.1f}% of target.",
            )
        )
    if assessment is not None:
        results, behaviour, provisional = assessment.hasil_kerja, assessment.perilaku, False
        lines.append(
            _line(
                "predikat.official",
                f"Predikat resmi dari penilaian PPK: hasil kerja {results}, perilaku {behaviour}.",
                f"Official predikat from the PPK's ratings: results {results}, behaviour {behaviour}.",
            )
            if appeal_decision is None
            else _line(
                "predikat.appeal",
                f"Keberatan diputuskan atasan PPK ({APPEAL_WORDS[appeal_decision][0]}): "
                f"hasil kerja {results}, perilaku {behaviour}.",
                f"Appeal decided by the atasan PPK ({APPEAL_WORDS[appeal_decision][1]}): "
                f"results {results}, behaviour {behaviour}.",
            )
        )
    else:
        results = suggested_results_rating(achievements) if achievements else Rating.SESUAI
        behaviour, provisional = Rating.SESUAI, True
        lines.append(
            _line(
                "predikat.provisional",
                "Sementara: PPK belum menilai; predikat ini saran dari bukti, bukan hasil akhir.",
                "Provisional: the PPK has not rated yet; this is the evidence's suggestion, not final.",
            )
        )
    composite = _composite(mean_pct, assessment, lines)
    return Score(
        predikat=predikat_for(results, behaviour),
        provisional=provisional,
        rating_hasil_kerja=results,
        rating_perilaku=behaviour,
        achievement_pct=mean_pct,
        composite=composite,
        explanation=tuple(lines),
    )


def _composite(
    mean_pct: float | None, assessment: Assessment | None, lines: list[ExplanationLine]
) -> float:
    parts: list[tuple[float, float]] = []
    if mean_pct is not None:
        parts.append((RESULTS_WEIGHT, min(mean_pct, ACHIEVEMENT_CAP) / ACHIEVEMENT_CAP * 100))
    elif assessment is not None:
        parts.append((RESULTS_WEIGHT, RATING_POINTS[assessment.hasil_kerja]))
    if assessment is not None:
        parts.append((BEHAVIOUR_WEIGHT, RATING_POINTS[assessment.perilaku]))
    if not parts:
        return 0.0
    total_weight = sum(weight for weight, _ in parts)
    composite = sum(weight * points for weight, points in parts) / total_weight
    if total_weight < RESULTS_WEIGHT + BEHAVIOUR_WEIGHT:
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
            f"Nilai gabungan {composite:.1f} dari 100.",
            f"Composite score {composite:.1f} out of 100.",
        )
    )
    return composite
