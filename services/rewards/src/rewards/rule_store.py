"""Each region's published reward rule versions, and which one is active (ADR 017)."""

import contextlib
from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from kit.mongo import Document
from rewards.bilingual import Refusal, Text
from rewards.rule_loading import Publication, RulesRefused, default_rules, parse_rules, publish
from rewards.rulebook import RewardRules

RULE_VERSIONS = "rule_versions"
ACTIVE_RULES = "active_rules"


class RuleStore:
    """Versions are kept for ever (a period's run reuses the version it started with)."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._versions = db[RULE_VERSIONS]
        self._active = db[ACTIVE_RULES]
        self._parsed: dict[tuple[str, str], RewardRules] = {}

    async def active(self, region: str) -> RewardRules:
        """The region's active version; the shipped template until the region publishes one."""
        pointer = await self._active.find_one({"_id": region})
        if pointer is None:
            return default_rules()
        found = await self.version(region, pointer["version"])
        assert found is not None, f"active rules {pointer['version']} of {region} are missing"
        return found

    async def version(self, region: str, version: str) -> RewardRules | None:
        """A published version of the region's rules (the template by its own version)."""
        template = default_rules()
        if version == template.version:
            return template
        key = (region, version)
        if key not in self._parsed:
            stored = await self._versions.find_one({"_id": f"{region}:{version}"})
            if stored is None:
                return None
            parsed = parse_rules(stored["text"], source=stored["source"])
            assert not isinstance(parsed, RulesRefused), f"stored rules {key} no longer validate"
            self._parsed[key] = parsed
        return self._parsed[key]

    async def check(self, region: str, text: str, *, source: str) -> Publication:
        """Validate a file as the region's next version without publishing it (for previews)."""
        outcome = publish(await self.active(region), text, source=source)
        if outcome.refused is None:
            _require_region(outcome.active, region)
            await self._refuse_reused_version(region, outcome.active, text)
        return outcome

    async def publish(self, region: str, text: str, *, source: str, by: str) -> Publication:
        """Adopt a file as the active version, or keep the active one and say why not."""
        outcome = await self.check(region, text, source=source)
        if outcome.refused is not None:
            return outcome
        rules = outcome.active
        record = {"region": region, "version": rules.version, "text": text, "source": source}
        now = datetime.now(UTC)
        with contextlib.suppress(DuplicateKeyError):  # the same file again: re-activated below
            await self._versions.insert_one(
                {"_id": f"{region}:{rules.version}", **record, "published_at": now, "by": by}
            )
        await self._active.update_one(
            {"_id": region},
            {"$set": {"version": rules.version, "since": now, "by": by}},
            upsert=True,
        )
        return outcome

    async def history(self, region: str) -> list[dict[str, Any]]:
        """The region's published versions, newest first, without their text."""
        cursor = self._versions.find({"region": region}, {"text": 0}).sort("published_at", -1)
        return [
            {key: value for key, value in item.items() if key != "_id"} async for item in cursor
        ]

    async def _refuse_reused_version(self, region: str, rules: RewardRules, text: str) -> None:
        stored = await self._versions.find_one({"_id": f"{region}:{rules.version}"})
        if stored is not None and stored["text"] != text:
            raise Refusal(
                Text(
                    "rules.version_used",
                    f"Versi {rules.version} sudah pernah diterbitkan dengan isi lain;"
                    " beri nomor versi baru.",
                    f"Version {rules.version} was published before with other content;"
                    " give a new version.",
                )
            )


def _require_region(rules: RewardRules, region: str) -> None:
    """A region publishes rules that name it, so a file is never adopted by the wrong region."""
    if rules.region != region:
        raise Refusal(
            Text(
                "rules.region",
                f"Berkas aturan harus menyebut region: {region} (tertulis: {rules.region}).",
                f"The rule file must say region: {region} (it says: {rules.region}).",
            )
        )
