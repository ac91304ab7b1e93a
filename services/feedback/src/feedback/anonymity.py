"""Who said what stays unknown: keyed pseudonyms and k-anonymous 360 summaries (ADR 010).

Raters are stored and published only as HMAC pseudonyms: a plain hash of a NIP could be
reversed by hashing every NIP of the directory, a keyed one only by whoever holds the key.
Peer and subordinate answers are shown only as group figures of at least ``k`` raters, and
no figure ever combines a hidden group (or a hidden value) with shown ones, so a hidden
group cannot be recovered by subtracting one shown figure from another.
"""

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from contracts.vocabulary import BerakhlakValue, FeedbackSource

ANONYMOUS = (FeedbackSource.PEER, FeedbackSource.SUBORDINATE)
NAMED = (FeedbackSource.TEAM, FeedbackSource.SELF)  # one known rater each: not anonymous
OTHERS = (FeedbackSource.PEER, FeedbackSource.SUBORDINATE, FeedbackSource.TEAM)  # not self
POOLED = "peer_subordinate"
REF_LENGTH = 32  # hex characters of a rater pseudonym (128 bits)


@dataclass(frozen=True)
class Pseudonyms:
    """Keyed hashes naming a rater (per region) and their one submission per ratee and period."""

    secret: bytes

    def _digest(self, *parts: str) -> str:
        return hmac.new(self.secret, "|".join(parts).encode(), hashlib.sha256).hexdigest()

    def rater_ref(self, region: str, rater_nip: str) -> str:
        """The rater's stable pseudonym in the region (scoring estimates leniency per rater)."""
        return "r" + self._digest("rater", region, rater_nip)[:REF_LENGTH]

    def submission_id(self, region: str, rater_nip: str, ratee_nip: str, period: str) -> str:
        """One id per rater, ratee and period: a second answer replaces the first."""
        return self._digest("submission", region, rater_nip, ratee_nip, period)


@dataclass(frozen=True)
class Anonymity:
    """The service's pseudonym key and the smallest group shown (``k``), from settings."""

    pseudonyms: Pseudonyms
    k: int = 3

    @classmethod
    def from_secret(cls, secret: str, k: int) -> "Anonymity":
        """Built once per process from ``pseudonym_secret`` and ``anonymity_k``."""
        return cls(Pseudonyms(secret.encode()), k)


def _hidden(k: int) -> dict[str, Any]:
    """A suppressed figure: says why, never how many answered."""
    return {
        "shown": False,
        "reason": f"Disembunyikan: kurang dari {k} jawaban",
        "reason_en": f"Hidden: fewer than {k} answers",
    }


def _round(value: float) -> float:
    return round(value, 2)


def _group(answers: list[Mapping[str, Any]], k: int, *, anonymous: bool) -> dict[str, Any]:
    """One group's count, per-value means (each from at least k scores when anonymous), comments."""
    if anonymous and len(answers) < k:
        return _hidden(k)
    values: dict[str, Any] = {}
    kept: list[int] = []
    for value in BerakhlakValue:
        scores = [int(answer["scores"][value]) for answer in answers if value in answer["scores"]]
        if not scores:
            continue
        if anonymous and len(scores) < k:
            values[value] = _hidden(k)
            continue
        values[value] = {"shown": True, "count": len(scores), "mean": _round(fmean(scores))}
        kept += scores
    return {
        "shown": True,
        "count": len(answers),
        "values": values,
        # Only over the values shown: a hidden value must not be recoverable from the mean.
        "mean": _round(fmean(kept)) if kept else None,
        # Sorted, not in submission order: the order must not hint at who wrote what.
        "strengths": sorted(text for answer in answers if (text := answer.get("strengths"))),
        "improve": sorted(text for answer in answers if (text := answer.get("improve"))),
    }


def _overall(groups: Iterable[tuple[list[Mapping[str, Any]], dict[str, Any]]]) -> dict[str, Any]:
    """Others' view (not self) per value, pooling only the shown values of shown groups."""
    pooled: dict[str, list[int]] = {}
    for answers, figure in groups:
        if not figure["shown"]:
            continue
        for value, cell in figure["values"].items():
            if cell["shown"]:
                pooled.setdefault(value, []).extend(
                    int(answer["scores"][value]) for answer in answers if value in answer["scores"]
                )
    every = [score for scores in pooled.values() for score in scores]
    return {
        "values": {value: _round(fmean(scores)) for value, scores in pooled.items()},
        "mean": _round(fmean(every)) if every else None,
    }


def summarize(answers: Iterable[Mapping[str, Any]], k: int, *, with_self: bool) -> dict[str, Any]:
    """What an employee (or their PPK, or HR) may see of the 360 answers about one period.

    Peer and subordinate groups appear only with at least ``k`` raters; when both are hidden
    but together reach ``k``, one pooled figure of both appears instead (it contains no
    figure shown elsewhere, so nothing can be subtracted). When exactly one is hidden, no
    combined figure includes it. Team (the unit head) and self are single known raters.
    """
    by_source: dict[FeedbackSource, list[Mapping[str, Any]]] = {}
    for answer in answers:
        by_source.setdefault(FeedbackSource(answer["source"]), []).append(answer)
    groups: dict[str, Any] = {}
    parts: list[tuple[list[Mapping[str, Any]], dict[str, Any]]] = []
    for source in ANONYMOUS:
        found = by_source.get(source, [])
        groups[source] = _group(found, k, anonymous=True)
        parts.append((found, groups[source]))
    if not any(groups[source]["shown"] for source in ANONYMOUS):
        both = [answer for source in ANONYMOUS for answer in by_source.get(source, [])]
        groups[POOLED] = _group(both, k, anonymous=True)
        parts.append((both, groups[POOLED]))
    team = by_source.get(FeedbackSource.TEAM, [])
    groups[FeedbackSource.TEAM] = _group(team, k, anonymous=False)
    parts.append((team, groups[FeedbackSource.TEAM]))
    if with_self:
        groups[FeedbackSource.SELF] = _group(
            by_source.get(FeedbackSource.SELF, []), k, anonymous=False
        )
    return {"k": k, "groups": groups, "overall": _overall(parts)}
