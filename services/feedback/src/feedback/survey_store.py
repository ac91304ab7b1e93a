"""Every database call of the citizen survey: token batches, surveys, duplicate fingerprints."""

from datetime import datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts import Event
from feedback.tokens import token_used
from kit.mongo import Document
from kit.outbox import OUTBOX_FIELD, OutboxRelay, outbox_records

CITIZEN_TOKEN_BATCHES = "citizen_token_batches"  # noqa: S105 - a collection name
CITIZEN_SURVEYS = "citizen_surveys"
SURVEY_FINGERPRINTS = "survey_fingerprints"


class SurveyStore:
    """Surveys are keyed by their token's ``jti``: a token can be counted once, ever."""

    def __init__(self, db: AsyncDatabase[Document], relay: OutboxRelay) -> None:
        self._batches = db[CITIZEN_TOKEN_BATCHES]
        self._surveys = db[CITIZEN_SURVEYS]
        self._fingerprints = db[SURVEY_FINGERPRINTS]
        self._relay = relay

    async def ensure_indexes(self) -> None:
        """A unit's surveys by month; a unit's batches."""
        await self._surveys.create_index([("region", 1), ("unit_id", 1), ("year", 1)])
        await self._batches.create_index([("region", 1), ("unit_id", 1)])

    async def insert_batch(self, document: dict[str, Any]) -> None:
        """Store a new batch of tokens (random id, nothing to collide with)."""
        await self._batches.insert_one(document)

    async def get_batch(self, batch_id: str, *, with_tokens: bool = False) -> dict[str, Any] | None:
        """One batch; its raw tokens only when printing it."""
        projection = None if with_tokens else {"tokens": 0}
        return await self._batches.find_one({"_id": batch_id}, projection)

    async def survey_used(self, jti: str) -> bool:
        """Whether the token already carried a survey."""
        return await self._surveys.find_one({"_id": jti}, {"_id": 1}) is not None

    async def claim_fingerprint(
        self, fingerprint: str, jti: str, now: datetime, until: datetime
    ) -> bool:
        """Reserve a (client, content) fingerprint until ``until``; False if it is still held.

        One atomic upsert: a live fingerprint with the same ``_id`` makes it a duplicate key.
        Expired ones are dropped first, so no client hash outlives its window by much.
        """
        await self._fingerprints.delete_many({"until": {"$lte": now}})
        try:
            await self._fingerprints.update_one(
                {"_id": fingerprint, "until": {"$lte": now}},
                {"$set": {"until": until, "jti": jti}},
                upsert=True,
            )
        except DuplicateKeyError:
            return False
        return True

    async def release_fingerprint(self, fingerprint: str, jti: str) -> None:
        """Give a fingerprint back when the survey holding it was not stored."""
        await self._fingerprints.delete_one({"_id": fingerprint, "jti": jti})

    async def insert_survey(self, document: dict[str, Any], event: Event) -> None:
        """Store the survey and its event in one insert; a used token is 409, nothing written."""
        try:
            await self._surveys.insert_one(document | {OUTBOX_FIELD: outbox_records(event)})
        except DuplicateKeyError as error:
            raise token_used() from error
        self._relay.nudge()

    async def surveys_of(
        self, region: str, unit_id: str, months: list[str]
    ) -> list[dict[str, Any]]:
        """A unit's surveys of the given months (read by year, filtered here: few per unit)."""
        years = sorted({int(month[:4]) for month in months})
        wanted = set(months)
        found: list[dict[str, Any]] = []
        for year in years:
            cursor = self._surveys.find(
                {"region": region, "unit_id": unit_id, "year": year},
                {"outbox": 0, "text": 0},
            )
            found += [survey async for survey in cursor if survey["period"] in wanted]
        return found
