"""What to grant and what to revoke when a period's run is (re)computed: never anything twice.

The first run of a closed period grants everything; a replay or re-run of the same facts
changes nothing; after an appeal changes a score, only the difference is granted or revoked,
each with the reason. Grants are matched by kind, scope and person, not by id, so a run under
another rules version still does not grant the same award a second time.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rewards.award_runs import SCOPE_WORDS, Award, AwardRun
from rewards.bilingual import Text, joined
from rewards.periods import parse_period


class Cause(StrEnum):
    """Why a run was computed; it opens the reason of every change it makes."""

    PERIOD_CLOSED = "period_closed"
    APPEAL = "appeal"
    RESCORED = "rescored"


_CAUSE_WORDS = {
    Cause.PERIOD_CLOSED: ("Periode ditutup", "Period closed"),
    Cause.APPEAL: (
        "Dinilai ulang setelah keberatan mengubah nilai",
        "Re-evaluated after an appeal changed a score",
    ),
    Cause.RESCORED: (
        "Dinilai ulang karena ada nilai yang tiba atau berubah setelah penghargaan dihitung",
        "Re-evaluated because a score arrived or changed after the awards were computed",
    ),
}


@dataclass(frozen=True)
class Grant:
    """An award to grant now, with its reason."""

    award: Award
    reason: Text


@dataclass(frozen=True)
class Revocation:
    """A held award to withdraw, with the reason."""

    award: Award
    reason: Text


@dataclass(frozen=True)
class Reconciliation:
    """The changes that bring the held awards in line with the run."""

    grants: tuple[Grant, ...]
    revocations: tuple[Revocation, ...]

    @property
    def unchanged(self) -> bool:
        """True when the held awards already are the run's awards."""
        return not self.grants and not self.revocations


def reconcile(
    held: Iterable[Award], run: AwardRun, *, cause: Cause = Cause.PERIOD_CLOSED
) -> Reconciliation:
    """Grant the run's awards not held yet; revoke the held ones the run no longer gives."""
    held_awards = list(held)
    foreign = [
        item.award_id
        for item in held_awards
        if (item.region, item.period) != (run.region, run.period)
    ]
    if foreign:
        raise ValueError(f"awards of another region or period: {', '.join(sorted(foreign))}")
    held_keys = {item.key for item in held_awards}
    run_keys = {item.key for item in run.awards}
    prefix = _prefix(cause)
    grants = tuple(
        Grant(item, joined("grant", [prefix, *item.reasons]).clipped())
        for item in run.awards
        if item.key not in held_keys
    )
    revocations = tuple(
        Revocation(item, joined("revoke", [prefix, _why_not(item, run)]).clipped())
        for item in sorted(held_awards, key=lambda award: award.key)
        if item.key not in run_keys
    )
    return Reconciliation(grants, revocations)


def _prefix(cause: Cause) -> Text:
    id_text, en_text = _CAUSE_WORDS[cause]
    return Text(f"cause.{cause.value}", f"{id_text}.", f"{en_text}.")


def _why_not(award: Award, run: AwardRun) -> Text:
    """The run's own account of why the holder no longer wins this award."""
    label = parse_period(award.period).label()
    head_id = f"Penghargaan {award.kind} {label.id} dicabut"
    head_en = f"Award {award.kind} {label.en} revoked"
    assessment = run.assessment_of(award.nip)
    if assessment is None:
        return Text(
            "revoke.no_score", f"{head_id}: tidak ada nilai lagi.", f"{head_en}: no score any more."
        )
    if not assessment.eligible:
        failures = joined("failures", assessment.failures)
        return Text(
            "revoke.ineligible",
            f"{head_id}: tidak lagi memenuhi syarat. {failures.id}",
            f"{head_en}: no longer eligible. {failures.en}",
        )
    placing = run.placing(award.kind, award.scope_key, award.nip)
    if placing is None:
        where_id, where_en = SCOPE_WORDS[award.scope]
        return Text(
            "revoke.out_of_scope",
            f"{head_id}: tidak lagi dinilai di {where_id} {award.scope_key}.",
            f"{head_en}: no longer ranked in {where_en} {award.scope_key}.",
        )
    placed, top_n = placing
    return Text(
        "revoke.outranked",
        f"{head_id}: sekarang peringkat {placed.rank}, di luar {top_n} besar"
        f" (nilai gabungan {placed.composite}).",
        f"{head_en}: now in place {placed.rank}, outside the top {top_n}"
        f" (composite {placed.composite}).",
    )
