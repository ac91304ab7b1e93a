"""Who may win an award: each condition of the region's rules is one reason for or against."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rewards.bilingual import Text
from rewards.candidates import Candidate
from rewards.rulebook import Eligibility, rank_of


@dataclass(frozen=True)
class Check:
    """One eligibility condition applied to one candidate, with its reason either way."""

    code: str
    passed: bool
    text: Text


@dataclass(frozen=True)
class Assessment:
    """Every condition checked for a candidate; eligible only when all of them pass."""

    nip: str
    checks: tuple[Check, ...]

    @property
    def eligible(self) -> bool:
        """True when no condition failed."""
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> tuple[Text, ...]:
        """Why the candidate may not win (empty when eligible)."""
        return tuple(check.text for check in self.checks if not check.passed)

    @property
    def grounds(self) -> tuple[Text, ...]:
        """The conditions the candidate meets: the reasons shown with an award."""
        return tuple(check.text for check in self.checks if check.passed)


def rounded_composite(value: float, places: int) -> Decimal:
    """The composite as the receipt shows it: half-up to ``places`` decimals, exact from here on."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def assess(candidate: Candidate, rules: Eligibility, *, places: int) -> Assessment:
    """Apply every condition the rules switch on, in a fixed order."""
    checks = [_final(candidate, rules), _predikat(candidate, rules)]
    if rules.min_composite is not None:
        checks.append(_composite(candidate, rules.min_composite, places))
    checks.append(_feedback(candidate, rules))
    if rules.no_discipline_sanction:
        checks.append(_sanction(candidate))
    if rules.blocking_flags:
        checks.append(_flags(candidate, rules))
    if rules.max_consecutive_wins is not None:
        checks.append(_rotation(candidate, rules.max_consecutive_wins))
    return Assessment(candidate.nip, tuple(checks))


def _check(code: str, passed: bool, yes: tuple[str, str], no: tuple[str, str]) -> Check:
    id_text, en_text = yes if passed else no
    return Check(code, passed, Text(f"eligibility.{code}", id_text, en_text))


def _final(candidate: Candidate, rules: Eligibility) -> Check:
    return _check(
        "final",
        not (rules.final_score_only and candidate.provisional),
        ("Nilai sudah final (dinilai PPK).", "The score is final (rated by the PPK)."),
        (
            "Nilai masih sementara: PPK belum menilai.",
            "The score is provisional: the PPK has not rated yet.",
        ),
    )


def _predikat(candidate: Candidate, rules: Eligibility) -> Check:
    have, need = candidate.predikat.value, rules.min_predikat.value
    return _check(
        "predikat",
        rank_of(candidate.predikat) <= rank_of(rules.min_predikat),
        (f"Predikat {have} (minimal {need}).", f"Predikat {have} (at least {need})."),
        (
            f"Predikat {have} di bawah syarat minimal {need}.",
            f"Predikat {have} is below the required {need}.",
        ),
    )


def _composite(candidate: Candidate, minimum: Decimal, places: int) -> Check:
    value = rounded_composite(candidate.composite, places)
    return _check(
        "composite",
        value >= minimum,
        (
            f"Nilai gabungan {value} (minimal {minimum}).",
            f"Composite {value} (at least {minimum}).",
        ),
        (
            f"Nilai gabungan {value} di bawah minimal {minimum}.",
            f"Composite {value} is below the required {minimum}.",
        ),
    )


def _feedback(candidate: Candidate, rules: Eligibility) -> Check:
    have, need = candidate.feedback_sources, rules.min_feedback_sources
    return _check(
        "feedback_sources",
        have >= need,
        (
            f"Umpan balik dari {have} sumber (minimal {need}).",
            f"Feedback from {have} sources (at least {need}).",
        ),
        (
            f"Umpan balik hanya dari {have} sumber (minimal {need}).",
            f"Feedback from only {have} sources (at least {need}).",
        ),
    )


def _sanction(candidate: Candidate) -> Check:
    sanction = candidate.discipline_sanction
    return _check(
        "discipline",
        sanction is None,
        (
            "Tidak ada hukuman disiplin pada periode ini.",
            "No disciplinary sanction in the period.",
        ),
        (
            f"Ada hukuman disiplin pada periode ini ({sanction}).",
            f"A disciplinary sanction in the period ({sanction}).",
        ),
    )


def _flags(candidate: Candidate, rules: Eligibility) -> Check:
    blocking = sorted(flag.value for flag in candidate.open_flags & set(rules.blocking_flags))
    return _check(
        "flags",
        not blocking,
        ("Tidak ada tanda peringatan yang terbuka.", "No open warning flag."),
        (
            f"Ada tanda peringatan yang masih terbuka: {', '.join(blocking)}.",
            f"Open warning flag: {', '.join(blocking)}.",
        ),
    )


def _rotation(candidate: Candidate, maximum: int) -> Check:
    wins = candidate.consecutive_wins
    return _check(
        "consecutive_wins",
        wins < maximum,
        (
            f"Menang {wins} periode berturut-turut sebelumnya (batas {maximum}).",
            f"Won {wins} periods in a row before (limit {maximum}).",
        ),
        (
            f"Sudah menang {wins} periode berturut-turut (batas {maximum}); giliran yang lain.",
            f"Already won {wins} periods in a row (limit {maximum}); someone else's turn.",
        ),
    )
