"""Granted and revoked awards, each change stored with its event in the same write (outbox)."""

from decimal import Decimal
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts import RewardGranted, RewardRevoked
from contracts.vocabulary import PositionType, Predikat
from kit.mongo import Document
from kit.outbox import OutboxRelay, with_outbox
from rewards.award_runs import Award, Scope
from rewards.bilingual import Text
from rewards.periods import parse_period
from rewards.reconcile import Reconciliation

AWARDS = "awards"
GRANTED, REVOKED = "granted", "revoked"
PRODUCER = "rewards"


def award_document(award: Award) -> dict[str, Any]:
    """An award as stored: plain values, the composite as exact text."""
    return {
        "region": award.region,
        "period": award.period,
        "year": parse_period(award.period).year,
        "kind": award.kind,
        "scope": award.scope.value,
        "scope_key": award.scope_key,
        "rank": award.rank,
        "nip": award.nip,
        "unit_id": award.unit_id,
        "position_type": award.position_type.value,
        "predikat": award.predikat.value,
        "composite": str(award.composite),
        "rule_version": award.rule_version,
        "score_event_id": award.score_event_id,
        "reasons": [{"code": item.code, "id": item.id, "en": item.en} for item in award.reasons],
    }


def award_from(document: dict[str, Any]) -> Award:
    """The award a stored document describes."""
    return Award(
        award_id=document["_id"],
        region=document["region"],
        period=document["period"],
        kind=document["kind"],
        scope=Scope(document["scope"]),
        scope_key=document["scope_key"],
        rank=document["rank"],
        nip=document["nip"],
        unit_id=document["unit_id"],
        position_type=PositionType(document["position_type"]),
        predikat=Predikat(document["predikat"]),
        composite=Decimal(document["composite"]),
        rule_version=document["rule_version"],
        score_event_id=document["score_event_id"],
        reasons=tuple(Text(**item) for item in document["reasons"]),
    )


def public_view(document: dict[str, Any]) -> dict[str, Any]:
    """An award for API answers: its id by name, no outbox."""
    view = {key: value for key, value in document.items() if key not in ("_id", "outbox")}
    return {"award_id": document["_id"], **view}


class AwardStore:
    """Awards by id; a grant or revocation is one guarded write of the award and its event."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._awards = db[AWARDS]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """Awards are listed per region and period, and per employee."""
        await self._awards.create_index([("region", 1), ("period", 1)])
        await self._awards.create_index([("region", 1), ("nip", 1)])

    async def held(self, region: str, period: str) -> list[Award]:
        """The awards of a period that stand now."""
        query = {"region": region, "period": period, "status": GRANTED}
        return [award_from(item) async for item in self._awards.find(query, {"outbox": 0})]

    async def of_period(self, region: str, period: str) -> list[dict[str, Any]]:
        """Every award of a period, granted or revoked, by kind, scope and rank."""
        query = {"region": region, "period": period}
        cursor = self._awards.find(query, {"outbox": 0}).sort(
            [("kind", 1), ("scope_key", 1), ("rank", 1)]
        )
        return [public_view(item) async for item in cursor]

    async def won_periods(self, region: str, nips: set[str]) -> dict[str, set[str]]:
        """The periods in which each of ``nips`` holds an award (rotation rules read them)."""
        query = {"region": region, "status": GRANTED}
        won: dict[str, set[str]] = {}
        async for item in self._awards.find(query, {"nip": 1, "period": 1}):
            if item["nip"] in nips:
                won.setdefault(item["nip"], set()).add(item["period"])
        return won

    async def list_for(self, region: str, nip: str, year: int | None) -> list[dict[str, Any]]:
        """An employee's awards, newest first (revoked ones too, saying so)."""
        query: dict[str, Any] = {"region": region, "nip": nip}
        if year is not None:
            query["year"] = year
        cursor = self._awards.find(query, {"outbox": 0}).sort("changed_at", -1).limit(100)
        return [public_view(item) async for item in cursor]

    async def get(self, award_id: str) -> dict[str, Any] | None:
        """One award by id."""
        return await self._awards.find_one({"_id": award_id}, {"outbox": 0})

    async def apply(self, changes: Reconciliation) -> None:
        """Store every grant and revocation of a reconciliation, each with its event."""
        for grant in changes.grants:
            await self._change(grant.award, GRANTED, grant.reason)
        for revocation in changes.revocations:
            await self._change(revocation.award, REVOKED, revocation.reason)

    async def _change(self, award: Award, status: str, reason: Text) -> None:
        async def write() -> None:
            stored = await self._awards.find_one({"_id": award.award_id}, {"status": 1})
            if stored is not None and stored["status"] == status:
                return  # already done by an earlier, interrupted attempt
            event = _event(award, status, reason)
            fields = {
                "status": status,
                "reason_id": reason.id,
                "reason_en": reason.en,
                "changed_at": event.occurred_at,
                f"{status}_at": event.occurred_at,
            }
            if status == GRANTED:
                fields |= award_document(award)
            update = with_outbox({"$set": fields}, event)
            await self._awards.update_one({"_id": award.award_id}, update, upsert=True)

        await self._relay.guarded(AWARDS, award.award_id, write)


def _event(award: Award, status: str, reason: Text) -> RewardGranted | RewardRevoked:
    fields: dict[str, Any] = {
        "region": award.region,
        "producer": PRODUCER,
        "reward_id": award.award_id,
        "nip": award.nip,
        "year": parse_period(award.period).year,
        "period": award.period,
        "kind": award.kind,
        "reason_id": reason.id,
        "reason_en": reason.en,
    }
    if status == GRANTED:
        return RewardGranted(score_event_id=award.score_event_id, **fields)
    return RewardRevoked(**fields)
