"""The official rules: the predikat matrix and the guidance's suggested results rating."""

from dataclasses import dataclass

from contracts.vocabulary import Predikat, Rating, RhkKind

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

ACHIEVEMENT_CEILING = 1000.0
ABOVE_TARGET_PCT = 110.0
APPEAL_WORDS = {"confirmed": ("dikuatkan", "confirmed"), "changed": ("diubah", "changed")}


@dataclass(frozen=True)
class Achievement:
    """Latest reported achievement of one IKI."""

    kind: RhkKind
    pct: float


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
