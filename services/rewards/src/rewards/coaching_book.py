"""Coaching plans as stored: opened by weak final scores, followed up, linked to the next result."""

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from contracts import CoachingPlanChanged, ScoreComputed
from contracts.vocabulary import CoachingStep
from kit.directory import EmployeeDirectory
from kit.mongo import Document
from kit.outbox import OutboxRelay, with_outbox
from rewards.bilingual import Refusal
from rewards.coaching import CoachingPlan, link_next_result, needs_coaching, plan_id, start_plan
from rewards.periods import parse_period
from rewards.rule_store import RuleStore

COACHING_PLANS = "coaching_plans"
PRODUCER = "rewards"
OPEN, FOLLOWED_UP = "open", "followed_up"
log = logging.getLogger(__name__)


class CoachingBook:
    """One document per plan (``_id`` = plan id); every step is one guarded write with its event."""

    def __init__(
        self,
        db: AsyncDatabase[Document],
        relay: OutboxRelay,
        directory: EmployeeDirectory,
        rules: RuleStore,
    ) -> None:
        self._plans = db[COACHING_PLANS]
        self._relay = relay
        self._directory = directory
        self._rules = rules

    async def ensure_indexes(self) -> None:
        """Plans are listed per region, coach and coachee."""
        await self._plans.create_index([("region", 1), ("nip", 1)])
        await self._plans.create_index([("region", 1), ("coach_nip", 1)])

    async def get(self, plan_id_: str) -> CoachingPlan | None:
        """A plan by id."""
        stored = await self._plans.find_one({"_id": plan_id_}, {"plan": 1})
        return None if stored is None else CoachingPlan.model_validate(stored["plan"])

    async def listing(self, query: dict[str, Any], *, skip: int, limit: int) -> dict[str, Any]:
        """A page of plans matching ``query``, newest period first, with the total."""
        total = await self._plans.count_documents(query)
        cursor = (
            self._plans.find(query, {"outbox": 0})
            .sort([("period", -1), ("_id", 1)])
            .skip(skip)
            .limit(limit)
        )
        items = [_summary(item) async for item in cursor]
        return {"items": items, "total": total, "offset": skip, "limit": limit}

    async def on_final_score(self, score: ScoreComputed, today: date) -> None:
        """Link the result to the employee's open plans; open a plan when the result is weak."""
        if score.provisional:
            return
        open_plans = {"region": score.region, "nip": score.nip, "status": OPEN}
        async for stored in self._plans.find(open_plans, {"_id": 1}):
            await self.change(
                stored["_id"],
                CoachingStep.RESULT_LINKED,
                lambda plan: link_next_result(
                    plan, period=score.period, predikat=score.predikat, composite=score.composite
                ),
                quiet=True,
            )
        if needs_coaching(score.predikat):
            await self._open(score, today)

    async def change(
        self,
        plan_id_: str,
        step: CoachingStep,
        apply: Callable[[CoachingPlan], CoachingPlan],
        *,
        quiet: bool = False,
    ) -> CoachingPlan | None:
        """Apply one step to a stored plan (None: no such plan); ``quiet`` skips refused steps."""

        async def write() -> CoachingPlan | None:
            plan = await self.get(plan_id_)
            if plan is None:
                return None
            try:
                changed = apply(plan)
            except Refusal:
                if quiet:
                    return plan
                raise
            await self._save(changed, step, upsert=False)
            return changed

        return await self._relay.guarded(COACHING_PLANS, plan_id_, write)

    async def _open(self, score: ScoreComputed, today: date) -> None:
        key = plan_id(score.region, score.nip, score.period)
        employee = await self._directory.get(score.region, score.nip) or {}
        rule = (await self._rules.active(score.region)).coaching

        async def write() -> None:
            if await self._plans.find_one({"_id": key}, {"_id": 1}) is not None:
                return
            try:
                plan = start_plan(
                    region=score.region,
                    nip=score.nip,
                    period=score.period,
                    predikat=score.predikat,
                    composite=score.composite,
                    receipt=score.receipt,
                    ppk_nip=employee.get("supervisor_nip"),
                    started_on=today,
                    rule=rule,
                )
            except Refusal as refusal:
                log.warning("no coaching plan for %s %s: %s", score.nip, score.period, refusal)
                return
            if plan is not None:
                await self._save(
                    plan, CoachingStep.OPENED, upsert=True, unit_id=employee.get("unit_id")
                )

        await self._relay.guarded(COACHING_PLANS, key, write)

    async def _save(
        self, plan: CoachingPlan, step: CoachingStep, *, upsert: bool, unit_id: str | None = None
    ) -> None:
        event = CoachingPlanChanged(
            region=plan.region,
            producer=PRODUCER,
            plan_id=plan.plan_id,
            nip=plan.nip,
            coach_nip=plan.coach_nip,
            year=parse_period(plan.period).year,
            period=plan.period,
            predikat=plan.predikat,
            kinds=tuple(track.kind for track in plan.tracks),
            step=step,
            sessions=len(plan.sessions),
            follow_up_on=plan.follow_up_on,
            outcome=plan.next_result.outcome if plan.next_result else None,
        )
        fields: dict[str, Any] = {
            "region": plan.region,
            "nip": plan.nip,
            "coach_nip": plan.coach_nip,
            "period": plan.period,
            "status": FOLLOWED_UP if plan.next_result else OPEN,
            "plan": plan.model_dump(mode="json"),
            "updated_at": datetime.now(UTC),
        }
        if unit_id is not None:
            fields["unit_id"] = unit_id
        update = with_outbox({"$set": fields}, event)
        await self._plans.update_one({"_id": plan.plan_id}, update, upsert=upsert)


def _summary(stored: dict[str, Any]) -> dict[str, Any]:
    """A plan for lists: who, what, when, how far along."""
    plan = stored["plan"]
    return {
        "plan_id": stored["_id"],
        "nip": stored["nip"],
        "coach_nip": stored["coach_nip"],
        "unit_id": stored.get("unit_id"),
        "period": stored["period"],
        "status": stored["status"],
        "predikat": plan["predikat"],
        "kinds": [track["kind"] for track in plan["tracks"]],
        "sessions": len(plan["sessions"]),
        "follow_up_on": plan["follow_up_on"],
        "outcome": (plan.get("next_result") or {}).get("outcome"),
    }
