"""Who is in a region's talent pool now; every entry and exit is stored with its event."""

from collections.abc import Mapping
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts import TalentPoolChanged
from contracts.vocabulary import Predikat
from kit.mongo import Document
from kit.outbox import OutboxRelay, with_outbox
from rewards.bilingual import Text
from rewards.periods import parse_period
from rewards.rulebook import RewardRules
from rewards.talent_pool import TalentPoolChange, change_id, in_talent_pool, talent_pool_changes

TALENT_POOL = "talent_pool"
PRODUCER = "rewards"


class TalentRegistry:
    """One document per employee: member or not, since when and why (``_id`` region:nip)."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._members = db[TALENT_POOL]
        self._relay = relay

    async def members(self, region: str) -> list[dict[str, Any]]:
        """The region's current talent pool, by NIP."""
        query = {"region": region, "member": True}
        cursor = self._members.find(query, {"outbox": 0}).sort("nip", 1)
        return [
            {key: value for key, value in item.items() if key != "_id"} async for item in cursor
        ]

    @staticmethod
    def counts(rules: RewardRules, period: str) -> bool:
        """Whether a run of ``period`` can change the pool (it is of the pool's cadence)."""
        rule = rules.talent_pool
        return rule is not None and parse_period(period).cadence is rule.cadence

    async def update(
        self,
        region: str,
        period: str,
        rules: RewardRules,
        history: Mapping[str, Mapping[str, str]],
    ) -> None:
        """After a run that counts: enter or leave whoever's membership changed."""
        rule = rules.talent_pool
        if rule is None or not self.counts(rules, period):
            return
        for nip, periods in sorted(history.items()):
            changes = talent_pool_changes(
                nip, {key: Predikat(value) for key, value in periods.items()}, rule
            )
            await self._settle(region, nip, period, changes, rules.version)

    async def _settle(
        self,
        region: str,
        nip: str,
        period: str,
        changes: tuple[TalentPoolChange, ...],
        rule_version: str,
    ) -> None:
        member = in_talent_pool(changes)
        key = f"{region}:{nip}"
        stored = await self._members.find_one({"_id": key}, {"member": 1})
        if (stored is not None and stored["member"] == member) or (stored is None and not member):
            return
        change = (
            changes[-1]
            if changes and changes[-1].entered == member
            else _recounted(nip, period, member)
        )
        event = TalentPoolChanged(
            region=region,
            producer=PRODUCER,
            change_id=change_id(region, change, rule_version),
            nip=nip,
            year=parse_period(change.period).year,
            period=change.period,
            entered=member,
            reason_id=change.reason.clipped().id,
            reason_en=change.reason.clipped().en,
        )
        fields = {
            "region": region,
            "nip": nip,
            "member": member,
            "period": change.period,
            "reason_id": event.reason_id,
            "reason_en": event.reason_en,
            "changed_at": event.occurred_at,
        }

        async def write() -> None:
            await self._members.update_one(
                {"_id": key}, with_outbox({"$set": fields}, event), upsert=True
            )

        await self._relay.guarded(TALENT_POOL, key, write)


def _recounted(nip: str, period: str, member: bool) -> TalentPoolChange:
    """A change no period explains by itself: a changed result (appeal) redrew the streak."""
    label = parse_period(period).label()
    if member:
        reason = Text(
            "talent_pool.recounted_in",
            f"Masuk talent pool setelah nilai dihitung ulang ({label.id}).",
            f"Entered the talent pool after results were recounted ({label.en}).",
        )
    else:
        reason = Text(
            "talent_pool.recounted_out",
            f"Keluar dari talent pool: setelah nilai dihitung ulang ({label.id}) syarat masuk"
            " tidak lagi terpenuhi.",
            f"Left the talent pool: after results were recounted ({label.en}) the entry"
            " condition no longer holds.",
        )
    return TalentPoolChange(nip, period, member, reason)
